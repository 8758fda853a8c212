//! `hemma merge DIR [DIR…]`: combines the chunks of a sweep — written by
//! one machine or by many shards, into one directory or several — into
//! `results.csv` and `results.parquet`, after checking that every chunk is
//! there exactly once and holds exactly the rows its jobs should have.
//! The result is byte-identical to a sweep run on one machine.

use crate::CliError;
use crate::tidy::{RESULT_COLUMNS, ResultColumns, temp_path};
use clap::Args;
use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Path of chunk `c` in `dir` (written by `hemma sweep`, read here).
pub fn chunk_path(dir: &Path, c: u64) -> PathBuf {
    dir.join("chunks").join(format!("chunk-{c:06}.csv"))
}

/// Arguments of `hemma merge`.
#[derive(Args, Debug)]
pub struct MergeArgs {
    /// Sweep directories (one shared by all shards, or one per shard).
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Where to write the merged results (default: the first directory).
    #[arg(long, short = 'o')]
    out: Option<PathBuf>,
    /// No summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// What a merge wrote.
pub struct MergeReport {
    /// Result rows.
    pub rows: u64,
    /// Chunks merged.
    pub chunks: u64,
}

/// `hemma merge`.
pub fn merge(args: MergeArgs) -> Result<(), CliError> {
    let out = args.out.clone().unwrap_or_else(|| args.dirs[0].clone());
    let r = merge_dirs(&args.dirs, &out)?;
    if !args.quiet {
        outln!(
            "merged {} chunk(s) from {} director(ies): {} rows in {}/results.csv and results.parquet",
            r.chunks,
            args.dirs.len(),
            r.rows,
            out.display()
        );
    }
    Ok(())
}

fn manifest(dir: &Path) -> Result<serde_json::Value, CliError> {
    let path = dir.join("manifest.json");
    let text = fs::read_to_string(&path)
        .map_err(|e| CliError::input(format!("{}: not a sweep directory (cannot read manifest.json: {e})", dir.display())))?;
    serde_json::from_str(&text).map_err(|e| CliError::input(format!("{}: damaged manifest: {e}", path.display())))
}

fn field(m: &serde_json::Value, key: &str, dir: &Path) -> Result<u64, CliError> {
    m.get(key).and_then(|v| v.as_u64()).ok_or_else(|| CliError::input(format!("{}/manifest.json: `{key}` missing", dir.display())))
}

fn list(items: &[u64]) -> String {
    let shown: Vec<String> = items.iter().take(12).map(|c| c.to_string()).collect();
    format!("{}{}", shown.join(", "), if items.len() > 12 { format!(", … ({} in all)", items.len()) } else { String::new() })
}

/// Merges the chunks found in `dirs` into `out`.
pub fn merge_dirs(dirs: &[PathBuf], out: &Path) -> Result<MergeReport, CliError> {
    let first = manifest(&dirs[0])?;
    let hash = first.get("plan_hash").and_then(|h| h.as_str()).unwrap_or("").to_string();
    for d in &dirs[1..] {
        let m = manifest(d)?;
        let h = m.get("plan_hash").and_then(|h| h.as_str()).unwrap_or("");
        if h != hash {
            return Err(CliError::input(format!(
                "{} and {} are different sweeps (plan hash {hash} and {h}); merge only shards of one plan",
                dirs[0].display(),
                d.display()
            )));
        }
    }
    let d0 = &dirs[0];
    let chunks = field(&first, "chunks", d0)?;
    let layout = hemma::sweep::jobs::Layout {
        points: field(&first, "points", d0)? as u32,
        replications: field(&first, "replications", d0)? as u32,
        chunk_size: field(&first, "chunk_size", d0)? as u32,
    };
    let per_run = field(&first, "records_per_run", d0)? as usize;

    // Which directory holds each chunk.
    let mut found: BTreeMap<u64, Vec<PathBuf>> = BTreeMap::new();
    for d in dirs {
        let entries = fs::read_dir(d.join("chunks")).map_err(|e| CliError::input(format!("{}/chunks: {e}", d.display())))?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if let Some(c) = name.strip_prefix("chunk-").and_then(|n| n.strip_suffix(".csv")).and_then(|n| n.parse::<u64>().ok()) {
                if c >= chunks {
                    return Err(CliError::input(format!(
                        "{}: chunk {c} does not belong to this sweep of {chunks} chunks",
                        e.path().display()
                    )));
                }
                found.entry(c).or_default().push(d.clone());
            }
        }
    }
    let missing: Vec<u64> = (0..chunks).filter(|c| !found.contains_key(c)).collect();
    if !missing.is_empty() {
        return Err(CliError::input(format!(
            "{} of {chunks} chunk(s) missing: {}; run the shards that produce them again (hemma sweep resumes where it stopped)",
            missing.len(),
            list(&missing)
        )));
    }
    let duplicated: Vec<u64> = found.iter().filter(|(_, v)| v.len() > 1).map(|(c, _)| *c).collect();
    if !duplicated.is_empty() {
        let c = duplicated[0];
        let where_: Vec<String> = found[&c].iter().map(|d| d.display().to_string()).collect();
        return Err(CliError::input(format!(
            "{} chunk(s) present more than once: {} (chunk {c} in {}); each chunk must come from exactly one shard",
            duplicated.len(),
            list(&duplicated),
            where_.join(" and ")
        )));
    }

