//! The WebAssembly facade (feature `wasm`): a thin layer over the same
//! library the CLI uses. No model logic lives here or in the page's
//! JavaScript: a [`Runner`] parses a scenario with [`crate::scenario::parse`]
//! (the CLI's messages, thrown as JS exceptions), steps a
//! [`crate::run::Simulation`] a few months at a time so the Web Worker can
//! report progress and honour a cancel, and hands back small copies — one
//! replication's reported rows as a `Float64Array` — never the population.
//! Summaries over replications (bands, paired differences, calendar years)
//! are the library's own functions.
//!
//! A place's history (2011 to the projection's start) is the same for every
//! scenario with the same seed, so the worker keeps one [`Histories`] and
//! passes it to [`Runner::begin_with`]: the first scenario computes each
//! replication's history, every other one continues from a copy of the
//! state at the boundary ([`crate::run::History`]) and only simulates its
//! projection.
//!
//! A panic inside the model is caught by a hook that keeps its message;
//! the worker reads it with [`last_panic`] after the call traps, the page
//! shows it and replaces the worker (a trapped instance is not reused).
//! [`panic_on_purpose`] exercises that path in the browser tests.
//!
//! Why a scenario differs from the baseline ([`crate::effects`]): a runner
//! asked to ([`Runner::set_tracing`]) records its projection's months
//! ([`crate::model::trace::MonthTrace`]: who is homeless, whom the
//! instruments hold), and [`Runner::keep_traces`] moves a finished
//! replication's into a [`Traces`] store that stays here, like
//! [`Histories`]; [`accounting`] hands the page only the small result of
//! [`crate::effects::account`].

use crate::aggregate::{Band, yearly};
use crate::compare::Difference;
use crate::model::trace::MonthTrace;
use crate::results::{N_OUTPUTS, Row};
use crate::run::{History, Simulation, Traced};
use crate::scenario::{self, Format, Prepared};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Installs the panic hook (called once when the module starts).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = msg);
    }));
}

/// The message of the last panic, empty if none.
#[wasm_bindgen]
pub fn last_panic() -> String {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// Panics with `message`, on purpose: the browser tests call it (through
/// the page's `hemmaSelfTest`) to check that an internal error reaches the
/// page as a readable message and that the page recovers.
#[wasm_bindgen]
pub fn panic_on_purpose(message: &str) {
    panic!("{message}");
}

fn parse(text: &str, origin: &str) -> Result<Prepared, JsError> {
    scenario::parse(text, Format::sniff(text), origin).map_err(|e| JsError::new(&e.to_string()))
}

/// Histories computed so far, by [`Prepared::history_key`]: kept by the
/// worker across runs, so that changing a scenario's instruments recomputes
/// only projections.
#[wasm_bindgen]
#[derive(Default)]
pub struct Histories {
    map: HashMap<u64, History>,
}

/// Histories kept at most (when full, all are dropped: a replication's
/// state at the boundary is a few megabytes).
const MAX_HISTORIES: usize = 64;

#[wasm_bindgen]
impl Histories {
    /// An empty cache.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Histories {
        Histories::default()
    }

    /// Histories kept.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Drops every history.
    pub fn clear(&mut self) {
        self.map.clear();
    }
}

/// The traced projections of a run's replications, by scenario and
/// replication, kept Rust-side for [`accounting`] (the page never sees them).
#[wasm_bindgen]
#[derive(Default)]
pub struct Traces {
    /// `runs[scenario][replication]`, replications from 0 without a gap.
    runs: Vec<Vec<Traced>>,
}

#[wasm_bindgen]
impl Traces {
    /// An empty store.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Traces {
        Traces::default()
    }

    /// Replications of scenario `scenario` kept, from 0 without a gap.
    pub fn kept(&self, scenario: u32) -> u32 {
        self.runs.get(scenario as usize).map_or(0, |v| v.len() as u32)
    }

    /// Drops every trace.
    pub fn clear(&mut self) {
        self.runs.clear();
    }
}

/// Runs the replications of one scenario, a few months per call.
#[wasm_bindgen]
pub struct Runner {
    prepared: Prepared,
    sim: Option<Simulation>,
    rows: Vec<Row>,
    /// The history to keep at the boundary: (key, replication).
    keep: Option<(u64, u32)>,
    /// Whether to trace the projection's months.
    tracing: bool,
    /// The traced projection months of the replication so far.
    traces: Vec<MonthTrace>,
}

