//! Custom places (place files and a scenario's `[place]` table), and how a
//! place's covariates set its parameters.
//!
//! A place file describes any municipality by its population and tenure mix
//! and, where known, its homeless count, executed evictions and covariates:
//!
//! ```toml
//! name = "Lund"
//! population = 118000
//! rental_share_pct = 45
//! coop_share_pct = 30
//! owner_share_pct = 25
//! homeless_per_10k = 40          # optional: Socialstyrelsen's count, per 10,000 (adults, as counted)
//! homeless_count_year = 2023     # the year of that count (needed with it)
//! students_per_1000 = 200        # optional covariates; the rest are national
//! ```
//!
//! What it leaves out is the national value, flagged `national` in
//! `hemma presets`-style listings and in the page. [`apply_covariates`] is
//! the one place where covariates change parameters; every place — preset
//! or custom — goes through it with the same elasticities (parameters of
//! the table), so places differ by data, not by per-place factors.

use crate::params::Params;
use crate::presets::{Cell, Covariates, Flag, Preset, id_of, national};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A municipality described by the user (place file, `[place]` table, or
/// the page's "Egen kommun / Your own municipality").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceSpec {
    /// Name shown in outputs.
    pub name: String,
    /// Residents, 2,000 to 12,000,000.
    pub population: u32,
    /// Rentals, % of dwellings.
    pub rental_share_pct: f64,
    /// Tenant-owned flats (bostadsrätt), % of dwellings.
    pub coop_share_pct: f64,
    /// Owner-occupied dwellings, % of dwellings.
    pub owner_share_pct: f64,
    /// Homeless persons per 10,000 residents as Socialstyrelsen counts them
    /// (adults in all four situations; children of homeless parents are
    /// reported apart); absent: national.
    #[serde(default)]
    pub homeless_per_10k: Option<f64>,
    /// The year of that count (2011 to the last year of the history, 2025):
    /// Socialstyrelsen's mappings are of 2011, 2017 and 2023, a
    /// municipality's own count may be later. The run meets the count in
    /// April of that year. Required with `homeless_per_10k`.
    #[serde(default)]
    pub homeless_count_year: Option<i32>,
    /// Executed evictions a year; absent: the national rate per resident.
    #[serde(default)]
    pub executed_evictions_per_year: Option<f64>,
    /// Residents born abroad, % (about 2012); absent: national.
    #[serde(default)]
    pub foreign_born_pct: Option<f64>,
    /// Social assistance relative to Sweden (1 = national); absent: 1.
    #[serde(default)]
    pub assistance_index: Option<f64>,
    /// Full-year university students per 1,000 residents; absent: national.
    #[serde(default)]
    pub students_per_1000: Option<f64>,
    /// Population growth, % per year; absent: national.
    #[serde(default)]
    pub population_growth_pct: Option<f64>,
    /// Public rentals vacant and available, %; absent: national.
    #[serde(default)]
    pub public_vacancy_pct: Option<f64>,
    /// Share of the homeless in situation 1 (acute), %; absent: national.
    #[serde(default)]
    pub acute_share_pct: Option<f64>,
}

/// A rejected place: (field, value, what is allowed); the value `missing`
/// for a field that must be given.
pub type PlaceError = (String, String, String);

/// The message of a [`PlaceError`]: a missing field, or a value out of range.
pub fn problem(value: &str, allowed: &str) -> String {
    if value == "missing" { format!("missing; give {allowed}") } else { format!("out of range; allowed {allowed}") }
}

/// The allowed range of each numeric field of [`PlaceSpec`]: (name, min, max, unit).
pub const RANGES: &[(&str, f64, f64, &str)] = &[
    ("population", 2_000.0, 12_000_000.0, "residents"),
    ("rental_share_pct", 0.0, 100.0, "%"),
    ("coop_share_pct", 0.0, 100.0, "%"),
    ("owner_share_pct", 0.0, 100.0, "%"),
    ("homeless_per_10k", 0.0, 500.0, "per 10,000 residents"),
    ("homeless_count_year", 2011.0, (crate::timeline::DATA_YEAR - 1) as f64, "year, in the history"),
    ("executed_evictions_per_year", 0.0, 100_000.0, "evictions a year"),
    ("foreign_born_pct", 0.0, 90.0, "%"),
    ("assistance_index", 0.1, 5.0, "relative to Sweden"),
    ("students_per_1000", 0.0, 400.0, "per 1,000 residents"),
    ("population_growth_pct", -5.0, 5.0, "% per year"),
    ("public_vacancy_pct", 0.0, 20.0, "%"),
    ("acute_share_pct", 0.0, 100.0, "%"),
];

