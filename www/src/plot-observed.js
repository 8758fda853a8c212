// The observed points on a chart's canvas (www/src/plot.js draws the rest):
// diamonds in the chart's unit, labels beside the counts, and a hover and
// keyboard target per point whose title is its caveat and source.
import { fmt } from './store.js';
import { el } from './dom.js';
import { COUNTED } from './observed.js';

/**
 * Draws the observed points as black diamonds — open for children with a
 * homeless parent — and writes beside each count its label ("Räknat 2017:
 * 33"), once per year; on the plot's overlay each point gets a small mark
 * whose title (the caveat and source) shows on hover and which the
 * keyboard reaches. `textPx`: the labels' size (CSS pixels).
 */
export function drawObserved(u, marks, textPx) {
  const ctx = u.ctx;
  const r = 6 * devicePixelRatio;
  const labelled = new Set();
  ctx.save();
  ctx.font = `${textPx * devicePixelRatio}px sans-serif`;
  ctx.textAlign = 'left'; // uPlot leaves its axes' alignment set
  for (const m of marks) {
    const x = u.valToPos(m.t, 'x', true);
    const y = u.valToPos(m.value, 'y', true);
    ctx.beginPath();
    ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
    if (m.children) { ctx.fillStyle = '#fff'; ctx.fill(); ctx.strokeStyle = '#000'; ctx.lineWidth = 1.5 * devicePixelRatio; ctx.stroke(); } else { ctx.fillStyle = '#000'; ctx.fill(); }
    if (COUNTED.includes(m.output) && !labelled.has(m.year)) {
      labelled.add(m.year);
      ctx.fillStyle = '#000';
      ctx.fillText(`${m.label}: ${fmt(m.value, m.value < 10 ? 1 : 0)}`, x + r * 1.5, y - r);
    }
  }
  ctx.restore();
  // Hover and keyboard: a mark per point on the overlay, placed in CSS pixels.
  u.over.querySelectorAll('.obs-mark').forEach((e) => e.remove());
  for (const m of marks) {
    const left = u.valToPos(m.t, 'x');
    const top = u.valToPos(m.value, 'y');
    if (!(left >= 0 && left <= u.over.clientWidth && top >= 0 && top <= u.over.clientHeight)) continue;
    u.over.append(el('span', { class: 'obs-mark', title: m.title, tabindex: '0', role: 'img', 'aria-label': m.title, 'data-year': m.year, 'data-output': m.output, 'data-value': m.value, 'data-children': String(m.children), style: `left:${left}px;top:${top}px` }));
  }
}

