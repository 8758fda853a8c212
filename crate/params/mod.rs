//! The parameter table: one declarative list from which everything else is made.
//!
//! Each row of [`table`] carries name, default, unit, range, kind, description
//! and source. From it come [`Params`] (the typed struct the model reads, with
//! `Params::default()`), range validation of scenario overrides, `hemma params`,
//! `docs/parameters.md` (see [`crate::docs`]), the JSON Schema of the `params`
//! section of a scenario file, and — through the Wasm facade — the dashboard's
//! controls. A test regenerates the docs and fails when they drift.
//!
//! Rates are per year, durations in months, money in SEK per month (2012 price
//! level) unless the unit column says otherwise.

mod table;

pub use table::{Param, Params};

use serde::Serialize;

/// Where a parameter's default comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Read from a cited source (a file and row under `data/`, or a law).
    Empirical,
    /// Fitted so that model outputs reproduce the calibration targets.
    Calibrated,
    /// A stated modelling assumption, with the reasoning in its description.
    Assumption,
    /// A policy setting: what a scenario is expected to vary.
    Policy,
}

impl Kind {
    /// The lowercase name used in tables and docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Empirical => "empirical",
            Kind::Calibrated => "calibrated",
            Kind::Assumption => "assumption",
            Kind::Policy => "policy",
        }
    }
}

/// One row of the parameter table.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ParamSpec {
    /// Identifier used in scenario files (`[params]`) and in code.
    pub name: &'static str,
    /// Default value.
    pub default: f64,
    /// Unit, e.g. `SEK/month`, `per year`, `months`, `share`.
    pub unit: &'static str,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// Provenance of the default.
    pub kind: Kind,
    /// What the parameter means in the model.
    pub description: &'static str,
    /// File and row, publication, or the word "assumption" with reasoning.
    pub source: &'static str,
}

/// The whole table, in documentation order.
pub fn table() -> &'static [ParamSpec] {
    table::SPECS
}

/// Looks up a row by name (for names given by users: scenario files, sweep
/// plans; code names a parameter as a [`Param`]).
pub fn spec(name: &str) -> Option<&'static ParamSpec> {
    param(name).map(Param::spec)
}

/// The parameter called `name`.
pub fn param(name: &str) -> Option<Param> {
    Param::ALL.iter().copied().find(|p| p.spec().name == name)
}

impl Param {
    /// Its row of the table.
    pub const fn spec(self) -> &'static ParamSpec {
        &table::SPECS[self as usize]
    }

    /// Its name, as in scenario files.
    pub const fn name(self) -> &'static str {
        self.spec().name
    }
}

/// The names closest to `name`, for "did you mean" hints.
pub fn suggest(name: &str) -> Vec<&'static str> {
    let mut scored: Vec<(f64, &'static str)> =
        table::SPECS.iter().map(|s| (strsim::jaro_winkler(name, s.name), s.name)).filter(|(score, _)| *score > 0.8).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

/// Why a parameter value was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamError {
    /// No parameter has this name.
    Unknown {
        /// The name given.
        name: String,
        /// Close matches.
        suggestions: Vec<&'static str>,
    },
    /// The value lies outside `[min, max]` or is not finite.
    OutOfRange {
        /// The parameter.
        name: &'static str,
        /// The value given.
        value: f64,
        /// Allowed minimum.
        min: f64,
        /// Allowed maximum.
        max: f64,
        /// Unit of the parameter.
        unit: &'static str,
    },
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamError::Unknown { name, suggestions } => {
                write!(f, "unknown parameter `{name}`")?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", suggestions.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or "))?;
                }
                write!(f, " (`hemma params` lists all)")
            }
            ParamError::OutOfRange { name, value, min, max, unit } => {
                write!(f, "parameter `{name}` = {value} is out of range; allowed {min} to {max} ({unit})")
            }
        }
    }
}

impl std::error::Error for ParamError {}

