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

use crate::aggregate::{Band, yearly};
use crate::compare::Difference;
use crate::results::{N_OUTPUTS, Row};
use crate::run::{History, Simulation};
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

/// Runs the replications of one scenario, a few months per call.
#[wasm_bindgen]
pub struct Runner {
    prepared: Prepared,
    sim: Option<Simulation>,
    rows: Vec<Row>,
    /// The history to keep at the boundary: (key, replication).
    keep: Option<(u64, u32)>,
}

#[wasm_bindgen]
impl Runner {
    /// Parses and validates a scenario (TOML or JSON, as for `hemma run`).
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: &str, origin: &str) -> Result<Runner, JsError> {
        Ok(Runner { prepared: parse(scenario, origin)?, sim: None, rows: Vec::new(), keep: None })
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

    /// Synthesises replication `replication` (burn-in runs in [`Runner::step`]).
    pub fn begin(&mut self, replication: u32) {
        self.sim = Some(Simulation::new(&self.prepared, replication));
        self.rows.clear();
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
            if let Some(r) = sim.step() {
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
