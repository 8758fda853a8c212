//! `hemma calibrate`, `hemma apply-calibration` and `hemma validate-report`.
//!
//! * `calibrate TARGETS` fits the parameters the target file names with
//!   Nelder–Mead and restarts (`hemma::calibrate::nelder_mead`), every loss
//!   evaluation running each run's replications in parallel; after every
//!   iteration the search state is saved, so a stopped calibration resumes
//!   where it was. Writes the fitted set (values, loss, per-target fit,
//!   hemma version, date).
//! * `apply-calibration FITTED` writes the fitted values into the parameter
//!   table (`crate/params/table.rs`) as defaults, with the source
//!   "calibrated (FILE, DATE)"; then `hemma docs` regenerates the docs.
//! * `validate-report` runs every target's scenario at the committed
//!   defaults and writes `docs/validation.md` and `docs/validation.svg`
//!   (`validate_report.rs`).

mod validate_report;

pub use validate_report::{ReportArgs, validate_report};

use crate::CliError;
use crate::run::{progress_bar, thread_pool};
use crate::tidy::write_atomic;
use clap::Args;
use hemma::calibrate::nelder_mead::{Settings, State};
use hemma::calibrate::{self, Calibration};
use hemma::results::Row;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The target file used when none is given.
pub const DEFAULT_TARGETS: &str = "data/calibration/targets.toml";
/// Where the fitted set is written and read by default.
pub const DEFAULT_FITTED: &str = "data/calibration/fitted.toml";

/// Arguments of `hemma calibrate`.
#[derive(Args, Debug)]
pub struct CalibrateArgs {
    /// Target file.
    #[arg(default_value = DEFAULT_TARGETS)]
    targets: String,
    /// Where to write the fitted set.
    #[arg(long, short = 'o', default_value = DEFAULT_FITTED)]
    out: PathBuf,
    /// Search state, saved after every iteration and resumed from (default: OUT with .state.json).
    #[arg(long)]
    state: Option<PathBuf>,
    /// Stop after this many loss evaluations in all (a resumed run counts the earlier ones).
    #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u64).range(1..))]
    max_evaluations: u64,
    /// Restarts of the simplex after it first collapses.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=100))]
    restarts: u32,
    /// Iterations per restart at most.
    #[arg(long, default_value_t = 150, value_parser = clap::value_parser!(u32).range(1..))]
    iterations: u32,
    /// Initial simplex step as a share of each parameter's search range.
    #[arg(long, default_value_t = 0.15)]
    step: f64,
    /// Start from a fresh simplex even if a saved state exists.
    #[arg(long)]
    fresh: bool,
    #[command(flatten)]
    exec: crate::run::ExecArgs,
}

/// The fitted set as written to a file.
#[derive(Debug, Serialize, Deserialize)]
pub struct Fitted {
    /// hemma version that fitted it.
    pub hemma_version: String,
    /// Date of the fit (UTC), YYYY-MM-DD.
    pub date: String,
    /// Target file it was fitted to.
    pub targets_file: String,
    /// Loss at the fitted values.
    pub loss: f64,
    /// Loss at the defaults it started from.
    pub loss_at_start: f64,
    /// Loss evaluations used.
    pub evaluations: u64,
    /// Fitted values by parameter name.
    pub parameters: BTreeMap<String, f64>,
    /// Fit per target at the fitted values (mean over replications).
    pub fit: Vec<TargetFit>,
}

/// One target's fit in the fitted file.
#[derive(Debug, Serialize, Deserialize)]
pub struct TargetFit {
    /// Target id.
    pub id: String,
    /// Observed value.
    pub observed: f64,
    /// Mean over replications at the fitted values.
    pub model_mean: f64,
}

/// The saved search.
#[derive(Serialize, Deserialize)]
struct Saved {
    targets_hash: u64,
    loss_at_start: f64,
    search: State,
}

/// Reads and prepares a target file (its scenarios relative to it); also
/// returns its text.
pub(super) fn read_targets(file: &str) -> Result<(Calibration, String), CliError> {
    let text = fs::read_to_string(file).map_err(|e| CliError::input(format!("{file}: cannot read the target file: {e}")))?;
    let dir = Path::new(file).parent().unwrap_or(Path::new(".")).to_path_buf();
    let read = |p: &str| {
        fs::read_to_string(dir.join(p))
            .map_err(|e| format!("cannot read {}: {e} (paths are relative to the target file)", dir.join(p).display()))
    };
    let c = calibrate::prepare(&text, file, &read).map_err(|e| CliError::input(e.to_string()))?;
    Ok((c, text))
}

