// The dashboard page: starts the worker, reads the link, builds the page and
// runs the scenarios. Every number comes from the worker (the model in
// WebAssembly); the modules beside this one render. Text that comes from
// users or links is set with textContent, never as HTML.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { check, moveToProjection } from './state.js';
import { FileRefused, openScenarioFile } from './scenario-file.js';
import { movedWords, refusalWords } from './messages.js';
import { toHash, fromLink } from './link.js';
import { instrumentNotes } from './notes.js';
import { durationText } from './format.js';
import { dataYear, edit, firstYear, load, nationalMix, runKey, scenarioTexts, setRun, store, subscribe, t } from './store.js';
import { toggleLanguage } from './actions.js';
import { $, el, focusFirstField, showError } from './dom.js';
import { ask, post, startWorker } from './worker-client.js';
import { buildControls } from './editor.js';
import { CHARTS, SUMMARY } from './charts.js';
import { provenance } from './provenance.js';
import { announce } from './headline-view.js';
import { play, setReveal, speed } from './workshop.js';

/** The preset scenario files (scenarios/*.toml), as text: the baselines and their sources. */
export const PRESET_FILES = import.meta.glob('../../scenarios/*.toml', { query: '?raw', import: 'default', eager: true });

// The store tells this module when the model is ready and how the run goes
// (charts.js, headline-view.js, editor.js and size-warnings.js subscribe to what they draw).
subscribe('catalogue', () => start());
subscribe('scenarios', () => runAll());
subscribe('progress', () => { $('#progress').value = store.run.progress; });
subscribe('run', () => showRun());
startWorker();

/** Starts the page once the worker is ready: reads the presets and the link, builds the page, runs (or asks first). */
export async function start() {
  for (const text of Object.values(PRESET_FILES)) {
    const s = JSON.parse((await ask({ type: 'normalise', text })).json);
    const id = store.catalogue.presets.find((p) => p.name === s.preset || p.id === s.preset)?.id ?? s.preset;
    store.presetScenarios[id] = s;
    store.presetNotes[id] = instrumentNotes(text);
  }
  let linkError = '';
  let refused = false;
  let detail = '';
  if (location.hash) {
    try {
      load(await fromLink(location.hash, store.catalogue));
    } catch (e) {
      const words = refusalWords(e);
      linkError = `${t().errors.badLink}: ${words.text}`;
      detail = words.detail;
      refused = true;
    }
    const notes = moveToProjection(store.state, dataYear());
    if (notes.length && !linkError) [linkError, detail] = [`${t().moved}: ${notes.map(movedWords).join('; ')}`, notes.map((n) => n.text).join('; ')];
  }
  buildStatic();
  buildControls();
  if (refused) {
    // The default runs, and the refused link stays in the address bar beside its message, to be corrected.
    runAll({ keepAddress: true });
  } else {
    const seconds = location.hash ? await estimateSeconds() : 0;
    if (seconds > HEAVY_SECONDS) askFirst(seconds); else runAll();
  }
  showError(linkError, detail); // after runAll, which clears old messages
}

/** A link whose run would take longer than this (estimated, seconds) shows the estimate and waits for "Kör". */
export const HEAVY_SECONDS = 60;
/**
 * Nanoseconds per household-month of the model in WebAssembly on an
 * ordinary laptop, for that estimate: README "Speed" measures 36–50 ns
 * natively and WebAssembly about 1.3 times that; rounded up.
 */
export const WASM_NS_PER_HOUSEHOLD_MONTH = 80;

/** How long the page's run would take, in seconds (the library counts its household-months; 0 if it cannot read them). */
export async function estimateSeconds() {
  try {
    return ((await ask({ type: 'estimate', scenarios: scenarioTexts() })).householdMonths * WASM_NS_PER_HOUSEHOLD_MONTH) / 1e9;
  } catch {
    return 0; // the run itself will say what is wrong
  }
}

