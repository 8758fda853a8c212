//! `hemma sweep`, `hemma merge` and `hemma sensitivity` end to end: tidy
//! results in CSV and Parquet that agree; common random numbers across
//! design points; a killed sweep resumes without losing or duplicating
//! rows; shards merge to exactly the one-machine result; missing and
//! duplicated chunks are caught; Sobol indices single out the factor that
//! matters.

use assert_cmd::Command;
use parquet::file::reader::{FileReader, SerializedFileReader};
use predicates::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn hemma() -> Command {
    Command::cargo_bin("hemma").unwrap()
}

const BASE: &str = "preset = \"nynashamn\"\nscale = 0.3\nhorizon_months = 24\nstart_year = 2011\nseed = 7\n";

/// Writes a base scenario and a plan into `dir`; returns the plan's path.
fn plan(dir: &Path, body: &str) -> String {
    fs::write(dir.join("base.toml"), BASE).unwrap();
    let p = dir.join("plan.toml");
    fs::write(&p, format!("base = \"base.toml\"\n{body}")).unwrap();
    p.to_string_lossy().to_string()
}

const LHS: &str = "design = \"lhs\"\nsamples = 5\nreplications = 2\nchunk_size = 3\n\
    [[factors]]\npath = \"params.shock_rate_per_year\"\nmin = 0.2\nmax = 0.5\n\
    [[factors]]\npath = \"params.move_under_threat_rate_per_month\"\nmin = 0.03\nmax = 0.1\n\
    [outputs]\nnames = [\"homeless_per_10k\", \"new_executed_evictions\"]\nsummaries = [\"mean\"]\n";

fn sweep(plan: &str, out: &Path, extra: &[&str]) {
    hemma().args(["sweep", plan, "--quiet", "--out"]).arg(out).args(extra).assert().success();
}

fn results(dir: &Path) -> String {
    fs::read_to_string(dir.join("results.csv")).unwrap()
}

#[test]
fn sweep_writes_tidy_results_and_the_design_in_csv_and_parquet_that_agree() {
    let d = tempfile::tempdir().unwrap();
    let p = plan(d.path(), LHS);
    let out = d.path().join("out");
    hemma()
        .args(["sweep", &p, "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("10 run(s)").and(predicate::str::contains("results.parquet")));
    let csv = results(&out);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "point,replication,output,time,statistic,value,hemma_version,git_commit");
    let provenance = format!(",{},{}", env!("CARGO_PKG_VERSION"), hemma::GIT_COMMIT);
    assert!(lines[1..].iter().all(|l| l.ends_with(&provenance)), "every row names the version and commit");
    // 5 points × 2 replications × 2 outputs × (2 years + 1 summary).
    assert_eq!(lines.len() - 1, 5 * 2 * 2 * 3);
    assert!(
        lines.contains(&"0,1,homeless_per_10k,2011-2012,mean,")
            || lines.iter().any(|l| l.starts_with("0,1,homeless_per_10k,2011-2012,mean,"))
    );

    let reader = SerializedFileReader::new(fs::File::open(out.join("results.parquet")).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows() as usize, lines.len() - 1);
    let mut from_parquet = Vec::new();
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        let cells: Vec<String> = row.get_column_iter().map(|(_, v)| v.to_string().trim_matches('"').to_string()).collect();
        from_parquet.push(cells);
    }
    for (line, cells) in lines[1..].iter().zip(&from_parquet) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(&f[..5], &cells[..5].iter().map(String::as_str).collect::<Vec<_>>()[..], "{line}");
        assert_eq!(f[5].parse::<f64>().unwrap(), cells[5].parse::<f64>().unwrap(), "{line}");
        assert_eq!(&f[6..], &cells[6..].iter().map(String::as_str).collect::<Vec<_>>()[..], "{line}");
    }
    let design = fs::read_to_string(out.join("design.csv")).unwrap();
    assert!(design.starts_with("point,sample,block,params.shock_rate_per_year,params.move_under_threat_rate_per_month\n"));
    assert_eq!(design.lines().count(), 6);
    assert!(out.join("design.parquet").exists() && out.join("manifest.json").exists() && out.join("plan.toml").exists());
}

