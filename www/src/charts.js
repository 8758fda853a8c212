// The charts: which outputs are drawn, in which order, as fan charts and
// paired differences from the store's results (each drawn by
// www/src/plot.js), their observed points, the list of instrument starts
// and ends, and the workshop's fit to the screen. Redraws on every update
// of the current run.
import { csvCell } from './format.js';
import { rowsOf } from './layout.js';
import { scenarioId, scenarioName, store, subscribe, t } from './store.js';
import { CHILDREN, customMarks, markOf, pointsFor } from './observed.js';
import { renderChecks } from './checks-view.js';
import { $, el } from './dom.js';
import { renderHeadlines } from './headline-view.js';
import { PROVENANCE_COLUMNS, provenanceCells } from './provenance.js';
import { FROM_YEAR, band, displayScale, events, extentOf, historyPeriods, monthly, period, revealed, shown, shownFactor } from './series.js';
import { WORKSHOP_MARGIN_PX, drawBands } from './plot.js';

/** The outputs drawn as fan charts, in the order they are computed. */
export const CHARTS = ['homeless_per_10k', 'sit1_per_10k', 'sit3_per_10k', 'sit4_per_10k', 'executed_evictions_per_10k',
  'payment_orders_per_1000_rentals', 'n_social_contracts', 'n_housing_first_tenancies', 'cost_total_sek', 'n_homeless_families',
  'n_homeless_single_adults', 'n_homeless_young_adults', 'n_homeless_newly_arrived', 'n_homeless_violence_exposed', 'n_homeless_support_needs',
  // Outputs the project's data hold observed values of (their points are drawn): under "Fler diagram".
  'sit2_per_10k', 'n_rough_sleepers', 'new_eviction_applications', 'new_payment_orders', 'new_children_affected'];

/** Outputs the worker sends besides the charts' (the headline's totals; the children beside the homeless, drawn on their charts). */
export const SUMMARY = ['cum_executed_evictions', ...Object.values(CHILDREN)];
/**
 * The charts shown first, most important first (differences from the
 * baseline lead when there are alternatives); the rest fold under "Fler
 * diagram". The workshop view shows the first four of these.
 */
export const FIRST_CHARTS = ['diff-homeless_per_10k', 'diff-executed_evictions_per_10k', 'homeless_per_10k', 'executed_evictions_per_10k', 'cost_total_sek'];

/** How many of the first charts the workshop view shows. */
export const WORKSHOP_CHARTS = 4;
/** The outputs drawn as paired differences when there are alternatives. */
export const DIFFERENCES = ['homeless_per_10k', 'executed_evictions_per_10k'];

/**
 * For the browser tests: each chart's width, unit, scale ranges (seconds;
 * the y axis's values), number of year ticks, axis font and the times of
 * the instrument lines it draws.
 */
window.hemmaCharts = () => Object.fromEntries(Object.entries(store.charts).map(([id, c]) => [id, {
  width: c.plot?.width ?? 0, unit: c.unit, x: [c.plot?.scales.x.min, c.plot?.scales.x.max], y: [c.plot?.scales.y.min, c.plot?.scales.y.max],
  ticks: c.ticks?.length ?? 0, tickTimes: c.ticks ?? [], axisFont: c.axisFont ?? '', events: events().map((e) => e.t),
  yAxis: { size: c.plot?.axes[1]._size, values: c.plot?.axes[1]._values, font: c.plot?.axes[1].font?.[0], pxRatio: devicePixelRatio },
}]));

/** For the browser tests: the lines chart `id` draws — each median's label, values (as drawn) and dash. */
window.hemmaChartData = (id) => {
  const u = store.charts[id]?.plot;
  return u ? u.series.slice(1).map((s, k) => ({ label: s.label, dash: Boolean(s.dash), values: u.data[k + 1].filter((v) => v !== null) })).filter((s) => !/ (lo|hi|innerLo|innerHi)$/.test(s.label)) : [];
};

/** Draws everything from the store's results: headlines, differences, fans, events, fingerprints. */
export function render() {
  if (!store.results) return;
  renderHeadlines();
  drawCharts();
  renderEvents();
  renderChecks();
  if (store.workshop) fitToScreen();
  if (store.results.partial) return; // the history so far: no replication has finished
  document.body.dataset.replications = store.results.replications;
  $('#fingerprint').textContent = `${t().fingerprintLine}: ${store.results.fingerprints.map((f) => f[0]).join(' ')}`;
  $('#fingerprint').dataset.baseline = store.results.fingerprints[0][0];
}

