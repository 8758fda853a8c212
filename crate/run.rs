//! Running a scenario: one replication ([`Simulation`], [`run_replication`])
//! and many ([`replicate`]). The shells (CLI, Wasm) call these; they add only
//! files, progress and parallelism around them.

use crate::model::World;
use crate::model::synth::synthesise;
use crate::policy::{InstrumentConfig, PolicySet};
use crate::results::Row;
use crate::scenario::Prepared;
use crate::timeline::Timeline;

/// One replication of a scenario, stepped month by month: burn-in, the
/// history (if the scenario starts after 2011), then the projection.
#[derive(Clone, Debug)]
pub struct Simulation {
    world: World,
    policies: PolicySet,
    timeline: Timeline,
    /// The scenario's instruments, set at the boundary.
    projection: Vec<InstrumentConfig>,
    /// Whether the recorded instruments the scenario does not continue end
    /// at the boundary.
    end_recorded: bool,
    /// Whether the projection's instruments are in force.
    projecting: bool,
    reported: u32,
}

impl Simulation {
    /// Synthesises the population of replication `replication`. Burn-in runs
    /// inside the first calls to [`Simulation::step`]; a run with a history
    /// starts with the place's recorded instruments.
    pub fn new(prepared: &Prepared, replication: u32) -> Simulation {
        let s = &prepared.scenario;
        let timeline = prepared.timeline();
        let mut world = synthesise(&prepared.preset, &prepared.params, s.scale, s.seed, replication);
        world.set_conditions(prepared.conditions.clone(), timeline.first_year());
        let (policies, projecting) =
            if timeline.has_history() { (PolicySet::new(&prepared.recorded), false) } else { (PolicySet::new(&s.instruments), true) };
        Simulation {
            world,
            policies,
            timeline,
            projection: s.instruments.clone(),
            end_recorded: prepared.ends_recorded(),
            projecting,
            reported: 0,
        }
    }

    /// Simulates one month; returns its record if the month is reported
    /// (past burn-in), `None` during burn-in or after the horizon.
    pub fn step(&mut self) -> Option<Row> {
        if self.finished() {
            return None;
        }
        if !self.projecting && self.reported == self.timeline.history_months() {
            self.policies.enter_projection(&self.projection, self.timeline.history_months(), self.end_recorded);
            self.projecting = true;
        }
        let reporting = self.world.reporting();
        let row = self.world.step(&mut self.policies);
        if reporting {
            self.reported += 1;
            Some(row)
        } else {
            None
        }
    }

    /// Like [`Simulation::step`], with the month's trace for the effect
    /// accounting of a comparison ([`crate::model::trace`]).
    pub fn step_traced(&mut self) -> Option<(Row, crate::model::trace::MonthTrace)> {
        let row = self.step()?;
        let month = crate::units::Month(self.world.month.0.saturating_sub(1));
        Some((row, crate::model::trace::trace(&self.world, &self.policies, month)))
    }

    /// The instruments' settings now, by position in the set (what a
    /// trace's held entries name: [`Traced::instruments`]).
    pub fn instrument_configs(&self) -> Vec<Option<InstrumentConfig>> {
        self.policies.configs()
    }

    /// Whether the horizon has been reached.
    pub fn finished(&self) -> bool {
        self.reported >= self.timeline.reported_months()
    }

    /// Months simulated so far, burn-in included, and in all.
    pub fn progress(&self) -> (u32, u32) {
        (self.world.month.0 as u32, self.world.report_start.0 as u32 + self.timeline.reported_months())
    }

    /// Whether the run stands at the boundary between history and
    /// projection: burn-in and history done, the projection's instruments
    /// not yet in force (for a run from 2011: burn-in done).
    pub fn at_boundary(&self) -> bool {
        let has_history = self.timeline.has_history();
        self.world.reporting() && self.reported == self.timeline.history_months() && self.projecting != has_history
    }

    /// Months reported so far (history and projection).
    pub fn reported(&self) -> u32 {
        self.reported
    }

    /// The history and projection months of this run.
    pub fn timeline(&self) -> Timeline {
        self.timeline
    }

    /// The state (read-only).
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The state now as a row of outputs, flows zero — after burn-in, the
    /// observed state the reported period starts from (stocks in force,
    /// homeless by situation). Records a copy; the run is not changed.
    pub fn state_row(&self) -> Row {
        let mut w = self.world.clone();
        w.tally = crate::model::tally::Tally::default();
        crate::model::record::record(&mut w, &self.policies)
    }

    /// Simulates the burn-in months (unreported), so that the state is the
    /// start of the reported period.
    pub fn burn_in(&mut self) {
        while !self.world.reporting() {
            self.world.step(&mut self.policies);
        }
    }
}

/// The history of one replication, computed once: its reported months and
/// a copy of the run at the boundary, from which any scenario with the same
/// [`Prepared::history_key`] continues as if it had run from 2011 — bit for
/// bit. The dashboard keeps one per replication, so that changing the
/// instruments recomputes only the projection.
#[derive(Clone, Debug)]
pub struct History {
    at_boundary: Simulation,
    key: u64,
    /// The history's reported months (empty for a run from 2011).
    pub rows: Vec<Row>,
}

