//! Drivers: the conditions outside the model that a run follows year by
//! year — population growth, completions, unemployment, social assistance,
//! the arrival of the newly arrived, consumer prices, rents, the assistance
//! norm (*riksnorm*) and the housing allowance (*bostadsbidrag*).
//!
//! The yearly national series are in `data/drivers/national.csv` (built by
//! `scripts/drivers.py` from `data/covariates/`; every value keeps its
//! source and a flag: observed, derived, interpolated, assumption, or held
//! after the last year with data). The behavioural parameters were
//! calibrated to the conditions of 2011–2013 ([`REFERENCE_YEARS`]), so a
//! driver acts as a *ratio*: its value in a year over its mean in those
//! years, applied to the parameter it moves ([`Conditions::apply`]).
//! Population growth is the exception: its reference is the national growth
//! over the same years as the place's own growth covariate, so that a place
//! grows like the country does in each year, times how much faster it grew
//! than the country in its covariate's years.
//!
//! The model's money is in the prices of the reference years. Rents, the
//! assistance norm and the housing allowance's limits are recorded in
//! kronor of their year (*nominal*); their ratio is taken after deflating by
//! consumer prices ([`Driver::ConsumerPrices`], SCB's KPI), so that a rent
//! rise below inflation makes rents cheaper and limits that stand still in
//! kronor (the housing allowance's, since 1997) lose value every year.
//! Incomes have no driver: they stay at the reference years' real level
//! (docs/odd.md, 3.2).
//!
//! A scenario chooses `conditions = "recorded"` (the default: each year's
//! recorded value, the last one held after the data end) or `"constant"`
//! (every ratio 1: the calibration's conditions throughout, which is what a
//! test of drift without a cause needs), and may set a driver's value from a
//! year on (`[[drivers.paths]]`): "what if construction halves from 2027".
//!
//! ```toml
//! [drivers]
//! conditions = "recorded"
//! [[drivers.paths]]
//! driver = "completions_per_1000"
//! from_year = 2027
//! value = 2.5
//! ```

use crate::params::Params;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

const NATIONAL_CSV: &str = include_str!("../data/drivers/national.csv");
const PLACES_CSV: &str = include_str!("../data/drivers/places.csv");

/// Years whose mean is each driver's reference (the calibration's years).
pub const REFERENCE_YEARS: std::ops::RangeInclusive<i32> = 2011..=2013;

/// How many drivers there are.
pub const N: usize = 9;

/// One exogenous series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Driver {
    /// Population growth, % per year; moves in-migration.
    PopulationGrowth,
    /// Dwellings completed per 1,000 residents per year; moves construction.
    Completions,
    /// Unemployment, % of the labour force; moves job loss and re-employment.
    Unemployment,
    /// Households on social assistance per 1,000 residents; moves the entry
    /// to and exit from assistance (beyond what unemployment explains).
    Assistance,
    /// Newly arrived received, index 2011 = 100; moves the share of
    /// in-migrants who are newly arrived.
    NewlyArrived,
    /// Consumer prices (KPI, 1980 = 100, yearly mean); deflates the nominal
    /// drivers below and moves nothing by itself.
    ConsumerPrices,
    /// Rents of the same flats, nominal index (2011 = 100); moves every
    /// rent in real terms.
    Rent,
    /// The assistance norm for a single adult, nominal SEK per month; moves
    /// what assistance guarantees in real terms.
    AssistanceNorm,
    /// The housing allowance's income and housing-cost limits, nominal index
    /// (2011 = 100); moves the allowance's maximum and income limit in real terms.
    HousingAllowance,
}

impl Driver {
    /// Every driver, in table order.
    pub const ALL: [Driver; N] = [
        Driver::PopulationGrowth,
        Driver::Completions,
        Driver::Unemployment,
        Driver::Assistance,
        Driver::NewlyArrived,
        Driver::ConsumerPrices,
        Driver::Rent,
        Driver::AssistanceNorm,
        Driver::HousingAllowance,
    ];

