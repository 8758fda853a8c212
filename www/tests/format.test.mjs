// Unit tests of number formatting and parsing (www/src/format.js).
//
//   node --test tests/format.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmt, signed, percent, parseNumber, csvCell, durationText, clampInt } from '../src/format.js';

test('Swedish numbers have a decimal comma and spaced thousands; English a point and commas', () => {
  assert.equal(fmt('sv', 1234.5).replace(/\s/g, ' '), '1 234,5');
  assert.equal(fmt('en', 1234.5), '1,234.5');
  assert.equal(fmt('sv', 2.25, 0), '2');
});

test('a signed number always shows its sign, with a typographic minus', () => {
  assert.equal(signed('sv', -3.5), '−3,5');
  assert.equal(signed('en', 3.5), '+3.5');
  assert.equal(signed('en', 0), '±0');
});

test('a share is said as a percentage in the page language', () => {
  assert.equal(percent('en', 0.25), '25%');
  assert.equal(percent('sv', 0.25).replace(/\s/g, ' '), '25 %');
});

test('a typed number accepts the decimal comma, spaces between thousands and a typographic minus', () => {
  assert.equal(parseNumber('1,5'), 1.5);
  assert.equal(parseNumber('1.5'), 1.5);
  assert.equal(parseNumber('12 000'), 12000);
  assert.equal(parseNumber('12\u00a0000,25'), 12000.25);
  assert.equal(parseNumber('−2,5'), -2.5);
  assert.equal(parseNumber('1.234,5'), 1234.5);
  assert.equal(parseNumber('1,234.5'), 1234.5);
  assert.equal(parseNumber('1e3'), 1000);
});

test('an empty field is no number, and text that is not one is NaN rather than a guess', () => {
  assert.equal(parseNumber(''), undefined);
  assert.equal(parseNumber('   '), undefined);
  for (const bad of ['abc', '1,2,3', '12kr', '--1', '1..2', ',', 'NaN', 'Infinity']) assert.ok(Number.isNaN(parseNumber(bad)), bad);
});

test('a CSV cell is quoted only when it must be', () => {
  assert.equal(csvCell('Bostad först'), 'Bostad först');
  assert.equal(csvCell('a, b'), '"a, b"');
  assert.equal(csvCell('say "hej"'), '"say ""hej"""');
});

test('an estimated duration is rounded to what an estimate can say', () => {
  assert.equal(durationText('sv', 42.3), 'ungefär 42 sekunder');
  assert.equal(durationText('en', 200), 'about 3 minutes');
  assert.equal(durationText('sv', 3 * 3600 + 600), 'ungefär 3 timmar');
  assert.equal(durationText('en', 5400 + 1200), 'about 2 hours');
});

test('a whole number within its bounds: rounded, clamped, and text that is no number keeps the fallback', () => {
  assert.equal(clampInt('7.6', 1, 100, 12), 8);
  assert.equal(clampInt(500, 1, 50, 10), 50);
  assert.equal(clampInt(-3, 1, 50, 10), 1);
  assert.equal(clampInt('tio', 1, 50, 10), 10);
  assert.equal(clampInt('', 2026, 2200, null), 2026, 'empty text is 0, clamped: callers that mean "none" test for it first');
});
