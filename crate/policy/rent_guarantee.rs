//! Municipal rent guarantee (*kommunal hyresgaranti*): the municipality
//! guarantees a landlord some months of rent so that it accepts a tenant it
//! would otherwise reject, and pays if the tenant falls behind.
//!
//! Two kinds, as the seed describes them for Karlstad (002):
//! * `assistance` — for households on social assistance, whose income the
//!   landlord does not count (there: a one-year guarantee covering three
//!   months' rent, for clients with debts of at most 10,000 SEK);
//! * `own_income` — for households with an income of their own but a payment
//!   remark or debts other than rent.
//!
//! In the model: while fewer than `guarantees` are in force, the instrument
//! vouches for a rejected applicant of its kind (reasons: income not
//! counted or too low — `assistance`; payment remark or no permanent job —
//! `own_income`); applicants with rent arrears now are never covered. For
//! `duration_months` it pays the arrears of a guaranteed tenant under notice,
//! up to `months_covered` rents. Costs: administration per guarantee issued,
//! minus the state grant (5,000 SEK per guarantee, `costs_sweden.csv`), plus
//! payouts.
//!
//! ```toml
//! [[instruments]]
//! kind = "rent_guarantee"
//! guarantee_kind = "assistance"
//! guarantees = 60          # in force at once, whole municipality
//! ```

use crate::model::household::IncomeSource;
use crate::model::landlord::{Rejected, Rejection};
use crate::model::world::World;
use crate::policy::placement::{Sureties, Surety, scaled_capacity};
use crate::policy::setting::{Role, SizedTo, Value, instrument_settings};
use crate::policy::{Ctx, Policy};
use crate::results::{Out, Row};
use crate::rng::{Purpose, Stream};
use crate::units::Sek;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which households a guarantee is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeKind {
    /// Households on social assistance (income not counted by the landlord).
    Assistance,
    /// Households with their own income but a payment remark or no permanent job.
    OwnIncome,
}

impl crate::policy::setting::Choice for GuaranteeKind {}

instrument_settings! {
    /// Settings of a rent guarantee.
    pub struct RentGuaranteeConfig {
        guarantee_kind: GuaranteeKind {
            label: "For whom",
            unit: "",
            role: Role::Choice,
            value: Value::Choice { default: None, options: &["assistance", "own_income"] },
            description: "assistance: households on social assistance, whose income the landlord does not count; own_income: households with an income of their own but a payment remark or no permanent job.",
            source: "seed 002: Karlstad's two kinds of guarantee",
            sv: {
                label: "För vem",
                description: "Försörjningsstöd: hushåll med försörjningsstöd, vars inkomst hyresvärden inte räknar; egen inkomst: hushåll med egen inkomst men betalningsanmärkning eller utan fast anställning.",
                source: "SABO m.fl. 2014 (seed 002): Karlstads två sorters garanti",
            },
        },
        guarantees: f64 {
            label: "Guarantees in force",
            unit: "guarantees",
            role: Role::Count(SizedTo::Place),
            value: Value::Number { default: 50.0, min: 0.0, max: 1e6 },
            description: "Guarantees in force at once, whole municipality.",
            source: "seed 002: Karlstad had 59 and 49 guarantees of the two kinds",
            sv: {
                label: "Garantier samtidigt",
                description: "Garantier som löper samtidigt, hela kommunen.",
                source: "SABO m.fl. 2014 (seed 002): Karlstad hade 59 och 49 garantier av de två sorterna",
            },
        },
        duration_months: u32 {
            label: "Length of a guarantee",
            unit: "months",
            role: Role::Duration,
            value: Value::Whole { default: 12, min: 1, max: 120 },
            description: "Months a guarantee lasts.",
            source: "seed 002: Karlstad's guarantee lasts one year",
            sv: {
                label: "Garantins längd",
                description: "Månader som en garanti gäller.",
                source: "SABO m.fl. 2014 (seed 002): Karlstads garanti gäller ett år",
            },
        },
        months_covered: f64 {
            label: "Rents covered",
            unit: "months of rent",
            role: Role::Factor,
            value: Value::Number { default: 3.0, min: 0.0, max: 24.0 },
            description: "Months of rent the municipality pays at most if the tenant falls behind.",
            source: "seed 002: Karlstad covers three months' rent",
            sv: {
                label: "Täckta månadshyror",
                description: "Högst så många månadshyror betalar kommunen om hyresgästen kommer efter.",
                source: "SABO m.fl. 2014 (seed 002): Karlstad täcker tre månadshyror",
            },
        },
        admin_cost_sek: f64 {
            label: "Administration per guarantee",
            unit: "SEK",
            role: Role::Money,
            value: Value::Number { default: 3000.0, min: 0.0, max: 1e6 },
            description: "Administration cost per guarantee issued.",
            source: "assumption: 3,000 SEK",
            sv: {
                label: "Administration per garanti",
                description: "Administrationskostnad per utfärdad garanti.",
                source: "antagande: 3 000 kr",
            },
        },
        state_grant_sek: f64 {
            label: "State grant per guarantee",
            unit: "SEK",
            role: Role::Money,
            value: Value::Number { default: 5000.0, min: 0.0, max: 1e6 },
            description: "State grant per guarantee issued, subtracted from the municipality's cost.",
            source: "costs_sweden.csv: 5,000 SEK per guarantee",
            sv: {
                label: "Statligt bidrag per garanti",
                description: "Statligt bidrag per utfärdad garanti, som dras från kommunens kostnad.",
                source: "costs_sweden.csv: 5 000 kr per garanti",
            },
        },
        landlord_acceptance_share: f64 {
            label: "Landlords accept",
            unit: "share",
            role: Role::Share,
            value: Value::share(0.8),
            description: "Chance that a landlord who rejected the applicant accepts a municipal guarantee.",
            source: "assumption: 0.8",
            sv: {
                label: "Hyresvärdar godtar",
                description: "Chans att en hyresvärd som avvisat den sökande godtar en kommunal garanti.",
                source: "antagande: 0,8",
            },
        },
        guarantees_in_force: Option<f64> {
            label: "Guarantees in force at start",
            unit: "guarantees",
            role: Role::InForce(SizedTo::Place),
            value: Value::Optional {
                min: 0.0,
                max: 1e6,
                absent: "in place at the scenario's start: every guarantee in force; starting later: none",
            },
            description: "Guarantees in force when the instrument starts, whole municipality (at most guarantees), held by first-hand tenants of the guarantee's kind at highest risk.",
            source: "seed 002: Karlstad 59 (assistance) and 49 (own income) in force",
            sv: {
                label: "Garantier vid start",
                description: "Garantier som löper när insatsen startar, hela kommunen (högst antalet garantier); de hålls av förstahandshyresgäster av garantins sort med högst risk.",
                source: "SABO m.fl. 2014 (seed 002): Karlstad 59 (försörjningsstöd) och 49 (egen inkomst)",
            },
        },
    }
}