    /// Name in the data file and in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Driver::PopulationGrowth => "population_growth_pct",
            Driver::Completions => "completions_per_1000",
            Driver::Unemployment => "unemployment_pct",
            Driver::Assistance => "assistance_households_per_1000",
            Driver::NewlyArrived => "newly_arrived_index",
            Driver::ConsumerPrices => "consumer_prices_index",
            Driver::Rent => "rent_index",
            Driver::AssistanceNorm => "assistance_norm_sek",
            Driver::HousingAllowance => "housing_allowance_index",
        }
    }

    /// The driver of a name.
    pub fn parse(name: &str) -> Option<Driver> {
        Driver::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Values a scenario may set.
    pub fn range(self) -> (f64, f64) {
        match self {
            Driver::PopulationGrowth => (-5.0, 5.0),
            Driver::Completions => (0.0, 20.0),
            Driver::Unemployment => (0.5, 40.0),
            Driver::Assistance => (1.0, 200.0),
            Driver::NewlyArrived => (0.0, 2000.0),
            Driver::ConsumerPrices => (100.0, 2000.0),
            Driver::Rent => (20.0, 1000.0),
            Driver::AssistanceNorm => (500.0, 50000.0),
            Driver::HousingAllowance => (0.0, 1000.0),
        }
    }

    /// What the driver moves in the model (one line, for docs and the CLI).
    pub fn moves(self) -> &'static str {
        match self {
            Driver::PopulationGrowth => {
                "in-migration (population_growth_per_year = the place's growth x this year's / the national growth of the place's covariate years)"
            }
            Driver::Completions => {
                "construction only where a scenario path sets it: new_production_per_1000_residents_per_year x (path value / the value it replaces); otherwise construction keeps pace with the year's population growth"
            }
            Driver::Unemployment => {
                "job loss (exit rates of permanent and temporary jobs x sqrt(ratio)) and re-employment (exit rate of unemployment / sqrt(ratio)), so the unemployed share moves about in proportion"
            }
            Driver::Assistance => {
                "entry to assistance from unemployment (x sqrt(r)) and exit from it (/ sqrt(r)), r = assistance ratio / unemployment ratio"
            }
            Driver::NewlyArrived => {
                "the number of newly arrived among in-migrants: newly_arrived_share_of_in_migrants x ratio / population-growth ratio (at most 1)"
            }
            Driver::ConsumerPrices => {
                "nothing by itself: the nominal drivers (rents, the assistance norm, the housing allowance) are divided by it"
            }
            Driver::Rent => {
                "every rent in real terms (real ratio = index / prices over the same in 2011-2013): the rents of all dwellings each January, and rent_base_sek_month and rent_per_room_sek_month (new dwellings, sublets)"
            }
            Driver::AssistanceNorm => "assistance_norm_scale x real ratio (the norm over prices, over the same in 2011-2013)",
            Driver::HousingAllowance => {
                "housing_allowance_max_sek_month and housing_allowance_income_limit_sek_month x real ratio (the index over prices, over the same in 2011-2013)"
            }
        }
    }

    /// Whether the driver is recorded in kronor of its year, so that its
    /// ratio is taken after dividing by [`Driver::ConsumerPrices`].
    pub fn nominal(self) -> bool {
        matches!(self, Driver::Rent | Driver::AssistanceNorm | Driver::HousingAllowance)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One year of one driver in the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// Calendar year.
    pub year: i32,
    /// Value in the driver's unit.
    pub value: f64,
    /// Unit.
    pub unit: String,
    /// observed, derived, interpolated, assumption or held.
    pub flag: String,
    /// Where it comes from.
    pub source: String,
    /// How it was derived.
    pub note: String,
}

/// A drivers table, one series per driver, years in order: the national
/// one, or a place's (its own series where it has them, the national ones
/// otherwise).
#[derive(Clone, Debug)]
pub struct Table {
    series: [Vec<Point>; N],
    own: [bool; N],
}

impl Table {
    /// The series of `driver`.
    pub fn series(&self, driver: Driver) -> &[Point] {
        &self.series[driver.index()]
    }

    /// Whether the series of `driver` is the place's own
    /// (`data/drivers/places.csv`) rather than the national one.
    pub fn is_own(&self, driver: Driver) -> bool {
        self.own[driver.index()]
    }

    /// The value of `driver` in `year`: the first year's before the table
    /// starts, the last year's after it ends.
    pub fn value(&self, driver: Driver, year: i32) -> f64 {
        let s = self.series(driver);
        let first = s[0].year;
        let k = (year - first).clamp(0, s.len() as i32 - 1) as usize;
        s[k].value
    }

