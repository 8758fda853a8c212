// The layout of the flat series the worker sends: per period a fixed list
// of values whose names the model gives once (the catalogue's `band_fields`
// and `difference_fields`, crate/wasm.rs). Pure, unit-tested under Node
// (tests/layout.test.mjs).

/**
 * The periods of a flat series as rows keyed by `fields`: with fields
 * ["mean", "low", "high"], [1, 0, 2, 3, 2, 4] is [{mean: 1, low: 0, high: 2},
 * {mean: 3, low: 2, high: 4}]. Each value is multiplied by `k` (a scale
 * from the simulated share to the whole place).
 */
export function rowsOf(flat, fields, k = 1) {
  const n = fields.length;
  const rows = [];
  for (let i = 0; (i + 1) * n <= flat.length; i++) {
    const row = {};
    fields.forEach((f, j) => { row[f] = flat[i * n + j] * k; });
    rows.push(row);
  }
  return rows;
}
