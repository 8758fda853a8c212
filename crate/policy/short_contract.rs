//! Short contracts with municipal surety (the Norrköping model): for people
//! without an income a landlord would accept, three-month contracts without
//! security of tenure, agreed between municipality, tenant and landlord,
//! with the municipality as surety; the contract is normalised after one to
//! two years. The tenant need not become a formal client of social services.
//!
//! Seed 002 (Norrköping): about 120 such agreements; private landlords now
//! provide about 65% of the flats, roughly their share of rentals; a relapse
//! into crime or substance use ends the agreement.
//!
//! In the model: up to `contracts_per_year`, when a landlord rejects an
//! applicant for income, no permanent job or a payment remark, the
//! municipality's surety makes the landlord accept (with chance
//! `landlord_acceptance_share`). For `normalise_months` the municipality
//! pays the tenant's arrears under notice; the contract then becomes an
//! ordinary one.
//!
//! ```toml
//! [[instruments]]
//! kind = "short_contract"
//! contracts_per_year = 60
//! normalise_months = 18
//! ```

use crate::model::household::IncomeSource;
use crate::model::landlord::Rejection;
use crate::model::world::World;
use crate::policy::placement::{Sureties, Surety, monthly_quota, scaled_capacity};
use crate::policy::setting::{Setting, Settings, Value, row, share};
use crate::policy::{Ctx, Policy};
use crate::results::{Out, Row};
use crate::rng::Stream;
use crate::units::{Sek, SekTotal};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of short contracts with municipal surety.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortContractConfig {
    /// First scenario month it acts (0 or less: already in place).
    #[serde(default)]
    pub start_month: i32,
    /// First scenario month it no longer acts (absent: never ends).
    #[serde(default)]
    pub end_month: Option<i32>,
    /// New contracts a year, whole municipality.
    #[serde(default = "default_contracts")]
    pub contracts_per_year: f64,
    /// Months until the contract is normalised (Norrköping: one to two years).
    #[serde(default = "default_normalise")]
    pub normalise_months: u32,
    /// Chance that a landlord accepts the surety (assumption: 0.9).
    #[serde(default = "default_accept")]
    pub landlord_acceptance_share: f64,
    /// Cost of support and administration per contract and month, SEK (assumption: 1000).
    #[serde(default = "default_cost")]
    pub cost_sek_per_contract_month: f64,
    /// Contracts in force at the instrument's start, whole municipality (absent: see the settings table).
    #[serde(default)]
    pub contracts_in_force: Option<f64>,
}

/// The settings table of short contracts.
pub const SETTINGS: &[Setting] = &[
    Setting {
        name: "contracts_per_year",
        label: "New contracts",
        unit: "contracts/year",
        value: Value::Number { default: 60.0, min: 0.0, max: 1e6 },
        description: "New contracts with municipal surety a year, whole municipality.",
        source: "seed 002: Norrköping has about 120 such agreements; assumption 60 a year",
    },
    Setting {
        name: "normalise_months",
        label: "Normalised after",
        unit: "months",
        value: Value::Whole { default: 18, min: 1, max: 120 },
        description: "Months until the contract becomes an ordinary one and the surety ends.",
        source: "seed 002 (Norrköping): one to two years",
    },
    share(
        "landlord_acceptance_share",
        "Landlords accept",
        0.9,
        "Chance that a landlord who rejected the applicant accepts the municipality's surety.",
        "seed 002: private landlords provide about 65% of Norrköping's flats; assumption 0.9",
    ),
    Setting {
        name: "cost_sek_per_contract_month",
        label: "Cost per contract",
        unit: "SEK/month",
        value: Value::Number { default: 1000.0, min: 0.0, max: 1e6 },
        description: "Cost of support and administration per contract and month, besides arrears paid.",
        source: "assumption: 1,000 SEK",
    },
    Setting {
        name: "contracts_in_force",
        label: "Contracts in force at start",
        unit: "contracts",
        value: Value::Optional {
            min: 0.0,
            max: 1e6,
            absent: "in place at the scenario's start: the stock its flow keeps in force, contracts_per_year × normalise_months/12; starting later: none",
        },
        description: "Short contracts with municipal surety in force when the instrument starts, whole municipality.",
        source: "seed 002: Norrköping about 120 agreements",
    },
];

