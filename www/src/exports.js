// Exports with their provenance: CSV, PNG and SVG of a chart, the scenario
// file, and the shell block that reproduces the page with `hemma compare`.
import { scenarioJson } from './scenario-json.js';
import { PALETTE, baseScenario, dataYear, fmt, levels, placeId, scenarioId, scenarioName, store, t } from './store.js';
import { $, el } from './dom.js';
import { ask } from './worker-client.js';
import { events, historyPeriods, parts, yearTicks } from './series.js';

/** Height of a line under an exported PNG, in CSS pixels. */
export const PNG_FOOTER_LINE_PX = 20;

/** Which code made the numbers, as `hemma --version` says it; on every export. */
export function provenance() {
  return `hemma ${store.catalogue.version} (commit ${store.catalogue.git_commit})`;
}

/** What every exported row carries, as the CLI's tables: the code, the place, the run and the scenario's fingerprint. */
export const PROVENANCE_COLUMNS = 'hemma_version,git_commit,place,seed,replications,scale,fingerprint';

/** The provenance cells of scenario `s` (its replication-0 fingerprint: `hemma run --fingerprint` prints the same). */
export function provenanceCells(s) {
  const m = store.results.meta[s];
  return [store.catalogue.version, store.catalogue.git_commit, placeId(), m.seed, store.results.replications, m.scale, store.results.fingerprints?.[s]?.[0] ?? ''];
}

/** The provenance in one line, for images: version, place, seed, replications, scale and fingerprints. */
export function provenanceLine() {
  const m = store.results.meta[0];
  const prints = (store.results.fingerprints ?? []).map((f, s) => `${scenarioId(s)} ${f[0]}`).join(', ');
  return `${provenance()} · ${placeId()} · seed ${m.seed} · ${store.results.replications} ${t().replications.toLowerCase()} · scale ${m.scale} · ${t().fingerprints}: ${prints}`;
}

/** The note under an exported chart: fans are simulation spread; differences are means with paired intervals. */
export const chartNote = (id) => (store.charts[id].kind === 'difference' ? t().diffNote : t().bandsNote);

