// Unit tests of the page's state (www/src/state.js) under Node's test
// runner: links are checked field by field, conditions (driver changes)
// round-trip through a link and become driver paths of the scenario file.
//
//   node --test tests/state.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { check, moveToProjection, pctRange, driverLevel, defaultState, LINK_FORMAT } from '../src/state.js';
import { scenarioJson } from '../src/scenario-json.js';
import { toHash, fromHash, fromLink, toShortHash, MAX_UNPACKED_BYTES } from '../src/link.js';
import { catalogue } from './catalogue.mjs';


const withConditions = (conditions) => ({ ...defaultState(), scenarios: [{ name: '', instruments: [] }, { name: 'alt', instruments: [], conditions }] });

test('a link without conditions (made before they existed) still opens, in the current format', () => {
  const old = { v: 1, lang: 'sv', preset: 'karlstad', years: 10, replications: 12, scenarios: [{ name: '', instruments: [] }] };
  assert.deepEqual(check(old, catalogue), { ...old, v: LINK_FORMAT });
});

test('every kept link of every link format opens', () => {
  for (let format = 1; format <= LINK_FORMAT; format++) {
    const links = readFileSync(new URL(`./links/format-${format}.txt`, import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('#s='));
    assert.ok(links.length > 0, `tests/links/format-${format}.txt keeps links`);
    for (const link of links) {
      const state = fromHash(link, catalogue);
      assert.equal(state.v, LINK_FORMAT);
      moveToProjection(state, 2026); // dates before the projection move, with notes
      check(state, catalogue);
    }
  }
});

test('a link from a newer hemma is refused with its format', () => {
  const newer = { ...defaultState(), v: LINK_FORMAT + 1, something_new: true };
  const said = `v = ${LINK_FORMAT + 1}: the link was made by a newer hemma (link format ${LINK_FORMAT + 1}); this page reads formats 1 to ${LINK_FORMAT}`;
  assert.throws(() => check(newer, catalogue), (e) => e.message.startsWith(said));
});

test('conditions round-trip through a link', () => {
  const state = withConditions([{ driver: 'completions_per_1000', from: 2027, pct: 50 }]);
  assert.deepEqual(fromHash(toHash(state), catalogue), state);
});

test('a short link (#z=) opens the same state and is about a third shorter', async () => {
  const state = withConditions([{ driver: 'completions_per_1000', from: 2027, pct: 50 }]);
  state.scenarios[1].instruments.push({ kind: 'housing_first', start: 2026, end: null, settings: { places: 60 } });
  const short = await toShortHash(state);
  assert.match(short, /^#z=[A-Za-z0-9_-]+$/);
  assert.deepEqual(await fromLink(short, catalogue), state);
  assert.deepEqual(await fromLink(toHash(state), catalogue), state, 'a readable link too');
  assert.ok(short.length < toHash(state).length * 0.8, `${short.length} against ${toHash(state).length}`);
});

test('a short link is checked like a readable one, and a damaged or oversized one is refused', async () => {
  const pack = async (text) => {
    const packed = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return '#z=' + Buffer.from(await new Response(packed).arrayBuffer()).toString('base64url');
  };
  await assert.rejects(fromLink(await pack(JSON.stringify({ ...defaultState(), years: 0 })), catalogue), /years = 0: allowed a whole number from 1 to 50/);
  await assert.rejects(fromLink('#z=AAAA', catalogue), /the link is damaged/);
  await assert.rejects(fromLink('#z=ab$c', catalogue), /characters that cannot be part of a scenario/);
  // A few hundred bytes that would unpack to megabytes are stopped at the limit.
  const bomb = await pack(' '.repeat(MAX_UNPACKED_BYTES * 20));
  assert.ok(bomb.length < 20000);
  await assert.rejects(fromLink(bomb, catalogue), /unpacks to more than 100000 bytes/);
});

test('a bad condition is refused naming the field, the value and what is allowed', () => {
  const cases = [
    [{ driver: 'consumer_prices_index', from: 2027, pct: 50 }, /conditions\[0\]\.driver = "consumer_prices_index": allowed: completions_per_1000/],
    [{ driver: 'unemployment_pct', from: 2027.5, pct: 50 }, /conditions\[0\]\.from = 2027\.5: allowed a whole number/],
    [{ driver: 'unemployment_pct', from: 2027, pct: -1 }, /conditions\[0\]\.pct = -1: allowed a number from 0 to 1000/],
    [{ driver: 'unemployment_pct', from: 2027, pct: 'x' }, /conditions\[0\]\.pct = "x"/],
    [{ driver: 'unemployment_pct', from: 2027, pct: 50, extra: 1 }, /conditions\[0\]\.extra = "extra": unknown field/],
  ];
  for (const [c, message] of cases) assert.throws(() => check(withConditions([c]), catalogue), message);
  assert.throws(() => check(withConditions(Array(9).fill({ driver: 'unemployment_pct', from: 2027, pct: 50 })), catalogue), /at most 8/);
});

test('a condition dated before the projection is moved to its start with a note', () => {
  const state = withConditions([{ driver: 'unemployment_pct', from: 2020, pct: 150 }]);
  const notes = moveToProjection(state, 2026);
  assert.equal(state.scenarios[1].conditions[0].from, 2026);
  assert.match(notes[0].text, /conditions\[0\] \(unemployment_pct\) started 2020; moved to 2026/);
});

test('a condition becomes a driver path at its percentage of the place\'s level', () => {
  const state = withConditions([{ driver: 'population_growth_pct', from: 2028, pct: 50 }]);
  const levels = Object.fromEntries(catalogue.drivers.map((d) => [d.name, driverLevel(d, 'karlstad')]));
  const preset = { preset: 'karlstad', scale: 0.5, seed: 2011, instruments: [] };
  const file = JSON.parse(scenarioJson(state, 1, preset, 'Nuläge', 2026, levels));
  assert.deepEqual(file.drivers, { paths: [{ driver: 'population_growth_pct', from_year: 2028, value: 0.2 }] });
  assert.equal(JSON.parse(scenarioJson(state, 0, preset, 'Nuläge', 2026, levels)).drivers, undefined, 'the baseline has none');
});

test('the allowed percentages keep a driver within its range', () => {
  assert.deepEqual(pctRange(catalogue.drivers[1], 9.3), [6, 430]);
  assert.deepEqual(pctRange(catalogue.drivers[0], 4), [0, 500]);
  assert.equal(driverLevel(catalogue.drivers[2], 'custom'), 0.34, 'a custom place takes the country\'s level');
});

test('a damaged link\'s message quotes no dump: a long list or text by its size (issue 36, item 9)', () => {
  const many = { ...defaultState(), scenarios: Array.from({ length: 50 }, () => ({ name: 'x'.repeat(60), instruments: [] })) };
  assert.throws(() => check(many, catalogue), (e) => e.message === 'scenarios = a list of 50: allowed a list of 1 to 5');
  const long = { ...defaultState(), preset: 'y'.repeat(5000) };
  assert.throws(() => check(long, catalogue), (e) => e.message.length < 200 && e.message.includes('… (5000 characters)'));
});

test('a choice the model requires, such as a rent guarantee\'s kind, is refused by the link check, not left to the model', () => {
  const s = { ...defaultState(), scenarios: [{ name: '', instruments: [] }, { name: 'x', instruments: [{ kind: 'rent_guarantee', start: 2027, end: null, settings: {} }] }] };
  assert.throws(() => check(s, catalogue), (e) => e.field === 'scenarios[1].instruments[0].settings.guarantee_kind' && e.rule.required);
});

test('names with control or text-direction characters are refused, written out in the message', () => {
  for (const name of ['abc\u202edef', 'a\u2066b', 'a\nb']) {
    const s = { ...defaultState(), scenarios: [{ name: '', instruments: [] }, { name, instruments: [] }] };
    assert.throws(() => check(s, catalogue), (e) => e.field === 'scenarios[1].name' && e.rule.k === 'hidden' && !/[\u202e\u2066\n]/.test(e.message));
  }
});