/// Runs every replication of every run, in parallel: `rows[run][replication]`.
pub(super) fn run_all(runs: &[hemma::scenario::Prepared], replications: u32, pool: &rayon::ThreadPool) -> Vec<Vec<Vec<Row>>> {
    let jobs: Vec<(usize, u32)> = (0..runs.len()).flat_map(|r| (0..replications).map(move |k| (r, k))).collect();
    let done: Vec<Vec<Row>> = pool.install(|| jobs.par_iter().map(|&(r, k)| hemma::run::run_replication(&runs[r], k)).collect());
    let mut out: Vec<Vec<Vec<Row>>> = vec![Vec::new(); runs.len()];
    for (&(r, _), rows) in jobs.iter().zip(done) {
        out[r].push(rows);
    }
    out
}

/// Rounds to 4 significant digits (the fit is nowhere near that precise).
fn round4(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 3 - x.abs().log10().floor() as i32;
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// `hemma calibrate`.
pub fn calibrate(a: CalibrateArgs) -> Result<(), CliError> {
    if !(a.step > 0.0 && a.step <= 0.5) {
        return Err(CliError::input(format!("--step {}: out of range; allowed 0 < step <= 0.5", a.step)));
    }
    let (cal, text) = read_targets(&a.targets)?;
    let fit = &cal.config.parameters;
    if fit.is_empty() {
        return Err(CliError::input(format!("{}: `parameters` is empty; nothing to fit", a.targets)));
    }
    let to_values = |u: &[f64]| -> Vec<f64> { fit.iter().zip(u).map(|(p, u)| round4(p.min + u * (p.max - p.min))).collect() };
    let pool = thread_pool(a.exec.threads)?;
    let reps = cal.config.replications;
    let bar = progress_bar(
        a.max_evaluations,
        a.exec.quiet,
        "{spinner} {msg} [{bar:30}] {pos}/{len} evaluations · {elapsed_precise} elapsed · ~{eta} left",
    );
    let mut loss = |u: &[f64]| -> f64 {
        let rows = run_all(&cal.with_values(&to_values(u), false), reps, &pool);
        bar.inc(1);
        cal.loss(&cal.target_values(&rows))
    };
    let state_path = a.state.clone().unwrap_or_else(|| a.out.with_extension("state.json"));
    let targets_hash = hemma::rng::fnv1a64(text.bytes());
    let resumed: Option<Saved> = if a.fresh {
        None
    } else {
        fs::read_to_string(&state_path).ok().and_then(|t| serde_json::from_str::<Saved>(&t).ok()).filter(|s| s.targets_hash == targets_hash)
    };
    let settings = Settings { step: a.step, iterations_per_restart: a.iterations, restarts: a.restarts, ftol: 1e-4, xtol: 1e-3 };
    let start_u: Vec<f64> = fit.iter().zip(cal.defaults()).map(|(p, d)| ((d - p.min) / (p.max - p.min)).clamp(0.0, 1.0)).collect();
    let mut saved = match resumed {
        Some(s) => {
            bar.set_position(s.search.evaluations);
            if !a.exec.quiet {
                eprintln!(
                    "resuming from {} ({} evaluations, best loss {:.3})",
                    state_path.display(),
                    s.search.evaluations,
                    s.search.best_value
                );
            }
            s
        }
        None => {
            let loss_at_start = loss(&start_u);
            let mut search = State::new(&start_u, settings, &mut loss);
            search.evaluations += 1;
            Saved { targets_hash, loss_at_start, search }
        }
    };
    saved.search.settings = settings;
    let save = |s: &Saved| -> Result<(), CliError> {
        if let Some(dir) = state_path.parent() {
            fs::create_dir_all(dir).map_err(|e| CliError::other(format!("{}: {e}", dir.display())))?;
        }
        write_atomic(&state_path, serde_json::to_string(s).unwrap_or_default().as_bytes())
            .map_err(|e| CliError::other(format!("{}: {e}", state_path.display())))
    };
    save(&saved)?;
    while !saved.search.finished() && saved.search.evaluations < a.max_evaluations {
        let best = saved.search.iterate(&mut loss);
        bar.set_message(format!("loss {:.3} (start {:.3})", best, saved.loss_at_start));
        save(&saved)?;
    }
    bar.finish_and_clear();

    let values = to_values(&saved.search.best);
    let rows = run_all(&cal.with_values(&values, false), reps, &pool);
    let tv = cal.target_values(&rows);
    let fitted = Fitted {
        hemma_version: hemma::LONG_VERSION.into(),
        date: today(),
        targets_file: a.targets.clone(),
        loss: cal.loss(&tv),
        loss_at_start: saved.loss_at_start,
        evaluations: saved.search.evaluations,
        parameters: fit.iter().zip(&values).map(|(p, v)| (p.name.clone(), *v)).collect(),
        fit: cal
            .config
            .targets
            .iter()
            .zip(&tv)
            .map(|(t, v)| TargetFit { id: t.id.clone(), observed: t.observed, model_mean: v.iter().sum::<f64>() / v.len() as f64 })
            .collect(),
    };
    let body = format!(
        "# Fitted by `hemma calibrate {}` ({} evaluations). Make these the defaults with\n# `hemma apply-calibration {}`, then `hemma docs`.\n{}",
        a.targets,
        fitted.evaluations,
        a.out.display(),
        toml::to_string_pretty(&fitted).unwrap_or_default()
    );
    if let Some(dir) = a.out.parent() {
        fs::create_dir_all(dir).map_err(|e| CliError::other(format!("{}: {e}", dir.display())))?;
    }
    write_atomic(&a.out, body.as_bytes()).map_err(|e| CliError::other(format!("{}: {e}", a.out.display())))?;
    if !a.exec.quiet {
        outln!(
            "loss {:.3} (from {:.3} at the defaults) after {} evaluations; fitted set in {}",
            fitted.loss,
            fitted.loss_at_start,
            fitted.evaluations,
            a.out.display()
        );
        for (name, v) in &fitted.parameters {
            outln!("  {name} = {v}");
        }
    }
    Ok(())
}

/// A float literal for Rust source: always with a decimal point.
fn rust_f64(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('.') || s.contains('e') { s } else { format!("{s}.0") }
}

/// Today's date (UTC) from the system clock, YYYY-MM-DD (civil-from-days, Hinnant).
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + (m <= 2) as i64;
    format!("{y:04}-{m:02}-{d:02}")
}

