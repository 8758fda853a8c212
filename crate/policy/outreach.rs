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

use crate::model::household::HouseholdId;
use crate::model::household::Stage;
use crate::model::moves::settle_arrears;
use crate::model::world::World;
use crate::policy::placement::monthly_quota;
use crate::policy::setting::{Value, instrument_settings};
use crate::policy::{Ctx, Policy};
use crate::results::{Out, Row};
use crate::rng::Stream;
use crate::units::Month;

instrument_settings! {
    /// Settings of eviction-prevention outreach.
    pub struct OutreachConfig {
        contacts_per_year: f64 {
            label: "Contacts",
            unit: "contacts/year",
            value: Value::Number { default: 1000.0, min: 0.0, max: 1e6 },
            description: "Contacts the team can make a year, whole municipality.",
            source: "assumption: 1,000 (seed 002 describes Norrköping's \"Bo kvar\" and Södertälje's teams without numbers)",
            sv: {
                label: "Kontakter per år",
                description: "Kontakter som teamet kan ta per år, hela kommunen.",
                source: "antagande: 1 000; SABO m.fl. 2014 (seed 002) beskriver Norrköpings \"Bo kvar\" och Södertäljes team utan antal",
            },
        },
        reach_share: f64 {
            label: "Reached",
            unit: "share",
            value: Value::share(0.8),
            description: "Chance that a tenant in arrears is reached in a month.",
            source: "assumption: 0.8 (seed 002, Nynäshamn: monthly home visits)",
            sv: {
                label: "Nås",
                description: "Chans att en hyresgäst med hyresskuld nås under en månad.",
                source: "antagande: 0,8; SABO m.fl. 2014 (seed 002), Nynäshamn: hembesök varje månad",
            },
        },
        success_share: f64 {
            label: "Payment plan succeeds",
            unit: "share",
            value: Value::share(0.6),
            description: "Chance that a contact ends in a payment plan that settles the arrears.",
            source: "assumption: 0.6; parameters_misc.csv: public housing companies estimate two evictions avoided per eviction executed",
            sv: {
                label: "Avbetalningsplan lyckas",
                description: "Chans att en kontakt slutar i en avbetalningsplan som reglerar skulden.",
                source: "antagande: 0,6; parameters_misc.csv: allmännyttan uppskattar två undvikna vräkningar per verkställd",
            },
        },
        assistance_pays_share: f64 {
            label: "Paid by assistance",
            unit: "share",
            value: Value::share(0.3),
            description: "Share of the settled arrears that social assistance pays.",
            source: "assumption: 0.3",
            sv: {
                label: "Betalas av försörjningsstöd",
                description: "Andel av den reglerade skulden som försörjningsstödet betalar.",
                source: "antagande: 0,3",
            },
        },
        cost_sek_per_contact: f64 {
            label: "Cost per contact",
            unit: "SEK",
            value: Value::Number { default: 3000.0, min: 0.0, max: 1e6 },
            description: "Staff cost per contact.",
            source: "assumption: 3,000 SEK (a few hours of a social worker's time)",
            sv: {
                label: "Kostnad per kontakt",
                description: "Personalkostnad per kontakt.",
                source: "antagande: 3 000 kr (några timmar av en socialsekreterares tid)",
            },
        },
        prioritise_groups: bool {
            label: "Priority groups first",
            unit: "",
            value: Value::Flag { default: true },
            description: "Contact priority groups first: families with children, adults under 25, over 65.",
            source: "seed 002 (Södertälje)",
            sv: {
                label: "Prioriterade grupper först",
                description: "Kontakta prioriterade grupper först: barnfamiljer, vuxna under 25 och över 65 år.",
                source: "SABO m.fl. 2014 (seed 002) (Södertälje)",
            },
        },
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
}

impl Outreach {
    /// Builds the instrument from its settings.
    pub fn new(config: OutreachConfig) -> Self {
        Outreach { config, carry: 0.0, contacted: Default::default(), contacts: 0, settled: 0 }
    }
}

impl Policy for Outreach {
    fn begin_month(&mut self) {
        self.contacts = 0;
        self.settled = 0;
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
        let mut cost = 0.0;
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
            cost += self.config.cost_sek_per_contact;
            if d.chance(self.config.success_share) {
                // The visit settles the debt, assistance paying its share
                // (the household's stage is at most a payment order).
                let owed = settle_arrears(w, HouseholdId::at(i));
                cost += owed.0 as f64 * self.config.assistance_pays_share;
                self.settled += 1;
                // The visit also checks whether the household lives below the
                // assistance norm (002, Södertälje): if so, assistance starts
                // next month instead of arrears building up again.
                if crate::model::income::below_norm(w, HouseholdId::at(i))
                    && w.households.source[i] != crate::model::household::IncomeSource::Assistance
                {
                    w.households.assistance_due[i] = month.plus(1);
                }
            }
        }
        // Forget contacts older than six months.
        self.contacted.retain(|_, m| month.since(*m) < 6);
        ctx.spend(cost);
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::new_outreach_contacts, self.contacts as f64);
        row.add(Out::new_outreach_settled, self.settled as f64);
    }
}
