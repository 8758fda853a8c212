//! Replays fuzz inputs (issue 16) through the same entry points as the fuzz
//! targets on every test run, without a fuzzer: the seeds of each text
//! target (the repository's own files of its kind and `fuzz/seeds/<target>/`)
//! and every input that once made one panic or hang (`fuzz/regressions/<target>/`). Each gives a result or
//! an error message; a panic fails the test with the file's name. The
//! minimised corpora (`fuzz/corpus/<target>.tar.gz`) are replayed by
//! `scripts/fuzz.sh`, which libFuzzer runs through before it mutates.

use hemma::scenario::{Format, parse, parse_place};
use std::path::Path;

/// The repository's own files that a target's seeds include.
fn own_files(target: &str) -> Vec<std::path::PathBuf> {
    let dirs: &[&str] = match target {
        "scenario_text" => &["scenarios", "examples"],
        "place_file" => &["examples/places"],
        "sweep_plan" => &["examples/sweeps"],
        _ => &[],
    };
    let mut files: Vec<_> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    if target == "calibration_targets" {
        files.push("data/calibration/targets.toml".into());
    }
    files
}

/// The inputs of `target`: its seeds and regressions, with their text
/// (non-UTF-8 inputs are skipped, as the fuzz targets skip them).
fn inputs(target: &str) -> Vec<(String, String)> {
    let mut paths = own_files(target);
    for kind in ["seeds", "regressions"] {
        let dir = Path::new("fuzz").join(kind).join(target);
        paths.extend(std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()));
    }
    let mut out: Vec<(String, String)> =
        paths.iter().filter_map(|p| Some((p.display().to_string(), String::from_utf8(std::fs::read(p).ok()?).ok()?))).collect();
    out.sort();
    out
}

/// Calls `f` on every input of `target`; fails naming the inputs that panic.
fn replay(target: &str, f: impl Fn(&str) + std::panic::RefUnwindSafe) -> usize {
    let all = inputs(target);
    let panicked: Vec<&str> =
        all.iter().filter(|(_, text)| std::panic::catch_unwind(|| f(text)).is_err()).map(|(name, _)| name.as_str()).collect();
    assert!(panicked.is_empty(), "{target}: {} input(s) panic: {}", panicked.len(), panicked.join(", "));
    all.len()
}

#[test]
fn every_committed_fuzz_input_for_scenario_files_gives_a_result_or_a_message() {
    let n = replay("scenario_text", |text| {
        let _ = parse(text, Format::Toml, "fuzz.toml");
        let _ = parse(text, Format::Json, "fuzz.json");
    });
    assert!(n >= 10, "the seeds are there ({n} files)");
}

#[test]
fn every_committed_fuzz_input_for_place_files_gives_a_result_or_a_message() {
    let _ = replay("place_file", |text| {
        if let Ok(place) = parse_place(text, "fuzz-place.toml")
            && place.check().is_ok()
        {
            let _ = place.to_preset();
        }
    });
}

#[test]
fn every_committed_fuzz_input_for_sweep_plans_gives_a_result_or_a_message() {
    let base = parse("preset = \"nynashamn\"\nscale = 0.2\nstart_year = 2011\nhorizon_months = 24\n", Format::Toml, "base.toml").unwrap();
    let _ = replay("sweep_plan", |text| {
        if let Ok(plan) = hemma::sweep::plan::parse(text, "fuzz-plan.toml") {
            let _ = hemma::sweep::plan::prepare(plan, text, "fuzz-plan.toml", &base);
        }
    });
}

#[test]
fn every_committed_fuzz_input_for_calibration_targets_gives_a_result_or_a_message() {
    const RUN: &str = "preset = \"nynashamn\"\nscale = 0.2\nstart_year = 2011\nhorizon_months = 24\n";
    let _ = replay("calibration_targets", |text| {
        let read = |path: &str| if path.ends_with(".toml") { Ok(RUN.to_string()) } else { Err(format!("{path}: no such file")) };
        let _ = hemma::calibrate::prepare(text, "fuzz-targets.toml", &read);
    });
}
