// The page's one store: the scenario set (what a link holds), the catalogue and
// presets from the model, the last results and the view (workshop clock,
// open questions, charts drawn). Modules read it through the selectors
// below. What the worker sends (catalogue, results, the run's state) comes in
// through `receive*` and `setRun`, which announce it under a topic; the
// renderers subscribe to the topics they draw (`subscribe`), so that the
// worker client knows no renderer. User actions are named functions of the
// scenario set (www/src/actions.js) that the store does (`act`, `edit`); an
// acted change is announced under `scenarios`, and main.js runs it.
import { defaultState, driverLevel } from './state.js';
import { scenarioJson, customBase } from './scenario-json.js';
import { fmt as fmtIn, signed as signedIn } from './format.js';
import { TEXT } from './i18n.js';
import { rowsOf } from './layout.js';
import { wholePlaceFactor } from './roles.js';

/** Everything the page knows; one object, so that no module keeps its own copy. */
export const store = {
  /** The model's tables (outputs, presets, instruments and their settings, drivers, version). */
  catalogue: null,
  /** The scenario set: what a link holds (www/src/state.js checks it). */
  state: defaultState(),
  /** Preset id → its normalised scenario file. */
  presetScenarios: {},
  /** Preset id → the comment above each of its instruments (where it comes from). */
  presetNotes: {},
  /** The last update from the worker: series, differences, headlines, fingerprints, meta. */
  results: null,
  /** A counter for element and message ids. */
  runId: 0,
  /** Chart id → its figure, plot and what it shows. */
  charts: {},
  /** The workshop clock: the last month shown from the first reported month (null: all). */
  reveal: null,
  /** The play timer while the clock plays (null: paused). */
  playing: null,
  /** The id of the run whose messages count. */
  currentRun: null,
  /** The open question "change the baseline's level or add on top?": scenario and kind, or null. */
  choosing: null,
  /** Whether the workshop view is on (the page's body then has the class `workshop`, for the style). */
  workshop: false,
  /** Pixels each row of the workshop's charts gives up so that wrapped titles and legends still fit (charts.js `fitToScreen`). */
  workshopTrim: 0,
  /** The workshop clock's speed, months a second. */
  speed: 4,
  /** Whether the charts start in 2020 ("Visa från 2020"; a view of the page, not part of a link). */
  from2020: false,
  /** Whether the editor is open on a phone (the body's class `editing`). */
  editing: false,
  /** The headlines at the workshop clock's year, and that year. */
  clockHeadlines: null,
  clockYear: null,
  /** The scenario set the results shown were run from (`runKey`), or null before the first run. */
  ranKey: null,
  /** The current run: `state` idle, waiting (a heavy link asks first), running, done, cancelled or error; `progress` 0–1. */
  run: { state: 'idle', progress: 0 },
};

/**
 * The topics a change of the store is announced under: `catalogue` (the
 * model is ready), `scenarios` (a user action changed the scenario set:
 * it runs), `results` (an update of the current run), `progress` and `run`
 * (the run's state changed; a finished run once, with state done) and
 * `editor` (the editor is to be built again from the store).
 */
export const TOPICS = ['catalogue', 'scenarios', 'results', 'progress', 'run', 'editor'];

const listeners = new Map(TOPICS.map((topic) => [topic, []]));

/** Calls `fn` after every change announced under `topic` (one of TOPICS). */
export function subscribe(topic, fn) {
  if (!listeners.has(topic)) throw new Error(`no store topic "${topic}"; topics are ${TOPICS.join(', ')}`);
  listeners.get(topic).push(fn);
}

/** Announces a change under `topic` to its subscribers, in the order they subscribed. */
function publish(topic) {
  for (const fn of listeners.get(topic)) fn();
}

/** The model's catalogue has arrived: the page can start. */
export function receiveCatalogue(catalogue) {
  store.catalogue = catalogue;
  publish('catalogue');
}

/**
 * Does user action `action` (one of www/src/actions.js) with `args` on the
 * scenario set and announces the change under `scenarios`: the set runs
 * (main.js subscribes).
 */
export function act(action, ...args) {
  action(store.state, ...args);
  publish('scenarios');
}

/**
 * Does user action `action` without announcing it: an added scenario,
 * instrument or condition at its defaults waits for "Kör" or its first
 * change, so that adding several things does not start a run for each.
 */
export function edit(action, ...args) {
  action(store.state, ...args);
}

/** Asks for the editor to be built again from the store (www/src/editor.js answers): after an action that adds, removes or moves a field. */
export function rebuildEditor() {
  publish('editor');
}

/** The scenario set as a run sees it (not the page's language), to compare with the one the results shown were run from. */
export const runKey = () => JSON.stringify({ ...store.state, lang: undefined });

/** Whether the scenario set has changed since the results shown were run (an addition waiting for "Kör"). */
export const notRun = () => store.ranKey !== null && store.ranKey !== runKey();

