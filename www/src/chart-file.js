// A chart as a file: a standalone SVG drawn by Observable Plot from the
// same rows as the chart on screen — bands, medians labelled with their
// scenario, instrument starts and ends and changed conditions as dashed
// lines, today, the observed point, year ticks on 1 January — with its title
// and unit above and, below, its legend (the same entries as the page's,
// plot.js `legendItems`), the note and the provenance, each wrapped to the
// file's width. The PNG export is this drawing at twice its size.
import { PALETTE, dataYear, fmt, scenarioName, store } from './store.js';
import { events, historyPeriods, parts, yearTicks } from './series.js';
import { chartNote, provenanceLine } from './provenance.js';
import { COUNTED } from './observed.js';

/** The file's width and the plot's height, in px; its type. */
export const FILE = { width: 1000, plotHeight: 420, font: '"DejaVu Sans", sans-serif', size: 13, line: 18 };

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
const svgEl = (tag, attrs = {}, text) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

/** `text` broken into lines of at most `width` px in the file's type (measured), at word boundaries. */
export function wrapText(text, width, font = `${FILE.size}px ${FILE.font}`) {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = font;
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) { lines.push(line); line = word; } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** How the children's line is dashed (on screen the same: plot.js). */
export const CHILDREN_DASH = '5,4';

/** How an event is dashed: instrument starts and ends, changed conditions (on screen the same: plot.js). */
export const EVENT_DASH = { instrument: '6,4', condition: '2,3' };

/** The Plot marks of chart `id`: bands, medians with their labels, events, today and the observed point. */
function marksOf(Plot, id) {
  const { groups } = store.charts[id];
  const date = (r) => new Date(r.t * 1000);
  const marks = [Plot.ruleY([0], { stroke: '#999' })];
  const first = groups[0]?.rows[0];
  const last = groups[0]?.rows.at(-1);
  for (const ev of events()) {
    if (first && ev.t >= first.t - 183 * 86400 && ev.t <= last.t) marks.push(Plot.ruleX([new Date(ev.t * 1000)], { stroke: PALETTE[ev.scenario % PALETTE.length], strokeDasharray: EVENT_DASH[ev.kind] }));
  }
  // Bands first, then lines and labels, so that no band tints another scenario's line.
  // The children with a homeless parent: a dashed line each, no band, never added in.
  const drawn = groups.filter((g) => !g.line).flatMap((g) => parts(g).map((p) => ({ ...p, s: g.s })));
  const children = groups.filter((g) => g.line).flatMap((g) => parts(g).map((p) => ({ ...p, s: g.s })));
  for (const p of drawn) {
    marks.push(Plot.areaY(p.rows, { x: date, y1: 'lo', y2: 'hi', fill: p.colour, fillOpacity: 0.15 }));
    if (p.rows[0]?.innerLo !== undefined) marks.push(Plot.areaY(p.rows, { x: date, y1: 'innerLo', y2: 'innerHi', fill: p.colour, fillOpacity: 0.3 }));
  }
  for (const p of drawn) {
    marks.push(Plot.lineY(p.rows, { x: date, y: 'mid', stroke: p.colour, strokeWidth: p.history ? 2 : 2.5 }));
    if (!p.history) marks.push(Plot.text(p.rows, Plot.selectLast({ x: date, y: 'mid', text: () => scenarioName(p.s), fill: p.colour, dx: 6, textAnchor: 'start', fontWeight: 'bold', lineWidth: 13 })));
  }
  for (const p of children) marks.push(Plot.lineY(p.rows, { x: date, y: 'mid', stroke: p.colour, strokeWidth: 2, strokeDasharray: CHILDREN_DASH }));
  if (historyPeriods() > 0 && !id.startsWith('diff-')) marks.push(Plot.ruleX([new Date(Date.UTC(dataYear(), 0, 1))], { stroke: '#444' }));
  // Every observed point, its caveat and source as the point's <title> (shown on hover).
  const obs = store.charts[id].observed ?? [];
  if (obs.length) {
    const x = (d) => new Date(d.t * 1000);
    marks.push(Plot.dot(obs, { x, y: 'value', symbol: 'diamond', fill: (d) => (d.children ? 'white' : 'black'), stroke: 'black', r: 5, title: 'title' }));
    const labelled = obs.filter((d, k) => !d.children && COUNTED.includes(d.output) && obs.findIndex((e) => !e.children && e.year === d.year) === k);
    marks.push(Plot.text(labelled, { x, y: 'value', text: (d) => `${d.label}: ${fmt(d.value, d.value < 10 ? 1 : 0)}`, dx: 10, dy: -10, textAnchor: 'start' }));
  }
  return marks;
}