impl Params {
    /// Sets a parameter by name after checking it exists and lies in its range.
    pub fn set(&mut self, name: &str, value: f64) -> Result<(), ParamError> {
        let Some(spec) = spec(name) else {
            return Err(ParamError::Unknown { name: name.to_string(), suggestions: suggest(name) });
        };
        if !value.is_finite() || value < spec.min || value > spec.max {
            return Err(ParamError::OutOfRange { name: spec.name, value, min: spec.min, max: spec.max, unit: spec.unit });
        }
        *self.value_mut(param(spec.name).expect("every row is a parameter")) = value;
        Ok(())
    }

    /// Sets parameter `p` after checking that `value` lies in its range.
    pub fn set_param(&mut self, p: Param, value: f64) -> Result<(), ParamError> {
        self.set(p.name(), value)
    }

    /// Mean persons per household implied by the composition parameters.
    pub fn mean_household_size(&self) -> f64 {
        let couples = 1.0 - self.share_single_adult - self.share_single_parent - self.share_couple_with_children;
        self.share_single_adult
            + self.share_single_parent * (1.0 + self.mean_children_in_family)
            + self.share_couple_with_children * (2.0 + self.mean_children_in_family)
            + couples * 2.0
    }

    /// Reads a parameter by name.
    pub fn get(&self, name: &str) -> Option<f64> {
        param(name).map(|p| self.value(p))
    }

    /// Checks constraints that involve several parameters (shares that must
    /// not exceed one together). Returns a message naming the parameters.
    pub fn check_consistency(&self) -> Result<(), String> {
        use Param::*;
        let groups: [(&str, &[Param]); 4] = [
            ("household composition", &[share_single_adult, share_single_parent, share_couple_with_children]),
            (
                "initial income sources",
                &[initial_share_temporary, initial_share_unemployment, initial_share_sickness, initial_share_assistance],
            ),
            ("head age groups", &[share_young_head, share_senior_head]),
            ("destinations after eviction", &[evicted_to_shelter_share, evicted_to_rough_share]),
        ];
        for (what, params) in groups {
            let total: f64 = params.iter().map(|&p| self.value(p)).sum();
            if total > 1.0 + 1e-9 {
                let names: Vec<&str> = params.iter().map(|p| p.name()).collect();
                return Err(format!("the shares of {what} ({}) add up to {total:.3}; they must not exceed 1", names.join(", ")));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_lies_in_its_range_and_has_a_source() {
        for s in table() {
            assert!(s.min <= s.default && s.default <= s.max, "{} default out of range", s.name);
            assert!(!s.unit.is_empty() && !s.description.is_empty() && !s.source.is_empty(), "{} incomplete", s.name);
            if s.kind == Kind::Assumption {
                assert!(s.source.to_lowercase().contains("assumption"), "{}: assumption rows say so in the source", s.name);
            }
        }
    }

    #[test]
    fn a_param_is_its_row_of_the_table() {
        let p = Params::default();
        for (k, &param) in Param::ALL.iter().enumerate() {
            assert_eq!(param.spec().name, table()[k].name);
            assert_eq!(p.value(param), table()[k].default);
        }
        assert_eq!(Param::ALL.len(), table().len());
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = table().iter().map(|s| s.name).collect();
        names.sort();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len());
    }

    #[test]
    fn defaults_struct_matches_table() {
        let p = Params::default();
        for s in table() {
            assert_eq!(p.get(s.name), Some(s.default), "{}", s.name);
        }
        p.check_consistency().unwrap();
    }

    #[test]
    fn set_rejects_unknown_and_out_of_range() {
        let mut p = Params::default();
        let e = p.set("shock_rate_per_yaer", 0.5).unwrap_err();
        assert!(e.to_string().contains("did you mean `shock_rate_per_year`"), "{e}");
        let e = p.set("shock_rate_per_year", -1.0).unwrap_err();
        assert!(e.to_string().contains("out of range"), "{e}");
        assert!(p.set("shock_rate_per_year", f64::NAN).is_err());
        p.set("shock_rate_per_year", 0.5).unwrap();
        assert_eq!(p.shock_rate_per_year, 0.5);
    }
}
