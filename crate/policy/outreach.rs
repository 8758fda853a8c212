//! Eviction-prevention outreach: early contact at the first missed rent,
//! home visits, payment plans and debt advice, with Kronofogden's
//! cooperation; priority groups first.
//!
//! In the model: each month, before the pipeline advances, the instrument
//! contacts tenants who owe rent and have not been contacted in the last six
//! months — priority groups (families with children, adults under 25, over
//! 65; 002, Södertälje section) first — up to its capacity and with chance
//! `reach_share`. A contact ends in a payment plan with chance
//! `success_share`: the arrears are settled (social services pay
//! `assistance_pays_share` of them), the case leaves the pipeline, and a
//! household living below the assistance norm gets assistance from next
//! month (the visit checks that, 002, Södertälje).
//! Costs: staff time per contact plus the assistance paid. Seed 002
//! describes Nynäshamn's monthly home visits with a private landlord (one
//! eviction in 2011, none in 2012), Norrköping's "Bo kvar" and Södertälje's
//! joint work with Kronofogden; `parameters_misc.csv` gives public housing
//! companies' estimate of two evictions avoided per eviction executed.
//!
//! ```toml
//! [[instruments]]
//! kind = "outreach"
//! contacts_per_year = 1500   # whole municipality
//! success_share = 0.6
//! ```

use crate::model::household::Stage;
use crate::model::world::World;
use crate::policy::placement::monthly_quota;
use crate::policy::setting::{Setting, Settings, Value, row, share};
use crate::policy::{Ctx, Policy};
use crate::results::{Out, Row};
use crate::rng::Stream;
use crate::units::{Month, Sek, SekTotal};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of eviction-prevention outreach.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutreachConfig {
    /// First scenario month it acts (0 or less: already in place).
    #[serde(default)]
    pub start_month: i32,
    /// First scenario month it no longer acts (absent: never ends).
    #[serde(default)]
    pub end_month: Option<i32>,
    /// Contacts the team can make per year, whole municipality.
    #[serde(default = "default_contacts")]
    pub contacts_per_year: f64,
    /// Chance that a tenant in arrears is reached in a month (assumption: 0.8).
    #[serde(default = "default_reach")]
    pub reach_share: f64,
    /// Chance that a contact ends in a payment plan that settles the arrears (assumption: 0.6).
    #[serde(default = "default_success")]
    pub success_share: f64,
    /// Share of settled arrears paid by social assistance (assumption: 0.3).
    #[serde(default = "default_assist")]
    pub assistance_pays_share: f64,
    /// Staff cost per contact, SEK (assumption: 3000).
    #[serde(default = "default_cost")]
    pub cost_sek_per_contact: f64,
    /// Contact priority groups first: families with children, under 25, over 65.
    #[serde(default = "default_true")]
    pub prioritise_groups: bool,
}

/// The settings table of outreach.
pub const SETTINGS: &[Setting] = &[
    Setting {
        name: "contacts_per_year",
        label: "Contacts",
        unit: "contacts/year",
        value: Value::Number { default: 1000.0, min: 0.0, max: 1e6 },
        description: "Contacts the team can make a year, whole municipality.",
        source: "assumption: 1,000 (seed 002 describes Norrköping's \"Bo kvar\" and Södertälje's teams without numbers)",
    },
    share(
        "reach_share",
        "Reached",
        0.8,
        "Chance that a tenant in arrears is reached in a month.",
        "assumption: 0.8 (seed 002, Nynäshamn: monthly home visits)",
    ),
    share(
        "success_share",
        "Payment plan succeeds",
        0.6,
        "Chance that a contact ends in a payment plan that settles the arrears.",
        "assumption: 0.6; parameters_misc.csv: public housing companies estimate two evictions avoided per eviction executed",
    ),
    share(
        "assistance_pays_share",
        "Paid by assistance",
        0.3,
        "Share of the settled arrears that social assistance pays.",
        "assumption: 0.3",
    ),
    Setting {
        name: "cost_sek_per_contact",
        label: "Cost per contact",
        unit: "SEK",
        value: Value::Number { default: 3000.0, min: 0.0, max: 1e6 },
        description: "Staff cost per contact.",
        source: "assumption: 3,000 SEK (a few hours of a social worker's time)",
    },
    Setting {
        name: "prioritise_groups",
        label: "Priority groups first",
        unit: "",
        value: Value::Flag { default: true },
        description: "Contact priority groups first: families with children, adults under 25, over 65.",
        source: "seed 002 (Södertälje)",
    },
];

