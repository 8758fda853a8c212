// The words of the page's tables: instruments, their settings, units,
// choices, drivers and place fields in the page's language, and a setting's
// value with its unit. The settings table (from the catalogue) carries its
// own Swedish (`sv`); names and units the table has only in English come
// from www/src/i18n.js. No DOM: the editor, the charts and the exports use it.
import { settingsOf } from './state.js';
import { growsWithPlace, instrumentOf, roleOf } from './roles.js';
import { INSTRUMENT_LABELS, UNIT_LABELS, OPTION_LABELS, DRIVER_LABELS } from './i18n.js';
import { fmt, store, t } from './store.js';

/**
 * A label in the page's language. The settings table's own labels and units
 * are English; a Swedish page marks a control whose text has no Swedish
 * entry (a test looks for such marks).
 */
export function translated(table, key, fallback) {
  const text = table[store.state.lang]?.[key];
  return text === undefined ? { text: fallback, missing: store.state.lang !== 'en' } : { text, missing: false };
}

/** An instrument kind's name in the page's language. */
export const instrumentLabel = (kind) => INSTRUMENT_LABELS[store.state.lang][kind] ?? kind;

/** A driver's name in the page's language. */
export const driverLabel = (driver) => DRIVER_LABELS[store.state.lang][driver] ?? driver;

/** A choice's name in the page's language. */
export const optionLabel = (option) => translated(OPTION_LABELS, option, option).text;

/** A place field's label in the page's language. */
export const placeLabel = (name) => t().placeFields[name] ?? name;

/** A unit in the page's language. */
export function unitLabel(unit) {
  return translated(UNIT_LABELS, unit, unit).text;
}

/**
 * How a setting's numbers are shown: shares (0–1) as percentages, so that
 * people type 25 for a quarter; the scenario keeps the share.
 */
export const shownAs = (row) => (roleOf(row) === 'share' ? { k: 100, unit: { text: '%', missing: false } } : { k: 1, unit: row.unit ? translated(UNIT_LABELS, row.unit, row.unit) : { text: '', missing: false } });

/** The allowed values of a setting in the page's language. */
export function rangeOf(row) {
  if (row.type === 'flag') return t().yesNo;
  if (row.type === 'choice') return `${t().oneOf} ${row.options.map(optionLabel).join(', ')}`;
  const { k } = shownAs(row);
  return `${fmt(row.min * k, 6)} ${t().to} ${fmt(row.max * k, 6)}`;
}

/** The allowed values with the unit, in the page's language: "0 till 1 000 000 hyresavtal", "0 till 100 %". */
export function allowedText(row) {
  const { unit } = shownAs(row);
  return unit.text ? `${rangeOf(row)} ${unit.text}` : rangeOf(row);
}

/**
 * A setting's label, description and source in the page's language: the
 * settings table carries both (the row's own and its `sv`), so help texts
 * and sources are never in one language only.
 */
export function settingText(row) {
  if (store.state.lang !== 'sv' || !row.sv) return row;
  return { ...row.sv, source: swedishSource(row.sv.source) };
}

/**
 * A source in Swedish words: the project's own name of its source text
 * ("seed 002", the SABO report the instruments are read from) is said as
 * the report (the settings table's Swedish sources still carry it).
 */
export const swedishSource = (text) => String(text ?? '').replace(/ \(seed 002\)/g, '').replace(/\bseed 002\b/g, 'SABO m.fl. 2014');

/** A setting's label in the page's language. */
export function settingLabel(row) {
  return settingText(row).label;
}

/** A setting's value in words with its unit: "24 kontrakt/år", shares as percentages ("10 %"). */
export function valueText(row, v) {
  const { k, unit } = shownAs(row);
  if (!unit.text) return fmt(v * k, 2);
  // Swedish sets a space before the per cent sign, English does not.
  const gap = unit.text === '%' && store.state.lang === 'en' ? '' : ' ';
  return `${fmt(v * k, k === 1 ? 2 : 1)}${gap}${unit.text}`;
}

/**
 * An instrument's size in words: up to two of its settings that count
 * something or are shares ("Nya kontrakt per år: 24 kontrakt/år, Kontrakt
 * vid start: 60 kontrakt"); `inst` is a flat config as in a scenario file.
 */
export function sizeText(inst) {
  // Zero is no size (a count the file leaves at nothing).
  const rows = settingsOf(store.catalogue, inst.kind).filter((r) => ['number', 'whole', 'optional'].includes(r.type) && typeof inst[r.name] === 'number' && inst[r.name] !== 0);
  // Counts first (contracts, places, guarantees: what is for the whole place), then shares.
  const sized = [...rows.filter(growsWithPlace), ...rows.filter((r) => roleOf(r) === 'share')];
  return (sized.length ? sized : rows).slice(0, 2).map((r) => `${settingLabel(r)} ${valueText(r, inst[r.name])}`).join(', ');
}

/**
 * An instrument's name, told apart from another of its kind in `list` by the
 * setting the registry tells its schemes apart by, else its first choice:
 * "Kommunal hyresgaranti (försörjningsstöd)".
 */
export function instrumentName(inst, list) {
  const label = instrumentLabel(inst.kind);
  const kin = list.filter((x) => x.kind === inst.kind);
  if (kin.length < 2) return label;
  const apart = instrumentOf(store.catalogue, inst.kind)?.told_apart_by?.[0];
  const rows = settingsOf(store.catalogue, inst.kind);
  const choice = rows.find((r) => r.name === apart) ?? rows.find((r) => r.type === 'choice');
  const v = choice ? inst[choice.name] : undefined;
  return v ? `${label} (${optionLabel(v)})` : `${label} ${kin.indexOf(inst) + 1}`;
}

/**
 * A help text or source of setting `row` in the unit its field shows: a
 * share written as a fraction ("antagande 0,8") is said as the percentage
 * the field takes ("antagande 80 %").
 */
export function inFieldUnit(row, text) {
  if (roleOf(row) !== 'share' || !text) return text;
  return text.replace(/(?<![\d.,])0[.,]\d+(?![\d])/g, (m) => valueText(row, Number(m.replace(',', '.'))));
}

/** A setting's default in the unit its field shows, as a sentence: " Förval: 80 %." (nothing if it has none). */
export function defaultWords(row) {
  const d = row.default;
  if (d === null || d === undefined) return '';
  const v = row.type === 'flag' ? (d ? t().yes : t().no) : row.type === 'choice' ? optionLabel(d) : valueText(row, d);
  return ` ${t().defaultIs}: ${v}.`;
}
