// Unit tests of the observed points as the charts mark them and the checks
// as the page says them (www/src/observed.js), against the model's own table
// of observed points (the Wasm build's catalogue), and of a custom place's
// count year in links (www/src/state.js).
//
//   node --test tests/observed.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, catalogue as catalogueJson } from '../src/pkg/hemma.js';
import { CHILDREN, DEFAULT_COUNT_YEAR, checkSentence, checksToState, customMarks, markOf, noteOf, pointTime, pointsFor, whenText } from '../src/observed.js';
import { check, LINK_FORMAT } from '../src/state.js';
import { catalogue as fixture } from './catalogue.mjs';

initSync({ module: readFileSync(new URL('../src/pkg/hemma_bg.wasm', import.meta.url)) });
const catalogue = JSON.parse(catalogueJson());
const points = catalogue.observed_points;
const sverige = catalogue.presets.find((p) => p.id === 'sverige');

test('a count sits in its month, a year\'s value at its middle', () => {
  assert.equal(pointTime({ year: 2017, month: 4 }), Date.UTC(2017, 3, 15) / 1000);
  assert.equal(pointTime({ year: 2013, month: 0 }), Date.UTC(2013, 6, 1) / 1000);
  assert.equal(whenText('sv', { year: 2023, month: 4 }), 'april 2023');
  assert.equal(whenText('en', { year: 2011, month: 5 }), 'May 2011');
  assert.equal(whenText('sv', { year: 2013, month: 0 }), '2013');
});

test('the homeless chart of Sverige gets its counts of 2011, 2017 (twice: as published and by the 2023 method) and 2023, and the children\'s points', () => {
  const got = pointsFor(points, 'sverige', 'homeless_per_10k');
  assert.deepEqual(got.filter((p) => p.output === 'homeless_per_10k').map((p) => p.year), [2011, 2017, 2017, 2023]);
  assert.deepEqual(got.filter((p) => p.output === CHILDREN.homeless_per_10k).map((p) => p.year), [2017, 2023]);
  // From 2020 on ("Visa från 2020") only 2023's.
  assert.deepEqual(pointsFor(points, 'sverige', 'homeless_per_10k', 2020).map((p) => p.year), [2023, 2023]);
  // Another place's, another output's and a custom place's are not drawn.
  assert.ok(pointsFor(points, 'norrkoping', 'homeless_per_10k').every((p) => p.place === 'norrkoping' && p.output === 'homeless_per_10k'));
  assert.deepEqual(pointsFor(points, 'custom', 'homeless_per_10k'), []);
  assert.deepEqual(pointsFor(points, 'sverige', 'cost_total_sek'), []);
});

test('a mark says what it is, its date, its value in the chart\'s unit, its caveat and its source, in the page\'s language', () => {
  const p2023 = points.find((p) => p.place === 'sverige' && p.output === 'homeless_per_10k' && p.year === 2023);
  const sv = markOf('sv', p2023, 'personer per 10 000 invånare');
  assert.equal(sv.label, 'Räknat 2023');
  assert.equal(sv.value, p2023.value);
  assert.equal(sv.children, false);
  assert.equal(sv.title, `Räknat 2023 (april 2023): 26 personer per 10 000 invånare. ${p2023.note_sv}. källa: ${p2023.source}`);
  const en = markOf('en', p2023, 'persons per 10,000 residents');
  assert.ok(en.title.startsWith('Counted 2023 (April 2023): 26 persons per 10,000 residents. 27,383 adults'), en.title);
  const child = markOf('sv', points.find((p) => p.output === 'children_with_homeless_parent_per_10k' && p.year === 2023), 'x');
  assert.equal(child.children, true);
  assert.equal(child.label, 'Barn med en hemlös förälder 2023');
  const ev = markOf('sv', points.find((p) => p.place === 'karlstad' && p.output === 'executed_evictions_per_10k'), 'per 10 000 invånare och år');
  assert.equal(ev.label, 'Observerat 2013');
  // The project's word for a source stays out of a Swedish sentence.
  assert.ok(!ev.title.includes('seed 002') && ev.title.includes('(Kronofogden)'), ev.title);
  assert.ok(noteOf('en', points.find((p) => p.place === 'karlstad' && p.output === 'executed_evictions_per_10k')).includes('seed 002'));
});

