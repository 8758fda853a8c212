// Unit tests of the headline in words (www/src/headline.js): the page
// only says what the library computed (crate/compare.rs, crate/effects).
//
//   node --test tests/headline.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeWords, headlineLines, leadWords, moneyPerYear, projectionYears, ratioWords, whatWords, whyLines } from '../src/headline.js';

const change = (mean, low, high) => ({ mean, low, high, certainty: high < 0 ? 'lower' : low > 0 ? 'higher' : 'uncertain' });
const plain = (s) => s.replace(/\s/g, ' ');
const headline = {
  place: 'Norrköping',
  adds: ['housing_first', 'outreach'],
  changes_conditions: false,
  condition_only: false,
  lead: 'fewer',
  base_person_years: 6000,
  year: 2031,
  homeless_at_year: change(-41, -59, -23),
  around_years: [2030, 2032],
  homeless_around_year: change(-38, -50, -26),
  homeless_person_years: change(-120.4, -180, -60),
  executed_evictions: change(2, -5, 8),
  running_years: 5,
  gross_cost_sek_per_year: change(5612000, 5530000, 5648000),
  savings_sek_per_year: change(300000, 200000, 400000),
  social_assistance_sek_per_year: change(2100000, 1500000, 2700000),
  net_cost_sek_per_person_year_avoided: { mean: 37375, low: 30120, high: 44630, too_uncertain: false },
};

test('a certain reduction says how many fewer, with the interval from the smaller to the larger', () => {
  assert.equal(changeWords('sv', change(-41, -59, -23)), '41 färre [23–59]');
  assert.equal(changeWords('en', change(12, 3, 20)), '12 more [3–20]');
});

test('an interval that spans zero is said in words, never as a bare sign', () => {
  assert.equal(changeWords('sv', change(2, -5, 8)), 'ingen säker skillnad (−5 – +8)');
  assert.equal(changeWords('en', change(-1, -5, 3)), 'no certain difference (−5 – +3)');
});

test('the headline leads with the person-years, then the three years around the year, evictions, costs, social assistance and the cost per person-year', () => {
  const lines = headlineLines('sv', headline, [2027, 2036]);
  assert.deepEqual(lines.map((l) => l.key), ['person-years', 'around', 'evictions', 'costs', 'emergency', 'assistance', 'per-year']);
  const text = lines.map((l) => plain(l.text));
  assert.equal(text[0], 'Hemlösa personår 2027–2036: 120 färre [60–180]');
  assert.equal(text[1], 'Hemlösa personer, medel 2030–2032: 38 färre [26–50]');
  assert.equal(text[2], 'Verkställda vräkningar 2027–2036: ingen säker skillnad (−5 – +8)');
  assert.equal(text[3], 'Medan insatserna pågår (5 år): bruttokostnad 5,6 Mkr/år (90 %: 5,5–5,6)');
  // Emergency accommodation saved is a lower cost, never a "besparing −…".
  assert.equal(text[4], 'Akutboende: 300 000 kr/år lägre (90 %: 200 000–400 000)');
  assert.equal(text[5], 'Ekonomiskt bistånd (kommunens kostnad): 2,1 Mkr/år högre (90 %: 1,5–2,7)');
  assert.equal(text[6], 'Nettokostnad för kommunen per undvikt hemlöst personår: 37 000 kr (90 %: 30 000–45 000)');
  const en = headlineLines('en', headline, [2027, 2036]).map((l) => l.text);
  assert.equal(en[5], 'Social assistance (a municipal cost): 2.1 M SEK/year higher (90%: 1.5–2.7)');
});

test('the lead says too uncertain when the interval is wider than the effect, and no difference for a well-measured null', () => {
  const wide = { ...headline, lead: 'too_uncertain', homeless_person_years: change(-60, -150, -5) };
  assert.equal(leadWords('sv', wide), 'för osäkert — öka replikeringarna (−150 – −5)');
  assert.equal(leadWords('en', wide), 'too uncertain — increase the replications (−150 – −5)');
  const none = { ...headline, lead: 'no_difference', homeless_person_years: change(-5, -30, 20) };
  assert.equal(plain(leadWords('sv', none)), 'ingen skillnad (inom ±1 % av nulägets 6 000) (−30 – +20)');
  // The announcement gets the lead, in the same words.
  assert.equal(headlineLines('sv', wide, [2027, 2036], 'year')[0].text, 'Hemlösa personår 2027–2036: för osäkert — öka replikeringarna (−150 – −5)');
});

