// The series the charts, the exports and the workshop clock share: periods
// (calendar years, or months in the workshop), the bands of one output
// scaled to the whole municipality, the parts a group is drawn in (the grey
// history, then the scenario's colour), year ticks, and the instrument
// starts and ends. Reads the store; draws nothing.
import { settingsOf } from './state.js';
import { rowsOf } from './layout.js';
import { wholePlaceFactor } from './roles.js';
import { PALETTE, dataYear, firstYear, fmt, scenarioName, store, t } from './store.js';
import { driverLabel, instrumentLabel, settingLabel } from './labels.js';

/** Totals of the simulated share are scaled to the whole municipality, ratios kept (the output table's `scaling`). */
export const scaleOf = (output, s) => wholePlaceFactor(store.catalogue, output, store.results.meta[s].scale);

/** Workshop mode shows months, the normal view calendar years. */
export const monthly = () => store.workshop;

/**
 * Period `i` from the scenario start: a calendar year (drawn at mid-year) or,
 * if `m`, a month. `t` is seconds for uPlot, `label` what tables, CSV files
 * and the workshop clock show.
 */
export function period(i, m) {
  const start = store.results.meta[0].startYear;
  if (!m) return { i, year: start + i, t: Date.UTC(start + i, 6, 1) / 1000, label: String(start + i) };
  const year = start + Math.floor(i / 12);
  const month = i % 12;
  return { i, year, month, t: Date.UTC(year, month, 15) / 1000, label: `${year}-${String(month + 1).padStart(2, '0')}` };
}

/** Periods of history before the projection: years, or months in workshop mode. */
export function historyPeriods(m = monthly()) {
  const h = store.results?.meta[0].historyMonths ?? 0;
  return m ? h : h / 12;
}

/** Only the periods up to the workshop clock (all outside workshop mode). */
export const revealed = (rows) => (store.reveal === null ? rows : rows.filter((r) => r.i <= store.reveal));

/**
 * The factor that takes values of `output` of scenario `s` per period as
 * simulated to what the page shows: for the whole municipality (the output
 * table's `scaling`), a flow per month annualised (×12, like a yearly sum;
 * its `kind`). Bands and paired differences alike.
 */
export function shownFactor(output, s, m = monthly()) {
  const flow = store.catalogue.outputs.find((o) => o.name === output)?.kind === 'flow';
  return scaleOf(output, s) * (m && flow ? 12 : 1);
}

/** Bands of one output per period, scaled to the whole municipality; monthly flows are annualised like yearly sums. All periods: `revealed` keeps those up to the workshop clock. */
export function band(s, output) {
  const m = monthly();
  const flat = store.results.series[s][output][m ? 'monthly' : 'yearly'];
  return rowsOf(flat, store.catalogue.band_fields, shownFactor(output, s, m)).map((r, i) => ({ ...period(i, m), ...r }));
}

/** The time and value range of `rowsets` over the columns `keys` (for axes fixed to the whole horizon). */
export function extentOf(rowsets, keys) {
  let t0 = Infinity; let t1 = -Infinity; let lo = 0; let hi = -Infinity;
  for (const rows of rowsets) {
    for (const r of rows) {
      t0 = Math.min(t0, r.t); t1 = Math.max(t1, r.t);
      for (const k of keys) { lo = Math.min(lo, r[k]); hi = Math.max(hi, r[k]); }
    }
  }
  return Number.isFinite(t1) ? { x: [t0, t1], y: [lo, hi] } : null;
}

/**
 * The rows whose years carry a tick, on screen and in files (a tick is
 * drawn at 1 January of its year, where instrument lines and today's
 * are): each year, fewer past 12 years or where room is short.
 */
export function yearTicks(rows, most = null) {
  const years = rows.filter((r) => r.month === undefined || r.month === 0);
  // Every year, every other past 12, every fifth past 20 — counted from the
  // projection's first year, so that it always carries a tick; with `most`
  // (a phone, the workshop's big type) at most about that many.
  const step = most ? [1, 2, 5, 10].find((k) => years.length / k <= most) ?? 10 : years.length <= 12 ? 1 : years.length <= 20 ? 2 : 5;
  const anchor = historyPeriods() > 0 ? dataYear() : years[0]?.year ?? 0;
  return years.filter((r) => (((r.year - anchor) % step) + step) % step === 0);
}

