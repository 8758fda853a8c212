// What was observed, on the charts: every observed point the project's data
// hold for the place (the model's table data/evidence/observed_points.csv,
// compiled in and handed over by the catalogue — crate/observed.rs), as marks
// in a chart's own unit with their caveat; a custom place's own count with
// its year; and the history's checks (the library's model values at each
// point, crate/calibrate/history.rs via crate/wasm.rs `history_checks`)
// said in a sentence. Pure, no DOM (tests/observed.test.mjs).
import { fmt } from './format.js';

/**
 * The line beside a chart's homeless persons: children with a homeless
 * parent, which Socialstyrelsen reports apart from the count — drawn as
 * their own line, never added in. Chart output → the children's output in
 * the same unit.
 */
export const CHILDREN = { homeless_per_10k: 'children_with_homeless_parent_per_10k', n_homeless_families: 'n_children_with_homeless_parent' };

/** Outputs whose observed points are counts of homeless persons (marked "Räknat <year>" on the chart). */
export const COUNTED = ['homeless_per_10k', 'sit1_per_10k', 'sit2_per_10k', 'sit3_per_10k', 'sit4_per_10k', 'n_rough_sleepers'];

/** Where a point sits on a time axis (seconds): a count on the 15th of its month, a year's value at its middle. */
export const pointTime = (p) => (p.month >= 1 ? Date.UTC(p.year, p.month - 1, 15) : Date.UTC(p.year, 6, 1)) / 1000;

/**
 * The observed points of preset `place` that chart `output` shows — its
 * own and those of its children's line — from `fromYear` on, in the
 * catalogue's order.
 */
export function pointsFor(points, place, output, fromYear = 0) {
  const outs = [output, CHILDREN[output]].filter(Boolean);
  return (points ?? []).filter((p) => p.place === place && outs.includes(p.output) && p.year >= fromYear);
}

/**
 * A point's caveat in the page's language. The data name one source by the
 * project's own word for it ("seed 002", the SABO report); a Swedish
 * sentence leaves that out, the source file is named beside it.
 */
export const noteOf = (lang, p) => (lang === 'sv' ? p.note_sv.replace(/ \(seed 002\)/g, '').replace(/, seed 002\)/g, ')') : p.note_en);

/** Month names for a count's date ("april 2017"). */
const MONTHS = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** A point's date in words: "april 2017" for a count, "2013" for a year's value. */
export const whenText = (lang, p) => (p.month >= 1 ? `${MONTHS[lang][p.month - 1]} ${p.year}` : String(p.year));

/** The words of the marks, by language. */
const WORDS = {
  sv: { counted: 'Räknat', observed: 'Observerat', children: 'Barn med en hemlös förälder', source: 'källa', ownCount: (y) => `Kommunens angivna räkning ${y}: körningen möter den i april ${y}`, nationalCount: 'Rikets räkning maj 2011 står för den saknade räkningen', nationalWord: 'nationellt värde', ownEvictions: 'Angivna verkställda vräkningar per år, satta som 2013 års', nationalEvictions: 'Rikets verkställda vräkningar per invånare 2013 står för de saknade' },
  en: { counted: 'Counted', observed: 'Observed', children: 'Children with a homeless parent', source: 'source', ownCount: (y) => `The municipality's given count of ${y}: the run meets it in April ${y}`, nationalCount: 'The national count of May 2011 stands in for the missing count', nationalWord: 'national value', ownEvictions: 'Executed evictions a year as given, set as those of 2013', nationalEvictions: 'The national executed evictions per resident of 2013 stand in for the missing ones' },
};

/**
 * An observed point as a chart draws it: `{ t, value, year, output, role,
 * own, children, label, title }` — `label` what the chart writes beside it
 * ("Räknat 2017"), `title` its caveat and source on hover.
 */
