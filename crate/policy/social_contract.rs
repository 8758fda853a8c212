//! Social (municipal) contracts — the secondary housing market: the
//! municipality rents flats first-hand and sublets them with conditions;
//! after a trial period without problems the contract may pass to the
//! tenant, with the landlord's consent.
//!
//! Seed 002: Göteborg lets with an 18-month trial and 250–300 transfers a
//! year, which the landlord cannot refuse after a trial without problems;
//! Nynäshamn sees about ten per cent a year become first-hand, with a
//! lock-in effect (landlords like the municipality's steady rent and
//! oversight); Södertälje transfers after two years; Karlstad and Västerås
//! require six months without drugs. Nationally about 16,400 social
//! contracts in 2013 (`secondary_housing_market.csv`) at a gross cost of
//! about 100,000 SEK per flat and year (`costs_sweden.csv`, derived).
//!
//! In the model: each month the instrument places up to `contracts_per_year`
//! / 12 homeless households — families and people exposed to violence
//! first, then those homeless longest; households with substance use only
//! with chance `sober_share` — in flats from the municipal pool (fed by a
//! vacancy quota, municipal stock or the instrument's own `leases_per_year`
//! from the open market). Contract holders are in situation 3. After
//! `trial_months` a contract passes to the tenant at `transfer_rate_per_year`;
//! arrears and disturbance can end it like any tenancy.
//!
//! ```toml
//! [[instruments]]
//! kind = "social_contract"
//! contracts_per_year = 400
//! leases_per_year = 400
//! trial_months = 18
//! transfer_rate_per_year = 0.5
//! ```

use crate::model::dwelling::DwellingId;
use crate::model::household::HouseholdId;
use crate::model::household::{Needs, Status};
use crate::model::world::World;
use crate::policy::placement::{
    Placements, establish_placements, homeless_candidates, lease_if_wanted, monthly_quota, release_to_landlord, scaled_capacity,
};
use crate::policy::setting::{Role, SizedTo, Value, instrument_settings};
use crate::policy::{Ctx, FlatRole, Policy};
use crate::results::{Out, Row};
use crate::rng::{Purpose, Stream};
use crate::units::per_year_to_monthly_prob;