/** The difference and fan charts, the most important first. */
function drawCharts() {
  const alternatives = store.results.differences.length > 0;
  for (const output of DIFFERENCES) {
    if (alternatives) renderDifference(output);
    else if (store.charts[`diff-${output}`]) { store.charts[`diff-${output}`].plot?.destroy(); store.charts[`diff-${output}`].fig.remove(); delete store.charts[`diff-${output}`]; }
  }
  for (const output of CHARTS) renderChart(output);
  // The most important first, in a fixed order; the others under "Fler diagram".
  const first = FIRST_CHARTS.filter((id) => store.charts[id]);
  first.forEach((id, k) => { store.charts[id].fig.classList.toggle('in-workshop', k < WORKSHOP_CHARTS); $('#charts').append(store.charts[id].fig); });
  for (const id of CHARTS) if (!first.includes(id)) $('#more-charts-body').append(store.charts[id].fig);
}

/**
 * The workshop's charts fill the screen and no more: the plots' height is
 * what is below the headline, less what titles and legends take. Those wrap
 * differently by language and by the scenarios' names, so the room they
 * take is measured after drawing — the lowest chart's bottom against the
 * screen's — and, where they overflow, the plots' height is lowered
 * (`store.workshopTrim`, px per row of charts) and they are drawn again.
 * The trim only grows, at most `FIT_PASSES` times per drawing, so a
 * scrollbar that comes and goes cannot make it swing; it is reset to 0
 * when the layout changes (workshop on, language, window size).
 */
function fitToScreen() {
  for (let pass = 0; pass < FIT_PASSES; pass++) {
    const shown = Object.values(store.charts).filter((c) => c.fig.classList.contains('in-workshop'));
    if (!shown.length) return;
    const bottom = Math.max(...shown.map((c) => c.fig.getBoundingClientRect().bottom));
    const over = Math.ceil(bottom + WORKSHOP_MARGIN_PX - window.innerHeight);
    if (over <= 0) return;
    store.workshopTrim += Math.ceil(over / 2);
    drawCharts(); // the height is part of a plot's shape: they are made again

  }
}

/** How often one drawing may correct the workshop's plot height. */
const FIT_PASSES = 2;

/**
 * A fan chart of one output: P5–P95 and P25–P75 bands and the median, per
 * scenario; on the homeless persons' charts the children with a homeless
 * parent as their own dashed median line per scenario (never added in);
 * every observed point of the place.
 */
export function renderChart(output) {
  // The history is the same in every scenario: the baseline carries it.
  const h = historyPeriods();
  const rowsOf2 = (out) => store.results.series.map((_, s) => shown(band(s, out)));
  const all = rowsOf2(output);
  const keep = (sets) => sets.map((rows, s) => revealed(rows).filter((r) => s === 0 || r.i >= h));
  const per = keep(all);
  // Drawn in the unit the chart says (kronor in Mkr); the CSV keeps the model's.
  const d = displayScale(output);
  const scaled = (rows) => rows.map((r) => ({ ...r, lo: r.p5 * d, innerLo: r.p25 * d, mid: r.p50 * d, innerHi: r.p75 * d, hi: r.p95 * d }));
  const groups = per.map((rows, s) => ({ s, rows: scaled(rows) }));
  const child = CHILDREN[output];
  const childPer = child && store.results.series[0][child] ? keep(rowsOf2(child)) : [];
  const children = childPer.map((rows, s) => ({ s, line: 'children', rows: scaled(rows) }));
  const csv = () => {
    const lines = [`${monthly() ? 'month' : 'year'},period,scenario,scenario_name,output,mean,p5,p25,p50,p75,p95,${PROVENANCE_COLUMNS}`];
    for (const [out, sets] of [[output, per], [child, childPer]]) {
      sets.forEach((rows, s) => rows.forEach((r) => lines.push([r.label, r.i < h ? 'history' : 'projection', scenarioId(s), scenarioName(s), out, r.mean, r.p5, r.p25, r.p50, r.p75, r.p95, ...provenanceCells(s)].map(csvCell).join(','))));
    }
    return lines;
  };
  const c = t().columns;
  // The workshop's axes span the whole horizon, so that the lines grow into them.
  const e = store.reveal === null ? null : extentOf(all, ['p5', 'p95']);
  const extent = e && { x: e.x, y: e.y.map((v) => v * d) };
  drawBands(output, t().charts[output] ?? output, [...groups, ...children], csv, [c.median, c.p5, c.p95], { unit: t().units[output], extent, kind: 'fan', observed: observedMarks(output), children: child ?? null });
}