impl History {
    /// Runs burn-in and the history of `prepared`'s replication `replication`.
    pub fn compute(prepared: &Prepared, replication: u32) -> History {
        let mut sim = Simulation::new(prepared, replication);
        let mut rows = Vec::with_capacity(sim.timeline.history_months() as usize);
        while !sim.at_boundary() {
            if let Some(r) = sim.step() {
                rows.push(r);
            }
        }
        History { at_boundary: sim, key: prepared.history_key(replication), rows }
    }

    /// The history of a run of `prepared`'s replication `replication` that
    /// stands at the boundary ([`Simulation::at_boundary`]) after reporting
    /// `rows` — a copy, so the run can go on. `None` elsewhere.
    pub fn keep(sim: &Simulation, rows: &[Row], prepared: &Prepared, replication: u32) -> Option<History> {
        sim.at_boundary().then(|| History { at_boundary: sim.clone(), key: prepared.history_key(replication), rows: rows.to_vec() })
    }

    /// Whether `prepared`'s replication `replication` has this history.
    pub fn fits(&self, prepared: &Prepared, replication: u32) -> bool {
        self.key == prepared.history_key(replication)
    }

    /// The run of `prepared` from the boundary on (a copy of the state
    /// there, with `prepared`'s projection): its steps report the projected
    /// months. `None` if `prepared` has another history ([`History::fits`]).
    pub fn project(&self, prepared: &Prepared, replication: u32) -> Option<Simulation> {
        if !self.fits(prepared, replication) {
            return None;
        }
        let mut sim = self.at_boundary.clone();
        // The same conditions up to here (the key says so); from here on, `prepared`'s.
        sim.world.conditions = prepared.conditions.clone();
        sim.timeline = prepared.timeline();
        sim.projection = prepared.scenario.instruments.clone();
        sim.end_recorded = prepared.ends_recorded();
        Some(sim)
    }
}

/// Runs one replication to the horizon; returns the reported months.
pub fn run_replication(prepared: &Prepared, replication: u32) -> Vec<Row> {
    run_replication_with(prepared, replication, &|| {})
}

/// Like [`run_replication`], calling `on_month` after every simulated month
/// (burn-in included), e.g. to advance a progress bar.
pub fn run_replication_with(prepared: &Prepared, replication: u32, on_month: &dyn Fn()) -> Vec<Row> {
    let go_on = || {
        on_month();
        true
    };
    run_replication_while(prepared, replication, &go_on).unwrap_or_default()
}

/// Like [`run_replication`], calling `go_on` after every simulated month
/// (burn-in included) and stopping as soon as it returns `false`: `None`
/// then, the reported months otherwise. The Python package stops a run this
/// way when the user presses Ctrl-C.
pub fn run_replication_while(prepared: &Prepared, replication: u32, go_on: &dyn Fn() -> bool) -> Option<Vec<Row>> {
    let mut sim = Simulation::new(prepared, replication);
    let mut rows = Vec::with_capacity(prepared.timeline().reported_months() as usize);
    while !sim.finished() {
        if let Some(r) = sim.step() {
            rows.push(r);
        }
        if !go_on() {
            return None;
        }
    }
    Some(rows)
}

/// A replication run with the traces of its projection, for the effect
/// accounting of a comparison ([`crate::effects`]).
#[derive(Clone, Debug, Default)]
pub struct Traced {
    /// The reported months.
    pub rows: Vec<Row>,
    /// The projection's months, traced.
    pub traces: Vec<crate::model::trace::MonthTrace>,
    /// The instruments' settings at the horizon, by position in the set
    /// (what the traces' held entries name).
    pub instruments: Vec<Option<InstrumentConfig>>,
}

/// Runs one replication to the horizon, tracing the projection's months.
pub fn run_replication_traced(prepared: &Prepared, replication: u32) -> Traced {
    run_replication_traced_while(prepared, replication, &|| true).unwrap_or_default()
}

/// Like [`run_replication_traced`], calling `go_on` after every simulated
/// month and stopping (`None`) as soon as it returns `false` (as
/// [`run_replication_while`]: the Python package's Ctrl-C).
pub fn run_replication_traced_while(prepared: &Prepared, replication: u32, go_on: &dyn Fn() -> bool) -> Option<Traced> {
    let mut sim = Simulation::new(prepared, replication);
    let history = sim.timeline.history_months() as usize;
    let mut out = Traced { rows: Vec::with_capacity(prepared.timeline().reported_months() as usize), ..Traced::default() };
    while !sim.finished() {
        if out.rows.len() < history {
            if let Some(r) = sim.step() {
                out.rows.push(r);
            }
        } else if let Some((r, t)) = sim.step_traced() {
            out.rows.push(r);
            out.traces.push(t);
        }
        if !go_on() {
            return None;
        }
    }
    out.instruments = sim.policies.configs();
    Some(out)
}

