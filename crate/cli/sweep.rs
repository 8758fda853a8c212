//! `hemma sweep PLAN`: runs a sweep plan's jobs on all cores, chunk by
//! chunk, resumably, optionally as one shard of many.
//!
//! The output directory holds:
//!
//! | file | content |
//! |---|---|
//! | `manifest.json` | plan hash, hemma version, layout, factors, outputs, the base scenario |
//! | `plan.toml` | the plan as given |
//! | `design.csv`, `design.parquet` | one row per design point: `point, sample, block`, one column per factor |
//! | `chunks/chunk-NNNNNN.csv` | the rows of one chunk of jobs, each written atomically |
//! | `results.csv`, `results.parquet` | all chunks in order (written when every chunk is there) |
//!
//! A restarted sweep skips the chunks already on disk; a chunk is either
//! completely there or not at all, so nothing is lost or repeated. A
//! directory of another plan (a different hash) is refused.

use crate::CliError;
use crate::merge::{chunk_path, merge_dirs};
use crate::run::{ExecArgs, PERCENT, progress_bar, thread_pool};
use crate::tidy::{RESULT_COLUMNS, write_atomic, write_parquet};
use clap::Args;
use hemma::sweep::PreparedPlan;
use hemma::sweep::jobs::Shard;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Arguments of `hemma sweep`.
#[derive(Args, Debug)]
pub struct SweepArgs {
    /// Sweep plan (TOML).
    plan: String,
    /// Output directory (default: out/<plan file name>). Shards of one sweep share it.
    #[arg(long, short = 'o')]
    out: Option<PathBuf>,
    /// Run only shard K of N (0 <= K < N): every N-th chunk from the K-th.
    /// Default: from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT when set, else all.
    #[arg(long)]
    shard: Option<String>,
    #[command(flatten)]
    exec: ExecArgs,
}

/// Reads and validates a plan file and its base scenario
/// ([`hemma::files::load_plan`]).
pub fn load_plan(file: &str) -> Result<(PreparedPlan, String), CliError> {
    let (plan, text, notes) = hemma::files::load_plan(file).map_err(CliError::input)?;
    for note in notes {
        eprintln!("note: {note}");
    }
    Ok((plan, text))
}

/// `hemma sweep PLAN`.
pub fn sweep(args: SweepArgs) -> Result<(), CliError> {
    let shard = match &args.shard {
        Some(s) => Shard::parse(s).map_err(|e| CliError::input(format!("--shard: {e}")))?,
        None => match Shard::from_slurm(|k| std::env::var(k).ok()) {
            Some(r) => r.map_err(CliError::input)?,
            None => Shard::ALL,
        },
    };
    let (pp, text) = load_plan(&args.plan)?;
    let out = args.out.clone().unwrap_or_else(|| {
        let stem = Path::new(&args.plan).file_stem().map_or("sweep".into(), |s| s.to_string_lossy().to_string());
        PathBuf::from("out").join(stem)
    });
    init_dir(&out, &pp, &text)?;
    let l = pp.layout;
    let mine: Vec<u64> = l.shard_chunks(shard).collect();
    let pending: Vec<u64> = mine.iter().copied().filter(|&c| !chunk_path(&out, c).exists()).collect();
    let quiet = args.exec.quiet;
    if !quiet {
        eprintln!(
            "{}: {} point(s) × {} replication(s) = {} run(s) in {} chunk(s){}; {} chunk(s) to run, {} already done",
            pp.plan.name,
            l.points,
            l.replications,
            l.jobs(),
            l.chunks(),
            if shard.count > 1 { format!("; shard {}/{} has {}", shard.index, shard.count, mine.len()) } else { String::new() },
            pending.len(),
            mine.len() - pending.len()
        );
    }
    let started = std::time::Instant::now();
    run_chunks(&pp, &out, &pending, args.exec.threads, quiet)?;
    let elapsed = started.elapsed().as_secs_f64();
    let missing = (0..l.chunks()).filter(|&c| !chunk_path(&out, c).exists()).count();
    if missing == 0 {
        let report = merge_dirs(std::slice::from_ref(&out), &out)?;
        if !quiet {
            outln!(
                "{} run(s) in {elapsed:.1} s; {} rows in {}/results.csv and results.parquet",
                pending_runs(&pp, &pending),
                report.rows,
                out.display()
            );
        }
    } else if !quiet {
        outln!(
            "shard {}/{}: {} run(s) in {elapsed:.1} s; {missing} chunk(s) of other shards still missing — when every shard is done: hemma merge {}",
            shard.index,
            shard.count,
            pending_runs(&pp, &pending),
            out.display()
        );
    }
    Ok(())
}

