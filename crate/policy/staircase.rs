//! The staircase (*boendetrappa*): training flat → support agreement → own
//! contract, one step a year without setbacks; a setback ends the training
//! flat at short notice.
//!
//! Seed 002 (Västerås): about 60 training flats and 240 support agreements;
//! training flats for people drug-free for six months, who can be evicted
//! within 24 hours; after a year without disturbance or missed payments the
//! flat becomes a support agreement — the tenant's own contract with a
//! municipal surety — and after another year without problems the
//! municipality's responsibility ends. Families with children go straight to
//! a support agreement. Jönköping's category flats and guarantee flats are a
//! staircase too.
//!
//! In the model: households with substance use or psychiatric needs who
//! meet the sobriety requirement (`sober_share`) get training flats
//! (situation 3) from the municipal pool while there are places; families
//! get support agreements directly. A training flat ends in a setback at
//! `setback_rate_per_year` (back to losing one's home) or, after
//! `months_per_step`, becomes a support agreement: a first-hand contract
//! (homelessness ends) whose arrears the municipality pays for
//! `months_per_step`, after which the flat is the tenant's like any other.
//!
//! ```toml
//! [[instruments]]
//! kind = "staircase"
//! training_flats = 60
//! support_agreements = 240
//! ```

use crate::model::dwelling::DwellingId;
use crate::model::household::HouseholdId;
use crate::model::household::{Needs, Status};
use crate::model::moves::{Cause, displace, set_status, settle_arrears};
use crate::model::world::World;
use crate::policy::placement::{Placements, establish_placements, homeless_candidates, release_to_landlord, scaled_capacity};
use crate::policy::setting::{Role, SizedTo, Value, instrument_settings};
use crate::policy::{Ctx, FlatRole, Policy};
use crate::results::{Out, Row};
use crate::rng::{Purpose, Stream};
use crate::units::per_year_to_monthly_prob;

