//! Drivers (issue 14): a run from 2011 follows the recorded conditions year
//! by year, a scenario can set a driver's path, and bad paths are refused
//! with the key, the value and what is allowed.

mod common;

use common::scenario;
use hemma::drivers::{Driver, national};
use hemma::results::Out;
use hemma::run::{Simulation, run_replication};

const SVERIGE: &str = "preset = \"sverige\"\nscale = 0.002\nstart_year = 2011\nhorizon_months = 96\nseed = 3\n";

/// How much more construction the year's growth asks for than the base
/// growth: (growth + demolitions) over the same at the base.
fn keep_pace(base: &hemma::params::Params, year: &hemma::params::Params) -> f64 {
    let pace = |g: f64| g.max(0.0) + base.demolition_rate_per_year;
    pace(year.population_growth_per_year) / pace(base.population_growth_per_year)
}

/// Steps a simulation to the first month of `year` (its parameters are then
/// that year's).
fn params_in(text: &str, year: i32) -> hemma::params::Params {
    let prepared = scenario(text);
    let mut sim = Simulation::new(&prepared, 0);
    sim.burn_in();
    while sim.world().calendar_year() < year {
        sim.step();
    }
    sim.step(); // the month's phase 0 sets the year's parameters
    sim.world().params.clone()
}

#[test]
fn each_driver_reads_its_recorded_value_in_its_year() {
    let prepared = scenario(SVERIGE);
    let base = &prepared.params;
    let t = national();
    let ratio = |d: Driver, y: i32| t.value(d, y) / t.reference(d);
    for year in [2011, 2016, 2018] {
        let p = params_in(SVERIGE, year);
        let growth = t.value(Driver::PopulationGrowth, year) / prepared.preset.covariates.population_growth_pct.national;
        assert!((p.population_growth_per_year - base.population_growth_per_year * growth).abs() < 1e-12, "{year} growth");
        // Construction keeps pace with the year's growth (completions act through paths only).
        let c = base.new_production_per_1000_residents_per_year * keep_pace(base, &p);
        assert!((p.new_production_per_1000_residents_per_year - c).abs() < 1e-9, "{year} completions");
        let u = ratio(Driver::Unemployment, year).sqrt();
        assert!((p.exit_rate_unemployment_per_year - base.exit_rate_unemployment_per_year / u).abs() < 1e-12, "{year} unemployment");
        let a = (ratio(Driver::Assistance, year) / ratio(Driver::Unemployment, year)).sqrt();
        assert!((p.exit_rate_assistance_per_year - base.exit_rate_assistance_per_year / a).abs() < 1e-12, "{year} assistance");
        let n = base.newly_arrived_share_of_in_migrants * ratio(Driver::NewlyArrived, year) / growth;
        assert!((p.newly_arrived_share_of_in_migrants - n.min(1.0)).abs() < 1e-12, "{year} newly arrived");
    }
}

#[test]
fn the_burn_in_and_the_first_year_follow_the_start_years_conditions() {
    let p2011 = params_in(SVERIGE, 2011);
    let t = national();
    let prepared = scenario(SVERIGE);
    let mut sim = Simulation::new(&prepared, 0);
    sim.step(); // first burn-in month
    assert_eq!(sim.world().calendar_year(), 2011);
    assert_eq!(sim.world().params, p2011);
    assert!(t.value(Driver::Unemployment, 2011) != t.reference(Driver::Unemployment));
}

/// Sum of an output over the reported months of calendar year `year`, per
/// 10,000 residents.
fn per_10k_in(rows: &[hemma::results::Row], first_year: i32, year: i32, out: Out) -> f64 {
    let k = ((year - first_year) * 12) as usize;
    let months = &rows[k..k + 12];
    months.iter().map(|r| r.get(out)).sum::<f64>() / (months.iter().map(|r| r.get(Out::n_residents)).sum::<f64>() / 12.0) * 1e4
}

#[test]
fn recorded_history_builds_more_when_growth_peaks_and_receives_more_newly_arrived_in_2016() {
    let prepared = scenario(SVERIGE);
    let rows: Vec<_> = (0..3).flat_map(|r| run_replication(&prepared, r)).collect();
    let runs: Vec<&[hemma::results::Row]> = rows.chunks(96).collect();
    let mean = |year, out| runs.iter().map(|r| per_10k_in(r, 2011, year, out)).sum::<f64>() / runs.len() as f64;
    // Construction follows growth: 1.46% in 2016 against 0.75% in 2012
    // (growth plus demolitions: about 1.7 times); allow for the small
    // scale's rounding.
    let (c12, c16) = (mean(2012, Out::new_completions), mean(2016, Out::new_completions));
    assert!(c16 > 1.3 * c12, "completions per 10k: 2012 {c12:.1}, 2016 {c16:.1}");
    // Newly arrived received: 2016 index 342 against 110 in 2012.
    let (a12, a16) = (mean(2012, Out::new_homeless_from_arrival), mean(2016, Out::new_homeless_from_arrival));
    assert!(a16 > 1.8 * a12, "homeless on arrival per 10k: 2012 {a12:.1}, 2016 {a16:.1}");
}

#[test]
fn constant_conditions_keep_the_calibrations_parameters_every_year() {
    let text = format!("{SVERIGE}[drivers]\nconditions = \"constant\"\n");
    let base = scenario(&text).params;
    assert_eq!(params_in(&text, 2016), base);
}

#[test]
fn a_scenario_path_sets_a_driver_from_its_year_on() {
    let text = format!("{SVERIGE}[[drivers.paths]]\ndriver = \"completions_per_1000\"\nfrom_year = 2015\nvalue = 1.5\n");
    let prepared = scenario(&text);
    let params = &prepared.params;
    let base = params.new_production_per_1000_residents_per_year;
    let p14 = params_in(&text, 2014);
    let p15 = params_in(&text, 2015);
    // Before the path: at the growth's pace. From it: times the path's
    // value over the recorded value it replaces.
    assert!((p14.new_production_per_1000_residents_per_year - base * keep_pace(params, &p14)).abs() < 1e-9);
    let want = base * keep_pace(params, &p15) * 1.5 / national().value(Driver::Completions, 2015);
    assert!((p15.new_production_per_1000_residents_per_year - want).abs() < 1e-9);
}

#[test]
fn a_bad_driver_path_names_the_key_the_value_and_what_is_allowed() {
    let text = format!("{SVERIGE}[[drivers.paths]]\ndriver = \"completions_per_1000\"\nfrom_year = 2027\nvalue = 45\n");
    let e = hemma::scenario::parse(&text, hemma::scenario::Format::Toml, "s.toml").unwrap_err();
    assert_eq!(e.key, "drivers.paths[0].value");
    assert_eq!(e.value, "45");
    assert!(e.message.contains("0 to 20"), "{}", e.message);
    assert!(e.line.is_some(), "{e}");
    let text = format!("{SVERIGE}[drivers]\nconditions = \"frozen\"\n");
    let e = hemma::scenario::parse(&text, hemma::scenario::Format::Toml, "s.toml").unwrap_err();
    assert!(e.to_string().contains("recorded") && e.to_string().contains("constant"), "{e}");
}