instrument_settings! {
    /// Settings of social contracts.
    pub struct SocialContractConfig {
        contracts_per_year: f64 {
            label: "New contracts",
            unit: "contracts/year",
            role: Role::Volume(SizedTo::Homeless),
            value: Value::Number { default: 100.0, min: 0.0, max: 1e6 },
            description: "Largest number of new contracts a year, whole municipality (flats permitting).",
            source: "secondary_housing_market.csv: about 16,400 social contracts nationally in 2013; assumption 100 a year for a mid-sized municipality",
            sv: {
                label: "Nya kontrakt per år",
                description: "Högst så många nya kontrakt per år, hela kommunen (om lägenheter finns).",
                source: "secondary_housing_market.csv: ungefär 16 400 sociala kontrakt i landet 2013; antagande 100 per år för en medelstor kommun",
            },
        },
        leases_per_year: f64 {
            label: "Own leases",
            unit: "flats/year",
            role: Role::Volume(SizedTo::Homeless),
            value: Value::Number { default: 0.0, min: 0.0, max: 1e6 },
            description: "Flats the municipality leases itself from the open market a year, whole municipality.",
            source: "assumption: none unless set; most flats come from a vacancy quota (seed 002)",
            sv: {
                label: "Egna inhyrningar per år",
                description: "Lägenheter som kommunen själv hyr in på den öppna marknaden per år, hela kommunen.",
                source: "antagande: inga om inte scenariot anger det; de flesta lägenheter kommer från en kvot av lediga lägenheter, enligt SABO m.fl. 2014 (seed 002)",
            },
        },
        trial_months: u32 {
            label: "Trial period",
            unit: "months",
            role: Role::Duration,
            value: Value::Whole { default: 18, min: 0, max: 120 },
            description: "Months of trial before a contract can pass to the tenant.",
            source: "seed 002: Göteborg lets with an 18-month trial; Södertälje transfers after two years",
            sv: {
                label: "Prövotid",
                description: "Månader av prövotid innan ett kontrakt kan gå över till hyresgästen.",
                source: "SABO m.fl. 2014 (seed 002): Göteborg hyr ut med 18 månaders prövotid; Södertälje låter kontraktet gå över efter två år",
            },
        },
        transfer_rate_per_year: f64 {
            label: "Transfer rate",
            unit: "per year",
            role: Role::Rate,
            value: Value::Number { default: 0.3, min: 0.0, max: 12.0 },
            description: "Rate at which contracts past their trial pass to the tenant (landlord consent).",
            source: "seed 002: Nynäshamn sees about ten per cent a year become first-hand; Göteborg 250–300 transfers a year; assumption 0.3",
            sv: {
                label: "Övertagandetakt",
                description: "Takt med vilken kontrakt efter prövotiden går över till hyresgästen (hyresvärden måste samtycka).",
                source: "SABO m.fl. 2014 (seed 002): i Nynäshamn blir ungefär tio procent per år förstahandskontrakt; Göteborg 250–300 övertaganden per år; antagande 0,3",
            },
        },
        sober_share: f64 {
            label: "Meets sobriety requirement",
            unit: "share",
            role: Role::Share,
            value: Value::share(0.5),
            description: "Chance that a household with substance use meets the sobriety requirement.",
            source: "seed 002: Karlstad and Västerås require six months without drugs; assumption 0.5",
            sv: {
                label: "Klarar nykterhetskrav",
                description: "Chans att ett hushåll med missbruk klarar kravet på nykterhet.",
                source: "SABO m.fl. 2014 (seed 002): Karlstad och Västerås kräver sex månader utan droger; antagande 0,5",
            },
        },
        cost_sek_per_contract_month: f64 {
            label: "Net cost per contract",
            unit: "SEK/month",
            role: Role::Money,
            value: Value::Number { default: 2000.0, min: 0.0, max: 1e6 },
            description: "Net cost to the municipality per contract and month (rent is paid by the tenant).",
            source: "costs_sweden.csv: gross about 100,000 SEK per flat and year (about 8,300 a month); assumption 2,000 net",
            sv: {
                label: "Nettokostnad per kontrakt",
                description: "Kommunens nettokostnad per kontrakt och månad (hyran betalas av hyresgästen).",
                source: "costs_sweden.csv: brutto ungefär 100 000 kr per lägenhet och år (ungefär 8 300 per månad); antagande 2 000 kr netto",
            },
        },
        contracts_in_force: Option<f64> {
            label: "Contracts in force at start",
            unit: "contracts",
            role: Role::InForce(SizedTo::Homeless),
            value: Value::Optional {
                min: 0.0,
                max: 1e6,
                absent: "in place at the scenario's start: the stock its flow keeps in force, contracts_per_year × (trial_months/12 + 1/transfer_rate_per_year), at most ten years of contracts; starting later: none",
            },
            description: "Contracts in force when the instrument starts, whole municipality; they are held by homeless households (then those at highest risk) in municipal flats.",
            source: "secondary_housing_market.csv: 16,386 social contracts in 2013; each preset states its municipality's stock from seed 002",
            sv: {
                label: "Kontrakt vid start",
                description: "Kontrakt som löper när insatsen startar, hela kommunen; de hålls av hemlösa hushåll (därefter de med högst risk) i kommunens lägenheter.",
                source: "secondary_housing_market.csv: 16 386 sociala kontrakt 2013; varje förinställd kommun anger sitt bestånd enligt SABO m.fl. 2014 (seed 002)",
            },
        },
    }
}

/// Social contracts as a policy module.
#[derive(Clone, Debug)]
pub struct SocialContract {
    pub(super) config: SocialContractConfig,
    placements: Placements,
    place_carry: f64,
    lease_carry: f64,
    leases_wanted: u32,
    new: u32,
    transferred: u32,
    ended: u32,
}

impl SocialContract {
    /// Builds the instrument from its settings.
    pub fn new(config: SocialContractConfig) -> Self {
        SocialContract {
            config,
            placements: Placements::default(),
            place_carry: 0.0,
            lease_carry: 0.0,
            leases_wanted: 0,
            new: 0,
            transferred: 0,
            ended: 0,
        }
    }
}

/// Whether a contract past its trial becomes the tenant's own this month.
const TRANSFER: Purpose = Purpose::new(Stream::Policy, 0);
/// Whether a homeless candidate with substance use counts as sober.
const SOBER: Purpose = Purpose::new(Stream::Policy, 1);
/// The contracts in force at the start (drawn through the start's steps).
const IN_FORCE: Purpose = Purpose::new(Stream::Synthesis, 2);
/// Whether a candidate for a contract in force with substance use counts as sober.
const SOBER_IN_FORCE: Purpose = Purpose::new(Stream::Policy, 3);

