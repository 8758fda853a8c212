// The shared table of bad values (tests/bad-values.json): the page's link
// check (www/src/state.js) must refuse every row and name the setting, as
// the scenario check in Rust does (tests/bad_values.rs). Checked against the
// real catalogue, from the model built for WebAssembly (scripts/build-wasm.sh).
//
//   node --test tests/bad-values.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, catalogue as catalogueJson } from '../src/pkg/hemma.js';
import { check, defaultState } from '../src/state.js';

initSync({ module: readFileSync(new URL('../src/pkg/hemma_bg.wasm', import.meta.url)) });
const catalogue = JSON.parse(catalogueJson());
const { rows } = JSON.parse(readFileSync(new URL('../../tests/bad-values.json', import.meta.url), 'utf8'));

const withSetting = (kind, settings) => ({ ...defaultState(), scenarios: [{ name: '', instruments: [] }, { name: 'x', instruments: [{ kind, start: 2027, end: null, settings }] }] });

test('the link check refuses every shared bad value and names the setting', () => {
  assert.ok(rows.length >= 15);
  for (const row of rows) {
    const settings = row.kind === 'rent_guarantee' && row.setting !== 'guarantee_kind' ? { guarantee_kind: 'assistance' } : {};
    settings[row.setting] = row.value;
    assert.throws(() => check(withSetting(row.kind, settings), catalogue), (e) => e.message.includes(row.setting),
      `${row.kind}.${row.setting} = ${JSON.stringify(row.value)} (${row.why})`);
  }
});

test('the same instruments at their defaults are accepted', () => {
  for (const row of rows) {
    const settings = row.kind === 'rent_guarantee' ? { guarantee_kind: 'assistance' } : {};
    assert.doesNotThrow(() => check(withSetting(row.kind, settings), catalogue), `${row.kind} at its defaults`);
  }
});
