//! The `hemma` command line: every error path gives a clear message naming
//! the file, line, key, value and what is allowed, with exit code 2; runs
//! write their files; listings and generated docs are consistent.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn hemma() -> Command {
    Command::cargo_bin("hemma").unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().to_string()
}

const OK: &str = "preset = \"nynashamn\"\nscale = 0.2\nhorizon_months = 12\nstart_year = 2011\nseed = 1\nreplications = 2\n";

#[test]
fn help_shows_examples() {
    hemma().arg("--help").assert().success().stdout(predicate::str::contains("Examples:").and(predicate::str::contains("hemma run")));
}

#[test]
fn validate_accepts_a_good_file() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "ok.toml", OK);
    hemma().args(["validate", &f]).assert().success().stdout(predicate::str::contains("ok").and(predicate::str::contains("Nynäshamn")));
}

#[test]
fn missing_file_is_reported_with_its_name() {
    hemma().args(["validate", "no/such/file.toml"]).assert().code(2).stderr(predicate::str::contains("no/such/file.toml: cannot read"));
}

#[test]
fn unknown_key_names_file_line_and_key() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", &format!("{OK}colour = \"blue\"\n"));
    hemma()
        .args(["validate", &f])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("s.toml:7:").and(predicate::str::contains("unknown field `colour`")));
}

#[test]
fn wrong_type_names_the_line() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", "preset = \"nynashamn\"\nhorizon_months = \"twelve\"\n");
    hemma().args(["validate", &f]).assert().code(2).stderr(predicate::str::contains("s.toml:2:"));
}

#[test]
fn out_of_range_parameter_names_key_value_and_range() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", &format!("{OK}[params]\nsavings_rate = 0.9\n"));
    hemma().args(["validate", &f]).assert().code(2).stderr(
        predicate::str::contains("s.toml:8:")
            .and(predicate::str::contains("`params.savings_rate` = 0.9"))
            .and(predicate::str::contains("allowed 0 to 0.5")),
    );
}

#[test]
fn unknown_parameter_gets_a_suggestion() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", &format!("{OK}[params]\nsaving_rate = 0.2\n"));
    hemma().args(["validate", &f]).assert().code(2).stderr(predicate::str::contains("did you mean `savings_rate`"));
}

#[test]
fn unknown_preset_lists_the_presets() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", "preset = \"Malmö\"\nhorizon_months = 12\nstart_year = 2011\n");
    hemma()
        .args(["validate", &f])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown preset").and(predicate::str::contains("goteborg")));
}

#[test]
fn too_small_scale_is_explained() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", "preset = \"nynashamn\"\nhorizon_months = 12\nstart_year = 2011\nscale = 0.001\n");
    hemma()
        .args(["validate", &f])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`scale` = 0.001").and(predicate::str::contains("fewer than 200 households")));
}

#[test]
fn bad_instrument_settings_name_the_instrument_field() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", &format!("{OK}[[instruments]]\nkind = \"shelter_guarantee\"\nstart_month = 3\nend_month = 99\n"));
    hemma()
        .args(["validate", &f])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("s.toml:10:").and(predicate::str::contains("`instruments[0].end_month` = 99")));
    let f = write(d.path(), "t.toml", &format!("{OK}[[instruments]]\nkind = \"housing_for_all\"\n"));
    hemma()
        .args(["validate", &f])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("housing_for_all").and(predicate::str::contains("shelter_guarantee")));
}

#[test]
fn json_scenarios_get_the_same_checks() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.json", "{\n  \"preset\": \"nynashamn\",\n  \"horizon_months\": 12,\n  \"replications\": 0\n}\n");
    hemma()
        .args(["validate", &f])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("s.json:4:").and(predicate::str::contains("`replications` = 0")));
    let f = write(d.path(), "t.json", "{\"preset\": \"nynashamn\",");
    hemma().args(["validate", &f]).assert().code(2).stderr(predicate::str::contains("t.json:1:"));
}