/// A rent guarantee as a policy module.
#[derive(Clone, Debug)]
pub struct RentGuarantee {
    pub(super) config: RentGuaranteeConfig,
    sureties: Sureties,
    issued: u32,
    payouts: i64,
}

impl RentGuarantee {
    /// Builds the instrument from its settings.
    pub fn new(config: RentGuaranteeConfig) -> Self {
        RentGuarantee { config, sureties: Sureties::default(), issued: 0, payouts: 0 }
    }
}

/// Whether the landlord accepts the guarantee for a rejected applicant.
const LANDLORD_ACCEPTS: Purpose = Purpose::new(Stream::Policy, 0);
/// The guarantees in force at the start (drawn through the start's steps).
const IN_FORCE: Purpose = Purpose::new(Stream::Synthesis, 2);

impl Policy for RentGuarantee {
    fn purposes(&self) -> &'static [Purpose] {
        &[LANDLORD_ACCEPTS, IN_FORCE]
    }

    fn begin_month(&mut self) {
        self.issued = 0;
        self.payouts = 0;
    }

    fn establish(&mut self, w: &mut World, ctx: &mut Ctx) {
        let c = &self.config;
        let stock = crate::policy::placement::stock_in_force(c.guarantees_in_force, c.window.start_month, c.guarantees).min(c.guarantees);
        let kind = c.guarantee_kind;
        self.sureties.establish(w, scaled_capacity(stock, w.scale), c.duration_months, c.months_covered, ctx.key(IN_FORCE), |w, i| {
            let on_assistance = w.households.source[i] == IncomeSource::Assistance;
            match kind {
                GuaranteeKind::Assistance => on_assistance,
                GuaranteeKind::OwnIncome => !on_assistance && w.households.has_remark(i, w.month),
            }
        });
    }

    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        // Issues are booked when made (in the market phase); now the payouts.
        let (paid, _) = self.sureties.settle(w);
        self.payouts = paid;
        ctx.spend(paid as f64);
    }

    fn vouch(&mut self, w: &World, rejected: Rejected, ctx: &mut Ctx) -> bool {
        let (household, dwelling, reason) = (rejected.household.index(), rejected.dwelling.index(), rejected.reason);
        if self.sureties.len() >= scaled_capacity(self.config.guarantees, w.scale) {
            return false;
        }
        let h = &w.households;
        let on_assistance = h.source[household] == IncomeSource::Assistance;
        let covered = match self.config.guarantee_kind {
            GuaranteeKind::Assistance => on_assistance && matches!(reason, Rejection::Income | Rejection::Remark),
            GuaranteeKind::OwnIncome => !on_assistance && matches!(reason, Rejection::Remark | Rejection::NotPermanent),
        };
        if !covered {
            return false;
        }
        let mut d = w.streams.at(ctx.key(LANDLORD_ACCEPTS), h.uid[household], w.month.0);
        if !d.chance(self.config.landlord_acceptance_share) {
            return false;
        }
        let rent = w.dwellings.rent[dwelling].0 as f64;
        self.sureties.add(Surety {
            slot: household as u32,
            uid: h.uid[household],
            dwelling: dwelling as u32,
            until: w.month.plus(self.config.duration_months),
            cover: Sek::from_f64(rent * self.config.months_covered),
        });
        self.issued += 1;
        let net = self.config.admin_cost_sek - self.config.state_grant_sek;
        ctx.spend(net);
        true
    }

    /// The households under its guarantees.
    fn held(&self, _w: &World, out: &mut Vec<u32>) {
        out.extend(self.sureties.uids());
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::n_rent_guarantees, self.sureties.len() as f64);
        row.add(Out::new_rent_guarantees, self.issued as f64);
    }
}