/** A heavy link: the estimate and a "Kör" button; nothing runs until it is pressed. */
export function askFirst(seconds) {
  const box = $('#heavy');
  box.replaceChildren(el('p', { text: t().heavy(durationText(store.state.lang, seconds)) }),
    el('button', { id: 'heavy-run', type: 'button', text: t().run, onclick: () => runAndShow() }));
  box.hidden = false;
  setRun('waiting');
  $('#heavy-run').focus();
}

/** The run's state in the page: Run and Cancel, the status line, the progress bar and the body's `data-state` (for the style and the tests). */
export function showRun() {
  const { state } = store.run;
  const on = state === 'running';
  $('#run').disabled = on;
  $('#run-phone').disabled = on;
  $('#cancel').disabled = !on;
  $('#status').textContent = statusText(state);
  if (state === 'done') $('#progress').value = 1;
  document.body.dataset.state = state;
}

/** The status line for a run's state, in the page's language. */
function statusText(state) {
  return { running: t().running, done: t().done, cancelled: t().cancelled }[state] ?? '';
}

/** Runs the page's scenarios; `keepAddress` leaves the address bar as it is (a refused link stays there). */
export function runAll({ keepAddress = false } = {}) {
  showError('');
  $('#heavy').hidden = true;
  const id = `run${++store.runId}`;
  if (store.currentRun) post({ type: 'cancel', id: store.currentRun });
  store.currentRun = id;
  store.results = null;
  const scenarios = scenarioTexts();
  store.ranKey = runKey();
  if (!keepAddress) history.replaceState(null, '', toHash(store.state));
  setRun('running');
  post({ type: 'run', id, scenarios, outputs: [...CHARTS, ...SUMMARY] });
}

/** The page's fixed texts in its language. */
export function buildStatic() {
  document.documentElement.lang = store.state.lang;
  // Which code made these numbers: the same version and commit as `hemma --version`.
  $('#version').textContent = provenance();
  document.title = t().title;
  $('#title').textContent = t().title;
  $('#subtitle').textContent = t().subtitle;
  $('#lang').textContent = store.state.lang === 'sv' ? 'English' : 'Svenska';
  $('#run').textContent = t().run;
  $('#run-phone').textContent = t().run;
  $('#edit-phone').textContent = store.editing ? t().hideEditor : t().showEditor;
  $('#cancel').textContent = t().cancel;
  $('#share').textContent = t().share;
  $('#export').textContent = t().exportToml;
  $('#import-label').textContent = t().importToml;
  $('#cli').textContent = t().copyCli;
  const workshopOn = store.workshop;
  $('#workshop').textContent = workshopOn ? t().workshopOn : t().workshopOff;
  $('#speed-label').textContent = t().speed;
  $('#speed-unit').textContent = t().monthsPerSecond;
  $('#show-qr').textContent = t().showQr;
  $('#close-qr').textContent = t().closeQr;
  $('#qr-view-note').textContent = t().qrNote;
  $('#more-charts-label').textContent = t().moreCharts;
  $('#technical-label').textContent = t().technical;
  $('#from-2020-label').textContent = t().from2020;
  // Names for screen readers, in the page's language too.
  const a = t().aria;
  $('header nav').setAttribute('aria-label', a.view);
  $('aside').setAttribute('aria-label', a.scenario);
  $('#progress').setAttribute('aria-label', a.progress);
  $('#share-url').setAttribute('aria-label', a.link);
  $('#cli-text').setAttribute('aria-label', a.cli);
  $('#qr').setAttribute('aria-label', a.qr);
  $('#qr-big').setAttribute('aria-label', a.qr);
  $('#heavy').setAttribute('aria-label', a.heavy);
  $('.skip').textContent = a.skip;
  $('#headlines').setAttribute('aria-label', t().results);
  // A page opened from a file has no link anyone else can open: no QR code.
  const local = location.protocol === 'file:';
  $('#show-qr').hidden = local;
  $('.take-home').hidden = local;
  $('#play').textContent = store.playing ? t().pause : t().play;
  $('#step').textContent = t().step;
  $('#step-year').textContent = t().stepYear;
  $('#note').textContent = `${t().bandsNote} ${t().historyNote(firstYear(), dataYear() - 1)} ${t().countsNote}`;
  $('#status').textContent = statusText(store.run.state);
}

