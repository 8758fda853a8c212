// What a user can do to the scenario set, one named function each. An action
// takes the set (the object a link holds, checked by www/src/state.js) and
// what the user chose, and changes the set; nothing else. Scenarios,
// instruments and conditions are named by their position (scenario `i`,
// instrument `j`, condition `k`), so that an action needs no object of the
// page. Years and counts are clamped to what the model accepts; values the
// model would refuse never reach an action (controls.js refuses them at
// their field). The store does an action and announces it (store.js `act`,
// `edit`); the actions know neither the store nor the page, so they are
// tested alone (www/tests/actions.test.mjs).
import { defaultPlace, YEARS, REPLICATIONS, CALENDAR } from './state.js';
import { clampInt } from './format.js';

/**
 * Another place: a preset's id or 'custom' (a custom place keeps the fields
 * given before, or starts from the defaults). The baseline is the place's
 * own, so a changed baseline is dropped; the scenarios stay.
 */
export function choosePlace(state, preset) {
  state.preset = preset;
  if (preset === 'custom') state.place = state.place ?? defaultPlace(); else delete state.place;
  state.scenarios = [{ name: '', instruments: [] }, ...state.scenarios.slice(1)];
}

/** The custom place's fields, all of them (checked at their fields first). */
export function setPlace(state, place) {
  state.place = place;
}

/** Years projected, clamped to what the page runs. */
export function setYears(state, v) {
  state.years = clampInt(v, YEARS.min, YEARS.max, state.years);
}

/** Replications, clamped to what the page runs. */
export function setReplications(state, v) {
  state.replications = clampInt(v, REPLICATIONS.min, REPLICATIONS.max, state.replications);
}

/** A new scenario at the end, without instruments, named by its number. */
export function addScenario(state) {
  state.scenarios.push({ name: `Scenario ${state.scenarios.length}`, instruments: [] });
}

/** Removes scenario `i` (not the baseline, 0: what a link added to it is removed instrument by instrument). */
export function removeScenario(state, i) {
  state.scenarios.splice(i, 1);
}

/** Scenario `i`'s name. */
export function renameScenario(state, i, name) {
  state.scenarios[i].name = name;
}

/** Adds `instrument` ({kind, start, end, settings}) to scenario `i`. */
export function addInstrument(state, i, instrument) {
  state.scenarios[i].instruments.push(instrument);
}

/** Removes instrument `j` of scenario `i`. */
export function removeInstrument(state, i, j) {
  state.scenarios[i].instruments.splice(j, 1);
}

/** Instrument `j`'s first year, from `first` (the projection's) on. */
export function setStart(state, i, j, v, first) {
  const inst = state.scenarios[i].instruments[j];
  inst.start = clampInt(v, first, CALENDAR.max, inst.start);
}

/** Instrument `j`'s last year (exclusive: it ends in January of `v`), or none (`''` or null). */
export function setEnd(state, i, j, v) {
  const inst = state.scenarios[i].instruments[j];
  inst.end = v === '' || v === null ? null : clampInt(v, inst.start + 1, CALENDAR.max, null);
}

/** Setting `name` of instrument `j` of scenario `i`; `undefined` returns it to its default. */
export function setSetting(state, i, j, name, value) {
  const settings = state.scenarios[i].instruments[j].settings;
  if (value === undefined) delete settings[name]; else settings[name] = value;
}

/** A changed condition on scenario `i`: `driver` at 100% of its level, from `from` on. */
export function addCondition(state, i, driver, from) {
  const s = state.scenarios[i];
  (s.conditions ??= []).push({ driver, from, pct: 100 });
}

/** Condition `k`'s first year, from `first` (the projection's) on. */
export function setConditionFrom(state, i, k, v, first) {
  const c = state.scenarios[i].conditions[k];
  c.from = clampInt(v, first, CALENDAR.max, c.from);
}

/** Condition `k`'s level, in per cent of the place's level in the data year. */
export function setConditionPct(state, i, k, pct) {
  state.scenarios[i].conditions[k].pct = pct;
}

/** Removes condition `k` of scenario `i`. */
export function removeCondition(state, i, k) {
  state.scenarios[i].conditions.splice(k, 1);
}

/** The page's other language (Swedish ↔ English). */
export function toggleLanguage(state) {
  state.lang = state.lang === 'sv' ? 'en' : 'sv';
}
