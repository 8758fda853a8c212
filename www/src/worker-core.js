// The simulation worker's core: runs the model (WebAssembly) off the main thread.
// It owns every number: the page sends scenario files and receives small
// copies — the outputs the charts show, per replication, and summaries the
// library computes (bands, paired differences). No model logic here.
//
// Messages in:  {type: 'run', id, scenarios: [text...], outputs: [name...]}
//               {type: 'cancel', id}
//               {type: 'normalise', id, text}   {type: 'toml', id, text}
//               {type: 'panic', id, message}   (self-test of the internal-error path)
//               {type: 'estimate', id, scenarios}   (household-months the run would simulate)
//               {type: 'headline', id, year, until, keep}   (the last run's headlines at another year;
//                                                     until: its sums over the projection up to December
//                                                     of that year; keep: false for a one-off, e.g. the
//                                                     workshop clock)
// A replication's history comes from the worker's cache when another
// scenario or an earlier run computed it (`Histories` in crate/wasm.rs).
// Messages out: {type: 'ready', catalogue}
//               {type: 'progress', id, done, total}
//               {type: 'update', id, replications, series, differences, headlines, whys, fingerprints, meta, partial, checks}
//               (headlines: per alternative, the library's comparison in words; crate/compare.rs;
//               whys: per alternative, the library's effect accounting of the pairs, crate/effects;
//               checks: the baseline's history beside every observed point of its place,
//               crate/calibrate/history.rs via crate/wasm.rs `history_checks`)
//               {type: 'headlines', id, headlines}
//               (partial: the baseline's history of replication 0 only, before its projection)
//               {type: 'done', id} | {type: 'cancelled', id}
//               {type: 'error', id, message, internal}   (internal: the model panicked;
//               the instance is unusable and the page starts a new worker)

let api = null;
let cancelled = new Set();
// Each replication's history (2011 to the projection), computed once per
// place, seed and conditions and reused by every scenario and every run.
let histories = null;
// The traced projections of the current run's replications (crate/wasm.rs
// `Traces`), kept in the module for the effect accounting ("Varför?").
let traces = null;
let outputIndex = null;
let nOutputs = 0;
// Rows of the outputs the headline is computed from (catalogue.headline_inputs).
let headIndex = [];
// The last run's scenarios and headline inputs, for a headline at another year.
let last = null;
// The year the page last asked the headline for (0: the library's default); kept across runs.
let headlineYear = 0;

let ready = null;

/**
 * Serves the page's messages with `wasm` — the wasm-bindgen module's
 * exports (an ES module in the served build, the `wasm_bindgen` global in
 * the offline file) — once `init()` has loaded it.
 */
export function serve(wasm, init) {
  api = wasm;
  ready = (async () => {
    await init();
    histories = new api.Histories();
    traces = new api.Traces();
    const cat = JSON.parse(api.catalogue());
    outputIndex = new Map(cat.outputs.map((o, i) => [o.name, i]));
    nOutputs = cat.outputs.length;
    headIndex = cat.headline_inputs.map((name) => outputIndex.get(name));
    self.postMessage({ type: 'ready', catalogue: cat });
  })().catch((e) => self.postMessage({ type: 'error', id: null, ...describe(e) }));
  self.onmessage = onMessage;
}

/** The message of a failed call, and whether the model panicked (an internal error, not bad input). */
function describe(e) {
  const panic = (() => { try { return api.last_panic(); } catch { return ''; } })();
  if (panic) return { message: `internal error (please report): ${panic}`, internal: true };
  return { message: e && e.message ? e.message : String(e), internal: false };
}

const pause = () => new Promise((r) => setTimeout(r, 0));

