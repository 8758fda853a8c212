// The charts: fan charts and paired differences drawn with uPlot from the
// store's results, with legends, units, observed points, instrument lines,
// data tables and the workshop's fixed axes.
import { settingsOf } from './state.js';
import { csvCell } from './format.js';
import { INSTRUMENT_LABELS } from './i18n.js';
import uPlot from 'uplot';
import { rowsOf } from './layout.js';
import { PALETTE, countedRate, dataYear, firstYear, fmt, placeInfo, scenarioId, scenarioName, store, subscribe, t } from './store.js';
import { $, el, showError } from './dom.js';
import { settingLabel } from './controls.js';
import { renderHeadlines } from './headline-view.js';
import { PROVENANCE_COLUMNS, downloadCsv, downloadPng, downloadSvg, provenanceCells } from './exports.js';

/** The outputs drawn as fan charts, in the order they are computed. */
export const CHARTS = ['homeless_per_10k', 'sit1_per_10k', 'sit3_per_10k', 'sit4_per_10k', 'executed_evictions_per_10k',
  'payment_orders_per_1000_rentals', 'n_social_contracts', 'n_housing_first_tenancies', 'cost_total_sek', 'n_homeless_families',
  'n_homeless_single_adults', 'n_homeless_young_adults', 'n_homeless_newly_arrived', 'n_homeless_violence_exposed', 'n_homeless_support_needs'];

/** Outputs the worker sends besides the charts' (for the headline's totals). */
export const SUMMARY = ['cum_executed_evictions'];
/**
 * The charts shown first, most important first (differences from the
 * baseline lead when there are alternatives); the rest fold under "Fler
 * diagram". The workshop view shows the first four of these.
 */
export const FIRST_CHARTS = ['diff-homeless_per_10k', 'diff-executed_evictions_per_10k', 'homeless_per_10k', 'executed_evictions_per_10k', 'cost_total_sek'];

/** How many of the first charts the workshop view shows. */
export const WORKSHOP_CHARTS = 4;
/** Height of a footer line of a PNG export, in CSS pixels. */
export const DIFFERENCES = ['homeless_per_10k', 'executed_evictions_per_10k'];

/**
 * For the browser tests: each chart's width, unit, scale ranges (seconds;
 * the y axis's values), number of year ticks, axis font and the times of
 * the instrument lines it draws.
 */
window.hemmaCharts = () => Object.fromEntries(Object.entries(store.charts).map(([id, c]) => [id, {
  width: c.plot?.width ?? 0, unit: c.unit, x: [c.plot?.scales.x.min, c.plot?.scales.x.max], y: [c.plot?.scales.y.min, c.plot?.scales.y.max],
  ticks: c.ticks?.length ?? 0, axisFont: c.axisFont ?? '', events: events().map((e) => e.t),
}]));

/** Counts of the simulated share are scaled to the whole municipality. */
export function scaleOf(output, s) {
  const unit = store.catalogue.outputs.find((o) => o.name === output)?.unit ?? '';
  return /per|share/.test(unit) ? 1 : 1 / store.results.meta[s].scale;
}

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

/** Bands of one output per period, scaled to the whole municipality; monthly flows are annualised like yearly sums. All periods: `revealed` keeps those up to the workshop clock. */
export function band(s, output) {
  const m = monthly();
  const flat = store.results.series[s][output][m ? 'monthly' : 'yearly'];
  const flow = store.catalogue.outputs.find((o) => o.name === output)?.kind === 'flow';
  const k = scaleOf(output, s) * (m && flow ? 12 : 1);
  return rowsOf(flat, store.catalogue.band_fields, k).map((r, i) => ({ ...period(i, m), ...r }));
}

