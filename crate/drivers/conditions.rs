//! A scenario's conditions (`[drivers]`: recorded or constant, and paths
//! that set a driver's value from a year on), resolved into each year's
//! ratios and applied to the parameters ([`Conditions::apply`]).

use super::{Driver, N, Table};
use crate::params::Params;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
    /// Whether instruments follow their recorded volumes by year
    /// ([`crate::policy::volumes`]): with recorded conditions, not with the
    /// calibration's held ones.
    volumes: bool,
}

impl Conditions {
    /// Every ratio 1 in every year.
    pub fn constant() -> Conditions {
        Conditions { ratios: Vec::new(), first_year: 0, volumes: false }
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
        Conditions { ratios, first_year, volumes: spec.conditions == ConditionsMode::Recorded }
    }

    /// Whether instruments follow their recorded volumes by year: under
    /// recorded conditions (volumes are recorded conditions too), not when
    /// the calibration's conditions are held.
    pub fn follows_volumes(&self) -> bool {
        self.volumes
    }

    /// What a run sees of these conditions before January of `year`:
    /// whether they are constant, and the bits of every ratio of the years
    /// from the first resolved one to `year - 1`. Two runs with equal
    /// views follow the same conditions until `year` (a path from `year` on
    /// changes nothing before it), so a history kept at that boundary
    /// serves both ([`crate::scenario::Prepared::history_key`]).
    pub fn before(&self, year: i32) -> (bool, Vec<u64>) {
        let n = (year - self.first_year).clamp(0, self.ratios.len() as i32) as usize;
        let bits = self.ratios[..n].iter().flatten().map(|r| r.to_bits());
        (self.is_constant(), std::iter::once(self.volumes as u64).chain(bits).collect())
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
        let allowance = r(Driver::HousingAllowance);
        p.housing_allowance_max_sek_month = base.housing_allowance_max_sek_month * allowance;
        p.housing_allowance_income_limit_sek_month = base.housing_allowance_income_limit_sek_month * allowance;
        // Household finances: incomes by main source, and the cost of living
        // besides rent. The norm scale is what assistance guarantees as a
        // multiple of living costs, so when living costs move it moves the
        // other way: the guarantee follows the norm, not the prices of food.
        let wages = r(Driver::Wages);
        p.income_permanent_sek_month = base.income_permanent_sek_month * wages;
        p.income_temporary_sek_month = base.income_temporary_sek_month * wages;
        p.income_pension_sek_month = base.income_pension_sek_month * r(Driver::Pensions);
        p.income_sickness_sek_month = base.income_sickness_sek_month * r(Driver::SicknessCompensation);
        p.income_unemployment_sek_month = base.income_unemployment_sek_month * r(Driver::UnemploymentBenefit);
        let living = r(Driver::LivingCosts).max(1e-6);
        p.living_cost_first_adult_sek_month = base.living_cost_first_adult_sek_month * living;
        p.living_cost_extra_adult_sek_month = base.living_cost_extra_adult_sek_month * living;
        p.living_cost_child_sek_month = base.living_cost_child_sek_month * living;
        p.assistance_norm_scale = (base.assistance_norm_scale * r(Driver::AssistanceNorm) / living).clamp(0.5, 2.0);
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drivers::national;

    fn spec(text: &str) -> DriversSpec {
        toml::from_str(text).unwrap()
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
        for d in Driver::ALL.into_iter().filter(|d| d.nominal()) {
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
        // What assistance guarantees (living costs x the norm scale) follows the norm.
        let r = rec.ratio(Driver::AssistanceNorm, 2023);
        let p23 = rec.apply(&base, 2023);
        let guarantee = |p: &Params| p.living_cost_first_adult_sek_month * p.assistance_norm_scale;
        assert!((guarantee(&p23) - guarantee(&base) * r).abs() < 1e-6);
    }

    #[test]
    fn a_price_path_erodes_every_nominal_driver_even_under_constant_conditions() {
        let t = national();
        let up = 1.2 * t.reference(Driver::ConsumerPrices);
        let s =
            spec(&format!("conditions = \"constant\"\n[[paths]]\ndriver = \"consumer_prices_index\"\nfrom_year = 2015\nvalue = {up}\n"));
        let c = Conditions::resolve(&s, t, 1.0, 2011, 2020);
        for d in Driver::ALL.into_iter().filter(|d| d.nominal()) {
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

    #[test]
    fn household_finances_move_incomes_and_living_costs_in_real_terms() {
        let t = national();
        let rec = Conditions::resolve(&DriversSpec::default(), t, 1.0, 2011, 2030);
        let base = Params::default();
        let real = |d: Driver, y: i32| t.value(d, y) / t.value(Driver::ConsumerPrices, y) / t.real_reference(d);
        for y in [2016, 2020, 2023] {
            let p = rec.apply(&base, y);
            assert!((p.income_permanent_sek_month / base.income_permanent_sek_month - real(Driver::Wages, y)).abs() < 1e-12);
            assert!((p.income_temporary_sek_month / base.income_temporary_sek_month - real(Driver::Wages, y)).abs() < 1e-12);
            assert!((p.income_pension_sek_month / base.income_pension_sek_month - real(Driver::Pensions, y)).abs() < 1e-12);
            assert!((p.income_sickness_sek_month / base.income_sickness_sek_month - real(Driver::SicknessCompensation, y)).abs() < 1e-12);
            assert!(
                (p.income_unemployment_sek_month / base.income_unemployment_sek_month - real(Driver::UnemploymentBenefit, y)).abs() < 1e-12
            );
            assert!((p.living_cost_child_sek_month / base.living_cost_child_sek_month - real(Driver::LivingCosts, y)).abs() < 1e-12);
        }
        // Real wages rose from 2013 to 2020 and fell in 2022-2023, when
        // prices rose by 8.4% and 8.5%.
        assert!(rec.ratio(Driver::Wages, 2020) > rec.ratio(Driver::Wages, 2013));
        assert!(rec.ratio(Driver::Wages, 2023) < rec.ratio(Driver::Wages, 2021));
        // Food rose faster than prices in 2022-2023: living dearer in real terms.
        assert!(rec.ratio(Driver::LivingCosts, 2023) > rec.ratio(Driver::LivingCosts, 2021) + 0.02);
        // The a-kassa ceiling's raises of 2015 and 2020 reached most recipients.
        assert!(rec.ratio(Driver::UnemploymentBenefit, 2021) > 1.3 * rec.ratio(Driver::UnemploymentBenefit, 2013));
        // Constant conditions hold them all.
        let constant = Conditions::resolve(&spec("conditions = \"constant\""), t, 1.0, 2011, 2030);
        assert_eq!(constant.apply(&base, 2023), base);
    }
}