/// Values of (point, replication, output, time, statistic) → value.
fn table(csv: &str) -> BTreeMap<(u32, u32, String, String, String), f64> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            ((f[0].parse().unwrap(), f[1].parse().unwrap(), f[2].into(), f[3].into(), f[4].into()), f[5].parse().unwrap())
        })
        .collect()
}

#[test]
fn design_points_share_each_replications_random_streams() {
    // Two grid points with the same value must give identical runs
    // replication by replication; replications differ from each other.
    let d = tempfile::tempdir().unwrap();
    let p = plan(
        d.path(),
        "design = \"grid\"\nreplications = 3\n[[factors]]\npath = \"params.shock_rate_per_year\"\nvalues = [0.3, 0.3, 0.45]\n\
         [outputs]\nnames = [\"homeless_per_10k\", \"new_payment_orders\"]\nperiod = \"month\"\n",
    );
    let out = d.path().join("out");
    sweep(&p, &out, &[]);
    let t = table(&results(&out));
    let series = |point: u32, rep: u32| -> Vec<f64> { t.iter().filter(|(k, _)| k.0 == point && k.1 == rep).map(|(_, v)| *v).collect() };
    for r in 0..3 {
        assert_eq!(series(0, r), series(1, r), "replication {r}: equal settings, equal results");
        assert_ne!(series(0, r), series(2, r), "replication {r}: a different shock rate changes the run");
    }
    assert_ne!(series(0, 0), series(0, 1), "replications have their own streams");
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let d = tempfile::tempdir().unwrap();
    let p = plan(d.path(), LHS);
    sweep(&p, &d.path().join("one"), &["--threads", "1"]);
    sweep(&p, &d.path().join("two"), &["--threads", "2"]);
    assert_eq!(results(&d.path().join("one")), results(&d.path().join("two")));
}

#[test]
fn a_killed_sweep_resumes_without_losing_or_duplicating_rows() {
    let d = tempfile::tempdir().unwrap();
    // Enough work (120 runs of Nynäshamn at full scale, one run per chunk) to be killed midway.
    fs::write(d.path().join("base.toml"), "preset = \"nynashamn\"\nscale = 1\nhorizon_months = 36\nstart_year = 2011\nseed = 3\n").unwrap();
    let body = "base = \"base.toml\"\ndesign = \"lhs\"\nsamples = 60\nreplications = 2\nchunk_size = 1\n\
        [[factors]]\npath = \"params.shock_rate_per_year\"\nmin = 0.2\nmax = 0.5\n\
        [outputs]\nnames = [\"homeless_per_10k\", \"new_executed_evictions\"]\nperiod = \"month\"\n";
    let p = d.path().join("plan.toml");
    fs::write(&p, body).unwrap();
    let p = p.to_string_lossy().to_string();
    let killed = d.path().join("killed");
    let chunks = killed.join("chunks");
    let count = |dir: &Path| {
        fs::read_dir(dir).map(|e| e.flatten().filter(|f| f.file_name().to_string_lossy().starts_with("chunk-")).count()).unwrap_or(0)
    };

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("hemma"))
        .args(["sweep", &p, "--quiet", "--out"])
        .arg(&killed)
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while count(&chunks) < 10 && started.elapsed().as_secs() < 120 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    let done_before = count(&chunks);
    assert!(done_before >= 10, "the sweep wrote chunks before it was killed");
    assert!(done_before < 120, "killed before the end ({done_before} chunks); make the sweep longer if this machine is much faster");
    assert!(!killed.join("results.csv").exists());

    hemma()
        .args(["sweep", &p, "--out"])
        .arg(&killed)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("{done_before} already done")));
    let whole = d.path().join("whole");
    sweep(&p, &whole, &[]);
    assert_eq!(results(&killed), results(&whole), "resumed = uninterrupted, row for row");
    let rows = results(&whole).lines().count() - 1;
    assert_eq!(rows, 60 * 2 * 2 * 36);
    let leftovers: Vec<_> =
        fs::read_dir(&chunks).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().contains(".tmp.")).collect();
    assert!(leftovers.is_empty(), "temporary files of the killed writer are cleaned up: {leftovers:?}");
}

