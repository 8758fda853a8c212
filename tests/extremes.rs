//! Extremes (issue 16): the national preset for 20 years with every
//! instrument at the top of every setting's range, checked every month: the
//! invariants hold, no output is NaN or infinite, and money does not
//! overflow (costs are summed in `i64` kronor: a month's cost here is far
//! beyond `i32`). Nothing is capped: a million contracts, flats and places
//! in force and a year for the whole country, prices and subsidies of 100
//! million kronor a flat. (Counts were capped at 20,000 until placing a
//! stock in force and taking a flat from the municipal pool stopped
//! searching from the first entry every time; the search made the full-scale
//! start take hours.)
//!
//! `cargo test --release --test extremes` runs it at 2% of Sweden;
//! `HEMMA_EXTREME_SCALE=1 cargo test --release --test extremes -- --nocapture`
//! is the full-scale run (about 4.7 million households; README states its
//! time and memory).

mod common;

use common::invariants::{check_month, check_state, counts};
use hemma::policy::InstrumentConfig;
use hemma::policy::setting::Value;
use hemma::results::Out;
use hemma::run::Simulation;

/// Every instrument once (rent guarantees once of each kind), every setting
/// at its maximum.
fn everything_at_max(horizon: u32) -> String {
    let mut s = format!("preset = \"sverige\"\nscale = SCALE\nstart_year = 2011\nhorizon_months = {horizon}\nseed = 7\n");
    for kind in InstrumentConfig::KINDS {
        let choices: Vec<Option<&str>> = match *kind {
            "rent_guarantee" => vec![Some("assistance"), Some("own_income")],
            _ => vec![None],
        };
        for choice in choices {
            s.push_str(&format!("[[instruments]]\nkind = \"{kind}\"\n"));
            for row in InstrumentConfig::settings_of(kind).unwrap_or_default() {
                let v = match row.value {
                    Value::Number { max, .. } | Value::Optional { max, .. } => format!("{max:?}"),
                    Value::Whole { max, .. } => format!("{max}"),
                    Value::Flag { .. } => "true".into(),
                    Value::Choice { options, .. } => {
                        format!("{:?}", choice.filter(|c| options.contains(c)).unwrap_or(options[options.len() - 1]))
                    }
                };
                s.push_str(&format!("{} = {v}\n", row.name));
            }
        }
    }
    s
}

#[test]
fn the_country_for_twenty_years_with_every_instrument_at_its_maximum_keeps_every_invariant() {
    let scale: f64 = std::env::var("HEMMA_EXTREME_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(0.02);
    let text = everything_at_max(240).replace("SCALE", &format!("{scale:?}"));
    let prepared = hemma::scenario::parse(&text, hemma::scenario::Format::Toml, "extremes")
        .unwrap_or_else(|e| panic!("{e}\n--- the scenario ---\n{text}"));
    let mut sim = Simulation::new(&prepared, 0);
    let started = std::time::Instant::now();
    let (mut months, mut max_cost) = (0, 0.0f64);
    while !sim.finished() {
        let before = counts(sim.world());
        match sim.step() {
            Some(row) => {
                check_month(before, sim.world(), &row);
                assert!(row.get(Out::cost_instruments_sek) >= 0.0, "a negative cost in month {months}");
                // A cost at exactly i32::MAX kronor is one that saturated.
                for (k, spec) in hemma::results::table().iter().enumerate() {
                    if spec.name.starts_with("cost_") {
                        assert!(row.0[k] != i32::MAX as f64, "`{}` saturated at i32::MAX in month {months}", spec.name);
                        assert!(row.0[k] >= 0.0, "`{}` is negative in month {months}", spec.name);
                    }
                }
                max_cost = max_cost.max(row.get(Out::cost_instruments_sek));
                months += 1;
                if months % 24 == 0 {
                    eprintln!("extremes: month {months} after {:.0} s", started.elapsed().as_secs_f64());
                }
            }
            None => check_state(before, sim.world()),
        }
    }
    assert_eq!(months, 240);
    eprintln!(
        "extremes: scale {scale}, {} households at the end, 240 months in {:.0} s, largest monthly instrument cost {:.3e} SEK",
        sim.world().live_households(),
        started.elapsed().as_secs_f64(),
        max_cost
    );
}
