//! The bundled driver series: the national table (`data/drivers/national.csv`)
//! and each place's (`data/drivers/places.csv`: its own series where it has
//! them, the national ones otherwise), both built by `scripts/drivers.py`
//! from `data/covariates/` and compiled in.

use super::{Driver, N, REFERENCE_YEARS};
use serde::Serialize;
use std::sync::OnceLock;

const NATIONAL_CSV: &str = include_str!("../../data/drivers/national.csv");
const PLACES_CSV: &str = include_str!("../../data/drivers/places.csv");

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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn each_household_finance_driver_reads_its_recorded_value_in_its_year() {
        let t = national();
        // Guarantee level of sickness compensation: 10,036 SEK a month in
        // 2021 (Försäkringskassan), 12,163 in 2023.
        assert_eq!(t.value(Driver::SicknessCompensation, 2021), 10036.0);
        assert_eq!(t.value(Driver::SicknessCompensation, 2023), 12163.0);
        // The a-kassa ceiling bound in 2013 (680 SEK a day for 22 days), and
        // no longer after its raise to 1,200 in April 2020.
        assert_eq!(t.value(Driver::UnemploymentBenefit, 2013), 680.0 * 22.0);
        assert!(t.value(Driver::UnemploymentBenefit, 2022) < 1200.0 * 22.0);
        // Wages: 2.8% in 2014 on 2013's index.
        assert!((t.value(Driver::Wages, 2014) / t.value(Driver::Wages, 2013) - 1.028).abs() < 5e-4);
        // Pensions: half the income pension's -2.7% of 2014 and half the price base amount's -0.2%.
        assert!((t.value(Driver::Pensions, 2014) / t.value(Driver::Pensions, 2013) - (1.0 - 0.0145)).abs() < 1e-3);
        // Living costs: food rose 12.6% in 2023, prices 8.5%.
        let l = t.value(Driver::LivingCosts, 2023) / t.value(Driver::LivingCosts, 2022);
        assert!(l > 1.085 && l < 1.126, "{l}");
        for d in Driver::ALL.into_iter().filter(|d| d.household_finances()) {
            assert_eq!(t.value(d, 2011), t.series(d)[0].value);
            assert!(t.series(d).iter().all(|p| !p.source.is_empty()), "{}", d.name());
        }
    }
}
