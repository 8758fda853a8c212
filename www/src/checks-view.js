// "Historiken mot det observerade": the baseline's history beside every
// observed point of the place after 2013 (never fitted), one sentence each —
// the model's median and P5–P95 at the point's time (the library's
// computation over this run's replications, crate/calibrate/history.rs via
// the worker) against what was observed, and by how much it misses.
import { checkSentence, checksToState } from './observed.js';
import { store, t } from './store.js';
import { $, el } from './dom.js';

/** Says each check of the current results in a sentence (nothing before a replication has finished). */
export function renderChecks() {
  const box = $('#checks');
  if (!box) return;
  const r = store.results;
  if (!r) return;
  // The history so far (no replication finished): no checks yet, and none of an earlier run.
  if (r.partial) { box.replaceChildren(); return; }
  const lang = store.state.lang;
  const { shown, inside } = checksToState(r.checks);
  const what = (output) => t().observedOutputs[output] ?? output;
  const body = shown.length
    ? [el('p', { id: 'checks-summary', text: t().checksSummary(shown.length, inside, r.replications) }),
      el('ul', {}, ...shown.map((c) => el('li', { 'data-year': c.year, 'data-output': c.output, 'data-inside': String(c.inside_band), 'data-model': c.model[0], 'data-observed': c.value, text: checkSentence(lang, c, what(c.output)) })))]
    : [el('p', { id: 'checks-summary', text: store.state.preset === 'custom' ? t().noValidation : t().noChecks })];
  box.replaceChildren(el('h2', { text: t().checksTitle }), ...body);
}
