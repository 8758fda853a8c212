// "Hur väl stämmer modellen? / How well does the model fit?": a place's
// validation (docs/validation.json, written by `hemma validate-report`
// beside docs/validation.md) in the page's language. Pure, unit-tested
// under Node (tests/validation.test.mjs).
import { fmt, signed } from './format.js';

/** Targets in words, per language, by their id or their kind (the part of the id after the place); others keep the report's English label. */
const KINDS = {
  sv: {
    homeless_per_10k: 'Hemlösa per 10 000, maj 2013 (mot räkningen maj 2011)',
    executed_evictions: 'Verkställda vräkningar per 10 000, 2013',
    drift_2020: 'Hemlösa per 10 000 år 2020 med 2011 års förhållanden (mot räkningen 2011)',
    housing_first_retention_12m: 'Bostad först: kvar i bostaden efter 12 månader',
    // The country's own targets (Sverige).
    'sverige.executed_evictions': 'Verkställda vräkningar per 10 000, 2011',
    applications_per_payment_order: 'Ansökningar om avhysning per betalningsföreläggande',
    children_per_eviction: 'Barn som berörs per verkställd vräkning, 2011',
    disturbance_share: 'Andel vräkningar av annat skäl än hyresskuld',
    executed_per_application: 'Verkställda vräkningar per ansökan',
    payment_orders_per_1000_rentals: 'Betalningsförelägganden per 1 000 hyresrätter',
    remark_share: 'Andel vuxna med betalningsanmärkning',
    rough_share: 'Andel som sover ute',
    sit1_share: 'Andel i situation 1 (akut hemlöshet)',
    sit3_share: 'Andel i situation 3 (kommunens långsiktiga lösningar)',
    social_contracts_held: 'Sociala kontrakt per 10 000 år 2020, mot dem som löpte vid start',
    social_contracts_per_10k: 'Sociala kontrakt per 10 000 invånare, slutet av 2013',
    withdrawn_share: 'Andel ansökningar som återkallas',
  },
  en: {
    homeless_per_10k: 'Homeless per 10,000, May 2013 (against the count of May 2011)',
    executed_evictions: 'Executed evictions per 10,000, 2013',
    drift_2020: 'Homeless per 10,000 in 2020 with 2011 conditions held (against the 2011 count)',
    housing_first_retention_12m: 'Housing First: tenancies kept 12 months',
  },
};

const WORDS = {
  sv: {
    title: 'Hur väl stämmer modellen?',
    met: (n, all) => `${n} av ${all} mål nådda`,
    start: (model, counted) => `startar på ${model} mot räknade ${counted} per 10 000 (2011)`,
    drift: (d) => `tio år utan ändringar: ${d}`,
    missed: 'missar',
    against: 'mot',
    within: (goal) => `inom målet ±${goal} %`,
    outside: (goal) => `utanför målet ±${goal} %`,
    columns: ['Mål', 'Observerat', 'Modellen, median [P5–P95]', 'Fel', 'Nått'],
    yes: 'ja',
    no: 'nej',
    more: 'Hela valideringen: docs/validation.md i hemmas källkod',
  },
  en: {
    title: 'How well does the model fit?',
    met: (n, all) => `${n} of ${all} targets met`,
    start: (model, counted) => `starts at ${model} against the ${counted} per 10,000 counted (2011)`,
    drift: (d) => `ten years with nothing changed: ${d}`,
    missed: 'misses',
    against: 'against',
    within: (goal) => `within the goal of ±${goal}%`,
    outside: (goal) => `outside the goal of ±${goal}%`,
    columns: ['Target', 'Observed', 'Model, median [P5–P95]', 'Error', 'Met'],
    yes: 'yes',
    no: 'no',
    more: 'The whole validation: docs/validation.md in hemma’s source',
  },
};

/** A number with as many decimals as its size needs (1,99; 33,5; 125). */
const num = (lang, x) => fmt(lang, x, Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);

/** The validation of the place with preset id `id`, or `null` if the report has none. */
export function placeValidation(report, id) {
  return report?.places?.find((p) => p.id === id) ?? null;
}

/**
 * A place's validation in words: `title`, a one-line `summary` (targets met,
 * its start against its count, its ten-year drift, the targets it misses),
 * the table's `columns` and `rows` (one per target), and `more` (where the
 * whole report is).
 */
export function fitText(lang, place, provenance) {
  const w = WORDS[lang];
  const label = (t) => KINDS[lang][t.id] ?? KINDS[lang][t.id.split('.').slice(1).join('.')] ?? t.label;
  const pct = (x) => `${signed(lang, x * 100, 0)}${lang === 'sv' ? ' %' : '%'}`;
  const met = place.targets.filter((t) => t.meets_goal).length;
  const parts = [
    w.met(met, place.targets.length),
    w.start(num(lang, place.start), num(lang, place.observed)),
    w.drift(pct(place.drift)),
  ];
  for (const t of place.targets.filter((x) => !x.meets_goal)) {
    parts.push(`${w.missed}: ${label(t)} (${num(lang, t.median)} ${w.against} ${num(lang, t.observed)}, ${pct(t.relative_error)})`);
  }
  const rows = place.targets.map((t) => ({
    id: t.id,
    cells: [label(t), num(lang, t.observed), `${num(lang, t.median)} [${num(lang, t.p5)}–${num(lang, t.p95)}]`,
      `${pct(t.relative_error)} (${(t.meets_goal ? w.within : w.outside)(fmt(lang, t.goal * 100, 0))})`, t.meets_goal ? w.yes : w.no],
    meets: t.meets_goal,
    source: t.source,
  }));
  return { title: w.title, summary: `${parts.join('; ')}.`, columns: w.columns, rows, more: `${w.more} (${provenance}).` };
}
