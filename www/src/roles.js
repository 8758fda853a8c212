// What a setting, an instrument and an output are, as the model's tables
// declare them and the catalogue (crate/wasm.rs) hands them over: the page
// decides nothing about an item by its name or unit. A setting's row says
// its role (crate/policy/setting, `Role`) and whom a count is for
// (`sized_to`); an instrument's entry says which settings tell two schemes
// of the kind apart (`told_apart_by`) and when a second one adds nothing
// (`covers`); an output's row says whether it is a total of the simulated
// households (`scaling`). Pure, unit-tested under Node (tests/inputs.test.mjs,
// tests/roles.test.mjs against the real catalogue).

/**
 * The role of settings row `row`, as its table declares it: 'count' (things
 * in force at once: whole numbers), 'in_force' (the stock in force when the
 * instrument starts: whole numbers), 'volume' (things a year), 'money',
 * 'share' (0–1, shown as a percentage), 'duration' (months), 'rate' (per
 * year), 'factor', 'choice' or 'flag'.
 */
export const roleOf = (row) => row.role;

/** Whether a setting takes whole numbers only: its type says so, or it counts things at once. */
export const wholeSetting = (row) => row.type === 'whole' || row.role === 'count' || row.role === 'in_force';

/** Whether a setting is for the whole municipality and grows with it (counts, stocks in force, volumes). */
export const growsWithPlace = (row) => row.sized_to !== null && row.sized_to !== undefined;

/** Whom a count is for, so what a size is checked against: 'homeless', 'support_needs', 'place' or null. */
export const sizedTo = (row) => row.sized_to ?? null;

/** The catalogue's entry of instrument `kind` (its settings, outputs, told_apart_by, covers). */
export const instrumentOf = (catalogue, kind) => catalogue.instruments.find((d) => d.kind === kind);

/** The value of setting `row` in `given` (a flat config or a scenario instrument's settings), or its default (a required choice: its first option, as the page writes it). */
function valueIn(row, given) {
  return given[row.name] ?? row.default ?? row.options?.[0] ?? null;
}

/** The values of the settings named `names` of instrument `kind`, from `given` with the rows' defaults. */
function valuesOf(catalogue, kind, names, given) {
  const rows = instrumentOf(catalogue, kind)?.settings ?? [];
  return names.map((n) => { const row = rows.find((r) => r.name === n); return row ? valueIn(row, given) : given[n] ?? null; });
}

/**
 * Whether baseline instrument `b` (a flat config) and scenario instrument
 * `inst` ({ kind, settings }) are the same scheme, so that `inst` may
 * continue `b`: the same kind and the same value of every setting the
 * registry tells the kind's schemes apart by (`InstrumentConfig::same_instrument`).
 */
export function sameInstrument(catalogue, b, inst) {
  if (b.kind !== inst.kind) return false;
  const apart = instrumentOf(catalogue, b.kind)?.told_apart_by ?? [];
  const theirs = valuesOf(catalogue, b.kind, apart, b);
  return valuesOf(catalogue, b.kind, apart, inst.settings).every((v, k) => v === theirs[k]);
}

/**
 * Whether scenario instrument `inst` added beside baseline instrument `b`
 * can change nothing, by the registry's `covers` of the kind
 * (`InstrumentConfig::adds_nothing_beside`): `b`'s value of the deciding
 * setting includes `inst`'s.
 */
export function addsNothing(catalogue, b, inst) {
  const covers = b.kind === inst.kind ? instrumentOf(catalogue, b.kind)?.covers : null;
  if (!covers) return false;
  const [earlier] = valuesOf(catalogue, b.kind, [covers.setting], b);
  const [mine] = valuesOf(catalogue, b.kind, [covers.setting], inst.settings);
  return covers.includes.some(([value, inner]) => value === earlier && inner.includes(mine));
}

/** The factor that takes output `output`, simulated at `scale`, to the whole municipality: 1 / scale for a total, 1 for a ratio (the output table's `scaling`). */
export function wholePlaceFactor(catalogue, output, scale) {
  return catalogue.outputs.find((o) => o.name === output)?.scaling === 'total' ? 1 / scale : 1;
}
