// Unit tests of "how well does the model fit?" (www/src/validation.js),
// against the committed report (docs/validation.json).
//
//   node --test tests/validation.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fitText, placeValidation } from '../src/validation.js';

const report = JSON.parse(readFileSync(new URL('../../docs/validation.json', import.meta.url), 'utf8'));

test('every preset place has its validation, with its own targets only', () => {
  for (const id of ['goteborg', 'jonkoping', 'karlstad', 'norrkoping', 'nynashamn', 'sodertalje', 'uppsala', 'vasteras', 'sverige']) {
    const p = placeValidation(report, id);
    assert.ok(p, id);
    assert.ok(p.targets.length > 0 && p.targets.every((t) => t.run === id), id);
  }
  assert.equal(placeValidation(report, 'custom'), null);
});

test('the summary counts the targets met, states the start against the count, the drift and every miss', () => {
  const p = placeValidation(report, 'karlstad');
  const f = fitText('sv', p, 'hemma x');
  const met = p.targets.filter((t) => t.meets_goal).length;
  assert.ok(f.summary.startsWith(`${met} av ${p.targets.length} mål nådda`), f.summary);
  assert.ok(f.summary.includes('räknade 30 per 10 000'), f.summary);
  assert.equal(f.summary.split('missar').length - 1, p.targets.length - met, f.summary);
  assert.equal(f.rows.length, p.targets.length);
  assert.equal(f.rows.filter((r) => r.cells[4] === 'nej').length, p.targets.length - met);
});

test('target labels are in the page language where the kind is known (every target of the report in Swedish), the report\'s own otherwise', () => {
  const p = placeValidation(report, 'sverige');
  const sv = fitText('sv', p, '').rows;
  assert.equal(sv.find((r) => r.id === 'sverige.homeless_per_10k').cells[0], 'Hemlösa per 10 000, maj 2013 (mot räkningen maj 2011)');
  assert.equal(sv.find((r) => r.id === 'sverige.rough_share').cells[0], 'Andel som sover ute');
  assert.equal(sv.find((r) => r.id === 'sverige.executed_evictions').cells[0], 'Verkställda vräkningar per 10 000, 2011', 'the country\'s own year');
  for (const place of report.places) {
    for (const r of fitText('sv', place, '').rows) assert.notEqual(r.cells[0], place.targets.find((t) => t.id === r.id).label, `${r.id} in Swedish`);
  }
  const unknown = { ...p, targets: [{ ...p.targets[0], id: 'sverige.new_kind', label: 'Sverige: a new target' }] };
  assert.equal(fitText('sv', unknown, '').rows[0].cells[0], 'Sverige: a new target');
  assert.match(fitText('en', p, '').title, /How well/);
});
