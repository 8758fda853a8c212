//! Calibration and validation: `hemma calibrate` end to end on a tiny
//! configuration (the loss decreases; a stopped run resumes to the same
//! result), `hemma apply-calibration` rewrites the table, the committed
//! defaults equal the committed calibration file, and `hemma
//! validate-report` writes a report with every target.

use assert_cmd::Command;
use hemma::params::{self, Params};
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn hemma() -> Command {
    Command::cargo_bin("hemma").unwrap()
}

const TINY: &str = "seed = 5\nreplications = 2\nreport_replications = 3\nstart_year = 2011\nhorizon_months = 24\n\
    [[runs]]\nid = \"nyn\"\nscenario = \"nyn.toml\"\nscale = 0.3\n\
    [[parameters]]\nname = \"move_under_threat_rate_per_month\"\nmin = 0.01\nmax = 0.3\n\
    [[parameters]]\nname = \"settle_rate_application_per_month\"\nmin = 0.1\nmax = 0.8\n\
    [[targets]]\nid = \"withdrawn\"\nlabel = \"withdrawn share\"\ngroup = \"Funnel\"\nrun = \"nyn\"\n\
    output = \"new_withdrawn\"\nper = \"new_eviction_applications\"\nfrom = \"2011-01\"\nto = \"2012-12\"\n\
    observed = 0.4\ntolerance = 0.2\ngoal = 0.2\nsource = \"test\"\n\
    [[targets]]\nid = \"homeless\"\nlabel = \"homeless per 10,000\"\ngroup = \"Homeless\"\nrun = \"nyn\"\n\
    output = \"homeless_per_10k\"\nfrom = \"2012-05\"\nto = \"2012-05\"\nobserved = 29\ntolerance = 0.15\ngoal = 0.15\nsource = \"test\"\n";

fn tiny(dir: &Path) -> String {
    fs::write(dir.join("nyn.toml"), "preset = \"nynashamn\"\nhorizon_months = 24\nstart_year = 2011\n").unwrap();
    let p = dir.join("targets.toml");
    fs::write(&p, TINY).unwrap();
    p.to_string_lossy().to_string()
}

fn fitted(path: &Path) -> toml::Value {
    toml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn calibration_decreases_the_loss_and_a_stopped_run_resumes_to_the_same_fit() {
    let d = tempfile::tempdir().unwrap();
    let t = tiny(d.path());
    let whole = d.path().join("whole.toml");
    hemma().args(["calibrate", &t, "--quiet", "--max-evaluations", "30", "--out"]).arg(&whole).assert().success();
    let w = fitted(&whole);
    let (loss, start) = (w["loss"].as_float().unwrap(), w["loss_at_start"].as_float().unwrap());
    assert!(loss < start, "the loss decreases: {loss} from {start}");
    assert!(w["evaluations"].as_integer().unwrap() >= 30);

    let part = d.path().join("part.toml");
    hemma().args(["calibrate", &t, "--quiet", "--max-evaluations", "12", "--out"]).arg(&part).assert().success();
    assert!(part.with_extension("state.json").exists(), "the search state is saved");
    hemma()
        .args(["calibrate", &t, "--max-evaluations", "30", "--out"])
        .arg(&part)
        .assert()
        .success()
        .stderr(predicate::str::contains("resuming from"));
    let p = fitted(&part);
    assert_eq!(p["parameters"], w["parameters"], "resumed = uninterrupted");
    assert_eq!(p["loss"], w["loss"]);
    assert_eq!(p["evaluations"], w["evaluations"]);
}

#[test]
fn apply_calibration_rewrites_the_defaults_and_sources_of_the_table() {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir_all(d.path().join("crate/params")).unwrap();
    fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/crate/params/table.rs"), d.path().join("crate/params/table.rs")).unwrap();
    let f = d.path().join("fitted.toml");
    fs::write(
        &f,
        "hemma_version = \"x\"\ndate = \"2030-01-02\"\ntargets_file = \"t.toml\"\nloss = 1.0\nloss_at_start = 2.0\nevaluations = 3\nfit = []\n\
         [parameters]\nshock_rate_per_year = 0.4321\nsettle_factor_families = 2.0\n",
    )
    .unwrap();
    hemma().args(["apply-calibration"]).arg(&f).arg("--root").arg(d.path()).assert().success();
    let table = fs::read_to_string(d.path().join("crate/params/table.rs")).unwrap();
    assert!(table.contains("    shock_rate_per_year: 0.4321, \"per year\", 0.0, 5.0, Calibrated,"), "{table}");
    assert!(table.contains("    settle_factor_families: 2.0, \"factor\""), "a whole number keeps its decimal point");
    let source = format!("\"calibrated ({}, 2030-01-02): fitted to the targets in t.toml\";", f.display());
    assert_eq!(table.matches(&source).count(), 2, "both rows get the new source");
    let lines_before = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/crate/params/table.rs")).unwrap().lines().count();
    assert_eq!(table.lines().count(), lines_before, "nothing else changes");

    fs::write(&f, "hemma_version = \"x\"\ndate = \"d\"\ntargets_file = \"t\"\nloss = 1.0\nloss_at_start = 2.0\nevaluations = 3\nfit = []\n[parameters]\nshock_rate_per_year = 99.0\n").unwrap();
    hemma()
        .args(["apply-calibration"])
        .arg(&f)
        .arg("--root")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("outside its range"));
}

