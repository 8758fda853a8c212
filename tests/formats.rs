//! Scenario files keep working as the model changes (issue 16): a file of
//! every format opens — an older one migrated, with a note of each change —
//! and a file from a newer hemma is refused with the version that reads it.

use assert_cmd::Command;
use hemma::scenario::{FORMAT, Format, RecordedInstruments, parse, to_toml};
use predicates::prelude::*;

fn files(format: u32) -> Vec<(String, String)> {
    let dir = format!("tests/formats/format-{format}");
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "{dir} keeps files");
    out
}

#[test]
fn every_kept_file_of_the_current_format_opens_without_notes() {
    for (name, text) in files(FORMAT) {
        let p = parse(&text, Format::Toml, &name).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.scenario.migrated.is_empty(), "{name}: {:?}", p.scenario.migrated);
    }
}

#[test]
fn a_format_1_file_opens_as_it_was_meant_with_a_note_of_each_change() {
    for (name, text) in files(1) {
        let p = parse(&format!("format = 1\n{text}"), Format::Toml, &name).unwrap_or_else(|e| panic!("{e}"));
        let s = &p.scenario;
        assert_eq!(s.format, Some(FORMAT), "{name}: migrated to the current format");
        assert_eq!(s.start_year, 2012, "{name}: these files start in 2012");
        assert_eq!(s.recorded_instruments, RecordedInstruments::End, "{name}: its instruments were the place's only ones");
        assert!(s.migrated.iter().any(|n| n.contains("recorded_instruments = \"end\"")), "{name}: {:?}", s.migrated);
        assert!(s.migrated.iter().any(|n| n.contains("a46c68f")), "{name}: says which hemma runs it as then");
        // Written out again, it is a file of the current format with the same meaning.
        let again = parse(&to_toml(s), Format::Toml, &name).unwrap_or_else(|e| panic!("{e}"));
        assert!(again.scenario.migrated.is_empty() && again.scenario.recorded_instruments == RecordedInstruments::End);
        // Without the key it is read as the current format (another meaning),
        // and the reader is told how to read it as then.
        let as_now = parse(&text, Format::Toml, &name).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(as_now.scenario.recorded_instruments, RecordedInstruments::Continue);
        assert!(as_now.scenario.migrated.iter().any(|n| n.contains("add `format = 1`")), "{name}: {:?}", as_now.scenario.migrated);
    }
}

#[test]
fn a_file_without_format_is_read_as_current_with_a_note_where_format_1_meant_otherwise() {
    let p = parse("preset = \"karlstad\"\nscale = 0.2\nstart_year = 2011\nhorizon_months = 12\n", Format::Toml, "new.toml").unwrap();
    assert!(p.scenario.migrated.is_empty(), "no history, the same meaning in both formats: {:?}", p.scenario.migrated);
    let p = parse("preset = \"karlstad\"\nscale = 0.2\nhorizon_months = 12\n", Format::Toml, "unsure.toml").unwrap();
    assert_eq!(p.scenario.start_year, hemma::timeline::DATA_YEAR);
    let note = p.scenario.migrated.join(" ");
    assert!(note.contains("no `format`") && note.contains("a46c68f") && note.contains(&format!("format = {FORMAT}")), "{note}");
    // A start after 2011 without `recorded_instruments` would mean another thing in format 1 too.
    let p = parse("preset = \"karlstad\"\nscale = 0.2\nstart_year = 2014\nhorizon_months = 12\n", Format::Toml, "mid.toml").unwrap();
    assert!(p.scenario.migrated.iter().any(|n| n.contains("add `format = 1`")), "{:?}", p.scenario.migrated);
    let p = parse(
        "preset = \"karlstad\"\nscale = 0.2\nstart_year = 2014\nrecorded_instruments = \"continue\"\nhorizon_months = 12\n",
        Format::Toml,
        "said.toml",
    )
    .unwrap();
    assert!(p.scenario.migrated.is_empty(), "{:?}", p.scenario.migrated);
}

#[test]
fn a_format_1_file_without_start_year_starts_in_2012() {
    let p = parse("format = 1\npreset = \"karlstad\"\nscale = 0.2\nhorizon_months = 12\n", Format::Toml, "old.toml").unwrap();
    assert_eq!(p.scenario.start_year, 2012);
    assert!(p.scenario.migrated.iter().any(|n| n.contains("start_year = 2012")));
    // JSON too.
    let p = parse("{\"format\": 1, \"preset\": \"karlstad\", \"scale\": 0.2, \"horizon_months\": 12}", Format::Json, "old.json").unwrap();
    assert_eq!(p.scenario.start_year, 2012);
}

