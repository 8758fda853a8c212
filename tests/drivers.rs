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
        assert!(!sim.finished(), "{year} is past the horizon");
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
        // Money in kronor of its year, deflated by that year's prices.
        let real = |d: Driver| t.value(d, year) / t.value(Driver::ConsumerPrices, year) / t.real_reference(d);
        assert!((p.rent_base_sek_month - base.rent_base_sek_month * real(Driver::Rent)).abs() < 1e-9, "{year} rent");
        // The norm scale is what assistance guarantees as a multiple of living
        // costs, so it follows the norm over the cost of living besides rent.
        let norm = (base.assistance_norm_scale * real(Driver::AssistanceNorm) / real(Driver::LivingCosts)).clamp(0.5, 2.0);
        assert!((p.assistance_norm_scale - norm).abs() < 1e-12, "{year} assistance norm");
        let limit = base.housing_allowance_income_limit_sek_month * real(Driver::HousingAllowance);
        assert!((p.housing_allowance_income_limit_sek_month - limit).abs() < 1e-9, "{year} housing allowance");
        let w = base.income_permanent_sek_month * real(Driver::Wages);
        assert!((p.income_permanent_sek_month - w).abs() < 1e-9, "{year} wages");
        let food = base.living_cost_first_adult_sek_month * real(Driver::LivingCosts);
        assert!((p.living_cost_first_adult_sek_month - food).abs() < 1e-9, "{year} living costs");
    }
}

/// The rents of the rentals that exist in both years, summed, in `year` over `from`.
fn rents_between(text: &str, from: i32, year: i32) -> f64 {
    let prepared = scenario(text);
    let mut sim = Simulation::new(&prepared, 0);
    sim.burn_in();
    let rentals = |sim: &Simulation| -> Vec<i64> {
        let d = &sim.world().dwellings;
        (0..d.len()).map(|k| if d.tenure[k] == hemma::model::dwelling::Tenure::Rental { d.rent[k].0 as i64 } else { 0 }).collect()
    };
    let at = |y: i32, sim: &mut Simulation| {
        while sim.world().calendar_year() < y {
            assert!(!sim.finished(), "{y} is past the horizon");
            sim.step();
        }
        sim.step();
        rentals(sim)
    };
    let a = at(from, &mut sim);
    let b = at(year, &mut sim);
    let (mut sa, mut sb) = (0i64, 0i64);
    for k in 0..a.len() {
        // Only dwellings that were rentals at both dates, with the same
        // tenancy terms (a re-let at a new rent is a new draw).
        if a[k] > 0 && b[k] > 0 {
            sa += a[k];
            sb += b[k];
        }
    }
    sb as f64 / sa as f64
}

#[test]
fn the_rents_of_the_stock_follow_the_real_rent_index_each_year() {
    let t = national();
    let prepared = scenario(SVERIGE);
    let real = |y: i32| prepared.conditions.ratio(Driver::Rent, y);
    assert!(
        (real(2015) - t.value(Driver::Rent, 2015) / t.value(Driver::ConsumerPrices, 2015) / t.real_reference(Driver::Rent)).abs() < 1e-12
    );
    // 2012 to 2015: rents rose 5.3% while prices fell slightly.
    let moved = rents_between(SVERIGE, 2012, 2015);
    let want = real(2015) / real(2012);
    assert!(want > 1.03, "{want}");
    // Re-lets draw new rents at the year's level too; allow their noise.
    assert!((moved - want).abs() < 0.01, "rents moved {moved:.4}, the index {want:.4}");
    // Constant conditions: rents stay where they are.
    let text = format!("{SVERIGE}[drivers]\nconditions = \"constant\"\n");
    let still = rents_between(&text, 2012, 2015);
    assert!((still - 1.0).abs() < 0.01, "{still}");
}

/// The parameters in force in scenario month `month` (after its step).
fn params_at(text: &str, month: i32) -> hemma::params::Params {
    let prepared = scenario(text);
    let mut sim = Simulation::new(&prepared, 0);
    sim.burn_in();
    while sim.world().scenario_month() <= month {
        assert!(!sim.finished(), "month {month} is past the horizon");
        sim.step();
    }
    sim.world().params.clone()
}

#[test]
fn a_state_lever_that_ends_gives_back_the_years_conditions_not_its_first_years() {
    // The lever holds the housing allowance's limit from January 2012 to
    // June 2015; from July 2015 the limit is the one recorded conditions
    // give 2015 (prices have eroded it since 2012), not 2012's.
    let text = format!(
        "{SVERIGE}[[instruments]]\nkind = \"state_levers\"\nstart_month = 12\nend_month = 54\nhousing_allowance_income_limit_sek_month = 12000\n"
    );
    let limit = |text: &str, month| params_at(text, month).housing_allowance_income_limit_sek_month;
    assert_eq!(limit(&text, 53), 12000.0);
    assert_eq!(limit(&text, 55), limit(SVERIGE, 55));
    assert!(limit(SVERIGE, 55) != limit(SVERIGE, 13), "prices moved between 2012 and 2015");
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
fn a_municipality_follows_its_own_series_where_it_has_them() {
    // Uppsala: its own assistance and population growth; Karlstad: its own
    // growth and newly arrived. Each ratio is the place's value over its own
    // reference (growth: over the covariate growth its parameter stands for).
    let uppsala = "preset = \"uppsala\"\nscale = 0.01\nstart_year = 2011\nhorizon_months = 96\nseed = 3\n";
    let prepared = scenario(uppsala);
    let base = &prepared.params;
    let t = hemma::drivers::for_place("Uppsala");
    let n = national();
    let p = params_in(uppsala, 2017);
    let growth = t.value(Driver::PopulationGrowth, 2017) / prepared.preset.covariates.population_growth_pct.value;
    assert!((p.population_growth_per_year - base.population_growth_per_year * growth).abs() < 1e-12, "growth");
    let ratio = |t: &hemma::drivers::Table, d: Driver| t.value(d, 2017) / t.reference(d);
    let a = (ratio(t, Driver::Assistance) / ratio(t, Driver::Unemployment)).sqrt();
    assert!((p.exit_rate_assistance_per_year - base.exit_rate_assistance_per_year / a).abs() < 1e-12, "assistance");
    // Uppsala's assistance rose from 2013 to 2017 while the country's fell.
    assert!(ratio(t, Driver::Assistance) > 1.05 && ratio(n, Driver::Assistance) < 0.95);
    // The same place described as a custom place follows the country.
    let custom = scenario(
        "scale = 0.01\nstart_year = 2011\nhorizon_months = 96\nseed = 3\n[place]\nname = \"Uppsala\"\npopulation = 202625\nrental_share_pct = 34\ncoop_share_pct = 39\nowner_share_pct = 27\n",
    );
    assert_eq!(custom.conditions.ratio(Driver::Assistance, 2017), ratio(n, Driver::Assistance));
    assert_eq!(prepared.conditions.ratio(Driver::Assistance, 2017), ratio(t, Driver::Assistance));
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