    /// Mean over [`REFERENCE_YEARS`].
    pub fn reference(&self, driver: Driver) -> f64 {
        let n = REFERENCE_YEARS.clone().count() as f64;
        REFERENCE_YEARS.map(|y| self.value(driver, y)).sum::<f64>() / n
    }

    /// Mean over [`REFERENCE_YEARS`] of a nominal driver divided by consumer
    /// prices (its real reference).
    pub fn real_reference(&self, driver: Driver) -> f64 {
        let n = REFERENCE_YEARS.clone().count() as f64;
        REFERENCE_YEARS.map(|y| self.value(driver, y) / self.value(Driver::ConsumerPrices, y)).sum::<f64>() / n
    }

    /// Last year with a value that is not held.
    pub fn last_data_year(&self) -> i32 {
        self.series.iter().flat_map(|s| s.iter().filter(|p| p.flag != "held").map(|p| p.year)).max().unwrap_or(2011)
    }
}

/// One row of a drivers file from its driver column on: the driver and
/// its point. The files are bundled, so a bad row is a build error that
/// the tests catch, not user input.
fn parse_point(file: &str, f: &[String]) -> (Driver, Point) {
    let driver = Driver::parse(&f[0]).unwrap_or_else(|| panic!("{file}: unknown driver {}", f[0]));
    let point = Point {
        year: f[1].parse().unwrap_or_else(|_| panic!("{file}: year {}", f[1])),
        value: f[2].parse().unwrap_or_else(|_| panic!("{file}: value {}", f[2])),
        unit: f[3].clone(),
        flag: f[4].clone(),
        source: f[5].clone(),
        note: f.get(6).cloned().unwrap_or_default(),
    };
    (driver, point)
}

fn check_series(file: &str, d: Driver, s: &[Point]) {
    assert!(s.windows(2).all(|w| w[1].year == w[0].year + 1), "{file}: {} years not consecutive", d.name());
}

fn parse_table(text: &str) -> Table {
    let file = "data/drivers/national.csv";
    let mut series: [Vec<Point>; N] = Default::default();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (driver, point) = parse_point(file, &crate::presets::csv_fields(line));
        series[driver.index()].push(point);
    }
    for (d, s) in Driver::ALL.iter().zip(&series) {
        assert!(!s.is_empty(), "{file}: no rows for {}", d.name());
        check_series(file, *d, s);
    }
    Table { series, own: [false; N] }
}

/// The places' tables: the national table with each series a place has in
/// `text` (`data/drivers/places.csv`: a place column before the driver's)
/// in place of the national one.
fn parse_places(text: &str, national: &Table) -> Vec<(String, Table)> {
    let file = "data/drivers/places.csv";
    let mut places: Vec<(String, Table)> = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f = crate::presets::csv_fields(line);
        let (driver, point) = parse_point(file, &f[1..]);
        let at = match places.iter().position(|(p, _)| *p == f[0]) {
            Some(at) => at,
            None => {
                places.push((f[0].clone(), national.clone()));
                places.len() - 1
            }
        };
        let table = &mut places[at].1;
        let k = driver.index();
        if !table.own[k] {
            table.own[k] = true;
            table.series[k].clear();
        }
        table.series[k].push(point);
    }
    for (_, table) in &places {
        for d in Driver::ALL.into_iter().filter(|&d| table.is_own(d)) {
            check_series(file, d, table.series(d));
        }
    }
    places
}

/// The national drivers table (`data/drivers/national.csv`, compiled in).
pub fn national() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(NATIONAL_CSV))
}

/// The drivers table of the place named `name` (a preset's name, e.g.
/// "Karlstad"): its own series from `data/drivers/places.csv` where it has
/// them, the national ones otherwise; the national table for a name
/// without rows there (the country, a custom place).
pub fn for_place(name: &str) -> &'static Table {
    static PLACES: OnceLock<Vec<(String, Table)>> = OnceLock::new();
    PLACES
        .get_or_init(|| parse_places(PLACES_CSV, national()))
        .iter()
        .find(|(p, _)| p == name)
        .map(|(_, t)| t)
        .unwrap_or_else(|| national())
}

