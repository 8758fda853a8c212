// One input rule for the whole page: every field a person types a number
// into (years, replications, an instrument's years and settings, a
// condition, a place's fields, the headline's year) is read by `readField`
// with its rule — whole or not, its range in the unit the field shows, and
// whether a per cent sign may follow — and refused, with what is allowed,
// by the same words. Numbers are read in either language ("0,8", "2,5",
// "1 000", "80 %"). Pure, no DOM (tests/inputs.test.mjs).
import { parseNumber } from './format.js';

/**
 * A field's rule: `{ whole, min, max, percent, optional, year }` — `percent`: the
 * field shows per cent and takes "80 %" as 80; `optional`: an empty field
 * is allowed (returned as `undefined`); `year`: a calendar year.
 */
export const rule = (min, max, { whole = false, percent = false, optional = false } = {}) => ({ min, max, whole, percent, optional });

/** The rule of a calendar year from `min` to `max` (whole, written without a thousands space). */
export const yearRule = (min, max, { optional = false } = {}) => ({ ...rule(min, max, { whole: true, optional }), year: true });

/**
 * Reads `text` by `r` (a `rule`): `{ value }` (undefined for an empty
 * optional field) or `{ problem }`, one of 'required' (empty), 'nan' (not a
 * number), 'whole' (a fraction where a whole number is asked), 'range'.
 */
export function readField(text, r) {
  let s = String(text ?? '').trim();
  // A per cent sign after the number, where the field is in per cent.
  if (r.percent) s = s.replace(/\s*%$/, '');
  const v = parseNumber(s);
  if (v === undefined) return r.optional ? { value: undefined } : { problem: 'required' };
  if (Number.isNaN(v) || !Number.isFinite(v)) return { problem: 'nan' };
  if (r.whole && !Number.isInteger(v)) return { problem: 'whole' };
  if (v < r.min || v > r.max) return { problem: 'range' };
  return { value: v };
}