test('every ratio has its interval, or says it is too uncertain', () => {
  assert.equal(moneyPerYear('en', change(5612000, 5530000, 5648000)), '5.6 M SEK/year (90%: 5.5–5.6)');
  assert.equal(ratioWords('en', { mean: 37375, low: 30120, high: 44630, too_uncertain: false }), '37,000 SEK (90%: 30,000–45,000)');
  assert.equal(plain(ratioWords('sv', { mean: 2.5e6, low: -1e5, high: 5.1e6, too_uncertain: true })), 'för osäkert — öka replikeringarna (−0,1 – 5,1 Mkr)');
  assert.equal(ratioWords('sv', null), 'ingen säker minskning');
});

test('without a certain reduction there is no cost per person-year avoided', () => {
  const lines = headlineLines('en', { ...headline, net_cost_sek_per_person_year_avoided: null }, [2027, 2036]);
  assert.equal(lines.at(-1).text, 'Net cost to the municipality per homeless person-year avoided: no certain reduction');
});

test("the headline names the place and what is added; a condition-only scenario is a change in the municipality's costs", () => {
  assert.equal(whatWords('sv', headline), 'Norrköping, tillagt: Bostad först och Vräkningsförebyggande arbete');
  assert.equal(whatWords('en', { ...headline, adds: ['housing_first'], changes_conditions: true }), 'Norrköping, adding: Housing First (Bostad först); and changed conditions');
  const only = { ...headline, adds: [], changes_conditions: true, condition_only: true,
    gross_cost_sek_per_year: change(0, 0, 0), savings_sek_per_year: change(-1228483, -1500000, -950000) };
  assert.match(whatWords('sv', only), /^Norrköping: bara ändrat nuläge, inga egna insatser — kostnaderna nedan är en förändring av kommunens kostnader/);
  const lines = headlineLines('sv', only, [2027, 2036]);
  const text = lines.map((l) => plain(l.text)).join('\n');
  assert.doesNotMatch(text, /besparing|bruttokostnad|Nettokostnad/);
  assert.match(text, /Akutboende: 1,2 Mkr\/år högre \(90 %: 1,0–1,5\)/);
  assert.match(lines.at(-1).text, /^Ändring av kommunens kostnader per undvikt hemlöst personår: /);
});

test('"Varför?" splits the person-years into direct, counting and others, and follows the households taken in', () => {
  const why = { direct: change(-96, -100, -92), counting: change(0, 0, 0), others: change(-116, -300, 60), total: change(-212, -390, -40),
    holds: { taken_in: 100, homeless_when_taken_in: 90, still_homeless_a_year_later: 13, followed_a_year: 100 } };
  const lines = whyLines('sv', why, [2026, 2035]).map((l) => ({ ...l, text: plain(l.text) }));
  assert.deepEqual(lines.map((l) => l.key), ['intro', 'direct', 'counting', 'others', 'total', 'holds', 'followed']);
  assert.match(lines[1].text, /^Direkt — .+: −96 personår \(90 %: −100 – −92\)$/);
  assert.match(lines[2].text, /^Räknesätt — .+situation 3.+: ±0 personår/);
  assert.equal(lines[4].text, 'Totalt: −212 personår (90 %: −390 – −40)');
  assert.equal(lines.slice(1, 4).reduce((s, l) => s + l.value, 0), lines[4].value);
  assert.equal(lines[5].text, 'Insatserna tog emot 100 hushåll; 90 av dem var hemlösa i jämförelsen när de togs emot.');
  assert.equal(lines[6].text, 'Av 100 som kan följas ett år hade 87 fått en bostad eller flyttat ändå inom ett år; 13 hade fortfarande varit hemlösa utan insatserna.');
  const none = whyLines('en', { ...why, holds: { taken_in: 0, homeless_when_taken_in: 0, still_homeless_a_year_later: 0, followed_a_year: 0 } }, [2026, 2035]);
  assert.equal(none.at(-1).text, 'The added instruments took in no households: the whole difference concerns other households.');
});

test('the announcement gets the lead only; the workshop clock the December of its year and the person-years up to it, so that it does not tell the end early', () => {
  assert.deepEqual(headlineLines('en', headline, [2027, 2036], 'year').map((l) => l.key), ['person-years']);
  const clock = headlineLines('en', headline, [2027, 2029], 'clock');
  assert.deepEqual(clock.map((l) => l.key), ['homeless', 'person-years']);
  assert.ok(clock[0].text.startsWith('Homeless persons in December 2031: '), clock[0].text);
  assert.ok(clock[1].text.startsWith('Homeless person-years 2027–2029: '), clock[1].text);
});

test('the projection runs from the first year after the history to the last reported year', () => {
  assert.deepEqual(projectionYears({ startYear: 2011, historyMonths: 192, horizon: 192 + 120 }), [2027, 2036]);
});