/// The fields of a place for a form (the page's "Egen kommun"): name,
/// range, unit, whether it may be left out, whether it takes whole numbers
/// only (its type in [`PlaceSpec`] is an integer), whether it is a
/// percentage, and the national value that stands in when it is left out.
pub fn fields() -> Vec<serde_json::Value> {
    let nat = national();
    let stand_in = |name: &str| -> Option<f64> {
        match name {
            "homeless_per_10k" => Some(nat.homeless_per_10k),
            "executed_evictions_per_year" => None,
            n => nat.covariates.cells().iter().find(|(k, _)| *k == n).map(|(_, c)| c.value),
        }
    };
    RANGES
        .iter()
        .map(|(name, min, max, unit)| {
            let required = matches!(*name, "population" | "rental_share_pct" | "coop_share_pct" | "owner_share_pct");
            let whole = matches!(*name, "population" | "homeless_count_year");
            let percent = name.ends_with("_pct");
            serde_json::json!({
                "name": name, "min": min, "max": max, "unit": unit, "required": required, "whole": whole, "percent": percent,
                "national": stand_in(name),
            })
        })
        .collect()
}

fn range_of(name: &str) -> (f64, f64, &'static str) {
    RANGES.iter().find(|r| r.0 == name).map(|r| (r.1, r.2, r.3)).expect("every field has a range")
}

fn allowed(name: &str) -> String {
    let (min, max, unit) = range_of(name);
    format!("{} to {} ({unit})", crate::units::number(min), crate::units::number(max))
}

impl PlaceSpec {
    /// The fields as (name, value) pairs, optional ones only when given.
    fn numbers(&self) -> Vec<(&'static str, f64)> {
        let mut v = vec![
            ("population", self.population as f64),
            ("rental_share_pct", self.rental_share_pct),
            ("coop_share_pct", self.coop_share_pct),
            ("owner_share_pct", self.owner_share_pct),
        ];
        let opt = [
            ("homeless_per_10k", self.homeless_per_10k),
            ("homeless_count_year", self.homeless_count_year.map(f64::from)),
            ("executed_evictions_per_year", self.executed_evictions_per_year),
            ("foreign_born_pct", self.foreign_born_pct),
            ("assistance_index", self.assistance_index),
            ("students_per_1000", self.students_per_1000),
            ("population_growth_pct", self.population_growth_pct),
            ("public_vacancy_pct", self.public_vacancy_pct),
            ("acute_share_pct", self.acute_share_pct),
        ];
        v.extend(opt.into_iter().filter_map(|(k, x)| x.map(|x| (k, x))));
        v
    }

