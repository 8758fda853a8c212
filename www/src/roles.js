// What a setting of an instrument is, in one function: the page decides
// from it how a field reads and shows a value (whole or not, a share shown
// as a percentage, money) and what it is sized against. Today the role is
// read from the settings table's unit and type; once the table declares a
// setting's role (issue 37, "metadata in the tables"), `roleOf` returns the
// table's own and nothing else in the page changes.

/** Units of settings that count things at once, for the whole place (places, flats, contracts, …): whole numbers. */
const COUNT_UNITS = ['tenancies', 'flats', 'contracts', 'agreements', 'guarantees'];

/**
 * The role of settings row `row` (from the catalogue's settings table):
 * 'flag', 'choice', 'share' (0–1, shown as a percentage), 'count' (things
 * at once: a whole number), 'flow' (things a year), 'money' (kronor),
 * 'months' or 'number'.
 */
export function roleOf(row) {
  if (row.role) return row.role;
  if (row.type === 'flag' || row.type === 'choice') return row.type;
  const unit = row.unit ?? '';
  if (unit === 'share') return 'share';
  if (unit.startsWith('SEK')) return 'money';
  if (COUNT_UNITS.includes(unit)) return 'count';
  if (unit.endsWith('/year')) return 'flow';
  if (unit === 'months') return 'months';
  return 'number';
}

/** Whether a setting takes whole numbers only: its type says so, or it counts things. */
export const wholeSetting = (row) => row.type === 'whole' || roleOf(row) === 'count';
