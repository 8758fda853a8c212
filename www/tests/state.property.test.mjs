// Property tests of the page's link checker (www/src/state.js) with
// fast-check under Node's test runner (issue 16): whatever a link holds —
// any text, any JSON, or a valid-shaped state mutated field by field — the
// checker returns a clean state or throws an Error that names the field,
// the value and what is allowed; it never throws anything else, and a clean
// state survives its own link unchanged.
//
//   node --test tests/state.property.test.mjs              (2,000 runs per property)
//   FC_RUNS=1000000 node --test tests/state.property.test.mjs   (the long run in README)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { check, moveToProjection } from '../src/state.js';
import { scenarioJson } from '../src/scenario-json.js';
import { toHash, fromHash } from '../src/link.js';
import { catalogue } from './catalogue.mjs';

const runs = Number(process.env.FC_RUNS ?? 2000);


/** Whether `e` is the checker's kind of refusal: an Error naming a field, its value and what is allowed. */
const refusal = (e) => e instanceof Error && /^[^\n]* = .+: .+/s.test(e.message);

/** Checks, then (if clean) round-trips through a link and the migration of old dates. */
function property(obj) {
  let clean;
  try {
    clean = check(obj, catalogue);
  } catch (e) {
    assert.ok(refusal(e), `not a field message: ${e?.message ?? e}`);
    return;
  }
  assert.deepEqual(fromHash(toHash(clean), catalogue), clean, 'a clean state survives its link');
  assert.deepEqual(check(structuredClone(clean), catalogue), clean, 'checking is idempotent');
  const moved = structuredClone(clean);
  moveToProjection(moved, 2026);
  check(moved, catalogue); // moving dates keeps a state valid
  const base = { preset: clean.preset, scale: 0.5, seed: 1, instruments: [] };
  for (let i = 0; i < clean.scenarios.length; i++) JSON.parse(scenarioJson(moved, i, base, 'base', 2026, { completions_per_1000: 4, unemployment_pct: 9.3 }));
}

// Mostly valid values, sometimes one at or just outside a range or of the
// wrong type, so that both clean states and single refusals are common.
const bad = (lo, hi) => fc.oneof(fc.constantFrom(lo - 1, hi + 1, lo - 1e-9, hi + 0.5, NaN, Infinity, -Infinity, 1e308, -1), fc.string(), fc.boolean(), fc.constant(null), fc.anything());
const mostly = (valid, invalid) => fc.oneof({ weight: 40, arbitrary: valid }, { weight: 1, arbitrary: invalid });
const whole = (lo, hi) => mostly(fc.oneof(fc.constantFrom(lo, hi), fc.integer({ min: lo, max: hi })), bad(lo, hi));
const number = (lo, hi) => mostly(fc.oneof(fc.constantFrom(lo, hi), fc.double({ min: lo, max: hi, noNaN: true })), bad(lo, hi));
// Mostly years a page would hold (history, the projection and a little past it), sometimes any calendar year.
const year = fc.oneof({ weight: 9, arbitrary: whole(2000, 2030) }, { weight: 1, arbitrary: whole(1900, 2200) });
const endYear = fc.oneof(fc.constant(null), whole(2031, 2080), year);
const instrument = fc.oneof(
  fc.record({ kind: fc.constant('housing_first'), start: year, end: endYear, settings: fc.record({ places: whole(0, 1000000), support_cost_sek_month: number(0, 100000) }, { requiredKeys: [] }) }),
  fc.record({ kind: fc.constant('rent_guarantee'), start: year, end: fc.constant(null), settings: fc.record({ guarantee_kind: mostly(fc.constantFrom('assistance', 'own_income'), fc.string()), guarantees_in_force: number(0, 100000) }, { requiredKeys: [] }) }),
  fc.record({ kind: mostly(fc.constant('outreach'), fc.string()), start: year, end: fc.constant(null), settings: mostly(fc.record({ prioritise_groups: fc.boolean() }), fc.dictionary(fc.string(), fc.anything())) }),
);
const condition = fc.record({ driver: mostly(fc.constantFrom('completions_per_1000', 'unemployment_pct'), fc.string()), from: year, pct: number(0, 1000) });
const scenario = fc.record({
  name: mostly(fc.string({ maxLength: 80 }), fc.oneof(fc.string({ minLength: 81, maxLength: 90 }), fc.integer())),
  instruments: fc.array(instrument, { maxLength: 4 }),
  conditions: fc.array(condition, { maxLength: 3 }),
}, { requiredKeys: ['name', 'instruments'] });
const place = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.string({ minLength: 1, maxLength: 80 }), whole(1000, 11000000), fc.option(number(0, 500)))
  .map(([r, c, name, population, homeless]) => {
    const p = { name, population, rental_share_pct: Math.min(r, 100 - 0), coop_share_pct: Math.min(c, 100 - r), owner_share_pct: 100 - r - Math.min(c, 100 - r) };
    // A count comes with its year (link format 3; issue 34).
    if (homeless !== null) Object.assign(p, { homeless_per_10k: homeless, homeless_count_year: 2023 });
    return p;
  });
const shaped = fc.record({
  v: mostly(fc.constant(1), fc.anything()),
  lang: mostly(fc.constantFrom('sv', 'en'), fc.string()),
  preset: mostly(fc.constantFrom('sverige', 'karlstad', 'uppsala', 'custom'), fc.string()),
  place,
  years: whole(1, 50),
  replications: whole(1, 100),
  scenarios: mostly(fc.array(scenario, { minLength: 1, maxLength: 5 }), fc.array(scenario, { minLength: 6, maxLength: 7 })),
}).map((s) => {
  if (s.preset !== 'custom') delete s.place;
  return s;
});

test('any JSON value is a clean state or a field message', () => {
  fc.assert(fc.property(fc.jsonValue(), property), { numRuns: runs });
});

test('a valid-shaped state with any field out of range or of the wrong type is a clean state or a field message', () => {
  let clean = 0;
  fc.assert(fc.property(shaped, (obj) => {
    try { check(structuredClone(obj), catalogue); clean++; } catch { /* refused: property() checks the message */ }
    property(obj);
  }), { numRuns: runs });
  assert.ok(clean > runs / 10 && clean < runs, `both clean states and refusals are drawn (${clean} of ${runs} clean)`);
});

test('any link text is a state or an Error, never anything else', () => {
  const link = fc.oneof(fc.string().map((s) => `#s=${s}`), fc.string(), fc.jsonValue().map((v) => `#s=${Buffer.from(JSON.stringify(v) ?? '').toString('base64url')}`));
  fc.assert(fc.property(link, (hash) => {
    try {
      fromHash(hash, catalogue);
    } catch (e) {
      assert.ok(e instanceof Error && e.message.length > 0, `threw ${e}`);
    }
  }), { numRuns: runs });
});