/** Replaces the whole scenario set (a link or a scenario file read and checked by main.js); the caller runs it. */
export function load(state) {
  store.state = state;
}

/** An update of the current run (the history so far, or replications finished). */
export function receiveResults(results) {
  store.results = results;
  publish('results');
}

/** The current run's share done, 0–1. */
export function receiveProgress(share) {
  store.run.progress = share;
  publish('progress');
}

/** The current run's state changes (idle, waiting, running, done, cancelled, error). */
export function setRun(state) {
  store.run = { state, progress: state === 'done' ? 1 : state === 'running' ? 0 : store.run.progress };
  publish('run');
}

/** The scenarios' colours (Okabe–Ito: safe for colour-blind readers), the baseline first. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00']; // Okabe–Ito: colour-blind safe

/** The page's texts in its language (www/src/i18n.js). */
export const t = () => TEXT[store.state.lang];

/** A number in the page's language, at most `digits` decimals. */
export const fmt = (x, digits = 1) => fmtIn(store.state.lang, x, digits);

/** A number with its sign, in the page's language. */
export const signed = (x, digits = 1) => signedIn(store.state.lang, x, digits);

/** The scenario files of the page's state, the baseline first, as the worker runs them. */
export function scenarioTexts() {
  const base = baseScenario();
  return store.state.scenarios.map((_, i) => scenarioJson(store.state, i, base, scenarioName(i), dataYear(), levels()));
}

/** The projection's first year (January): the current year of the model's data. */
export const dataYear = () => store.catalogue.data_year;
/** The projection's last calendar year: the data year and the years ahead. */
export const lastYear = () => dataYear() + store.state.years - 1;
/** The first year of every run: the observed start. */
export const firstYear = () => store.catalogue.history_start_year;

/** The baseline scenario: the preset's scenario file, or a custom place's. */
export function baseScenario() {
  return store.state.preset === 'custom' ? customBase(store.state.place, nationalMix(), store.catalogue) : store.presetScenarios[store.state.preset];
}

/** Each driver's level in the data year at the place shown (a custom place: the country's), by driver name. */
export function levels() {
  return Object.fromEntries(store.catalogue.drivers.map((d) => [d.name, driverLevel(d, store.state.preset)]));
}

/** The national preset's scenario and population: a custom place's baseline is its instrument mix, scaled. */
export function nationalMix() {
  return { scenario: store.presetScenarios.sverige, population: store.catalogue.presets.find((p) => p.id === 'sverige').population };
}

/**
 * The place's homeless count per 10,000 residents, its year (a preset's:
 * May 2011; a custom place's: the year given with it), and whether it is
 * the place's own (`own`: false where the national rate of 2011 stands in
 * for a custom place without a count).
 */
export function countedRate() {
  const p = placeInfo();
  if (p) return { value: p.homeless_per_10k, own: p.homeless_flag !== 'national', year: p.count_year };
  const given = store.state.place.homeless_per_10k;
  return given === undefined ? { value: store.catalogue.presets.find((x) => x.id === 'sverige').homeless_per_10k, own: false, year: 2011 } : { value: given, own: true, year: store.state.place.homeless_count_year ?? 2011 };
}

/**
 * The baseline's median of a stock `output` in the data year (the last year
 * of history), for the whole place (a total divided by the scale): what the model holds of the place
 * now, e.g. homeless persons with support needs, which no count gives.
 * `null` before the first run or if the output was not sent.
 */
export function modelledNow(output) {
  const r = store.results;
  const flat = r?.series[0]?.[output]?.yearly;
  const year = (r?.meta[0].historyMonths ?? 0) / 12 - 1;
  if (!flat || year < 0) return null;
  const row = rowsOf(flat, store.catalogue.band_fields, wholePlaceFactor(store.catalogue, output, r.meta[0].scale))[year];
  return row ? { value: row.p50, year: r.meta[0].startYear + year } : null;
}

/** The place shown: a preset from the catalogue, or the custom place as the model would read it. */
export function placeInfo() {
  if (store.state.preset !== 'custom') return store.catalogue.presets.find((p) => p.id === store.state.preset);
  return null;
}

/** Scenario `i`'s name as shown: the baseline's ("Ändrat nuläge" when a link changes it), or the name given. */
export function scenarioName(i) {
  if (i === 0) return baselineChanged() ? t().changedBaseline : t().baseline;
  return store.state.scenarios[i].name || `Scenario ${i}`;
}

/** Whether the link adds instruments or conditions to the baseline itself ("Ändrat nuläge", never hidden). */
export const baselineChanged = () => store.state.scenarios[0].instruments.length > 0 || (store.state.scenarios[0].conditions?.length ?? 0) > 0;

/** A scenario's id in exports: stable whatever the page's language or the scenario's name. */
export const scenarioId = (s) => (s === 0 ? 'baseline' : `scenario-${s}`);

/** The place of the run: a preset's id, or the custom place's name. */
export const placeId = () => (store.state.preset === 'custom' ? store.state.place.name : store.state.preset);
