// Numbers in the page's language, and numbers typed by people: pure
// functions, no DOM, unit-tested under Node (tests/format.test.mjs).

/** The locale of a page language: Swedish uses a decimal comma and a thin space between thousands. */
export const locale = (lang) => (lang === 'sv' ? 'sv-SE' : 'en-GB');

/** `x` with at most `digits` decimals in the page's language ("1 234,5" or "1,234.5"). */
export function fmt(lang, x, digits = 1) {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(x);
}

/** `x` with its sign always shown (a typographic minus), "±0" for zero. */
export function signed(lang, x, digits = 1) {
  return (x > 0 ? '+' : x < 0 ? '−' : '±') + fmt(lang, Math.abs(x), digits);
}

/** A share (0–1) as a percentage in the page's language: 0.25 → "25 %" (sv) or "25%" (en). */
export function percent(lang, share, digits = 0) {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/**
 * A number as people type it in either language: "1,5" and "1.5" are one
 * and a half; spaces (also the no-break and thin spaces Swedish uses
 * between thousands) are ignored; a minus may be typographic. A comma and
 * a point together ("1,234.5" or "1.234,5") take the last one as the
 * decimal mark. Returns `undefined` for an empty field and `NaN` for text
 * that is not a number.
 */
export function parseNumber(text) {
  let s = String(text ?? '').replace(/[\s\u00a0\u2009\u202f]/g, '').replace(/^[\u2212\u2013]/, '-');
  if (s === '') return undefined;
  const comma = s.lastIndexOf(',');
  const point = s.lastIndexOf('.');
  if (comma >= 0 && point >= 0) {
    const decimal = comma > point ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    s = s.split(thousands).join('').replace(decimal, '.');
  } else if (comma >= 0) {
    if (s.indexOf(',') !== comma) return NaN; // two commas: not a decimal number
    s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}

/** Characters of a value a message quotes before it is cut. */
export const QUOTE_CHARS = 60;

/** `text` cut to about `most` characters, with how long it was: "aaaa… (5 247 tecken)". */
export function cut(lang, text, most = QUOTE_CHARS) {
  const s = String(text);
  const n = [...s].length;
  if (n <= most) return s;
  return `${[...s].slice(0, most - 1).join('')}… (${fmt(lang, n, 0)} ${lang === 'sv' ? 'tecken' : 'characters'})`;
}

/** A value as one CSV cell: quoted when it holds a comma, a quote or a line break. */
export function csvCell(v) {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `x` for an input field: the page language's decimal mark, no thousands separators, at most `digits` decimals. */
export function plain(lang, x, digits = 6) {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, useGrouping: false }).format(x);
}

/** `v` (a number or its text) as a whole number within [lo, hi], or `fallback` if it is not a number. */
export function clampInt(v, lo, hi, fallback) {
  const x = Math.round(Number(v));
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : fallback;
}

/** A duration in words, rounded as an estimate should be: "ungefär 40 sekunder", "about 3 minutes", "about 1.5 hours". */
export function durationText(lang, seconds) {
  const sv = lang === 'sv';
  if (seconds < 90) return sv ? `ungefär ${fmt(lang, Math.max(1, Math.round(seconds)), 0)} sekunder` : `about ${fmt(lang, Math.max(1, Math.round(seconds)), 0)} seconds`;
  const minutes = seconds / 60;
  if (minutes < 90) return sv ? `ungefär ${fmt(lang, Math.round(minutes), 0)} minuter` : `about ${fmt(lang, Math.round(minutes), 0)} minutes`;
  const hours = Math.round((minutes / 60) * 2) / 2;
  return sv ? `ungefär ${fmt(lang, hours, 1)} timmar` : `about ${fmt(lang, hours, 1)} hours`;
}