#[test]
fn bad_flags_are_rejected_with_the_allowed_values() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "ok.toml", OK);
    hemma()
        .args(["run", &f, "--scale", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--scale").and(predicate::str::contains("0 < scale <= 1")));
    hemma().args(["run", &f, "--replications", "0"]).assert().code(2).stderr(predicate::str::contains("--replications"));
    hemma().args(["run", &f, "--threads", "zero"]).assert().code(2).stderr(predicate::str::contains("--threads"));
}

#[test]
fn run_writes_results_and_is_quiet_when_piped() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "ok.toml", OK);
    let out = d.path().join("res");
    hemma()
        .args(["run", &f, "--out", out.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("homeless/10k").and(predicate::str::contains("2011")))
        .stderr(predicate::str::is_empty());
    for name in ["replications.csv", "aggregate.csv", "yearly.csv", "summary.json"] {
        assert!(out.join(name).exists(), "{name} missing");
    }
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["hemma_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(summary["git_commit"], hemma::GIT_COMMIT, "the outputs name the commit");
    assert_eq!(summary["scenario"]["preset"], "nynashamn");
    assert_eq!(summary["replications"], 2);
    // Issue 37: the file says what its tables' values are.
    assert!(summary["values"].as_str().unwrap().starts_with("whole municipality"), "{}", summary["values"]);
    assert_eq!(summary["scale"], 0.2);
    let aggregate = std::fs::read_to_string(out.join("aggregate.csv")).unwrap();
    assert!(aggregate.starts_with("date,period,output,mean,p5,p25,p50,p75,p95,hemma_version,git_commit\n2011-01,projection,n_residents,"));
    let reps = std::fs::read_to_string(out.join("replications.csv")).unwrap();
    assert_eq!(reps.lines().count(), 1 + 2 * 12);
    // Every row of every table names the version and commit that made it.
    let provenance = format!(",{},{}", env!("CARGO_PKG_VERSION"), hemma::GIT_COMMIT);
    for name in ["replications.csv", "aggregate.csv", "yearly.csv"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        let mut lines = text.lines();
        assert!(lines.next().unwrap().ends_with(",hemma_version,git_commit"), "{name} header");
        assert!(lines.all(|l| l.ends_with(&provenance)), "{name}: a row without {provenance}");
    }
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "ok.toml", &OK.replace("replications = 2", "replications = 4"));
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    hemma().args(["run", &f, "-q", "-j", "1", "--out", a.to_str().unwrap()]).assert().success();
    hemma().args(["run", &f, "-q", "-j", "2", "--out", b.to_str().unwrap()]).assert().success();
    for name in ["replications.csv", "aggregate.csv"] {
        assert_eq!(std::fs::read(a.join(name)).unwrap(), std::fs::read(b.join(name)).unwrap(), "{name} differs");
    }
}

#[test]
fn seed_and_replication_overrides_apply() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "ok.toml", OK);
    let out = d.path().join("o");
    hemma().args(["run", &f, "-q", "--seed", "99", "-r", "3", "--out", out.to_str().unwrap()]).assert().success();
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["scenario"]["seed"], 99);
    assert_eq!(summary["replications"], 3);
}

#[test]
fn every_preset_runs_and_writes_its_files() {
    let d = tempfile::tempdir().unwrap();
    for p in hemma::presets::all() {
        // The smallest allowed scale keeps this quick (a few hundred households).
        let scale = (500.0 / p.population as f64).clamp(0.01, 1.0);
        let f = write(
            d.path(),
            &format!("{}.toml", p.id),
            &format!("preset = \"{}\"\nscale = {scale}\nhorizon_months = 12\nstart_year = 2011\n", p.id),
        );
        let out = d.path().join(&p.id);
        hemma().args(["run", &f, "-q", "--out", out.to_str().unwrap()]).assert().success();
        assert!(out.join("summary.json").exists(), "{}", p.id);
    }
}

#[test]
fn listings_cover_every_row() {
    hemma().args(["presets", "--format", "csv"]).assert().success().stdout(predicate::function(|s: &str| s.lines().count() == 10));
    let n = hemma::params::table().len();
    hemma().args(["params", "--format", "csv"]).assert().success().stdout(predicate::function(move |s: &str| {
        let mut r = csv::Reader::from_reader(s.as_bytes());
        r.records().count() == n
    }));
    hemma().args(["outputs", "--format", "json"]).assert().success().stdout(predicate::str::contains("homeless_per_10k"));
    hemma().args(["params"]).assert().success().stdout(predicate::str::contains("shock_rate_per_year"));
}

#[test]
fn schema_is_valid_json_naming_every_parameter() {
    let out = hemma().arg("schema").output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.pointer("/properties/params/properties/shock_rate_per_year/maximum").is_some());
}

#[test]
fn generated_docs_and_schema_are_up_to_date() {
    // Fails when docs/parameters.md, docs/outputs.md or schema/scenario.schema.json
    // drift from the tables; fix with `cargo run -- docs`.
    hemma().args(["docs", "--check", "--root", env!("CARGO_MANIFEST_DIR")]).assert().success();
}

#[test]
fn bundled_examples_validate() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            hemma().args(["validate", path.to_str().unwrap()]).assert().success();
        }
    }
}