/** A chart's rows as CSV; every row ends with its provenance (as the CLI's tables). */
export function downloadCsv(id, lines) {
  download(`hemma-${store.state.preset}-${id}.csv`, new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
}

/**
 * The chart as drawn on screen, on white, with its title and unit above,
 * and its legend, the note (spread or paired intervals) and the provenance
 * below (wrapped to the chart's width).
 */
export function downloadPng(output) {
  const chart = store.charts[output].fig.querySelector('canvas');
  const ratio = window.devicePixelRatio || 1;
  const line = Math.round(PNG_FOOTER_LINE_PX * ratio);
  const pad = Math.round(8 * ratio);
  const font = `${Math.round(13 * ratio)}px sans-serif`;
  const titleFont = `bold ${Math.round(16 * ratio)}px sans-serif`;
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = font;
  const wrap = (text) => {
    const out = [];
    let current = '';
    for (const word of text.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (current && measure.measureText(next).width > chart.width - 2 * pad) { out.push(current); current = word; } else current = next;
    }
    out.push(current);
    return out;
  };
  // The same entries as the legend on the page, from the chart's data (plot.js `legendItems`).
  const legend = store.charts[output].legendItems;
  const lines = [chartNote(output), provenanceLine()].flatMap(wrap);
  const head = 2 * line;
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = head + chart.height + (legend.length + lines.length) * line + pad;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#000';
  ctx.font = titleFont;
  ctx.fillText(store.charts[output].title, pad, line * 0.6);
  ctx.font = font;
  ctx.fillStyle = '#555';
  ctx.fillText(store.charts[output].unit ?? '', pad, line * 1.5);
  ctx.drawImage(chart, 0, head);
  let y = head + chart.height;
  for (const item of legend) {
    drawLegendMark(ctx, item, pad, y, line, ratio);
    ctx.fillStyle = '#000';
    ctx.fillText(item.text, pad + 30 * ratio, y + line * 0.5);
    y += line;
  }
  ctx.fillStyle = '#555';
  lines.forEach((text, k) => ctx.fillText(text, pad, y + (k + 0.5) * line));
  canvas.toBlob((blob) => download(`hemma-${store.state.preset}-${output}.png`, blob), 'image/png');
}

/** The mark in front of a PNG legend entry: the line's colour, the observed ◆, a dash for instrument starts, a rule for today. */
function drawLegendMark(ctx, item, x, y, line, ratio) {
  const mid = y + line * 0.5;
  const w = 24 * ratio;
  if (item.kind === 'line') {
    ctx.fillStyle = item.colour;
    ctx.fillRect(x, mid - 2 * ratio, w, 4 * ratio);
  } else if (item.kind === 'observed') {
    ctx.fillStyle = '#000';
    ctx.fillText('◆', x + w / 2 - 5 * ratio, mid);
  } else {
    ctx.strokeStyle = '#555';
    ctx.lineWidth = 2 * ratio;
    ctx.setLineDash(item.kind === 'events' ? [4 * ratio, 3 * ratio] : []);
    ctx.beginPath();
    ctx.moveTo(x, mid);
    ctx.lineTo(x + w, mid);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

/**
 * The chart as a standalone SVG file, drawn by Observable Plot from the same
 * rows as the chart on screen: bands, median lines labelled with the
 * scenario, instrument starts and ends as dashed lines, title and the
 * note that bands are simulation spread. Plot is loaded on first use.
 */
export async function downloadSvg(id) {
  const Plot = await import('@observablehq/plot');
  const { title, groups } = store.charts[id];
  const date = (r) => new Date(r.t * 1000);
  const marks = [Plot.ruleY([0], { stroke: '#999' })];
  const first = groups[0]?.rows[0];
  const last = groups[0]?.rows.at(-1);
  for (const ev of events()) {
    if (first && ev.t >= first.t && ev.t <= last.t) marks.push(Plot.ruleX([new Date(ev.t * 1000)], { stroke: PALETTE[ev.scenario % PALETTE.length], strokeDasharray: '6,4' }));
  }
  // Bands first, then lines and labels, so that no band tints another scenario's line.
  const drawn = groups.flatMap((g) => parts(g).map((p) => ({ ...p, s: g.s })));
  for (const p of drawn) {
    marks.push(Plot.areaY(p.rows, { x: date, y1: 'lo', y2: 'hi', fill: p.colour, fillOpacity: 0.15 }));
    if (p.rows[0]?.innerLo !== undefined) marks.push(Plot.areaY(p.rows, { x: date, y1: 'innerLo', y2: 'innerHi', fill: p.colour, fillOpacity: 0.3 }));
  }
  for (const p of drawn) {
    marks.push(Plot.lineY(p.rows, { x: date, y: 'mid', stroke: p.colour, strokeWidth: p.history ? 2 : 2.5 }));
    if (!p.history) marks.push(Plot.text(p.rows, Plot.selectLast({ x: date, y: 'mid', text: () => scenarioName(p.s), fill: p.colour, dx: 6, textAnchor: 'start', fontWeight: 'bold', lineWidth: 13 })));
  }
  if (historyPeriods() > 0) marks.push(Plot.ruleX([new Date(Date.UTC(dataYear(), 0, 1))], { stroke: '#444' }));
  const obs = store.charts[id].observed;
  if (obs) {
    marks.push(Plot.dot([obs], { x: (d) => new Date(d.t * 1000), y: 'value', symbol: 'diamond', fill: '#000', r: 6 }));
    marks.push(Plot.text([obs], { x: (d) => new Date(d.t * 1000), y: 'value', text: (d) => `${d.label}: ${fmt(d.value, 0)}`, dx: 10, dy: -10, textAnchor: 'start' }));
  }
  marks.push(Plot.text([title], { text: (d) => d, frameAnchor: 'top-left', dy: -36, fontSize: 16, fontWeight: 'bold' }));
  marks.push(Plot.text([chartNote(id)], { text: (d) => d, frameAnchor: 'bottom-left', dy: 44, fill: '#555', lineWidth: 80 }));
  marks.push(Plot.text([provenanceLine()], { text: (d) => d, frameAnchor: 'bottom-left', dy: 84, fill: '#555', lineWidth: 120 }));
  if (store.charts[id].unit) marks.push(Plot.text([store.charts[id].unit], { text: (d) => d, frameAnchor: 'top-left', dy: -16, fill: '#555' }));
  const svg = Plot.plot({
    width: 1000, height: 480, marginTop: 50, marginRight: 240, marginBottom: 110, marginLeft: 70,
    style: { fontFamily: '"DejaVu Sans", sans-serif', fontSize: '13px', background: 'white' },
    x: { type: 'utc', label: null, ticks: yearTicks(groups[0]?.rows ?? []).map(date), tickFormat: (d) => String(d.getUTCFullYear()) },
    y: { grid: true, label: null, tickFormat: (v) => fmt(v, 2) },
    marks, document,
  });
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const text = new XMLSerializer().serializeToString(svg);
  download(`hemma-${store.state.preset}-${id}.svg`, new Blob([text], { type: 'image/svg+xml' }));
}

/** Saves `blob` as file `name`. */
export function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

/** Scenario `i` as a scenario file (TOML), as `hemma run` reads it. */
export async function currentToml(i) {
  const m = await ask({ type: 'toml', text: scenarioJson(store.state, i, baseScenario(), scenarioName(i), dataYear(), levels()) });
  return m.toml;
}

$('#export').addEventListener('click', async () => {
  const i = store.state.scenarios.length - 1;
  download(`hemma-${store.state.preset}-${i}.toml`, new Blob([await currentToml(i)], { type: 'application/toml' }));
});
/**
 * One shell block that reproduces the page: it writes the baseline's and
 * every scenario's file, runs `hemma compare` of each scenario against the
 * baseline (at the headline's year) — or `hemma run` of the baseline alone —
 * and names the fingerprints to expect, with how to install `hemma`.
 */
export async function cliBlock() {
  const files = store.state.scenarios.map((_, i) => `hemma-${store.state.preset}-${scenarioId(i)}.toml`);
  const tomls = await Promise.all(store.state.scenarios.map((_, i) => currentToml(i)));
  const year = store.results?.headlines?.[0]?.year;
  const lines = [
    `# ${provenance()}. ${t().cliInstall(store.catalogue.git_commit)}`,
    ...files.flatMap((f, i) => [`cat > ${f} <<'EOF'`, tomls[i].trimEnd(), 'EOF']),
  ];
  if (files.length === 1) lines.push(`hemma run ${files[0]} --fingerprint`);
  for (let i = 1; i < files.length; i++) lines.push(`hemma compare ${files[0]} ${files[i]}${year ? ` --at-year ${year}` : ''} -o out/compare-${scenarioId(i)}`);
  if (store.results?.fingerprints && !store.results.partial) {
    lines.push(`# ${t().cliExpect}: ${store.results.fingerprints.map((f, i) => `${scenarioId(i)} ${f[0]}`).join(', ')}`);
    lines.push(`#   ${files.map((f) => `hemma run ${f} -r 1 --fingerprint -q`).join('; ')}`);
  }
  return lines.join('\n') + '\n';
}

$('#cli').addEventListener('click', async () => {
  const cmd = await cliBlock();
  try { await navigator.clipboard.writeText(cmd); } catch { /* shown below as well */ }
  $('#cli-text').value = cmd;
  $('#cli-box').hidden = false;
});
