//! Drivers: the conditions outside the model that a run follows year by
//! year — population growth, completions, unemployment, social assistance,
//! the arrival of the newly arrived, consumer prices, rents, the assistance
//! norm (*riksnorm*), the housing allowance (*bostadsbidrag*), and household
//! finances: wages, pensions, sickness and activity compensation,
//! unemployment insurance and the cost of living besides rent.
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
//! assistance norm, the housing allowance's limits, incomes and the cost of
//! living are recorded in kronor (or indices) of their year (*nominal*);
//! their ratio is taken after deflating by consumer prices
//! ([`Driver::ConsumerPrices`], SCB's KPI), so that a rent rise below
//! inflation makes rents cheaper, limits that stand still in kronor (the
//! housing allowance's, since 1997) lose value every year, and food prices
//! rising faster than prices in general (2022–2023) make living dearer
//! (docs/odd.md, 3.2).
//!
//! Modules: [`table`] (the bundled series and each place's), [`conditions`]
//! (a scenario's `[drivers]`, and the ratios of each year applied to the
//! parameters).
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

pub mod conditions;
pub mod table;

pub use conditions::{Conditions, ConditionsMode, DriverPath, DriversSpec};
pub use table::{Point, Table, for_place, national};

/// Years whose mean is each driver's reference (the calibration's years).
pub const REFERENCE_YEARS: std::ops::RangeInclusive<i32> = 2011..=2013;

/// How many drivers there are.
pub const N: usize = 14;

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
    /// Nominal wages of the whole economy, index 2011 = 100
    /// (Medlingsinstitutet); moves the incomes of people in work.
    Wages,
    /// Pensions, nominal index 2011 = 100 (half the income pension's
    /// indexation, half the guarantee pension); moves pensioners' incomes.
    Pensions,
    /// The guaranteed level of sickness and activity compensation, nominal
    /// SEK per month (Försäkringskassan); moves that income.
    SicknessCompensation,
    /// Unemployment insurance (a-kassa): a typical recipient's benefit,
    /// nominal SEK per month (80% of an earlier wage, at most the ceiling);
    /// moves the incomes of the unemployed.
    UnemploymentBenefit,
    /// The cost of living besides rent for a low-income household, nominal
    /// index 2011 = 100 (food 0.4, consumer prices 0.6); moves living costs.
    LivingCosts,
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
        Driver::Wages,
        Driver::Pensions,
        Driver::SicknessCompensation,
        Driver::UnemploymentBenefit,
        Driver::LivingCosts,
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
            Driver::Wages => "wage_index",
            Driver::Pensions => "pension_index",
            Driver::SicknessCompensation => "sickness_compensation_sek",
            Driver::UnemploymentBenefit => "unemployment_benefit_sek",
            Driver::LivingCosts => "living_cost_index",
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
            Driver::Wages => (20.0, 1000.0),
            Driver::Pensions => (20.0, 1000.0),
            Driver::SicknessCompensation => (1000.0, 100000.0),
            Driver::UnemploymentBenefit => (1000.0, 100000.0),
            Driver::LivingCosts => (20.0, 1000.0),
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
            Driver::Wages => {
                "income_permanent_sek_month and income_temporary_sek_month x real ratio (every working household's income each January)"
            }
            Driver::Pensions => "income_pension_sek_month x real ratio (every pensioner's income each January)",
            Driver::SicknessCompensation => "income_sickness_sek_month x real ratio",
            Driver::UnemploymentBenefit => {
                "income_unemployment_sek_month x real ratio (a typical recipient: 80% of an earlier wage, at most the ceiling)"
            }
            Driver::LivingCosts => {
                "living_cost_first_adult_sek_month, living_cost_extra_adult_sek_month and living_cost_child_sek_month x real ratio; assistance_norm_scale / real ratio, so what assistance guarantees still follows the norm"
            }
        }
    }

    /// Whether the driver is recorded in kronor of its year, so that its
    /// ratio is taken after dividing by [`Driver::ConsumerPrices`].
    pub fn nominal(self) -> bool {
        !matches!(
            self,
            Driver::PopulationGrowth
                | Driver::Completions
                | Driver::Unemployment
                | Driver::Assistance
                | Driver::NewlyArrived
                | Driver::ConsumerPrices
        )
    }

    /// Whether the driver sets a household's income or living costs (the
    /// household finances of issue 34): a January that changes one
    /// recomputes every household's income.
    pub fn household_finances(self) -> bool {
        matches!(self, Driver::Wages | Driver::Pensions | Driver::SicknessCompensation | Driver::UnemploymentBenefit | Driver::LivingCosts)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_driver_has_a_unique_name_that_parses_back() {
        let mut seen = std::collections::HashSet::new();
        for (k, d) in Driver::ALL.into_iter().enumerate() {
            assert_eq!(d.index(), k);
            assert!(seen.insert(d.name()), "{}", d.name());
            assert_eq!(Driver::parse(d.name()), Some(d));
            let (lo, hi) = d.range();
            assert!(lo < hi && !d.moves().is_empty());
        }
        assert_eq!(Driver::parse("houses"), None);
    }
}