#[test]
fn committed_defaults_equal_the_committed_calibration_file() {
    let text =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/calibration/fitted.toml")).expect("data/calibration/fitted.toml");
    let f: toml::Value = toml::from_str(&text).unwrap();
    let date = f["date"].as_str().unwrap();
    let d = Params::default();
    let fitted = f["parameters"].as_table().unwrap();
    assert!(!fitted.is_empty());
    for (name, v) in fitted {
        let v = v.as_float().unwrap();
        assert_eq!(
            d.get(name),
            Some(v),
            "{name}: the table's default differs from data/calibration/fitted.toml; run `hemma apply-calibration`"
        );
        let spec = params::spec(name).unwrap();
        assert!(
            spec.source.starts_with(&format!("calibrated (data/calibration/fitted.toml, {date})")),
            "{name}: source `{}` does not cite the calibration file",
            spec.source
        );
    }
    // Every parameter the target file fits is in the fitted file.
    let targets: toml::Value = toml::from_str(include_str!("../data/calibration/targets.toml")).unwrap();
    for p in targets["parameters"].as_array().unwrap() {
        assert!(fitted.contains_key(p["name"].as_str().unwrap()), "{p}");
    }
}

#[test]
fn validate_report_writes_every_target_and_a_plot() {
    let d = tempfile::tempdir().unwrap();
    let t = tiny(d.path());
    let out = d.path().join("docs/validation.md");
    hemma().args(["validate-report", &t, "--quiet", "--out"]).arg(&out).assert().success();
    let md = fs::read_to_string(&out).unwrap();
    assert!(md.contains("| withdrawn share |") && md.contains("| homeless per 10,000 |"), "{md}");
    assert!(md.contains("3 replications"), "{md}");
    assert!(md.contains("validation.svg"));
    let svg = fs::read_to_string(out.with_extension("svg")).unwrap();
    assert!(svg.contains("withdrawn share") && svg.contains("homeless per 10,000"));
    // The dashboard's "how well does the model fit?": per place, its targets with their verdicts.
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(out.with_extension("json")).unwrap()).unwrap();
    let places = json["places"].as_array().unwrap();
    assert!(!places.is_empty(), "{json}");
    let targets: usize = places.iter().map(|p| p["targets"].as_array().unwrap().len()).sum();
    assert_eq!(targets, md.matches("| yes |").count() + md.matches("| **no** |").count(), "{json}");
    for p in places {
        assert!(p["drift"].is_f64() && p["observed"].is_f64(), "{p}");
        for t in p["targets"].as_array().unwrap() {
            assert_eq!(t["run"], p["id"], "{t}");
            assert!(t["meets_goal"].is_boolean(), "{t}");
        }
    }
}

#[test]
fn target_file_errors_name_the_key() {
    let d = tempfile::tempdir().unwrap();
    let t = tiny(d.path());
    fs::write(&t, TINY.replace("\"new_withdrawn\"", "\"withdrawn\"")).unwrap();
    hemma()
        .args(["validate-report", &t])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("targets[0].output").and(predicate::str::contains("unknown output")));
    fs::write(
        d.path().join("nyn.toml"),
        "preset = \"nynashamn\"\nhorizon_months = 24\nstart_year = 2011\n[params]\nsettle_rate_application_per_month = 0.5\n",
    )
    .unwrap();
    fs::write(&t, TINY).unwrap();
    hemma().args(["calibrate", &t]).assert().code(2).stderr(predicate::str::contains("one parameter set must serve every run"));
}