impl Policy for SocialContract {
    fn purposes(&self) -> &'static [Purpose] {
        &[TRANSFER, SOBER, IN_FORCE, SOBER_IN_FORCE]
    }

    fn begin_month(&mut self) {
        self.new = 0;
        self.transferred = 0;
        self.ended = 0;
    }

    fn establish(&mut self, w: &mut World, ctx: &mut Ctx) {
        let c = &self.config;
        let years =
            (c.trial_months as f64 / 12.0 + if c.transfer_rate_per_year > 0.0 { 1.0 / c.transfer_rate_per_year } else { 10.0 }).min(10.0);
        let stock = crate::policy::placement::stock_in_force(c.contracts_in_force, c.window.start_month, c.contracts_per_year * years);
        let (sober_key, sober) = (ctx.key(SOBER_IN_FORCE), c.sober_share);
        establish_placements(
            w,
            &mut self.placements,
            scaled_capacity(stock, w.scale),
            Status::SocialContract,
            (years * 12.0) as u32,
            ctx.key(IN_FORCE),
            |w, i| !w.households.needs[i].has(Needs::SUBSTANCE) || w.streams.at(sober_key, w.households.uid[i], w.month.0).chance(sober),
        );
    }

    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        self.ended = self.placements.prune(w, &[Status::SocialContract]).len() as u32;
        // Transfers to first-hand contracts after the trial.
        let p_transfer = per_year_to_monthly_prob(self.config.transfer_rate_per_year);
        let trial = self.config.trial_months;
        let transfer = ctx.key(TRANSFER);
        let mut keep = Vec::with_capacity(self.placements.list.len());
        for pl in std::mem::take(&mut self.placements.list) {
            let i = pl.slot as usize;
            let mut d = w.streams.at(transfer, pl.uid, w.month.0);
            let clean = w.households.arrears[i].0 == 0;
            if pl.months_in(w.month) >= trial && clean && d.chance(p_transfer) {
                release_to_landlord(w, DwellingId(pl.dwelling));
                crate::model::moves::set_status(
                    w,
                    HouseholdId::at(i),
                    Status::FirstHand,
                    Some(DwellingId(pl.dwelling)),
                    crate::model::moves::Cause::Instrument,
                );
                self.transferred += 1;
            } else {
                keep.push(pl);
            }
        }
        self.placements.list = keep;
        // New contracts.
        let mut n = monthly_quota(self.config.contracts_per_year, w.scale, &mut self.place_carry);
        let sober_key = ctx.key(SOBER);
        let month = w.month.0;
        let sober = self.config.sober_share;
        let candidates = homeless_candidates(w, |w, i| {
            !w.households.needs[i].has(Needs::SUBSTANCE) || w.streams.at(sober_key, w.households.uid[i], month).chance(sober)
        });
        for i in candidates {
            if n == 0 {
                break;
            }
            let Some(flat) = w.municipal.take(&w.dwellings, w.households.persons(i)) else { break };
            self.placements.place(w, HouseholdId::at(i), flat, Status::SocialContract);
            self.new += 1;
            n -= 1;
        }
        self.leases_wanted = monthly_quota(self.config.leases_per_year, w.scale, &mut self.lease_carry);
        ctx.spend(self.placements.list.len() as f64 * self.config.cost_sek_per_contract_month);
    }

    /// Leases rentals of any landlord, `leases_per_year`.
    fn claim_vacancy(&mut self, w: &mut World, dwelling: DwellingId, _ctx: &mut Ctx) -> bool {
        lease_if_wanted(w, dwelling, &mut self.leases_wanted, false)
    }

    /// The households on its contracts.
    fn held(&self, _w: &World, out: &mut Vec<u32>) {
        out.extend(self.placements.list.iter().map(|p| p.uid));
    }

    fn municipal_flats(&self) -> FlatRole {
        FlatRole::Places
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::n_social_contracts, self.placements.list.len() as f64);
        row.add(Out::new_social_contracts, self.new as f64);
        row.add(Out::new_social_contract_transfers, self.transferred as f64);
        row.add(Out::new_social_contracts_ended, self.ended as f64);
    }
}