async function run({ id, scenarios, outputs }) {
  const runners = scenarios.map((text, k) => new api.Runner(text, k === 0 ? 'baseline' : `scenario ${k}`));
  try {
    const reps = Math.min(...runners.map((r) => r.replications()));
    const months = runners[0].horizon();
    const total = reps * runners.reduce((s, r) => s + r.months_per_replication(), 0);
    const picks = outputs.map((name) => {
      if (!outputIndex.has(name)) throw new Error(`unknown output ${name}`);
      return outputIndex.get(name);
    });
    // values[scenario][output] = Float64Array(reps × months), filled replication by replication
    const monthly = runners.map(() => picks.map(() => new Float64Array(reps * months)));
    const years = Math.ceil(months / 12);
    const yearlyVals = runners.map(() => picks.map(() => new Float64Array(reps * years)));
    const fingerprints = runners.map(() => []);
    // heads[scenario][input] = Float64Array(reps × months): the headline's inputs.
    const heads = runners.map(() => headIndex.map(() => new Float64Array(reps * months)));
    last = { scenarios, heads, months, reps: 0 };
    // The baseline's whole rows of the history (2011 to the data year: the
    // years the observed points are of) per replication, for its checks.
    const kept = runners[0].history_months();
    const baseRows = new Float64Array(reps * kept * nOutputs);
    // With alternatives, each replication's projection is traced for the
    // accounting of why they differ (kept Rust-side; only its result comes here).
    const tracing = runners.length > 1;
    traces.clear();
    runners.forEach((r) => r.set_tracing(tracing));
    last.tracing = tracing;
    const history = runners[0].history_months();
    let historyShown = history === 0;
    let done = 0;
    for (let r = 0; r < reps; r++) {
      for (let s = 0; s < runners.length; s++) {
        const runner = runners[s];
        runner.begin_with(r, histories);
        // A kept history comes at once: no partial update then.
        if (r === 0 && s === 0 && runner.reported() >= history) historyShown = true;
        let finished = false;
        while (!finished) {
          finished = runner.step_with(6, histories);
          done += 6;
          // The baseline's first history, as soon as it is there: the first
          // chart need not wait for the projection.
          if (!historyShown && r === 0 && s === 0 && runner.reported() >= history) {
            historyShown = true;
            const flat = runner.rows();
            const yflat = api.yearly_rows(flat.subarray(0, history * nOutputs));
            picks.forEach((o, j) => {
              for (let t = 0; t < history; t++) monthly[0][j][t] = flat[t * nOutputs + o];
              for (let y = 0; y < history / 12; y++) yearlyVals[0][j][y] = yflat[y * nOutputs + o];
            });
            postUpdate(id, 1, runners.slice(0, 1), outputs, monthly, yearlyVals, history, history / 12, [[]], true);
          }
          self.postMessage({ type: 'progress', id, done: Math.min(done, total), total });
          await pause();
          if (cancelled.has(id)) { self.postMessage({ type: 'cancelled', id }); return; }
        }
        const flat = runner.rows();
        const yflat = api.yearly_rows(flat);
        fingerprints[s].push(runner.fingerprint());
        if (tracing) runner.keep_traces(traces, s, r);
        picks.forEach((o, j) => {
          for (let t = 0; t < months; t++) monthly[s][j][r * months + t] = flat[t * nOutputs + o];
          for (let y = 0; y < years; y++) yearlyVals[s][j][r * years + y] = yflat[y * nOutputs + o];
        });
        headIndex.forEach((o, k) => {
          for (let t = 0; t < months; t++) heads[s][k][r * months + t] = flat[t * nOutputs + o];
        });
        if (s === 0) baseRows.set(flat.subarray(0, kept * nOutputs), r * kept * nOutputs);
      }
      last.reps = r + 1;
      const checks = kept ? JSON.parse(api.history_checks(scenarios[0], baseRows.subarray(0, (r + 1) * kept * nOutputs), r + 1, kept)).checks : [];
      postUpdate(id, r + 1, runners, outputs, monthly, yearlyVals, months, years, fingerprints, false, checks);
    }
    self.postMessage({ type: 'done', id });
  } finally {
    runners.forEach((r) => r.free());
    cancelled.delete(id);
  }
}