#[wasm_bindgen]
impl Runner {
    /// Parses and validates a scenario (TOML or JSON, as for `hemma run`).
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: &str, origin: &str) -> Result<Runner, JsError> {
        Ok(Runner { prepared: parse(scenario, origin)?, sim: None, rows: Vec::new(), keep: None, tracing: false, traces: Vec::new() })
    }

    /// Replications the scenario asks for.
    pub fn replications(&self) -> u32 {
        self.prepared.scenario.replications
    }

    /// Reported months: the history's (from January 2011 to the start
    /// year) and the projection's.
    pub fn horizon(&self) -> u32 {
        self.prepared.timeline().reported_months()
    }

    /// Reported months of history before the projection (0 for a run from 2011).
    pub fn history_months(&self) -> u32 {
        self.prepared.timeline().history_months()
    }

    /// Months simulated per replication, burn-in included.
    pub fn months_per_replication(&self) -> u32 {
        crate::run::months_per_replication(&self.prepared) as u32
    }

    /// Calendar year of the first reported month (2011 for a run with a history).
    pub fn start_year(&self) -> i32 {
        self.prepared.timeline().first_year()
    }

    /// Residents of the preset (for counts of the whole place).
    pub fn population(&self) -> u32 {
        self.prepared.preset.population
    }

    /// What the scenario asks for that will not do what it seems to
    /// ([`Prepared::warnings`]), as JSON: a list of `{field, en, sv}`.
    pub fn warnings(&self) -> String {
        serde_json::to_string(&self.prepared.warnings()).unwrap_or_else(|_| "[]".into())
    }

    /// Share of households simulated.
    pub fn scale(&self) -> f64 {
        self.prepared.scenario.scale
    }

    /// Household-months the whole run simulates (households ≈ residents ×
    /// scale ÷ the mean household size, × months with burn-in, ×
    /// replications): what the run costs, for the page's estimate of its time.
    pub fn household_months(&self) -> f64 {
        let households = self.prepared.preset.population as f64 * self.prepared.scenario.scale / self.prepared.params.mean_household_size();
        households * f64::from(self.months_per_replication()) * f64::from(self.replications())
    }

    /// The scenario's seed (replication `r` draws from streams seeded by it and `r`).
    pub fn seed(&self) -> u64 {
        self.prepared.scenario.seed
    }

    /// Whether the next replications trace their projection's months, for
    /// [`Runner::keep_traces`] and [`accounting`] (off by default: a run
    /// without alternatives needs none).
    pub fn set_tracing(&mut self, on: bool) {
        self.tracing = on;
    }

    /// Moves the finished replication's traced projection into `store` as
    /// replication `replication` of scenario `scenario` (replacing one kept
    /// before, or the next after those kept). Returns whether it was kept:
    /// not if tracing is off, the replication unfinished, or it would leave a gap.
    pub fn keep_traces(&mut self, store: &mut Traces, scenario: u32, replication: u32) -> bool {
        let Some(sim) = self.sim.as_ref().filter(|s| s.finished() && self.tracing) else { return false };
        let (s, r) = (scenario as usize, replication as usize);
        if store.runs.len() <= s {
            store.runs.resize_with(s + 1, Vec::new);
        }
        let runs = &mut store.runs[s];
        if r > runs.len() {
            return false;
        }
        let t = Traced { rows: Vec::new(), traces: std::mem::take(&mut self.traces), instruments: sim.instrument_configs() };
        if r == runs.len() {
            runs.push(t);
        } else {
            runs[r] = t;
        }
        true
    }

    /// Synthesises replication `replication` (burn-in runs in [`Runner::step`]).
    pub fn begin(&mut self, replication: u32) {
        self.sim = Some(Simulation::new(&self.prepared, replication));
        self.rows.clear();
        self.traces.clear();
        self.keep = None;
    }

    /// Like [`Runner::begin`], from the history of replication `replication`
    /// in `histories` if it is there: the history's months are reported at
    /// once and stepping simulates the projection only. Otherwise
    /// [`Runner::step_with`] keeps the history when it passes the boundary.
    /// Results are bit-identical to [`Runner::begin`].
    pub fn begin_with(&mut self, replication: u32, histories: &Histories) {
        let key = self.prepared.history_key(replication);
        match histories.map.get(&key).and_then(|h| h.project(&self.prepared, replication).map(|sim| (sim, h.rows.clone()))) {
            Some((sim, rows)) => {
                self.sim = Some(sim);
                self.rows = rows;
                self.traces.clear();
                self.keep = None;
            }
            None => {
                self.begin(replication);
                self.keep = Some((key, replication));
            }
        }
    }

    /// Like [`Runner::step`], keeping the replication's history in
    /// `histories` when the run passes the boundary (after
    /// [`Runner::begin_with`] found none).
    pub fn step_with(&mut self, months: u32, histories: &mut Histories) -> bool {
        self.advance(months, Some(histories))
    }

    /// Simulates up to `months` months; returns whether the replication is finished.
    pub fn step(&mut self, months: u32) -> bool {
        self.advance(months, None)
    }

    /// Months reported so far in this replication (history and projection).
    pub fn reported(&self) -> u32 {
        self.rows.len() as u32
    }

    /// Months simulated so far in this replication, burn-in included.
    pub fn months_done(&self) -> u32 {
        self.sim.as_ref().map_or(0, |s| s.progress().0)
    }

    /// The reported rows so far, flat: `months × N_OUTPUTS` values, month-major.
    pub fn rows(&self) -> Vec<f64> {
        self.rows.iter().flat_map(|r| r.0).collect()
    }

    /// The fingerprint of the rows (equal to `hemma run`'s for the same scenario and replication).
    pub fn fingerprint(&self) -> String {
        format!("{:016x}", crate::run::fingerprint(&self.rows))
    }
}

