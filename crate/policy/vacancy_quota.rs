//! Vacancy quota under a cooperation agreement (*samarbetsavtal*):
//! participating landlords hand a share of their vacancies — or a yearly
//! number — to the municipality, which uses them for social contracts,
//! Housing First, the staircase and newly arrived refugees.
//!
//! Seed 002: Karlstad reserves about ten per cent of available flats;
//! Göteborg's four municipal companies hand over about 400 flats a year and
//! private landlords 14 (2012; target 60–70); Jönköping gets ten per cent of
//! new production in land-allocation agreements; Västerås takes flats by
//! each landlord's quota.
//!
//! In the model: each vacancy of a participating landlord is claimed with
//! the landlord group's share (new production with at least
//! `new_production_share`), up to `flats_per_year`; claimed flats join the
//! municipal pool. Flats nobody has been placed in for `return_after_months`
//! go back to their landlord.
//!
//! ```toml
//! [[instruments]]
//! kind = "vacancy_quota"
//! public_share = 0.10
//! private_share = 0.02
//! ```

use crate::model::dwelling::DwellingId;
use crate::model::dwelling::{Tenure, flags};
use crate::model::landlord::LandlordKind;
use crate::model::world::World;
use crate::policy::placement::{pool, release_to_landlord};
use crate::policy::setting::{Role, SizedTo, Value, instrument_settings};
use crate::policy::{Ctx, FlatRole, Policy};
use crate::results::{Out, Row};
use crate::rng::{Purpose, Stream};

instrument_settings! {
    /// Settings of a vacancy quota.
    pub struct VacancyQuotaConfig {
        public_share: f64 {
            label: "Public company's share",
            unit: "share",
            role: Role::Share,
            value: Value::share(0.0),
            description: "Share of the public housing company's vacancies handed over to the municipality.",
            source: "seed 002: Karlstad reserves about ten per cent of available flats",
            sv: {
                label: "Allmännyttans andel",
                description: "Andel av det kommunala bostadsbolagets lediga lägenheter som lämnas till kommunen.",
                source: "SABO m.fl. 2014 (seed 002): Karlstad reserverar ungefär tio procent av de lediga lägenheterna",
            },
        },
        private_share: f64 {
            label: "Private landlords' share",
            unit: "share",
            role: Role::Share,
            value: Value::share(0.0),
            description: "Share of participating private landlords' vacancies handed over.",
            source: "seed 002: Göteborg's private landlords handed over 14 flats in 2012 against about 400 from the municipal companies",
            sv: {
                label: "Privata hyresvärdars andel",
                description: "Andel av deltagande privata hyresvärdars lediga lägenheter som lämnas.",
                source: "SABO m.fl. 2014 (seed 002): Göteborgs privata hyresvärdar lämnade 14 lägenheter 2012 mot ungefär 400 från de kommunala bolagen",
            },
        },
        new_production_share: f64 {
            label: "Share of new production",
            unit: "share",
            role: Role::Share,
            value: Value::share(0.0),
            description: "Least share of new production handed over (land-allocation terms).",
            source: "seed 002: Jönköping gets ten per cent of new production in land-allocation agreements",
            sv: {
                label: "Andel av nyproduktionen",
                description: "Minsta andel av nyproduktionen som lämnas (villkor vid markanvisning).",
                source: "SABO m.fl. 2014 (seed 002): Jönköping får tio procent av nyproduktionen i markanvisningsavtal",
            },
        },
        flats_per_year: Option<f64> {
            label: "Cap",
            unit: "flats/year",
            role: Role::Volume(SizedTo::Place),
            value: Value::Optional { min: 0.0, max: 1e6, absent: "no cap" },
            description: "Largest number of flats handed over a year, whole municipality.",
            source: "seed 002: Göteborg's four municipal companies hand over about 400 flats a year",
            sv: {
                label: "Tak per år",
                description: "Högst så många lägenheter lämnas per år, hela kommunen.",
                source: "SABO m.fl. 2014 (seed 002): Göteborgs fyra kommunala bolag lämnar ungefär 400 lägenheter per år",
            },
        },
        return_after_months: u32 {
            label: "Returned after",
            unit: "months",
            role: Role::Duration,
            value: Value::Whole { default: 3, min: 1, max: 120 },
            description: "Months an unused quota flat waits before it goes back to its landlord.",
            source: "assumption: landlords will not leave a flat empty for long",
            sv: {
                label: "Återlämnas efter",
                description: "Månader som en oanvänd kvotlägenhet väntar innan den går tillbaka till hyresvärden.",
                source: "antagande: hyresvärdar låter inte en lägenhet stå tom länge",
            },
        },
    }
}

/// A vacancy quota as a policy module.
#[derive(Clone, Debug)]
pub struct VacancyQuota {
    pub(super) config: VacancyQuotaConfig,
    claimed_this_month: u32,
    claimed_this_year: f64,
    year: i32,
}

impl VacancyQuota {
    /// Builds the instrument from its settings.
    pub fn new(config: VacancyQuotaConfig) -> Self {
        VacancyQuota { config, claimed_this_month: 0, claimed_this_year: 0.0, year: i32::MIN }
    }
}

/// Whether a vacancy goes to the quota.
const CLAIM: Purpose = Purpose::new(Stream::Policy, 0);

impl Policy for VacancyQuota {
    fn purposes(&self) -> &'static [Purpose] {
        &[CLAIM]
    }

    fn begin_month(&mut self) {
        self.claimed_this_month = 0;
    }

    fn act(&mut self, w: &mut World, _ctx: &mut Ctx) {
        // Unused quota flats go back to their landlords.
        let limit = self.config.return_after_months;
        let stale: Vec<u32> = w
            .municipal
            .entries()
            .filter(|&d| {
                let d = d as usize;
                w.dwellings.is_available(d)
                    && w.dwellings.flags[d] & flags::QUOTA != 0
                    && w.month.since(w.dwellings.vacant_since[d]) >= limit
            })
            .collect();
        for d in stale {
            release_to_landlord(w, DwellingId(d));
        }
    }

    fn claim_vacancy(&mut self, w: &mut World, dwelling: DwellingId, ctx: &mut Ctx) -> bool {
        let dwelling = dwelling.index();
        let year = w.scenario_month().div_euclid(12);
        if year != self.year {
            self.year = year;
            self.claimed_this_year = 0.0;
        }
        if w.dwellings.tenure[dwelling] != Tenure::Rental {
            return false;
        }
        if let Some(cap) = self.config.flats_per_year
            && self.claimed_this_year + 1.0 > cap * w.scale + 0.5
        {
            return false;
        }
        let kind = w.landlords[w.dwellings.landlord[dwelling] as usize].kind;
        let mut share = if kind == LandlordKind::Public { self.config.public_share } else { self.config.private_share };
        if w.dwellings.flags[dwelling] & flags::NEW_PRODUCTION != 0 {
            share = share.max(self.config.new_production_share);
        }
        let mut d = w.streams.at(ctx.key(CLAIM), dwelling as u32, w.month.0);
        if !d.chance(share) {
            return false;
        }
        pool(w, DwellingId::at(dwelling), flags::QUOTA);
        self.claimed_this_month += 1;
        self.claimed_this_year += 1.0;
        true
    }

    fn municipal_flats(&self) -> FlatRole {
        FlatRole::Supplies
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::new_quota_flats, self.claimed_this_month as f64);
    }
}