fn default_contracts() -> f64 {
    const { row(SETTINGS, "contracts_per_year").number() }
}
fn default_normalise() -> u32 {
    const { row(SETTINGS, "normalise_months").whole() }
}
fn default_accept() -> f64 {
    const { row(SETTINGS, "landlord_acceptance_share").number() }
}
fn default_cost() -> f64 {
    const { row(SETTINGS, "cost_sek_per_contract_month").number() }
}

impl Settings for ShortContractConfig {
    fn settings() -> &'static [Setting] {
        SETTINGS
    }
}

/// Short contracts as a policy module.
#[derive(Clone, Debug)]
pub struct ShortContract {
    pub(super) config: ShortContractConfig,
    sureties: Sureties,
    carry: f64,
    available: u32,
    issued: u32,
    cost: f64,
}

impl ShortContract {
    /// Builds the instrument from its settings.
    pub fn new(config: ShortContractConfig) -> Self {
        ShortContract { config, sureties: Sureties::default(), carry: 0.0, available: 0, issued: 0, cost: 0.0 }
    }
}

impl Policy for ShortContract {
    fn kind(&self) -> &'static str {
        "short_contract"
    }
    fn begin_month(&mut self) {
        self.issued = 0;
        self.cost = 0.0;
    }

    fn start_month(&self) -> i32 {
        self.config.start_month
    }
    fn end_month(&self) -> Option<i32> {
        self.config.end_month
    }

    fn establish(&mut self, w: &mut World, ctx: &mut Ctx) {
        let c = &self.config;
        let stock = crate::policy::placement::stock_in_force(
            c.contracts_in_force,
            c.start_month,
            c.contracts_per_year * c.normalise_months as f64 / 12.0,
        );
        self.sureties.establish(w, scaled_capacity(stock, w.scale), c.normalise_months, 3.0, 0x820 | ctx.index, |w, i| {
            let h = &w.households;
            h.has_remark(i, w.month) || matches!(h.source[i], IncomeSource::Assistance | IncomeSource::Temporary)
        });
    }

    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        let (paid, _) = self.sureties.settle(w);
        self.available = monthly_quota(self.config.contracts_per_year, w.scale, &mut self.carry);
        self.cost = paid as f64 + self.sureties.len() as f64 * self.config.cost_sek_per_contract_month;
        ctx.spend(SekTotal::from_f64(self.cost));
    }

    fn vouch(&mut self, w: &World, household: usize, _landlord: usize, dwelling: usize, reason: Rejection, ctx: &mut Ctx) -> bool {
        if self.available == 0 || !matches!(reason, Rejection::Income | Rejection::NotPermanent | Rejection::Remark) {
            return false;
        }
        let h = &w.households;
        let mut d = w.streams.rng(Stream::Policy, h.uid[household], w.month.0, 0x800 | ctx.index);
        if !d.chance(self.config.landlord_acceptance_share) {
            return false;
        }
        self.available -= 1;
        self.issued += 1;
        let rent = w.dwellings.rent[dwelling].0;
        self.sureties.add(Surety {
            slot: household as u32,
            uid: h.uid[household],
            dwelling: dwelling as u32,
            until: w.month.plus(self.config.normalise_months),
            // The surety covers what falls due during the contract; three rents at most at a time.
            cover: Sek(rent.saturating_mul(3)),
        });
        true
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::n_short_contracts, self.sureties.len() as f64);
        row.add(Out::new_short_contracts, self.issued as f64);
        row.add(Out::cost_short_contract_sek, self.cost);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked() {
        let ok: ShortContractConfig = toml::from_str("").unwrap();
        assert!(ok.check().is_ok());
        let bad = ShortContractConfig { normalise_months: 0, ..ok };
        assert_eq!(bad.check().unwrap_err().0, "normalise_months");
    }
}