function slice(arr, reps, periods) {
  return arr.subarray(0, reps * periods);
}

function postUpdate(id, reps, runners, outputs, monthly, yearlyVals, months, years, fingerprints, partial = false, checks = []) {
  const series = runners.map((_, s) => Object.fromEntries(outputs.map((name, j) => [name, {
    monthly: api.bands(slice(monthly[s][j], reps, months), reps, months),
    yearly: api.bands(slice(yearlyVals[s][j], reps, years), reps, years),
  }])));
  const differences = runners.slice(1).map((_, k) => Object.fromEntries(outputs.map((name, j) => [name, {
    monthly: api.paired_differences(slice(monthly[0][j], reps, months), slice(monthly[k + 1][j], reps, months), reps, months),
    yearly: api.paired_differences(slice(yearlyVals[0][j], reps, years), slice(yearlyVals[k + 1][j], reps, years), reps, years),
  }])));
  const headlines = partial ? [] : headlinesAt(headlineYear);
  // Why each alternative differs: the library's accounting of the pairs so far.
  const whys = partial || !last?.tracing || reps < 2 ? [] : runners.slice(1).map((_, k) => JSON.parse(api.accounting(traces, k + 1, reps, runners[0].scale())));
  const meta = runners.map((r) => ({ startYear: r.start_year(), horizon: r.horizon(), historyMonths: r.history_months(), scale: r.scale(), population: r.population(), seed: String(r.seed()), warnings: JSON.parse(r.warnings()) }));
  self.postMessage({ type: 'update', id, replications: reps, series, differences, headlines, whys, fingerprints, meta, partial, checks });
}

/**
 * The library's headline of each alternative against the baseline, from the
 * last run's replications so far, at calendar year `year` (0: the library's
 * default, five years after the alternative's first instrument starts);
 * `until` (a calendar year): the sums over the projection only up to its
 * December (the workshop clock's).
 */
function headlinesAt(year, until = 0) {
  if (!last || last.reps < 2) return [];
  const { scenarios, heads, months, reps } = last;
  const stack = (s) => {
    const out = new Float64Array(heads[s].length * reps * months);
    heads[s].forEach((arr, k) => out.set(arr.subarray(0, reps * months), k * reps * months));
    return out;
  };
  const base = stack(0);
  const one = (text, k) => (until ? api.headline_until(scenarios[0], text, base, stack(k + 1), reps, months, year, until) : api.headline(scenarios[0], text, base, stack(k + 1), reps, months, year));
  return scenarios.slice(1).map((text, k) => JSON.parse(one(text, k)));
}

async function onMessage(e) {
  const msg = e.data;
  try {
    await ready;
    if (msg.type === 'cancel') { cancelled.add(msg.id); return; }
    if (msg.type === 'run') { await run(msg); return; }
    if (msg.type === 'headline') {
      // The year the user picked is kept for the next runs; the workshop clock's (keep: false) is not.
      if (msg.keep !== false) headlineYear = msg.year;
      self.postMessage({ type: 'headlines', id: msg.id, headlines: headlinesAt(msg.year, msg.until ?? 0) });
      return;
    }
    if (msg.type === 'estimate') {
      // Household-months of a run before running it (a heavy link asks first).
      let work = 0;
      for (const text of msg.scenarios) {
        const runner = new api.Runner(text, 'estimate');
        try { work += runner.household_months(); } finally { runner.free(); }
      }
      self.postMessage({ type: 'estimate', id: msg.id, householdMonths: work });
      return;
    }
    if (msg.type === 'normalise') { self.postMessage({ type: 'normalised', id: msg.id, json: api.normalise(msg.text) }); return; }
    if (msg.type === 'toml') { self.postMessage({ type: 'toml', id: msg.id, toml: api.scenario_toml(msg.text) }); return; }
    if (msg.type === 'panic') { api.panic_on_purpose(msg.message); return; }
  } catch (err) {
    self.postMessage({ type: 'error', id: msg.id, ...describe(err) });
  }
}
