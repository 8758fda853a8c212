//! Running a scenario: one replication ([`Simulation`], [`run_replication`])
//! and many ([`replicate`]). The shells (CLI, Wasm) call these; they add only
//! files, progress and parallelism around them.

use crate::model::World;
use crate::model::synth::synthesise;
use crate::policy::PolicySet;
use crate::results::Row;
use crate::scenario::Prepared;

/// One replication of a scenario, stepped month by month.
#[derive(Debug)]
pub struct Simulation {
    world: World,
    policies: PolicySet,
    horizon: u32,
    reported: u32,
}

impl Simulation {
    /// Synthesises the population of replication `replication`. Burn-in runs
    /// inside the first calls to [`Simulation::step`].
    pub fn new(prepared: &Prepared, replication: u32) -> Simulation {
        let s = &prepared.scenario;
        let mut world = synthesise(&prepared.preset, &prepared.params, s.scale, s.seed, replication);
        world.set_conditions(prepared.conditions.clone(), s.start_year);
        Simulation { world, policies: PolicySet::new(&s.instruments), horizon: s.horizon_months, reported: 0 }
    }

    /// Simulates one month; returns its record if the month is reported
    /// (past burn-in), `None` during burn-in or after the horizon.
    pub fn step(&mut self) -> Option<Row> {
        if self.finished() {
            return None;
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

    /// Whether the horizon has been reached.
    pub fn finished(&self) -> bool {
        self.reported >= self.horizon
    }

    /// Months simulated so far, burn-in included, and in all.
    pub fn progress(&self) -> (u32, u32) {
        (self.world.month.0 as u32, self.world.report_start.0 as u32 + self.horizon)
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
        crate::results::record(&mut w, &self.policies)
    }

    /// Simulates the burn-in months (unreported), so that the state is the
    /// start of the reported period.
    pub fn burn_in(&mut self) {
        while !self.world.reporting() {
            self.world.step(&mut self.policies);
        }
    }
}

/// Runs one replication to the horizon; returns the reported months.
pub fn run_replication(prepared: &Prepared, replication: u32) -> Vec<Row> {
    run_replication_with(prepared, replication, &|| {})
}

/// Like [`run_replication`], calling `on_month` after every simulated month
/// (burn-in included), e.g. to advance a progress bar.
pub fn run_replication_with(prepared: &Prepared, replication: u32, on_month: &dyn Fn()) -> Vec<Row> {
    let mut sim = Simulation::new(prepared, replication);
    let mut rows = Vec::with_capacity(prepared.scenario.horizon_months as usize);
    while !sim.finished() {
        if let Some(r) = sim.step() {
            rows.push(r);
        }
        on_month();
    }
    rows
}

/// Months simulated per replication, burn-in included.
pub fn months_per_replication(prepared: &Prepared) -> u64 {
    prepared.params.burn_in_months as u64 + prepared.scenario.horizon_months as u64
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

/// The fixed scenario of the native-versus-Wasm check (`scripts/wasm-identity.sh`).
pub const IDENTITY_SCENARIO: &str = "preset = \"nynashamn\"\nscale = 0.3\nhorizon_months = 24\nseed = 2026\n\
    [[instruments]]\nkind = \"vacancy_quota\"\npublic_share = 0.1\n\
    [[instruments]]\nkind = \"social_contract\"\ncontracts_per_year = 30\n\
    [[instruments]]\nkind = \"outreach\"\n\
    [[instruments]]\nkind = \"housing_first\"\nplaces = 10\n";

/// The fingerprint of [`IDENTITY_SCENARIO`], replication 0.
pub fn identity_fingerprint() -> u64 {
    match crate::scenario::parse(IDENTITY_SCENARIO, crate::scenario::Format::Toml, "identity") {
        Ok(p) => fingerprint(&run_replication(&p, 0)),
        Err(_) => 0,
    }
}

/// The sequential map for [`replicate`].
pub fn sequential(f: &(dyn Fn(u32) -> Vec<Row> + Sync), n: u32) -> Vec<Vec<Row>> {
    (0..n).map(f).collect()
}