    /// Checks every field against its range, and that the tenure shares add
    /// up to 100% (±2).
    pub fn check(&self) -> Result<(), PlaceError> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(("name".into(), format!("{:?}", self.name), "a name of 1 to 80 characters".into()));
        }
        for (field, value) in self.numbers() {
            let (min, max, _) = range_of(field);
            if !(value.is_finite() && value >= min && value <= max) {
                return Err((field.into(), crate::units::number(value), allowed(field)));
            }
        }
        match (self.homeless_per_10k, self.homeless_count_year) {
            (Some(v), None) => {
                return Err((
                    "homeless_count_year".into(),
                    "missing".into(),
                    format!(
                        "the year of the count homeless_per_10k = {} (2011 to {}; Socialstyrelsen's mappings are of 2011, 2017 and 2023)",
                        crate::units::number(v),
                        crate::timeline::DATA_YEAR - 1
                    ),
                ));
            }
            (None, Some(y)) => {
                return Err(("homeless_count_year".into(), y.to_string(), "only with homeless_per_10k, the count it dates".into()));
            }
            _ => {}
        }
        let sum = self.rental_share_pct + self.coop_share_pct + self.owner_share_pct;
        if (sum - 100.0).abs() > 2.0 {
            return Err((
                "owner_share_pct".into(),
                crate::units::number(self.owner_share_pct),
                format!(
                    "rental_share_pct + coop_share_pct + owner_share_pct must add up to 100 (±2); they add up to {}",
                    crate::units::number(sum)
                ),
            ));
        }
        Ok(())
    }

    /// The place as a [`Preset`]: given values flagged [`Flag::User`], the
    /// rest national and flagged [`Flag::National`]. Call [`PlaceSpec::check`] first.
    pub fn to_preset(&self) -> Preset {
        let nat = national();
        let mut covariates = Covariates::national_stand_ins();
        let given = [
            ("foreign_born_pct", self.foreign_born_pct),
            ("assistance_index", self.assistance_index),
            ("students_per_1000", self.students_per_1000),
            ("population_growth_pct", self.population_growth_pct),
            ("public_vacancy_pct", self.public_vacancy_pct),
            ("acute_share_pct", self.acute_share_pct),
        ];
        for (name, value) in given {
            if let Some(v) = value {
                let cell = covariates.cell_mut(name).expect("known covariate");
                *cell = Cell {
                    value: v,
                    national: cell.national,
                    unit: cell.unit.clone(),
                    year: "as given".into(),
                    flag: Flag::User,
                    source: format!("given for {} (compared with the national {} {})", self.name.trim(), cell.national, cell.year),
                };
            }
        }
        let evictions_rate = nat.executed_evictions as f64 / nat.population as f64;
        let sum = self.rental_share_pct + self.coop_share_pct + self.owner_share_pct;
        Preset {
            id: format!("custom:{}", id_of(self.name.trim())),
            name: self.name.trim().to_string(),
            population: self.population,
            rental_share: self.rental_share_pct / sum,
            coop_share: self.coop_share_pct / sum,
            owner_share: self.owner_share_pct / sum,
            executed_evictions: self.executed_evictions_per_year.unwrap_or(evictions_rate * self.population as f64).round() as u32,
            evictions_flag: if self.executed_evictions_per_year.is_some() { Flag::User } else { Flag::National },
            homeless_per_10k: self.homeless_per_10k.unwrap_or(nat.homeless_per_10k),
            homeless_flag: if self.homeless_per_10k.is_some() { Flag::User } else { Flag::National },
            count_year: self.homeless_count_year.unwrap_or(nat.count_year),
            covariates,
            source: "custom place (values as given; national values where flagged)".into(),
        }
    }
}

