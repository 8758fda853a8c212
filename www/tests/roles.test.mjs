// Unit tests of what the page reads from the model's tables (www/src/roles.js,
// www/src/scenario-json.js) against the real catalogue of the Wasm build:
// every output says whether it is a total, every setting its role, every
// instrument how two of its kind relate — and no page module keeps a list
// of setting names or reads a unit to classify.
//
//   node --test tests/roles.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { initSync, catalogue as catalogueJson, normalise } from '../src/pkg/hemma.js';
import { addsNothing, growsWithPlace, sameInstrument, sizedTo, wholePlaceFactor, wholeSetting } from '../src/roles.js';
import { customBase } from '../src/scenario-json.js';

initSync({ module: readFileSync(new URL('../src/pkg/hemma_bg.wasm', import.meta.url)) });
const catalogue = JSON.parse(catalogueJson());
const rows = catalogue.instruments.flatMap((d) => d.settings.map((r) => ({ kind: d.kind, ...r })));

test('every output says how it aggregates and whether it is a total, and only totals are divided by the scale', () => {
  for (const o of catalogue.outputs) {
    assert.ok(['stock', 'flow', 'cumulative', 'rate'].includes(o.kind), `${o.name}: kind ${o.kind}`);
    assert.ok(['total', 'ratio'].includes(o.scaling), `${o.name}: scaling ${o.scaling}`);
  }
  assert.equal(wholePlaceFactor(catalogue, 'n_homeless', 0.5), 2);
  assert.equal(wholePlaceFactor(catalogue, 'cost_total_sek', 0.25), 4);
  assert.equal(wholePlaceFactor(catalogue, 'homeless_per_10k', 0.5), 1);
  assert.equal(wholePlaceFactor(catalogue, 'vacancy_rate', 0.5), 1);
});

test('every setting of every instrument declares its role, and whom a count is for', () => {
  const roles = ['count', 'in_force', 'volume', 'money', 'share', 'duration', 'rate', 'factor', 'choice', 'flag'];
  for (const r of rows) {
    assert.ok(roles.includes(r.role), `${r.kind}.${r.name}: role ${r.role}`);
    assert.equal(growsWithPlace(r), ['count', 'in_force', 'volume'].includes(r.role), `${r.kind}.${r.name}`);
  }
  const find = (kind, name) => rows.find((r) => r.kind === kind && r.name === name);
  assert.equal(sizedTo(find('housing_first', 'places')), 'support_needs');
  assert.equal(sizedTo(find('social_contract', 'contracts_per_year')), 'homeless');
  assert.equal(sizedTo(find('rent_guarantee', 'guarantees')), 'place');
  assert.equal(sizedTo(find('housing_first', 'support_cost_sek_month')), null);
  assert.ok(wholeSetting(find('staircase', 'training_in_force')) && !wholeSetting(find('social_contract', 'contracts_per_year')));
  for (const d of catalogue.instruments) assert.ok(Array.isArray(d.outputs) && Array.isArray(d.told_apart_by), d.kind);
  assert.ok(catalogue.instruments.find((d) => d.kind === 'social_contract').outputs.includes('n_social_contracts'));
});

test('two instruments are one scheme, and one adds nothing beside another, as the registry says', () => {
  const guarantee = (kind) => ({ kind: 'rent_guarantee', guarantee_kind: kind, guarantees: 10 });
  assert.ok(sameInstrument(catalogue, guarantee('assistance'), { kind: 'rent_guarantee', settings: {} }), 'a required choice left out is its first option');
  assert.ok(!sameInstrument(catalogue, guarantee('assistance'), { kind: 'rent_guarantee', settings: { guarantee_kind: 'own_income' } }));
  assert.ok(sameInstrument(catalogue, { kind: 'housing_first', places: 30 }, { kind: 'housing_first', settings: { places: 90 } }));
  assert.ok(!sameInstrument(catalogue, { kind: 'housing_first' }, { kind: 'staircase', settings: {} }));
  const aai = (landlords) => ({ kind: 'assistance_as_income', landlords });
  assert.ok(addsNothing(catalogue, aai('all'), { kind: 'assistance_as_income', settings: { landlords: 'public' } }));
  assert.ok(addsNothing(catalogue, aai('all'), { kind: 'assistance_as_income', settings: {} }), 'left out: the default, all');
  assert.ok(!addsNothing(catalogue, aai('public'), { kind: 'assistance_as_income', settings: {} }), 'all landlords reach more than the public company');
  assert.ok(!addsNothing(catalogue, aai('public'), { kind: 'assistance_as_income', settings: { landlords: 'private' } }));
  assert.ok(!addsNothing(catalogue, { kind: 'housing_first' }, { kind: 'housing_first', settings: {} }));
});

test('a custom place gets the national mix scaled: every count and volume, its recorded volumes too, nothing else', () => {
  const sverige = JSON.parse(normalise(readFileSync(new URL('../../scenarios/sverige.toml', import.meta.url), 'utf8')));
  const population = catalogue.presets.find((p) => p.id === 'sverige').population;
  const base = customBase({ name: 'Lund', population: population / 100 }, { scenario: sverige, population }, catalogue);
  const near = (a, b) => Math.abs(a - b) <= 0.01 + 1e-9;
  sverige.instruments.forEach((inst, i) => {
    const out = base.instruments[i];
    for (const row of catalogue.instruments.find((d) => d.kind === inst.kind).settings) {
      if (typeof inst[row.name] !== 'number') continue;
      assert.ok(near(out[row.name], growsWithPlace(row) ? inst[row.name] / 100 : inst[row.name]), `${inst.kind}.${row.name}: ${inst[row.name]} → ${out[row.name]}`);
    }
    (inst.volumes ?? []).forEach((v, k) => {
      for (const [name, value] of Object.entries(v)) if (typeof value === 'number' && name !== 'year') assert.ok(near(out.volumes[k][name], value / 100), `${inst.kind} ${v.year}.${name}`);
    });
  });
  assert.ok(sverige.instruments.some((inst) => (inst.volumes ?? []).length > 0), 'the national mix has recorded volumes to scale');
});

test('no page module keeps a list of setting names or classifies by a unit', () => {
  const dir = new URL('../src/', import.meta.url);
  const names = [...new Set(rows.map((r) => r.name))];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.js') && !x.startsWith('i18n'))) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    for (const n of names) assert.ok(!text.includes(`'${n}'`) && !text.includes(`"${n}"`), `${f} names the setting ${n}`);
    assert.ok(!/\.unit\)?\s*\.(startsWith|endsWith|includes)\(|\.test\([^)]*unit|\b(row|r)\.unit\s*===/.test(text), `${f} reads a unit to classify`);
    assert.ok(!/\.name\s*===\s*'population'/.test(text), `${f} decides a place field by its name`);
  }
});