/**
 * The paired difference scenario − baseline of one output per period: the
 * mean over replications and its 90% interval (common random numbers).
 */
export function renderDifference(output) {
  const id = `diff-${output}`;
  const m = monthly();
  const groups = store.results.differences.map((d, k) => {
    const flat = d[output][m ? 'monthly' : 'yearly'];
    // Differences are zero in the history (the same in every scenario): the projection only.
    const h = historyPeriods(m);
    // For the whole municipality, as the bands beside it (a total divided by the scale).
    const rows = rowsOf(flat, store.catalogue.difference_fields, shownFactor(output, k + 1, m)).slice(h)
      .map((r, j) => ({ ...period(h + j, m), mean: r.mean, lo: r.low, mid: r.mean, hi: r.high }));
    return { s: k + 1, rows: revealed(shown(rows)), all: shown(rows) };
  });
  const csv = () => {
    const lines = [`${m ? 'month' : 'year'},scenario,scenario_name,output,difference_mean,low90,high90,${PROVENANCE_COLUMNS}`];
    groups.forEach((g) => g.rows.forEach((r) => lines.push([r.label, scenarioId(g.s), scenarioName(g.s), output, r.mid, r.lo, r.hi, ...provenanceCells(g.s)].map(csvCell).join(','))));
    return lines;
  };
  const c = t().columns;
  const extent = store.reveal === null ? null : extentOf(groups.map((g) => g.all), ['lo', 'hi']);
  const head = store.workshop ? t().differenceShort : t().difference;
  drawBands(id, `${head}: ${t().charts[output] ?? output}`, groups, csv, [c.difference, c.low, c.high], { unit: t().units[output], extent, kind: 'difference' });
}

/**
 * Every observed point of the place that chart `output` shows (its own
 * output's and its children's line's), as marks in the chart's unit with
 * their caveat: a preset's from the model's table of observed points (the
 * catalogue's `observed_points`), a custom place's its own count with its
 * year (or the national rate standing in). Only those the chart's years
 * reach ("Visa från 2020": from 2020).
 */
export function observedMarks(output) {
  const from = Math.max(store.results?.meta[0].startYear ?? 0, store.from2020 ? FROM_YEAR : 0);
  const unit = t().units[output] ?? '';
  const lang = store.state.lang;
  if (store.state.preset === 'custom') {
    const national = store.catalogue.presets.find((p) => p.id === 'sverige');
    return customMarks(lang, store.state.place, output, national, unit).filter((m) => m.year >= from);
  }
  return pointsFor(store.catalogue.observed_points, store.state.preset, output, from).map((p) => markOf(lang, p, unit));
}

/** Lists the instrument starts and ends up to the workshop clock. */
export function renderEvents() {
  const list = $('#events');
  list.replaceChildren(...events().filter((e) => store.reveal === null || e.i <= store.reveal).map((e) => el('li', { text: e.text })));
}

// Charts under "Fler diagram" are drawn at their size when opened.
// Every update of the current run redraws (the store announces it).
subscribe('results', render);

// "Visa från 2020": the charts, their tables and files from 2020 on (the history before is the same in every scenario).
$('#from-2020').addEventListener('change', () => {
  store.from2020 = $('#from-2020').checked;
  Object.values(store.charts).forEach((ch) => { ch.plot?.destroy(); ch.plot = null; });
  render();
});

$('#more-charts').addEventListener('toggle', () => { if ($('#more-charts').open) { for (const c of Object.values(store.charts)) if ($('#more-charts').contains(c.fig)) { c.plot?.destroy(); c.plot = null; } render(); } });

window.addEventListener('resize', () => { store.workshopTrim = 0; Object.values(store.charts).forEach((c) => { c.plot?.destroy(); c.plot = null; }); render(); });
