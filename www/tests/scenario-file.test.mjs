// Unit tests of opening a scenario file in the page (www/src/scenario-file.js)
// against the real model (the Wasm build): what the page saves, the model
// normalises and the page opens again is the scenario it saved — every
// instrument kind, with settings left out (the file writes them as nothing)
// and set, and every driver path.
//
//   node --test tests/scenario-file.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, catalogue as catalogueJson, normalise, scenario_toml } from '../src/pkg/hemma.js';
import { MAX_CONDITIONS, check, defaultState } from '../src/state.js';
import { scenarioJson, customBase } from '../src/scenario-json.js';
import { FileRefused, openScenarioFile, settingsOfConfig } from '../src/scenario-file.js';

initSync({ module: readFileSync(new URL('../src/pkg/hemma_bg.wasm', import.meta.url)) });
const catalogue = JSON.parse(catalogueJson());
const preset = (id) => JSON.parse(normalise(readFileSync(new URL(`../../scenarios/${id}.toml`, import.meta.url), 'utf8')));
const presetScenarios = { karlstad: preset('karlstad'), sverige: preset('sverige') };
const nationalMix = { scenario: presetScenarios.sverige, population: catalogue.presets.find((p) => p.id === 'sverige').population };
const page = (state) => ({ state, catalogue, presetScenarios, nationalMix, firstYear: catalogue.history_start_year });
const levels = (preset) => Object.fromEntries(catalogue.drivers.map((d) => [d.name, d.levels[preset] ?? d.levels.sverige]));

/** Saves scenario 1 of `state` as the page does (TOML from the model) and reads it back as the model normalises it. */
function saved(state) {
  const base = state.preset === 'custom' ? customBase(state.place, nationalMix, catalogue) : presetScenarios[state.preset];
  const toml = scenario_toml(scenarioJson(state, 1, base, 'Nuläge', catalogue.data_year, levels(state.preset)));
  return JSON.parse(normalise(toml));
}

test('every instrument kind at its defaults and every driver path come back as they were saved', () => {
  const instruments = catalogue.instruments.map((d) => ({ kind: d.kind, start: 2028, end: null, settings: Object.fromEntries(d.settings.filter((r) => r.type === 'choice' && r.default === null).map((r) => [r.name, r.options[0]])) }));
  // A scenario takes at most MAX_CONDITIONS paths: the drivers go in turns.
  for (let first = 0; first < catalogue.drivers.length; first += MAX_CONDITIONS) {
    const conditions = catalogue.drivers.slice(first, first + MAX_CONDITIONS).map((d, k) => ({ driver: d.name, from: 2027 + k, pct: 50 + 12.5 * k }));
    const state = defaultState();
    state.scenarios.push({ name: 'Alla', instruments, conditions });
    const back = check(openScenarioFile(saved(state), page(defaultState())), catalogue);
    assert.deepEqual(back.scenarios[1], state.scenarios[1]);
  }
});

test('a setting left out is not written back as nothing, a setting at its default is left out, a changed one kept', () => {
  const row = (kind) => ({ kind, start_month: 0, end_month: null, ...Object.fromEntries(catalogue.instruments.find((d) => d.kind === kind).settings.map((r) => [r.name, r.default ?? null])) });
  assert.deepEqual(settingsOfConfig(catalogue, row('housing_first')), {});
  assert.deepEqual(settingsOfConfig(catalogue, { ...row('housing_first'), places: 45, tenancies_in_force: 10 }), { places: 45, tenancies_in_force: 10 });
  assert.deepEqual(settingsOfConfig(catalogue, { ...row('rent_guarantee'), guarantee_kind: 'own_income' }), { guarantee_kind: 'own_income' });
});

test('a file the page cannot show is refused with the reason, not half opened', () => {
  const s = saved({ ...defaultState(), scenarios: [{ name: '', instruments: [] }, { name: 'x', instruments: [] }] });
  assert.throws(() => openScenarioFile({ ...s, place: 'plats.toml', preset: undefined }, page(defaultState())), (e) => e instanceof FileRefused && e.key === 'placeFileRef');
  assert.throws(() => openScenarioFile({ ...s, preset: 'atlantis' }, page(defaultState())), (e) => e instanceof FileRefused && e.key === 'unknownPreset');
  assert.throws(() => openScenarioFile({ ...s, drivers: { conditions: 'constant' } }, page(defaultState())), (e) => e instanceof FileRefused && e.key === 'conditionsNotShown');
});

test('a custom place\'s count keeps its year through a saved file (format 3); a format-2 file\'s undated count opens as the count of 2011', () => {
  const place = { name: 'Min kommun', population: 50000, rental_share_pct: 40, coop_share_pct: 25, owner_share_pct: 35, homeless_per_10k: 52.5, homeless_count_year: 2023 };
  const state = { ...defaultState(), preset: 'custom', place, scenarios: [{ name: '', instruments: [] }, { name: 'x', instruments: [] }] };
  const base = customBase(place, nationalMix, catalogue);
  const toml = scenario_toml(scenarioJson(state, 1, base, 'Nuläge', catalogue.data_year, levels('sverige')));
  assert.match(toml, /^format = 3$/m);
  assert.match(toml, /^homeless_count_year = 2023$/m);
  const back = check(openScenarioFile(JSON.parse(normalise(toml)), page(defaultState())), catalogue);
  assert.deepEqual(back.place, place);
  // The same file as format 2 wrote it: no year (the count was the 2011 start).
  const old = toml.replace(/^format = 3$/m, 'format = 2').replace(/^homeless_count_year = 2023\n/m, '');
  assert.doesNotMatch(old, /homeless_count_year/);
  const opened = check(openScenarioFile(JSON.parse(normalise(old)), page(defaultState())), catalogue);
  assert.deepEqual(opened.place, { ...place, homeless_count_year: 2011 });
  // Format 3 without the year is refused by the model, naming the field.
  assert.throws(() => normalise(old.replace(/^format = 2$/m, 'format = 3')), /homeless_count_year/);
});
