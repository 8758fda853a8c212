// The dashboard page: controls, charts and sharing. Every number comes from
// the worker (the model in WebAssembly); this file only renders. Text that
// comes from users or links is set with textContent, never as HTML.
import uPlot from 'uplot';
import QRCode from 'qrcode';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { TEXT, INSTRUMENT_LABELS, SETTING_LABELS, UNIT_LABELS, OPTION_LABELS, DRIVER_LABELS } from './i18n.js';
import { makeWorker } from './make-worker.js';
import { defaultState, toHash, fromHash, check, scenarioJson, settingsOf, defaultOf, checkSetting, MAX_SCENARIOS, MAX_INSTRUMENTS,
  defaultPlace, checkPlaceField, customBase, moveToProjection, MAX_CONDITIONS, driverLevel, pctRange } from './state.js';

const PRESET_FILES = import.meta.glob('../../scenarios/*.toml', { query: '?raw', import: 'default', eager: true });
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00']; // Okabe–Ito: colour-blind safe
const CHARTS = ['homeless_per_10k', 'sit1_per_10k', 'sit3_per_10k', 'sit4_per_10k', 'executed_evictions_per_10k',
  'payment_orders_per_1000_rentals', 'n_social_contracts', 'n_housing_first_tenancies', 'cost_total_sek', 'n_homeless_families',
  'n_homeless_single_adults', 'n_homeless_young_adults', 'n_homeless_newly_arrived', 'n_homeless_violence_exposed', 'n_homeless_support_needs'];
