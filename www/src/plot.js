// One chart drawn with uPlot: its bands and median lines per scenario, the
// y axis's unit, the year ticks, the observed point, today's line and the
// instrument starts and ends on the canvas, the legend (as data, from which
// the PNG's is drawn too), the export buttons and the data table. What to
// draw comes from www/src/charts.js.
import uPlot from 'uplot';
import { PALETTE, dataYear, fmt, scenarioName, store, t } from './store.js';
import { $, el, showError } from './dom.js';
import { events, extentTicks, historyPeriods, monthly, parts, yearTicks } from './series.js';
import { drawObserved } from './plot-observed.js';
import { COUNTED } from './observed.js';
import { downloadCsv, downloadPng, downloadSvg } from './exports.js';

/** Size of the text drawn inside a chart (the observed point, "Idag"): larger in the workshop's view (CSS pixels). */
export const canvasTextPx = () => (store.workshop ? 22 : 12);

/** Height of a workshop figure beside its plot: the title, the legend and the padding (CSS pixels). */
export const WORKSHOP_CHROME_PX = 120;
/** Room left below the workshop's lowest chart (CSS pixels). */
export const WORKSHOP_MARGIN_PX = 16;

/** Workshop type: titles, axes and legends at least 28 px, readable from the back of a room. */
export const WORKSHOP_FONT = '28px sans-serif';

/** The axes' type outside the workshop (the page's). */
export const AXIS_FONT = '12px "DejaVu Sans", sans-serif';

/** The x axis's range in seconds, whole years: 1 January of the first year shown (the earliest observed point's, if earlier), to the end of the last. */
export function xDomainOf([t0, t1], marks = [], months = false) {
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) return [t0, t1];
  const year = (x) => new Date(x * 1000).getUTCFullYear();
  const first = Math.min(t0, ...marks.map((m) => m.t));
  // Yearly points sit at mid-year: their year ends at the next 1 January; monthly ones (the 15th) half a month on.
  const end = months ? t1 + 16 * 86400 : Date.UTC(year(t1) + 1, 0, 1) / 1000;
  return [Date.UTC(year(first), 0, 1) / 1000, end];
}

const measure = document.createElement('canvas').getContext('2d');

/** The y axis's width for its `values` (uPlot asks with them; null before the first drawing): the widest, the ticks and the gaps. */
export function axisWidth(values, font, big) {
  if (!values) return big ? 110 : 50;
  measure.font = font;
  const widest = Math.max(0, ...values.map((v) => measure.measureText(String(v)).width));
  return Math.ceil(widest + (big ? 24 : 18));
}

/** Below this width (CSS pixels) a chart is a phone's: fewer year ticks. */
export const NARROW_CHART_PX = 500;
/** Room a year label needs on the x axis: in the workshop's 28 px type, and on a phone (CSS pixels). */
export const YEAR_TICK_PX = { workshop: 120, narrow: 60 };

/**
 * Draws `groups` (one per scenario: rows of lo/mid/hi, optionally
 * innerLo/innerHi) into chart `id`, with a legend, the y axis's `unit`, its
 * tools and data table, and the `observed` points (www/src/charts.js
 * `observedMarks`). Groups with `line: 'children'` are the children with a
 * homeless parent (output `children`): a dashed median per scenario, no
 * band, their own data table. `extent` (workshop mode) fixes both axes to the
 * whole horizon; a plot whose shape did not change is given its new data
 * instead of being built again, so that play keeps its pace.
 */
