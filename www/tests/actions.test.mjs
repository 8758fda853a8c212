// Unit tests of the user actions (www/src/actions.js) under Node's test
// runner: each changes what it names and nothing else, clamps years and
// counts to what the page runs, and leaves a scenario set that a link
// holds unchanged (the state check accepts it and the link reads it back).
//
//   node --test tests/actions.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as actions from '../src/actions.js';
import { check, defaultState, YEARS, REPLICATIONS, CALENDAR } from '../src/state.js';
import { toHash, fromHash } from '../src/link.js';
import { catalogue } from './catalogue.mjs';

/** A state with two scenarios: the baseline and one with an instrument and a condition. */
function twoScenarios() {
  const state = defaultState();
  actions.addScenario(state);
  actions.addInstrument(state, 1, { kind: 'housing_first', start: 2027, end: null, settings: {} });
  actions.addCondition(state, 1, 'unemployment_pct', 2027);
  return state;
}

test('every action leaves a scenario set that the state check accepts and a link reads back', () => {
  const state = twoScenarios();
  actions.renameScenario(state, 1, 'Bostad först');
  actions.setSetting(state, 1, 0, 'places', 80);
  actions.setStart(state, 1, 0, 2028, 2026);
  actions.setEnd(state, 1, 0, 2033);
  actions.setConditionFrom(state, 1, 0, 2029, 2026);
  actions.setConditionPct(state, 1, 0, 120);
  actions.setYears(state, 15);
  actions.setReplications(state, 40);
  actions.toggleLanguage(state);
  assert.deepEqual(check(structuredClone(state), catalogue), state);
  assert.deepEqual(fromHash(toHash(state), catalogue), state);
  assert.deepEqual(state.scenarios[1], {
    name: 'Bostad först',
    instruments: [{ kind: 'housing_first', start: 2028, end: 2033, settings: { places: 80 } }],
    conditions: [{ driver: 'unemployment_pct', from: 2029, pct: 120 }],
  });
  assert.equal(state.lang, 'en');
});

test('years, replications and instrument years are clamped to what the page runs; text that is no number keeps the value', () => {
  const state = twoScenarios();
  actions.setYears(state, 500);
  assert.equal(state.years, YEARS.max);
  actions.setYears(state, 'ten');
  assert.equal(state.years, YEARS.max);
  actions.setReplications(state, 0);
  assert.equal(state.replications, REPLICATIONS.min);
  actions.setReplications(state, 7.6);
  assert.equal(state.replications, 8);
  // An instrument cannot start in the history: the projection's first year is the least.
  actions.setStart(state, 1, 0, 2011, 2026);
  assert.equal(state.scenarios[1].instruments[0].start, 2026);
  actions.setEnd(state, 1, 0, 2020);
  assert.equal(state.scenarios[1].instruments[0].end, 2027, 'an end comes at least a year after the start');
  actions.setEnd(state, 1, 0, '');
  assert.equal(state.scenarios[1].instruments[0].end, null);
  actions.setConditionFrom(state, 1, 0, 99999, 2026);
  assert.equal(state.scenarios[1].conditions[0].from, CALENDAR.max);
});

test('a setting set to undefined returns to its default: it leaves the scenario file', () => {
  const state = twoScenarios();
  actions.setSetting(state, 1, 0, 'places', 50);
  actions.setSetting(state, 1, 0, 'places', undefined);
  assert.deepEqual(state.scenarios[1].instruments[0].settings, {});
});

test('another place drops what a link added to the baseline and keeps the scenarios; a custom place starts from the defaults once', () => {
  const state = twoScenarios();
  actions.addInstrument(state, 0, { kind: 'outreach', start: 2026, end: null, settings: {} });
  actions.choosePlace(state, 'uppsala');
  assert.equal(state.preset, 'uppsala');
  assert.deepEqual(state.scenarios[0], { name: '', instruments: [] });
  assert.equal(state.scenarios[1].instruments.length, 1);
  actions.choosePlace(state, 'custom');
  assert.ok(state.place.population > 0);
  actions.setPlace(state, { ...state.place, name: 'Eget' });
  actions.choosePlace(state, 'custom');
  assert.equal(state.place.name, 'Eget', 'the fields given before are kept');
  actions.choosePlace(state, 'karlstad');
  assert.equal('place' in state, false);
});

test('removing a scenario, an instrument or a condition removes that one only', () => {
  const state = twoScenarios();
  actions.addScenario(state);
  actions.renameScenario(state, 2, 'Andra');
  actions.addInstrument(state, 1, { kind: 'outreach', start: 2027, end: null, settings: {} });
  actions.removeInstrument(state, 1, 0);
  assert.deepEqual(state.scenarios[1].instruments.map((x) => x.kind), ['outreach']);
  actions.removeCondition(state, 1, 0);
  assert.deepEqual(state.scenarios[1].conditions, []);
  actions.removeScenario(state, 1);
  assert.deepEqual(state.scenarios.map((s) => s.name), ['', 'Andra']);
});
