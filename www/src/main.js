// The dashboard page: controls, charts and sharing. Every number comes from
// the worker (the model in WebAssembly); this file only renders. Text that
// comes from users or links is set with textContent, never as HTML.
import uPlot from 'uplot';
import QRCode from 'qrcode';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { TEXT, INSTRUMENT_LABELS, SETTING_LABELS, UNIT_LABELS, OPTION_LABELS, DRIVER_LABELS } from './i18n.js';
import { makeWorker } from './make-worker.js';
import { fmt as fmtIn, signed as signedIn, plain, parseNumber, csvCell, durationText } from './format.js';
import { headlineLines, projectionYears } from './headline.js';
import { placeValidation, fitText } from './validation.js';
import { instrumentNotes } from './notes.js';
import VALIDATION from '../../docs/validation.json';
import { defaultState, toHash, fromHash, check, scenarioJson, settingsOf, defaultOf, checkSetting, MAX_SCENARIOS, MAX_INSTRUMENTS,
  defaultPlace, checkPlaceField, customBase, moveToProjection, MAX_CONDITIONS, driverLevel, pctRange, COUNTS } from './state.js';

const PRESET_FILES = import.meta.glob('../../scenarios/*.toml', { query: '?raw', import: 'default', eager: true });
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00']; // Okabe–Ito: colour-blind safe
const CHARTS = ['homeless_per_10k', 'sit1_per_10k', 'sit3_per_10k', 'sit4_per_10k', 'executed_evictions_per_10k',
  'payment_orders_per_1000_rentals', 'n_social_contracts', 'n_housing_first_tenancies', 'cost_total_sek', 'n_homeless_families',
  'n_homeless_single_adults', 'n_homeless_young_adults', 'n_homeless_newly_arrived', 'n_homeless_violence_exposed', 'n_homeless_support_needs'];
const SUMMARY = ['cum_executed_evictions'];
/**
 * The charts shown first, most important first (differences from the
 * baseline lead when there are alternatives); the rest fold under "Fler
 * diagram". The workshop view shows the first four of these.
 */
const FIRST_CHARTS = ['diff-homeless_per_10k', 'diff-executed_evictions_per_10k', 'homeless_per_10k', 'executed_evictions_per_10k', 'cost_total_sek'];
const WORKSHOP_CHARTS = 4;
/** Height of a footer line of a PNG export, in CSS pixels. */
const PNG_FOOTER_LINE_PX = 20;
const DIFFERENCES = ['homeless_per_10k', 'executed_evictions_per_10k'];

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
};

let catalogue = null;
let state = defaultState();
let presetScenarios = {}; // preset id -> normalised scenario object
let presetNotes = {}; // preset id -> the comment above each of its instruments (where it comes from)
let results = null; // last update from the worker
let runId = 0;
let charts = {};
let reveal = null; // workshop mode: the clock, the last month shown from the scenario start (null: all)
let playing = null;

let worker = null;
const pending = new Map();
const ask = (msg) => new Promise((resolve, reject) => {
  const id = `q${++runId}`;
  pending.set(id, { resolve, reject });
  worker.postMessage({ ...msg, id });
});

/** Starts the simulation worker (again, after an internal error). */
function startWorker() {
  worker = makeWorker();
  worker.onmessage = onWorkerMessage;
  worker.onerror = (e) => { showError(`${TEXT[state.lang].errors.worker}: ${e.message}`); setRunning(false, 'error'); };
}

const t = () => TEXT[state.lang];
const fmt = (x, digits = 1) => fmtIn(state.lang, x, digits);
const signed = (x, digits = 1) => signedIn(state.lang, x, digits);
/** Fewer replications than this make intervals too unsure to decide on: the page warns. */
const ENOUGH_REPLICATIONS = 10;

function showError(message) {
  const box = $('#error');
  box.textContent = message;
  box.hidden = !message;
}

/**
 * Marks `input` as refused, with `message` beside it (announced to screen
 * readers); the scenario keeps its last good value, and the results are
 * marked as the previous run's until the field is corrected.
 */
function refuse(input, message) {
  input.setAttribute('aria-invalid', 'true');
  const holder = input.closest('label') ?? input;
  let note = holder.nextElementSibling?.classList.contains('field-error') ? holder.nextElementSibling : null;
  if (!note) {
    note = el('p', { class: 'field-error', id: `err-${input.id || ++runId}`, role: 'alert' });
    holder.after(note);
  }
  note.textContent = message;
  input.setAttribute('aria-describedby', note.id);
  markStale();
}

/** Clears a refusal of `input` (its value was accepted). */
function accept(input) {
  input.removeAttribute('aria-invalid');
  input.removeAttribute('aria-describedby');
  const holder = input.closest('label') ?? input;
  if (holder.nextElementSibling?.classList.contains('field-error')) holder.nextElementSibling.remove();
  markStale();
}

/** While a field holds a refused value, the results shown are the previous run's: say so and grey them. */
function markStale() {
  const stale = document.querySelector('#controls [aria-invalid="true"]') !== null;
  document.body.classList.toggle('stale', stale);
  $('#stale').hidden = !stale;
  $('#stale').textContent = stale ? t().stale : '';
}

function onWorkerMessage(e) {
  const m = e.data;
  if (m.type === 'ready') { if (!catalogue) { catalogue = m.catalogue; start(); } return; }
  if (m.type === 'error' && m.internal) { internalError(m.message); return; }
  if (pending.has(m.id)) {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.type === 'error') p.reject(new Error(m.message)); else p.resolve(m);
    return;
  }
  if (m.id !== currentRun) return;
  if (m.type === 'progress') { $('#progress').value = m.done / m.total; return; }
  if (m.type === 'update') { results = m; render(); return; }
  // A kept history is not simulated again, so the count of months falls short: done is done.
  if (m.type === 'done') { $('#progress').value = 1; announce(); }
  if (m.type === 'done' || m.type === 'cancelled') { setRunning(false, m.type); return; }
  if (m.type === 'error') { setRunning(false, 'error'); showError(`${t().errors.worker}: ${m.message}`); }
}

/** Says once per finished run (not per replication) that it is done, with the first scenario's headline line. */
function announce() {
  const h = results?.headlines?.[0];
  const line = h ? headlineLines(state.lang, h, projectionYears(results.meta[1]), 'year')[0].text : '';
  $('#announce').textContent = h ? t().announce(scenarioName(1), line) : t().announceDone;
}

/**
 * The model panicked: show its message, fail what was waiting, and replace
 * the worker — a trapped WebAssembly instance is not reused. The charts of
 * the last good run stay; Run works again at once.
 */
function internalError(message) {
  showError(`${t().errors.internal}: ${message}`);
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
  currentRun = null;
  setRunning(false, 'error');
  worker.terminate();
  if (catalogue) startWorker(); // a worker that never started would fail again
}

/**
 * For the browser tests: each chart's width, unit, scale ranges (seconds;
 * the y axis's values), number of year ticks, axis font and the times of
 * the instrument lines it draws.
 */
window.hemmaCharts = () => Object.fromEntries(Object.entries(charts).map(([id, c]) => [id, {
  width: c.plot?.width ?? 0, unit: c.unit, x: [c.plot?.scales.x.min, c.plot?.scales.x.max], y: [c.plot?.scales.y.min, c.plot?.scales.y.max],
  ticks: c.ticks?.length ?? 0, axisFont: c.axisFont ?? '', events: events().map((e) => e.t),
}]));

/** For the browser tests: makes the model panic on purpose (see `panic_on_purpose` in crate/wasm.rs). */
window.hemmaSelfTest = () => ask({ type: 'panic', message: 'self-test of the internal-error path' });

startWorker();