export function drawBands(id, title, groups, csvLines, columns, { unit = '', extent = null, kind = 'fan', observed = [], children = null } = {}) {
  if (!store.charts[id]) {
    const fig = el('figure', { class: 'chart', id: `chart-${id}` });
    $('#charts').append(fig);
    store.charts[id] = { fig, plot: null };
  }
  const { fig } = store.charts[id];
  Object.assign(store.charts[id], { title, groups, kind, unit, children });
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
  // Year ticks at 1 January, where instrument lines and today's are (the data of a year sits at its middle).
  const ticks = extent ? extentTicks(extent, most) : yearTicks(rows0, most).map((r) => Date.UTC(r.year, 0, 1) / 1000);
  const data = [xs];
  const series = [{}];
  const bands = [];
  const legend = [];
  for (const g of groups) {
    if (g.line === 'children') {
      // A line of its own beside the homeless, dashed, without a band: never added in.
      for (const part of parts(g)) {
        const label = `${part.label} — ${t().childrenLine}`;
        data.push(align(part.rows, 'mid'));
        series.push({ label, stroke: part.colour, width: 2, dash: [5, 4], points: { show: xs.length < 2 }, value: (u, v) => (v == null ? '' : fmt(v, 2)) });
      }
      // One legend entry for every scenario's children line (each in its scenario's colour), so that the legend stays short.
      if (!legend.some((it) => it.dashed)) legend.push({ colour: '#555', label: t().legend.childrenDashed, history: false, dashed: true });
      continue;
    }
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
  const obs = observed ?? [];
  Object.assign(store.charts[id], { observed: obs });
  const yRange = (u, lo, hi) => {
    const [a, b] = extent ? extent.y : [lo, hi];
    return [Math.min(0, a * 1.1), Math.max(b > 0 ? b * 1.1 : 1, ...obs.map((m) => m.value * 1.2))];
  };
  // Whole years: from 1 January of the first year shown (the earliest observed point's, if earlier) to the end of the last.
  const xDomain = xDomainOf(extent ? extent.x : [xs[0], xs.at(-1)], obs, monthly());
  const font = big ? { font: WORKSHOP_FONT, labelFont: WORKSHOP_FONT } : { font: AXIS_FONT, labelFont: `bold ${AXIS_FONT}` };
  const opts = {
    title, width, height, series, bands,
    legend: { show: false },
    scales: { x: { time: true, range: () => xDomain }, y: { range: yRange } },
    axes: [{ splits: () => ticks, values: (u, tk) => tk.map((v) => new Date(v * 1000).getUTCFullYear()), size: big ? 60 : 40, ...font },
      // The unit beside the axis; the workshop's titles say it, and its type leaves no room.
      // As wide as its widest value (a cost in Mkr, Sverige's counts), so that the unit never overlaps them.
      { size: (u, values) => axisWidth(values, font.font, big), label: big ? undefined : unit, labelSize: big ? 0 : 20, values: (u, tk) => tk.map((v) => fmt(v, 1)), ...font }],
    hooks: { draw: [(u) => drawEvents(u, !id.startsWith('diff-')), (u) => { if (obs.length) drawObserved(u, obs, canvasTextPx()); }] },
  };
  // The same shape (series, size, axes, language): new data only.
  const shape = JSON.stringify([title, unit, width, height, series.length, extent?.x, extent?.y, obs.map((m) => m.title), store.state.lang, big, ticks.length, xDomain]);
  if (store.charts[id].plot && store.charts[id].shape === shape && extent) {
    store.charts[id].plot.setData(data);
    store.charts[id].legendItems = legendItems(id, legend, obs);
    store.charts[id].legend.replaceWith(store.charts[id].legend = legendOf(id, store.charts[id].legendItems));
    if (store.playing === null) {
      store.charts[id].table.replaceWith(store.charts[id].table = dataTable(id, groups.filter((g) => !g.line), columns));
      if (children) store.charts[id].childTable.replaceWith(store.charts[id].childTable = dataTable(id, groups.filter((g) => g.line), columns, children));
    }
    return;
  }
  if (store.charts[id].plot) store.charts[id].plot.destroy();
  fig.replaceChildren();
  const holder = el('div', { class: 'plot', role: 'img', 'aria-label': `${title} (${unit}). ${t().dataTableBelow}` });
  fig.append(holder);
  store.charts[id].plot = new uPlot(opts, data, holder);
  Object.assign(store.charts[id], { shape, ticks, xDomain, axisFont: big ? font.font : '' });
  store.charts[id].legendItems = legendItems(id, legend, obs);
  store.charts[id].legend = legendOf(id, store.charts[id].legendItems);
  const tools = el('div', { class: 'chart-tools' },
    el('button', { type: 'button', class: 'csv', text: t().csv, 'aria-label': `${t().csv}: ${title}`, onclick: () => downloadCsv(id, csvLines()) }),
    el('button', { type: 'button', class: 'png', text: t().png, 'aria-label': `${t().png}: ${title}`, onclick: () => downloadPng(id) }),
    el('button', { type: 'button', class: 'svg', text: t().svg, 'aria-label': `${t().svg}: ${title}`, onclick: () => downloadSvg(id).catch((e) => showError(e.message)) }));
  store.charts[id].table = dataTable(id, groups.filter((g) => !g.line), columns);
  fig.append(store.charts[id].legend, tools, store.charts[id].table);
  if (children) {
    // Socialstyrelsen counts them apart: said under the chart, with their own table.
    store.charts[id].childTable = dataTable(id, groups.filter((g) => g.line), columns, children);
    fig.insertBefore(el('p', { class: 'children-note', text: t().childrenNote }), tools);
    fig.append(store.charts[id].childTable);
  }
  if (obs.length) {
    // Every observed point in words (the text alternative of the marks): value, caveat and source.
    fig.insertBefore(el('ul', { class: 'observed' }, ...obs.map((m) => el('li', { 'data-value': m.value, 'data-own': String(m.own), 'data-year': m.year, 'data-output': m.output, 'data-role': m.role,
      text: `${m.children ? '◇' : '◆'} ${m.title}` }))), tools);
  }
}

/**
 * What a chart's legend says, as data: each line's colour and name (the grey
 * history, each scenario), the observed point, instrument starts and ends
 * (dashed) and today's line, as far as the chart shows them. The page's
 * legend and the PNG's are both drawn from it.
 */
export function legendItems(id, items, obs) {
  const out = items.map((it) => ({ kind: 'line', colour: it.colour, text: it.label, history: it.history, dashed: Boolean(it.dashed) }));
  // One entry per kind of observed point: counts (with their years), other observed values, children.
  const own = obs.filter((m) => !m.children);
  if (own.length) {
    const counted = own.every((m) => COUNTED.includes(m.output));
    const years = [...new Set(own.map((m) => m.year))];
    const words = counted && years.length <= 4 ? `${own[0].label.replace(/ \d{4}.*$/, '')} ${years.join(', ')}${own[0].own ? '' : ` (${t().national})`}` : own[0].label.replace(/ \d{4}.*$/, '');
    out.push({ kind: 'observed', text: `${words} (${t().legend.observed})` });
  }
  if (obs.some((m) => m.children)) out.push({ kind: 'observed-children', text: `${t().childrenLine} (${t().legend.observed})` });
  if (events().some((e) => e.kind === 'instrument')) out.push({ kind: 'events', text: t().legend.starts });
  if (events().some((e) => e.kind === 'condition')) out.push({ kind: 'conditions', text: t().legend.conditions });
  if (historyPeriods() > 0 && !id.startsWith('diff-')) out.push({ kind: 'now', text: `${t().now}, ${dataYear()}` });
  return out;
}

/** How each kind of legend entry is marked on the page (its CSS class and mark). */
const LEGEND_MARKS = {
  observed: { li: 'legend-observed', mark: { class: 'mark', text: '◆' } },
  'observed-children': { li: 'legend-observed', mark: { class: 'mark', text: '◇' } },
  events: { li: 'legend-events', mark: { class: 'dash' } },
  conditions: { li: 'legend-conditions', mark: { class: 'dots' } },
  now: { li: 'legend-now', mark: { class: 'rule' } },
};

/** A chart's legend on the page, from its entries (`legendItems`). */
export function legendOf(id, entries) {
  const list = el('ul', { class: 'legend', 'data-chart': id });
  for (const it of entries) {
    if (it.kind === 'line') {
      const swatch = it.dashed ? `background:repeating-linear-gradient(90deg,${it.colour} 0 5px,transparent 5px 9px)` : `background:${it.colour}`;
      list.append(el('li', { 'data-history': String(it.history), 'data-dashed': String(it.dashed) }, el('span', { class: 'swatch', style: swatch, 'aria-hidden': 'true' }), el('span', { text: it.text })));
    } else {
      const m = LEGEND_MARKS[it.kind];
      list.append(el('li', { class: m.li }, el('span', { ...m.mark, 'aria-hidden': 'true' }), el('span', { text: it.text })));
    }
  }
  return list;
}

/** A chart's data table (its text alternative), folded, scrolling inside its box; `output`: another output drawn on it (the children's line), in a table of its own. */
export function dataTable(id, groups, columns, output = null) {
  const c = t().columns;
  const table = el('table', { class: 'data', 'data-output': output ?? id });
  table.append(el('thead', {}, el('tr', {}, ...[monthly() ? c.month : c.year, c.scenario, ...columns].map((h) => el('th', { scope: 'col', text: h })))));
  const body = el('tbody');
  for (const g of groups) {
    for (const r of g.rows) {
      body.append(el('tr', { 'data-period': r.i < historyPeriods() && !id.startsWith('diff-') ? 'history' : 'projection' }, el('td', { text: r.label }), el('td', { text: scenarioName(g.s) }),
        ...[r.mid, r.lo, r.hi].map((v) => el('td', { text: fmt(v, 2), 'data-value': v }))));
    }
  }
  table.append(body);
  // The box scrolls on a phone: it takes focus, so that the keyboard scrolls it too, and says what it holds.
  const what = output ? `${t().dataTable}: ${t().childrenLine}` : t().dataTable;
  return el('details', {}, el('summary', { text: what }), el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `${what}: ${store.charts[id]?.title ?? id}` }, table));
}

/** Draws today's line, the instrument starts and ends (dashed) and the changed conditions (dotted), in their scenario's colour, on a chart. */
export function drawEvents(u, today = true) {
  const ctx = u.ctx;
  // The boundary between history and projection: today, in the data (not on a difference, which starts there).
  if (today && historyPeriods() > 0) {
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
    ctx.setLineDash(ev.kind === 'condition' ? [2, 3] : [6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  }
}