/** The mark in front of a legend entry in the file: the line's colour, the observed ◆, a dash for events, a rule for today. */
function legendMark(item, y) {
  const g = svgEl('g');
  if (item.kind === 'line' && item.dashed) g.append(svgEl('line', { x1: 0, x2: 24, y1: y, y2: y, stroke: item.colour, 'stroke-width': 3, 'stroke-dasharray': CHILDREN_DASH }));
  else if (item.kind === 'line') g.append(svgEl('rect', { x: 0, y: y - 3, width: 24, height: 5, fill: item.colour }));
  else if (item.kind === 'observed') g.append(svgEl('text', { x: 6, y: y + 4 }, '◆'));
  else if (item.kind === 'observed-children') g.append(svgEl('text', { x: 6, y: y + 4 }, '◇'));
  else g.append(svgEl('line', { x1: 0, x2: 24, y1: y, y2: y, stroke: '#555', 'stroke-width': 2, 'stroke-dasharray': item.kind === 'now' ? 'none' : EVENT_DASH[item.kind === 'conditions' ? 'condition' : 'instrument'] }));
  return g;
}

/**
 * Chart `id` as a standalone SVG document: `{ svg, width, height }`.
 * Plot is loaded on first use.
 */
export async function chartSvg(id) {
  const Plot = await import('@observablehq/plot');
  const c = store.charts[id];
  const { width, line, size } = FILE;
  const pad = 12;
  const text = width - 2 * pad;
  const titleLines = wrapText(c.title, text, `bold 16px ${FILE.font}`);
  const head = titleLines.length * 22 + (c.unit ? line : 0) + 8;
  const ticks = (c.ticks ?? yearTicks(c.groups[0]?.rows ?? []).map((r) => Date.UTC(r.year, 0, 1) / 1000)).map((x) => new Date(x * 1000));
  const plot = Plot.plot({
    width, height: FILE.plotHeight, marginTop: 16, marginRight: 240, marginBottom: 30, marginLeft: 70,
    style: { fontFamily: FILE.font, fontSize: `${size}px`, background: 'white' },
    x: { type: 'utc', label: null, ticks, tickFormat: (d) => String(d.getUTCFullYear()), domain: c.xDomain?.map((x) => new Date(x * 1000)) },
    y: { grid: true, label: null, tickFormat: (v) => fmt(v, 2) },
    marks: marksOf(Plot, id), document,
  });
  plot.setAttribute('y', head);
  // Below the plot: the legend (each entry wrapped beside its mark), the note and the provenance.
  const foot = svgEl('g', { 'font-family': FILE.font, 'font-size': size, fill: '#000' });
  let y = head + FILE.plotHeight + line;
  for (const item of c.legendItems ?? []) {
    const lines = wrapText(item.text, text - 32);
    foot.append(legendMark(item, y - 4));
    lines.forEach((l, k) => foot.append(svgEl('text', { x: pad + 32, y: y + k * line }, l)));
    y += lines.length * line;
  }
  y += line / 2;
  for (const l of [...wrapText(chartNote(id), text), ...wrapText(provenanceLine(), text)]) {
    foot.append(svgEl('text', { x: pad, y, fill: '#555' }, l));
    y += line;
  }
  foot.querySelectorAll('g').forEach((g) => g.setAttribute('transform', `translate(${pad},0)`));
  const height = Math.ceil(y);
  const svg = svgEl('svg', { xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FILE.font });
  svg.append(svgEl('rect', { width, height, fill: 'white' }));
  const top = svgEl('g', { 'font-family': FILE.font });
  titleLines.forEach((l, k) => top.append(svgEl('text', { x: pad, y: 20 + k * 22, 'font-size': 16, 'font-weight': 'bold' }, l)));
  if (c.unit) top.append(svgEl('text', { x: pad, y: titleLines.length * 22 + 12, 'font-size': size, fill: '#555' }, c.unit));
  svg.append(top, plot, foot);
  return { svg, width, height };
}
