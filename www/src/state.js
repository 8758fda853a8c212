// The dashboard's state — municipality, horizon, replications, the baseline
// and up to four scenarios — its check and its scenario files. Everything
// read from a link (www/src/link.js) is untrusted: it is checked field by
// field here (shape, types, ranges, known names) and then validated again by
// the model in the worker; names are only ever rendered as text.
import { wholeSetting } from './roles.js';

export const MAX_SCENARIOS = 5; // the baseline and four alternatives
export const MAX_INSTRUMENTS = 20;
export const MAX_CONDITIONS = 8;
/** A condition's level, in percent of the place's level in the data year. */
export const MAX_PCT = 1000;
export const MAX_NAME = 80;
/** Years ahead a page may project, and replications it may run (the controls and the link check share them). */
export const YEARS = { min: 1, max: 50 };
export const REPLICATIONS = { min: 1, max: 100 };
/** Calendar years an instrument or a change of conditions may be dated. */
export const CALENDAR = { min: 1900, max: 2200 };

/**
 * The link format this page writes. 1: links made before 2026-12-03 (no
 * conditions; instruments could start in any year — those before the data
 * year are moved to it, with a note, by `moveToProjection`). 2: scenarios may
 * change the conditions (`conditions`). 3 (2026-12-06, the model's scenario
 * format 3): homeless counts are adults, as Socialstyrelsen counts them, and
 * a custom place's count has its year (`homeless_count_year`); a count in a
 * link of format 1 or 2 had none and was the count of 2011, and is read so.
 * A link of a newer format is refused with the format it has.
 */
export const LINK_FORMAT = 3;

export function defaultState() {
  return { v: LINK_FORMAT, lang: 'sv', preset: 'karlstad', years: 10, replications: 12, scenarios: [{ name: '', instruments: [] }] };
}

/**
 * Refuses `value` of `field` (a path, "scenarios[1].instruments[0].start"):
 * throws an Error whose message says in English what is `allowed`, and
 * which carries the path, the value and `rule` — what is allowed as data
 * ({ k: 'whole', lo, hi }, { k: 'setting', kind, name }, …), from which
 * www/src/messages.js says it in the page's language.
 */
function fail(field, value, allowed, rule = {}) {
  throw Object.assign(new Error(`${field} = ${shownValue(value)}: ${allowed}`), { field, value, rule });
}

/** Characters of a refused text a message quotes before it is cut. */
const QUOTE_CHARS = 60;

