//! `hemma sensitivity DIR --output NAME`: first-order and total Sobol
//! indices of one kept output of a Saltelli sweep, with bootstrap
//! intervals (the statistics are in `hemma::sensitivity`).

use crate::CliError;
use crate::tidy::write_atomic;
use clap::Args;
use hemma::sensitivity::{SaltelliOutputs, sobol_indices};
use hemma::sweep::design::Block;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Arguments of `hemma sensitivity`.
#[derive(Args, Debug)]
pub struct SensitivityArgs {
    /// A merged sweep directory whose plan used `design = "saltelli"`.
    dir: PathBuf,
    /// The output to analyse (one the plan kept).
    #[arg(long)]
    output: String,
    /// The time: a year, a month (YYYY-MM) or a summary's window (YYYY-YYYY). Needed if several were kept.
    #[arg(long)]
    time: Option<String>,
    /// `value` (a period's own value) or a summary the plan kept (mean, min, max, sum, last).
    #[arg(long)]
    statistic: Option<String>,
    /// Bootstrap resamples for the intervals.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(0..=100_000))]
    resamples: u32,
    /// Level of the intervals, 0 < level < 1.
    #[arg(long, default_value_t = 0.95)]
    level: f64,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn read(path: &Path) -> Result<String, CliError> {
    fs::read_to_string(path).map_err(|e| CliError::input(format!("{}: {e}", path.display())))
}

/// `hemma sensitivity`.
pub fn sensitivity(a: SensitivityArgs) -> Result<(), CliError> {
    if !(a.level > 0.0 && a.level < 1.0) {
        return Err(CliError::input(format!("--level {}: out of range; allowed 0 < level < 1", a.level)));
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&a.dir.join("manifest.json"))?).map_err(|e| CliError::input(format!("manifest.json: {e}")))?;
    if manifest.get("design").and_then(|d| d.as_str()) != Some("saltelli") {
        return Err(CliError::input(format!(
            "{}: the sweep's design is {}; Sobol indices need design = \"saltelli\"",
            a.dir.display(),
            manifest.get("design").map_or("unknown".into(), |d| d.to_string())
        )));
    }
    let factors: Vec<String> = manifest
        .get("factors")
        .and_then(|f| f.as_array())
        .map(|f| f.iter().filter_map(|x| x.get("path").and_then(|p| p.as_str()).map(String::from)).collect())
        .unwrap_or_default();
    let k = factors.len();

    // point -> (sample, block)
    let mut design: Vec<(u32, Block)> = Vec::new();
    for (n, line) in read(&a.dir.join("design.csv"))?.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let parsed = (f.len() >= 3).then(|| (f[1].parse::<u32>().ok(), Block::parse(f[2]))).and_then(|(s, b)| Some((s?, b?)));
        design.push(parsed.ok_or_else(|| CliError::input(format!("design.csv:{}: cannot read `{line}`", n + 1)))?);
    }

    let results = a.dir.join("results.csv");
    if !results.exists() {
        return Err(CliError::input(format!("{}: no results.csv; run `hemma merge {}` first", a.dir.display(), a.dir.display())));
    }
    // (time, statistic) -> point -> (sum, count)
    let mut series: BTreeMap<(String, String), BTreeMap<u32, (f64, u32)>> = BTreeMap::new();
    let mut outputs: BTreeSet<String> = BTreeSet::new();
    for (n, line) in read(&results)?.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() != crate::tidy::RESULT_COLUMNS.len() {
            return Err(CliError::input(format!(
                "results.csv:{}: expected {} fields ({}); a results.csv of an older hemma: merge its chunks again with this one",
                n + 1,
                crate::tidy::RESULT_COLUMNS.len(),
                crate::tidy::RESULT_COLUMNS.join(",")
            )));
        }
        outputs.insert(f[2].to_string());
        if f[2] != a.output {
            continue;
        }
        let point: u32 = f[0].parse().map_err(|_| CliError::input(format!("results.csv:{}: bad point", n + 1)))?;
        let v: f64 = f[5].parse().map_err(|_| CliError::input(format!("results.csv:{}: bad value", n + 1)))?;
        let e = series.entry((f[3].to_string(), f[4].to_string())).or_default().entry(point).or_insert((0.0, 0));
        e.0 += v;
        e.1 += 1;
    }
    if series.is_empty() {
        return Err(CliError::input(format!(
            "--output {}: not kept by this sweep; kept: {}",
            a.output,
            outputs.into_iter().collect::<Vec<_>>().join(", ")
        )));
    }
    let available: Vec<String> = series.keys().map(|(t, s)| format!("--time {t} --statistic {s}")).collect();
    let chosen: Vec<&(String, String)> =
        series.keys().filter(|(t, s)| a.time.as_ref().is_none_or(|x| x == t) && a.statistic.as_ref().is_none_or(|x| x == s)).collect();
    let key = match chosen.as_slice() {
        [one] => (*one).clone(),
        [] => return Err(CliError::input(format!("no kept values match; available: {}", available.join("; ")))),
        _ => return Err(CliError::input(format!("several kept values match; choose one of: {}", available.join("; ")))),
    };
    let values: Vec<(u32, Block, f64)> = series[&key]
        .iter()
        .map(|(&p, &(sum, count))| {
            let (sample, block) = design.get(p as usize).copied().unwrap_or((u32::MAX, Block::Plain));
            (sample, block, sum / count as f64)
        })
        .collect();
    let arranged = SaltelliOutputs::arrange(k, &values).map_err(|m| CliError::input(format!("{}: {m}", results.display())))?;
    let idx = sobol_indices(&arranged, a.resamples, a.level, a.seed);

    let pct = (a.level * 100.0).round();
    outln!(
        "Sobol indices of {} ({} {}), {} base samples, {} replication(s) per point; {pct}% bootstrap intervals ({} resamples)",
        a.output,
        key.1,
        key.0,
        arranged.samples(),
        manifest.get("replications").and_then(|r| r.as_u64()).unwrap_or(0),
        a.resamples
    );
    let width = factors.iter().map(|f| f.len()).max().unwrap_or(6).max(6);
    outln!("  {:<width$}  {:>24}  {:>24}", "factor", "first order S1", "total ST");
    let mut csv = String::from("factor,first,first_low,first_high,total,total_low,total_high\n");
    for (f, x) in factors.iter().zip(&idx) {
        outln!(
            "  {f:<width$}  {:>24}  {:>24}",
            format!("{:.3} [{:.3}, {:.3}]", x.first, x.first_low, x.first_high),
            format!("{:.3} [{:.3}, {:.3}]", x.total, x.total_low, x.total_high)
        );
        let _ = writeln!(csv, "{f},{},{},{},{},{},{}", x.first, x.first_low, x.first_high, x.total, x.total_low, x.total_high);
    }
    let file = a.dir.join(format!("sensitivity_{}_{}_{}.csv", a.output, key.1, key.0));
    write_atomic(&file, csv.as_bytes()).map_err(|e| CliError::other(format!("{}: {e}", file.display())))?;
    outln!("written to {}", file.display());
    Ok(())
}