/// Arguments of `hemma apply-calibration`.
#[derive(Args, Debug)]
pub struct ApplyArgs {
    /// The fitted set.
    #[arg(default_value = DEFAULT_FITTED)]
    fitted: String,
    /// Root of the repository (where crate/params/table.rs is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// Reads a fitted set.
pub fn read_fitted(file: &str) -> Result<Fitted, CliError> {
    let text = fs::read_to_string(file).map_err(|e| CliError::input(format!("{file}: {e}")))?;
    toml::from_str(&text).map_err(|e| CliError::input(format!("{file}: {}", e.message())))
}

/// `hemma apply-calibration`: rewrites the default and the source of each
/// fitted row of the parameter table.
pub fn apply(a: ApplyArgs) -> Result<(), CliError> {
    let fitted = read_fitted(&a.fitted)?;
    let path = a.root.join("crate/params/table.rs");
    let text = fs::read_to_string(&path).map_err(|e| CliError::input(format!("{}: {e}", path.display())))?;
    let source = format!("calibrated ({}, {}): fitted to the targets in {}", a.fitted, fitted.date, fitted.targets_file);
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for (name, value) in &fitted.parameters {
        let spec = hemma::params::spec(name).ok_or_else(|| CliError::input(format!("{}: unknown parameter `{name}`", a.fitted)))?;
        if !(spec.min..=spec.max).contains(value) {
            return Err(CliError::input(format!("{}: `{name}` = {value} is outside its range {} to {}", a.fitted, spec.min, spec.max)));
        }
        let head = format!("    {name}: ");
        let at = lines
            .iter()
            .position(|l| l.starts_with(&head))
            .ok_or_else(|| CliError::other(format!("{}: no row for `{name}`", path.display())))?;
        let rest = &lines[at][head.len()..];
        let comma = rest.find(',').ok_or_else(|| CliError::other(format!("{}:{}: cannot read the row", path.display(), at + 1)))?;
        lines[at] = format!("{head}{}{}", rust_f64(*value), &rest[comma..]);
        // The row ends with its source: the first line from here that ends in `";`.
        let end = (at..lines.len())
            .find(|&i| lines[i].trim_end().ends_with("\";"))
            .ok_or_else(|| CliError::other(format!("{}: row `{name}` has no end", path.display())))?;
        let indent: String = lines[end].chars().take_while(|c| c.is_whitespace()).collect();
        lines[end] = format!("{indent}{source:?};");
    }
    let out = lines.join("\n") + "\n";
    write_atomic(&path, out.as_bytes()).map_err(|e| CliError::other(format!("{}: {e}", path.display())))?;
    outln!(
        "{} default(s) in {} set from {}; now run `cargo run --release -- docs` and rebuild",
        fitted.parameters.len(),
        path.display(),
        a.fitted
    );
    Ok(())
}