export function markOf(lang, p, unit) {
  const w = WORDS[lang];
  const children = Object.values(CHILDREN).includes(p.output);
  const head = children ? `${w.children} ${p.year}` : `${COUNTED.includes(p.output) ? w.counted : w.observed} ${p.year}`;
  const note = noteOf(lang, p);
  const value = fmt(lang, p.value, p.value < 10 ? 2 : 0);
  return {
    t: pointTime(p), value: p.value, year: p.year, output: p.output, role: p.role, own: true, children,
    label: head, title: `${head} (${whenText(lang, p)}): ${value} ${unit}. ${note}. ${w.source}: ${p.source}`,
  };
}

/**
 * A custom place's observed points on chart `output`: its count with its
 * year (April, when the run meets it), or the national count of May 2011
 * standing in (`own` false); its executed evictions a year, or the national
 * rate standing in. `national`: Sverige's preset (the catalogue's).
 */
export function customMarks(lang, place, output, national, unit) {
  const w = WORDS[lang];
  if (output === 'homeless_per_10k') {
    const own = place.homeless_per_10k !== undefined;
    const year = own ? place.homeless_count_year ?? 2011 : 2011;
    const value = own ? place.homeless_per_10k : national.homeless_per_10k;
    const label = `${w.counted} ${year}${own ? '' : ` (${w.nationalWord})`}`;
    const note = own ? w.ownCount(year) : w.nationalCount;
    return [{ t: Date.UTC(year, own ? 3 : 4, 15) / 1000, value, year, output, role: 'start', own, children: false, label, title: `${label}: ${fmt(lang, value, value < 10 ? 2 : 0)} ${unit}. ${note}.` }];
  }
  if (output === 'executed_evictions_per_10k') {
    const own = place.executed_evictions_per_year !== undefined;
    const value = own ? (place.executed_evictions_per_year / place.population) * 10000 : (national.executed_evictions / national.population) * 10000;
    const label = `${w.observed} 2013${own ? '' : ` (${w.nationalWord})`}`;
    return [{ t: Date.UTC(2013, 6, 1) / 1000, value, year: 2013, output, role: 'fit', own, children: false, label, title: `${label}: ${fmt(lang, value, 2)} ${unit}. ${own ? w.ownEvictions : w.nationalEvictions}.` }];
  }
  return [];
}

/**
 * A check in a sentence: "2017, hemlösa per 10 000 invånare: modellen 28
 * [22–35], observerat 33 — 15 % under. (caveat)". `check` is one of the
 * library's (an observed point with `model` [median, P5, P95],
 * `relative_error`, `inside_band`); `what` names the output in the page's
 * language.
 */
export function checkSentence(lang, check, what) {
  const n = (v) => fmt(lang, v, Math.abs(v) < 10 ? 1 : 0);
  const [mid, lo, hi] = check.model;
  const e = check.relative_error;
  const pct = fmt(lang, Math.abs(e) * 100, 0);
  const sv = lang === 'sv';
  const verdict = check.inside_band
    ? (sv ? 'inom modellens P5–P95' : "inside the model's P5–P95")
    : sv ? `modellen ${pct} % ${e > 0 ? 'över' : 'under'}` : `the model ${pct}% ${e > 0 ? 'above' : 'below'}`;
  const note = noteOf(lang, check);
  return sv
    ? `${whenText(lang, check)}, ${what}: modellen ${n(mid)} [${n(lo)}–${n(hi)}], observerat ${n(check.value)} — ${verdict}. (${note})`
    : `${whenText(lang, check)}, ${what}: the model ${n(mid)} [${n(lo)}–${n(hi)}], observed ${n(check.value)} — ${verdict}. (${note})`;
}

/**
 * The checks the page states (points after 2013, never fitted: role
 * `check`), in the order of the observed table, and how many lie inside
 * the model's P5–P95.
 */
export function checksToState(checks) {
  const shown = (checks ?? []).filter((c) => c.role === 'check');
  return { shown, inside: shown.filter((c) => c.inside_band).length };
}

/** The year a new count is dated unless the user says otherwise: Socialstyrelsen's latest mapping. */
export const DEFAULT_COUNT_YEAR = 2023;