/** Draws everything from the store's results: headlines, differences, fans, events, fingerprints. */
export function render() {
  if (!store.results) return;
  renderHeadlines();
  drawCharts();
  renderEvents();
  if (store.workshop) fitToScreen();
  if (store.results.partial) return; // the history so far: no replication has finished
  document.body.dataset.replications = store.results.replications;
  $('#fingerprint').textContent = `replication 0 fingerprints: ${store.results.fingerprints.map((f) => f[0]).join(' ')}`;
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

/** A fan chart of one output: P5–P95 and P25–P75 bands and the median, per scenario. */
export function renderChart(output) {
  // The history is the same in every scenario: the baseline carries it.
  const h = historyPeriods();
  const all = store.results.series.map((_, s) => band(s, output));
  const per = all.map((rows, s) => revealed(rows).filter((r) => s === 0 || r.i >= h));
  const groups = per.map((rows, s) => ({ s, rows: rows.map((r) => ({ ...r, lo: r.p5, innerLo: r.p25, mid: r.p50, innerHi: r.p75, hi: r.p95 })) }));
  const csv = () => {
    const lines = [`${monthly() ? 'month' : 'year'},period,scenario,scenario_name,output,mean,p5,p25,p50,p75,p95,${PROVENANCE_COLUMNS}`];
    per.forEach((rows, s) => rows.forEach((r) => lines.push([r.label, r.i < h ? 'history' : 'projection', scenarioId(s), scenarioName(s), output, r.mean, r.p5, r.p25, r.p50, r.p75, r.p95, ...provenanceCells(s)].map(csvCell).join(','))));
    return lines;
  };
  const c = t().columns;
  // The workshop's axes span the whole horizon, so that the lines grow into them.
  const extent = store.reveal === null ? null : extentOf(all, ['p5', 'p95']);
  drawBands(output, t().charts[output] ?? output, groups, csv, [c.median, c.p5, c.p95], { unit: t().units[output], extent, kind: 'fan' });
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
    const rows = rowsOf(flat, store.catalogue.difference_fields).slice(h)
      .map((r, j) => ({ ...period(h + j, m), mean: r.mean, lo: r.low, mid: r.mean, hi: r.high }));
    return { s: k + 1, rows: revealed(rows), all: rows };
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
 * The rows that carry a year tick, on screen and in SVG files: each year (its
 * mid-year point, or January in workshop mode), every other one past 15 years.
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
 * The place's observed count (Socialstyrelsen, May 2011) for the homeless
 * chart: where it is and whether it is the place's own or the national
 * rate standing in (a custom place without a count). `null` if the chart
 * does not reach back to 2011.
 */
export function observedPoint(id) {
  if ((store.results?.meta[0].startYear ?? 9999) > 2011) return null;
  const p = placeInfo();
  if (id === 'executed_evictions_per_10k') {
    // Kronofogden's executed evictions of 2013 (the place's own, or the national rate standing in).
    const own = p ? p.evictions_flag !== 'national' : store.state.place.executed_evictions_per_year !== undefined;
    const nat = store.catalogue.presets[0];
    const value = p ? (p.executed_evictions / p.population) * 10000
      : store.state.place.executed_evictions_per_year !== undefined ? (store.state.place.executed_evictions_per_year / store.state.place.population) * 10000
        : (nat.executed_evictions / nat.population) * 10000;
    return { t: Date.UTC(2013, 6, 1) / 1000, value, own, label: own ? t().observedEvictions : `${t().observedEvictions} (${t().national})`, source: t().kronofogden2013 };
  }
  if (id !== 'homeless_per_10k') return null;
  const { value, own } = countedRate();
  return { t: Date.UTC(2011, 4, 15) / 1000, value, own, label: own ? t().observedCount : `${t().observedCount} (${t().national})`, source: t().may2011 };
}

/** Size of the text drawn inside a chart (the observed point, "Idag"): larger in the workshop's view (CSS pixels). */
export const canvasTextPx = () => (store.workshop ? 22 : 12);

/** Draws the observed count as a black diamond with its value. */
export function drawObserved(u, obs) {
  const x = u.valToPos(obs.t, 'x', true);
  const y = u.valToPos(obs.value, 'y', true);
  const ctx = u.ctx;
  const r = 7 * devicePixelRatio;
  ctx.save();
  ctx.fillStyle = '#000';
  ctx.beginPath();
  ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
  ctx.fill();
  ctx.font = `${canvasTextPx() * devicePixelRatio}px sans-serif`;
  ctx.textAlign = 'left'; // uPlot leaves its axes' alignment set
  ctx.fillText(`${obs.label}: ${fmt(obs.value, obs.value < 10 ? 1 : 0)}`, x + r * 1.5, y - r);
  ctx.restore();
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

/** Height of a workshop figure beside its plot: the title, the legend and the padding (CSS pixels). */
export const WORKSHOP_CHROME_PX = 120;
/** Room left below the workshop's lowest chart (CSS pixels). */
export const WORKSHOP_MARGIN_PX = 16;

/** Workshop type: titles, axes and legends at least 28 px, readable from the back of a room. */
export const WORKSHOP_FONT = '28px sans-serif';

/**
 * The year ticks of an axis fixed to `extent` (the workshop's whole
 * horizon): January of every year it spans, thinned as `yearTicks` does.
 */
export function extentTicks(extent, most) {
  const [a, b] = extent.x.map((x) => new Date(x * 1000).getUTCFullYear());
  const rows = [];
  for (let y = a; y <= b; y++) rows.push({ year: y, month: 0, t: Date.UTC(y, 0, 15) / 1000 });
  return yearTicks(rows, most).map((r) => r.t);
}

/** Below this width (CSS pixels) a chart is a phone's: fewer year ticks. */
export const NARROW_CHART_PX = 500;
/** Room a year label needs on the x axis: in the workshop's 28 px type, and on a phone (CSS pixels). */
export const YEAR_TICK_PX = { workshop: 120, narrow: 60 };

/**
 * Draws `groups` (one per scenario: rows of lo/mid/hi, optionally
 * innerLo/innerHi) into chart `id`, with a legend, the y axis's `unit`, its
 * tools and data table. `extent` (workshop mode) fixes both axes to the
 * whole horizon; a plot whose shape did not change is given its new data
 * instead of being built again, so that play keeps its pace.
 */
export function drawBands(id, title, groups, csvLines, columns, { unit = '', extent = null, kind = 'fan' } = {}) {
  if (!store.charts[id]) {
    const fig = el('figure', { class: 'chart', id: `chart-${id}` });
    $('#charts').append(fig);
    store.charts[id] = { fig, plot: null };
  }
  const { fig } = store.charts[id];
  Object.assign(store.charts[id], { title, groups, kind, unit });
  // The x axis is the longest group's periods (the baseline's: history and
  // projection); every series is aligned on it by period, null elsewhere.
  const rows0 = groups.reduce((a, g) => (g.rows.length > a.length ? g.rows : a), []);
  const xs = rows0.map((r) => r.t);
  const column = new Map(rows0.map((r, k) => [r.i, k]));
  const align = (rows, key) => {
    const out = new Array(xs.length).fill(null);
    for (const r of rows) if (column.has(r.i)) out[column.get(r.i)] = r[key];
    return out;
  };
  const big = store.workshop;
  const room = fig.clientWidth || $('#charts').clientWidth || 900;
  const width = Math.max(300, Math.min(room - 16, big ? 1400 : 900));
  const most = big ? Math.floor(width / YEAR_TICK_PX.workshop) : width < NARROW_CHART_PX ? Math.floor(width / YEAR_TICK_PX.narrow) : null;
  const ticks = extent ? extentTicks(extent, most) : yearTicks(rows0, most).map((r) => r.t);
  const data = [xs];
  const series = [{}];
  const bands = [];
  const legend = [];
  for (const g of groups) {
    const inner = g.rows.length > 0 && g.rows[0].innerLo !== undefined;
    const keys = inner ? ['lo', 'innerLo', 'mid', 'innerHi', 'hi'] : ['lo', 'mid', 'hi'];
    for (const part of parts(g)) {
      const base = data.length;
      for (const k of keys) {
        data.push(align(part.rows, k));
        series.push(k === 'mid' ? { label: part.label, stroke: part.colour, width: part.history ? 2 : 3, points: { show: xs.length < 2 }, value: (u, v) => (v == null ? '' : fmt(v, 2)) } : { label: `${part.label} ${k}`, stroke: 'transparent', points: { show: false } });
      }
      bands.push({ series: [base + keys.length - 1, base], fill: part.colour + '26' });
      if (inner) bands.push({ series: [base + 3, base + 1], fill: part.colour + '4d' });
      legend.push({ colour: part.colour, label: part.history ? `${t().legend.history} ${part.label.split(', ').at(-1)}` : part.label, history: part.history });
    }
  }
  // The workshop fits two rows of charts below the headline; each figure's title and legend take about WORKSHOP_CHROME_PX, corrected by fitToScreen.
  const below = window.innerHeight - $('#charts').getBoundingClientRect().top - WORKSHOP_MARGIN_PX;
  const height = big ? Math.max(200, Math.floor(below / 2) - WORKSHOP_CHROME_PX - store.workshopTrim) : 260;
  const obs = observedPoint(id);
  Object.assign(store.charts[id], { observed: obs });
  const yRange = (u, lo, hi) => {
    const [a, b] = extent ? extent.y : [lo, hi];
    return [Math.min(0, a * 1.1), Math.max(b > 0 ? b * 1.1 : 1, obs ? obs.value * 1.2 : 0)];
  };
  const xRange = (u, lo, hi) => {
    const [a, b] = extent ? extent.x : [lo, hi];
    return [obs ? Math.min(a, obs.t - 30 * 86400) : a, b];
  };
  const font = big ? { font: WORKSHOP_FONT, labelFont: WORKSHOP_FONT } : {};
  const opts = {
    title, width, height, series, bands,
    legend: { show: false },
    scales: { x: { time: true, range: xRange }, y: { range: yRange } },
    axes: [{ splits: () => ticks, values: (u, tk) => tk.map((v) => new Date(v * 1000).getUTCFullYear()), size: big ? 60 : 40, ...font },
      // The unit beside the axis; the workshop's titles say it, and its type leaves no room.
      { size: big ? 110 : 70, label: big ? undefined : unit, labelSize: big ? 0 : 20, values: (u, tk) => tk.map((v) => fmt(v, 1)), ...font }],
    hooks: { draw: [(u) => drawEvents(u), (u) => { if (obs) drawObserved(u, obs); }] },
  };
  // The same shape (series, size, axes, language): new data only.
  const shape = JSON.stringify([title, unit, width, height, series.length, extent?.x, extent?.y, obs?.value, store.state.lang, big, ticks.length]);
  if (store.charts[id].plot && store.charts[id].shape === shape && extent) {
    store.charts[id].plot.setData(data);
    store.charts[id].legendItems = legendItems(id, legend, obs);
    store.charts[id].legend.replaceWith(store.charts[id].legend = legendOf(id, store.charts[id].legendItems));
    if (store.playing === null) store.charts[id].table.replaceWith(store.charts[id].table = dataTable(id, groups, columns));
    return;
  }
  if (store.charts[id].plot) store.charts[id].plot.destroy();
  fig.replaceChildren();
  const holder = el('div', { class: 'plot', role: 'img', 'aria-label': `${title} (${unit}). ${t().dataTable} below.` });
  fig.append(holder);
  store.charts[id].plot = new uPlot(opts, data, holder);
  Object.assign(store.charts[id], { shape, ticks, axisFont: font.font ?? '' });
  store.charts[id].legendItems = legendItems(id, legend, obs);
  store.charts[id].legend = legendOf(id, store.charts[id].legendItems);
  const tools = el('div', { class: 'chart-tools' },
    el('button', { type: 'button', class: 'csv', text: t().csv, 'aria-label': `${t().csv}: ${title}`, onclick: () => downloadCsv(id, csvLines()) }),
    el('button', { type: 'button', class: 'png', text: t().png, 'aria-label': `${t().png}: ${title}`, onclick: () => downloadPng(id) }),
    el('button', { type: 'button', class: 'svg', text: t().svg, 'aria-label': `${t().svg}: ${title}`, onclick: () => downloadSvg(id).catch((e) => showError(e.message)) }));
  store.charts[id].table = dataTable(id, groups, columns);
  fig.append(store.charts[id].legend, tools, store.charts[id].table);
  if (obs) {
    fig.insertBefore(el('p', { class: 'observed', 'data-value': obs.value, 'data-own': String(obs.own),
      text: `◆ ${obs.label}, ${obs.source}: ${fmt(obs.value, obs.value < 10 ? 2 : 0)} ${t().per10k}.${id === 'homeless_per_10k' ? ` ${t().startsFromCount}` : ''}` }), tools);
  }
}

/**
 * What a chart's legend says, as data: each line's colour and name (the grey
 * history, each scenario), the observed point, instrument starts and ends
 * (dashed) and today's line, as far as the chart shows them. The page's
 * legend and the PNG's are both drawn from it.
 */
export function legendItems(id, items, obs) {
  const out = items.map((it) => ({ kind: 'line', colour: it.colour, text: it.label, history: it.history }));
  if (obs) out.push({ kind: 'observed', text: `${obs.label} (${t().legend.observed})` });
  if (events().length) out.push({ kind: 'events', text: t().legend.starts });
  if (historyPeriods() > 0 && !id.startsWith('diff-')) out.push({ kind: 'now', text: `${t().now}, ${dataYear()}` });
  return out;
}

/** How each kind of legend entry is marked on the page (its CSS class and mark). */
const LEGEND_MARKS = {
  observed: { li: 'legend-observed', mark: { class: 'mark', text: '◆' } },
  events: { li: 'legend-events', mark: { class: 'dash' } },
  now: { li: 'legend-now', mark: { class: 'rule' } },
};

/** A chart's legend on the page, from its entries (`legendItems`). */
export function legendOf(id, entries) {
  const list = el('ul', { class: 'legend', 'data-chart': id });
  for (const it of entries) {
    if (it.kind === 'line') {
      list.append(el('li', { 'data-history': String(it.history) }, el('span', { class: 'swatch', style: `background:${it.colour}`, 'aria-hidden': 'true' }), el('span', { text: it.text })));
    } else {
      const m = LEGEND_MARKS[it.kind];
      list.append(el('li', { class: m.li }, el('span', { ...m.mark, 'aria-hidden': 'true' }), el('span', { text: it.text })));
    }
  }
  return list;
}

/** A chart's data table (its text alternative), folded, scrolling inside its box. */
export function dataTable(id, groups, columns) {
  const c = t().columns;
  const table = el('table', { class: 'data', 'data-output': id });
  table.append(el('thead', {}, el('tr', {}, ...[monthly() ? c.month : c.year, c.scenario, ...columns].map((h) => el('th', { scope: 'col', text: h })))));
  const body = el('tbody');
  for (const g of groups) {
    for (const r of g.rows) {
      body.append(el('tr', { 'data-period': r.i < historyPeriods() && !id.startsWith('diff-') ? 'history' : 'projection' }, el('td', { text: r.label }), el('td', { text: scenarioName(g.s) }),
        ...[r.mid, r.lo, r.hi].map((v) => el('td', { text: fmt(v, 2), 'data-value': v }))));
    }
  }
  table.append(body);
  return el('details', {}, el('summary', { text: t().dataTable }), el('div', { class: 'scroll' }, table));
}

/**
 * Instrument starts and ends of every scenario, for the timeline and the
 * charts: `i` is the month from the scenario start, `text` e.g.
 * "2013-01: Scenario 1 — Bostad först startar (Platser: 40)".
 */
export function events() {
  const out = [];
  const start = firstYear();
  store.state.scenarios.forEach((s, k) => s.instruments.forEach((inst) => {
    const label = INSTRUMENT_LABELS[store.state.lang][inst.kind] ?? inst.kind;
    // The instrument's first number setting (its size: places, contracts a year, …).
    const row = settingsOf(store.catalogue, inst.kind).find((r) => r.type === 'number');
    const size = row ? `(${settingLabel(row)}: ${fmt(inst.settings[row.name] ?? row.default, 1)})` : '';
    out.push({ t: Date.UTC(inst.start, 0, 1) / 1000, i: (inst.start - start) * 12, scenario: k, text: `${inst.start}-01: ${scenarioName(k)} — ${label} ${t().starts} ${size}`.trim() });
    if (inst.end !== null) out.push({ t: Date.UTC(inst.end, 0, 1) / 1000, i: (inst.end - start) * 12, scenario: k, text: `${inst.end}-01: ${scenarioName(k)} — ${label} ${t().ends}` });
  }));
  return out.sort((a, b) => a.i - b.i);
}

/** Draws today's line and the instrument starts and ends (dashed, in their scenario's colour) on a chart. */
export function drawEvents(u) {
  const ctx = u.ctx;
  // The boundary between history and projection: today, in the data.
  if (historyPeriods() > 0) {
    const x = u.valToPos(Date.UTC(dataYear(), 0, 1) / 1000, 'x', true);
    if (x >= u.bbox.left && x <= u.bbox.left + u.bbox.width) {
      ctx.save();
      ctx.strokeStyle = '#444';
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.fillStyle = '#444';
      ctx.font = `${canvasTextPx() * devicePixelRatio}px sans-serif`;
      ctx.textAlign = 'left';
      ctx.fillText(`${t().now} ${dataYear()}`, x + 4 * devicePixelRatio, u.bbox.top + 14 * devicePixelRatio);
      ctx.restore();
    }
  }
  for (const ev of events()) {
    const x = u.valToPos(ev.t, 'x', true);
    if (!(x >= u.bbox.left && x <= u.bbox.left + u.bbox.width)) continue;
    ctx.save();
    ctx.strokeStyle = PALETTE[ev.scenario % PALETTE.length];
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  }
}

/** Lists the instrument starts and ends up to the workshop clock. */
export function renderEvents() {
  const list = $('#events');
  list.replaceChildren(...events().filter((e) => store.reveal === null || e.i <= store.reveal).map((e) => el('li', { text: e.text })));
}

// Charts under "Fler diagram" are drawn at their size when opened.
// Every update of the current run redraws (the store announces it).
subscribe('results', render);

$('#more-charts').addEventListener('toggle', () => { if ($('#more-charts').open) { for (const c of Object.values(store.charts)) if ($('#more-charts').contains(c.fig)) { c.plot?.destroy(); c.plot = null; } render(); } });

window.addEventListener('resize', () => { store.workshopTrim = 0; Object.values(store.charts).forEach((c) => { c.plot?.destroy(); c.plot = null; }); render(); });
