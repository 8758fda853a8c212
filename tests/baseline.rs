//! The fixed-seed baseline: a small run whose every output in every month is
//! stored in `tests/baseline.json` and must be reproduced bit for bit.
//!
//! A change that alters results on purpose (a model change, a new default)
//! rewrites the file with the explicit command
//!
//! ```sh
//! HEMMA_UPDATE_BASELINE=1 cargo test --test baseline
//! ```
//!
//! and the diff of `tests/baseline.json` is reviewed in the commit.

mod common;

use hemma::results::table;
use hemma::run::run_replication;
use serde_json::{Value, json};

const SCENARIO: &str = "name = \"baseline\"\npreset = \"nynashamn\"\nscale = 0.5\nhorizon_months = 24\nstart_year = 2011\nseed = 2012\n";
const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/baseline.json");

fn current() -> Value {
    let p = common::scenario(SCENARIO);
    let rows = run_replication(&p, 0);
    let months: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(m, r)| {
            let values: serde_json::Map<String, Value> =
                table().iter().zip(r.0.iter()).map(|(s, v)| (s.name.to_string(), json!(v))).collect();
            json!({ "month": m, "values": values })
        })
        .collect();
    json!({ "scenario": SCENARIO, "months": months })
}

#[test]
fn fixed_seed_run_reproduces_the_baseline_file() {
    let now = current();
    if std::env::var_os("HEMMA_UPDATE_BASELINE").is_some() {
        std::fs::write(FILE, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
        eprintln!("rewrote {FILE}");
        return;
    }
    let text = std::fs::read_to_string(FILE)
        .expect("tests/baseline.json is missing; create it with HEMMA_UPDATE_BASELINE=1 cargo test --test baseline");
    let stored: Value = serde_json::from_str(&text).expect("tests/baseline.json is not valid JSON");
    assert_eq!(stored["scenario"], now["scenario"], "the baseline scenario changed; rewrite the file on purpose");
    let (a, b) = (stored["months"].as_array().unwrap(), now["months"].as_array().unwrap());
    assert_eq!(a.len(), b.len());
    for (m, (x, y)) in a.iter().zip(b).enumerate() {
        for spec in table() {
            let (old, new) = (&x["values"][spec.name], &y["values"][spec.name]);
            assert_eq!(
                old, new,
                "month {m}, output `{}` differs from tests/baseline.json (rewrite it on purpose with HEMMA_UPDATE_BASELINE=1 cargo test --test baseline)",
                spec.name
            );
        }
    }
}
