//! `hemma validate-report`: every target's scenario at the committed
//! defaults → `docs/validation.md`, `.svg` and `.json` (the report itself is
//! `hemma::calibrate::report`), with each place's "why" line and the
//! national run's modelled history beside the observed points.

use super::{DEFAULT_TARGETS, read_targets, run_all};
use crate::CliError;
use crate::run::thread_pool;
use crate::tidy::write_atomic;
use clap::Args;
use hemma::aggregate::Band;
use hemma::calibrate::history;
use hemma::calibrate::report::{self, Report, TargetResult};
use hemma::results::Row;
use rayon::prelude::*;
use std::fs;
use std::path::PathBuf;

/// Arguments of `hemma validate-report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Target file.
    #[arg(default_value = DEFAULT_TARGETS)]
    targets: String,
    /// Replications per run (default: the target file's report_replications).
    #[arg(long, short = 'r', value_parser = clap::value_parser!(u32).range(1..=10_000))]
    replications: Option<u32>,
    /// Markdown file to write; the SVG plot goes beside it with the extension .svg.
    #[arg(long, short = 'o', default_value = "docs/validation.md")]
    out: PathBuf,
    #[command(flatten)]
    exec: crate::run::ExecArgs,
}

/// The "why" line of one run's place: start, tenth year, first-year flows
/// and pathways, covariates that differ from the country's.
fn place_summary(id: &str, run: &hemma::scenario::Prepared, reps: &[Vec<Row>]) -> hemma::calibrate::report::PlaceSummary {
    use hemma::results::Out;
    let mean = |f: &dyn Fn(&[Row]) -> f64| reps.iter().map(|r| f(r)).sum::<f64>() / reps.len().max(1) as f64;
    let first_year = |r: &[Row], o: Out| -> f64 {
        let y = &r[..r.len().min(12)];
        let residents = y.iter().map(|x| x.get(Out::n_residents)).sum::<f64>() / y.len().max(1) as f64;
        y.iter().map(|x| x.get(o)).sum::<f64>() / residents.max(1.0) * 10_000.0
    };
    let causes = [
        ("arrival", Out::new_homeless_from_arrival),
        ("institution", Out::new_homeless_from_institution),
        ("sublet ended", Out::new_homeless_from_sublet_end),
        ("young adult", Out::new_homeless_from_young_adult),
        ("threat move", Out::new_homeless_from_threat_move),
        ("eviction", Out::new_homeless_from_eviction),
        ("separation", Out::new_homeless_from_separation),
    ];
    let entries = mean(&|r| first_year(r, Out::new_homeless));
    let mut pathways: Vec<(String, f64)> =
        causes.iter().map(|(k, o)| (k.to_string(), mean(&|r| first_year(r, *o)) / entries.max(1e-9))).collect();
    pathways.sort_by(|a, b| b.1.total_cmp(&a.1));
    let covariates: Vec<String> = run
        .preset
        .covariates
        .cells()
        .iter()
        .filter(|(_, c)| c.flag != hemma::presets::Flag::National && (c.index() - 1.0).abs() > 0.05)
        .map(|(n, c)| format!("{} {:.2}× national", n.replace('_', " "), c.index()))
        .collect();
    hemma::calibrate::report::PlaceSummary {
        id: id.to_string(),
        name: run.preset.name.clone(),
        observed: run.preset.homeless_per_10k,
        start: mean(&|r| r.first().map_or(0.0, |x| x.get(Out::homeless_per_10k))),
        year_ten: mean(&|r| {
            let t = &r[r.len().saturating_sub(12)..];
            t.iter().map(|x| x.get(Out::homeless_per_10k)).sum::<f64>() / t.len().max(1) as f64
        }),
        entries_per_10k: entries,
        exits_per_10k: mean(&|r| first_year(r, Out::new_homeless_exits)),
        pathways,
        covariates: if covariates.is_empty() { "like Sweden's".into() } else { covariates.join("; ") },
    }
}