impl Runner {
    /// Steps up to `months` months, keeping the history in `histories` (if
    /// given) when the run passes the boundary; returns whether the
    /// replication is finished.
    fn advance(&mut self, months: u32, mut histories: Option<&mut Histories>) -> bool {
        let Some(sim) = self.sim.as_mut() else { return true };
        for _ in 0..months {
            if let (Some((key, replication)), Some(histories)) = (self.keep, histories.as_deref_mut())
                && let Some(h) = History::keep(sim, &self.rows, &self.prepared, replication)
            {
                if histories.map.len() >= MAX_HISTORIES {
                    histories.map.clear();
                }
                histories.map.insert(key, h);
                self.keep = None;
            }
            if sim.finished() {
                break;
            }
            // The projection's months are traced when asked (as
            // `run_replication_traced` does); the history's never.
            if self.tracing && self.rows.len() >= self.prepared.timeline().history_months() as usize {
                if let Some((r, t)) = sim.step_traced() {
                    self.rows.push(r);
                    self.traces.push(t);
                }
            } else if let Some(r) = sim.step() {
                self.rows.push(r);
            }
        }
        sim.finished()
    }
}

fn unflatten(flat: &[f64]) -> Vec<Row> {
    flat.chunks_exact(N_OUTPUTS)
        .map(|c| {
            let mut r = Row::zeros();
            r.0.copy_from_slice(c);
            r
        })
        .collect()
}

/// Calendar-year values of one replication's flat rows (stocks: December,
/// flows: sum, rates: mean), flat like the input.
#[wasm_bindgen]
pub fn yearly_rows(flat: &[f64]) -> Vec<f64> {
    yearly(&unflatten(flat)).iter().flat_map(|r| r.0).collect()
}

/// The fields of each period of [`bands`], in order (the catalogue's
/// `band_fields`: the page names them from here).
pub const BAND_FIELDS: [&str; 6] = ["mean", "p5", "p25", "p50", "p75", "p95"];

/// The fields of each period of [`paired_differences`], in order (the
/// catalogue's `difference_fields`).
pub const DIFFERENCE_FIELDS: [&str; 3] = ["mean", "low", "high"];

/// Bands over replications of one series: `values` is `replications ×
/// periods`, replication-major; returns per period the [`BAND_FIELDS`]
/// (mean, P5, P25, P50, P75, P95), flat.
#[wasm_bindgen]
pub fn bands(values: &[f64], replications: u32, periods: u32) -> Vec<f64> {
    let (r, p) = (replications as usize, periods as usize);
    let mut out = Vec::with_capacity(p * BAND_FIELDS.len());
    for t in 0..p {
        let v: Vec<f64> = (0..r).filter_map(|k| values.get(k * p + t).copied()).collect();
        let b = Band::of(&v);
        out.extend([b.mean, b.p5, b.p25, b.p50, b.p75, b.p95]);
    }
    out
}

