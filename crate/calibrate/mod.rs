//! Calibration and validation against observed figures.
//!
//! A *target file* (`data/calibration/targets.toml`) names the *runs* — a
//! preset scenario file each (the eight municipalities and Sverige, with
//! their own population, tenure mix and instrument mix), run from
//! `start_year` for `horizon_months` — the *targets*, each an output (or a
//! ratio of two) over a window of months of one run, with its observed
//! value, source, weight, tolerance and validation goal, and the
//! *parameters* to fit: rows of the parameter table of kind "calibrated",
//! each with a search range. One parameter set serves every run:
//! municipalities differ only by their data and instruments, and a run's
//! scenario file may not override a fitted parameter.
//!
//! [`Calibration::loss`] is the weighted sum over targets of
//! `((mean − observed) / (tolerance × observed))²`, with the mean taken
//! over the replications of each run. Every loss evaluation uses the same
//! seeds (common random numbers), so the loss is a deterministic function
//! of the parameters and small changes are not drowned in new noise. The
//! optimiser is in [`nelder_mead`]; the report in [`report`]. The shell
//! (`hemma calibrate`, `hemma validate-report`) reads the files and runs
//! the replications in parallel.

// Errors are returned once, on a cold path (see `scenario`).
#![allow(clippy::result_large_err)]

pub mod history;
pub mod nelder_mead;
pub mod report;

use crate::params;
use crate::results::{self, OutKind, Row};
use crate::scenario::{self, Format, Prepared, ScenarioError};
use serde::{Deserialize, Serialize};

/// One run: a scenario file with the target file's common settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunSpec {
    /// Identifier used by targets.
    pub id: String,
    /// Scenario file, relative to the target file.
    pub scenario: String,
    /// Share of households simulated while calibrating.
    pub scale: f64,
    /// Share of households simulated for the validation report (default: `scale`).
    #[serde(default)]
    pub report_scale: Option<f64>,
}

/// One observed figure and how the model produces it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Identifier, e.g. `goteborg.homeless_per_10k`.
    pub id: String,
    /// Label in the report.
    pub label: String,
    /// Group in the report (its goal applies to every target in it).
    pub group: String,
    /// Run it is measured in.
    pub run: String,
    /// Output measured: summed over the window for flows, averaged for stocks and rates.
    pub output: String,
    /// Divide by this output, aggregated the same way (a ratio or a share).
    #[serde(default)]
    pub per: Option<String>,
    /// Multiply by this (e.g. 10,000 for a rate per 10,000).
    #[serde(default = "one")]
    pub factor: f64,
    /// First month of the window, `YYYY-MM`.
    pub from: String,
    /// Last month of the window, `YYYY-MM`.
    pub to: String,
    /// The observed value.
    pub observed: f64,
    /// Relative tolerance scaling the target's term in the loss.
    pub tolerance: f64,
    /// Weight in the loss.
    #[serde(default = "one")]
    pub weight: f64,
    /// Validation goal: largest relative error of the median that passes.
    pub goal: f64,
    /// Where the observed value comes from.
    pub source: String,
}

fn one() -> f64 {
    1.0
}

/// A parameter to fit and its search range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitParam {
    /// A row of the parameter table of kind "calibrated".
    pub name: String,
    /// Lower end of the search range.
    pub min: f64,
    /// Upper end.
    pub max: f64,
}

/// A target file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Seed of every run (the same in every loss evaluation).
    pub seed: u64,
    /// Replications per run in a loss evaluation.
    pub replications: u32,
    /// Replications per run in the validation report.
    pub report_replications: u32,
    /// Calendar year the runs start (January; burn-in comes before).
    pub start_year: i32,
    /// Months run.
    pub horizon_months: u32,
    /// The conditions every run follows (`constant`: the 2011–13 conditions
    /// the parameters stand for, which the drift targets need; absent:
    /// `recorded`, see [`crate::drivers`]).
    #[serde(default)]
    pub conditions: crate::drivers::ConditionsMode,
    /// The runs.
    pub runs: Vec<RunSpec>,
    /// The parameters fitted.
    pub parameters: Vec<FitParam>,
    /// The targets.
    pub targets: Vec<Target>,
}

