// The headline in words: the library computes every number of a comparison
// (crate/compare.rs, `Headline`, the same as `hemma compare` prints); this
// module only says them in the page's language. Pure, unit-tested under Node
// (tests/headline.test.mjs).
import { TEXT } from './i18n.js';
import { fmt, signed } from './format.js';

/** Fewer replications than this make intervals too unsure to decide on: the page warns. */
export const ENOUGH_REPLICATIONS = 10;

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

/** An amount of money per year with its interval: "1 200 000 [900 000–1 500 000]". */
const money = (lang, c) => `${fmt(lang, c.mean, 0)} [${fmt(lang, c.low, 0)}–${fmt(lang, c.high, 0)}]`;

/**
 * The lines of one scenario's headline: `h` is the library's `Headline`,
 * `[from, to]` the projection's calendar years (the workshop clock: up to
 * its year). `only` = 'year' keeps the line of the year alone (the
 * announcement); 'clock' that and the person-years (the workshop's: the
 * clock asks for them up to its year, so that the end is not told before
 * it comes). Each line is `{ key, text }`.
 */
export function headlineLines(lang, h, [from, to], only = null) {
  const d = TEXT[lang].detail;
  const lines = [{ key: 'homeless', text: `${d.homeless(h.year)}: ${changeWords(lang, h.homeless_at_year)}` }];
  if (only === 'year') return lines;
  lines.push({ key: 'person-years', text: `${d.personYears(from, to)}: ${changeWords(lang, h.homeless_person_years)}` });
  if (only === 'clock') return lines;
  const perYear = h.net_cost_sek_per_person_year_avoided;
  lines.push(
    { key: 'evictions', text: `${d.evictions(from, to)}: ${changeWords(lang, h.executed_evictions)}` },
    { key: 'costs', text: d.costs(fmt(lang, h.running_years, 1), money(lang, h.gross_cost_sek_per_year), money(lang, h.savings_sek_per_year)) },
    { key: 'per-year', text: `${d.perYear}: ${perYear == null ? d.noReduction : `${fmt(lang, perYear, 0)} ${lang === 'sv' ? 'kr' : 'SEK'}`}` },
  );
  return lines;
}

/** First and last calendar year of a run's projection (its meta: first reported year, months in all, months of history). */
export function projectionYears(meta) {
  return [meta.startYear + Math.floor(meta.historyMonths / 12), meta.startYear + Math.ceil(meta.horizon / 12) - 1];
}
