//! Property tests (issue 16): random scenarios — a preset or a custom place,
//! a scale, a start year (with or without a history), random parameter
//! values within their table ranges, random mixes of all twelve
//! instruments with random settings within their ranges and random windows,
//! driver paths — run, and every invariant holds every month, burn-in and
//! history included. A failing case shrinks to a small scenario, printed as
//! a scenario file; proptest keeps its seed in
//! `tests/properties.proptest-regressions`, which is committed and replayed first.
//!
//! `PROPTEST_CASES=500 cargo test --release --test properties` runs a longer search.

mod common;

use common::invariants::{check_month, check_state, counts};
use hemma::policy::InstrumentConfig;
use hemma::policy::setting::Value as SettingValue;
use hemma::run::Simulation;
use hemma::scenario::{Format, parse};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

/// Counts above this are drawn up to it only (an instrument's own flats,
/// places, contracts per year: the table allows a million, which at these
/// scales would only make the run slow).
const COUNT_CAP: f64 = 5_000.0;

/// A value of an instrument setting, drawn within its range (`u` in 0..=1).
fn setting_value(value: &SettingValue, u: f64, flag: bool, option: usize) -> Option<String> {
    Some(match *value {
        SettingValue::Number { min, max, .. } => format!("{:?}", min + (max.min(min.max(0.0) + COUNT_CAP) - min) * u),
        SettingValue::Optional { min, max, .. } => format!("{:?}", min + (max.min(min.max(0.0) + COUNT_CAP) - min) * u),
        SettingValue::Whole { min, max, .. } => {
            let hi = (max as f64).min(min as f64 + COUNT_CAP);
            format!("{}", (min as f64 + (hi - min as f64) * u).round() as u64)
        }
        SettingValue::Flag { .. } => flag.to_string(),
        SettingValue::Choice { options, .. } => format!("{:?}", options[option % options.len()]),
    })
}

/// A drawn instrument: its kind (index into the registry), for each setting
/// row (value in 0..=1, flag, option, whether to write it), start month and
/// length in months.
type Drawn = (usize, Vec<(f64, bool, usize, bool)>, u32, Option<u32>);

/// A drawn case: everything a scenario file is written from.
struct Case {
    place: Option<(u32, u32, u32)>,
    preset: usize,
    start_year: i32,
    horizon: u32,
    seed: u64,
    params: Vec<(usize, f64)>,
    instruments: Vec<Drawn>,
    path: Option<(usize, i32, f64)>,
}

/// One instrument of a random kind with random settings and window.
fn instrument() -> impl Strategy<Value = Drawn> {
    (
        0..InstrumentConfig::KINDS.len(),
        prop::collection::vec((0.0..=1.0f64, any::<bool>(), 0..4usize, any::<bool>()), 12),
        0..30u32,
        prop::option::of(1..30u32),
    )
}