/// Which conditions a run follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConditionsMode {
    /// Each year's recorded value; after the data end, the last one.
    #[default]
    Recorded,
    /// The calibration's conditions (2011–2013) in every year.
    Constant,
}

/// A driver's value from a year on, replacing the table's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DriverPath {
    /// Driver name (`hemma drivers` lists them).
    pub driver: String,
    /// First calendar year of the value.
    pub from_year: i32,
    /// Value in the driver's unit, from `from_year` on.
    pub value: f64,
}

/// The `[drivers]` table of a scenario.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DriversSpec {
    /// `recorded` (default) or `constant`.
    #[serde(default)]
    pub conditions: ConditionsMode,
    /// Values set by the scenario from a year on, later entries winning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<DriverPath>,
}

impl DriversSpec {
    /// Whether the spec is the default (recorded, no paths).
    pub fn is_default(&self) -> bool {
        *self == DriversSpec::default()
    }

    /// Whether the spec holds the calibration's conditions throughout
    /// (constant, no paths): nothing to resolve.
    fn is_default_constant(&self) -> bool {
        self.conditions == ConditionsMode::Constant && self.paths.is_empty()
    }

    /// Checks the paths: the index of the first bad one with the key, the
    /// value and what is allowed.
    pub fn check(&self) -> Result<(), (usize, &'static str, String, String)> {
        for (k, p) in self.paths.iter().enumerate() {
            let Some(d) = Driver::parse(&p.driver) else {
                let names: Vec<&str> = Driver::ALL.iter().map(|d| d.name()).collect();
                return Err((k, "driver", format!("{:?}", p.driver), format!("unknown driver; allowed: {}", names.join(", "))));
            };
            if !(2011..=2200).contains(&p.from_year) {
                return Err((k, "from_year", p.from_year.to_string(), "out of range; allowed 2011 to 2200".into()));
            }
            let (lo, hi) = d.range();
            if !(lo..=hi).contains(&p.value) {
                return Err((k, "value", p.value.to_string(), format!("out of range for {}; allowed {lo} to {hi}", d.name())));
            }
        }
        Ok(())
    }
}

/// The conditions of one run: each driver's ratio to its reference, per
/// calendar year. Constant conditions leave the parameters untouched.
#[derive(Clone, Debug, PartialEq)]
pub struct Conditions {
    /// Ratios per year from `first_year`; empty: all 1 (constant).
    ratios: Vec<[f64; N]>,
    first_year: i32,
}

impl Conditions {
    /// Every ratio 1 in every year.
    pub fn constant() -> Conditions {
        Conditions { ratios: Vec::new(), first_year: 0 }
    }

    /// Resolves `spec` for the years `first_year..=last_year` against
    /// `table` (the place's: [`for_place`]); `growth_reference` is the
    /// growth (% per year) the place's growth parameter stands for — its own
    /// covariate growth where `table` has the place's own growth series, the
    /// national growth of the covariate's years otherwise. `spec` must have
    /// passed [`DriversSpec::check`].
    pub fn resolve(spec: &DriversSpec, table: &Table, growth_reference: f64, first_year: i32, last_year: i32) -> Conditions {
        if spec.is_default_constant() {
            return Conditions::constant();
        }
        let reference = |d: Driver| if d == Driver::PopulationGrowth { growth_reference } else { table.reference(d) };
        let ratios = (first_year..=last_year.max(first_year))
            .map(|year| {
                let given = |d: Driver| spec.paths.iter().rev().find(|p| p.driver == d.name() && p.from_year <= year).map(|p| p.value);
                // The value of a driver in this year: a path's, the recorded
                // one, or (constant conditions) the reference; a nominal
                // driver's reference is its real reference at the reference prices.
                let value = |d: Driver| match (given(d), spec.conditions) {
                    (Some(v), _) => v,
                    (None, ConditionsMode::Recorded) => table.value(d, year),
                    (None, ConditionsMode::Constant) if d.nominal() => table.real_reference(d) * reference(Driver::ConsumerPrices),
                    (None, ConditionsMode::Constant) => reference(d),
                };
                let mut r = [1.0; N];
                for d in Driver::ALL {
                    let unchanged = spec.conditions == ConditionsMode::Constant
                        && given(d).is_none()
                        && (!d.nominal() || given(Driver::ConsumerPrices).is_none());
                    r[d.index()] = if unchanged {
                        1.0
                    } else if d.nominal() {
                        value(d) / value(Driver::ConsumerPrices) / table.real_reference(d)
                    } else {
                        // Completions act only where a path sets them, relative
                        // to the value the path replaces: construction otherwise
                        // keeps pace with the year's growth (see `apply`).
                        let base = match (d, given(d), spec.conditions) {
                            (Driver::Completions, None, _) => value(d),
                            (Driver::Completions, Some(_), ConditionsMode::Recorded) => table.value(d, year),
                            _ => reference(d),
                        };
                        if base.abs() > 1e-12 { value(d) / base } else { 1.0 }
                    };
                }
                r
            })
            .collect();
        Conditions { ratios, first_year }
    }

