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
use crate::params::Param;
use crate::policy::Policy;
use crate::policy::setting::{Role, Value, instrument_settings};

/// A lever's allowed values: its parameter's range; absent, the parameter is left as it is.
const fn lever(p: Param) -> Value {
    Value::Optional { min: p.spec().min, max: p.spec().max, absent: "unchanged (the parameter table's value)" }
}

instrument_settings! {
    /// Settings of the state levers; absent levers are left as they are.
    pub struct StateLeversConfig {
        housing_allowance_max_sek_month: Option<f64> {
            label: "Housing allowance, maximum",
            unit: Param::housing_allowance_max_sek_month.spec().unit,
            role: Role::Money,
            value: lever(Param::housing_allowance_max_sek_month),
            description: "While active, the largest housing allowance: sets the parameter housing_allowance_max_sek_month.",
            source: "the parameter's row in docs/parameters.md",
            sv: {
                label: "Bostadsbidrag, högsta",
                description: "Medan insatsen är aktiv: det högsta bostadsbidraget; sätter parametern housing_allowance_max_sek_month.",
                source: "parameterns rad i docs/parameters.md",
            },
        },
        housing_allowance_income_limit_sek_month: Option<f64> {
            label: "Housing allowance, income limit",
            unit: Param::housing_allowance_income_limit_sek_month.spec().unit,
            role: Role::Money,
            value: lever(Param::housing_allowance_income_limit_sek_month),
            description: "While active, the income above which the allowance tapers: sets the parameter housing_allowance_income_limit_sek_month.",
            source: "the parameter's row in docs/parameters.md",
            sv: {
                label: "Bostadsbidrag, inkomstgräns",
                description: "Medan insatsen är aktiv: inkomsten över vilken bidraget trappas av; sätter parametern housing_allowance_income_limit_sek_month.",
                source: "parameterns rad i docs/parameters.md",
            },
        },
        assistance_norm_scale: Option<f64> {
            label: "Assistance norm",
            unit: Param::assistance_norm_scale.spec().unit,
            role: Role::Factor,
            value: lever(Param::assistance_norm_scale),
            description: "While active, the social assistance norm as a multiple of living costs: sets the parameter assistance_norm_scale.",
            source: "the parameter's row in docs/parameters.md",
            sv: {
                label: "Riksnormen för försörjningsstöd",
                description: "Medan insatsen är aktiv: normen för försörjningsstöd som multipel av levnadskostnaderna; sätter parametern assistance_norm_scale.",
                source: "parameterns rad i docs/parameters.md",
            },
        },
    }
}

impl StateLeversConfig {
    /// Each lever's parameter with its value.
    fn levers(&self) -> [(Param, Option<f64>); 3] {
        [
            (Param::housing_allowance_max_sek_month, self.housing_allowance_max_sek_month),
            (Param::housing_allowance_income_limit_sek_month, self.housing_allowance_income_limit_sek_month),
            (Param::assistance_norm_scale, self.assistance_norm_scale),
        ]
    }
}

/// The state levers as a policy module.
#[derive(Clone, Debug)]
pub struct StateLevers {
    pub(super) config: StateLeversConfig,
    /// Values before the instrument changed them, while it is applied.
    saved: Option<Vec<(Param, f64)>>,
}

impl StateLevers {
    /// Builds the instrument from its settings.
    pub fn new(config: StateLeversConfig) -> Self {
        StateLevers { config, saved: None }
    }
}

impl Policy for StateLevers {
    fn sync(&mut self, w: &mut World, active: bool) {
        match (active, self.saved.take()) {
            // Applied, or applied again: a new year's conditions reset the
            // parameters (crate::drivers), and new settings at the boundary
            // of a projection change them. Only a change refreshes balances.
            (true, saved) => {
                let mut saved = saved.unwrap_or_default();
                let mut changed = false;
                for (param, value) in self.config.levers() {
                    if let Some(v) = value {
                        let now = w.params.value(param);
                        // The value without the lever: kept from the first
                        // month, or the new year's when the conditions reset it.
                        match saved.iter_mut().find(|(p, _)| *p == param) {
                            None => saved.push((param, now)),
                            Some(entry) if now != v => entry.1 = now,
                            Some(_) => {}
                        }
                        if now != v {
                            // Validated when the scenario was read.
                            let _ = w.params.set_param(param, v);
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
                for (param, v) in saved {
                    let _ = w.params.set_param(param, v);
                }
                w.living = crate::model::income::LivingCosts::new(&w.params);
                refresh_all_balances(w);
            }
            (false, None) => {}
        }
    }
}