/// A target resolved against the output table and its run.
#[derive(Clone, Debug)]
struct Resolved {
    run: usize,
    output: usize,
    per: Option<usize>,
    months: std::ops::Range<usize>,
}

/// A checked target file with its runs prepared at the parameter defaults.
#[derive(Clone, Debug)]
pub struct Calibration {
    /// The file as read.
    pub config: Config,
    /// Each run's scenario at the calibration scale.
    pub runs: Vec<Prepared>,
    /// Each run's scenario at the report scale.
    pub report_runs: Vec<Prepared>,
    resolved: Vec<Resolved>,
}

/// Parses `text` (from `origin`); `read` returns the text of a run's
/// scenario file given its path as written (relative to the target file).
pub fn prepare(text: &str, origin: &str, read: &dyn Fn(&str) -> Result<String, String>) -> Result<Calibration, ScenarioError> {
    let fail = |key: &str, value: String, message: String| scenario::error_at(text, origin, key, value, message);
    let config: Config = scenario::from_toml(text, origin)?;
    if config.replications == 0 || config.report_replications == 0 {
        return Err(fail("replications", "0".into(), "allowed 1 or more".into()));
    }
    for (i, p) in config.parameters.iter().enumerate() {
        let key = format!("parameters[{i}].name");
        let Some(spec) = params::spec(&p.name) else {
            return Err(fail(
                &key,
                format!("{:?}", p.name),
                params::ParamError::Unknown { name: p.name.clone(), suggestions: params::suggest(&p.name) }.to_string(),
            ));
        };
        if spec.kind != params::Kind::Calibrated {
            return Err(fail(
                &key,
                format!("{:?}", p.name),
                format!("is of kind {}; only parameters of kind calibrated are fitted", spec.kind.as_str()),
            ));
        }
        if !(spec.min <= p.min && p.min < p.max && p.max <= spec.max) {
            return Err(fail(
                &format!("parameters[{i}].max"),
                p.max.to_string(),
                format!("need min < max within the table's range {} to {}", spec.min, spec.max),
            ));
        }
    }
    let mut runs = Vec::new();
    let mut report_runs = Vec::new();
    for (i, r) in config.runs.iter().enumerate() {
        let stext = read(&r.scenario).map_err(|m| fail(&format!("runs[{i}].scenario"), format!("{:?}", r.scenario), m))?;
        let base = scenario::parse(&stext, Format::from_path(&r.scenario), &r.scenario)?;
        if let Some(p) = config.parameters.iter().find(|p| base.scenario.params.contains_key(&p.name)) {
            return Err(fail(
                &format!("runs[{i}].scenario"),
                format!("{:?}", r.scenario),
                format!(
                    "overrides the fitted parameter `{}`; one parameter set must serve every run (no per-municipality adjustment)",
                    p.name
                ),
            ));
        }
        let at = |scale: f64| -> Result<Prepared, ScenarioError> {
            let mut s = base.scenario.clone();
            let shift = (s.start_year - config.start_year) * 12;
            for inst in &mut s.instruments {
                inst.shift_window(shift);
            }
            // An instrument that starts after the runs' window never acts in it.
            let horizon = config.horizon_months as i32;
            s.instruments.retain(|inst| inst.window().start_month < horizon);
            for inst in &mut s.instruments {
                if inst.window().end_month.is_some_and(|e| e > horizon) {
                    inst.window_mut().end_month = Some(horizon);
                }
            }
            s.start_year = config.start_year;
            s.horizon_months = config.horizon_months;
            s.drivers.conditions = config.conditions;
            s.seed = config.seed;
            s.scale = scale;
            scenario::prepare(s, &r.scenario)
        };
        runs.push(at(r.scale)?);
        report_runs.push(at(r.report_scale.unwrap_or(r.scale))?);
    }
    // A start after 2011 puts the history first: months count from 2011.
    let timeline = crate::timeline::Timeline { start_year: config.start_year, horizon_months: config.horizon_months };
    let month_index = |key: &str, label: &str| -> Result<usize, ScenarioError> {
        (0..timeline.reported_months() as usize).find(|&m| timeline.label(m) == label).ok_or_else(|| {
            fail(
                key,
                format!("{label:?}"),
                format!("not a month of the runs (YYYY-MM from {}-01, {} months)", timeline.first_year(), timeline.reported_months()),
            )
        })
    };
    let mut resolved = Vec::new();
    for (i, t) in config.targets.iter().enumerate() {
        let key = |f: &str| format!("targets[{i}].{f}");
        let run = config
            .runs
            .iter()
            .position(|r| r.id == t.run)
            .ok_or_else(|| fail(&key("run"), format!("{:?}", t.run), "no run with this id".into()))?;
        let output = |name: &str, f: &str| {
            results::index_of(name).ok_or_else(|| fail(&key(f), format!("{name:?}"), "unknown output; `hemma outputs` lists them".into()))
        };
        let o = output(&t.output, "output")?;
        let per = t.per.as_deref().map(|p| output(p, "per")).transpose()?;
        let (a, b) = (month_index(&key("from"), &t.from)?, month_index(&key("to"), &t.to)?);
        if b < a {
            return Err(fail(&key("to"), t.to.clone(), format!("before `from` ({})", t.from)));
        }
        if !(t.observed.is_finite() && t.observed > 0.0 && t.tolerance > 0.0 && t.goal > 0.0 && t.weight >= 0.0) {
            return Err(fail(
                &key("observed"),
                t.observed.to_string(),
                "observed, tolerance and goal must be positive, weight at least 0".into(),
            ));
        }
        resolved.push(Resolved { run, output: o, per, months: a..b + 1 });
    }
    Ok(Calibration { config, runs, report_runs, resolved })
}

