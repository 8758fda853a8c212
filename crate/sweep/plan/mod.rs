//! Sweep plans: the file format, its validation, and the scenario of each
//! design point.
//!
//! ```toml
//! name = "Nynäshamn: shocks and outreach"
//! base = "../scenarios/nynashamn.toml"  # relative to the plan file
//! design = "saltelli"                    # grid | lhs | saltelli
//! samples = 64                           # lhs: points; saltelli: base samples n → n·(k+2) points
//! replications = 4                       # per point (overrides the base scenario)
//! seed = 1                               # of every run: replication r shares its streams across points
//! design_seed = 1                        # lhs: permutations and jitter
//! chunk_size = 8                         # jobs per chunk: the unit of atomic writes and of shards
//!
//! [[factors]]
//! path = "params.shock_rate_per_year"    # any parameter (hemma params)
//! min = 0.2
//! max = 0.5
//!
//! [[factors]]
//! path = "instruments.outreach.success_share"  # or instruments[2].success_share
//! min = 0.3
//! max = 0.9
//!
//! [[factors]]
//! path = "drivers.completions_per_1000"  # the base's one path of a driver, or drivers.paths[0].value
//! min = 2.0
//! max = 5.0
//!
//! [outputs]                              # see `select`
//! names = ["homeless_per_10k"]
//! summaries = ["mean"]
//! ```
//!
//! For a grid, a factor gives `values = [...]` or `levels = n` (evenly
//! spaced from `min` to `max`). Integer settings (e.g. `places`) are rounded
//! to whole numbers, and the design records the rounded value that ran.
//!
//! Here are the file format, [`parse`] and [`prepare`] (the plan's own
//! settings, its design points and their scenarios); `factors.rs` resolves
//! and checks each factor against the base scenario.

// Errors are returned once, on a cold path (see `scenario`).
#![allow(clippy::result_large_err)]

mod factors;

pub use factors::{ResolvedFactor, Target};

use super::design::{self, Block, UnitPoint};
use super::jobs::Layout;
use super::select::{Resolved, Selection};
use crate::scenario::{self, Prepared, Scenario, ScenarioError};
use factors::apply;
use serde::{Deserialize, Serialize};

/// Largest number of design points in one plan.
pub const MAX_POINTS: usize = 1_000_000;

/// How design points are chosen (see [`super::design`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DesignKind {
    /// Full factorial of each factor's levels.
    Grid,
    /// Latin hypercube of `samples` points.
    Lhs,
    /// Saltelli's scheme for Sobol indices: `samples · (factors + 2)` points.
    Saltelli,
}

/// One factor as written in a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// `params.NAME`, `instruments[I].FIELD` or `instruments.KIND.FIELD`.
    pub path: String,
    /// Lower end of the range.
    #[serde(default)]
    pub min: Option<f64>,
    /// Upper end of the range.
    #[serde(default)]
    pub max: Option<f64>,
    /// Grid only: the values to run.
    #[serde(default)]
    pub values: Option<Vec<f64>>,
    /// Grid only: this many evenly spaced values from `min` to `max`.
    #[serde(default)]
    pub levels: Option<u32>,
}

/// A sweep plan as written in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Name echoed in outputs.
    #[serde(default = "default_name")]
    pub name: String,
    /// Base scenario file, relative to the plan file.
    pub base: String,
    /// The design.
    pub design: DesignKind,
    /// Latin hypercube: points; Saltelli: base samples.
    #[serde(default)]
    pub samples: Option<u32>,
    /// Replications per design point (default: the base scenario's).
    #[serde(default)]
    pub replications: Option<u32>,
    /// Seed of every run (default: the base scenario's).
    #[serde(default)]
    pub seed: Option<u64>,
    /// Seed of the Latin hypercube's permutations.
    #[serde(default = "default_design_seed")]
    pub design_seed: u64,
    /// Jobs per chunk.
    #[serde(default = "default_chunk_size")]
    pub chunk_size: u32,
    /// What to vary.
    pub factors: Vec<Factor>,
    /// What to keep.
    pub outputs: Selection,
}

fn default_name() -> String {
    "sweep".into()
}
fn default_design_seed() -> u64 {
    1
}
fn default_chunk_size() -> u32 {
    8
}