/// Sets the parameters that a place's covariates govern (docs/odd.md §3.1):
///
/// * newly arrived — `share_newly_arrived` and
///   `newly_arrived_share_of_in_migrants` × (foreign-born share relative to
///   Sweden's)^`covariate_newly_arrived_elasticity`;
/// * incomes — `initial_share_assistance` and `initial_share_unemployment`
///   × (assistance index)^`covariate_assistance_elasticity`;
/// * young adults — `share_young_head` + (students per 1,000 above the
///   national rate) / 1,000 × `student_households_per_student` × mean
///   household size;
/// * growth — `population_growth_per_year` = the place's growth, and
///   `new_production_per_1000_residents_per_year` the completions that keep
///   the dwelling stock growing with the households (growth plus
///   demolitions, per resident), so that the market's balance at the start
///   is held when nothing changes;
/// * market tightness — `initial_vacancy_rate` × (public vacancies relative
///   to Sweden's, clamped to 0.1–10)^`covariate_vacancy_elasticity`;
/// * acute homelessness — `shelter_to_friends_rate_per_year` ÷ (the share of
///   the homeless in situation 1 relative to Sweden's, clamped to
///   0.1–10)^`covariate_acute_elasticity`: where more of the homeless are in
///   emergency accommodation, they stay there longer.
///
/// Every result is kept inside its parameter's range. Scenario overrides
/// are applied after this, so a scenario can still set any of them.
pub fn apply_covariates(p: &mut Params, c: &Covariates) {
    let pow = libm::pow;
    let f = pow(c.foreign_born_pct.index().max(0.0), p.covariate_newly_arrived_elasticity);
    p.share_newly_arrived = (p.share_newly_arrived * f).clamp(0.0, 0.2);
    p.newly_arrived_share_of_in_migrants = (p.newly_arrived_share_of_in_migrants * f).clamp(0.0, 1.0);
    let a = pow(c.assistance_index.index().max(0.0), p.covariate_assistance_elasticity);
    let others = p.initial_share_temporary + p.initial_share_sickness;
    let room = (1.0 - others).max(0.0);
    p.initial_share_assistance = (p.initial_share_assistance * a).clamp(0.0, room);
    p.initial_share_unemployment = (p.initial_share_unemployment * a).clamp(0.0, room - p.initial_share_assistance);
    let extra_students = (c.students_per_1000.value - c.students_per_1000.national) / 1000.0;
    let size = p.mean_household_size();
    p.share_young_head =
        (p.share_young_head + extra_students * p.student_households_per_student * size).clamp(0.0, (0.5f64).min(1.0 - p.share_senior_head));
    p.population_growth_per_year = (c.population_growth_pct.value / 100.0).clamp(-0.05, 0.05);
    let households_per_resident = 1.0 / size;
    let per_1000 = (p.population_growth_per_year.max(0.0) + p.demolition_rate_per_year) * households_per_resident * 1000.0;
    p.new_production_per_1000_residents_per_year = per_1000.clamp(0.0, 20.0);
    let v = pow(c.public_vacancy_pct.index().clamp(0.1, 10.0), p.covariate_vacancy_elasticity);
    p.initial_vacancy_rate = (p.initial_vacancy_rate * v).clamp(0.0, 0.1);
    let acute = pow(c.acute_share_pct.index().clamp(0.1, 10.0), p.covariate_acute_elasticity);
    p.shelter_to_friends_rate_per_year = (p.shelter_to_friends_rate_per_year / acute).clamp(0.0, 12.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    fn lund() -> PlaceSpec {
        toml::from_str("name = \"Lund\"\npopulation = 118000\nrental_share_pct = 45\ncoop_share_pct = 30\nowner_share_pct = 25\n").unwrap()
    }

    #[test]
    fn a_place_with_only_population_and_tenure_starts_at_the_national_rate_and_is_flagged() {
        let p = lund();
        assert!(p.check().is_ok());
        let preset = p.to_preset();
        assert_eq!(preset.homeless_per_10k, 36.0);
        assert_eq!(preset.homeless_flag, Flag::National);
        assert_eq!(preset.evictions_flag, Flag::National);
        assert!(preset.covariates.cells().iter().all(|(_, c)| c.flag == Flag::National));
        assert!((preset.rental_share - 0.45).abs() < 1e-12);
    }

    #[test]
    fn given_values_are_flagged_as_the_users() {
        let p = PlaceSpec { homeless_per_10k: Some(50.0), students_per_1000: Some(200.0), ..lund() };
        let preset = p.to_preset();
        assert_eq!(preset.homeless_per_10k, 50.0);
        assert_eq!(preset.homeless_flag, Flag::User);
        assert_eq!(preset.covariates.students_per_1000.flag, Flag::User);
        assert_eq!(preset.covariates.foreign_born_pct.flag, Flag::National);
    }

    #[test]
    fn a_bad_place_names_the_field_the_value_and_what_is_allowed() {
        let e = PlaceSpec { homeless_per_10k: Some(-3.0), ..lund() }.check().unwrap_err();
        assert_eq!(e.0, "homeless_per_10k");
        assert_eq!(e.1, "-3");
        assert!(e.2.contains("0 to 500"), "{}", e.2);
        let e = PlaceSpec { owner_share_pct: 60.0, ..lund() }.check().unwrap_err();
        assert!(e.2.contains("add up to 100"), "{}", e.2);
        let e = PlaceSpec { population: 5, ..lund() }.check().unwrap_err();
        assert_eq!(e.0, "population");
        let e = PlaceSpec { assistance_index: Some(f64::NAN), ..lund() }.check().unwrap_err();
        assert_eq!(e.0, "assistance_index");
    }

    #[test]
    fn national_covariates_leave_the_parameters_as_they_are_except_growth() {
        let mut p = Params::default();
        apply_covariates(&mut p, &presets::national().covariates);
        let d = Params::default();
        assert_eq!(p.share_newly_arrived, d.share_newly_arrived);
        assert_eq!(p.initial_share_assistance, d.initial_share_assistance);
        assert_eq!(p.share_young_head, d.share_young_head);
        assert_eq!(p.initial_vacancy_rate, d.initial_vacancy_rate);
        assert!((p.population_growth_per_year - 0.0102).abs() < 1e-12);
    }

    #[test]
    fn covariates_move_the_parameters_they_govern_in_the_direction_of_the_data() {
        let d = Params::default();
        let mut s = Params::default();
        apply_covariates(&mut s, &presets::find("Södertälje").unwrap().covariates);
        assert!(s.share_newly_arrived > 2.0 * d.share_newly_arrived);
        assert!(s.initial_share_assistance > d.initial_share_assistance);
        let mut u = Params::default();
        apply_covariates(&mut u, &presets::find("Uppsala").unwrap().covariates);
        assert!(u.share_young_head > d.share_young_head + 0.05);
        assert!(u.initial_vacancy_rate < d.initial_vacancy_rate / 2.0);
        assert!(u.check_consistency().is_ok() && s.check_consistency().is_ok());
    }
}