#[test]
fn shards_merge_to_exactly_the_one_machine_result() {
    let d = tempfile::tempdir().unwrap();
    let p = plan(d.path(), LHS);
    let single = d.path().join("single");
    sweep(&p, &single, &[]);

    // Shards writing into one shared directory.
    let shared = d.path().join("shared");
    sweep(&p, &shared, &["--shard", "0/3"]);
    sweep(&p, &shared, &["--shard", "2/3"]);
    assert!(!shared.join("results.csv").exists(), "nothing is merged while a shard is missing");
    hemma().arg("merge").arg(&shared).assert().code(2).stderr(predicate::str::contains("1 of 4 chunk(s) missing: 1"));
    sweep(&p, &shared, &["--shard", "1/3"]);
    hemma().arg("merge").arg(&shared).assert().success();
    assert_eq!(results(&shared), results(&single));
    assert_eq!(fs::read(shared.join("results.parquet")).unwrap(), fs::read(single.join("results.parquet")).unwrap());

    // Shards in directories of their own, merged into a fourth.
    let dirs: Vec<PathBuf> = (0..3).map(|k| d.path().join(format!("s{k}"))).collect();
    for (k, dir) in dirs.iter().enumerate() {
        sweep(&p, dir, &["--shard", &format!("{k}/3")]);
    }
    let merged = d.path().join("merged");
    hemma().arg("merge").args(&dirs).arg("--out").arg(&merged).assert().success();
    assert_eq!(results(&merged), results(&single));
    assert_eq!(fs::read(merged.join("design.csv")).unwrap(), fs::read(single.join("design.csv")).unwrap());

    // The same chunk from two shards is refused.
    fs::copy(dirs[0].join("chunks/chunk-000000.csv"), dirs[1].join("chunks/chunk-000000.csv")).unwrap();
    hemma().arg("merge").args(&dirs).arg("--out").arg(&merged).assert().code(2).stderr(predicate::str::contains("more than once: 0"));
}

#[test]
fn a_damaged_chunk_is_caught_by_merge() {
    let d = tempfile::tempdir().unwrap();
    let p = plan(d.path(), LHS);
    let out = d.path().join("out");
    sweep(&p, &out, &[]);
    let chunk = out.join("chunks/chunk-000001.csv");
    let text = fs::read_to_string(&chunk).unwrap();
    let truncated: String = text.lines().take(5).map(|l| format!("{l}\n")).collect();
    fs::write(&chunk, truncated).unwrap();
    hemma()
        .arg("merge")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("chunk-000001.csv").and(predicate::str::contains("incomplete")));
}

#[test]
fn slurm_array_variables_choose_the_shard() {
    let d = tempfile::tempdir().unwrap();
    let p = plan(d.path(), LHS);
    let out = d.path().join("out");
    hemma()
        .args(["sweep", &p, "--quiet", "--out"])
        .arg(&out)
        .env("SLURM_ARRAY_TASK_ID", "1")
        .env("SLURM_ARRAY_TASK_COUNT", "3")
        .env("SLURM_ARRAY_TASK_MIN", "0")
        .assert()
        .success();
    let mut names: Vec<String> =
        fs::read_dir(out.join("chunks")).unwrap().flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect();
    names.sort();
    assert_eq!(names, vec!["chunk-000001.csv"], "shard 1 of 3 owns chunk 1 of 4");
    hemma()
        .args(["sweep", &p, "--quiet", "--out"])
        .arg(&out)
        .env("SLURM_ARRAY_TASK_ID", "5")
        .env("SLURM_ARRAY_TASK_COUNT", "3")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--array=0-2"));
}