impl Calibration {
    /// The runs' scenarios with the fitted parameters set to `values` (in
    /// the order of `config.parameters`); `report` selects the report scale.
    pub fn with_values(&self, values: &[f64], report: bool) -> Vec<Prepared> {
        let runs = if report { &self.report_runs } else { &self.runs };
        runs.iter()
            .map(|p| {
                let mut p = p.clone();
                for (fp, v) in self.config.parameters.iter().zip(values) {
                    // In range by construction (the optimiser stays in the search box).
                    let _ = p.params.set(&fp.name, *v);
                }
                p
            })
            .collect()
    }

    /// The current defaults of the fitted parameters.
    pub fn defaults(&self) -> Vec<f64> {
        let d = params::Params::default();
        self.config.parameters.iter().map(|p| d.get(&p.name).unwrap_or(p.min)).collect()
    }

    /// Each target's value in each replication: `values[target][replication]`,
    /// from `rows[run][replication]` (the runs' reported months).
    pub fn target_values(&self, rows: &[Vec<Vec<Row>>]) -> Vec<Vec<f64>> {
        self.resolved
            .iter()
            .zip(&self.config.targets)
            .map(|(r, t)| {
                rows[r.run]
                    .iter()
                    .map(|months| {
                        let window = &months[r.months.clone()];
                        let num = aggregate(window, r.output);
                        match r.per {
                            Some(d) => {
                                let den = aggregate(window, d);
                                if den == 0.0 { 0.0 } else { num / den * t.factor }
                            }
                            None => num * t.factor,
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The loss of target values (see the module docs).
    pub fn loss(&self, values: &[Vec<f64>]) -> f64 {
        self.config
            .targets
            .iter()
            .zip(values)
            .map(|(t, v)| {
                let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
                t.weight * ((mean - t.observed) / (t.tolerance * t.observed)).powi(2)
            })
            .sum()
    }
}

/// Flows are summed over the window, stocks and rates averaged.
fn aggregate(window: &[Row], output: usize) -> f64 {
    let sum: f64 = window.iter().map(|r| r.0[output]).sum();
    match results::table()[output].kind {
        OutKind::Flow => sum,
        _ => sum / window.len().max(1) as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCEN: &str = "preset = \"nynashamn\"\nscale = 1\nstart_year = 2012\nhorizon_months = 24\n\
        [[instruments]]\nkind = \"outreach\"\nstart_month = 12\n";

    fn config(extra: &str) -> String {
        format!(
            "seed = 1\nreplications = 2\nreport_replications = 3\nstart_year = 2011\nhorizon_months = 36\n\
             [[runs]]\nid = \"nyn\"\nscenario = \"nyn.toml\"\nscale = 0.3\n\
             [[parameters]]\nname = \"shock_rate_per_year\"\nmin = 0.1\nmax = 1.0\n\
             [[targets]]\nid = \"a\"\nlabel = \"x\"\ngroup = \"g\"\nrun = \"nyn\"\noutput = \"new_withdrawn\"\nper = \"new_eviction_applications\"\n\
             from = \"2011-01\"\nto = \"2012-12\"\nobserved = 0.65\ntolerance = 0.2\ngoal = 0.2\nsource = \"s\"\n{extra}"
        )
    }

    fn prep(text: &str, scen: &'static str) -> Result<Calibration, ScenarioError> {
        prepare(text, "targets.toml", &|_| Ok(scen.to_string()))
    }

    #[test]
    fn runs_take_the_common_settings_and_keep_their_instruments_calendar() {
        let c = prep(&config(""), SCEN).unwrap();
        let s = &c.runs[0].scenario;
        assert_eq!((s.start_year, s.horizon_months, s.seed, s.scale), (2011, 36, 1, 0.3));
        assert_eq!(s.instruments[0].window().start_month, 24, "January 2013 stays January 2013");
        let c = prep(&config("").replace("horizon_months = 36", "horizon_months = 12").replace("2012-12", "2011-12"), SCEN).unwrap();
        assert!(c.runs[0].scenario.instruments.is_empty(), "an instrument starting after the window is left out");
        assert_eq!(c.report_runs[0].scenario.scale, 0.3);
    }

    #[test]
    fn ratios_sum_flows_over_the_window_and_the_loss_scales_by_tolerance() {
        let c = prep(&config(""), SCEN).unwrap();
        let row = |w: f64, a: f64| {
            let mut r = Row::zeros();
            r.set(results::Out::new_withdrawn, w);
            r.set(results::Out::new_eviction_applications, a);
            r
        };
        let months: Vec<Row> = (0..36).map(|m| if m % 2 == 0 { row(1.0, 1.0) } else { row(0.0, 1.0) }).collect();
        let v = c.target_values(&[vec![months.clone(), months]]);
        assert_eq!(v, vec![vec![0.5, 0.5]]);
        let expected = ((0.5f64 - 0.65) / (0.2 * 0.65)).powi(2);
        assert!((c.loss(&v) - expected).abs() < 1e-12);
    }

    #[test]
    fn bad_target_files_name_the_key() {
        let e = prep(&config("").replace("shock_rate_per_year", "burn_in_months"), SCEN).unwrap_err();
        assert!(e.message.contains("only parameters of kind calibrated"), "{e}");
        let e = prep(&config("").replace("\"2012-12\"", "\"2015-01\""), SCEN).unwrap_err();
        assert_eq!(e.key, "targets[0].to");
        let e = prep(&config("").replace("run = \"nyn\"", "run = \"nowhere\""), SCEN).unwrap_err();
        assert_eq!(e.key, "targets[0].run");
        let e = prep(&config(""), "preset = \"nynashamn\"\nhorizon_months = 12\nstart_year = 2011\n[params]\nshock_rate_per_year = 0.5\n")
            .unwrap_err();
        assert!(e.message.contains("one parameter set must serve every run"), "{e}");
    }
}
