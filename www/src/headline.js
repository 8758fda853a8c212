// The headline in words: the library computes every number of a comparison
// (crate/compare.rs, `Headline`, the same as `hemma compare` prints, and
// crate/effects, the accounting behind "Varför?"); this module only says
// them in the page's language. Pure, unit-tested under Node
// (tests/headline.test.mjs).
import { INSTRUMENT_LABELS, TEXT } from './i18n.js';
import { fmt, locale, percent, signed } from './format.js';

/**
 * Replications by default and the fewest the page accepts without a
 * warning: enough that the sign of the lead figure (homeless person-years
 * over the projection) is stable. Measured with `hemma compare` on
 * Norrköping + Housing First 30 + outreach from 2027 at the page's scale,
 * 8 seeds per count (www/README.md, "How many replications"): at 6
 * replications 3 of 8 seeds left the sign uncertain, at 12 every seed
 * gave a certain reduction, at 24 every one said it with an interval
 * narrower than the effect.
 */
export const ENOUGH_REPLICATIONS = 12;

/**
 * A change alternative − baseline in words: "41 färre [23–59]", "12 fler
 * [3–20]", or — when its 90% interval spans zero — "ingen säker skillnad
 * (−5 – +8)", never a bare sign.
 */
export function changeWords(lang, c) {
  const d = TEXT[lang].detail;
  const n = (x) => fmt(lang, Math.abs(x), 0);
  if (c.certainty === 'lower') return `${n(c.mean)} ${d.fewer} [${n(c.high)}–${n(c.low)}]`;
  if (c.certainty === 'higher') return `${n(c.mean)} ${d.more} [${n(c.low)}–${n(c.high)}]`;
  return `${d.uncertain} (${signed(lang, c.low, 0)} – ${signed(lang, c.high, 0)})`;
}

/**
 * The lead figure (person-years over the projection) in words, by the
 * library's verdict (`Headline.lead`): fewer or more with the interval,
 * "ingen skillnad" for a well-measured null, or "för osäkert — öka
 * replikeringarna" when the interval is wider than the effect.
 */
export function leadWords(lang, h) {
  const d = TEXT[lang].detail;
  const c = h.homeless_person_years;
  const range = `(${signed(lang, c.low, 0)} – ${signed(lang, c.high, 0)})`;
  if (h.lead === 'too_uncertain') return `${d.tooUncertain} ${range}`;
  if (h.lead === 'no_difference') return `${d.noDifference(percent(lang, 0.01), fmt(lang, h.base_person_years, 0))} ${range}`;
  return changeWords(lang, c);
}

/** The unit of an amount: Mkr from a million on, else kronor. */
const unitOf = (lang, ...xs) => (Math.max(...xs.map(Math.abs)) >= 1e6 ? { div: 1e6, digits: 1, name: TEXT[lang].detail.mkr } : { div: 1, digits: -3, name: TEXT[lang].detail.kr });

/** An amount in a unit: Mkr with one decimal, kronor to the thousand. */
const inUnit = (lang, x, u) => (u.digits < 0 ? fmt(lang, Math.round(x / 1000) * 1000, 0)
  : new Intl.NumberFormat(locale(lang), { minimumFractionDigits: u.digits, maximumFractionDigits: u.digits }).format(x / u.div));

/** "90 %" or "90%". */
const level = (lang) => percent(lang, 0.9);

/** An amount a year with its interval: "5,6 Mkr/år (90 %: 5,5–5,6)". */
export function moneyPerYear(lang, c) {
  const d = TEXT[lang].detail;
  const u = unitOf(lang, c.mean, c.low, c.high);
  const sep = c.low < 0 || c.high < 0 ? ' – ' : '–';
  return `${inUnit(lang, c.mean, u)} ${u.name}${d.perYearUnit} (${level(lang)}: ${inUnit(lang, c.low, u)}${sep}${inUnit(lang, c.high, u)})`;
}

/** A change in an amount a year: "0,3 Mkr/år lägre (90 %: 0,2–0,4)", "… högre …", or no certain difference. */
export function moneyChange(lang, c) {
  const d = TEXT[lang].detail;
  const u = unitOf(lang, c.mean, c.low, c.high);
  const v = (x) => inUnit(lang, x, u);
  if (c.certainty === 'higher') return `${v(c.mean)} ${u.name}${d.perYearUnit} ${d.higher} (${level(lang)}: ${v(c.low)}–${v(c.high)})`;
  if (c.certainty === 'lower') return `${v(-c.mean)} ${u.name}${d.perYearUnit} ${d.lower} (${level(lang)}: ${v(-c.high)}–${v(-c.low)})`;
  const s = (x) => (x > 0 ? '+' : x < 0 ? '−' : '±') + v(Math.abs(x));
  return `${d.uncertain} (${s(c.low)} – ${s(c.high)} ${u.name}${d.perYearUnit})`;
}

/** A ratio in kronor with its interval ("37 000 kr (90 %: 30 000–45 000)"), or too uncertain. */
export function ratioWords(lang, r) {
  const d = TEXT[lang].detail;
  if (r == null) return d.noReduction;
  const u = unitOf(lang, r.mean, r.low, r.high);
  const v = (x) => inUnit(lang, x, u);
  const sep = r.low < 0 || r.high < 0 ? ' – ' : '–';
  if (r.too_uncertain) return `${d.tooUncertain} (${v(r.low)}${sep}${v(r.high)} ${u.name})`;
  return `${v(r.mean)} ${u.name} (${level(lang)}: ${v(r.low)}${sep}${v(r.high)})`;
}