test('a custom place\'s count is marked in its year, the national count of 2011 standing in without one', () => {
  const place = { name: 'X', population: 50000, rental_share_pct: 40, coop_share_pct: 25, owner_share_pct: 35 };
  const [own] = customMarks('sv', { ...place, homeless_per_10k: 52.5, homeless_count_year: 2023 }, 'homeless_per_10k', sverige, 'per 10 000');
  assert.deepEqual([own.label, own.value, own.own, own.year, own.t], ['Räknat 2023', 52.5, true, 2023, Date.UTC(2023, 3, 15) / 1000]);
  assert.ok(own.title.includes('möter den i april 2023'), own.title);
  const [stand] = customMarks('en', place, 'homeless_per_10k', sverige, 'per 10,000');
  assert.deepEqual([stand.label, stand.value, stand.own, stand.year], ['Counted 2011 (national value)', sverige.homeless_per_10k, false, 2011]);
  const [ev] = customMarks('sv', { ...place, executed_evictions_per_year: 25 }, 'executed_evictions_per_10k', sverige, 'per 10 000');
  assert.equal(ev.value, 5);
  assert.deepEqual(customMarks('sv', place, 'sit1_per_10k', sverige, ''), []);
  assert.equal(DEFAULT_COUNT_YEAR, 2023);
});

test('a check is said in a sentence: the model\'s median and band against what was observed, and by how much it misses', () => {
  const p = points.find((x) => x.place === 'sverige' && x.output === 'homeless_per_10k' && x.year === 2023);
  const below = { ...p, model: [20.8, 19.1, 22.4], relative_error: 20.8 / p.value - 1, inside_band: false };
  assert.equal(checkSentence('sv', below, 'hemlösa per 10 000 invånare'), `april 2023, hemlösa per 10 000 invånare: modellen 21 [19–22], observerat 26 — modellen 20 % under. (${p.note_sv})`);
  assert.equal(checkSentence('en', below, 'homeless per 10,000 residents'), `April 2023, homeless per 10,000 residents: the model 21 [19–22], observed 26 — the model 20% below. (${p.note_en})`);
  const inside = { ...below, model: [27, 24, 30], relative_error: 27 / p.value - 1, inside_band: true };
  assert.ok(checkSentence('sv', inside, 'x').includes("— inom modellens P5–P95."));
  const above = { ...below, model: [39.05, 35, 42], relative_error: 0.5 };
  assert.ok(checkSentence('sv', above, 'x').includes('modellen 50 % över'));
  // Only the checks after 2013 are stated; starts and fits are what the run is built from.
  const { shown, inside: n } = checksToState([{ role: 'start', inside_band: true }, { role: 'check', inside_band: true }, { role: 'check', inside_band: false }, { role: 'volume' }]);
  assert.equal(shown.length, 2);
  assert.equal(n, 1);
});

const custom = (place, v = LINK_FORMAT) => ({ v, lang: 'sv', preset: 'custom', place: { name: 'X', population: 50000, rental_share_pct: 40, coop_share_pct: 25, owner_share_pct: 35, ...place }, years: 2, replications: 2, scenarios: [{ name: '', instruments: [] }] });

test('a link of format 2 or older with a count had no year: read as the count of 2011, in the current format', () => {
  for (const v of [1, 2]) {
    const s = check(custom({ homeless_per_10k: 52.5 }, v), fixture);
    assert.equal(s.v, LINK_FORMAT);
    assert.equal(s.place.homeless_count_year, 2011);
  }
  assert.equal(check(custom({}, 2), fixture).place.homeless_count_year, undefined, 'no count, no year');
  assert.equal(check(custom({ homeless_per_10k: 40, homeless_count_year: 2023 }), fixture).place.homeless_count_year, 2023);
});

test('a count year is whole, in 2011–2025 and only with a count; a count of format 3 has its year', () => {
  const refused = (place, pattern, rule) => assert.throws(() => check(custom(place), fixture), (e) => pattern.test(e.message) && e.field === 'place.homeless_count_year' && Object.entries(rule).every(([k, v]) => e.rule[k] === v));
  refused({ homeless_per_10k: 40 }, /required with homeless_per_10k/, { k: 'countYear', required: true });
  refused({ homeless_count_year: 2017 }, /only with homeless_per_10k/, { k: 'countYear', alone: true });
  refused({ homeless_per_10k: 40, homeless_count_year: 2030 }, /2030: allowed a whole number from 2011 to 2025/, { k: 'countYear', lo: 2011, hi: 2025 });
  refused({ homeless_per_10k: 40, homeless_count_year: 2010 }, /2010: allowed a whole number/, { k: 'countYear' });
  refused({ homeless_per_10k: 40, homeless_count_year: 2017.5 }, /2017.5: allowed a whole number/, { k: 'countYear' });
});