/// The scenario file of a drawn case.
fn scenario_text(case: &Case) -> String {
    let Case { place, preset, start_year, horizon, seed, params, instruments, path } = case;
    let (preset, start_year, horizon, seed) = (*preset, *start_year, *horizon, *seed);
    let presets = hemma::presets::all();
    let mut s = String::new();
    // Scale: about 400 to 1,500 households simulated.
    let population = match *place {
        Some((population, rental, coop)) => {
            s.push_str(&format!(
                "[place]\nname = \"Testby\"\npopulation = {population}\nrental_share_pct = {rental}\ncoop_share_pct = {coop}\nowner_share_pct = {}\n",
                100 - rental - coop
            ));
            population as f64
        }
        None => {
            let p = &presets[preset % presets.len()];
            s.push_str(&format!("preset = \"{}\"\n", p.id));
            p.population as f64
        }
    };
    let scale = (2.2 * 800.0 / population).min(1.0);
    // Top-level keys first: TOML tables ([place], [params]) end the top level.
    let mut top = format!("scale = {scale:?}\nstart_year = {start_year}\nhorizon_months = {horizon}\nseed = {seed}\nreplications = 1\n");
    top.push_str(&s);
    s = top;
    if !params.is_empty() {
        s.push_str("[params]\n");
        let table = hemma::params::table();
        let mut seen = Vec::new();
        for &(k, u) in params.iter() {
            let spec = &table[k % table.len()];
            if seen.contains(&spec.name) {
                continue;
            }
            seen.push(spec.name);
            if spec.name == "burn_in_months" || spec.name.ends_with("_months") && spec.max > 240.0 {
                continue; // long waits only make the case slow
            }
            s.push_str(&format!("{} = {:?}\n", spec.name, spec.min + (spec.max - spec.min) * u));
        }
    }
    for (kind, values, start, length) in instruments {
        let kind = InstrumentConfig::KINDS[*kind];
        let start = (*start).min(horizon - 1);
        s.push_str(&format!("[[instruments]]\nkind = \"{kind}\"\nstart_month = {start}\n"));
        if let Some(l) = length {
            s.push_str(&format!("end_month = {}\n", (start + l).min(horizon)));
        }
        for (row, &(u, flag, option, include)) in InstrumentConfig::settings_of(kind).unwrap_or_default().iter().zip(values) {
            let required = matches!(row.value, SettingValue::Choice { default: None, .. });
            if (include || required)
                && let Some(v) = setting_value(&row.value, u, flag, option)
            {
                s.push_str(&format!("{} = {v}\n", row.name));
            }
        }
    }
    if let Some((driver, from, u)) = *path {
        let d = hemma::drivers::Driver::ALL[driver % hemma::drivers::N];
        let (lo, hi) = d.range();
        // Within a plausible band of the range's low end (prices, rents and norms are levels).
        let value = lo + (hi - lo) * u * 0.2;
        s.push_str(&format!("[[drivers.paths]]\ndriver = \"{}\"\nfrom_year = {from}\nvalue = {value:?}\n", d.name()));
    }
    s
}

static QUIET: std::sync::Once = std::sync::Once::new();

/// Runs the scenario to its horizon, checking every invariant every month.
fn run_checked(text: &str) -> Result<(), TestCaseError> {
    let prepared = match parse(text, Format::Toml, "property") {
        Ok(p) => p,
        // Some draws are refused by the checks (a window past the horizon,
        // settings that contradict each other): a message, not a panic.
        Err(e) => return Err(TestCaseError::reject(format!("refused: {e}"))),
    };
    let mut sim = Simulation::new(&prepared, 0);
    while !sim.finished() {
        let before = counts(sim.world());
        match sim.step() {
            Some(row) => check_month(before, sim.world(), &row),
            None => check_state(before, sim.world()),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: 24,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        max_global_rejects: 2000,
        ..Config::default()
    })]

    #[test]
    fn every_invariant_holds_every_month_of_a_random_scenario(
        place in prop::option::weighted(0.25, (5_000..400_000u32, 0..=60u32, 0..=40u32)),
        preset in 0..9usize,
        start_year in prop_oneof![Just(2011), 2012..=2014i32],
        horizon in 6..=30u32,
        seed in any::<u64>(),
        params in prop::collection::vec((0..200usize, 0.0..=1.0f64), 0..4),
        instruments in prop::collection::vec(instrument(), 0..6),
        path in prop::option::of((0..hemma::drivers::N, 2011..2020i32, 0.0..=1.0f64)),
    ) {
        let text = scenario_text(&Case { place, preset, start_year, horizon, seed, params, instruments, path });
        // The panic's message goes into the failure with the scenario file;
        // the default hook would print it again for every shrinking step.
        QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
        let outcome = std::panic::catch_unwind(|| run_checked(&text));
        match outcome {
            Ok(result) => result?,
            Err(panic) => {
                let message = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
                return Err(TestCaseError::fail(format!("{message}\n--- the scenario file ---\n{text}")));
            }
        }
    }
}
