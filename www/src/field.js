// A number field of the page: a text field (so that a decimal comma is
// read) whose text is read by the one input rule (www/src/inputs.js) and,
// when refused, marked with a message that names the field, the value and
// what is allowed, in the unit the field shows. The scenario keeps its last
// good value. Every number field of the editor and the headline's year is
// one of these.
import { readField } from './inputs.js';
import { cut } from './format.js';
import { fmt, store, t } from './store.js';
import { accept, el, refuse } from './dom.js';

/** What rule `r` allows, in words with the field's unit: "heltal 2026 till 2035", "0 till 100 %". */
export function allowedWords(r, unit = '') {
  const n = (x) => (r.year ? String(x) : fmt(x, 6));
  const range = `${r.whole ? `${t().wholeNumbers} ` : ''}${n(r.min)} ${t().to} ${n(r.max)}`;
  return unit ? `${range} ${unit}` : range;
}

/** A typed value as a message quotes it: trimmed, cut to about 60 characters with its length, "—" for nothing. */
export const quoted = (raw) => (String(raw ?? '').trim() === '' ? '—' : cut(store.state.lang, String(raw).trim()));

/**
 * The refusal of `raw` in the field `label` with rule `r`: "Start (år) =
 * 2040: tillåtet heltal 2026 till 2035", "Platser = 2,5: inte ett heltal;
 * tillåtet heltal 0 till 1 000 000 hyresavtal". `problem` is readField's,
 * or a sentence of its own (a date after the projection).
 */
export function refusalText(label, raw, r, problem, unit = '') {
  const why = { required: t().required, nan: t().notANumber, whole: t().notWhole, range: '' }[problem];
  if (why === undefined) return `${label} = ${quoted(raw)}: ${problem}`;
  return `${label} = ${quoted(raw)}: ${why ? `${why}; ` : ''}${t().allowed} ${allowedWords(r, unit)}`;
}

/**
 * Reads `input` by rule `r`; `more(v)` may refuse an otherwise good value
 * with a sentence. Refused: marks the field and returns null; accepted:
 * clears the mark and returns `{ value }` (undefined for an empty optional field).
 */
export function readInput(input, label, r, { unit = '', more = null } = {}) {
  const read = readField(input.value, r);
  const problem = read.problem ?? (read.value !== undefined && more ? more(read.value) : '');
  if (problem) {
    refuse(input, refusalText(label, input.value, r, problem, unit));
    return null;
  }
  accept(input);
  return read;
}

/**
 * A labelled number field with rule `r` and its value; `onValue(v)` gets
 * each accepted value. `opts`: `unit` (shown beside it and in messages),
 * `more` (see readInput), `name` (the field's name in messages, if not its
 * label), `labelClass`, and attributes of the input.
 */
export function numberField(label, value, r, onValue, { unit = '', more = null, name = label, labelClass, ...attrs } = {}) {
  const id = attrs.id ?? `in${++store.runId}`;
  const input = el('input', { type: 'text', inputmode: r.whole && r.min >= 0 ? 'numeric' : 'decimal', value: value ?? '', 'data-min': r.min, 'data-max': r.max, ...attrs, id,
    onchange: () => { const read = readInput(input, name, r, { unit, more }); if (read) onValue(read.value); } });
  return el('label', { for: id, class: labelClass }, el('span', { text: label }), input, unit ? el('span', { class: 'unit', text: unit }) : null);
}