    fs::create_dir_all(out).map_err(|e| CliError::other(format!("{}: {e}", out.display())))?;
    let csv_path = out.join("results.csv");
    let tmp = temp_path(&csv_path);
    let io = |e: std::io::Error| CliError::other(format!("{}: {e}", csv_path.display()));
    let mut w = BufWriter::new(fs::File::create(&tmp).map_err(io)?);
    writeln!(w, "{}", RESULT_COLUMNS.join(",")).map_err(io)?;
    let mut cols = ResultColumns::default();
    let mut rows = 0u64;
    let header = RESULT_COLUMNS.join(",");
    for c in 0..chunks {
        let path = chunk_path(&found[&c][0], c);
        let text = fs::read_to_string(&path).map_err(|e| CliError::input(format!("{}: {e}", path.display())))?;
        let bad = |line: usize, what: String| {
            CliError::input(format!("{}:{line}: {what}; delete the file and run its shard again", path.display()))
        };
        let mut lines = text.lines();
        if lines.next() != Some(header.as_str()) {
            return Err(bad(1, format!("header is not `{header}`")));
        }
        let jobs = layout.chunk_jobs(c);
        let expected = (jobs.end - jobs.start) as usize * per_run;
        let mut n = 0usize;
        for (k, line) in lines.enumerate() {
            let fields: Vec<&str> = line.split(',').collect();
            let job = layout.job(jobs.start + (n / per_run.max(1)) as u64);
            if n >= expected
                || fields.len() != RESULT_COLUMNS.len()
                || fields[0] != job.point.to_string()
                || fields[1] != job.replication.to_string()
            {
                return Err(bad(
                    k + 2,
                    format!("expected {expected} rows for jobs {}..{} (point, replication in order), found `{line}`", jobs.start, jobs.end),
                ));
            }
            cols.push_csv(&fields).map_err(|m| bad(k + 2, m))?;
            writeln!(w, "{line}").map_err(io)?;
            n += 1;
        }
        if n != expected {
            return Err(bad(n + 1, format!("{n} rows, expected {expected}: the chunk is incomplete")));
        }
        rows += n as u64;
    }
    w.into_inner().map_err(|e| io(e.into_error()))?.sync_all().map_err(io)?;
    fs::rename(&tmp, &csv_path).map_err(io)?;
    cols.write(&out.join("results.parquet")).map_err(|e| CliError::other(format!("results.parquet: {e}")))?;

    if out != d0.as_path() {
        for f in ["manifest.json", "plan.toml", "design.csv", "design.parquet"] {
            fs::copy(d0.join(f), out.join(f)).map_err(|e| CliError::other(format!("copying {f}: {e}")))?;
        }
    }
    // Leftovers of killed writers (temporary files) are no longer needed.
    for d in dirs {
        if let Ok(entries) = fs::read_dir(d.join("chunks")) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().contains(".tmp.") {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
    }
    Ok(MergeReport { rows, chunks })
}
