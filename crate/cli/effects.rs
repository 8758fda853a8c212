//! `hemma effects`: the effect sheet — every instrument at its standard
//! dose in every preset, against the preset's baseline, with the effect
//! accounting ([`hemma::effects::sheet`]). Writes `docs/effects.md` (the
//! committed sheet) and, beside it, the rows as JSON.
//!
//! Each place's history is run once per replication; the baseline and every
//! dose continue from it, so the pairs share their history bit for bit.

use crate::CliError;
use crate::run::{progress_bar, thread_pool};
use clap::Args;
use hemma::effects::sheet::{DOSES, SheetRow, SheetSetup, baseline, markdown, row, with_dose};
use hemma::run::{History, Traced, project_traced};
use hemma::scenario::Prepared;
use rayon::prelude::*;
use std::path::PathBuf;

/// Arguments of `hemma effects`.
#[derive(Args, Debug)]
pub struct EffectsArgs {
    /// Presets (ids, comma-separated; default: all nine).
    #[arg(long, value_delimiter = ',')]
    places: Vec<String>,
    /// Instrument kinds (comma-separated; default: all).
    #[arg(long, value_delimiter = ',')]
    kinds: Vec<String>,
    /// The quick sheet (2 replications at a tenth of each preset's scale, five years) instead of the committed one.
    #[arg(long)]
    quick: bool,
    /// Replications per comparison (overrides the setup's).
    #[arg(long, short = 'r', value_parser = clap::value_parser!(u32).range(2..=200))]
    replications: Option<u32>,
    /// Multiplier on each preset's scale (overrides the setup's), 0 < f <= 1.
    #[arg(long)]
    scale_factor: Option<f64>,
    /// Markdown file to write (default: docs/effects.md; the rows go beside it as .json).
    #[arg(long, short = 'o', default_value = "docs/effects.md")]
    out: PathBuf,
    /// Base samples of a Saltelli design for the Sobol indices of the effects
    /// of `--sobol-kinds` in `--sobol-place` (0: none; each sample is 8 points).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=1024))]
    sobol_samples: u32,
    /// Place of the Sobol indices.
    #[arg(long, default_value = "norrkoping")]
    sobol_place: String,
    /// Instrument kinds of the Sobol indices (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "housing_first,social_contract")]
    sobol_kinds: Vec<String>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// `hemma effects`.
pub fn effects(args: EffectsArgs) -> Result<(), CliError> {
    let mut setup = if args.quick { SheetSetup::QUICK } else { SheetSetup::FULL };
    if let Some(r) = args.replications {
        setup.replications = r;
    }
    if let Some(f) = args.scale_factor {
        if !(f.is_finite() && f > 0.0 && f <= 1.0) {
            return Err(CliError::input(format!("--scale-factor {f}: allowed 0 < f <= 1")));
        }
        setup.scale_factor = f;
    }
    let places: Vec<String> = if args.places.is_empty() {
        hemma::presets::all().iter().map(|p| p.id.to_string()).collect()
    } else {
        args.places.clone()
    };
    for k in &args.kinds {
        if !DOSES.iter().any(|d| d.kind == k) {
            let kinds: Vec<&str> = DOSES.iter().map(|d| d.kind).collect();
            return Err(CliError::input(format!("--kinds {k}: no such instrument; allowed: {}", kinds.join(", "))));
        }
    }
    let doses: Vec<_> = DOSES.iter().filter(|d| args.kinds.is_empty() || args.kinds.iter().any(|k| k == d.kind)).collect();
    // Per place: its baseline and one scenario per dose.
    let mut scenarios: Vec<(Prepared, Vec<Prepared>)> = Vec::new();
    for id in &places {
        let base = baseline(id, &setup).map_err(|e| CliError::input(format!("--places {id}: {e}")))?;
        let alts = doses.iter().map(|d| with_dose(&base, d)).collect::<Result<Vec<_>, _>>().map_err(CliError::other)?;
        scenarios.push((base, alts));
    }
    let jobs: Vec<(usize, u32)> = (0..scenarios.len()).flat_map(|p| (0..setup.replications).map(move |r| (p, r))).collect();
    let bar = progress_bar(jobs.len() as u64, args.quiet, crate::run::PERCENT);
    bar.set_message(format!("{} places × {} doses × {} replications", scenarios.len(), doses.len(), setup.replications));
    let pool = thread_pool(args.threads)?;
    // Per job: the base's traced projection, then each dose's.
    let runs: Vec<Vec<Traced>> = pool.install(|| {
        jobs.par_iter()
            .map(|&(p, r)| {
                let (base, alts) = &scenarios[p];
                let history = History::compute(base, r);
                let project = |s: &Prepared| project_traced(&history, s, r).expect("same history key: only instruments differ");
                let mut out = vec![project(base)];
                out.extend(alts.iter().map(project));
                bar.inc(1);
                out
            })
            .collect()
    });
    bar.finish_and_clear();
    let mut rows: Vec<SheetRow> = Vec::new();
    for (p, (base, alts)) in scenarios.iter().enumerate() {
        let of = |k: usize| -> Vec<Traced> { jobs.iter().zip(&runs).filter(|((q, _), _)| *q == p).map(|(_, t)| t[k].clone()).collect() };
        let base_runs = of(0);
        for (d, (dose, alt)) in doses.iter().zip(alts).enumerate() {
            rows.push(row(base, alt, dose, &base_runs, &of(d + 1)));
        }
    }
    let mut text_sobol = String::new();
    if args.sobol_samples > 0 {
        let base = baseline(&args.sobol_place, &setup).map_err(|e| CliError::input(format!("--sobol-place {}: {e}", args.sobol_place)))?;
        let points = hemma::effects::sobol::design(args.sobol_samples);
        let mut all = Vec::new();
        for kind in &args.sobol_kinds {
            let dose = DOSES.iter().find(|d| d.kind == kind).ok_or_else(|| CliError::input(format!("--sobol-kinds {kind}: no such instrument")))?;
            let bar = progress_bar(points.len() as u64, args.quiet, crate::run::PERCENT);
            bar.set_message(format!("Sobol: {kind} in {}", base.preset.name));
            let effects: Vec<f64> = pool
                .install(|| {
                    points
                        .par_iter()
                        .map(|pt| {
                            let e = hemma::effects::sobol::effect_at(&base, dose, pt, setup.replications);
                            bar.inc(1);
                            e
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
                .map_err(CliError::other)?;
            bar.finish_and_clear();
            all.push(
                hemma::effects::sobol::indices(kind, &base.preset.name, args.sobol_samples, &points, &effects).map_err(CliError::other)?,
            );
        }
        text_sobol = hemma::effects::sobol::markdown(&all, setup.replications, setup.scale_factor);
    }
    let command = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let text = markdown(&rows, &setup, &format!("hemma {command}")) + &text_sobol;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| CliError::other(format!("{}: {e}", dir.display())))?;
    }
    std::fs::write(&args.out, text).map_err(|e| CliError::other(format!("{}: cannot write: {e}", args.out.display())))?;
    let json = serde_json::to_string_pretty(&serde_json::json!({ "setup": setup, "rows": rows }))
        .map_err(|e| CliError::other(e.to_string()))?;
    let json_path = args.out.with_extension("json");
    std::fs::write(&json_path, json).map_err(|e| CliError::other(format!("{}: cannot write: {e}", json_path.display())))?;
    if !args.quiet {
        eprintln!("wrote {} and {}", args.out.display(), json_path.display());
    }
    Ok(())
}