/// One design point: factor values, its sample and block.
#[derive(Clone, Debug, PartialEq)]
pub struct DesignPoint {
    /// One value per factor, as run.
    pub values: Vec<f64>,
    /// Sample index (Saltelli: the row of `A` and `B`).
    pub sample: u32,
    /// Block of Saltelli's scheme.
    pub block: Block,
}

/// A validated plan: factors, design points with their scenarios, outputs and layout.
#[derive(Clone, Debug)]
pub struct PreparedPlan {
    /// The plan as written.
    pub plan: Plan,
    /// The base scenario with the plan's replications and seed applied.
    pub base: Scenario,
    /// Factors, in plan order.
    pub factors: Vec<ResolvedFactor>,
    /// Design points, in run order.
    pub points: Vec<DesignPoint>,
    /// The scenario of each point.
    pub scenarios: Vec<Prepared>,
    /// What is kept of each run.
    pub selection: Resolved,
    /// The cut into chunks.
    pub layout: Layout,
    /// A fingerprint of everything that determines the results (plan,
    /// base scenario, hemma version): chunks of different plans never mix.
    pub hash: u64,
}

impl PreparedPlan {
    /// The hash as 16 hex digits.
    pub fn hash_hex(&self) -> String {
        format!("{:016x}", self.hash)
    }
}

/// Parses a plan file's text (no validation beyond its structure).
pub fn parse(text: &str, origin: &str) -> Result<Plan, ScenarioError> {
    scenario::from_toml(text, origin)
}

/// Checks `plan` (whose text is `text`, read from `origin`) against its base
/// scenario and builds every design point's scenario.
pub fn prepare(plan: Plan, text: &str, origin: &str, base: &Prepared) -> Result<PreparedPlan, ScenarioError> {
    let fail = |key: &str, value: String, message: String| scenario::error_at(text, origin, key, value, message);
    let mut base_scenario = base.scenario.clone();
    if let Some(r) = plan.replications {
        if !(1..=scenario::MAX_REPLICATIONS).contains(&r) {
            return Err(fail("replications", r.to_string(), format!("out of range; allowed 1 to {}", scenario::MAX_REPLICATIONS)));
        }
        base_scenario.replications = r;
    }
    if let Some(s) = plan.seed {
        base_scenario.seed = s;
    }
    if !(1..=100_000).contains(&plan.chunk_size) {
        return Err(fail("chunk_size", plan.chunk_size.to_string(), "out of range; allowed 1 to 100000 jobs".into()));
    }
    if plan.factors.is_empty() {
        return Err(fail("factors", "[]".into(), "name at least one factor ([[factors]] with a path and a range)".into()));
    }
    let mut factors: Vec<ResolvedFactor> = Vec::with_capacity(plan.factors.len());
    for (i, f) in plan.factors.iter().enumerate() {
        let factor =
            factors::resolve(i, f, plan.design, &base_scenario, &factors).map_err(|(key, value, message)| fail(&key, value, message))?;
        factors.push(factor);
    }
    let k = factors.len();
    let unit: Vec<UnitPoint> = match plan.design {
        DesignKind::Grid => {
            let levels: Vec<u32> = factors
                .iter()
                .zip(&plan.factors)
                .map(|(r, f)| r.values.as_ref().map_or(f.levels.unwrap_or(1), |v| v.len() as u32))
                .collect();
            let total: f64 = levels.iter().map(|&l| l as f64).product();
            if total > MAX_POINTS as f64 {
                return Err(fail("factors", format!("{total} points"), format!("the grid is too large; at most {MAX_POINTS} points")));
            }
            design::grid(&levels)
        }
        DesignKind::Lhs | DesignKind::Saltelli => {
            let Some(n) = plan.samples.filter(|n| *n >= 1) else {
                return Err(fail(
                    "samples",
                    plan.samples.map_or(String::new(), |n| n.to_string()),
                    "missing or zero; this design needs `samples`".into(),
                ));
            };
            if plan.design == DesignKind::Saltelli && k > design::SALTELLI_MAX_FACTORS {
                return Err(fail(
                    "factors",
                    k.to_string(),
                    format!("too many for a Saltelli design; at most {}", design::SALTELLI_MAX_FACTORS),
                ));
            }
            let points = n as usize * if plan.design == DesignKind::Saltelli { k + 2 } else { 1 };
            if points > MAX_POINTS {
                return Err(fail("samples", n.to_string(), format!("too many points ({points}); at most {MAX_POINTS}")));
            }
            if plan.design == DesignKind::Lhs { design::latin_hypercube(n, k, plan.design_seed) } else { design::saltelli(n, k) }
        }
    };
    let points: Vec<DesignPoint> = unit
        .into_iter()
        .map(|p| DesignPoint { values: factors.iter().zip(&p.u).map(|(f, u)| f.value_at(*u)).collect(), sample: p.sample, block: p.block })
        .collect();
    let mut scenarios = Vec::with_capacity(points.len());
    for (n, point) in points.iter().enumerate() {
        let mut s = base_scenario.clone();
        for (f, v) in factors.iter().zip(&point.values) {
            apply(&mut s, f, *v)
                .map_err(|m| fail(&format!("factors[{}].path", factors.iter().position(|g| g == f).unwrap_or(0)), v.to_string(), m))?;
        }
        let describe = factors.iter().zip(&point.values).map(|(f, v)| format!("{} = {v}", f.path)).collect::<Vec<_>>().join(", ");
        let prepared = scenario::prepare(s, origin).map_err(|e| {
            let mut e = e;
            e.message = format!("{} (at design point {n}: {describe})", e.message);
            e
        })?;
        scenarios.push(prepared);
    }
    // Kept periods count from the first reported month: January 2011 when
    // the scenario has a history.
    let timeline = crate::timeline::Timeline { start_year: base_scenario.start_year, horizon_months: base_scenario.horizon_months };
    let selection = Resolved::new(&plan.outputs, timeline.first_year(), timeline.reported_months())
        .map_err(|(key, value, message)| fail(&key, value, message))?
        .at_scale(base_scenario.scale);
    let layout = Layout { points: points.len() as u32, replications: base_scenario.replications, chunk_size: plan.chunk_size };
    let hash = fingerprint(&plan, &base_scenario);
    Ok(PreparedPlan { plan, base: base_scenario, factors, points, scenarios, selection, layout, hash })
}