/**
 * "Kör": runs, and takes the user to the results — a phone's editor closes,
 * and focus and scroll go to the headline (Kör itself is disabled while it
 * runs, which would drop focus to the page's start).
 */
export function runAndShow() {
  runAll();
  if (store.editing) setEditing(false);
  $('#headlines').focus({ preventScroll: true });
  pinned = true;
  showHeadline();
}

/**
 * Whether the headline is kept at the top of the screen while the run
 * after "Kör" draws (the results above a chart grow as they arrive, and the
 * browser would keep the chart in place instead); until the user scrolls.
 */
let pinned = false;

/** Scrolls the headline to the top of the screen while it is pinned. */
function showHeadline() {
  if (pinned) $('#headlines').scrollIntoView({ block: 'start' });
}

subscribe('results', showHeadline);
subscribe('run', () => { showHeadline(); if (store.run.state !== 'running') pinned = false; });
for (const type of ['wheel', 'touchmove', 'keydown']) window.addEventListener(type, () => { pinned = false; }, { passive: true });

$('#run').addEventListener('click', runAndShow);
// A phone: the results first; the editor folds away behind the sticky bar's "Redigera".
$('#run-phone').addEventListener('click', runAndShow);

/** Opens or closes the editor on a phone (the body's class `editing`). */
export function setEditing(on) {
  store.editing = on;
  document.body.classList.toggle('editing', on);
  $('#edit-phone').setAttribute('aria-expanded', String(on));
  $('#edit-phone').textContent = on ? t().hideEditor : t().showEditor;
}

$('#edit-phone').addEventListener('click', () => {
  setEditing(!store.editing);
  if (store.editing) focusFirstField($('#controls'));
});

$('#cancel').addEventListener('click', () => { if (store.currentRun) post({ type: 'cancel', id: store.currentRun }); });

$('#lang').addEventListener('click', () => {
  edit(toggleLanguage);
  history.replaceState(null, '', toHash(store.state));
  buildStatic();
  buildControls();
  store.workshopTrim = 0; // titles and legends wrap differently in the other language
  setReveal(store.reveal); // redraws, with the workshop clock in the new language
  // The live region speaks the page's language: the last announcement again, in it.
  if (store.run.state === 'done') announce();
});

$('#share').addEventListener('click', async () => {
  history.replaceState(null, '', toHash(store.state));
  try { await navigator.clipboard.writeText(location.href); } catch { /* clipboard may be unavailable; the address bar holds the link */ }
  $('#share-url').value = location.href;
  $('#status').textContent = t().copied;
});

$('#import').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  try {
    const text = await file.text();
    const s = JSON.parse((await ask({ type: 'normalise', text })).json);
    const next = openScenarioFile(s, { state: store.state, catalogue: store.catalogue, presetScenarios: store.presetScenarios, nationalMix: nationalMix(), firstYear: firstYear() });
    load(check(next, store.catalogue));
    const notes = moveToProjection(store.state, dataYear());
    buildControls();
    runAll();
    if (notes.length) showError(`${t().moved}: ${notes.map(movedWords).join('; ')}`, notes.map((n) => n.text).join('; '));
  } catch (err) {
    // Refused by the page (what it cannot show, or a field out of range), or not read by the model (its message folded).
    if (err instanceof FileRefused) showError(`${file.name}: ${t()[err.key]}`);
    else if (err.field !== undefined) showError(`${file.name}: ${refusalWords(err).text}`, err.message);
    else showError(t().fileNotRead(file.name), err.message);
  }
  e.target.value = '';
});