instrument_settings! {
    /// Settings of the staircase.
    pub struct StaircaseConfig {
        training_flats: f64 {
            label: "Training flats",
            unit: "flats",
            role: Role::Count(SizedTo::SupportNeeds),
            value: Value::Number { default: 30.0, min: 0.0, max: 1e6 },
            description: "Training flats at once, whole municipality.",
            source: "seed 002: Västerås has about 60 training flats; assumption 30",
            sv: {
                label: "Träningslägenheter",
                description: "Träningslägenheter samtidigt, hela kommunen.",
                source: "SABO m.fl. 2014 (seed 002): Västerås har ungefär 60 träningslägenheter; antagande 30",
            },
        },
        support_agreements: f64 {
            label: "Support agreements",
            unit: "agreements",
            role: Role::Count(SizedTo::SupportNeeds),
            value: Value::Number { default: 100.0, min: 0.0, max: 1e6 },
            description: "Support agreements at once, whole municipality.",
            source: "seed 002: Västerås has about 240 support agreements; assumption 100",
            sv: {
                label: "Stödavtal",
                description: "Stödavtal samtidigt, hela kommunen.",
                source: "SABO m.fl. 2014 (seed 002): Västerås har ungefär 240 stödavtal; antagande 100",
            },
        },
        months_per_step: u32 {
            label: "Time on each step",
            unit: "months",
            role: Role::Duration,
            value: Value::Whole { default: 12, min: 1, max: 120 },
            description: "Months without setbacks on each step before the next.",
            source: "seed 002 (Västerås): a year on each step",
            sv: {
                label: "Tid på varje steg",
                description: "Månader utan bakslag på varje steg innan nästa.",
                source: "SABO m.fl. 2014 (seed 002) (Västerås): ett år på varje steg",
            },
        },
        setback_rate_per_year: f64 {
            label: "Setback rate",
            unit: "per year",
            role: Role::Rate,
            value: Value::Number { default: 0.3, min: 0.0, max: 12.0 },
            description: "Rate of setbacks in a training flat; a setback ends the flat at short notice.",
            source: "assumption: 0.3 a year (seed 002: training flats can be ended within 24 hours)",
            sv: {
                label: "Bakslag",
                description: "Takt för bakslag i en träningslägenhet; ett bakslag avslutar lägenheten med kort varsel.",
                source: "antagande: 0,3 per år; enligt SABO m.fl. 2014 (seed 002) kan träningslägenheter sägas upp inom ett dygn",
            },
        },
        sober_share: f64 {
            label: "Meets sobriety requirement",
            unit: "share",
            role: Role::Share,
            value: Value::share(0.5),
            description: "Chance that a household with substance use meets the sobriety requirement.",
            source: "seed 002: Västerås requires six months drug-free; assumption 0.5",
            sv: {
                label: "Klarar nykterhetskrav",
                description: "Chans att ett hushåll med missbruk klarar kravet på nykterhet.",
                source: "SABO m.fl. 2014 (seed 002): Västerås kräver sex månader utan droger; antagande 0,5",
            },
        },
        families_skip_training: bool {
            label: "Families skip training flat",
            unit: "",
            role: Role::Flag,
            value: Value::Flag { default: true },
            description: "Families with children go straight to a support agreement.",
            source: "seed 002 (Västerås)",
            sv: {
                label: "Barnfamiljer hoppar över träningslägenhet",
                description: "Barnfamiljer går direkt till ett stödavtal.",
                source: "SABO m.fl. 2014 (seed 002) (Västerås)",
            },
        },
        training_cost_sek_month: f64 {
            label: "Cost per training flat",
            unit: "SEK/month",
            role: Role::Money,
            value: Value::Number { default: 5000.0, min: 0.0, max: 1e6 },
            description: "Cost per training flat and month (staff and the flat beyond the rent).",
            source: "assumption: 5,000 SEK",
            sv: {
                label: "Kostnad per träningslägenhet",
                description: "Kostnad per träningslägenhet och månad (personal och lägenheten utöver hyran).",
                source: "antagande: 5 000 kr",
            },
        },
        support_cost_sek_month: f64 {
            label: "Cost per support agreement",
            unit: "SEK/month",
            role: Role::Money,
            value: Value::Number { default: 1500.0, min: 0.0, max: 1e6 },
            description: "Cost per support agreement and month, besides the arrears paid.",
            source: "assumption: 1,500 SEK",
            sv: {
                label: "Kostnad per stödavtal",
                description: "Kostnad per stödavtal och månad, utöver betalda hyresskulder.",
                source: "antagande: 1 500 kr",
            },
        },
        support_months: Option<f64> {
            label: "Surety on a support agreement",
            unit: "months",
            role: Role::Duration,
            value: Value::Optional { min: 1.0, max: 240.0, absent: "months_per_step" },
            description: "Months the municipality stands surety on a support agreement before the flat is the tenant's like any other.",
            source: "assumption: seed 002 gives a year per step; Västerås's 240 agreements against about 60 training flats suggest agreements last longer",
            sv: {
                label: "Borgen på stödavtal",
                description: "Månader som kommunen går i borgen för ett stödavtal innan lägenheten är hyresgästens som vilken annan som helst.",
                source: "antagande: SABO m.fl. 2014 (seed 002) anger ett år per steg; Västerås 240 avtal mot ungefär 60 träningslägenheter tyder på att avtalen varar längre",
            },
        },
        training_in_force: Option<f64> {
            label: "Training flats occupied at start",
            unit: "flats",
            role: Role::InForce(SizedTo::SupportNeeds),
            value: Value::Optional {
                min: 0.0,
                max: 1e6,
                absent: "in place at the scenario's start: every training flat occupied; starting later: none",
            },
            description: "Training flats occupied when the instrument starts, whole municipality (at most training_flats).",
            source: "seed 002: Västerås about 60 training flats, Jönköping about 70 category flats",
            sv: {
                label: "Träningslägenheter vid start",
                description: "Upptagna träningslägenheter när insatsen startar, hela kommunen (högst antalet träningslägenheter).",
                source: "SABO m.fl. 2014 (seed 002): Västerås ungefär 60 träningslägenheter, Jönköping ungefär 70 kategorilägenheter",
            },
        },
        support_in_force: Option<f64> {
            label: "Support agreements at start",
            unit: "agreements",
            role: Role::InForce(SizedTo::SupportNeeds),
            value: Value::Optional {
                min: 0.0,
                max: 1e6,
                absent: "in place at the scenario's start: every support agreement in force; starting later: none",
            },
            description: "Support agreements in force when the instrument starts, whole municipality (at most support_agreements).",
            source: "seed 002: Västerås about 240 support agreements, Jönköping about 130 guarantee flats",
            sv: {
                label: "Stödavtal vid start",
                description: "Stödavtal som löper när insatsen startar, hela kommunen (högst antalet stödavtal).",
                source: "SABO m.fl. 2014 (seed 002): Västerås ungefär 240 stödavtal, Jönköping ungefär 130 garantilägenheter",
            },
        },
    }
}