fn default_contacts() -> f64 {
    const { row(SETTINGS, "contacts_per_year").number() }
}
fn default_reach() -> f64 {
    const { row(SETTINGS, "reach_share").number() }
}
fn default_success() -> f64 {
    const { row(SETTINGS, "success_share").number() }
}
fn default_assist() -> f64 {
    const { row(SETTINGS, "assistance_pays_share").number() }
}
fn default_cost() -> f64 {
    const { row(SETTINGS, "cost_sek_per_contact").number() }
}
fn default_true() -> bool {
    const { row(SETTINGS, "prioritise_groups").flag() }
}

impl Settings for OutreachConfig {
    fn settings() -> &'static [Setting] {
        SETTINGS
    }
}

/// Eviction-prevention outreach as a policy module.
#[derive(Clone, Debug)]
pub struct Outreach {
    pub(super) config: OutreachConfig,
    carry: f64,
    /// Last contact per household serial number, to leave six months between contacts.
    contacted: std::collections::HashMap<u32, Month>,
    contacts: u32,
    settled: u32,
    cost: f64,
}

impl Outreach {
    /// Builds the instrument from its settings.
    pub fn new(config: OutreachConfig) -> Self {
        Outreach { config, carry: 0.0, contacted: Default::default(), contacts: 0, settled: 0, cost: 0.0 }
    }
}

impl Policy for Outreach {
    fn kind(&self) -> &'static str {
        "outreach"
    }
    fn begin_month(&mut self) {
        self.contacts = 0;
        self.settled = 0;
        self.cost = 0.0;
    }

    fn start_month(&self) -> i32 {
        self.config.start_month
    }
    fn end_month(&self) -> Option<i32> {
        self.config.end_month
    }

    fn before_pipeline(&mut self, w: &mut World, ctx: &mut Ctx) {
        let mut budget = monthly_quota(self.config.contacts_per_year, w.scale, &mut self.carry);
        let month = w.month;
        let h = &w.households;
        // Tenants who owe rent, from the first missed rent to a payment order.
        let mut targets: Vec<(u8, usize)> = (0..h.len())
            .filter(|&i| h.status[i].pays_rent() && h.arrears[i].0 > 0 && h.stage[i] <= Stage::PaymentOrder)
            .filter(|&i| self.contacted.get(&h.uid[i]).is_none_or(|&m| month.since(m) >= 6))
            .map(|i| {
                let age = h.age(i, month);
                let group = h.children[i] > 0 || !(25..=65).contains(&age);
                (if self.config.prioritise_groups && group { 0 } else { 1 }, i)
            })
            .collect();
        targets.sort();
        for (_, i) in targets {
            if budget == 0 {
                break;
            }
            let uid = w.households.uid[i];
            let mut d = w.streams.rng(Stream::Policy, uid, month.0, 0x100 | ctx.index);
            if !d.chance(self.config.reach_share) {
                continue;
            }
            budget -= 1;
            self.contacts += 1;
            self.contacted.insert(uid, month);
            self.cost += self.config.cost_sek_per_contact;
            if d.chance(self.config.success_share) {
                let h = &mut w.households;
                self.cost += h.arrears[i].0 as f64 * self.config.assistance_pays_share;
                h.arrears[i] = Sek::ZERO;
                h.stage[i] = Stage::None;
                h.stage_due[i] = Month::NEVER;
                self.settled += 1;
                // The visit also checks whether the household lives below the
                // assistance norm (002, Södertälje): if so, assistance starts
                // next month instead of arrears building up again.
                if crate::model::income::below_norm(w, i) && w.households.source[i] != crate::model::household::IncomeSource::Assistance {
                    w.households.assistance_due[i] = month.plus(1);
                }
            }
        }
        // Forget contacts older than six months.
        self.contacted.retain(|_, m| month.since(*m) < 6);
        ctx.spend(SekTotal::from_f64(self.cost));
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::new_outreach_contacts, self.contacts as f64);
        row.add(Out::new_outreach_settled, self.settled as f64);
        row.add(Out::cost_outreach_sek, self.cost);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_rejects_bad_values() {
        let ok: OutreachConfig = toml::from_str("").unwrap();
        assert!(ok.check().is_ok());
        let bad = OutreachConfig { success_share: 1.5, ..ok.clone() };
        assert_eq!(bad.check().unwrap_err().0, "success_share");
        let bad = OutreachConfig { contacts_per_year: -1.0, ..ok };
        assert_eq!(bad.check().unwrap_err().0, "contacts_per_year");
    }
}
