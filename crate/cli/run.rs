//! `hemma run` and `hemma validate`.

use crate::CliError;
use crate::output::{summary_table, write_results};
use clap::Args;
use hemma::scenario::{self, Prepared};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Arguments of `hemma run`.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Scenario file (TOML or JSON), or a preset's id (e.g. `karlstad`) for
    /// its default run: history from 2011, then ten years from the data year.
    file: String,
    /// Replications (overrides the scenario's `replications`).
    #[arg(long, short = 'r', value_parser = clap::value_parser!(u32).range(1..=scenario::MAX_REPLICATIONS as i64))]
    replications: Option<u32>,
    /// Seed (overrides the scenario's `seed`).
    #[arg(long, short = 's')]
    seed: Option<u64>,
    /// Share of households simulated, 0 < scale <= 1 (overrides the scenario's `scale`).
    #[arg(long, value_parser = parse_scale)]
    scale: Option<f64>,
    /// First projected year, 2011 to the data year (overrides `start_year`;
    /// the years from 2011 before it are history). Instruments keep their
    /// calendar months; one that would start earlier is moved to it.
    #[arg(long)]
    start_year: Option<i32>,
    /// Months projected from the start year (overrides `horizon_months`).
    #[arg(long)]
    horizon_months: Option<u32>,
    /// Output directory (default: out/<scenario file name>).
    #[arg(long, short = 'o')]
    out: Option<PathBuf>,
    /// Print each replication's fingerprint (64-bit hash of all its results; the dashboard shows the same).
    #[arg(long)]
    fingerprint: bool,
    #[command(flatten)]
    exec: ExecArgs,
}

/// How to execute runs (shared by `run` and `compare`).
#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,
    /// No progress bar and no table.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

fn parse_scale(s: &str) -> Result<f64, String> {
    let x: f64 = s.parse().map_err(|_| format!("`{s}` is not a number; allowed 0 < scale <= 1"))?;
    if x.is_finite() && x > 0.0 && x <= 1.0 { Ok(x) } else { Err(format!("{s} is out of range; allowed 0 < scale <= 1")) }
}

/// Reads and validates a scenario file, or a preset's default run
/// ([`hemma::files::load_scenario`]); notes of a migration from an older
/// format go to stderr.
pub fn load(file: &str) -> Result<Prepared, CliError> {
    let (prepared, notes) = hemma::files::load_scenario(file).map_err(CliError::input)?;
    for note in notes {
        eprintln!("note: {note}");
    }
    for w in prepared.warnings() {
        eprintln!("warning: {file}: {}: {}", w.field, w.en);
    }
    Ok(prepared)
}

/// `hemma validate FILE`.
pub fn validate(file: &str) -> Result<(), CliError> {
    let p = load(file)?;
    outln!(
        "{file}: ok — {} ({}), scale {}, {}{} months from {}, {} replication(s), {} parameter override(s), {} instrument(s)",
        p.scenario.name,
        p.preset.name,
        p.scenario.scale,
        if p.timeline().has_history() {
            format!("history from {} ({} recorded instrument(s)), then ", p.timeline().first_year(), p.recorded.len())
        } else {
            String::new()
        },
        p.scenario.horizon_months,
        p.scenario.start_year,
        p.scenario.replications,
        p.scenario.params.len(),
        p.scenario.instruments.len()
    );
    if p.scenario.place.is_some() {
        let flag = |f: hemma::presets::Flag| if f == hemma::presets::Flag::National { " (national value)" } else { "" };
        outln!(
            "  place {}: {} residents, homeless per 10,000 (adults, as Socialstyrelsen counts) {}{} in {} (met in April of that year; {:.1} at the start in 2011), executed evictions {}{} a year",
            p.preset.name,
            p.preset.population,
            hemma::units::number(p.preset.homeless_per_10k),
            flag(p.preset.homeless_flag),
            p.preset.count_year,
            p.preset.start_per_10k(),
            p.preset.executed_evictions,
            flag(p.preset.evictions_flag)
        );
        for (name, c) in p.preset.covariates.cells() {
            outln!("  {name} = {}{}", hemma::units::number(c.value), flag(c.flag));
        }
    }
    Ok(())
}

/// Runs every replication of every scenario in `scenarios` on a thread pool,
/// with one progress bar; returns the runs per scenario, in replication order.
pub fn parallel_runs(scenarios: &[&Prepared], threads: Option<u32>, quiet: bool) -> Result<Vec<Vec<Vec<hemma::results::Row>>>, CliError> {
    parallel_with(scenarios, threads, quiet, &|p, r, tick| hemma::run::run_replication_with(p, r, tick))
}