/** What the scenario is, in words: the place and what it adds, or that it only changes conditions. */
export function whatWords(lang, h) {
  const d = TEXT[lang].detail;
  const names = (h.adds ?? []).map((k) => INSTRUMENT_LABELS[lang][k] ?? k);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${d.and} ${names.at(-1)}` : names[0];
  if (h.condition_only) return h.changes_conditions ? d.conditionOnly(h.place) : d.nothingAdded(h.place);
  return h.changes_conditions ? d.addsAndConditions(h.place, list) : d.adds(h.place, list);
}

/**
 * The lines of one scenario's headline: `h` is the library's `Headline`,
 * `[from, to]` the projection's calendar years (the workshop clock: up to
 * its year). It leads with the person-years over the projection — the
 * robust figure — then the homeless persons as a mean over the three years
 * around the chosen year, the evictions, the costs a year (gross cost of
 * the instruments, emergency accommodation, social assistance) and the net
 * cost per person-year avoided. A scenario with changed conditions only
 * has its costs said as a change in the municipality's costs. `only` =
 * 'year' keeps the lead alone (the announcement); 'clock' the December of
 * the clock's year and the person-years up to it (the workshop's: the
 * clock asks for them up to its year, so that the end is not told before
 * it comes). Each line is `{ key, text }`.
 */
export function headlineLines(lang, h, [from, to], only = null) {
  const d = TEXT[lang].detail;
  const lead = { key: 'person-years', text: `${d.personYears(from, to)}: ${leadWords(lang, h)}` };
  if (only === 'year') return [lead];
  if (only === 'clock') return [{ key: 'homeless', text: `${d.homeless(h.year)}: ${changeWords(lang, h.homeless_at_year)}` }, lead];
  const [a, b] = h.around_years;
  const emergency = { ...h.savings_sek_per_year, mean: -h.savings_sek_per_year.mean, low: -h.savings_sek_per_year.high, high: -h.savings_sek_per_year.low,
    certainty: { lower: 'higher', higher: 'lower' }[h.savings_sek_per_year.certainty] ?? 'uncertain' };
  return [
    lead,
    { key: 'around', text: `${d.around(a, b)}: ${changeWords(lang, h.homeless_around_year)}` },
    { key: 'evictions', text: `${d.evictions(from, to)}: ${changeWords(lang, h.executed_evictions)}` },
    h.condition_only
      ? { key: 'costs', text: d.conditionCosts(moneyChange(lang, h.gross_cost_sek_per_year)) }
      : { key: 'costs', text: d.costs(fmt(lang, h.running_years, 1), moneyPerYear(lang, h.gross_cost_sek_per_year)) },
    { key: 'emergency', text: d.emergency(moneyChange(lang, emergency)) },
    { key: 'assistance', text: d.assistance(moneyChange(lang, h.social_assistance_sek_per_year)) },
    { key: 'per-year', text: `${h.condition_only ? d.perYearConditions : d.perYear}: ${ratioWords(lang, h.net_cost_sek_per_person_year_avoided)}` },
  ];
}

/** A part of the accounting in person-years: "−96 personår (90 %: −100 – −92)". */
function part(lang, c) {
  const w = TEXT[lang].why;
  return `${signed(lang, c.mean, 0)} ${w.personYears} (${level(lang)}: ${signed(lang, c.low, 0)} – ${signed(lang, c.high, 0)})`;
}

/**
 * "Varför? / Why?" in words from the library's effect accounting of the
 * pairs (crate/effects `Accounting`, without its monthly series): the
 * difference in person-years split into direct, counting (situation 3)
 * and others, their total, and what became of the households the added
 * instruments took in. Each line is `{ key, text, value }` (value: the
 * part's mean, for the parts and the total).
 */
export function whyLines(lang, a, [from, to]) {
  const w = TEXT[lang].why;
  const n = (x) => fmt(lang, x, 0);
  const lines = [
    { key: 'intro', text: w.intro(from, to) },
    ...['direct', 'counting', 'others'].map((key) => ({ key, text: `${w[key]}: ${part(lang, a[key])}`, value: a[key].mean })),
    { key: 'total', text: `${w.total}: ${part(lang, a.total)}`, value: a.total.mean },
  ];
  const h = a.holds;
  if (h.taken_in >= 0.5) {
    lines.push({ key: 'holds', text: w.holds(n(h.taken_in), n(h.homeless_when_taken_in)) });
    if (h.followed_a_year >= 0.5) {
      lines.push({ key: 'followed', text: w.followed(n(h.followed_a_year), n(h.followed_a_year - h.still_homeless_a_year_later), n(h.still_homeless_a_year_later)) });
    }
  } else {
    lines.push({ key: 'holds', text: w.none });
  }
  return lines;
}

/** First and last calendar year of a run's projection (its meta: first reported year, months in all, months of history). */
export function projectionYears(meta) {
  return [meta.startYear + Math.floor(meta.historyMonths / 12), meta.startYear + Math.ceil(meta.horizon / 12) - 1];
}