/// Paired differences alternative − base of one series over replications
/// (common random numbers): per period the [`DIFFERENCE_FIELDS`] (mean, 90%
/// interval low and high), flat.
#[wasm_bindgen]
pub fn paired_differences(base: &[f64], alternative: &[f64], replications: u32, periods: u32) -> Vec<f64> {
    let (r, p) = (replications as usize, periods as usize);
    let mut out = Vec::with_capacity(p * DIFFERENCE_FIELDS.len());
    for t in 0..p {
        let pick = |v: &[f64]| -> Vec<f64> { (0..r).filter_map(|k| v.get(k * p + t).copied()).collect() };
        let d = Difference::of(&pick(base), &pick(alternative));
        out.extend([d.mean, d.paired_low, d.paired_high]);
    }
    out
}

/// The headline of comparing scenario `alternative` with `base`
/// ([`crate::compare::Headline`], as JSON), computed from the monthly values
/// of [`crate::compare::HEADLINE_INPUTS`] of every reported month:
/// `base_values` and `alternative_values` hold input `k`, replication `r`,
/// month `t` at `(k × replications + r) × months + t`. `year` 0: the default
/// year (five years after the alternative's first instrument starts).
#[wasm_bindgen]
pub fn headline(
    base: &str,
    alternative: &str,
    base_values: &[f64],
    alternative_values: &[f64],
    replications: u32,
    months: u32,
    year: i32,
) -> Result<String, JsError> {
    let (b, a) = (parse(base, "baseline")?, parse(alternative, "scenario")?);
    crate::compare::check_comparable(&b, &a).map_err(|e| JsError::new(&e))?;
    let setup = crate::compare::HeadlineSetup::of(&b, &a);
    let (r, m) = (replications as usize, months as usize);
    let values = [base_values, alternative_values];
    let value = |s: usize, rep: usize, t: usize, k: usize| values[s].get((k * r + rep) * m + t).copied().unwrap_or(0.0);
    let h = crate::compare::headline_of_series(&setup, r, (year != 0).then_some(year), &value);
    serde_json::to_string(&h).map_err(|e| JsError::new(&e.to_string()))
}

/// The headline as [`headline`] gives it, with the sums over the projection
/// (person-years, evictions, costs) taken only up to December of `until`:
/// the workshop clock's headline, which must not tell the end of the
/// projection before the clock gets there. `until` past the projection:
/// the whole of it.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn headline_until(
    base: &str,
    alternative: &str,
    base_values: &[f64],
    alternative_values: &[f64],
    replications: u32,
    months: u32,
    year: i32,
    until: i32,
) -> Result<String, JsError> {
    let (b, a) = (parse(base, "baseline")?, parse(alternative, "scenario")?);
    crate::compare::check_comparable(&b, &a).map_err(|e| JsError::new(&e))?;
    let mut setup = crate::compare::HeadlineSetup::of(&b, &a);
    let shown = i64::from(until - setup.first_year + 1) * 12 - i64::from(setup.history_months);
    setup.projection_months = shown.clamp(1, i64::from(setup.projection_months)) as u32;
    setup.running.truncate(setup.projection_months as usize);
    let (r, m) = (replications as usize, months as usize);
    let values = [base_values, alternative_values];
    let value = |s: usize, rep: usize, t: usize, k: usize| values[s].get((k * r + rep) * m + t).copied().unwrap_or(0.0);
    let h = crate::compare::headline_of_series(&setup, r, (year != 0).then_some(year), &value);
    serde_json::to_string(&h).map_err(|e| JsError::new(&e.to_string()))
}