const SUMMARY = ['cum_executed_evictions'];
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
const fmt = (x, digits = 1) => new Intl.NumberFormat(state.lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(x);
const signed = (x, digits = 1) => (x > 0 ? '+' : x < 0 ? '−' : '±') + fmt(Math.abs(x), digits);

function showError(message) {
  const box = $('#error');
  box.textContent = message;
  box.hidden = !message;
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
  if (m.type === 'done') $('#progress').value = 1;
  if (m.type === 'done' || m.type === 'cancelled') { setRunning(false, m.type); return; }
  if (m.type === 'error') { setRunning(false, 'error'); showError(`${t().errors.worker}: ${m.message}`); }
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

/** For the browser tests: makes the model panic on purpose (see `panic_on_purpose` in crate/wasm.rs). */
window.hemmaSelfTest = () => ask({ type: 'panic', message: 'self-test of the internal-error path' });

startWorker();

async function start() {
  for (const text of Object.values(PRESET_FILES)) {
    const s = JSON.parse((await ask({ type: 'normalise', text })).json);
    presetScenarios[catalogue.presets.find((p) => p.name === s.preset || p.id === s.preset)?.id ?? s.preset] = s;
  }
  let linkError = '';
  if (location.hash) {
    try { state = fromHash(location.hash, catalogue); } catch (e) { linkError = `${TEXT[state.lang].errors.badLink}: ${e.message}`; }
    const notes = moveToProjection(state, dataYear());
    if (notes.length && !linkError) linkError = `${TEXT[state.lang].moved}: ${notes.join('; ')}`;
  }
  buildStatic();
  buildControls();
  runAll();
  showError(linkError); // after runAll, which clears old messages
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
  $('#cancel').disabled = !on;
  $('#status').textContent = on ? t().running : how === 'done' ? t().done : how === 'cancelled' ? t().cancelled : '';
  document.body.dataset.state = on ? 'running' : how;
}

function runAll() {
  showError('');
  const id = `run${++runId}`;
  if (currentRun) worker.postMessage({ type: 'cancel', id: currentRun });
  currentRun = id;
  results = null;
  const base = baseScenario();
  const scenarios = state.scenarios.map((_, i) => scenarioJson(state, i, base, t().baseline, dataYear(), levels()));
  history.replaceState(null, '', toHash(state));
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
  $('#cancel').textContent = t().cancel;
  $('#share').textContent = t().share;
  $('#export').textContent = t().exportToml;
  $('#import-label').textContent = t().importToml;
  $('#cli').textContent = t().copyCli;
  $('#workshop').textContent = t().workshop;
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
  box.append(numberInput(t().replications, state.replications, (v) => { state.replications = clampInt(v, 1, 100, state.replications); runAll(); }, { min: 1, max: 100, id: 'replications' }));
  state.scenarios.forEach((s, i) => box.append(scenarioCard(s, i)));
  if (state.scenarios.length < MAX_SCENARIOS) {
    box.append(el('button', { id: 'add-scenario', type: 'button', text: t().addScenario, onclick: () => {
      state.scenarios.push({ name: `Scenario ${state.scenarios.length}`, instruments: [] });
      buildControls();
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
      if (e.target.value.trim() === '') { e.target.setAttribute('aria-invalid', 'true'); showError(`${placeLabel('name')}: ${t().required}`); return; }
      e.target.removeAttribute('aria-invalid');
      place.name = e.target.value;
      buildControls();
      runAll();
    } })));
  for (const f of catalogue.place_fields) {
    const id = `in${++runId}`;
    const national = f.national === null || f.national === undefined ? t().nationalRate : `${fmt(f.national, 2)} (${t().national})`;
    // Text with a decimal keyboard, so that a decimal comma is accepted (a number field refuses it).
    const input = el('input', { id, type: 'text', inputmode: f.name === 'population' ? 'numeric' : 'decimal', value: place[f.name] ?? '',
      placeholder: f.required ? undefined : national, required: f.required, 'data-field': f.name,
      onchange: (e) => {
        const raw = e.target.value.replace(',', '.');
        const v = raw === '' ? undefined : Number(raw);
        const problem = checkPlaceField(f, v);
        if (problem) {
          e.target.setAttribute('aria-invalid', 'true');
          showError(`${placeLabel(f.name)} (${f.name}) = ${raw || '—'}: ${problem === 'required' ? t().required : `${t().allowed} ${fmt(f.min, 6)} ${t().to} ${fmt(f.max, 6)} ${f.unit}`}`);
          return;
        }
        const next = { ...place };
        if (v === undefined) delete next[f.name]; else next[f.name] = v;
        const sum = next.rental_share_pct + next.coop_share_pct + next.owner_share_pct;
        if (Math.abs(sum - 100) > 2) {
          e.target.setAttribute('aria-invalid', 'true');
          showError(`${t().tenureSum} (${fmt(sum, 1)})`);
          return;
        }
        e.target.removeAttribute('aria-invalid');
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
  } else {
    const missing = catalogue.place_fields.filter((f) => !f.required && state.place[f.name] === undefined).map((f) => placeLabel(f.name));
    if (missing.length) box.append(el('p', { class: 'national', 'data-national': missing.length, text: `${t().nationalFor}: ${missing.join(', ')}` }));
  }
  return box;
}

function clampInt(v, lo, hi, fallback) {
  const x = Math.round(Number(v));
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : fallback;
}

function scenarioCard(s, i) {
  const colour = PALETTE[i % PALETTE.length];
  const card = el('fieldset', { class: 'scenario', style: `border-color:${colour}`, 'data-index': i });
  if (i === 0) {
    card.append(el('legend', { text: t().baseline }));
    const base = baseScenario();
    const list = el('ul', { class: 'preset-instruments' });
    for (const inst of base.instruments) list.append(el('li', { text: INSTRUMENT_LABELS[state.lang][inst.kind] ?? inst.kind }));
    if (state.preset === 'custom') list.append(el('li', { class: 'fine', text: t().nationalMix }));
    card.append(list);
    card.append(el('p', { class: 'fine', text: t().recordedGoOn(dataYear()) }));
    return card;
  }
  const name = el('input', { type: 'text', value: s.name, maxlength: 80, 'aria-label': t().scenarioName, onchange: (e) => { s.name = e.target.value; runAll(); } });
  card.append(el('legend', {}, name));
  s.instruments.forEach((inst, j) => card.append(instrumentEditor(s, inst, j)));
  if (s.instruments.length < MAX_INSTRUMENTS) {
    card.append(addPicker('add-instrument', t().addInstrument, catalogue.instruments.map((d) => d.kind), INSTRUMENT_LABELS, (kind) => {
      // A choice the model requires is written out with its first option.
      const settings = {};
      for (const row of settingsOf(catalogue, kind)) if (row.type === 'choice' && row.default === null) settings[row.name] = row.options[0];
      s.instruments.push({ kind, start: dataYear() + 1, end: null, settings });
    }));
  }
  s.conditions ??= [];
  s.conditions.forEach((c, k) => card.append(conditionEditor(s, c, k)));
  if (s.conditions.length < MAX_CONDITIONS) {
    card.append(addPicker('add-condition', t().addCondition, catalogue.drivers.map((d) => d.name), DRIVER_LABELS, (driver) => {
      s.conditions.push({ driver, from: dataYear() + 1, pct: 100 });
    }));
  }
  card.append(el('button', { type: 'button', class: 'remove', text: t().removeScenario, onclick: () => { state.scenarios.splice(i, 1); buildControls(); runAll(); } }));
  return card;
}

/**
 * A list to add one of `names` (shown with their `labels` in the page's
 * language) to a scenario: `add(name)` adds it, then the controls are rebuilt.
 */
function addPicker(cls, label, names, labels, add) {
  const pick = el('select', { class: cls, 'aria-label': label });
  pick.append(el('option', { value: '', text: `${label}…` }));
  for (const name of names) pick.append(el('option', { value: name, text: labels[state.lang][name] ?? name }));
  pick.addEventListener('change', () => {
    if (!pick.value) return;
    add(pick.value);
    buildControls();
  });
  return pick;
}

function instrumentEditor(s, inst, j) {
  const box = el('div', { class: 'instrument', 'data-kind': inst.kind });
  box.append(el('h4', { text: INSTRUMENT_LABELS[state.lang][inst.kind] ?? inst.kind }));
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
  const input = el('input', { id, type: 'number', value: c.pct, min: lo, max: hi, step: 'any', 'data-field': 'pct',
    onchange: (e) => {
      const v = Number(e.target.value);
      if (e.target.value === '' || !Number.isFinite(v) || v < lo || v > hi) {
        e.target.setAttribute('aria-invalid', 'true');
        showError(`${DRIVER_LABELS[state.lang][c.driver] ?? c.driver} = ${e.target.value} %: ${t().allowed} ${lo} ${t().to} ${hi} %`);
        return;
      }
      e.target.removeAttribute('aria-invalid');
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

/** The allowed values of a setting in the page's language. */
function rangeOf(row) {
  if (row.type === 'flag') return t().yesNo;
  if (row.type === 'choice') return `${t().oneOf} ${row.options.map((o) => translated(OPTION_LABELS, o, o).text).join(', ')}`;
  return `${fmt(row.min, 6)} ${t().to} ${fmt(row.max, 6)}`;
}

/** The allowed values with the unit, in the page's language: "0 till 1 000 000 hyresavtal". */
function allowedText(row) {
  return row.unit ? `${rangeOf(row)} ${unitLabel(row.unit)}` : rangeOf(row);
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
  const unit = row.unit ? translated(UNIT_LABELS, row.unit, row.unit) : { text: '', missing: false };
  const current = inst.settings[row.name] ?? defaultOf(row);
  const title = `${row.description} ${t().source}: ${row.source}`;
  const set = (v) => {
    if (v === undefined) delete inst.settings[row.name]; else inst.settings[row.name] = v;
    runAll();
  };
  let input;
  if (row.type === 'flag') {
    input = el('input', { id, type: 'checkbox', checked: current === true, title, onchange: (e) => set(e.target.checked) });
  } else if (row.type === 'choice') {
    input = el('select', { id, title, onchange: (e) => set(e.target.value) });
    for (const o of row.options) input.append(el('option', { value: o, text: translated(OPTION_LABELS, o, o).text, selected: o === current }));
  } else {
    input = el('input', { id, type: 'number', value: current ?? '', min: row.min, max: row.max, step: row.type === 'whole' ? 1 : 'any', title,
      placeholder: row.type === 'optional' ? t().absent : undefined,
      onchange: (e) => {
        const raw = e.target.value;
        if (raw === '') { e.target.removeAttribute('aria-invalid'); set(undefined); return; }
        const v = Number(raw);
        const problem = checkSetting(row, v);
        if (problem) {
          e.target.setAttribute('aria-invalid', 'true');
          showError(`${label.text} (${row.name}) = ${raw}: ${t().allowed} ${allowedText(row)}`);
          return;
        }
        e.target.removeAttribute('aria-invalid');
        set(v);
      } });
  }
  input.dataset.field = row.name;
  const wrap = el('label', { for: id, class: row.type === 'flag' ? 'setting flag' : 'setting' },
    el('span', { text: label.text }), input, unit.text ? el('span', { class: 'unit', text: unit.text }) : null);
  if (label.missing || unit.missing) wrap.dataset.untranslated = 'true';
  return wrap;
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

/** Bands of one output per period, scaled to the whole municipality; monthly flows are annualised like yearly sums. */
function band(s, output) {
  const m = monthly();
  const flat = results.series[s][output][m ? 'monthly' : 'yearly'];
  const flow = catalogue.outputs.find((o) => o.name === output)?.kind === 'flow';
  const k = scaleOf(output, s) * (m && flow ? 12 : 1);
  const rows = [];
  for (let i = 0; i * 6 < flat.length; i++) {
    rows.push({ ...period(i, m), mean: flat[i * 6] * k, p5: flat[i * 6 + 1] * k, p25: flat[i * 6 + 2] * k, p50: flat[i * 6 + 3] * k, p75: flat[i * 6 + 4] * k, p95: flat[i * 6 + 5] * k });
  }
  return revealed(rows);
}

function scenarioName(i) {
  return i === 0 ? t().baseline : state.scenarios[i].name || `Scenario ${i}`;
}

function render() {
  if (!results) return;
  renderHeadlines();
  const alternatives = results.differences.length > 0;
  for (const output of DIFFERENCES) {
    if (alternatives) renderDifference(output);
    else if (charts[`diff-${output}`]) { charts[`diff-${output}`].plot?.destroy(); charts[`diff-${output}`].fig.remove(); delete charts[`diff-${output}`]; }
  }
  for (const output of CHARTS) renderChart(output);
  // Differences first, then the fans, in a fixed order.
  const order = [...DIFFERENCES.map((o) => `diff-${o}`), ...CHARTS];
  for (const id of order) if (charts[id]) $('#charts').append(charts[id].fig);
  renderEvents();
  if (results.partial) return; // the history so far: no replication has finished
  document.body.dataset.replications = results.replications;
  $('#fingerprint').textContent = `replication 0 fingerprints: ${results.fingerprints.map((f) => f[0]).join(' ')}`;
  $('#fingerprint').dataset.baseline = results.fingerprints[0][0];
}

/**
 * One line per scenario: the paired difference from the baseline in homeless
 * per 10,000 at the end (in workshop mode: at the clock) with its 90%
 * interval, evictions over the period so far, and the mean yearly cost.
 */
function renderHeadlines() {
  const box = $('#headlines');
  box.replaceChildren();
  const m = reveal !== null && monthly();
  const key = m ? 'monthly' : 'yearly';
  for (let k = 1; k < state.scenarios.length && k < results.series.length; k++) {
    const d = results.differences[k - 1];
    const h = d.homeless_per_10k[key];
    const last = m ? Math.min(reveal, h.length / 3 - 1) : h.length / 3 - 1;
    const scale = 1 / results.meta[k].scale;
    const ev = d.cum_executed_evictions[key];
    const cost = d.cost_total_sek[key];
    // Mean yearly cost over the projection so far (the history costs the same).
    const from = historyPeriods(m);
    let costSum = 0;
    for (let p = from; p <= last; p++) costSum += cost[p * 3];
    const perYear = (costSum / Math.max(1, last - from + 1)) * (m ? 12 : 1) * scale;
    const text = t().headline(period(last, m).label, signed(h[last * 3]), signed(h[last * 3 + 1]), signed(h[last * 3 + 2]),
      signed(ev[last * 3] * scale, 0), signed(perYear, 0));
    box.append(el('p', { class: 'headline', style: `border-color:${PALETTE[k % PALETTE.length]}` },
      el('strong', { text: scenarioName(k) }), el('span', { text: ` ${t().vsBaseline}, ${text}` })));
    const detail = results.headlines?.[k - 1];
    if (detail) box.append(headlineDetail(detail, k));
  }
  const first = results.headlines?.[0];
  if (first) box.append(headlineYear(first.year), el('p', { class: 'note', text: t().detail.note }));
}

/** A change in words: "41 färre [23–59]", or "ingen säker skillnad (−5 – +8)". */
function changeText(c) {
  const d = t().detail;
  const n = (x) => fmt(Math.abs(x), 0);
  if (c.certainty === 'lower') return `${n(c.mean)} ${d.fewer} [${n(c.high)}–${n(c.low)}]`;
  if (c.certainty === 'higher') return `${n(c.mean)} ${d.more} [${n(c.low)}–${n(c.high)}]`;
  return `${d.uncertain} (${signed(c.low, 0)} – ${signed(c.high, 0)})`;
}

/** The library's headline of scenario `k` (crate/compare.rs): the page only formats it. */
function headlineDetail(h, k) {
  const d = t().detail;
  const [from, to] = projectionYears(results.meta[k]);
  const negate = (c) => ({ mean: -c.mean, low: -c.high, high: -c.low, certainty: c.certainty === 'lower' ? 'higher' : c.certainty === 'higher' ? 'lower' : c.certainty });
  const money = (c) => `${fmt(c.mean, 0)} [${fmt(c.low, 0)}–${fmt(c.high, 0)}]`;
  const perYear = h.net_cost_sek_per_person_year_avoided;
  const items = [
    `${d.homeless(h.year)}: ${changeText(h.homeless_at_year)}`,
    `${d.personYears(from, to)}: ${changeText(negate(h.homeless_person_years_avoided))}`,
    `${d.evictions(from, to)}: ${changeText(negate(h.executed_evictions_avoided))}`,
    d.costs(fmt(h.running_years, 1), money(h.gross_cost_sek_per_year), money(h.savings_sek_per_year)),
    `${d.perYear}: ${perYear == null ? d.noReduction : `${fmt(perYear, 0)} ${state.lang === 'sv' ? 'kr' : 'SEK'}`}`,
  ];
  return el('ul', { class: 'headline-detail', 'data-scenario': String(k) }, ...items.map((text) => el('li', { text })));
}

/** First and last calendar year of a run's projection (its meta: first reported year, months in all, months of history). */
function projectionYears(meta) {
  return [meta.startYear + Math.floor(meta.historyMonths / 12), meta.startYear + Math.ceil(meta.horizon / 12) - 1];
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
    const lines = [`${monthly() ? 'month' : 'year'},period,scenario,output,mean,p5,p25,p50,p75,p95`];
    per.forEach((rows, s) => rows.forEach((r) => lines.push([r.label, r.i < h ? 'history' : 'projection', scenarioName(s), output, r.mean, r.p5, r.p25, r.p50, r.p75, r.p95].map(csvCell).join(','))));
    return lines;
  };
  const c = t().columns;
  drawBands(output, t().charts[output] ?? output, groups, csv, [c.median, c.p5, c.p95]);
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
    return { s: k + 1, rows: revealed(rows) };
  });
  const csv = () => {
    const lines = [`${m ? 'month' : 'year'},scenario,output,difference_mean,low90,high90`];
    groups.forEach((g) => g.rows.forEach((r) => lines.push([r.label, scenarioName(g.s), output, r.mid, r.lo, r.hi].map(csvCell).join(','))));
    return lines;
  };
  const c = t().columns;
  drawBands(id, `${t().difference}: ${t().charts[output] ?? output}`, groups, csv, [c.difference, c.low, c.high]);
}

/**
 * The rows that carry a year tick, on screen and in SVG files: each year (its
 * mid-year point, or January in workshop mode), every other one past 15 years.
 */
function yearTicks(rows) {
  const years = rows.filter((r) => r.month === undefined || r.month === 0);
  // Every year, every other past 12, every fifth past 20 — counted from the
  // projection's first year, so that it always carries a tick.
  const step = years.length <= 12 ? 1 : years.length <= 20 ? 2 : 5;
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
  ctx.font = `${12 * devicePixelRatio}px sans-serif`;
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

/** Draws `groups` (one per scenario: rows of lo/mid/hi, optionally innerLo/innerHi) into chart `id`, with its tools and data table. */
function drawBands(id, title, groups, csvLines, columns) {
  if (!charts[id]) {
    const fig = el('figure', { class: 'chart', id: `chart-${id}` });
    $('#charts').append(fig);
    charts[id] = { fig, plot: null };
  }
  const { fig } = charts[id];
  Object.assign(charts[id], { title, groups });
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
  const ticks = yearTicks(rows0).map((r) => r.t);
  const data = [xs];
  const series = [{}];
  const bands = [];
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
    }
  }
  const big = document.body.classList.contains('workshop');
  const width = Math.max(300, Math.min(fig.clientWidth - 16, big ? 1400 : 900));
  const obs = observedPoint(id);
  Object.assign(charts[id], { observed: obs });
  const opts = {
    title, width, height: big ? 420 : 260, series, bands,
    legend: { show: false },
    scales: {
      x: { time: true, range: (u, lo, hi) => [obs ? Math.min(lo, obs.t - 30 * 86400) : lo, hi] },
      y: { range: (u, lo, hi) => [Math.min(0, lo * 1.1), Math.max(hi > 0 ? hi * 1.1 : 1, obs ? obs.value * 1.2 : 0)] },
    },
    axes: [{ splits: () => ticks, values: (u, ticks) => ticks.map((v) => new Date(v * 1000).getUTCFullYear()),
      ...(big ? { font: '18px sans-serif' } : {}) },
      { size: 70, values: (u, ticks) => ticks.map((v) => fmt(v, 1)), ...(big ? { font: '18px sans-serif' } : {}) }],
    hooks: { draw: [(u) => drawEvents(u), (u) => { if (obs) drawObserved(u, obs); }] },
  };
  if (charts[id].plot) charts[id].plot.destroy();
  fig.replaceChildren();
  const holder = el('div', { class: 'plot', role: 'img', 'aria-label': `${title}. ${t().dataTable} below.` });
  fig.append(holder);
  charts[id].plot = new uPlot(opts, data, holder);
  const tools = el('div', { class: 'chart-tools' },
    el('button', { type: 'button', class: 'csv', text: t().csv, 'aria-label': `${t().csv}: ${title}`, onclick: () => downloadCsv(id, csvLines()) }),
    el('button', { type: 'button', class: 'png', text: t().png, 'aria-label': `${t().png}: ${title}`, onclick: () => downloadPng(id) }),
    el('button', { type: 'button', class: 'svg', text: t().svg, 'aria-label': `${t().svg}: ${title}`, onclick: () => downloadSvg(id).catch((e) => showError(e.message)) }));
  fig.append(tools, dataTable(id, groups, columns));
  if (obs) {
    fig.insertBefore(el('p', { class: 'observed', 'data-value': obs.value, 'data-own': String(obs.own),
      text: `◆ ${obs.label}, ${obs.source}: ${fmt(obs.value, obs.value < 10 ? 2 : 0)} ${t().per10k}.${id === 'homeless_per_10k' ? ` ${t().startsFromCount}` : ''}` }), tools);
  }
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
  return el('details', {}, el('summary', { text: t().dataTable }), table);
}

function csvCell(v) {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Which code made the numbers, as `hemma --version` says it; on every export. */
function provenance() {
  return `hemma ${catalogue.version} (commit ${catalogue.git_commit})`;
}

/** A chart's rows as CSV; every row ends with the version and commit that made it (as the CLI's tables). */
function downloadCsv(id, lines) {
  const tail = [catalogue.version, catalogue.git_commit].map(csvCell).join(',');
  const text = lines.map((l, i) => `${l},${i === 0 ? 'hemma_version,git_commit' : tail}`).join('\n') + '\n';
  download(`hemma-${state.preset}-${id}.csv`, new Blob([text], { type: 'text/csv' }));
}

/**
 * The chart as drawn on screen, on white, with a footer naming the code that
 * made it and saying that the bands are simulation spread (wrapped to the
 * chart's width).
 */
function downloadPng(output) {
  const chart = charts[output].fig.querySelector('canvas');
  const ratio = window.devicePixelRatio || 1;
  const line = Math.round(PNG_FOOTER_LINE_PX * ratio);
  const pad = Math.round(8 * ratio);
  const font = `${Math.round(13 * ratio)}px sans-serif`;
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = font;
  const lines = [];
  for (const text of [provenance(), t().bandsNote]) {
    let current = '';
    for (const word of text.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (current && measure.measureText(next).width > chart.width - 2 * pad) {
        lines.push(current);
        current = word;
      } else {
        current = next;
      }
    }
    lines.push(current);
  }
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = chart.height + lines.length * line + pad;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(chart, 0, 0);
  ctx.fillStyle = '#555';
  ctx.font = font;
  ctx.textBaseline = 'middle';
  lines.forEach((text, k) => ctx.fillText(text, pad, chart.height + (k + 0.5) * line));
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
  marks.push(Plot.text([t().bandsNote], { text: (d) => d, frameAnchor: 'bottom-left', dy: 44, fill: '#555', lineWidth: 80 }));
  marks.push(Plot.text([provenance()], { text: (d) => d, frameAnchor: 'bottom-right', dx: 230, dy: 64, fill: '#555', textAnchor: 'end' }));
  const svg = Plot.plot({
    width: 1000, height: 460, marginTop: 50, marginRight: 240, marginBottom: 80, marginLeft: 70,
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
      ctx.font = `${12 * devicePixelRatio}px sans-serif`;
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
  clearInterval(playing);
  playing = null;
  $('#play').textContent = t().play;
}

$('#play').addEventListener('click', () => {
  if (playing) { stopPlay(); return; }
  if (reveal === null) setReveal(results ? historyPeriods(true) : null);
  playing = setInterval(() => stepMonths(1), 300);
  $('#play').textContent = t().pause;
});
$('#step').addEventListener('click', () => { stopPlay(); stepMonths(1); });
$('#step-year').addEventListener('click', () => { stopPlay(); stepMonths(12); });
$('#workshop').addEventListener('click', async () => {
  const on = document.body.classList.toggle('workshop');
  $('#workshop').setAttribute('aria-pressed', String(on));
  if (on && document.documentElement.requestFullscreen && !document.fullscreenElement) {
    try { await document.documentElement.requestFullscreen(); } catch { /* not allowed without a gesture in some browsers */ }
  }
  if (on) {
    // The link to take home: the whole scenario set, as a QR code and as text.
    history.replaceState(null, '', toHash(state));
    const canvas = $('#qr');
    try { await QRCode.toCanvas(canvas, location.href, { width: 220, margin: 1, errorCorrectionLevel: 'L' }); } catch (e) { canvas.hidden = true; }
    $('#qr-url').textContent = location.href.length > 90 ? location.href.slice(0, 87) + '…' : location.href;
  }
  if (!on) { stopPlay(); setReveal(null); if (document.fullscreenElement) document.exitFullscreen?.(); }
  Object.values(charts).forEach((c) => { c.plot?.destroy(); c.plot = null; });
  render();
});

// ---------------------------------------------------------------- buttons

$('#run').addEventListener('click', runAll);
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
$('#cli').addEventListener('click', async () => {
  const i = state.scenarios.length - 1;
  const file = `hemma-${state.preset}-${i}.toml`;
  const cmd = `cat > ${file} <<'EOF'\n${await currentToml(i)}EOF\nhemma run ${file}\n`;
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
