//! State levers: the housing allowance (*bostadsbidrag*) and the social
//! assistance norm, which the seeds name as pressures on households outside
//! the ordinary market (002: allowances have not kept up with rents).
//!
//! In the model: while active, the instrument sets the named parameters;
//! when its window ends it restores the values they had. Every household's
//! monthly balance is recomputed on each change. Costs are the state's, not
//! the municipality's, and are not booked.
//!
//! ```toml
//! [[instruments]]
//! kind = "state_levers"
//! start_month = 24
//! housing_allowance_max_sek_month = 3500
//! assistance_norm_scale = 1.1
//! ```

use crate::model::rent::refresh_all_balances;
use crate::model::world::World;
use crate::policy::Policy;
use crate::policy::setting::{Setting, Settings, Value};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of the state levers; absent levers are left as they are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StateLeversConfig {
    /// First scenario month it acts (0 or less: already in place).
    #[serde(default)]
    pub start_month: i32,
    /// First scenario month it no longer acts (absent: never ends).
    #[serde(default)]
    pub end_month: Option<i32>,
    /// Largest housing allowance, SEK/month (parameter `housing_allowance_max_sek_month`).
    #[serde(default)]
    pub housing_allowance_max_sek_month: Option<f64>,
    /// Income above which the allowance tapers, SEK/month (`housing_allowance_income_limit_sek_month`).
    #[serde(default)]
    pub housing_allowance_income_limit_sek_month: Option<f64>,
    /// Social assistance norm as a multiple of living costs (`assistance_norm_scale`).
    #[serde(default)]
    pub assistance_norm_scale: Option<f64>,
}

impl StateLeversConfig {
    /// Each lever's parameter name with its value, in the order of [`LEVERS`].
    fn levers(&self) -> [(&'static str, Option<f64>); 3] {
        let values = [self.housing_allowance_max_sek_month, self.housing_allowance_income_limit_sek_month, self.assistance_norm_scale];
        std::array::from_fn(|k| (LEVERS[k].0, values[k]))
    }
}

/// The parameters the instrument can set: their ranges, units and sources
/// are the parameter table's.
const LEVERS: [(&str, &str); 3] = [
    ("housing_allowance_max_sek_month", "Housing allowance, maximum"),
    ("housing_allowance_income_limit_sek_month", "Housing allowance, income limit"),
    ("assistance_norm_scale", "Assistance norm"),
];

impl Settings for StateLeversConfig {
    fn settings() -> &'static [Setting] {
        static TABLE: std::sync::LazyLock<Vec<Setting>> = std::sync::LazyLock::new(|| {
            LEVERS
                .iter()
                .filter_map(|(name, label)| crate::params::spec(name).map(|p| (p, *label)))
                .map(|(p, label)| Setting {
                    name: p.name,
                    label,
                    unit: p.unit,
                    value: Value::Optional { min: p.min, max: p.max, absent: "unchanged (the parameter table's value)" },
                    description: p.description,
                    source: p.source,
                })
                .collect()
        });
        &TABLE
    }
}

/// The state levers as a policy module.
#[derive(Clone, Debug)]
pub struct StateLevers {
    pub(super) config: StateLeversConfig,
    /// Values before the instrument changed them, while it is applied.
    saved: Option<Vec<(&'static str, f64)>>,
}

impl StateLevers {
    /// Builds the instrument from its settings.
    pub fn new(config: StateLeversConfig) -> Self {
        StateLevers { config, saved: None }
    }
}

impl Policy for StateLevers {
    fn kind(&self) -> &'static str {
        "state_levers"
    }
    fn start_month(&self) -> i32 {
        self.config.start_month
    }
    fn end_month(&self) -> Option<i32> {
        self.config.end_month
    }

    fn sync(&mut self, w: &mut World, active: bool) {
        match (active, self.saved.take()) {
            // Applied, or applied again: a new year's conditions reset the
            // parameters (crate::drivers), and new settings at the boundary
            // of a projection change them. Only a change refreshes balances.
            (true, saved) => {
                let mut saved = saved.unwrap_or_default();
                let mut changed = false;
                for (name, value) in self.config.levers() {
                    if let Some(v) = value {
                        let now = w.params.get(name).unwrap_or(v);
                        // The value without the lever: kept from the first
                        // month, or the new year's when the conditions reset it.
                        match saved.iter_mut().find(|(n, _)| *n == name) {
                            None => saved.push((name, now)),
                            Some(entry) if now != v => entry.1 = now,
                            Some(_) => {}
                        }
                        if now != v {
                            // Validated when the scenario was read.
                            let _ = w.params.set(name, v);
                            changed = true;
                        }
                    }
                }
                self.saved = Some(saved);
                if changed {
                    w.living = crate::model::income::LivingCosts::new(&w.params);
                    refresh_all_balances(w);
                }
            }
            (false, Some(saved)) => {
                for (name, v) in saved {
                    let _ = w.params.set(name, v);
                }
                w.living = crate::model::income::LivingCosts::new(&w.params);
                refresh_all_balances(w);
            }
            (false, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levers_are_range_checked_like_parameters() {
        let ok: StateLeversConfig = toml::from_str("assistance_norm_scale = 1.2").unwrap();
        assert!(ok.check().is_ok());
        let bad: StateLeversConfig = toml::from_str("assistance_norm_scale = 9").unwrap();
        assert_eq!(bad.check().unwrap_err().0, "assistance_norm_scale");
    }
}