/// FNV-1a over the canonical JSON of what determines the results.
fn fingerprint(plan: &Plan, base: &Scenario) -> u64 {
    let mut p = plan.clone();
    p.base = String::new(); // the path may differ between machines; the content counts
    p.name = String::new();
    let text = serde_json::json!({ "hemma": crate::VERSION, "plan": p, "base": base }).to_string();
    crate::rng::fnv1a64(text.bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::InstrumentConfig;
    use crate::scenario::Format;

    const BASE: &str = "preset = \"nynashamn\"\nscale = 0.1\nhorizon_months = 24\nstart_year = 2011\nseed = 3\n\
        [[instruments]]\nkind = \"housing_first\"\nplaces = 10\n\
        [[instruments]]\nkind = \"social_contract\"\n";

    fn base() -> Prepared {
        scenario::parse(BASE, Format::Toml, "base.toml").unwrap()
    }

    fn plan(text: &str) -> Result<PreparedPlan, ScenarioError> {
        let p = parse(text, "plan.toml")?;
        prepare(p, text, "plan.toml", &base())
    }

    const GRID: &str = "base = \"b.toml\"\ndesign = \"grid\"\nreplications = 2\n\
        [[factors]]\npath = \"params.shock_rate_per_year\"\nvalues = [0.2, 0.4]\n\
        [[factors]]\npath = \"instruments.social_contract.trial_months\"\nmin = 6\nmax = 19\nlevels = 3\n\
        [outputs]\nnames = [\"homeless_per_10k\"]\n";

    #[test]
    fn grid_points_set_parameters_and_rounded_instrument_settings() {
        let p = plan(GRID).unwrap();
        assert_eq!(p.points.len(), 6);
        assert_eq!(p.points[1].values, vec![0.2, 13.0], "12.5 months round to 13");
        let s = &p.scenarios[5];
        assert_eq!(s.params.shock_rate_per_year, 0.4);
        match &s.scenario.instruments[1] {
            InstrumentConfig::SocialContract(c) => assert_eq!(c.trial_months, 19),
            other => panic!("{other:?}"),
        }
        assert_eq!(p.layout.jobs(), 12);
        assert_eq!(p.base.replications, 2);
        assert_eq!(p.base.seed, 3, "the base seed is kept: every point shares its streams");
    }

    #[test]
    fn a_driver_path_varies_like_a_parameter() {
        let with_path = format!("{BASE}[[drivers.paths]]\ndriver = \"completions_per_1000\"\nfrom_year = 2012\nvalue = 3\n");
        let base = scenario::parse(&with_path, Format::Toml, "base.toml").unwrap();
        let text = "base = \"b.toml\"\ndesign = \"grid\"\n[[factors]]\npath = \"drivers.completions_per_1000\"\nvalues = [1.5, 4.5]\n\
            [outputs]\nnames = [\"homeless_per_10k\"]\n";
        let p = prepare(parse(text, "plan.toml").unwrap(), text, "plan.toml", &base).unwrap();
        let values: Vec<f64> = p.scenarios.iter().map(|s| s.scenario.drivers.paths[0].value).collect();
        assert_eq!(values, [1.5, 4.5]);
        assert!(p.scenarios[0].conditions.ratio(crate::drivers::Driver::Completions, 2013) < 1.0);
        let by_index = text.replace("drivers.completions_per_1000", "drivers.paths[0].value");
        assert!(prepare(parse(&by_index, "plan.toml").unwrap(), &by_index, "plan.toml", &base).is_ok());
        // The base must have the path; the range is the driver's.
        let e = plan(text).unwrap_err();
        assert!(e.message.contains("no path for `completions_per_1000`"), "{e}");
        let wide = text.replace("[1.5, 4.5]", "[1.5, 45]");
        let e = prepare(parse(&wide, "plan.toml").unwrap(), &wide, "plan.toml", &base).unwrap_err();
        assert!(e.message.contains("driver's range"), "{e}");
    }

    #[test]
    fn same_plan_same_hash_and_any_change_changes_it() {
        assert_eq!(plan(GRID).unwrap().hash, plan(GRID).unwrap().hash);
        assert_ne!(plan(GRID).unwrap().hash, plan(&GRID.replace("0.4]", "0.5]")).unwrap().hash);
    }

    #[test]
    fn saltelli_and_lhs_sizes() {
        let text = "base = \"b.toml\"\ndesign = \"saltelli\"\nsamples = 8\n\
            [[factors]]\npath = \"params.shock_rate_per_year\"\nmin = 0.2\nmax = 0.5\n\
            [[factors]]\npath = \"instruments[0].places\"\nmin = 0\nmax = 30\n\
            [outputs]\nnames = [\"homeless_per_10k\"]\nsummaries = [\"mean\"]\nperiods = false\n";
        let p = plan(text).unwrap();
        assert_eq!(p.points.len(), 8 * 4);
        let p = plan(&text.replace("saltelli", "lhs")).unwrap();
        assert_eq!(p.points.len(), 8);
    }

    #[test]
    fn bad_factors_name_the_key_line_and_what_is_allowed() {
        let e = plan(&GRID.replace("params.shock_rate_per_year", "params.shock_rate")).unwrap_err();
        assert_eq!((e.key.as_str(), e.line), ("factors[0].path", Some(5)));
        assert!(e.message.contains("did you mean `shock_rate_per_year`"), "{e}");
        let e = plan(&GRID.replace("social_contract.trial_months", "outreach.success_share")).unwrap_err();
        assert!(e.message.contains("no `outreach` instrument") && e.message.contains("housing_first"), "{e}");
        let e = plan(&GRID.replace("social_contract.trial_months", "social_contract.colour")).unwrap_err();
        assert!(e.message.contains("not a numeric setting") && e.message.contains("trial_months"), "{e}");
        let e = plan(&GRID.replace("values = [0.2, 0.4]", "min = 0.2\nmax = 9\nlevels = 2")).unwrap_err();
        assert_eq!(e.key, "factors[0].max");
        assert!(e.message.contains("allowed 0 to 5 (per year)"), "{e}");
        let e = plan(&GRID.replace("design = \"grid\"", "design = \"lhs\"\nsamples = 4")).unwrap_err();
        assert!(e.message.contains("only a grid"), "{e}");
        let e = plan(&GRID.replace("\"grid\"", "\"sobol\"")).unwrap_err();
        assert!(e.message.contains("grid") && e.message.contains("saltelli"), "{e}");
        let e = plan(&GRID.replace("min = 6\nmax = 19", "min = 6\nmax = 100000000")).unwrap_err();
        assert!(e.message.contains("design point"), "an invalid point names itself: {e}");
    }
}