#[test]
fn a_directory_of_another_plan_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = plan(d.path(), LHS);
    let out = d.path().join("out");
    sweep(&p, &out, &[]);
    let other = plan(d.path(), &LHS.replace("max = 0.5", "max = 0.6"));
    hemma().args(["sweep", &other, "--out"]).arg(&out).assert().code(2).stderr(predicate::str::contains("different plan"));
}

#[test]
fn plan_errors_name_the_file_line_key_and_what_is_allowed() {
    let d = tempfile::tempdir().unwrap();
    let p = plan(d.path(), &LHS.replace("params.shock_rate_per_year", "params.shock_rate"));
    hemma().args(["sweep", &p]).assert().code(2).stderr(
        predicate::str::contains("plan.toml:7:")
            .and(predicate::str::contains("factors[0].path"))
            .and(predicate::str::contains("shock_rate_per_year")),
    );
    let p = plan(d.path(), &LHS.replace("lhs", "latin"));
    hemma().args(["sweep", &p]).assert().code(2).stderr(predicate::str::contains("plan.toml:2").and(predicate::str::contains("lhs")));
    fs::write(d.path().join("plan.toml"), LHS).unwrap();
    hemma().args(["sweep"]).arg(d.path().join("plan.toml")).assert().code(2).stderr(predicate::str::contains("missing field `base`"));
    fs::write(d.path().join("plan.toml"), format!("base = \"nowhere.toml\"\n{LHS}")).unwrap();
    hemma().args(["sweep"]).arg(d.path().join("plan.toml")).assert().code(2).stderr(predicate::str::contains("relative to the plan file"));
    let p = plan(d.path(), LHS);
    hemma().args(["sweep", &p, "--shard", "3/3"]).assert().code(2).stderr(predicate::str::contains("0 <= K < N"));
}

#[test]
fn sensitivity_finds_the_factor_that_matters_and_zero_for_one_that_cannot() {
    // The cost of a shelter night cannot change how many are homeless, so
    // its indices are exactly zero; the shock rate drives arrears.
    let d = tempfile::tempdir().unwrap();
    let p = plan(
        d.path(),
        "design = \"saltelli\"\nsamples = 16\nreplications = 2\n\
         [[factors]]\npath = \"params.emergency_cost_sek_night\"\nmin = 500\nmax = 2000\n\
         [[factors]]\npath = \"params.shock_rate_per_year\"\nmin = 0.1\nmax = 1.5\n\
         [outputs]\nnames = [\"homeless_per_10k\", \"new_payment_orders\"]\nsummaries = [\"sum\"]\nperiods = false\n",
    );
    let out = d.path().join("out");
    sweep(&p, &out, &[]);
    hemma()
        .args(["sensitivity"])
        .arg(&out)
        .args(["--output", "new_payment_orders", "--resamples", "200"])
        .assert()
        .success()
        .stdout(predicate::str::contains("params.emergency_cost_sek_night").and(predicate::str::contains("0.000 [0.000, 0.000]")));
    let csv = fs::read_to_string(out.join("sensitivity_new_payment_orders_sum_2011-2012.csv")).unwrap();
    let rows: Vec<Vec<f64>> = csv.lines().skip(1).map(|l| l.split(',').skip(1).map(|x| x.parse().unwrap()).collect()).collect();
    assert_eq!(rows[0], vec![0.0; 6], "a factor without effect has zero indices");
    assert!(rows[1][3] > 0.5, "the shock rate carries most of the variance of payment orders: {csv}");
    hemma()
        .args(["sensitivity"])
        .arg(&out)
        .args(["--output", "n_homeless"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not kept").and(predicate::str::contains("homeless_per_10k")));
    let lhs = d.path().join("lhs");
    sweep(&plan(d.path(), LHS), &lhs, &[]);
    hemma()
        .args(["sensitivity"])
        .arg(&lhs)
        .args(["--output", "homeless_per_10k"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("saltelli"));
}
