//! Issue 37: an instrument's random draws are keyed by its kind (the
//! registry's number), its occurrence among the run's instruments of that
//! kind, and the decision it draws for (a constant of its file) — not by its
//! position, which an instrument once ORed into a hand-made salt, so that the
//! instruments at positions k and k + 16 drew alike for the same household
//! and month. No two decisions of a run's instruments, and no instrument and
//! the model, share a key.

mod common;

use hemma::policy::setting::Value;
use hemma::policy::{InstrumentConfig, PolicySet};
use hemma::rng::{Drawer, StreamKey, Streams};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// An instrument of `kind` with its defaults (a required choice takes its
/// first option), acting from the start.
fn with_defaults(kind: &str) -> InstrumentConfig {
    let mut v = serde_json::json!({ "kind": kind });
    for s in InstrumentConfig::settings_of(kind).unwrap() {
        if let Value::Choice { default: None, options } = s.value {
            v[s.name] = serde_json::json!(options[0]);
        }
    }
    serde_json::from_value(v).unwrap()
}

/// `n` instruments, every kind in turn (so each kind several times, at
/// positions that differ by the number of kinds).
fn every_kind(n: usize) -> Vec<InstrumentConfig> {
    let kinds = InstrumentConfig::KINDS;
    (0..n).map(|k| with_defaults(kinds[k % kinds.len()])).collect()
}

#[test]
fn no_two_decisions_of_forty_instruments_of_every_kind_share_a_key() {
    let configs = every_kind(40);
    let set = PolicySet::new(&configs);
    assert_eq!(set.len(), 40);
    // Who each instrument is: its kind's number and its occurrence.
    let mut seen: BTreeMap<u16, u32> = BTreeMap::new();
    for (k, config) in configs.iter().enumerate() {
        let drawer = set.drawer(k).unwrap();
        assert_eq!(drawer.kind(), config.kind_number().get(), "{k}: {}", config.kind());
        let next = seen.entry(drawer.kind()).or_insert(0);
        assert_eq!(drawer.occurrence(), *next, "{k}: the n-th {} is occurrence n", config.kind());
        *next += 1;
    }
    assert!(seen.values().all(|&n| n >= 3), "every kind several times: {seen:?}");
    // Every key any instrument may draw with, once.
    let keys = set.keys();
    let mut owner: HashMap<StreamKey, usize> = HashMap::new();
    for &(k, key) in &keys {
        assert_ne!(key.drawer(), Drawer::MODEL, "instrument {k} draws with the model's keys");
        if let Some(other) = owner.insert(key, k) {
            panic!("instruments {other} ({}) and {k} ({}) share the key {key:?}", configs[other].kind(), configs[k].kind());
        }
    }
    // The instruments that draw at all: every one but assistance as income and the state levers.
    let drawing: Vec<&str> = configs.iter().enumerate().filter(|(k, _)| keys.iter().any(|(i, _)| i == k)).map(|(_, c)| c.kind()).collect();
    assert_eq!(drawing.len(), 40 - configs.iter().filter(|c| ["assistance_as_income", "state_levers"].contains(&c.kind())).count());
}

#[test]
fn forty_instruments_of_every_kind_run_drawing_only_with_their_listed_keys() {
    // `Ctx::key` refuses a decision an instrument does not list, so a run
    // through burn-in, the start's stocks in force and a year of every hook
    // shows that the listed keys are all the keys used.
    let base = common::scenario("preset = \"vasteras\"\nscale = 0.1\nhorizon_months = 12\nstart_year = 2011\nseed = 5\n");
    let mut scenario = base.scenario.clone();
    scenario.instruments = every_kind(40);
    let p = hemma::scenario::prepare(scenario, "forty instruments").unwrap_or_else(|e| panic!("{e}"));
    let rows = hemma::run::run_replication(&p, 0);
    assert_eq!(rows.len(), 12);
}

#[test]
fn regression_issue_37_two_social_contracts_at_positions_0_and_16_draw_differently() {
    // Fifteen instruments of other kinds between two social contracts. The
    // second's hand-made salt was `0x400 | 16`, which is `0x410 | 0`: its
    // trial outcomes drew exactly the first's sobriety checks.
    let others: Vec<InstrumentConfig> = every_kind(24).into_iter().filter(|c| c.kind() != "social_contract").take(15).collect();
    let mut configs = vec![with_defaults("social_contract")];
    configs.extend(others);
    configs.push(with_defaults("social_contract"));
    assert_eq!(configs[16].kind(), "social_contract");
    let set = PolicySet::new(&configs);
    let keys_of = |k: usize| -> Vec<StreamKey> { set.keys().into_iter().filter(|(i, _)| *i == k).map(|(_, key)| key).collect() };
    let (first, second) = (keys_of(0), keys_of(16));
    assert!(!first.is_empty() && first.len() == second.len());
    assert!(first.iter().all(|key| !second.contains(key)), "the two contracts share a key");
    // The same household in the same month: every decision of the one draws
    // differently from every decision of the other.
    let streams = Streams::new(2012, 0);
    let draw = |key: &StreamKey| streams.at(*key, 1234, 40).next_u32();
    for a in &first {
        for b in &second {
            assert_ne!(draw(a), draw(b), "{a:?} and {b:?} draw alike");
        }
    }
}

#[test]
fn instruments_draw_only_through_their_keys() {
    // No instrument (nor the placement helpers they share) makes a salt by
    // hand: every draw in crate/policy goes through `Streams::at` with a key
    // from `Ctx::key` (tests inside a file may draw as they like).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crate/policy");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or("");
            if line.contains("streams.rng(") || line.contains("ctx.index") {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "hand-made salts:\n{}", found.join("\n"));
}
