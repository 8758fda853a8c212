// The headline in the page: the library's comparison in words per
// scenario (www/src/headline.js formats it), the year field, the workshop
// clock's year, and the one announcement per finished run.
import { ENOUGH_REPLICATIONS, headlineLines, projectionYears, whatWords, whyLines } from './headline.js';
import { PALETTE, scenarioName, store, subscribe, t } from './store.js';
import { $, el } from './dom.js';
import { ask } from './worker-client.js';
import { yearRule } from './inputs.js';
import { numberField } from './field.js';
import { monthly, period } from './series.js';

// A finished run is announced once.
subscribe('run', () => { if (store.run.state === 'done') announce(); });

/** Says once per finished run (not per replication) that it is done, with the first scenario's headline line. */
export function announce() {
  const h = store.results?.headlines?.[0];
  const line = h ? headlineLines(store.state.lang, h, projectionYears(store.results.meta[1]), 'year')[0].text : '';
  $('#announce').textContent = h ? t().announce(scenarioName(1), line) : t().announceDone;
}

/**
 * Per scenario, the library's headline against the baseline in words (the
 * page only formats it: www/src/headline.js); the year field below; a
 * warning when too few replications make the intervals unsure. The
 * workshop view says two lines, the year's and the person-years, in its
 * big type; once the clock runs it picks the year — the last December it
 * has shown — and the person-years are up to then, so that the end is not
 * told before it comes.
 */
export function renderHeadlines() {
  const box = $('#headlines');
  box.replaceChildren();
  const clock = store.reveal !== null && monthly() && store.clockYear !== null;
  const heads = clock ? store.clockHeadlines : store.results.headlines;
  for (let k = 1; k < store.state.scenarios.length && k < store.results.series.length; k++) {
    const h = heads?.[k - 1];
    if (!h) continue;
    const [from, to] = projectionYears(store.results.meta[k]);
    const lines = headlineLines(store.state.lang, h, [from, clock ? Math.min(to, store.clockYear) : to], store.workshop ? 'clock' : null);
    const why = store.workshop ? null : store.results.whys?.[k - 1];
    box.append(el('section', { class: 'headline', 'data-scenario': String(k), style: `border-color:${PALETTE[k % PALETTE.length]}` },
      el('h2', { text: `${scenarioName(k)} ${t().vsBaseline}` }),
      ...(store.workshop ? [] : [el('p', { class: 'headline-what', text: whatWords(store.state.lang, h) })]),
      el('ul', { class: 'headline-detail', 'data-scenario': String(k) }, ...lines.map((l) => el('li', { 'data-line': l.key, text: l.text }))),
      // What the scenario asks for that will not do what it seems to (the library's warnings, in the page's language).
      ...(store.results.meta[k]?.warnings ?? []).map((w) => el('p', { class: 'warning scenario-warning', text: store.state.lang === 'sv' ? w.sv : w.en })),
      ...(why ? [whyPanel(k, why, [from, to])] : [])));
  }
  const first = store.results.headlines?.[0];
  if (first && !store.workshop) box.append(headlineYear(first.year), el('p', { class: 'note', text: t().detail.note }));
  if (!store.results.partial && store.results.replications < ENOUGH_REPLICATIONS) {
    box.append(el('p', { class: 'warning', id: 'few-replications', text: t().fewReplications(store.results.replications, ENOUGH_REPLICATIONS) }));
  }
}

/**
 * "Varför? / Why?" under a scenario's headline: the library's effect
 * accounting of the pairs in words (www/src/headline.js `whyLines`); each
 * part carries its mean in `data-value`, so that a test can check that the
 * parts add up to the total.
 */
function whyPanel(k, why, years) {
  const lines = whyLines(store.state.lang, why, years);
  const item = (l) => el('li', { 'data-part': l.key, ...(l.value !== undefined ? { 'data-value': String(l.value) } : {}), text: l.text });
  return el('section', { class: 'why', 'data-scenario': String(k) },
    el('h3', { text: t().why.title }),
    el('p', { text: lines[0].text }),
    el('ul', { class: 'why-detail' }, ...lines.slice(1).map(item)));
}

/** Asks the worker for the headlines at the last December the clock has shown (once per year the clock passes). */
export async function followClock() {
  if (store.reveal === null || !store.results || store.results.partial) { store.clockYear = null; store.clockHeadlines = null; return; }
  const p = period(store.reveal, true);
  const year = p.month === 11 ? p.year : p.year - 1;
  const [from] = projectionYears(store.results.meta[0]);
  if (year === store.clockYear) return;
  store.clockYear = year;
  if (year < from) { store.clockHeadlines = null; renderHeadlines(); return; }
  const reply = await ask({ type: 'headline', year, until: year, keep: false });
  if (store.clockYear === year && store.reveal !== null) { store.clockHeadlines = reply.headlines; renderHeadlines(); }
}

/** The year the headline's "homeless persons in December" is for; changing it asks the worker again (a year outside the projection is refused at the field). */
export function headlineYear(year) {
  const [from, to] = projectionYears(store.results.meta[0]);
  const field = numberField(t().detail.year, String(year), yearRule(from, to), async (y) => {
    const reply = await ask({ type: 'headline', year: y });
    if (store.results && reply.headlines.length) { store.results.headlines = reply.headlines; renderHeadlines(); $('#headline-year')?.focus(); }
  }, { id: 'headline-year', labelClass: 'headline-year' });
  return field;
}
