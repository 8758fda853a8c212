// Unit tests of the headline in words (www/src/headline.js): the page
// only says what the library computed (crate/compare.rs).
//
//   node --test tests/headline.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeWords, headlineLines, projectionYears } from '../src/headline.js';

const change = (mean, low, high) => ({ mean, low, high, certainty: high < 0 ? 'lower' : low > 0 ? 'higher' : 'uncertain' });
const headline = {
  year: 2031,
  homeless_at_year: change(-41, -59, -23),
  homeless_person_years: change(-120.4, -180, -60),
  executed_evictions: change(2, -5, 8),
  running_years: 5,
  gross_cost_sek_per_year: change(1200000, 1100000, 1300000),
  savings_sek_per_year: change(300000, 200000, 400000),
  net_cost_sek_per_person_year_avoided: 37375,
};

test('a certain reduction says how many fewer, with the interval from the smaller to the larger', () => {
  assert.equal(changeWords('sv', change(-41, -59, -23)), '41 färre [23–59]');
  assert.equal(changeWords('en', change(12, 3, 20)), '12 more [3–20]');
});

test('an interval that spans zero is said in words, never as a bare sign', () => {
  assert.equal(changeWords('sv', change(2, -5, 8)), 'ingen säker skillnad (−5 – +8)');
  assert.equal(changeWords('en', change(-1, -5, 3)), 'no certain difference (−5 – +3)');
});

test('the headline has the year, person-years, evictions, costs while running and the cost per person-year', () => {
  const lines = headlineLines('sv', headline, [2027, 2036]);
  assert.deepEqual(lines.map((l) => l.key), ['homeless', 'person-years', 'evictions', 'costs', 'per-year']);
  assert.equal(lines[0].text, 'Hemlösa personer i december 2031: 41 färre [23–59]');
  assert.equal(lines[1].text, 'Hemlösa personår 2027–2036: 120 färre [60–180]');
  assert.equal(lines[2].text, 'Verkställda vräkningar 2027–2036: ingen säker skillnad (−5 – +8)');
  assert.match(lines[3].text.replace(/\s/g, ' '), /\(5 år\): bruttokostnad 1 200 000 \[1 100 000–1 300 000\] kr\/år; besparing på akutboende 300 000/);
  assert.equal(lines[4].text.replace(/\s/g, ' '), 'Nettokostnad per undvikt hemlöst personår: 37 375 kr');
});

test('without a certain reduction there is no cost per person-year avoided', () => {
  const lines = headlineLines('en', { ...headline, net_cost_sek_per_person_year_avoided: null }, [2027, 2036]);
  assert.equal(lines[4].text, 'Net cost per homeless person-year avoided: no certain reduction');
});

test('the announcement gets the year line only; the workshop clock that and the person-years up to its year, so that it does not tell the end early', () => {
  assert.deepEqual(headlineLines('en', headline, [2027, 2036], 'year').map((l) => l.key), ['homeless']);
  const clock = headlineLines('en', headline, [2027, 2029], 'clock');
  assert.deepEqual(clock.map((l) => l.key), ['homeless', 'person-years']);
  assert.ok(clock[1].text.startsWith('Homeless person-years 2027–2029: '), clock[1].text);
});

test('the projection runs from the first year after the history to the last reported year', () => {
  assert.deepEqual(projectionYears({ startYear: 2011, historyMonths: 192, horizon: 192 + 120 }), [2027, 2036]);
});
