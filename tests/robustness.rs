//! Nothing panics on user input: every truncation of a valid scenario file
//! is either accepted or rejected with a message, and every parameter at the
//! edges of its allowed range gives a run that completes and keeps the
//! books (no panic, no overflow, no NaN in the outputs).

mod common;

use hemma::params;
use hemma::results::N_OUTPUTS;
use hemma::run::run_replication;
use hemma::scenario::{Format, parse};

const VALID: &str = "name = \"x\"\npreset = \"nynashamn\"\nscale = 0.05\nhorizon_months = 12\nstart_year = 2011\nseed = 1\n\
    [params]\nshock_rate_per_year = 0.4\n\
    [[instruments]]\nkind = \"social_contract\"\ncontracts_per_year = 20\nleases_per_year = 20\n\
    [[instruments]]\nkind = \"rent_guarantee\"\nguarantee_kind = \"assistance\"\n";

#[test]
fn every_truncation_of_a_scenario_file_gives_a_result_or_a_message() {
    for (end, _) in VALID.char_indices() {
        let text = &VALID[..end];
        for format in [Format::Toml, Format::Json] {
            if let Err(e) = parse(text, format, "t") {
                assert!(!e.to_string().is_empty());
            }
        }
    }
    let json = serde_json::to_string(&common::scenario(VALID).scenario).unwrap();
    for (end, _) in json.char_indices() {
        let _ = parse(&json[..end], Format::Json, "t");
    }
}

#[test]
fn every_parameter_at_its_minimum_and_maximum_runs_without_panic() {
    for spec in params::table() {
        for value in [spec.min, spec.max] {
            let text = format!(
                "preset = \"nynashamn\"\nscale = 0.05\nhorizon_months = 12\nstart_year = 2011\nseed = 1\n[params]\n{} = {value:?}\n",
                spec.name
            );
            let p = match parse(&text, Format::Toml, "t") {
                Ok(p) => p,
                // A value at its own edge can still break a joint constraint (shares adding up); that is a message, not a panic.
                Err(e) => {
                    assert!(e.message.contains("must not exceed 1"), "{}: {e}", spec.name);
                    continue;
                }
            };
            let rows = run_replication(&p, 0);
            assert_eq!(rows.len(), 12, "{} = {value}", spec.name);
            for row in &rows {
                for o in 0..N_OUTPUTS {
                    assert!(row.0[o].is_finite(), "{} = {value}: output {} is {}", spec.name, hemma::results::table()[o].name, row.0[o]);
                }
            }
        }
    }
}