/// A place's modelled history, 2011 to the data year: the run's place,
/// scale and parameters under the recorded conditions, with its recorded
/// instruments, beside its observed points ([`hemma::calibrate::history`]).
fn place_history(run: &hemma::scenario::Prepared, reps: u32, pool: &rayon::ThreadPool) -> Result<history::PlaceHistory, CliError> {
    use hemma::timeline::DATA_YEAR;
    let mut s = run.scenario.clone();
    s.drivers = hemma::drivers::DriversSpec::default();
    s.instruments.clear();
    s.start_year = DATA_YEAR;
    s.horizon_months = 12;
    let p = hemma::scenario::prepare(s, "history").map_err(|e| CliError::other(e.to_string()))?;
    let history_months = (DATA_YEAR - p.timeline().first_year()) as usize * 12;
    let runs: Vec<Vec<Row>> = pool.install(|| {
        (0..reps)
            .into_par_iter()
            .map(|r| {
                let mut rows = hemma::run::run_replication(&p, r);
                rows.truncate(history_months);
                rows
            })
            .collect()
    });
    Ok(history::place_history(&p.preset.id, &p.preset.name, p.timeline().first_year(), p.scenario.scale, &runs))
}

pub fn validate_report(a: ReportArgs) -> Result<(), CliError> {
    let (cal, _) = read_targets(&a.targets)?;
    let reps = a.replications.unwrap_or(cal.config.report_replications);
    let pool = thread_pool(a.exec.threads)?;
    if !a.exec.quiet {
        eprintln!("running {} scenario(s) × {reps} replication(s) at the committed defaults …", cal.report_runs.len());
    }
    let rows = run_all(&cal.with_values(&cal.defaults(), true), reps, &pool);
    let values = cal.target_values(&rows);
    let sources: Vec<&str> = cal.config.parameters.iter().filter_map(|p| hemma::params::spec(&p.name)).map(|s| s.source).collect();
    let parameters_from = match sources.first() {
        Some(s) if sources.iter().all(|x| x == s) => format!("the fitted parameters are {s}"),
        _ => "the fitted parameters' sources differ (see docs/parameters.md)".into(),
    };
    let targets: Vec<TargetResult> = cal
        .config
        .targets
        .iter()
        .zip(&values)
        .map(|(t, v)| {
            let b = Band::of(v);
            TargetResult {
                id: t.id.clone(),
                run: t.run.clone(),
                label: t.label.clone(),
                group: t.group.clone(),
                observed: t.observed,
                median: b.p50,
                p5: b.p5,
                p95: b.p95,
                goal: t.goal,
                source: t.source.clone(),
            }
        })
        .collect();
    let places = cal.config.runs.iter().zip(&cal.report_runs).zip(&rows).map(|((c, run), reps)| place_summary(&c.id, run, reps)).collect();
    let histories = cal.report_runs.iter().map(|run| place_history(run, reps, &pool)).collect::<Result<Vec<_>, _>>()?;
    let r = Report {
        places,
        histories,
        version: hemma::LONG_VERSION.into(),
        parameters_from,
        replications: reps,
        command: format!("hemma validate-report {}{}", a.targets, a.replications.map_or(String::new(), |n| format!(" --replications {n}"))),
        targets,
    };
    let svg_path = a.out.with_extension("svg");
    let json_path = a.out.with_extension("json");
    if let Some(dir) = a.out.parent() {
        fs::create_dir_all(dir).map_err(|e| CliError::other(format!("{}: {e}", dir.display())))?;
    }
    write_atomic(&a.out, report::markdown(&r).as_bytes()).map_err(|e| CliError::other(format!("{}: {e}", a.out.display())))?;
    write_atomic(&svg_path, report::svg(&r).as_bytes()).map_err(|e| CliError::other(format!("{}: {e}", svg_path.display())))?;
    write_atomic(&json_path, report::json(&r).as_bytes()).map_err(|e| CliError::other(format!("{}: {e}", json_path.display())))?;
    if !a.exec.quiet {
        let met = r.targets.iter().filter(|t| t.meets_goal()).count();
        outln!(
            "{met} of {} targets meet their goal; report in {}, {} and {}",
            r.targets.len(),
            a.out.display(),
            svg_path.display(),
            json_path.display()
        );
        for t in r.targets.iter().filter(|t| !t.meets_goal()) {
            outln!("  missed: {} — observed {}, model median {:.3} ({:+.0}%)", t.label, t.observed, t.median, t.relative_error() * 100.0);
        }
    }
    Ok(())
}
