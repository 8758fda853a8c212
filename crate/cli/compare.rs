//! `hemma compare BASE SCENARIO`: paired runs and their differences.

use crate::CliError;
use crate::run::{load, parallel_traced_runs};
use clap::Args;
use hemma::compare::{Difference, HEADLINE, HeadlineSetup, check_comparable, headline, projection_effectiveness, whole_place_differences};
use hemma::results::table;
use hemma::scenario;
use serde_json::json;
use std::path::PathBuf;

/// Arguments of `hemma compare`.
#[derive(Args, Debug)]
pub struct CompareArgs {
    /// The base scenario (TOML or JSON).
    base: String,
    /// The alternative scenario; it must share preset, scale, start year, horizon and seed.
    alternative: String,
    /// Replications of each (overrides both files).
    #[arg(long, short = 'r', value_parser = clap::value_parser!(u32).range(2..=scenario::MAX_REPLICATIONS as i64))]
    replications: Option<u32>,
    /// Output directory (default: out/compare-<base>-<alternative>).
    #[arg(long, short = 'o')]
    out: Option<PathBuf>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    /// Calendar year of the headline's "homeless persons in December" (default:
    /// five years after the alternative's first instrument starts).
    #[arg(long, value_parser = clap::value_parser!(i32).range(2011..=2100))]
    at_year: Option<i32>,
    /// No progress bar and no table.
    #[arg(long, short = 'q')]
    quiet: bool,
}

fn stem(path: &str) -> String {
    std::path::Path::new(path).file_stem().map_or("scenario".into(), |s| s.to_string_lossy().to_string())
}

fn fmt_diff(d: &Difference) -> String {
    format!("{:+.1} [{:+.1}, {:+.1}]", d.mean, d.paired_low, d.paired_high)
}

/// `hemma compare`.
pub fn compare(args: CompareArgs) -> Result<(), CliError> {
    let mut base = load(&args.base)?;
    let mut alternative = load(&args.alternative)?;
    let n = args.replications.unwrap_or(base.scenario.replications.max(alternative.scenario.replications)).max(2);
    base.scenario.replications = n;
    alternative.scenario.replications = n;
    check_comparable(&base, &alternative).map_err(|e| CliError::input(format!("{} vs {}: {e}", args.base, args.alternative)))?;
    let mut runs = parallel_traced_runs(&[&base, &alternative], args.threads, args.quiet)?;
    let accounting = hemma::effects::account(&runs[0], &runs[1], base.scenario.scale);
    let rows: Vec<Vec<Vec<hemma::results::Row>>> =
        runs.iter_mut().map(|s| s.iter_mut().map(|t| std::mem::take(&mut t.rows)).collect()).collect();
    let (rb, ra) = (&rows[0], &rows[1]);
    let years = whole_place_differences(&base, rb, ra);
    let eff = projection_effectiveness(&base, rb, ra);
    let head = headline(&HeadlineSetup::of(&base, &alternative), rb, ra, args.at_year);

    let out =
        args.out.clone().unwrap_or_else(|| PathBuf::from("out").join(format!("compare-{}-{}", stem(&args.base), stem(&args.alternative))));
    std::fs::create_dir_all(&out).map_err(|e| CliError::other(format!("{}: {e}", out.display())))?;
    crate::output::write_csv(&out.join("comparison.csv"), &hemma::tables::comparison(&base, &years))
        .map_err(|e| CliError::other(format!("{}: cannot write: {e}", out.display())))?;
    crate::output::write_csv(&out.join("effects.csv"), &hemma::tables::effects(&base, &accounting))
        .map_err(|e| CliError::other(format!("{}: cannot write: {e}", out.display())))?;
    let timeline = base.timeline();
    let first = timeline.first_year();
    let summary = json!({
        "hemma_version": hemma::VERSION,
        "git_commit": hemma::GIT_COMMIT,
        "values": hemma::tables::VALUES,
        "scale": base.scenario.scale,
        "base": base.scenario,
        "alternative": alternative.scenario,
        "replications": n,
        "interval": "90% interval of the mean difference; paired uses the replication pairs (common random numbers), unpaired treats the runs as independent (Welch)",
        "effectiveness_whole_population": eff,
        "headline": head,
        "why": accounting,
    });
    std::fs::write(out.join("comparison.json"), serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n")
        .map_err(|e| CliError::other(format!("{}: {e}", out.display())))?;

    if !args.quiet {
        outln!(
            "{} − {} ({}, {} paired replications; mean difference [90% interval])",
            alternative.scenario.name,
            base.scenario.name,
            base.preset.name,
            n
        );
        out!("{:>6}", "year");
        for o in HEADLINE {
            out!(" {:>26}", table()[o as usize].name);
        }
        outln!();
        // The history is the same in both (the same place, seed and
        // conditions), so only the projection's years are shown.
        for (t, per) in
            years.iter().enumerate().filter(|(t, _)| timeline.period_of_year(first + *t as i32) == hemma::timeline::Period::Projection)
        {
            out!("{:>6}", first + t as i32);
            for o in HEADLINE {
                out!(" {:>26}", fmt_diff(&per[o as usize]));
            }
            outln!();
        }
        let ratio = |x: Option<hemma::compare::Ratio>| {
            x.map_or("— (no certain reduction)".to_string(), |v| format!("{:.0} SEK [{:.0} to {:.0}]", v.mean, v.low, v.high))
        };
        outln!(
            "Whole population over the projection: extra cost {:.0} SEK; homeless person-years {:+.1}; executed evictions {:+.1}",
            eff.extra_cost_sek.mean,
            eff.homeless_person_years.mean,
            eff.executed_evictions.mean
        );
        outln!(
            "Cost per homeless person-year avoided: {}; per eviction avoided: {}",
            ratio(eff.sek_per_homeless_year_avoided),
            ratio(eff.sek_per_eviction_avoided)
        );
        for line in head.lines(base.scenario.start_year, base.scenario.start_year + (base.scenario.horizon_months as i32 - 1) / 12) {
            outln!("{line}");
        }
        for line in accounting.why() {
            outln!("  {line}");
        }
        outln!("Results in {}/", out.display());
    }
    Ok(())
}