/**
 * The year ticks of an axis fixed to `extent` (the workshop's whole
 * horizon): 1 January of every year it spans, thinned as `yearTicks` does.
 */
export function extentTicks(extent, most) {
  const [a, b] = extent.x.map((x) => new Date(x * 1000).getUTCFullYear());
  const rows = [];
  for (let y = a; y <= b; y++) rows.push({ year: y, month: 0, t: Date.UTC(y, 0, 1) / 1000 });
  return yearTicks(rows, most).map((r) => r.t);
}

/** Grey of the modelled history, drawn behind the scenarios. */
export const HISTORY_COLOUR = '#8c8c8c';

/**
 * A group's parts as drawn: the baseline's history in grey up to and
 * including the projection's first period (so that the lines join), then
 * the projection in the scenario's colour; other groups in one part.
 */
export function parts(g) {
  const colour = PALETTE[g.s % PALETTE.length];
  const h = g.rows.length && g.rows[0].i < historyPeriods() ? historyPeriods() : 0;
  if (!h) return [{ rows: g.rows, colour, label: scenarioName(g.s), history: false }];
  return [
    { rows: g.rows.filter((r) => r.i <= h), colour: HISTORY_COLOUR, label: `${scenarioName(g.s)}, ${firstYear()}–${firstYear() + Math.ceil(h / (monthly() ? 12 : 1)) - 1}`, history: true },
    { rows: g.rows.filter((r) => r.i >= h), colour, label: scenarioName(g.s), history: false },
  ];
}

/**
 * Instrument starts and ends and changed conditions of every scenario, for
 * the timeline and the charts: `i` is the month from the scenario start,
 * `kind` 'instrument' or 'condition', `text` e.g. "2027-01: Scenario 1 —
 * Bostad först startar (Platser: 40)".
 */
export function events() {
  const out = [];
  const start = firstYear();
  store.state.scenarios.forEach((s, k) => {
    s.instruments.forEach((inst) => {
      const label = instrumentLabel(inst.kind);
      // The instrument's first number setting (its size: places, contracts a year, …).
      const row = settingsOf(store.catalogue, inst.kind).find((r) => r.type === 'number');
      const size = row ? `(${settingLabel(row)}: ${fmt(inst.settings[row.name] ?? row.default, 1)})` : '';
      out.push({ t: Date.UTC(inst.start, 0, 1) / 1000, i: (inst.start - start) * 12, scenario: k, kind: 'instrument', text: `${inst.start}-01: ${scenarioName(k)} — ${label} ${t().starts} ${size}`.trim() });
      if (inst.end !== null) out.push({ t: Date.UTC(inst.end, 0, 1) / 1000, i: (inst.end - start) * 12, scenario: k, kind: 'instrument', text: `${inst.end}-01: ${scenarioName(k)} — ${label} ${t().ends}` });
    });
    for (const c of s.conditions ?? []) {
      out.push({ t: Date.UTC(c.from, 0, 1) / 1000, i: (c.from - start) * 12, scenario: k, kind: 'condition', text: `${c.from}-01: ${scenarioName(k)} — ${t().conditionEvent(driverLabel(c.driver), fmt(c.pct, 2), dataYear())}` });
    }
  });
  return out.sort((a, b) => a.i - b.i);
}

/** The first year the charts show when "Visa från 2020" is chosen. */
export const FROM_YEAR = 2020;

/** Rows from FROM_YEAR on when the user chose so (all otherwise). */
export const shown = (rows) => (store.from2020 ? rows.filter((r) => r.year >= FROM_YEAR) : rows);

/** Outputs in kronor are drawn in millions (Mkr) — their unit says so; their files (CSV) keep kronor. */
export const displayScale = (output) => (store.catalogue.outputs.find((o) => o.name === output)?.unit === 'SEK' ? 1e-6 : 1);