fn pending_runs(pp: &PreparedPlan, pending: &[u64]) -> u64 {
    pending.iter().map(|&c| pp.layout.chunk_jobs(c).count() as u64).sum()
}

/// Creates `out` or checks that it belongs to this plan; writes the
/// manifest, the plan and the design (idempotent: shards starting together
/// write the same bytes, atomically).
fn init_dir(out: &Path, pp: &PreparedPlan, text: &str) -> Result<(), CliError> {
    let io = |e: std::io::Error| CliError::other(format!("{}: {e}", out.display()));
    fs::create_dir_all(out.join("chunks")).map_err(io)?;
    let manifest_path = out.join("manifest.json");
    if let Ok(old) = fs::read_to_string(&manifest_path) {
        let old: serde_json::Value = serde_json::from_str(&old).unwrap_or_default();
        if old.get("plan_hash").and_then(|h| h.as_str()) != Some(pp.hash_hex().as_str()) {
            return Err(CliError::input(format!(
                "{} holds results of a different plan or hemma version (plan hash {} there, {} here); use another --out or delete it",
                out.display(),
                old.get("plan_hash").and_then(|h| h.as_str()).unwrap_or("?"),
                pp.hash_hex()
            )));
        }
    }
    let manifest = hemma::tables::sweep_manifest(pp);
    let bytes = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    write_atomic(&manifest_path, bytes.as_bytes()).map_err(io)?;
    write_atomic(&out.join("plan.toml"), text.as_bytes()).map_err(io)?;

    let design = hemma::tables::design(pp);
    write_atomic(&out.join("design.csv"), crate::tidy::csv_text(&design).as_bytes()).map_err(io)?;
    write_parquet(&out.join("design.parquet"), &design, 1 << 20).map_err(|e| CliError::other(format!("design.parquet: {e}")))?;
    Ok(())
}

/// A chunk being filled by worker threads.
struct ChunkBuf {
    remaining: usize,
    parts: Vec<String>,
}

/// Runs the jobs of `chunks` in parallel; each chunk is written as soon as
/// its last job finishes.
fn run_chunks(pp: &PreparedPlan, out: &Path, chunks: &[u64], threads: Option<u32>, quiet: bool) -> Result<(), CliError> {
    let l = pp.layout;
    let jobs: Vec<(usize, u64)> = chunks.iter().enumerate().flat_map(|(slot, &c)| l.chunk_jobs(c).map(move |j| (slot, j))).collect();
    if jobs.is_empty() {
        return Ok(());
    }
    let bufs: Vec<Mutex<ChunkBuf>> = chunks
        .iter()
        .map(|&c| {
            let n = l.chunk_jobs(c).count();
            Mutex::new(ChunkBuf { remaining: n, parts: vec![String::new(); n] })
        })
        .collect();
    let months = hemma::run::months_per_replication(&pp.scenarios[0]);
    let bar = progress_bar(jobs.len() as u64 * months, quiet, PERCENT);
    bar.set_message(format!("{} run(s)", jobs.len()));
    let names: Vec<&str> = hemma::results::table().iter().map(|o| o.name).collect();
    let pool = thread_pool(threads)?;
    let result = pool.install(|| {
        jobs.par_iter().try_for_each(|&(slot, j)| -> Result<(), CliError> {
            let job = l.job(j);
            let rows = hemma::run::run_replication_with(&pp.scenarios[job.point as usize], job.replication, &|| bar.inc(1));
            let mut text = String::new();
            let (version, commit) = (hemma::VERSION, hemma::GIT_COMMIT);
            for r in pp.selection.extract(&rows) {
                let (p, rep, name) = (job.point, job.replication, names[r.output as usize]);
                let _ = writeln!(text, "{p},{rep},{name},{},{},{},{version},{commit}", r.time, r.statistic, r.value);
            }
            let c = chunks[slot];
            let first = l.chunk_jobs(c).start;
            let mut b = bufs[slot].lock().map_err(|_| CliError::other("a worker thread failed"))?;
            b.parts[(j - first) as usize] = text;
            b.remaining -= 1;
            if b.remaining == 0 {
                let body = RESULT_COLUMNS.join(",") + "\n" + &b.parts.concat();
                let path = chunk_path(out, c);
                write_atomic(&path, body.as_bytes()).map_err(|e| CliError::other(format!("{}: {e}", path.display())))?;
                b.parts = Vec::new();
            }
            Ok(())
        })
    });
    bar.finish_and_clear();
    result
}
