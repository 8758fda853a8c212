// Unit tests of the series layout (www/src/layout.js), against the model's
// own bands and paired differences from the Wasm build.
//
//   node --test tests/layout.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, catalogue as catalogueJson, bands, paired_differences } from '../src/pkg/hemma.js';
import { rowsOf } from '../src/layout.js';

initSync({ module: readFileSync(new URL('../src/pkg/hemma_bg.wasm', import.meta.url)) });
const catalogue = JSON.parse(catalogueJson());

test('periods become rows named by the given fields, scaled', () => {
  assert.deepEqual(rowsOf([1, 0, 2, 3, 2, 4], ['mean', 'low', 'high']), [{ mean: 1, low: 0, high: 2 }, { mean: 3, low: 2, high: 4 }]);
  assert.deepEqual(rowsOf([1, 2], ['a', 'b'], 10), [{ a: 10, b: 20 }]);
  assert.deepEqual(rowsOf([1, 2, 3], ['a', 'b']), [{ a: 1, b: 2 }], 'an incomplete period is left out');
});

test('the model names its bands and paired differences, and the names fit what it sends', () => {
  assert.deepEqual(catalogue.band_fields, ['mean', 'p5', 'p25', 'p50', 'p75', 'p95']);
  assert.deepEqual(catalogue.difference_fields, ['mean', 'low', 'high']);
  // Three replications of one period: 1, 2 and 6.
  const [band] = rowsOf(bands(new Float64Array([1, 2, 6]), 3, 1), catalogue.band_fields);
  assert.equal(band.mean, 3);
  assert.equal(band.p50, 2);
  assert.ok(band.p5 <= band.p25 && band.p25 <= band.p50 && band.p50 <= band.p75 && band.p75 <= band.p95);
  // Paired: the alternative is the base plus 1 in every replication.
  const [diff] = rowsOf(paired_differences(new Float64Array([1, 2, 6]), new Float64Array([2, 3, 7]), 3, 1), catalogue.difference_fields);
  assert.equal(diff.mean, 1);
  assert.ok(diff.low <= 1 && 1 <= diff.high);
});