#[test]
fn a_format_1_file_that_starts_before_2011_is_refused_with_the_hemma_that_runs_it() {
    let e = parse("format = 1\npreset = \"karlstad\"\nscale = 0.2\nhorizon_months = 12\nstart_year = 2008\n", Format::Toml, "old.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("old.toml:1") && e.contains("format") && e.contains("2008") && e.contains("--rev a46c68f"), "{e}");
}

#[test]
fn a_file_from_a_newer_hemma_is_refused_naming_the_formats_this_one_reads() {
    // Its other keys may be unknown here: the format is what is reported.
    let newer = FORMAT + 1;
    let e =
        parse(&format!("format = {newer}\npreset = \"karlstad\"\nsomething_new = 1\n"), Format::Toml, "new.toml").unwrap_err().to_string();
    assert!(
        e.contains("new.toml:1")
            && e.contains(&format!("`format` = {newer}"))
            && e.contains("newer hemma")
            && e.contains(&format!("1 to {FORMAT}")),
        "{e}"
    );
    let e = parse("format = 0\npreset = \"karlstad\"\nhorizon_months = 12\n", Format::Toml, "zero.toml").unwrap_err().to_string();
    assert!(e.contains("unknown format"), "{e}");
}

#[test]
fn every_written_file_names_its_format() {
    let p = parse("preset = \"karlstad\"\nscale = 0.2\nhorizon_months = 12\n", Format::Toml, "x.toml").unwrap();
    assert!(to_toml(&p.scenario).starts_with(&format!("format = {FORMAT}\n")), "{}", to_toml(&p.scenario));
}

#[test]
fn the_command_line_says_what_reading_an_old_file_changed() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("old.toml");
    std::fs::write(&f, "format = 1\npreset = \"nynashamn\"\nscale = 0.2\nhorizon_months = 12\n").unwrap();
    Command::cargo_bin("hemma")
        .unwrap()
        .args(["validate", f.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicates::str::contains("note:").and(predicates::str::contains("start_year = 2012")));
}

#[test]
fn a_format_2_file_opens_as_format_3_told_that_counts_are_adults_and_an_undated_count_is_2011s() {
    for (name, text) in files(2) {
        let p = parse(&text, Format::Toml, &name).unwrap_or_else(|e| panic!("{e}"));
        let s = &p.scenario;
        assert_eq!(s.format, Some(FORMAT), "{name}");
        assert!(s.migrated.iter().any(|n| n.contains("take in adults")), "{name}: {:?}", s.migrated);
        if s.place.is_some() {
            assert_eq!(p.preset.count_year, 2011, "{name}: the undated count was the 2011 start");
            assert!(s.migrated.iter().any(|n| n.contains("homeless_count_year = 2011")), "{name}: {:?}", s.migrated);
        }
        let again = parse(&to_toml(s), Format::Toml, &name).unwrap_or_else(|e| panic!("{e}"));
        assert!(again.scenario.migrated.is_empty(), "{name}: {:?}", again.scenario.migrated);
    }
    // In the current format an undated count is refused, naming the field.
    let text = std::fs::read_to_string("tests/formats/format-2/lund-with-its-count.toml").unwrap().replace("format = 2", "format = 3");
    let e = parse(&text, Format::Toml, "lund.toml").unwrap_err();
    assert_eq!(e.key, "place.homeless_count_year", "{e}");
    assert!(e.message.starts_with("missing; give the year of the count"), "{e}");
}

#[test]
fn a_place_file_read_by_a_format_2_scenario_has_its_undated_count_dated_2011() {
    let dir = std::env::temp_dir().join(format!("hemma-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("lund.toml"),
        "name = \"Lund\"\npopulation = 118000\nrental_share_pct = 45\ncoop_share_pct = 30\nowner_share_pct = 25\nhomeless_per_10k = 30\n",
    )
    .unwrap();
    let load = |path: &str| std::fs::read_to_string(dir.join(path)).map(|t| (t, path.to_string())).map_err(|e| e.to_string());
    let scenario = |format: u32| format!("format = {format}\nplace = \"lund.toml\"\nscale = 0.1\nhorizon_months = 12\n");
    let old = hemma::scenario::parse_with_places(&scenario(2), Format::Toml, "s.toml", &load).unwrap();
    assert_eq!(old.preset.count_year, 2011);
    assert!(old.scenario.migrated.iter().any(|n| n.contains("homeless_count_year = 2011")), "{:?}", old.scenario.migrated);
    let e = hemma::scenario::parse_with_places(&scenario(FORMAT), Format::Toml, "s.toml", &load).unwrap_err();
    assert_eq!((e.origin.as_str(), e.key.as_str()), ("lund.toml", "homeless_count_year"), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}