/** A refused value as the English message shows it: a text cut with its length, a list or an object by its size — never a dump. */
function shownValue(v) {
  if (typeof v === 'string') {
    const chars = [...v];
    const quoted = chars.length > QUOTE_CHARS ? `${JSON.stringify(chars.slice(0, QUOTE_CHARS - 1).join(''))}… (${chars.length} characters)` : JSON.stringify(v);
    // Hidden characters written out (\u202e), so that the message reads as written.
    return quoted.replace(new RegExp(HIDDEN_CHARACTERS.source, 'gu'), (c) => `\\u${c.codePointAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v !== null && typeof v === 'object') return `an object with ${Object.keys(v).length} fields`;
  return v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v);
}

/**
 * Characters a name may not hold: control characters and the bidirectional
 * overrides and isolates, which would reorder the text around the name on
 * the page (what is shown would not be what is written).
 */
export const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Why `name` cannot be a name (a scenario's, a place's), or ''. */
export function nameProblem(name) {
  return HIDDEN_CHARACTERS.test(name) ? 'hidden' : '';
}

function int(field, v, lo, hi, more = {}) {
  if (!Number.isInteger(v) || v < lo || v > hi) fail(field, v, `allowed a whole number from ${lo} to ${hi}`, { k: 'whole', lo, hi, ...more });
  return v;
}

function plainObject(field, v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(field, v, 'expected an object', { k: 'object' });
  return v;
}

/** The custom place a new "Egen kommun" starts from (the user then edits it). */
export function defaultPlace() {
  return { name: 'Min kommun', population: 50000, rental_share_pct: 40, coop_share_pct: 25, owner_share_pct: 35 };
}

/** Why `v` is not a value of place field `f` (a row of the catalogue's place_fields), or '' if it is. */
export function checkPlaceField(f, v) {
  if (v === undefined || v === null) return f.required ? 'required' : '';
  const whole = f.whole === true;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < f.min || v > f.max || (whole && !Number.isInteger(v))) {
    return `allowed ${whole ? 'a whole number' : 'a number'} from ${f.min} to ${f.max} (${f.unit})`;
  }
  return '';
}

/** Checks an untrusted custom place (the fields of a place file); returns a clean copy. */
export function checkPlace(place, catalogue) {
  plainObject('place', place);
  const fields = catalogue.place_fields;
  const names = ['name', ...fields.map((f) => f.name)];
  for (const k of Object.keys(place)) if (!names.includes(k)) fail(`place.${k}`, k, `unknown field; allowed: ${names.join(', ')}`, { k: 'unknown', allowed: names });
  if (typeof place.name !== 'string' || place.name.trim().length < 1 || place.name.length > MAX_NAME) {
    fail('place.name', place.name, `allowed text of 1 to ${MAX_NAME} characters`, { k: 'text', lo: 1, hi: MAX_NAME });
  }
  if (nameProblem(place.name)) fail('place.name', place.name, 'allowed text without control or text-direction characters', { k: 'hidden' });
  const clean = { name: place.name };
  for (const f of fields) {
    const problem = checkPlaceField(f, place[f.name]);
    if (problem) fail(`place.${f.name}`, place[f.name], problem, f.name === 'homeless_count_year' ? { k: 'countYear', lo: f.min, hi: f.max } : { k: 'place', name: f.name });
    if (place[f.name] !== undefined && place[f.name] !== null) clean[f.name] = place[f.name];
  }
  checkCountYear(clean, fields);
  const sum = clean.rental_share_pct + clean.coop_share_pct + clean.owner_share_pct;
  if (Math.abs(sum - 100) > 2) fail('place.owner_share_pct', clean.owner_share_pct, `the tenure shares must add up to 100 (±2); they add up to ${sum}`, { k: 'tenure', sum });
  return clean;
}

/** A custom place's count has its year, and a year its count (the model's rule: crate/place.rs). */
function checkCountYear(clean, fields) {
  const f = fields.find((x) => x.name === 'homeless_count_year');
  if (!f) return;
  const rule = { k: 'countYear', lo: f.min, hi: f.max };
  if (clean.homeless_per_10k !== undefined && clean.homeless_count_year === undefined) fail('place.homeless_count_year', undefined, `required with homeless_per_10k: the year of the count, a whole number from ${f.min} to ${f.max}`, { ...rule, required: true });
  if (clean.homeless_count_year !== undefined && clean.homeless_per_10k === undefined) fail('place.homeless_count_year', clean.homeless_count_year, 'allowed only with homeless_per_10k, the count it dates', { ...rule, alone: true });
}

/** Checks an untrusted state object; returns a clean copy. */
export function check(obj, catalogue) {
  plainObject('state', obj);
  // The format first: a newer link may hold fields this page does not know.
  if (Number.isInteger(obj.v) && obj.v > LINK_FORMAT) fail('v', obj.v, `the link was made by a newer hemma (link format ${obj.v}); this page reads formats 1 to ${LINK_FORMAT}: open it where it was made`, { k: 'newer', format: obj.v });
  if (![1, 2, LINK_FORMAT].includes(obj.v)) fail('v', obj.v, `allowed 1 to ${LINK_FORMAT}`, { k: 'whole', lo: 1, hi: LINK_FORMAT });
  const known = ['v', 'lang', 'preset', 'place', 'years', 'replications', 'scenarios'];
  for (const k of Object.keys(obj)) if (!known.includes(k)) fail(k, k, `unknown field; allowed: ${known.join(', ')}`, { k: 'unknown', allowed: known });
  const lang = obj.lang === 'en' ? 'en' : obj.lang === 'sv' || obj.lang === undefined ? 'sv' : fail('lang', obj.lang, 'allowed sv or en', { k: 'oneOf', options: ['sv', 'en'] });
  const presets = [...catalogue.presets.map((p) => p.id), 'custom'];
  if (!presets.includes(obj.preset)) fail('preset', obj.preset, `allowed: ${presets.join(', ')}`, { k: 'oneOf', options: presets, of: 'preset' });
  if (obj.preset !== 'custom' && obj.place !== undefined) fail('place', obj.place, 'allowed only with preset "custom"', { k: 'onlyCustom' });
  // A count in a link of format 1 or 2 had no year: it was the count of 2011.
  const given = obj.v < 3 && obj.place && typeof obj.place === 'object' && obj.place.homeless_per_10k != null && obj.place.homeless_count_year === undefined ? { ...obj.place, homeless_count_year: 2011 } : obj.place;
  const place = obj.preset === 'custom' ? checkPlace(given, catalogue) : undefined;
  const years = int('years', obj.years, YEARS.min, YEARS.max);
  // The projection's last year (links are read against the model's data year).
  const last = catalogue.data_year ? catalogue.data_year + years - 1 : CALENDAR.max;
  const replications = int('replications', obj.replications, REPLICATIONS.min, REPLICATIONS.max);
  if (!Array.isArray(obj.scenarios) || obj.scenarios.length < 1 || obj.scenarios.length > MAX_SCENARIOS) {
    fail('scenarios', obj.scenarios, `allowed a list of 1 to ${MAX_SCENARIOS}`, { k: 'list', lo: 1, hi: MAX_SCENARIOS });
  }
  const kinds = catalogue.instruments.map((d) => d.kind);
  const scenarios = obj.scenarios.map((s, i) => {
    plainObject(`scenarios[${i}]`, s);
    for (const k of Object.keys(s)) if (!['name', 'instruments', 'conditions'].includes(k)) fail(`scenarios[${i}].${k}`, k, 'unknown field', { k: 'unknown', allowed: ['name', 'instruments', 'conditions'] });
    if (typeof s.name !== 'string' || s.name.length > MAX_NAME) fail(`scenarios[${i}].name`, s.name, `allowed text of at most ${MAX_NAME} characters`, { k: 'text', lo: 0, hi: MAX_NAME });
    if (nameProblem(s.name)) fail(`scenarios[${i}].name`, s.name, 'allowed text without control or text-direction characters', { k: 'hidden' });
    if (!Array.isArray(s.instruments) || s.instruments.length > MAX_INSTRUMENTS) fail(`scenarios[${i}].instruments`, s.instruments, `allowed a list of at most ${MAX_INSTRUMENTS}`, { k: 'list', lo: 0, hi: MAX_INSTRUMENTS });
    const instruments = s.instruments.map((inst, j) => {
      const f = `scenarios[${i}].instruments[${j}]`;
      plainObject(f, inst);
      if (!kinds.includes(inst.kind)) fail(`${f}.kind`, inst.kind, `allowed: ${kinds.join(', ')}`, { k: 'oneOf', options: kinds, of: 'kind' });
      const table = settingsOf(catalogue, inst.kind);
      const fields = table.map((row) => row.name);
      // Dates inside the projection: a start after its last year is never run, an end at or before the start never acts
      // (a start before it is an old link's: moveToProjection moves it, with a note).
      const start = int(`${f}.start`, inst.start, CALENDAR.min, last, { year: true, kind: inst.kind });
      const end = inst.end === null || inst.end === undefined ? null : int(`${f}.end`, inst.end, start + 1, CALENDAR.max, { year: true, kind: inst.kind });
      const clean = { kind: inst.kind, start, end, settings: {} };
      const settings = plainObject(`${f}.settings`, inst.settings ?? {});
      for (const [k, v] of Object.entries(settings)) {
        if (!fields.includes(k)) fail(`${f}.settings.${k}`, k, `unknown setting of ${inst.kind}; allowed: ${fields.join(', ')}`, { k: 'unknown', allowed: fields, kind: inst.kind });
        const problem = checkSetting(table.find((row) => row.name === k), v);
        if (problem) fail(`${f}.settings.${k}`, v, problem, { k: 'setting', kind: inst.kind, name: k });
        clean.settings[k] = v;
      }
      // A choice the model requires (no default), e.g. a rent guarantee's kind: refused here, not by the model.
      for (const row of table) if (row.type === 'choice' && row.default == null && clean.settings[row.name] === undefined) fail(`${f}.settings.${row.name}`, undefined, `required: one of ${row.options.join(', ')}`, { k: 'setting', kind: inst.kind, name: row.name, required: true });
      return clean;
    });
    const conditions = checkConditions(`scenarios[${i}].conditions`, s.conditions ?? [], catalogue, last);
    return conditions.length ? { name: s.name, instruments, conditions } : { name: s.name, instruments };
  });
  // Read as written, kept in the current format (a format-1 link has no conditions).
  const clean = { v: LINK_FORMAT, lang, preset: obj.preset, years, replications, scenarios };
  if (place) clean.place = place;
  return clean;
}

/**
 * Checks the conditions of a scenario: changes of a driver (construction,
 * unemployment, …) from a year on, each as a percentage of the place's
 * level in the data year — "construction at 50% from 2027".
 */
function checkConditions(field, list, catalogue, last) {
  if (!Array.isArray(list) || list.length > MAX_CONDITIONS) fail(field, list, `allowed a list of at most ${MAX_CONDITIONS}`, { k: 'list', lo: 0, hi: MAX_CONDITIONS });
  const names = (catalogue.drivers ?? []).map((d) => d.name);
  return list.map((c, k) => {
    const f = `${field}[${k}]`;
    plainObject(f, c);
    for (const key of Object.keys(c)) if (!['driver', 'from', 'pct'].includes(key)) fail(`${f}.${key}`, key, 'unknown field; allowed: driver, from, pct', { k: 'unknown', allowed: ['driver', 'from', 'pct'] });
    if (!names.includes(c.driver)) fail(`${f}.driver`, c.driver, `allowed: ${names.join(', ')}`, { k: 'oneOf', options: names, of: 'driver' });
    const from = int(`${f}.from`, c.from, CALENDAR.min, last, { year: true, driver: c.driver });
    if (typeof c.pct !== 'number' || !Number.isFinite(c.pct) || c.pct < 0 || c.pct > MAX_PCT) fail(`${f}.pct`, c.pct, `allowed a number from 0 to ${MAX_PCT} (% of the level in the data year)`, { k: 'number', lo: 0, hi: MAX_PCT, unit: '%', driver: c.driver });
    return { driver: c.driver, from, pct: c.pct };
  });
}

/** The level of driver row `d` (from the catalogue) in the data year at place `preset` (a custom place: the country's). */
export function driverLevel(d, preset) {
  return d.levels[preset] ?? d.levels.sverige;
}

/** The percentages of the level that keep driver row `d` within its allowed values: [lowest, highest]. */
export function pctRange(d, level) {
  if (!(level > 0)) return [100, 100];
  return [Math.max(0, Math.ceil((100 * d.min) / level)), Math.min(MAX_PCT, Math.floor((100 * d.max) / level))];
}

/** The settings table of an instrument kind (rows: name, label, unit, type, default, range, description, source). */
export function settingsOf(catalogue, kind) {
  return catalogue.instruments.find((d) => d.kind === kind)?.settings ?? [];
}

/** The value a setting has when a scenario does not set it (`null`: left out). */
export function defaultOf(row) {
  if (row.type === 'choice') return row.default ?? row.options[0];
  return row.type === 'optional' ? null : row.default;
}

/** Why `v` is not a value of setting `row`, or '' if it is. */
export function checkSetting(row, v) {
  const unit = row.unit ? ` (${row.unit})` : '';
  switch (row.type) {
    case 'flag':
      return typeof v === 'boolean' ? '' : 'allowed true or false';
    case 'choice':
      return typeof v === 'string' && row.options.includes(v) ? '' : `allowed one of ${row.options.join(', ')}`;
    default:
      // Counts are whole (the page's one rule: roles.js); other numbers need only be finite and in range.
      if (wholeSetting(row)) return Number.isInteger(v) && v >= row.min && v <= row.max ? '' : `allowed a whole number from ${row.min} to ${row.max}${unit}`;
      return typeof v === 'number' && Number.isFinite(v) && v >= row.min && v <= row.max ? '' : `allowed a number from ${row.min} to ${row.max}${unit}`;
  }
}

/**
 * Moves every instrument of `state` that starts before `dataYear` (the
 * projection's first year) to start then, and drops one that would also
 * have ended by then: the years before are history, lived with the place's
 * recorded instruments. Returns a note for each (an old link may hold
 * such instruments): `{ text }` in English and what moved, as data
 * (scenario, instrument or condition, kind or driver, from, to, dropped).
 */
export function moveToProjection(state, dataYear) {
  const notes = [];
  state.scenarios.forEach((s, i) => {
    (s.conditions ?? []).forEach((c, k) => {
      if (c.from < dataYear) {
        notes.push({ text: `scenarios[${i}].conditions[${k}] (${c.driver}) started ${c.from}; moved to ${dataYear}`, scenario: i, condition: k, driver: c.driver, from: c.from, to: dataYear });
        c.from = dataYear;
      }
    });
    s.instruments = s.instruments.filter((inst, j) => {
      if (inst.end !== null && inst.end <= dataYear) {
        notes.push({ text: `scenarios[${i}].instruments[${j}] (${inst.kind}) ended before ${dataYear} and is left out`, scenario: i, instrument: j, kind: inst.kind, to: dataYear, dropped: true });
        return false;
      }
      if (inst.start < dataYear) {
        notes.push({ text: `scenarios[${i}].instruments[${j}] (${inst.kind}) started ${inst.start}; moved to ${dataYear}`, scenario: i, instrument: j, kind: inst.kind, from: inst.start, to: dataYear });
        inst.start = dataYear;
      }
      return true;
    });
  });
  return notes;
}