    /// What a run sees of these conditions before January of `year`:
    /// whether they are constant, and the bits of every ratio of the years
    /// from the first resolved one to `year - 1`. Two runs with equal
    /// views follow the same conditions until `year` (a path from `year` on
    /// changes nothing before it), so a history kept at that boundary
    /// serves both ([`crate::scenario::Prepared::history_key`]).
    pub fn before(&self, year: i32) -> (bool, Vec<u64>) {
        let n = (year - self.first_year).clamp(0, self.ratios.len() as i32) as usize;
        (self.is_constant(), self.ratios[..n].iter().flatten().map(|r| r.to_bits()).collect())
    }

    /// Whether every ratio is 1 in every year.
    pub fn is_constant(&self) -> bool {
        self.ratios.iter().all(|r| r.iter().all(|&x| x == 1.0))
    }

    /// The ratio of `driver` in `year` (the nearest resolved year outside).
    pub fn ratio(&self, driver: Driver, year: i32) -> f64 {
        if self.ratios.is_empty() {
            return 1.0;
        }
        let k = (year - self.first_year).clamp(0, self.ratios.len() as i32 - 1) as usize;
        self.ratios[k][driver.index()]
    }

    /// The parameters of `year`: `base` (the calibration's conditions) with
    /// each driver's ratio applied as [`Driver::moves`] says.
    pub fn apply(&self, base: &Params, year: i32) -> Params {
        let mut p = base.clone();
        let r = |d| self.ratio(d, year);
        p.population_growth_per_year = (base.population_growth_per_year * r(Driver::PopulationGrowth)).clamp(-0.05, 0.05);
        // Construction keeps pace with the year's growth (growth plus
        // demolitions, as `place::apply_covariates` sets it for the place),
        // times a path's change of completions. The recorded completions
        // are not applied as they stand: the model's market has no backlog
        // of unmet demand, and applied to it the boom of 2015-2021 leaves a
        // tenth of the stock vacant by 2025, where public housing's vacancy
        // stayed at 0.3-0.8% (docs/odd.md, 3.2).
        let pace = |g: f64| g.max(0.0) + base.demolition_rate_per_year;
        let keep_pace = if pace(base.population_growth_per_year) > 1e-9 {
            pace(p.population_growth_per_year) / pace(base.population_growth_per_year)
        } else {
            1.0
        };
        p.new_production_per_1000_residents_per_year =
            (base.new_production_per_1000_residents_per_year * keep_pace * r(Driver::Completions)).clamp(0.0, 20.0);
        let u = r(Driver::Unemployment).max(1e-6).sqrt();
        p.exit_rate_permanent_per_year = base.exit_rate_permanent_per_year * u;
        p.exit_rate_temporary_per_year = base.exit_rate_temporary_per_year * u;
        p.exit_rate_unemployment_per_year = base.exit_rate_unemployment_per_year / u;
        let a = (r(Driver::Assistance) / r(Driver::Unemployment).max(1e-6)).max(1e-6).sqrt();
        p.unemployment_to_assistance_share = (base.unemployment_to_assistance_share * a).clamp(0.0, 1.0);
        p.exit_rate_assistance_per_year = base.exit_rate_assistance_per_year / a;
        // In-migration already follows population growth; the share of
        // newly arrived among in-migrants moves so that their number follows
        // the newly-arrived ratio.
        let growth = r(Driver::PopulationGrowth).max(0.1);
        p.newly_arrived_share_of_in_migrants = (base.newly_arrived_share_of_in_migrants * r(Driver::NewlyArrived) / growth).clamp(0.0, 1.0);
        // Money recorded in kronor of its year, in the reference years' prices.
        let rent = r(Driver::Rent);
        p.rent_base_sek_month = base.rent_base_sek_month * rent;
        p.rent_per_room_sek_month = base.rent_per_room_sek_month * rent;
        p.assistance_norm_scale = (base.assistance_norm_scale * r(Driver::AssistanceNorm)).clamp(0.5, 2.0);
        let allowance = r(Driver::HousingAllowance);
        p.housing_allowance_max_sek_month = base.housing_allowance_max_sek_month * allowance;
        p.housing_allowance_income_limit_sek_month = base.housing_allowance_income_limit_sek_month * allowance;
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str) -> DriversSpec {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn the_table_has_every_driver_for_every_year_from_2011() {
        let t = national();
        for d in Driver::ALL {
            let s = t.series(d);
            assert_eq!(s[0].year, 2011, "{}", d.name());
            assert!(s.len() >= 15, "{}", d.name());
            assert!(s.iter().all(|p| !p.source.is_empty() && !p.flag.is_empty()), "{}", d.name());
        }
        assert!(t.last_data_year() >= 2024);
    }

    #[test]
    fn every_place_series_covers_the_national_years_and_keeps_its_source() {
        let t = national();
        for p in crate::presets::all().iter().filter(|p| p.id != "sverige") {
            let own = for_place(&p.name);
            assert!(own.is_own(Driver::PopulationGrowth), "{}: every municipality has its own population series", p.name);
            for d in Driver::ALL {
                let years = |t: &Table| t.series(d).iter().map(|q| q.year).collect::<Vec<_>>();
                assert_eq!(years(own), years(t), "{} {}", p.name, d.name());
                let flags = ["observed", "derived", "interpolated", "assumption", "held", "chained"];
                assert!(own.series(d).iter().all(|q| !q.source.is_empty() && flags.contains(&q.flag.as_str())), "{} {}", p.name, d.name());
                if !own.is_own(d) {
                    assert_eq!(own.series(d), t.series(d), "{} {}: no series of its own, the national one", p.name, d.name());
                }
            }
            // A place's own series says which years are its own data: at least one is not chained.
            for d in Driver::ALL.into_iter().filter(|&d| own.is_own(d)) {
                assert!(own.series(d).iter().any(|q| q.flag != "chained"), "{} {}", p.name, d.name());
            }
        }
    }

    #[test]
    fn a_place_without_rows_and_the_country_follow_the_national_table() {
        for name in ["Sverige", "Ingenstans"] {
            let t = for_place(name);
            assert!(Driver::ALL.iter().all(|&d| !t.is_own(d) && t.series(d) == national().series(d)), "{name}");
        }
        // Prices are national everywhere.
        assert!(!for_place("Karlstad").is_own(Driver::ConsumerPrices));
    }

    #[test]
    fn a_places_own_series_reads_its_recorded_values() {
        // Uppsala: 5,884 households on assistance in 2017 over 219,914 residents.
        let u = for_place("Uppsala");
        assert!(u.is_own(Driver::Assistance));
        assert!((u.value(Driver::Assistance, 2017) - 26.76).abs() < 0.01);
        // Karlstad: 92,497 residents at the end of 2018 and 94,828 at the end of 2020.
        let k = for_place("Karlstad");
        let g = 100.0 * ((94828.0_f64 / 92497.0).sqrt() - 1.0);
        assert!((k.value(Driver::PopulationGrowth, 2019) - g).abs() < 0.001);
        assert!((k.value(Driver::PopulationGrowth, 2020) - g).abs() < 0.001);
        // Norrköping shrank between the third quarters of 2023 and 2024.
        assert!(for_place("Norrköping").value(Driver::PopulationGrowth, 2024) < 0.0);
    }

    #[test]
    fn a_driver_reads_its_recorded_value_in_its_year_and_holds_the_last_after() {
        let t = national();
        assert_eq!(t.value(Driver::Unemployment, 2016), 7.1);
        assert_eq!(t.value(Driver::Unemployment, 2011), 8.0);
        assert_eq!(t.value(Driver::NewlyArrived, 2011), 100.0);
        let last = t.series(Driver::Assistance).last().unwrap().value;
        assert_eq!(t.value(Driver::Assistance, 2040), last);
        assert_eq!(t.value(Driver::Assistance, 1990), t.value(Driver::Assistance, 2011));
    }

    #[test]
    fn recorded_conditions_move_the_parameters_and_constant_ones_do_not() {
        let t = national();
        let base = Params::default();
        let rec = Conditions::resolve(&DriversSpec::default(), t, 1.0, 2011, 2030);
        let p16 = rec.apply(&base, 2016);
        // 2016: the refugee arrivals (index 342 against a 2011-13 mean of 110).
        let arrivals = |p: &Params| p.newly_arrived_share_of_in_migrants * p.population_growth_per_year;
        let ratio = arrivals(&p16) / arrivals(&base);
        let want = t.value(Driver::NewlyArrived, 2016) / t.reference(Driver::NewlyArrived);
        assert!((ratio - want).abs() < 1e-9, "{ratio} vs {want}");
        // Construction keeps pace with the year's growth: more in 2016
        // (growth 1.46%), less in 2024 (0.34%) than at the base growth.
        let build = |year| rec.apply(&base, year).new_production_per_1000_residents_per_year;
        assert!(build(2016) > base.new_production_per_1000_residents_per_year);
        assert!(build(2024) < base.new_production_per_1000_residents_per_year);
        let pace = |g: f64| g + base.demolition_rate_per_year;
        let want = base.new_production_per_1000_residents_per_year * pace(rec.apply(&base, 2016).population_growth_per_year)
            / pace(base.population_growth_per_year);
        assert!((build(2016) - want).abs() < 1e-9, "{} vs {want}", build(2016));
        // Unemployment fell to 6.5% in 2018: fewer job losses, faster re-employment.
        let p18 = rec.apply(&base, 2018);
        assert!(p18.exit_rate_permanent_per_year < base.exit_rate_permanent_per_year);
        assert!(p18.exit_rate_unemployment_per_year > base.exit_rate_unemployment_per_year);
        let constant = Conditions::resolve(&spec("conditions = \"constant\""), t, 1.0, 2011, 2030);
        assert!(constant.is_constant());
        assert_eq!(constant.apply(&base, 2016), base);
    }

    #[test]
    fn nominal_drivers_act_after_deflating_by_consumer_prices() {
        let t = national();
        let rec = Conditions::resolve(&DriversSpec::default(), t, 1.0, 2011, 2030);
        let real = |d: Driver, y: i32| t.value(d, y) / t.value(Driver::ConsumerPrices, y) / t.real_reference(d);
        for d in [Driver::Rent, Driver::AssistanceNorm, Driver::HousingAllowance] {
            for y in [2011, 2016, 2023, 2025] {
                assert!((rec.ratio(d, y) - real(d, y)).abs() < 1e-12, "{} {y}", d.name());
            }
        }
        // Prices rose 8.4% and 8.5% in 2022-2023, rents 1.7% and 4.2%:
        // rents were cheaper in real terms in 2023 than in 2021.
        assert!(rec.ratio(Driver::Rent, 2023) < rec.ratio(Driver::Rent, 2021));
        // The housing allowance's limits stand still in kronor: by 2025
        // they are worth the reference years' prices over 2025's.
        let eroded = t.reference(Driver::ConsumerPrices) / t.value(Driver::ConsumerPrices, 2025);
        assert!((rec.ratio(Driver::HousingAllowance, 2025) - eroded).abs() < 1e-3, "{eroded}");
        assert!(eroded < 0.8);
        let base = Params::default();
        let p = rec.apply(&base, 2025);
        let r = rec.ratio(Driver::HousingAllowance, 2025);
        assert!((p.housing_allowance_income_limit_sek_month - base.housing_allowance_income_limit_sek_month * r).abs() < 1e-9);
        assert!((p.housing_allowance_max_sek_month - base.housing_allowance_max_sek_month * r).abs() < 1e-9);
        let r = rec.ratio(Driver::Rent, 2025);
        assert!((p.rent_per_room_sek_month - base.rent_per_room_sek_month * r).abs() < 1e-9);
        let r = rec.ratio(Driver::AssistanceNorm, 2023);
        assert!((rec.apply(&base, 2023).assistance_norm_scale - base.assistance_norm_scale * r).abs() < 1e-12);
    }

    #[test]
    fn a_price_path_erodes_every_nominal_driver_even_under_constant_conditions() {
        let t = national();
        let up = 1.2 * t.reference(Driver::ConsumerPrices);
        let s =
            spec(&format!("conditions = \"constant\"\n[[paths]]\ndriver = \"consumer_prices_index\"\nfrom_year = 2015\nvalue = {up}\n"));
        let c = Conditions::resolve(&s, t, 1.0, 2011, 2020);
        for d in [Driver::Rent, Driver::AssistanceNorm, Driver::HousingAllowance] {
            assert_eq!(c.ratio(d, 2014), 1.0, "{}", d.name());
            assert!((c.ratio(d, 2015) - 1.0 / 1.2).abs() < 1e-12, "{}", d.name());
        }
        assert_eq!(c.ratio(Driver::Unemployment, 2015), 1.0);
        // A rent path in kronor of its year, with prices held.
        let s = spec("[[paths]]\ndriver = \"rent_index\"\nfrom_year = 2027\nvalue = 150\n");
        let c = Conditions::resolve(&s, t, 1.0, 2011, 2030);
        let want = 150.0 / t.value(Driver::ConsumerPrices, 2027) / t.real_reference(Driver::Rent);
        assert!((c.ratio(Driver::Rent, 2028) - want).abs() < 1e-12);
    }

    #[test]
    fn a_path_replaces_the_recorded_value_from_its_year_on() {
        let t = national();
        let s = spec("[[paths]]\ndriver = \"completions_per_1000\"\nfrom_year = 2027\nvalue = 1.5\n");
        assert!(s.check().is_ok());
        let c = Conditions::resolve(&s, t, 1.0, 2011, 2035);
        // Completions act only through a path, relative to the value it replaces.
        assert_eq!(c.ratio(Driver::Completions, 2026), 1.0);
        assert!((c.ratio(Driver::Completions, 2027) - 1.5 / t.value(Driver::Completions, 2027)).abs() < 1e-12);
        assert!((c.ratio(Driver::Completions, 2035) - 1.5 / t.value(Driver::Completions, 2035)).abs() < 1e-12);
        // With constant conditions the path still applies from its year.
        let s = spec("conditions = \"constant\"\n[[paths]]\ndriver = \"unemployment_pct\"\nfrom_year = 2013\nvalue = 16\n");
        let c = Conditions::resolve(&s, t, 1.0, 2011, 2020);
        assert_eq!(c.ratio(Driver::Unemployment, 2012), 1.0);
        assert!((c.ratio(Driver::Unemployment, 2014) - 16.0 / t.reference(Driver::Unemployment)).abs() < 1e-12);
    }

    #[test]
    fn population_growth_is_relative_to_the_places_covariate_years() {
        let t = national();
        let c = Conditions::resolve(&DriversSpec::default(), t, 1.02, 2011, 2020);
        assert!((c.ratio(Driver::PopulationGrowth, 2016) - t.value(Driver::PopulationGrowth, 2016) / 1.02).abs() < 1e-12);
        // A place growing twice as fast as the country.
        let base = Params { population_growth_per_year: 0.0204, ..Params::default() };
        let p = c.apply(&base, 2016);
        assert!((p.population_growth_per_year - 0.0204 * t.value(Driver::PopulationGrowth, 2016) / 1.02).abs() < 1e-12);
    }

    #[test]
    fn a_bad_path_names_the_key_the_value_and_what_is_allowed() {
        let e = spec("[[paths]]\ndriver = \"houses\"\nfrom_year = 2027\nvalue = 1\n").check().unwrap_err();
        assert_eq!((e.0, e.1), (0, "driver"));
        assert!(e.3.contains("completions_per_1000"), "{}", e.3);
        let e = spec("[[paths]]\ndriver = \"unemployment_pct\"\nfrom_year = 2027\nvalue = 90\n").check().unwrap_err();
        assert_eq!((e.1, e.2.as_str()), ("value", "90"));
        assert!(e.3.contains("0.5 to 40"), "{}", e.3);
        let e = spec("[[paths]]\ndriver = \"unemployment_pct\"\nfrom_year = 1999\nvalue = 9\n").check().unwrap_err();
        assert_eq!(e.1, "from_year");
    }
}