async function start() {
  for (const text of Object.values(PRESET_FILES)) {
    const s = JSON.parse((await ask({ type: 'normalise', text })).json);
    const id = catalogue.presets.find((p) => p.name === s.preset || p.id === s.preset)?.id ?? s.preset;
    presetScenarios[id] = s;
    presetNotes[id] = instrumentNotes(text);
  }
  let linkError = '';
  let refused = false;
  if (location.hash) {
    try { state = fromHash(location.hash, catalogue); } catch (e) { linkError = `${TEXT[state.lang].errors.badLink}: ${e.message}`; refused = true; }
    const notes = moveToProjection(state, dataYear());
    if (notes.length && !linkError) linkError = `${TEXT[state.lang].moved}: ${notes.join('; ')}`;
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
  showError(linkError); // after runAll, which clears old messages
}

/** A link whose run would take longer than this (estimated, seconds) shows the estimate and waits for "Kör". */
const HEAVY_SECONDS = 60;
/**
 * Nanoseconds per household-month of the model in WebAssembly on an
 * ordinary laptop, for that estimate: README "Speed" measures 36–50 ns
 * natively and WebAssembly about 1.3 times that; rounded up.
 */
const WASM_NS_PER_HOUSEHOLD_MONTH = 80;

/** The scenario files of the page's state, the baseline first, as the worker runs them. */
function scenarioTexts() {
  const base = baseScenario();
  return state.scenarios.map((_, i) => scenarioJson(state, i, base, scenarioName(i), dataYear(), levels()));
}

/** How long the page's run would take, in seconds (the library counts its household-months; 0 if it cannot read them). */
async function estimateSeconds() {
  try {
    return ((await ask({ type: 'estimate', scenarios: scenarioTexts() })).householdMonths * WASM_NS_PER_HOUSEHOLD_MONTH) / 1e9;
  } catch {
    return 0; // the run itself will say what is wrong
  }
}

/** A heavy link: the estimate and a "Kör" button; nothing runs until it is pressed. */
function askFirst(seconds) {
  const box = $('#heavy');
  box.replaceChildren(el('p', { text: t().heavy(durationText(state.lang, seconds)) }),
    el('button', { id: 'heavy-run', type: 'button', text: t().run, onclick: () => runAll() }));
  box.hidden = false;
  document.body.dataset.state = 'waiting';
  $('#heavy-run').focus();
}

/** The projection's first year (January): the current year of the model's data. */
const dataYear = () => catalogue.data_year;
/** The first year of every run: the observed start. */
const firstYear = () => catalogue.history_start_year;

/** The baseline scenario: the preset's scenario file, or a custom place's. */
function baseScenario() {
  return state.preset === 'custom' ? customBase(state.place, nationalMix()) : presetScenarios[state.preset];
}

/** Each driver's level in the data year at the place shown (a custom place: the country's), by driver name. */
function levels() {
  return Object.fromEntries(catalogue.drivers.map((d) => [d.name, driverLevel(d, state.preset)]));
}

/** The national preset's scenario and population: a custom place's baseline is its instrument mix, scaled. */
function nationalMix() {
  return { scenario: presetScenarios.sverige, population: catalogue.presets.find((p) => p.id === 'sverige').population };
}

/** The place shown: a preset from the catalogue, or the custom place as the model would read it. */
function placeInfo() {
  if (state.preset !== 'custom') return catalogue.presets.find((p) => p.id === state.preset);
  return null;
}

let currentRun = null;
function setRunning(on, how) {
  $('#run').disabled = on;
  $('#run-phone').disabled = on;
  $('#cancel').disabled = !on;
  $('#status').textContent = on ? t().running : how === 'done' ? t().done : how === 'cancelled' ? t().cancelled : '';
  document.body.dataset.state = on ? 'running' : how;
}

/** Runs the page's scenarios; `keepAddress` leaves the address bar as it is (a refused link stays there). */
function runAll({ keepAddress = false } = {}) {
  showError('');
  $('#heavy').hidden = true;
  const id = `run${++runId}`;
  if (currentRun) worker.postMessage({ type: 'cancel', id: currentRun });
  currentRun = id;
  results = null;
  const scenarios = scenarioTexts();
  if (!keepAddress) history.replaceState(null, '', toHash(state));
  setRunning(true);
  worker.postMessage({ type: 'run', id, scenarios, outputs: [...CHARTS, ...SUMMARY] });
}

// ---------------------------------------------------------------- controls

function buildStatic() {
  document.documentElement.lang = state.lang;
  // Which code made these numbers: the same version and commit as `hemma --version`.
  $('#version').textContent = provenance();
  document.title = t().title;
  $('#title').textContent = t().title;
  $('#subtitle').textContent = t().subtitle;
  $('#lang').textContent = state.lang === 'sv' ? 'English' : 'Svenska';
  $('#run').textContent = t().run;
  $('#run-phone').textContent = t().run;
  $('#edit-phone').textContent = document.body.classList.contains('editing') ? t().hideEditor : t().showEditor;
  $('#cancel').textContent = t().cancel;
  $('#share').textContent = t().share;
  $('#export').textContent = t().exportToml;
  $('#import-label').textContent = t().importToml;
  $('#cli').textContent = t().copyCli;
  const workshopOn = document.body.classList.contains('workshop');
  $('#workshop').textContent = workshopOn ? t().workshopOn : t().workshopOff;
  $('#speed-label').textContent = t().speed;
  $('#speed-unit').textContent = t().monthsPerSecond;
  $('#show-qr').textContent = t().showQr;
  $('#close-qr').textContent = t().closeQr;
  $('#qr-view-note').textContent = t().qrNote;
  $('#more-charts-label').textContent = t().moreCharts;
  // A page opened from a file has no link anyone else can open: no QR code.
  const local = location.protocol === 'file:';
  $('#show-qr').hidden = local;
  $('.take-home').hidden = local;
  $('#play').textContent = playing ? t().pause : t().play;
  $('#step').textContent = t().step;
  $('#step-year').textContent = t().stepYear;
  $('#note').textContent = `${t().bandsNote} ${t().historyNote(firstYear(), dataYear() - 1)}`;
  const st = document.body.dataset.state;
  $('#status').textContent = st === 'running' ? t().running : st === 'done' ? t().done : st === 'cancelled' ? t().cancelled : '';
}

function numberInput(label, value, onchange, attrs = {}) {
  const id = `in${++runId}`;
  return el('label', { for: id }, el('span', { text: label }), el('input', { id, type: 'number', value, onchange: (e) => onchange(e.target.value), ...attrs }));
}

function buildControls() {
  const box = $('#controls');
  box.replaceChildren();
  const select = el('select', { id: 'preset', onchange: (e) => {
    state.preset = e.target.value;
    if (state.preset === 'custom') state.place = state.place ?? defaultPlace(); else delete state.place;
    state.scenarios = [{ name: '', instruments: [] }, ...state.scenarios.slice(1)];
    buildControls();
    runAll();
  } });
  for (const p of catalogue.presets) select.append(el('option', { value: p.id, text: p.name, selected: p.id === state.preset }));
  select.append(el('option', { value: 'custom', text: t().customPlace, selected: state.preset === 'custom' }));
  box.append(el('label', { for: 'preset' }, el('span', { text: t().municipality }), select));
  if (state.preset === 'custom') box.append(placeForm());
  box.append(placeSummary());
  box.append(numberInput(t().years, state.years, (v) => { state.years = clampInt(v, 1, 50, state.years); buildControls(); runAll(); }, { min: 1, max: 50, id: 'years' }));
  box.append(numberInput(t().replications, state.replications, (v) => { state.replications = clampInt(v, 1, 100, state.replications); buildControls(); runAll(); }, { min: 1, max: 100, id: 'replications' }));
  if (state.replications < ENOUGH_REPLICATIONS) box.append(el('p', { class: 'warning', text: t().fewReplications(state.replications, ENOUGH_REPLICATIONS) }));
  state.scenarios.forEach((s, i) => box.append(scenarioCard(s, i)));
  if (state.scenarios.length < MAX_SCENARIOS) {
    box.append(el('button', { id: 'add-scenario', type: 'button', text: t().addScenario, onclick: () => {
      state.scenarios.push({ name: `Scenario ${state.scenarios.length}`, instruments: [] });
      buildControls();
      focusFirstField(cardOf(state.scenarios.length - 1));
    } }));
  }
}

/** A field's label in the page's language. */
const placeLabel = (name) => t().placeFields[name] ?? name;

/**
 * "Egen kommun / Your own municipality": the fields of a place file, each
 * checked against its range; what is left empty takes the national value
 * (shown as the placeholder) and is flagged as such below the form.
 */
function placeForm() {
  const place = state.place;
  const box = el('fieldset', { class: 'place', id: 'place-form' }, el('legend', { text: t().customPlace }));
  const nameId = `in${++runId}`;
  box.append(el('label', { for: nameId }, el('span', { text: placeLabel('name') }),
    el('input', { id: nameId, type: 'text', value: place.name, maxlength: 80, 'data-field': 'name', onchange: (e) => {
      if (e.target.value.trim() === '') { refuse(e.target, `${placeLabel('name')}: ${t().required}`); return; }
      accept(e.target);
      place.name = e.target.value;
      buildControls();
      runAll();
    } })));
  for (const f of catalogue.place_fields) {
    const id = `in${++runId}`;
    const national = f.national === null || f.national === undefined ? t().nationalRate : `${fmt(f.national, 2)} (${t().national})`;
    // Text with a decimal keyboard, so that a decimal comma is accepted (a number field refuses it).
    const input = el('input', { id, type: 'text', inputmode: f.name === 'population' ? 'numeric' : 'decimal', value: place[f.name] === undefined ? '' : f.name === 'population' ? String(place[f.name]) : plain(state.lang, place[f.name]),
      placeholder: f.required ? undefined : national, required: f.required, 'data-field': f.name,
      onchange: (e) => {
        const raw = e.target.value;
        const v = parseNumber(raw);
        const problem = Number.isNaN(v) ? 'nan' : checkPlaceField(f, v);
        if (problem) {
          const allowed = `${t().allowed} ${fmt(f.min, 6)} ${t().to} ${fmt(f.max, 6)} ${f.unit}`;
          refuse(e.target, `${placeLabel(f.name)} = ${raw || '—'}: ${problem === 'required' ? t().required : problem === 'nan' ? `${t().notANumber}; ${allowed}` : allowed}`);
          return;
        }
        const next = { ...place };
        if (v === undefined) delete next[f.name]; else next[f.name] = v;
        const sum = next.rental_share_pct + next.coop_share_pct + next.owner_share_pct;
        if (Math.abs(sum - 100) > 2) {
          refuse(e.target, `${t().tenureSum} (${fmt(sum, 1)})`);
          return;
        }
        accept(e.target);
        state.place = next;
        buildControls();
        runAll();
      } });
    box.append(el('label', { for: id }, el('span', { text: placeLabel(f.name) }), input, el('span', { class: 'unit', text: f.unit })));
  }
  return box;
}

/**
 * What the page knows about the place: its count and covariates, each
 * flagged where the national value stands in for a missing one.
 */
function placeSummary() {
  const p = placeInfo();
  const box = el('div', { class: 'place-summary', id: 'place-summary' });
  if (p) {
    box.append(el('p', { text: `${t().observedCount}: ${fmt(p.homeless_per_10k, 0)} ${t().per10k}` }));
    const national = Object.entries(p.covariates).filter(([, c]) => c.flag === 'national').map(([k]) => placeLabel(k));
    const own = Object.entries(p.covariates).filter(([, c]) => c.flag !== 'national')
      .map(([k, c]) => `${placeLabel(k)} ${fmt(c.value, 2)} (${c.year}${c.flag === 'observed' ? '' : `, ${t().flags[c.flag] ?? c.flag}`})`);
    if (own.length) box.append(el('p', { text: `${t().ownValues}: ${own.join('; ')}` }));
    if (national.length) box.append(el('p', { class: 'national', 'data-national': national.length, text: `${t().nationalFor}: ${national.join(', ')}` }));
    const v = placeValidation(VALIDATION, state.preset);
    if (v) box.append(fitBox(v));
  } else {
    box.append(el('p', { class: 'fit', id: 'fit', text: t().noValidation }));
    const missing = catalogue.place_fields.filter((f) => !f.required && state.place[f.name] === undefined).map((f) => placeLabel(f.name));
    if (missing.length) box.append(el('p', { class: 'national', 'data-national': missing.length, text: `${t().nationalFor}: ${missing.join(', ')}` }));
  }
  return box;
}

/**
 * "Hur väl stämmer modellen?": the place's validation (docs/validation.json,
 * from `hemma validate-report`) — a line in words, every target in a table.
 */
function fitBox(v) {
  const f = fitText(state.lang, v, `${VALIDATION.version}, ${VALIDATION.replications} ${t().replications.toLowerCase()}`);
  const table = el('table', { class: 'fit-table' },
    el('thead', {}, el('tr', {}, ...f.columns.map((c) => el('th', { scope: 'col', text: c })))),
    el('tbody', {}, ...f.rows.map((r) => el('tr', { 'data-target': r.id, 'data-meets': String(r.meets), title: r.source }, ...r.cells.map((c) => el('td', { text: c }))))));
  return el('div', { class: 'fit', id: 'fit' }, el('h3', { text: f.title }), el('p', { text: f.summary }),
    el('details', {}, el('summary', { text: t().allTargets }), el('div', { class: 'scroll' }, table), el('p', { class: 'fine', text: f.more })));
}

function clampInt(v, lo, hi, fallback) {
  const x = Math.round(Number(v));
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : fallback;
}

function scenarioCard(s, i) {
  const colour = PALETTE[i % PALETTE.length];
  const card = el('fieldset', { class: 'scenario', style: `border-color:${colour}`, 'data-index': i });
  if (i === 0) {
    card.append(el('legend', { text: scenarioName(0) }));
    const base = baseScenario();
    const notes = state.preset === 'custom' ? [] : presetNotes[state.preset] ?? [];
    const list = el('ul', { class: 'preset-instruments' });
    base.instruments.forEach((inst, k) => {
      const size = sizeText(inst);
      list.append(el('li', { 'data-kind': inst.kind }, el('strong', { text: instrumentName(inst, base.instruments) }), size ? el('span', { class: 'size', text: `: ${size}` }) : null,
        notes[k] ? el('details', { class: 'source' }, el('summary', { text: t().source }), el('p', { text: notes[k] })) : null));
    });
    if (state.preset === 'custom') list.append(el('li', { class: 'fine', text: t().nationalMix }));
    card.append(list);
    card.append(el('p', { class: 'fine', text: t().recordedGoOn(dataYear()) }));
    if (baselineChanged()) {
      // A link may change the baseline itself: shown, editable and removable, never hidden.
      card.append(el('p', { class: 'warning', id: 'changed-baseline', text: t().changedBaselineNote }));
      s.instruments.forEach((inst, j) => card.append(instrumentEditor(s, inst, j)));
      (s.conditions ?? []).forEach((c, k) => card.append(conditionEditor(s, c, k)));
    }
    return card;
  }
  const name = el('input', { type: 'text', value: s.name, maxlength: 80, 'aria-label': t().scenarioName, onchange: (e) => { s.name = e.target.value; runAll(); } });
  card.append(el('legend', {}, name));
  s.instruments.forEach((inst, j) => card.append(instrumentEditor(s, inst, j)));
  if (s.instruments.length < MAX_INSTRUMENTS) {
    card.append(addPicker('add-instrument', t().addInstrument, catalogue.instruments.map((d) => d.kind), INSTRUMENT_LABELS, (kind) => {
      // The baseline has one already: ask whether to change its level or add on top.
      if (baseScenario().instruments.some((b) => b.kind === kind)) { choosing = { scenario: i, kind }; return false; }
      addOnTop(s, kind);
      return true;
    }, () => [...(cardOf(i)?.querySelectorAll('.instrument') ?? [])].at(-1)));
    if (choosing?.scenario === i) card.append(baseChoice(s, i, choosing.kind));
  }
  s.conditions ??= [];
  s.conditions.forEach((c, k) => card.append(conditionEditor(s, c, k)));
  if (s.conditions.length < MAX_CONDITIONS) {
    card.append(addPicker('add-condition', t().addCondition, catalogue.drivers.map((d) => d.name), DRIVER_LABELS, (driver) => {
      s.conditions.push({ driver, from: dataYear() + 1, pct: 100 });
      return true;
    }, () => [...(cardOf(i)?.querySelectorAll('.condition') ?? [])].at(-1)));
  }
  card.append(el('button', { type: 'button', class: 'remove', text: t().removeScenario, onclick: () => { state.scenarios.splice(i, 1); buildControls(); runAll(); } }));
  return card;
}

/**
 * A list to add one of `names` (shown with their `labels` in the page's
 * language) to a scenario, and an explicit "Lägg till" button: choosing in
 * the list (with arrow keys too) does nothing by itself. `add(name)` adds
 * it; the controls are rebuilt and focus moves to the first field of what
 * was added (`added()` finds it).
 */
function addPicker(cls, label, names, labels, add, added) {
  const pick = el('select', { class: cls, 'aria-label': label });
  pick.append(el('option', { value: '', text: `${label}…` }));
  for (const name of names) pick.append(el('option', { value: name, text: labels[state.lang][name] ?? name }));
  const button = el('button', { type: 'button', class: `${cls}-button`, text: t().add, 'aria-label': `${t().add}: ${label}`, onclick: () => {
    if (!pick.value) { pick.focus(); return; }
    const done = add(pick.value);
    buildControls();
    // Added: its first field; not yet (a question to answer first): the question.
    focusFirstField(done ? added() : document.querySelector('.base-choice'));
  } });
  return el('div', { class: 'add-picker' }, pick, button);
}

/** The open question "change the baseline's level or add on top?": scenario and kind, or null. */
let choosing = null;

/** Adds an instrument of `kind` to scenario `s` from next year, at its defaults, on top of the baseline's. */
function addOnTop(s, kind) {
  // A choice the model requires is written out with its first option.
  const settings = {};
  for (const row of settingsOf(catalogue, kind)) if (row.type === 'choice' && row.default === null) settings[row.name] = row.options[0];
  s.instruments.push({ kind, start: dataYear() + 1, end: null, settings });
}

/** Whether baseline instrument `b` (a flat config) and scenario instrument `inst` are the same scheme (crate: `same_instrument`). */
const sameInstrument = (b, inst) => b.kind === inst.kind && (b.kind !== 'rent_guarantee' || b.guarantee_kind === (inst.settings.guarantee_kind ?? 'assistance'));

/** Settings of a baseline instrument as a scenario instrument's (no window, no stock in force: the history left that). */
function settingsFrom(b) {
  const out = {};
  for (const row of settingsOf(catalogue, b.kind)) if (b[row.name] !== undefined && b[row.name] !== null && !row.name.endsWith('_in_force')) out[row.name] = b[row.name];
  return out;
}

/**
 * An addition that cannot change anything: social assistance accepted as
 * income by landlords the baseline's already covers (the first override
 * decides; checked: identical fingerprints with and without it).
 */
function addsNothing(b, inst) {
  if (inst.kind !== 'assistance_as_income' || b.kind !== inst.kind) return false;
  const on = inst.settings.landlords ?? 'public';
  return b.landlords === 'all' || b.landlords === on;
}

/**
 * "Nuläget har redan …": the baseline's instruments of `kind` with their
 * sizes, and the choice — change one's level from the projection's start
 * (the model continues it: same stock, new settings) or add on top.
 */
function baseChoice(s, i, kind) {
  const base = baseScenario().instruments;
  const same = base.filter((b) => b.kind === kind);
  const box = el('div', { class: 'base-choice', role: 'group', 'aria-label': t().baseHas, tabindex: '-1' });
  box.append(el('p', { text: `${t().baseHas}: ${same.map((b) => `${instrumentName(b, base)} (${sizeText(b) || '—'})`).join('; ')}. ${t().changeOrAdd(dataYear())}` }));
  for (const b of same) {
    box.append(el('button', { type: 'button', class: 'change-level', text: `${t().changeLevel}: ${instrumentName(b, base)}`, onclick: () => {
      s.instruments.push({ kind, start: dataYear(), end: null, settings: settingsFrom(b) });
      choosing = null;
      buildControls();
      focusFirstField([...(cardOf(i)?.querySelectorAll('.instrument') ?? [])].at(-1));
      runAll();
    } }));
  }
  box.append(el('button', { type: 'button', class: 'add-on-top', text: t().addOnTop, onclick: () => {
    addOnTop(s, kind);
    choosing = null;
    buildControls();
    focusFirstField([...(cardOf(i)?.querySelectorAll('.instrument') ?? [])].at(-1));
  } }), el('button', { type: 'button', class: 'cancel-choice', text: t().cancel, onclick: () => { choosing = null; buildControls(); cardOf(i)?.querySelector('select.add-instrument')?.focus(); } }));
  return box;
}

/** A setting's value in words with its unit: "24 kontrakt/år", shares as percentages ("10 %"). */
function valueText(row, v) {
  if (row.unit === 'share') return `${fmt(v * 100, 1)}${state.lang === 'sv' ? ' %' : '%'}`;
  return `${fmt(v, 2)} ${row.unit ? unitLabel(row.unit) : ''}`.trim();
}

/**
 * An instrument's size in words: up to two of its settings that count
 * something or are shares ("Nya kontrakt per år: 24 kontrakt/år, Kontrakt
 * vid start: 60 kontrakt"); `inst` is a flat config as in a scenario file.
 */
function sizeText(inst) {
  // Zero is no size (a count the file leaves at nothing).
  const rows = settingsOf(catalogue, inst.kind).filter((r) => ['number', 'whole', 'optional'].includes(r.type) && typeof inst[r.name] === 'number' && inst[r.name] !== 0);
  // Counts first (contracts, places, guarantees), then shares.
  const sized = [...rows.filter((r) => COUNTS.includes(r.name)), ...rows.filter((r) => r.unit === 'share')];
  return (sized.length ? sized : rows).slice(0, 2).map((r) => `${settingLabel(r)} ${valueText(r, inst[r.name])}`).join(', ');
}

/** An instrument's name, told apart from another of its kind in `list` by its first choice: "Kommunal hyresgaranti (försörjningsstöd)". */
function instrumentName(inst, list) {
  const label = INSTRUMENT_LABELS[state.lang][inst.kind] ?? inst.kind;
  const kin = list.filter((x) => x.kind === inst.kind);
  if (kin.length < 2) return label;
  const choice = settingsOf(catalogue, inst.kind).find((r) => r.type === 'choice');
  const v = choice ? inst[choice.name] : undefined;
  return v ? `${label} (${translated(OPTION_LABELS, v, v).text})` : `${label} ${kin.indexOf(inst) + 1}`;
}

/** Moves focus to the first field of `box` (what was just added), or to `box` itself. */
function focusFirstField(box) {
  if (!box) return;
  const field = box.querySelector('input, select, textarea, button');
  (field ?? box).focus();
}

/** The card of scenario `i` in the controls. */
const cardOf = (i) => document.querySelector(`fieldset.scenario[data-index="${i}"]`);

function instrumentEditor(s, inst, j) {
  const box = el('div', { class: 'instrument', 'data-kind': inst.kind });
  box.append(el('h4', { text: INSTRUMENT_LABELS[state.lang][inst.kind] ?? inst.kind }));
  // How it meets the baseline's own of its kind: continues one (a new level) or acts on top.
  const base = s === state.scenarios[0] ? [] : baseScenario().instruments;
  const continued = inst.start === dataYear() ? base.find((b) => sameInstrument(b, inst)) : undefined;
  const alongside = base.filter((b) => b.kind === inst.kind);
  if (continued) box.append(el('p', { class: 'continues', text: t().continues(instrumentName(continued, base), dataYear()) }));
  else if (alongside.length) box.append(el('p', { class: 'on-top', text: t().onTop(alongside.map((b) => instrumentName(b, base)).join(', ')) }));
  if (!continued && alongside.some((b) => addsNothing(b, inst))) box.append(el('p', { class: 'warning adds-nothing', text: t().addsNothing }));
  // Instruments start from the projection on: the years before are history.
  box.append(numberInput(t().start, inst.start, (v) => { inst.start = clampInt(v, dataYear(), 2200, inst.start); buildControls(); runAll(); }, { class: 'start', min: dataYear() }));
  const endId = `in${++runId}`;
  box.append(el('label', { for: endId }, el('span', { text: t().end }),
    el('input', { id: endId, type: 'number', min: inst.start + 1, value: inst.end ?? '', onchange: (e) => { inst.end = e.target.value === '' ? null : clampInt(e.target.value, inst.start + 1, 2200, null); buildControls(); runAll(); } })));
  const about = el('details', { class: 'about' }, el('summary', { text: t().aboutSettings }));
  const list = el('dl');
  for (const row of settingsOf(catalogue, inst.kind)) {
    box.append(settingControl(inst, row));
    list.append(el('dt', { text: settingLabel(row) }),
      el('dd', { text: `${row.description} ${t().allowed}: ${allowedText(row)}.` }),
      el('dd', { class: 'source', text: `${t().source}: ${row.source}` }));
  }
  about.append(list);
  box.append(about);
  box.append(el('button', { type: 'button', class: 'remove', text: t().removeInstrument, onclick: () => { s.instruments.splice(j, 1); buildControls(); runAll(); } }));
  return box;
}

/**
 * A change of the conditions from a year on: a driver (construction,
 * unemployment, …) at a percentage of the place's level in the data year,
 * e.g. construction at 50% from 2027. Years before the projection are
 * history and cannot be changed.
 */
function conditionEditor(s, c, k) {
  const d = catalogue.drivers.find((x) => x.name === c.driver);
  const level = driverLevel(d, state.preset);
  const [lo, hi] = pctRange(d, level);
  const box = el('div', { class: 'condition', 'data-driver': c.driver });
  box.append(el('h4', { text: DRIVER_LABELS[state.lang][c.driver] ?? c.driver }));
  box.append(numberInput(t().from, c.from, (v) => { c.from = clampInt(v, dataYear(), 2200, c.from); buildControls(); runAll(); }, { class: 'from', min: dataYear() }));
  const id = `in${++runId}`;
  const input = el('input', { id, type: 'text', inputmode: 'decimal', value: plain(state.lang, c.pct), 'data-min': lo, 'data-max': hi, 'data-field': 'pct',
    onchange: (e) => {
      const v = parseNumber(e.target.value);
      if (v === undefined || !Number.isFinite(v) || v < lo || v > hi) {
        refuse(e.target, `${DRIVER_LABELS[state.lang][c.driver] ?? c.driver} = ${e.target.value} %: ${Number.isNaN(v) ? `${t().notANumber}; ` : ''}${t().allowed} ${fmt(lo, 6)} ${t().to} ${fmt(hi, 6)} %`);
        return;
      }
      accept(e.target);
      c.pct = v;
      runAll();
    } });
  box.append(el('label', { for: id, class: 'setting' }, el('span', { text: t().pctOfLevel(dataYear()) }), input, el('span', { class: 'unit', text: '%' })));
  box.append(el('p', { class: 'fine', text: t().levelIs(dataYear(), fmt(level, 3), unitLabel(d.unit)) }));
  box.append(el('button', { type: 'button', class: 'remove', text: t().removeCondition, onclick: () => { s.conditions.splice(k, 1); buildControls(); runAll(); } }));
  return box;
}

/**
 * A label in the page's language. The settings table's own labels and units
 * are English; a Swedish page marks a control whose text has no Swedish
 * entry (a test looks for such marks).
 */
function translated(table, key, fallback) {
  const text = table[state.lang]?.[key];
  return text === undefined ? { text: fallback, missing: state.lang !== 'en' } : { text, missing: false };
}

/**
 * How a setting's numbers are shown: shares (0–1) as percentages, so that
 * people type 25 for a quarter; the scenario keeps the share.
 */
const shownAs = (row) => (row.unit === 'share' ? { k: 100, unit: { text: '%', missing: false } } : { k: 1, unit: row.unit ? translated(UNIT_LABELS, row.unit, row.unit) : { text: '', missing: false } });

/** The allowed values of a setting in the page's language. */
function rangeOf(row) {
  if (row.type === 'flag') return t().yesNo;
  if (row.type === 'choice') return `${t().oneOf} ${row.options.map((o) => translated(OPTION_LABELS, o, o).text).join(', ')}`;
  const { k } = shownAs(row);
  return `${fmt(row.min * k, 6)} ${t().to} ${fmt(row.max * k, 6)}`;
}

/** The allowed values with the unit, in the page's language: "0 till 1 000 000 hyresavtal", "0 till 100 %". */
function allowedText(row) {
  const { unit } = shownAs(row);
  return unit.text ? `${rangeOf(row)} ${unit.text}` : rangeOf(row);
}

function settingLabel(row) {
  return translated(SETTING_LABELS, row.name, row.label).text;
}

function unitLabel(unit) {
  return translated(UNIT_LABELS, unit, unit).text;
}

/**
 * The control of one instrument setting, generated from its row of the
 * settings table: a number field with the row's range and unit, a checkbox
 * or a list of choices. A value outside the range is refused with a message
 * naming the setting, the value and what is allowed; the scenario keeps its
 * last good value.
 */
function settingControl(inst, row) {
  const id = `in${++runId}`;
  const label = translated(SETTING_LABELS, row.name, row.label);
  const { k, unit } = shownAs(row);
  const current = inst.settings[row.name] ?? defaultOf(row);
  const title = `${row.description} ${t().source}: ${row.source}`;
  const warning = el('p', { class: 'warning soft-warning', 'data-for': row.name });
  const warn = (v) => { warning.textContent = sizeWarning(row, v); warning.hidden = !warning.textContent; };
  warn(current);
  const set = (v) => {
    if (v === undefined) delete inst.settings[row.name]; else inst.settings[row.name] = v;
    warn(v ?? defaultOf(row));
    runAll();
  };
  let input;
  if (row.type === 'flag') {
    input = el('input', { id, type: 'checkbox', checked: current === true, title, onchange: (e) => set(e.target.checked) });
  } else if (row.type === 'choice') {
    input = el('select', { id, title, onchange: (e) => set(e.target.value) });
    for (const o of row.options) input.append(el('option', { value: o, text: translated(OPTION_LABELS, o, o).text, selected: o === current }));
  } else {
    // Text with a decimal keyboard: a number field would refuse the decimal comma.
    input = el('input', { id, type: 'text', inputmode: row.type === 'whole' ? 'numeric' : 'decimal', value: current == null ? '' : plain(state.lang, current * k),
      'data-min': row.min * k, 'data-max': row.max * k, title,
      placeholder: row.type === 'optional' ? t().absent : undefined,
      onchange: (e) => {
        const raw = e.target.value;
        const typed = parseNumber(raw);
        // Empty: the setting's default (an optional setting: absent), shown at once.
        if (typed === undefined) { accept(e.target); set(undefined); buildControls(); return; }
        // A share typed as a percentage is kept as a share, rounded off the float noise of dividing by 100.
        const v = typed === undefined || Number.isNaN(typed) ? NaN : k === 1 ? typed : Number((typed / k).toPrecision(12));
        const problem = Number.isNaN(v) ? 'nan' : checkSetting(row, v);
        if (problem) {
          refuse(e.target, `${label.text} = ${raw || '—'}: ${problem === 'nan' ? `${t().notANumber}; ` : ''}${t().allowed} ${allowedText(row)}`);
          return;
        }
        accept(e.target);
        set(v);
      } });
  }
  input.dataset.field = row.name;
  const wrap = el('label', { for: id, class: row.type === 'flag' ? 'setting flag' : 'setting' },
    el('span', { text: label.text }), input, unit.text ? el('span', { class: 'unit', text: unit.text }) : null);
  if (label.missing || unit.missing) wrap.dataset.untranslated = 'true';
  const both = document.createDocumentFragment();
  both.append(wrap, warning);
  return both;
}

/** Settings that count places or contracts for homeless persons: above the place's homeless count they warn (softly; the run goes on). */
const HOMELESS_SIZED = ['places', 'contracts_per_year', 'contracts_in_force', 'tenancies_in_force', 'leases_per_year', 'training_flats', 'training_in_force', 'support_agreements', 'support_in_force'];

/** Homeless persons in the place: its count of 2011 (a custom place: its own rate or the national one, × its residents). */
function homelessCount() {
  const p = placeInfo();
  if (p) return (p.homeless_per_10k * p.population) / 1e4;
  const rate = state.place.homeless_per_10k ?? catalogue.presets.find((x) => x.id === 'sverige').homeless_per_10k;
  return (rate * state.place.population) / 1e4;
}

/** A soft warning for a value larger than the place makes sense of: "Fler än alla hemlösa i kommunen (261 räknade 2011)". */
function sizeWarning(row, v) {
  if (!HOMELESS_SIZED.includes(row.name) || typeof v !== 'number') return '';
  const n = homelessCount();
  return v > n ? t().moreThanHomeless(fmt(v, 0), fmt(n, 0)) : '';
}

// ---------------------------------------------------------------- results

/** Counts of the simulated share are scaled to the whole municipality. */
function scaleOf(output, s) {
  const unit = catalogue.outputs.find((o) => o.name === output)?.unit ?? '';
  return /per|share/.test(unit) ? 1 : 1 / results.meta[s].scale;
}

/** Workshop mode shows months, the normal view calendar years. */
const monthly = () => document.body.classList.contains('workshop');

/**
 * Period `i` from the scenario start: a calendar year (drawn at mid-year) or,
 * if `m`, a month. `t` is seconds for uPlot, `label` what tables, CSV files
 * and the workshop clock show.
 */
function period(i, m) {
  const start = results.meta[0].startYear;
  if (!m) return { i, year: start + i, t: Date.UTC(start + i, 6, 1) / 1000, label: String(start + i) };
  const year = start + Math.floor(i / 12);
  const month = i % 12;
  return { i, year, month, t: Date.UTC(year, month, 15) / 1000, label: `${year}-${String(month + 1).padStart(2, '0')}` };
}

/** Periods of history before the projection: years, or months in workshop mode. */
function historyPeriods(m = monthly()) {
  const h = results?.meta[0].historyMonths ?? 0;
  return m ? h : h / 12;
}

/** Only the periods up to the workshop clock (all outside workshop mode). */
const revealed = (rows) => (reveal === null ? rows : rows.filter((r) => r.i <= reveal));

/** Bands of one output per period, scaled to the whole municipality; monthly flows are annualised like yearly sums. `all`: past the workshop clock too. */
function band(s, output, all = false) {
  const m = monthly();
  const flat = results.series[s][output][m ? 'monthly' : 'yearly'];
  const flow = catalogue.outputs.find((o) => o.name === output)?.kind === 'flow';
  const k = scaleOf(output, s) * (m && flow ? 12 : 1);
  const rows = [];
  for (let i = 0; i * 6 < flat.length; i++) {
    rows.push({ ...period(i, m), mean: flat[i * 6] * k, p5: flat[i * 6 + 1] * k, p25: flat[i * 6 + 2] * k, p50: flat[i * 6 + 3] * k, p75: flat[i * 6 + 4] * k, p95: flat[i * 6 + 5] * k });
  }
  return all ? rows : revealed(rows);
}

function scenarioName(i) {
  if (i === 0) return baselineChanged() ? t().changedBaseline : t().baseline;
  return state.scenarios[i].name || `Scenario ${i}`;
}

/** Whether the link adds instruments or conditions to the baseline itself ("Ändrat nuläge", never hidden). */
const baselineChanged = () => state.scenarios[0].instruments.length > 0 || (state.scenarios[0].conditions?.length ?? 0) > 0;

function render() {
  if (!results) return;
  renderHeadlines();
  const alternatives = results.differences.length > 0;
  for (const output of DIFFERENCES) {
    if (alternatives) renderDifference(output);
    else if (charts[`diff-${output}`]) { charts[`diff-${output}`].plot?.destroy(); charts[`diff-${output}`].fig.remove(); delete charts[`diff-${output}`]; }
  }
  for (const output of CHARTS) renderChart(output);
  // The most important first, in a fixed order; the others under "Fler diagram".
  const first = FIRST_CHARTS.filter((id) => charts[id]);
  first.forEach((id, k) => { charts[id].fig.classList.toggle('in-workshop', k < WORKSHOP_CHARTS); $('#charts').append(charts[id].fig); });
  for (const id of CHARTS) if (!first.includes(id)) $('#more-charts-body').append(charts[id].fig);
  renderEvents();
  if (results.partial) return; // the history so far: no replication has finished
  document.body.dataset.replications = results.replications;
  $('#fingerprint').textContent = `replication 0 fingerprints: ${results.fingerprints.map((f) => f[0]).join(' ')}`;
  $('#fingerprint').dataset.baseline = results.fingerprints[0][0];
}

/**
 * Per scenario, the library's headline against the baseline in words (the
 * page only formats it: www/src/headline.js); the year field below; a
 * warning when too few replications make the intervals unsure. In workshop
 * mode the clock picks the year — the last December it has shown — and
 * only that line is said, so that the end is not told before it comes.
 */
function renderHeadlines() {
  const box = $('#headlines');
  box.replaceChildren();
  const clock = reveal !== null && monthly();
  const heads = clock ? clockHeadlines : results.headlines;
  for (let k = 1; k < state.scenarios.length && k < results.series.length; k++) {
    const h = heads?.[k - 1];
    if (!h) continue;
    const lines = headlineLines(state.lang, h, projectionYears(results.meta[k]), clock ? 'year' : null);
    box.append(el('section', { class: 'headline', 'data-scenario': String(k), style: `border-color:${PALETTE[k % PALETTE.length]}` },
      el('h2', { text: `${scenarioName(k)} ${t().vsBaseline}` }),
      el('ul', { class: 'headline-detail', 'data-scenario': String(k) }, ...lines.map((l) => el('li', { 'data-line': l.key, text: l.text })))));
  }
  const first = results.headlines?.[0];
  if (first && !clock) box.append(headlineYear(first.year), el('p', { class: 'note', text: t().detail.note }));
  if (!results.partial && results.replications < ENOUGH_REPLICATIONS) {
    box.append(el('p', { class: 'warning', id: 'few-replications', text: t().fewReplications(results.replications, ENOUGH_REPLICATIONS) }));
  }
}

/** The headlines at the workshop clock's year (null: not asked yet, or before the first full year of the projection). */
let clockHeadlines = null;
let clockYear = null;

/** Asks the worker for the headlines at the last December the clock has shown (once per year the clock passes). */
async function followClock() {
  if (reveal === null || !results || results.partial) { clockYear = null; clockHeadlines = null; return; }
  const p = period(reveal, true);
  const year = p.month === 11 ? p.year : p.year - 1;
  const [from] = projectionYears(results.meta[0]);
  if (year === clockYear) return;
  clockYear = year;
  if (year < from) { clockHeadlines = null; renderHeadlines(); return; }
  const reply = await ask({ type: 'headline', year, keep: false });
  if (clockYear === year && reveal !== null) { clockHeadlines = reply.headlines; renderHeadlines(); }
}

/** The year the headline's "homeless persons in December" is for; changing it asks the worker again. */
function headlineYear(year) {
  const [from, to] = projectionYears(results.meta[0]);
  const input = el('input', { type: 'number', id: 'headline-year', value: String(year), min: String(from), max: String(to), step: '1' });
  input.addEventListener('change', async () => {
    const y = clampInt(input.value, Number(input.min), Number(input.max), year);
    const reply = await ask({ type: 'headline', year: y });
    if (results && reply.headlines.length) { results.headlines = reply.headlines; renderHeadlines(); $('#headline-year')?.focus(); }
  });
  return el('label', { class: 'headline-year' }, el('span', { text: t().detail.year }), input);
}

/** A fan chart of one output: P5–P95 and P25–P75 bands and the median, per scenario. */
function renderChart(output) {
  // The history is the same in every scenario: the baseline carries it.
  const h = historyPeriods();
  const per = results.series.map((_, s) => band(s, output).filter((r) => s === 0 || r.i >= h));
  const groups = per.map((rows, s) => ({ s, rows: rows.map((r) => ({ ...r, lo: r.p5, innerLo: r.p25, mid: r.p50, innerHi: r.p75, hi: r.p95 })) }));
  const csv = () => {
    const lines = [`${monthly() ? 'month' : 'year'},period,scenario,scenario_name,output,mean,p5,p25,p50,p75,p95,${PROVENANCE_COLUMNS}`];
    per.forEach((rows, s) => rows.forEach((r) => lines.push([r.label, r.i < h ? 'history' : 'projection', scenarioId(s), scenarioName(s), output, r.mean, r.p5, r.p25, r.p50, r.p75, r.p95, ...provenanceCells(s)].map(csvCell).join(','))));
    return lines;
  };
  const c = t().columns;
  // The workshop's axes span the whole horizon, so that the lines grow into them.
  const extent = reveal === null ? null : extentOf(results.series.map((_, s) => band(s, output, true)), ['p5', 'p95']);
  drawBands(output, t().charts[output] ?? output, groups, csv, [c.median, c.p5, c.p95], { unit: t().units[output], extent, kind: 'fan' });
}

/** The time and value range of `rowsets` over the columns `keys` (for axes fixed to the whole horizon). */
function extentOf(rowsets, keys) {
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
function renderDifference(output) {
  const id = `diff-${output}`;
  const m = monthly();
  const groups = results.differences.map((d, k) => {
    const flat = d[output][m ? 'monthly' : 'yearly'];
    const rows = [];
    // Differences are zero in the history (the same in every scenario): the projection only.
    for (let i = historyPeriods(m); i * 3 < flat.length; i++) rows.push({ ...period(i, m), mean: flat[i * 3], lo: flat[i * 3 + 1], mid: flat[i * 3], hi: flat[i * 3 + 2] });
    return { s: k + 1, rows: revealed(rows), all: rows };
  });
  const csv = () => {
    const lines = [`${m ? 'month' : 'year'},scenario,scenario_name,output,difference_mean,low90,high90,${PROVENANCE_COLUMNS}`];
    groups.forEach((g) => g.rows.forEach((r) => lines.push([r.label, scenarioId(g.s), scenarioName(g.s), output, r.mid, r.lo, r.hi, ...provenanceCells(g.s)].map(csvCell).join(','))));
    return lines;
  };
  const c = t().columns;
  const extent = reveal === null ? null : extentOf(groups.map((g) => g.all), ['lo', 'hi']);
  const head = document.body.classList.contains('workshop') ? t().differenceShort : t().difference;
  drawBands(id, `${head}: ${t().charts[output] ?? output}`, groups, csv, [c.difference, c.low, c.high], { unit: t().units[output], extent, kind: 'difference' });
}

/**
 * The rows that carry a year tick, on screen and in SVG files: each year (its
 * mid-year point, or January in workshop mode), every other one past 15 years.
 */
function yearTicks(rows, most = null) {
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
function observedPoint(id) {
  if ((results?.meta[0].startYear ?? 9999) > 2011) return null;
  const p = placeInfo();
  if (id === 'executed_evictions_per_10k') {
    // Kronofogden's executed evictions of 2013 (the place's own, or the national rate standing in).
    const own = p ? p.evictions_flag !== 'national' : state.place.executed_evictions_per_year !== undefined;
    const nat = catalogue.presets[0];
    const value = p ? (p.executed_evictions / p.population) * 10000
      : state.place.executed_evictions_per_year !== undefined ? (state.place.executed_evictions_per_year / state.place.population) * 10000
        : (nat.executed_evictions / nat.population) * 10000;
    return { t: Date.UTC(2013, 6, 1) / 1000, value, own, label: own ? t().observedEvictions : `${t().observedEvictions} (${t().national})`, source: t().kronofogden2013 };
  }
  if (id !== 'homeless_per_10k') return null;
  const own = p ? p.homeless_flag !== 'national' : state.place.homeless_per_10k !== undefined;
  const value = p ? p.homeless_per_10k : state.place.homeless_per_10k ?? catalogue.presets[0].homeless_per_10k;
  return { t: Date.UTC(2011, 4, 15) / 1000, value, own, label: own ? t().observedCount : `${t().observedCount} (${t().national})`, source: t().may2011 };
}

/** Size of the text drawn inside a chart (the observed point, "Idag"): larger in the workshop's view (CSS pixels). */
const canvasTextPx = () => (document.body.classList.contains('workshop') ? 22 : 12);

/** Draws the observed count as a black diamond with its value. */
function drawObserved(u, obs) {
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
const HISTORY_COLOUR = '#8c8c8c';

/**
 * A group's parts as drawn: the baseline's history in grey up to and
 * including the projection's first period (so that the lines join), then
 * the projection in the scenario's colour; other groups in one part.
 */
function parts(g) {
  const colour = PALETTE[g.s % PALETTE.length];
  const h = g.rows.length && g.rows[0].i < historyPeriods() ? historyPeriods() : 0;
  if (!h) return [{ rows: g.rows, colour, label: scenarioName(g.s), history: false }];
  return [
    { rows: g.rows.filter((r) => r.i <= h), colour: HISTORY_COLOUR, label: `${scenarioName(g.s)}, ${firstYear()}–${firstYear() + Math.ceil(h / (monthly() ? 12 : 1)) - 1}`, history: true },
    { rows: g.rows.filter((r) => r.i >= h), colour, label: scenarioName(g.s), history: false },
  ];
}

/** Height of a workshop figure beside its plot: the title, the legend and the padding (CSS pixels). */
const WORKSHOP_CHROME_PX = 120;

/** Workshop type: titles, axes and legends at least 28 px, readable from the back of a room. */
const WORKSHOP_FONT = '28px sans-serif';

/**
 * The year ticks of an axis fixed to `extent` (the workshop's whole
 * horizon): January of every year it spans, thinned as `yearTicks` does.
 */
function extentTicks(extent, most) {
  const [a, b] = extent.x.map((x) => new Date(x * 1000).getUTCFullYear());
  const rows = [];
  for (let y = a; y <= b; y++) rows.push({ year: y, month: 0, t: Date.UTC(y, 0, 15) / 1000 });
  return yearTicks(rows, most).map((r) => r.t);
}

/** Below this width (CSS pixels) a chart is a phone's: fewer year ticks. */
const NARROW_CHART_PX = 500;
/** Room a year label needs on the x axis: in the workshop's 28 px type, and on a phone (CSS pixels). */
const YEAR_TICK_PX = { workshop: 120, narrow: 60 };

/**
 * Draws `groups` (one per scenario: rows of lo/mid/hi, optionally
 * innerLo/innerHi) into chart `id`, with a legend, the y axis's `unit`, its
 * tools and data table. `extent` (workshop mode) fixes both axes to the
 * whole horizon; a plot whose shape did not change is given its new data
 * instead of being built again, so that play keeps its pace.
 */
function drawBands(id, title, groups, csvLines, columns, { unit = '', extent = null, kind = 'fan' } = {}) {
  if (!charts[id]) {
    const fig = el('figure', { class: 'chart', id: `chart-${id}` });
    $('#charts').append(fig);
    charts[id] = { fig, plot: null };
  }
  const { fig } = charts[id];
  Object.assign(charts[id], { title, groups, kind, unit });
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
  const big = document.body.classList.contains('workshop');
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
  // The workshop fits two rows of charts below the headline; each figure's title and legend take about WORKSHOP_CHROME_PX.
  const below = window.innerHeight - $('#charts').getBoundingClientRect().top - 16;
  const height = big ? Math.max(200, Math.floor(below / 2) - WORKSHOP_CHROME_PX) : 260;
  const obs = observedPoint(id);
  Object.assign(charts[id], { observed: obs });
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
  const shape = JSON.stringify([title, unit, width, height, series.length, extent?.x, extent?.y, obs?.value, state.lang, big, ticks.length]);
  if (charts[id].plot && charts[id].shape === shape && extent) {
    charts[id].plot.setData(data);
    charts[id].legend.replaceWith(charts[id].legend = legendOf(id, legend, obs));
    if (playing === null) charts[id].table.replaceWith(charts[id].table = dataTable(id, groups, columns));
    return;
  }
  if (charts[id].plot) charts[id].plot.destroy();
  fig.replaceChildren();
  const holder = el('div', { class: 'plot', role: 'img', 'aria-label': `${title} (${unit}). ${t().dataTable} below.` });
  fig.append(holder);
  charts[id].plot = new uPlot(opts, data, holder);
  Object.assign(charts[id], { shape, ticks, axisFont: font.font ?? '' });
  charts[id].legend = legendOf(id, legend, obs);
  const tools = el('div', { class: 'chart-tools' },
    el('button', { type: 'button', class: 'csv', text: t().csv, 'aria-label': `${t().csv}: ${title}`, onclick: () => downloadCsv(id, csvLines()) }),
    el('button', { type: 'button', class: 'png', text: t().png, 'aria-label': `${t().png}: ${title}`, onclick: () => downloadPng(id) }),
    el('button', { type: 'button', class: 'svg', text: t().svg, 'aria-label': `${t().svg}: ${title}`, onclick: () => downloadSvg(id).catch((e) => showError(e.message)) }));
  charts[id].table = dataTable(id, groups, columns);
  fig.append(charts[id].legend, tools, charts[id].table);
  if (obs) {
    fig.insertBefore(el('p', { class: 'observed', 'data-value': obs.value, 'data-own': String(obs.own),
      text: `◆ ${obs.label}, ${obs.source}: ${fmt(obs.value, obs.value < 10 ? 2 : 0)} ${t().per10k}.${id === 'homeless_per_10k' ? ` ${t().startsFromCount}` : ''}` }), tools);
  }
}

/**
 * A chart's legend: each line's colour and name (the grey history, each
 * scenario), the observed point, instrument starts and ends (dashed) and
 * today's line, as far as the chart shows them.
 */
function legendOf(id, items, obs) {
  const list = el('ul', { class: 'legend', 'data-chart': id });
  for (const it of items) list.append(el('li', { 'data-history': String(it.history) }, el('span', { class: 'swatch', style: `background:${it.colour}`, 'aria-hidden': 'true' }), el('span', { text: it.label })));
  if (obs) list.append(el('li', { class: 'legend-observed' }, el('span', { class: 'mark', text: '◆', 'aria-hidden': 'true' }), el('span', { text: `${obs.label} (${t().legend.observed})` })));
  if (events().length) list.append(el('li', { class: 'legend-events' }, el('span', { class: 'dash', 'aria-hidden': 'true' }), el('span', { text: t().legend.starts })));
  if (historyPeriods() > 0 && !id.startsWith('diff-')) list.append(el('li', { class: 'legend-now' }, el('span', { class: 'rule', 'aria-hidden': 'true' }), el('span', { text: `${t().now}, ${dataYear()}` })));
  return list;
}

function dataTable(id, groups, columns) {
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

/** Which code made the numbers, as `hemma --version` says it; on every export. */
function provenance() {
  return `hemma ${catalogue.version} (commit ${catalogue.git_commit})`;
}

/** A scenario's id in exports: stable whatever the page's language or the scenario's name. */
const scenarioId = (s) => (s === 0 ? 'baseline' : `scenario-${s}`);

/** What every exported row carries, as the CLI's tables: the code, the place, the run and the scenario's fingerprint. */
const PROVENANCE_COLUMNS = 'hemma_version,git_commit,place,seed,replications,scale,fingerprint';

/** The provenance cells of scenario `s` (its replication-0 fingerprint: `hemma run --fingerprint` prints the same). */
function provenanceCells(s) {
  const m = results.meta[s];
  return [catalogue.version, catalogue.git_commit, placeId(), m.seed, results.replications, m.scale, results.fingerprints?.[s]?.[0] ?? ''];
}

/** The place of the run: a preset's id, or the custom place's name. */
const placeId = () => (state.preset === 'custom' ? state.place.name : state.preset);

/** The provenance in one line, for images: version, place, seed, replications, scale and fingerprints. */
function provenanceLine() {
  const m = results.meta[0];
  const prints = (results.fingerprints ?? []).map((f, s) => `${scenarioId(s)} ${f[0]}`).join(', ');
  return `${provenance()} · ${placeId()} · seed ${m.seed} · ${results.replications} ${t().replications.toLowerCase()} · scale ${m.scale} · ${t().fingerprints}: ${prints}`;
}

/** The note under an exported chart: fans are simulation spread; differences are means with paired intervals. */
const chartNote = (id) => (charts[id].kind === 'difference' ? t().diffNote : t().bandsNote);

/** A chart's rows as CSV; every row ends with its provenance (as the CLI's tables). */
function downloadCsv(id, lines) {
  download(`hemma-${state.preset}-${id}.csv`, new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
}

/**
 * The chart as drawn on screen, on white, with its title and unit above,
 * and its legend, the note (spread or paired intervals) and the provenance
 * below (wrapped to the chart's width).
 */
function downloadPng(output) {
  const chart = charts[output].fig.querySelector('canvas');
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
  const legend = [...charts[output].legend.querySelectorAll('li')].map((li) => ({ colour: li.querySelector('.swatch')?.style.background, text: li.textContent }));
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
  ctx.fillText(charts[output].title, pad, line * 0.6);
  ctx.font = font;
  ctx.fillStyle = '#555';
  ctx.fillText(charts[output].unit ?? '', pad, line * 1.5);
  ctx.drawImage(chart, 0, head);
  let y = head + chart.height;
  for (const item of legend) {
    if (item.colour) { ctx.fillStyle = item.colour; ctx.fillRect(pad, y + line * 0.4, 24 * ratio, 4 * ratio); }
    ctx.fillStyle = '#000';
    ctx.fillText(item.text, pad + 30 * ratio, y + line * 0.5);
    y += line;
  }
  ctx.fillStyle = '#555';
  lines.forEach((text, k) => ctx.fillText(text, pad, y + (k + 0.5) * line));
  canvas.toBlob((blob) => download(`hemma-${state.preset}-${output}.png`, blob), 'image/png');
}

/**
 * The chart as a standalone SVG file, drawn by Observable Plot from the same
 * rows as the chart on screen: bands, median lines labelled with the
 * scenario, instrument starts and ends as dashed lines, title and the
 * note that bands are simulation spread. Plot is loaded on first use.
 */
async function downloadSvg(id) {
  const Plot = await import('@observablehq/plot');
  const { title, groups } = charts[id];
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
  const obs = charts[id].observed;
  if (obs) {
    marks.push(Plot.dot([obs], { x: (d) => new Date(d.t * 1000), y: 'value', symbol: 'diamond', fill: '#000', r: 6 }));
    marks.push(Plot.text([obs], { x: (d) => new Date(d.t * 1000), y: 'value', text: (d) => `${d.label}: ${fmt(d.value, 0)}`, dx: 10, dy: -10, textAnchor: 'start' }));
  }
  marks.push(Plot.text([title], { text: (d) => d, frameAnchor: 'top-left', dy: -36, fontSize: 16, fontWeight: 'bold' }));
  marks.push(Plot.text([chartNote(id)], { text: (d) => d, frameAnchor: 'bottom-left', dy: 44, fill: '#555', lineWidth: 80 }));
  marks.push(Plot.text([provenanceLine()], { text: (d) => d, frameAnchor: 'bottom-left', dy: 84, fill: '#555', lineWidth: 120 }));
  if (charts[id].unit) marks.push(Plot.text([charts[id].unit], { text: (d) => d, frameAnchor: 'top-left', dy: -16, fill: '#555' }));
  const svg = Plot.plot({
    width: 1000, height: 480, marginTop: 50, marginRight: 240, marginBottom: 110, marginLeft: 70,
    style: { fontFamily: '"DejaVu Sans", sans-serif', fontSize: '13px', background: 'white' },
    x: { type: 'utc', label: null, ticks: yearTicks(groups[0]?.rows ?? []).map(date), tickFormat: (d) => String(d.getUTCFullYear()) },
    y: { grid: true, label: null, tickFormat: (v) => fmt(v, 2) },
    marks, document,
  });
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const text = new XMLSerializer().serializeToString(svg);
  download(`hemma-${state.preset}-${id}.svg`, new Blob([text], { type: 'image/svg+xml' }));
}

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

// ---------------------------------------------------------------- events and workshop mode

/**
 * Instrument starts and ends of every scenario, for the timeline and the
 * charts: `i` is the month from the scenario start, `text` e.g.
 * "2013-01: Scenario 1 — Bostad först startar (Platser: 40)".
 */
function events() {
  const out = [];
  const start = firstYear();
  state.scenarios.forEach((s, k) => s.instruments.forEach((inst) => {
    const label = INSTRUMENT_LABELS[state.lang][inst.kind] ?? inst.kind;
    // The instrument's first number setting (its size: places, contracts a year, …).
    const row = settingsOf(catalogue, inst.kind).find((r) => r.type === 'number');
    const size = row ? `(${settingLabel(row)}: ${fmt(inst.settings[row.name] ?? row.default, 1)})` : '';
    out.push({ t: Date.UTC(inst.start, 0, 1) / 1000, i: (inst.start - start) * 12, scenario: k, text: `${inst.start}-01: ${scenarioName(k)} — ${label} ${t().starts} ${size}`.trim() });
    if (inst.end !== null) out.push({ t: Date.UTC(inst.end, 0, 1) / 1000, i: (inst.end - start) * 12, scenario: k, text: `${inst.end}-01: ${scenarioName(k)} — ${label} ${t().ends}` });
  }));
  return out.sort((a, b) => a.i - b.i);
}

function drawEvents(u) {
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

function renderEvents() {
  const list = $('#events');
  list.replaceChildren(...events().filter((e) => reveal === null || e.i <= reveal).map((e) => el('li', { text: e.text })));
}

/** Sets the workshop clock to month `i` from the scenario start (null: show everything). */
function setReveal(i) {
  reveal = i;
  followClock();
  // The clock in the page's language ("april 2013"); its ISO month (2013-04) as data.
  const p = i === null || !results ? null : period(i, true);
  $('#reveal').textContent = p ? new Intl.DateTimeFormat(state.lang === 'sv' ? 'sv-SE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(p.year, p.month ?? 0, 15))) : '';
  $('#reveal').dataset.month = p ? p.label : '';
  render();
}

/** Advances the workshop clock by `months`, from the start again after the last month. */
function stepMonths(months) {
  if (!results) return;
  // The clock runs through the projection; the history is always shown.
  const first = historyPeriods(true);
  const last = first + state.years * 12 - 1;
  setReveal(reveal === null || reveal >= last ? first : Math.min(last, reveal + months));
  if (reveal >= last) stopPlay();
}

function stopPlay() {
  const was = playing !== null;
  clearInterval(playing);
  playing = null;
  $('#play').textContent = t().play;
  if (was) render(); // the data tables, skipped while playing
}

/** Months per second asked for (the speed control). */
const speed = () => Number($('#speed').value) || 4;

/**
 * Plays the clock at the chosen speed and states the pace achieved (months
 * per second over the last few seconds), so that a slow machine shows it.
 */
function play() {
  if (reveal === null) setReveal(results ? historyPeriods(true) : null);
  const marks = [];
  playing = setInterval(() => {
    stepMonths(1);
    const now = performance.now();
    marks.push(now);
    while (marks.length > 1 && now - marks[0] > 3000) marks.shift();
    if (marks.length > 2) {
      const pace = ((marks.length - 1) * 1000) / (now - marks[0]);
      $('#pace').textContent = t().pace(fmt(pace, 1));
      $('#pace').dataset.pace = pace.toFixed(2);
    }
  }, 1000 / speed());
  $('#play').textContent = t().pause;
}

function togglePlay() {
  if (playing) stopPlay(); else play();
}

$('#play').addEventListener('click', togglePlay);
// A new speed applies at once; focus returns to Play, so that Space and the clicker work again.
$('#speed').addEventListener('change', () => {
  if (playing) { clearInterval(playing); playing = null; play(); }
  $('#play').focus();
});
$('#step').addEventListener('click', () => { stopPlay(); stepMonths(1); });
$('#step-year').addEventListener('click', () => { stopPlay(); stepMonths(12); });
// Presenter clickers send PageDown/→ (next) and Space (play/pause); fields keep their keys.
document.addEventListener('keydown', (e) => {
  if (!document.body.classList.contains('workshop') || e.altKey || e.ctrlKey || e.metaKey) return;
  if (!$('#qr-view').hidden) { if (e.key === 'Escape') closeQr(); return; }
  if (e.target.closest?.('input, select, textarea')) return;
  if (e.key === ' ' && !e.target.closest?.('button')) { e.preventDefault(); togglePlay(); }
  else if (e.key === 'ArrowRight' || e.key === 'PageDown') { e.preventDefault(); stopPlay(); stepMonths(1); }
});

/** The link to take home, full screen and large enough to scan from the back of a room. */
async function showQr() {
  history.replaceState(null, '', toHash(state));
  const view = $('#qr-view');
  const size = Math.max(400, Math.floor(Math.min(window.innerWidth, window.innerHeight) * 0.8));
  await QRCode.toCanvas($('#qr-big'), location.href, { width: size, margin: 2, errorCorrectionLevel: 'L' });
  view.hidden = false;
  $('#close-qr').focus();
}
function closeQr() {
  $('#qr-view').hidden = true;
  $('#show-qr').focus();
}
$('#show-qr').addEventListener('click', () => showQr().catch((e) => showError(e.message)));
$('#close-qr').addEventListener('click', closeQr);
$('#qr-view').addEventListener('click', (e) => { if (e.target === $('#qr-view')) closeQr(); });
// Charts under "Fler diagram" are drawn at their size when opened.
$('#more-charts').addEventListener('toggle', () => { if ($('#more-charts').open) { for (const c of Object.values(charts)) if ($('#more-charts').contains(c.fig)) { c.plot?.destroy(); c.plot = null; } render(); } });
$('#workshop').addEventListener('click', async () => {
  const on = document.body.classList.toggle('workshop');
  $('#workshop').setAttribute('aria-pressed', String(on));
  $('#workshop').textContent = on ? t().workshopOn : t().workshopOff;
  if (on && document.documentElement.requestFullscreen && !document.fullscreenElement) {
    try { await document.documentElement.requestFullscreen(); } catch { /* not allowed without a gesture in some browsers */ }
  }
  if (on) {
    // The link to take home: the whole scenario set, as a QR code and as text.
    history.replaceState(null, '', toHash(state));
    const canvas = $('#qr');
    if (location.protocol !== 'file:') {
      try { await QRCode.toCanvas(canvas, location.href, { width: 220, margin: 1, errorCorrectionLevel: 'L' }); } catch (e) { canvas.hidden = true; }
    }
    $('#qr-url').textContent = location.href.length > 90 ? location.href.slice(0, 87) + '…' : location.href;
  }
  if (!on) { stopPlay(); setReveal(null); if (document.fullscreenElement) document.exitFullscreen?.(); }
  Object.values(charts).forEach((c) => { c.plot?.destroy(); c.plot = null; });
  render();
});

// ---------------------------------------------------------------- buttons

$('#run').addEventListener('click', () => runAll());
// A phone: the results first; the editor folds away behind the sticky bar's "Redigera".
$('#run-phone').addEventListener('click', () => runAll());
$('#edit-phone').addEventListener('click', () => {
  const on = document.body.classList.toggle('editing');
  $('#edit-phone').setAttribute('aria-expanded', String(on));
  $('#edit-phone').textContent = on ? t().hideEditor : t().showEditor;
  if (on) focusFirstField($('#controls'));
});
$('#cancel').addEventListener('click', () => { if (currentRun) worker.postMessage({ type: 'cancel', id: currentRun }); });
$('#lang').addEventListener('click', () => {
  state.lang = state.lang === 'sv' ? 'en' : 'sv';
  history.replaceState(null, '', toHash(state));
  buildStatic();
  buildControls();
  setReveal(reveal); // redraws, with the workshop clock in the new language
});
$('#share').addEventListener('click', async () => {
  history.replaceState(null, '', toHash(state));
  try { await navigator.clipboard.writeText(location.href); } catch { /* clipboard may be unavailable; the address bar holds the link */ }
  $('#share-url').value = location.href;
  $('#status').textContent = t().copied;
});
async function currentToml(i) {
  const m = await ask({ type: 'toml', text: scenarioJson(state, i, baseScenario(), scenarioName(i), dataYear(), levels()) });
  return m.toml;
}
$('#export').addEventListener('click', async () => {
  const i = state.scenarios.length - 1;
  download(`hemma-${state.preset}-${i}.toml`, new Blob([await currentToml(i)], { type: 'application/toml' }));
});
/**
 * One shell block that reproduces the page: it writes the baseline's and
 * every scenario's file, runs `hemma compare` of each scenario against the
 * baseline (at the headline's year) — or `hemma run` of the baseline alone —
 * and names the fingerprints to expect, with how to install `hemma`.
 */
async function cliBlock() {
  const files = state.scenarios.map((_, i) => `hemma-${state.preset}-${scenarioId(i)}.toml`);
  const tomls = await Promise.all(state.scenarios.map((_, i) => currentToml(i)));
  const year = results?.headlines?.[0]?.year;
  const lines = [
    `# ${provenance()}. ${t().cliInstall(catalogue.git_commit)}`,
    ...files.flatMap((f, i) => [`cat > ${f} <<'EOF'`, tomls[i].trimEnd(), 'EOF']),
  ];
  if (files.length === 1) lines.push(`hemma run ${files[0]} --fingerprint`);
  for (let i = 1; i < files.length; i++) lines.push(`hemma compare ${files[0]} ${files[i]}${year ? ` --at-year ${year}` : ''} -o out/compare-${scenarioId(i)}`);
  if (results?.fingerprints && !results.partial) {
    lines.push(`# ${t().cliExpect}: ${results.fingerprints.map((f, i) => `${scenarioId(i)} ${f[0]}`).join(', ')}`);
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
$('#import').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  try {
    const text = await file.text();
    const s = JSON.parse((await ask({ type: 'normalise', text })).json);
    const next = structuredClone(state);
    let base;
    if (s.place) {
      if (typeof s.place === 'string') throw new Error(t().placeFileRef);
      next.preset = 'custom';
      next.place = s.place;
      base = customBase(s.place, nationalMix());
    } else {
      const preset = catalogue.presets.find((p) => p.id === s.preset || p.name === s.preset);
      base = presetScenarios[preset.id];
      next.preset = preset.id;
      delete next.place;
    }
    // A file from 2011 lists the place's own instruments first; a file with a
    // history lists only the projection's.
    const extra = s.start_year > firstYear() ? s.instruments : s.instruments.slice(base.instruments.length);
    next.years = Math.max(1, Math.round(s.horizon_months / 12));
    next.replications = Math.min(100, s.replications);
    const same = next.preset === state.preset && JSON.stringify(next.place) === JSON.stringify(state.place);
    next.scenarios = same ? next.scenarios.slice(0, MAX_SCENARIOS - 1) : [{ name: '', instruments: [] }];
    // Driver paths become conditions, as percentages of the place's level.
    const placeLevels = Object.fromEntries(catalogue.drivers.map((d) => [d.name, driverLevel(d, next.preset)]));
    const paths = s.drivers?.paths ?? [];
    const shown = paths.filter((p) => placeLevels[p.driver] > 0);
    if (shown.length < paths.length || s.drivers?.conditions === 'constant') throw new Error(t().conditionsNotShown);
    next.scenarios.push({ name: s.name, instruments: extra.map((inst) => {
      const { kind, start_month, end_month, ...settings } = inst;
      return { kind, start: s.start_year + Math.floor((start_month ?? 0) / 12), end: end_month == null ? null : s.start_year + Math.floor(end_month / 12), settings };
    }), conditions: shown.map((p) => ({ driver: p.driver, from: p.from_year, pct: Math.round((10000 * p.value) / placeLevels[p.driver]) / 100 })) });
    state = check(next, catalogue);
    const notes = moveToProjection(state, dataYear());
    buildControls();
    runAll();
    if (notes.length) showError(`${t().moved}: ${notes.join('; ')}`);
  } catch (err) {
    showError(`${file.name}: ${err.message}`);
  }
  e.target.value = '';
});
window.addEventListener('resize', () => { Object.values(charts).forEach((c) => { c.plot?.destroy(); c.plot = null; }); render(); });