/// The staircase as a policy module.
#[derive(Clone, Debug)]
pub struct Staircase {
    pub(super) config: StaircaseConfig,
    training: Placements,
    support: Placements,
    step_ups: u32,
    setbacks: u32,
}

impl Staircase {
    /// Builds the instrument from its settings.
    pub fn new(config: StaircaseConfig) -> Self {
        Staircase { config, training: Placements::default(), support: Placements::default(), step_ups: 0, setbacks: 0 }
    }
}

/// Whether a tenant of a training flat has a setback this month.
const SETBACK: Purpose = Purpose::new(Stream::Policy, 0);
/// Whether a homeless candidate with substance use counts as sober.
const SOBER: Purpose = Purpose::new(Stream::Policy, 1);
/// The training flats in force at the start (drawn through the start's steps).
const TRAINING_IN_FORCE: Purpose = Purpose::new(Stream::Synthesis, 2);
/// Whether a candidate for a training flat in force with substance use counts as sober.
const SOBER_IN_FORCE: Purpose = Purpose::new(Stream::Policy, 3);
/// The support agreements in force at the start (drawn through the start's steps).
const SUPPORT_IN_FORCE: Purpose = Purpose::new(Stream::Synthesis, 4);

impl Policy for Staircase {
    fn purposes(&self) -> &'static [Purpose] {
        &[SETBACK, SOBER, TRAINING_IN_FORCE, SOBER_IN_FORCE, SUPPORT_IN_FORCE]
    }

    fn begin_month(&mut self) {
        self.step_ups = 0;
        self.setbacks = 0;
    }

    fn establish(&mut self, w: &mut World, ctx: &mut Ctx) {
        let c = &self.config;
        let stock =
            |given: Option<f64>, places: f64| crate::policy::placement::stock_in_force(given, c.window.start_month, places).min(places);
        let training = scaled_capacity(stock(c.training_in_force, c.training_flats), w.scale);
        let support = scaled_capacity(stock(c.support_in_force, c.support_agreements), w.scale);
        let (sober_key, sober, step) = (ctx.key(SOBER_IN_FORCE), c.sober_share, c.months_per_step);
        establish_placements(w, &mut self.training, training, Status::TrainingFlat, step, ctx.key(TRAINING_IN_FORCE), |w, i| {
            let h = &w.households;
            h.needs[i].support() && (!h.needs[i].has(Needs::SUBSTANCE) || w.streams.at(sober_key, h.uid[i], w.month.0).chance(sober))
        });
        let support_months = c.support_months.map_or(step, |m| m.round() as u32);
        establish_placements(w, &mut self.support, support, Status::FirstHand, support_months, ctx.key(SUPPORT_IN_FORCE), |w, i| {
            w.households.children[i] > 0 || w.households.needs[i].support()
        });
    }

    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        let step = self.config.months_per_step;
        let support_months = self.config.support_months.map_or(step, |m| m.round() as u32);
        self.training.prune(w, &[Status::TrainingFlat]);
        self.support.prune(w, &[Status::FirstHand]);
        let mut paid = 0i64;
        // Support agreements: the municipality stands surety, then lets go.
        let mut keep = Vec::new();
        for pl in std::mem::take(&mut self.support.list) {
            if pl.months_in(w.month) >= support_months {
                release_to_landlord(w, DwellingId(pl.dwelling));
                continue;
            }
            if w.households.arrears[pl.slot as usize].0 > 0 {
                paid += settle_arrears(w, HouseholdId(pl.slot)).0 as i64;
            }
            keep.push(pl);
        }
        self.support.list = keep;
        // Training flats: a setback, or a step up after a clean year.
        let p_setback = per_year_to_monthly_prob(self.config.setback_rate_per_year);
        let support_places = scaled_capacity(self.config.support_agreements, w.scale);
        let setback = ctx.key(SETBACK);
        let mut keep = Vec::new();
        for pl in std::mem::take(&mut self.training.list) {
            let i = pl.slot as usize;
            let mut d = w.streams.at(setback, pl.uid, w.month.0);
            if d.chance(p_setback) || w.households.arrears[i].0 > 0 && d.chance(0.5) {
                self.setbacks += 1;
                displace(w, HouseholdId::at(i), Cause::Instrument);
            } else if pl.months_in(w.month) >= step && self.support.list.len() < support_places {
                set_status(w, HouseholdId::at(i), Status::FirstHand, Some(DwellingId(pl.dwelling)), Cause::Instrument);
                self.support.list.push(crate::policy::placement::Placement { start: w.month, served: 0, ..pl });
                self.step_ups += 1;
            } else {
                keep.push(pl);
            }
        }
        self.training.list = keep;
        // New entrants: families to support agreements, others to training flats.
        let training_places = scaled_capacity(self.config.training_flats, w.scale);
        let (sober_key, month, sober, skip) = (ctx.key(SOBER), w.month.0, self.config.sober_share, self.config.families_skip_training);
        let candidates = homeless_candidates(w, |w, i| {
            let h = &w.households;
            let family = h.children[i] > 0;
            let needs = h.needs[i].support();
            (family && skip || needs) && (!h.needs[i].has(Needs::SUBSTANCE) || w.streams.at(sober_key, h.uid[i], month).chance(sober))
        });
        for i in candidates {
            let family = w.households.children[i] > 0 && skip;
            let room = if family { self.support.list.len() < support_places } else { self.training.list.len() < training_places };
            if !room {
                continue;
            }
            let Some(flat) = w.municipal.take(&w.dwellings, w.households.persons(i)) else { break };
            if family {
                self.support.place(w, HouseholdId::at(i), flat, Status::FirstHand);
            } else {
                self.training.place(w, HouseholdId::at(i), flat, Status::TrainingFlat);
            }
        }
        ctx.spend(
            self.training.list.len() as f64 * self.config.training_cost_sek_month
                + self.support.list.len() as f64 * self.config.support_cost_sek_month
                + paid as f64,
        );
    }

    /// The households in its training flats and on its support agreements.
    fn held(&self, _w: &World, out: &mut Vec<u32>) {
        out.extend(self.training.list.iter().chain(&self.support.list).map(|p| p.uid));
    }

    fn municipal_flats(&self) -> FlatRole {
        FlatRole::Places
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::n_training_flats, self.training.list.len() as f64);
        row.add(Out::n_support_agreements, self.support.list.len() as f64);
        row.add(Out::new_staircase_step_ups, self.step_ups as f64);
        row.add(Out::new_staircase_setbacks, self.setbacks as f64);
    }
}
