// Unit tests of the page's one input rule (www/src/inputs.js) and the
// roles of settings it reads (www/src/roles.js) under Node's test runner.
//
//   node --test tests/inputs.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readField, rule } from '../src/inputs.js';
import { roleOf, wholeSetting } from '../src/roles.js';
import { cut } from '../src/format.js';

test('numbers are read in either language, and a per cent sign where the field is in per cent', () => {
  const pct = rule(0, 100, { percent: true });
  assert.deepEqual(readField('0,8', pct), { value: 0.8 });
  assert.deepEqual(readField('80 %', pct), { value: 80 });
  assert.deepEqual(readField('80%', pct), { value: 80 });
  assert.deepEqual(readField(' 12,5 ', pct), { value: 12.5 });
  assert.deepEqual(readField('80 %', rule(0, 100)), { problem: 'nan' }, 'a per cent sign where the field is not in per cent');
  assert.deepEqual(readField('1 000', rule(0, 1e6)), { value: 1000 });
});

test('a whole-number field refuses a fraction instead of reading "2,5" as 25', () => {
  const years = rule(1, 50, { whole: true });
  assert.deepEqual(readField('2,5', years), { problem: 'whole' });
  assert.deepEqual(readField('2.5', years), { problem: 'whole' });
  assert.deepEqual(readField('3', years), { value: 3 });
  assert.deepEqual(readField('2040', rule(2026, 2035, { whole: true })), { problem: 'range' });
  assert.deepEqual(readField('tre', years), { problem: 'nan' });
  assert.deepEqual(readField('Infinity', years), { problem: 'nan' });
});

test('an empty field is nothing where that is allowed, and required elsewhere', () => {
  assert.deepEqual(readField('', rule(0, 1, { optional: true })), { value: undefined });
  assert.deepEqual(readField('  ', rule(0, 1)), { problem: 'required' });
});

test('a setting\'s declared role decides whether it is whole: counts of things at once are, volumes, rates and money are not', () => {
  assert.equal(wholeSetting({ type: 'number', unit: 'tenancies', role: 'count', sized_to: 'support_needs' }), true);
  assert.equal(wholeSetting({ type: 'optional', unit: 'contracts', role: 'in_force', sized_to: 'homeless' }), true);
  assert.equal(wholeSetting({ type: 'number', unit: 'contracts/year', role: 'volume', sized_to: 'homeless' }), false);
  assert.equal(wholeSetting({ type: 'whole', unit: 'months', role: 'duration', sized_to: null }), true, 'a whole type is whole whatever its role');
  // The role is the table's, never read from the unit.
  assert.equal(roleOf({ type: 'number', unit: 'tenancies', role: 'money', sized_to: null }), 'money');
  assert.equal(wholeSetting({ type: 'number', unit: 'tenancies', role: 'rate', sized_to: null }), false);
});

test('a quoted value is cut to about 60 characters with its length', () => {
  assert.equal(cut('sv', 'kort'), 'kort');
  const long = cut('sv', 'x'.repeat(5247));
  assert.ok(long.length < 80 && /… \(5\s247 tecken\)$/.test(long), long);
  assert.ok(cut('en', 'y'.repeat(100)).endsWith('… (100 characters)'));
});