/// The modelled history of a scenario's place beside every observed point
/// of [`crate::observed`] that falls inside the run
/// ([`crate::calibrate::history::place_history`], the validation report's
/// computation, over the page's own replications), as JSON: `checks`, each
/// observed point with `model` (the median, P5 and P95 of the output at the
/// point's time), `relative_error` (median ÷ observed − 1) and
/// `inside_band`; and `misses`, the library's sentence for each check
/// after 2013 (English, as the validation report says them; the page says
/// its own in its language from the same numbers). `flat` holds
/// replication `r`'s first `months` rows (as [`Runner::rows`]) at `r ×
/// months × N_OUTPUTS`; points after those months are left out. A custom
/// place has no observed points: empty lists.
#[wasm_bindgen]
pub fn history_checks(scenario: &str, flat: &[f64], replications: u32, months: u32) -> Result<String, JsError> {
    let p = parse(scenario, "baseline")?;
    let per = months as usize * N_OUTPUTS;
    let runs: Vec<Vec<Row>> = (0..replications as usize).filter_map(|r| flat.get(r * per..(r + 1) * per)).map(unflatten).collect();
    let h = crate::calibrate::history::place_history(
        &p.preset.id,
        &p.preset.name,
        p.timeline().first_year(),
        p.scenario.scale,
        &runs,
    );
    let checks: Vec<serde_json::Value> = h
        .checks
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c).unwrap_or_default();
            v["relative_error"] = c.relative_error().into();
            v["inside_band"] = c.inside_band().into();
            v
        })
        .collect();
    Ok(serde_json::json!({ "checks": checks, "misses": h.misses() }).to_string())
}

/// Why scenario `alternative` differs from the baseline (scenario 0) over
/// the projection, as JSON: [`crate::effects::account`] of the first
/// `replications` pairs in `traces` at `scale` — the parts direct, counting
/// and others in homeless person-years with their intervals, their total,
/// and what the alternative's instruments took in (`holds`); without the
/// per-month series. An error if a replication was not kept.
#[wasm_bindgen]
pub fn accounting(traces: &Traces, alternative: u32, replications: u32, scale: f64) -> Result<String, JsError> {
    let n = replications as usize;
    let pick = |s: usize| -> Result<&[Traced], JsError> {
        let runs = traces.runs.get(s).map(Vec::as_slice).unwrap_or_default();
        runs.get(..n).ok_or_else(|| JsError::new(&format!("scenario {s}: {} of {n} replications traced", runs.len())))
    };
    let mut a = crate::effects::account(pick(0)?, pick(alternative as usize)?, scale);
    a.monthly.clear();
    serde_json::to_string(&a).map_err(|e| JsError::new(&e.to_string()))
}

/// Validates a scenario; returns it normalised as JSON (every field).
#[wasm_bindgen]
pub fn normalise(scenario: &str) -> Result<String, JsError> {
    let p = parse(scenario, "scenario")?;
    serde_json::to_string(&p.scenario).map_err(|e| JsError::new(&e.to_string()))
}

/// A scenario (TOML or JSON) as TOML, for export and `hemma run`.
#[wasm_bindgen]
pub fn scenario_toml(scenario: &str) -> Result<String, JsError> {
    Ok(scenario::to_toml(&parse(scenario, "scenario")?.scenario))
}

/// The instruments in registry order, as the catalogue gives them: `kind`,
/// `settings` (the settings table, each row with its `role` and
/// `sized_to`), `outputs` (the output columns it makes), `told_apart_by`
/// (settings that make two of the kind separate schemes) and `covers`
/// (when a second of the kind adds nothing; `null` if it always may).
fn instruments() -> Vec<serde_json::Value> {
    use crate::policy::InstrumentConfig as I;
    I::KINDS
        .iter()
        .map(|k| {
            serde_json::json!({
                "kind": k,
                "settings": I::settings_of(k).unwrap_or_default(),
                "outputs": I::outputs_of(k).iter().map(|&o| crate::results::table()[o as usize].name).collect::<Vec<_>>(),
                "told_apart_by": I::told_apart_by(k),
                "covers": I::covers_of(k),
            })
        })
        .collect()
}