#[test]
fn compare_writes_paired_differences_and_refuses_mismatched_scenarios() {
    let d = tempfile::tempdir().unwrap();
    let base = write(d.path(), "base.toml", OK);
    let alt = write(d.path(), "alt.toml", &format!("{OK}[[instruments]]\nkind = \"shelter_guarantee\"\nstart_month = 3\n"));
    let out = d.path().join("cmp");
    hemma().args(["compare", &base, &alt, "-r", "3", "--out", out.to_str().unwrap()]).assert().success().stdout(
        predicate::str::contains("homeless_per_10k")
            .and(predicate::str::contains("Cost per homeless person-year avoided"))
            .and(predicate::str::contains("Headline, whole population"))
            .and(predicate::str::contains("homeless persons in December")),
    );
    let csv = std::fs::read_to_string(out.join("comparison.csv")).unwrap();
    assert!(csv.starts_with(
        "year,period,output,base,alternative,difference,paired_p5,paired_p95,unpaired_p5,unpaired_p95,hemma_version,git_commit\n"
    ));
    assert!(csv.lines().nth(1).unwrap().ends_with(&format!(",{},{}", env!("CARGO_PKG_VERSION"), hemma::GIT_COMMIT)));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(json["replications"], 3);
    assert!(json["values"].as_str().unwrap().starts_with("whole municipality"));
    assert!(json["headline"]["homeless_at_year"]["certainty"].is_string(), "{}", json["headline"]);
    // Three years ahead: the default year is the last (2013); --at-year picks another.
    let longer = |name: &str, text: &str| write(d.path(), name, &text.replace("horizon_months = 12", "horizon_months = 36"));
    let (base3, alt3) = (longer("base3.toml", OK), longer("alt3.toml", &format!("{OK}[[instruments]]\nkind = \"shelter_guarantee\"\n")));
    hemma().args(["compare", &base3, &alt3, "-r", "3", "--at-year", "2012", "-q", "--out", out.to_str().unwrap()]).assert().success();
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(json["headline"]["year"], 2012);
    let other = write(d.path(), "other.toml", &OK.replace("seed = 1", "seed = 2"));
    hemma().args(["compare", &base, &other]).assert().code(2).stderr(predicate::str::contains("`seed`"));
}

#[test]
fn regression_issue_16_a_closed_stdout_ends_output_quietly_instead_of_panicking() {
    // `hemma params --format table | head -1`: the reader goes away; hemma
    // must stop with success and no panic message, as Unix tools do.
    let bin = assert_cmd::cargo::cargo_bin("hemma");
    for args in [&["params", "--format", "table"][..], &["params", "--format", "csv"], &["outputs"], &["presets"], &["schema"]] {
        let mut child = std::process::Command::new(&bin)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the pipe is closed before hemma writes
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_presets_id_runs_its_history_then_ten_years_from_the_data_year() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("nyn");
    hemma()
        .args(["run", "nynashamn", "--scale", "0.05", "-r", "1", "--horizon-months", "12", "--quiet", "--out", out.to_str().unwrap()])
        .assert()
        .success();
    let csv = std::fs::read_to_string(out.join("replications.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').take(4).collect()).collect();
    assert_eq!(rows.len(), 15 * 12 + 12, "history 2011-2025 and 12 months ahead");
    assert_eq!(rows[0][2..], ["2011-01", "history"]);
    assert_eq!(rows[180][2..], ["2026-01", "projection"]);
    hemma().args(["validate", "nynashamn"]).assert().success().stdout(predicate::str::contains("history from 2011"));
    hemma().args(["run", "atlantis"]).assert().code(2).stderr(predicate::str::contains("hemma presets"));
}

#[test]
fn drivers_of_a_place_show_its_own_series_and_the_national_ones_beside() {
    let out = hemma().args(["drivers", "--place", "uppsala", "--format", "csv"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("series,driver,year,value,unit,flag,source,note"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("Uppsala,assistance_households_per_1000,2017,")), "its own assistance series");
    assert!(text.lines().any(|l| l.starts_with("Sverige,unemployment_pct,2017,")), "the national unemployment");
    hemma().args(["drivers", "--place", "atlantis"]).assert().code(2).stderr(
        predicate::str::contains("--place").and(predicate::str::contains("\"atlantis\"")).and(predicate::str::contains("karlstad")),
    );
}

#[test]
fn version_names_the_release_and_the_git_commit() {
    let out = hemma().arg("--version").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.trim(), format!("hemma {} (commit {})", env!("CARGO_PKG_VERSION"), hemma::GIT_COMMIT));
    // In a checkout: 12 hex digits, "-modified" when tracked files differ.
    let commit = hemma::GIT_COMMIT.trim_end_matches("-modified");
    assert!(commit == "unknown" || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())), "{commit}");
}

#[test]
fn a_quota_without_an_instrument_that_places_households_is_warned_about() {
    let d = tempfile::tempdir().unwrap();
    let quota = "recorded_instruments = \"end\"\n[[instruments]]\nkind = \"vacancy_quota\"\npublic_share = 0.1\n";
    let file = write(d.path(), "quota.toml", &format!("{OK}{quota}"));
    hemma().args(["validate", &file]).assert().success().stderr(predicate::str::contains("warning").and(predicate::str::contains("places households")));
    let placed = write(d.path(), "placed.toml", &format!("{OK}{quota}[[instruments]]\nkind = \"housing_first\"\nplaces = 5\n"));
    hemma().args(["validate", &placed]).assert().success().stderr(predicate::str::contains("warning").not());
}