/// Like [`parallel_runs`], each replication with the traces of its
/// projection for the effect accounting (`hemma compare`).
pub fn parallel_traced_runs(scenarios: &[&Prepared], threads: Option<u32>, quiet: bool) -> Result<Vec<Vec<TracedRun>>, CliError> {
    parallel_with(scenarios, threads, quiet, &|p, r, tick| {
        let run = hemma::run::run_replication_traced(p, r);
        // One tick per simulated month, after the run.
        (0..hemma::run::months_per_replication(p)).for_each(|_| tick());
        run
    })
}

/// A replication's reported months, its projection's traces and its instruments.
pub type TracedRun = hemma::run::Traced;

/// Every replication of every scenario through `run(scenario, replication,
/// tick)` on the pool, with a progress bar ticked once per simulated month.
fn parallel_with<T: Send>(
    scenarios: &[&Prepared],
    threads: Option<u32>,
    quiet: bool,
    run: &(dyn Fn(&Prepared, u32, &dyn Fn()) -> T + Sync),
) -> Result<Vec<Vec<T>>, CliError> {
    let total: u64 = scenarios.iter().map(|p| p.scenario.replications as u64 * hemma::run::months_per_replication(p)).sum();
    let bar = progress_bar(total, quiet, PERCENT);
    let names: Vec<String> = scenarios.iter().map(|p| format!("{} × {}", p.preset.name, p.scenario.replications)).collect();
    bar.set_message(names.join(" + "));
    let pool = thread_pool(threads)?;
    let jobs = hemma::run::replication_jobs(scenarios);
    let results = pool.install(|| jobs.par_iter().map(|&(k, r)| run(scenarios[k], r, &|| bar.inc(1))).collect::<Vec<_>>());
    bar.finish_and_clear();
    Ok(hemma::run::by_scenario(scenarios.len(), &jobs, results))
}

/// Progress shown as a percentage of the work (simulated months).
pub const PERCENT: &str = "{spinner} {msg} [{bar:30}] {percent}% · {elapsed_precise} elapsed · ~{eta} left";

/// A progress bar of `total` steps on stderr with `template`, hidden when `quiet`.
pub fn progress_bar(total: u64, quiet: bool, template: &str) -> ProgressBar {
    let bar = if quiet { ProgressBar::hidden() } else { ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()) };
    bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> "));
    bar
}

/// A pool of `threads` worker threads (default: one per core).
pub fn thread_pool(threads: Option<u32>) -> Result<rayon::ThreadPool, CliError> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        b = b.num_threads(t as usize);
    }
    b.build().map_err(|e| CliError::other(format!("cannot start worker threads: {e}")))
}

/// `hemma run FILE`.
pub fn run(args: RunArgs) -> Result<(), CliError> {
    let mut prepared = load(&args.file)?;
    if let Some(r) = args.replications {
        prepared.scenario.replications = r;
    }
    if let Some(s) = args.seed {
        prepared.scenario.seed = s;
    }
    if args.scale.is_some() || args.start_year.is_some() || args.horizon_months.is_some() {
        // Re-validate: a scale can be too small for the preset, a year or a
        // horizon out of range; the message names the flag.
        let mut s = prepared.scenario.clone();
        let mut flags = Vec::new();
        if let Some(scale) = args.scale {
            s.scale = scale;
            flags.push("--scale");
        }
        if let Some(year) = args.start_year {
            for note in s.move_start(year) {
                if !args.exec.quiet {
                    eprintln!("note: {note}");
                }
            }
            flags.push("--start-year");
        }
        if let Some(months) = args.horizon_months {
            s.horizon_months = months;
            flags.push("--horizon-months");
        }
        prepared = scenario::prepare(s, &flags.join(", ")).map_err(|e| CliError::input(e.to_string()))?;
    }
    let out = args.out.clone().unwrap_or_else(|| {
        let stem = Path::new(&args.file).file_stem().map_or("run".into(), |s| s.to_string_lossy().to_string());
        PathBuf::from("out").join(stem)
    });
    let n = prepared.scenario.replications;
    let started = std::time::Instant::now();
    let runs = parallel_runs(&[&prepared], args.exec.threads, args.exec.quiet)?.remove(0);
    let elapsed = started.elapsed();
    if args.fingerprint {
        for (r, rows) in runs.iter().enumerate() {
            outln!("fingerprint {r} {:016x}", hemma::run::fingerprint(rows));
        }
    }
    write_results(&out, &prepared, &runs, elapsed).map_err(|e| CliError::other(format!("{}: cannot write results: {e}", out.display())))?;
    if !args.exec.quiet {
        outln!("{}", summary_table(&prepared, &runs));
        outln!(
            "{} replication(s) of {} months in {:.1} s; results in {}/",
            n,
            prepared.timeline().reported_months(),
            elapsed.as_secs_f64(),
            out.display()
        );
    }
    Ok(())
}