/// The tables the page builds its controls and labels from, as JSON:
/// outputs (each with its `kind` and `scaling`), parameters, presets (with
/// their covariates and flags), the fields of a custom place (ranges and
/// national values), the instruments in registry order with their settings
/// tables and outputs ([`instruments`]; `every_instrument_outputs`: those
/// of all instruments together), the drivers a scenario may set
/// a path for (with each place's level in the data year, which a path's
/// percentage is of; consumer prices are left out: alone they only erode the
/// other money drivers), and the hemma version.
#[wasm_bindgen]
pub fn catalogue() -> String {
    serde_json::json!({
        "version": crate::VERSION,
        "git_commit": crate::GIT_COMMIT,
        "history_start_year": crate::timeline::HISTORY_START_YEAR,
        "headline_inputs": crate::compare::HEADLINE_INPUTS.iter().map(|&o| crate::results::table()[o as usize].name).collect::<Vec<_>>(),
        "data_year": crate::timeline::DATA_YEAR,
        "band_fields": BAND_FIELDS,
        "difference_fields": DIFFERENCE_FIELDS,
        "outputs": crate::results::table(),
        "parameters": crate::params::table(),
        "presets": crate::presets::all(),
        // Every observed value the project's data hold (data/evidence/observed_points.csv), drawn on the charts.
        "observed_points": crate::observed::all(),
        "place_fields": crate::place::fields(),
        "instruments": instruments(),
        "every_instrument_outputs": crate::policy::OF_EVERY_INSTRUMENT.iter().map(|&o| crate::results::table()[o as usize].name).collect::<Vec<_>>(),
        "drivers": crate::drivers::Driver::ALL
            .iter()
            .filter(|&&d| d != crate::drivers::Driver::ConsumerPrices)
            .map(|&d| {
                let (min, max) = d.range();
                let levels: serde_json::Map<String, serde_json::Value> = crate::presets::all()
                    .iter()
                    .map(|p| (p.id.clone(), crate::drivers::for_place(&p.name).value(d, crate::timeline::DATA_YEAR).into()))
                    .collect();
                serde_json::json!({
                    "name": d.name(), "unit": crate::drivers::national().series(d)[0].unit, "min": min, "max": max,
                    "moves": d.moves(), "levels": levels,
                })
            })
            .collect::<Vec<_>>(),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str =
        "format = 3\npreset = \"nynashamn\"\nscale = 0.1\nstart_year = 2024\nhorizon_months = 24\nseed = 3\nreplications = 2\n";

    fn alternative() -> String {
        format!("{BASE}[[instruments]]\nkind = \"housing_first\"\nplaces = 20\nstart_month = 3\n")
    }

    /// Runs replication `r` of `text` in a runner, from the cache, tracing.
    fn run(text: &str, r: u32, histories: &mut Histories, store: &mut Traces, scenario: u32) -> Vec<f64> {
        let mut runner = Runner::new(text, "test").unwrap();
        runner.set_tracing(true);
        runner.begin_with(r, histories);
        while !runner.step_with(7, histories) {}
        assert!(runner.keep_traces(store, scenario, r));
        runner.rows()
    }

    #[test]
    fn the_runners_traces_give_the_librarys_accounting_and_the_same_rows() {
        let (b, a) = (parse(BASE, "b").unwrap(), parse(&alternative(), "a").unwrap());
        let mut histories = Histories::new();
        let mut store = Traces::new();
        for r in 0..2 {
            let rows = run(BASE, r, &mut histories, &mut store, 0);
            // The alternative continues the base's history from the cache.
            let alt_rows = run(&alternative(), r, &mut histories, &mut store, 1);
            let (tb, ta) = (crate::run::run_replication_traced(&b, r), crate::run::run_replication_traced(&a, r));
            assert_eq!(rows, tb.rows.iter().flat_map(|x| x.0).collect::<Vec<_>>());
            assert_eq!(alt_rows, ta.rows.iter().flat_map(|x| x.0).collect::<Vec<_>>());
            assert_eq!(store.runs[1][r as usize].traces, ta.traces);
            assert_eq!(store.runs[0][r as usize].traces, tb.traces);
        }
        assert_eq!((store.kept(0), store.kept(1)), (2, 2));
        let json: serde_json::Value = serde_json::from_str(&accounting(&store, 1, 2, 0.1).unwrap()).unwrap();
        let traced = |p: &Prepared| (0..2).map(|r| crate::run::run_replication_traced(p, r)).collect::<Vec<_>>();
        let lib = crate::effects::account(&traced(&b), &traced(&a), 0.1);
        assert_eq!(json["total"]["mean"].as_f64().unwrap(), lib.total.mean);
        assert_eq!(json["direct"]["mean"].as_f64().unwrap(), lib.direct.mean);
        assert!(json["monthly"].as_array().unwrap().is_empty(), "no per-month series to the page");
        // A gap is refused; a runner that does not trace keeps nothing.
        let mut runner = Runner::new(BASE, "test").unwrap();
        runner.begin(0);
        while !runner.step(12) {}
        assert!(!runner.keep_traces(&mut store, 0, 0));
        runner.set_tracing(true);
        runner.begin(5);
        while !runner.step(12) {}
        assert!(!runner.keep_traces(&mut store, 0, 5), "replication 5 after 2 kept would leave a gap");
    }
}