/// Like [`run_replication_traced`], continuing `history` (computed for
/// another scenario of the same place and history:
/// [`History::fits`]); `None` if `prepared` has another history.
pub fn project_traced(history: &History, prepared: &Prepared, replication: u32) -> Option<Traced> {
    let mut sim = history.project(prepared, replication)?;
    let mut out = Traced { rows: history.rows.clone(), ..Traced::default() };
    while !sim.finished() {
        if let Some((r, t)) = sim.step_traced() {
            out.rows.push(r);
            out.traces.push(t);
        }
    }
    out.instruments = sim.policies.configs();
    Some(out)
}

/// Every (scenario, replication) pair of `scenarios`, scenario by scenario:
/// the jobs a shell runs in parallel.
pub fn replication_jobs(scenarios: &[&Prepared]) -> Vec<(usize, u32)> {
    scenarios.iter().enumerate().flat_map(|(k, p)| (0..p.scenario.replications).map(move |r| (k, r))).collect()
}

/// The results of [`replication_jobs`] (in job order) back per scenario:
/// `result[k][r]` for replication `r` of scenario `k`.
pub fn by_scenario<T>(scenarios: usize, jobs: &[(usize, u32)], results: Vec<T>) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = (0..scenarios).map(|_| Vec::new()).collect();
    for (&(k, _), x) in jobs.iter().zip(results) {
        out[k].push(x);
    }
    out
}

/// Months simulated per replication, burn-in and history included.
pub fn months_per_replication(prepared: &Prepared) -> u64 {
    prepared.params.burn_in_months as u64 + prepared.timeline().reported_months() as u64
}

/// Runs replications `0..n` with `map` (sequentially here; the CLI passes a
/// parallel map). Results are in replication order whatever the map does,
/// and each replication depends only on its own index, so results are
/// bit-identical for any thread count.
pub fn replicate<F>(prepared: &Prepared, n: u32, map: F) -> Vec<Vec<Row>>
where
    F: Fn(&(dyn Fn(u32) -> Vec<Row> + Sync), u32) -> Vec<Vec<Row>>,
{
    map(&|r| run_replication(prepared, r), n)
}

/// A 64-bit fingerprint of a run's results (FNV-1a over the bits of every
/// value): equal fingerprints mean bit-identical results, e.g. natively and
/// in WebAssembly.
pub fn fingerprint(rows: &[Row]) -> u64 {
    crate::rng::fnv1a64(rows.iter().flat_map(|r| r.0).flat_map(|v| v.to_bits().to_le_bytes()))
}

/// The fixed scenario of the native-versus-Wasm check (`scripts/wasm-identity.sh`):
/// two years of Nynäshamn's history (its recorded instruments), then two
/// years of projection with four instruments and construction at half its
/// recorded level.
pub const IDENTITY_SCENARIO: &str = "preset = \"nynashamn\"\nscale = 0.3\nstart_year = 2013\nhorizon_months = 24\nseed = 2026\n\
    [[instruments]]\nkind = \"vacancy_quota\"\npublic_share = 0.1\n\
    [[instruments]]\nkind = \"social_contract\"\ncontracts_per_year = 30\n\
    [[instruments]]\nkind = \"outreach\"\n\
    [[instruments]]\nkind = \"housing_first\"\nplaces = 10\n\
    [[drivers.paths]]\ndriver = \"completions_per_1000\"\nfrom_year = 2013\nvalue = 1.5\n";

fn identity_prepared(text: &str) -> Option<Prepared> {
    crate::scenario::parse(text, crate::scenario::Format::Toml, "identity").ok()
}

/// The fingerprint of [`IDENTITY_SCENARIO`], replication 0.
pub fn identity_fingerprint() -> u64 {
    identity_prepared(IDENTITY_SCENARIO).map_or(0, |p| fingerprint(&run_replication(&p, 0)))
}

/// The fingerprint of [`IDENTITY_SCENARIO`], replication 0, continued from
/// the history computed for another scenario of the same place (no
/// instruments and no driver path of its own): equal to [`identity_fingerprint`] when reusing
/// a history is exact, natively and in WebAssembly.
pub fn identity_reuse_fingerprint() -> u64 {
    let other = IDENTITY_SCENARIO.split("[[instruments]]").next().unwrap_or_default();
    let (Some(p), Some(q)) = (identity_prepared(IDENTITY_SCENARIO), identity_prepared(other)) else { return 0 };
    let history = History::compute(&q, 0);
    let Some(mut sim) = history.project(&p, 0) else { return 0 };
    let mut rows = history.rows.clone();
    while !sim.finished() {
        if let Some(r) = sim.step() {
            rows.push(r);
        }
    }
    fingerprint(&rows)
}

/// The sequential map for [`replicate`].
pub fn sequential(f: &(dyn Fn(u32) -> Vec<Row> + Sync), n: u32) -> Vec<Vec<Row>> {
    (0..n).map(f).collect()
}
