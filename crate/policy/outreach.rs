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
use crate::policy::setting::{Role, SizedTo, Value, instrument_settings};
use crate::policy::{Ctx, Policy};
use crate::results::{Out, Row};
use crate::rng::{Purpose, Stream};
use crate::units::Month;

instrument_settings! {
    /// Settings of eviction-prevention outreach.
    pub struct OutreachConfig {
        contacts_per_year: f64 {
            label: "Contacts",
            unit: "contacts/year",
            role: Role::Volume(SizedTo::Place),
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
            role: Role::Share,
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
            role: Role::Share,
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
            role: Role::Share,
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
            role: Role::Money,
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
            role: Role::Flag,
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

/// A contact: whether the household is reached, and whether the visit settles its debt.
const CONTACT: Purpose = Purpose::new(Stream::Policy, 0);

impl Policy for Outreach {
    fn purposes(&self) -> &'static [Purpose] {
        &[CONTACT]
    }

    fn begin_month(&mut self) {
        self.contacts = 0;
        self.settled = 0;
    }

    fn before_pipeline(&mut self, w: &mut World, ctx: &mut Ctx) {
        let mut budget = monthly_quota(self.config.contacts_per_year, w.scale, &mut self.carry);
        let month = w.month;
        let h = &w.households;
        // Tenants who owe rent, from the first missed rent to a payment
        // order, not contacted in the last six months; the priority groups
        // first, each in slot order. One branch per household on the whole
        // test (`&`, not `&&`): few households owe rent, so it is predicted
        // well, where a test of the status alone is mispredicted often
        // (statuses are interleaved across slots). Issue 17: this scan, with
        // a sort of its result, was 7% of a national run.
        let (mut first, mut rest) = (Vec::new(), Vec::new());
        for (i, ((status, arrears), stage)) in h.status.iter().zip(&h.arrears).zip(&h.stage).enumerate() {
            if !((arrears.0 > 0) & status.pays_rent() & (*stage <= Stage::PaymentOrder)) {
                continue;
            }
            if self.contacted.get(&h.uid[i]).is_some_and(|&m| month.since(m) < 6) {
                continue;
            }
            let age = h.age(i, month);
            let group = h.children[i] > 0 || !(25..=65).contains(&age);
            if self.config.prioritise_groups && group { first.push(i) } else { rest.push(i) }
        }
        let targets = first.into_iter().chain(rest);
        let contact = ctx.key(CONTACT);
        let mut cost = 0.0;
        for i in targets {
            if budget == 0 {
                break;
            }
            let uid = w.households.uid[i];
            let mut d = w.streams.at(contact, uid, month.0);
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

    /// The tenants it contacted in the last twelve months who still have
    /// their home: those it may have kept housed.
    fn held(&self, w: &World, out: &mut Vec<u32>) {
        if self.contacted.is_empty() {
            return;
        }
        let h = &w.households;
        for i in 0..h.len() {
            if h.status[i].pays_rent()
                && let Some(&m) = self.contacted.get(&h.uid[i])
                && w.month.since(m) < 12
            {
                out.push(h.uid[i]);
            }
        }
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::new_outreach_contacts, self.contacts as f64);
        row.add(Out::new_outreach_settled, self.settled as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::household::Status;
    use crate::policy::Ledger;

    /// A small town with nobody owing rent, and three tenants to owe it: two
    /// of working age without children (the lower slots) and a family.
    fn town() -> (World, [usize; 3]) {
        let preset = crate::presets::find("Nynäshamn").unwrap();
        let mut w = crate::model::synth::synthesise(&preset, &crate::params::Params::default(), 0.05, 1, 0);
        w.month = Month(30);
        let h = &mut w.households;
        h.arrears.iter_mut().for_each(|a| a.0 = 0);
        let working_age = |h: &crate::model::household::Households, i: usize| {
            h.status[i] == Status::FirstHand && h.children[i] == 0 && (30..=60).contains(&h.age(i, Month(30)))
        };
        let mut single = (0..h.len()).filter(|&i| working_age(h, i));
        let (a, b) = (single.next().unwrap(), single.next().unwrap());
        let family = (b + 1..h.len()).find(|&i| working_age(h, i)).unwrap();
        h.children[family] = 2;
        for i in [a, b, family] {
            h.arrears[i].0 = 5_000;
            h.stage[i] = Stage::Arrears;
        }
        (w, [a, b, family])
    }

    /// Outreach reaching everyone it contacts, with room for `contacts` a month.
    fn outreach(w: &World, contacts: f64, prioritise: bool) -> Outreach {
        let text = format!(
            "contacts_per_year = {}\nreach_share = 1.0\nsuccess_share = 1.0\nprioritise_groups = {prioritise}\n",
            contacts * 12.0 / w.scale
        );
        Outreach::new(toml::from_str(&text).unwrap())
    }

    fn contact(o: &mut Outreach, w: &mut World) {
        o.begin_month();
        let (drawer, purposes) = (crate::rng::Drawer::instrument(crate::policy::Registered::kind_number(o), 0), o.purposes());
        o.before_pipeline(w, &mut Ctx::new(drawer, purposes, &mut Ledger::default()));
    }

    #[test]
    fn priority_groups_are_contacted_first_then_slot_order() {
        let (mut w, [a, b, family]) = town();
        let mut o = outreach(&w, 1.0, true);
        contact(&mut o, &mut w);
        assert_eq!(o.contacts, 1);
        assert_eq!(w.households.arrears[family].0, 0, "the family first, though its slot is last");
        assert!(w.households.arrears[a].0 > 0 && w.households.arrears[b].0 > 0);
        w.month = w.month.plus(1);
        contact(&mut o, &mut w);
        assert_eq!(w.households.arrears[a].0, 0, "then the lower slot");
        assert!(w.households.arrears[b].0 > 0);
    }

    #[test]
    fn without_priority_the_lowest_slot_comes_first() {
        let (mut w, [a, b, family]) = town();
        let mut o = outreach(&w, 1.0, false);
        contact(&mut o, &mut w);
        assert_eq!(w.households.arrears[a].0, 0);
        assert!(w.households.arrears[b].0 > 0 && w.households.arrears[family].0 > 0);
    }

    #[test]
    fn a_tenant_contacted_within_six_months_is_not_contacted_again() {
        let (mut w, [a, _, family]) = town();
        let mut o = outreach(&w, 3.0, true);
        // The family was contacted five months ago and owes rent again.
        o.contacted.insert(w.households.uid[family], Month(25));
        contact(&mut o, &mut w);
        assert_eq!(o.contacts, 2, "the two others only");
        assert!(w.households.arrears[family].0 > 0);
        assert_eq!(w.households.arrears[a].0, 0);
        // Six months after that contact it is due again.
        w.households.arrears[a].0 = 0;
        w.month = Month(31);
        contact(&mut o, &mut w);
        assert_eq!(w.households.arrears[family].0, 0);
    }
}
