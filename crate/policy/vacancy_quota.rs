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

use crate::model::dwelling::{Tenure, flags};
use crate::model::landlord::LandlordKind;
use crate::model::world::World;
use crate::policy::placement::{pool, release_to_landlord};
use crate::policy::setting::{Setting, Settings, Value, row, share};
use crate::policy::{Ctx, Policy};
use crate::results::{Out, Row};
use crate::rng::Stream;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of a vacancy quota.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VacancyQuotaConfig {
    /// First scenario month it acts (0 or less: already in place).
    #[serde(default)]
    pub start_month: i32,
    /// First scenario month it no longer acts (absent: never ends).
    #[serde(default)]
    pub end_month: Option<i32>,
    /// Share of the public company's vacancies handed over.
    #[serde(default)]
    pub public_share: f64,
    /// Share of participating private landlords' vacancies handed over.
    #[serde(default)]
    pub private_share: f64,
    /// Share of new production handed over (land-allocation terms).
    #[serde(default)]
    pub new_production_share: f64,
    /// Largest number of flats a year, whole municipality (absent: no cap).
    #[serde(default)]
    pub flats_per_year: Option<f64>,
    /// Months an unused quota flat waits before it goes back to its landlord.
    #[serde(default = "default_return")]
    pub return_after_months: u32,
}

/// The settings table of the vacancy quota.
pub const SETTINGS: &[Setting] = &[
    share(
        "public_share",
        "Public company's share",
        0.0,
        "Share of the public housing company's vacancies handed over to the municipality.",
        "seed 002: Karlstad reserves about ten per cent of available flats",
    ),
    share(
        "private_share",
        "Private landlords' share",
        0.0,
        "Share of participating private landlords' vacancies handed over.",
        "seed 002: Göteborg's private landlords handed over 14 flats in 2012 against about 400 from the municipal companies",
    ),
    share(
        "new_production_share",
        "Share of new production",
        0.0,
        "Least share of new production handed over (land-allocation terms).",
        "seed 002: Jönköping gets ten per cent of new production in land-allocation agreements",
    ),
    Setting {
        name: "flats_per_year",
        label: "Cap",
        unit: "flats/year",
        value: Value::Optional { min: 0.0, max: 1e6, absent: "no cap" },
        description: "Largest number of flats handed over a year, whole municipality.",
        source: "seed 002: Göteborg's four municipal companies hand over about 400 flats a year",
    },
    Setting {
        name: "return_after_months",
        label: "Returned after",
        unit: "months",
        value: Value::Whole { default: 3, min: 1, max: 120 },
        description: "Months an unused quota flat waits before it goes back to its landlord.",
        source: "assumption: landlords will not leave a flat empty for long",
    },
];

fn default_return() -> u32 {
    const { row(SETTINGS, "return_after_months").whole() }
}

impl Settings for VacancyQuotaConfig {
    fn settings() -> &'static [Setting] {
        SETTINGS
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

impl Policy for VacancyQuota {
    fn kind(&self) -> &'static str {
        "vacancy_quota"
    }
    fn begin_month(&mut self) {
        self.claimed_this_month = 0;
    }

    fn start_month(&self) -> i32 {
        self.config.start_month
    }
    fn end_month(&self) -> Option<i32> {
        self.config.end_month
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
            release_to_landlord(w, d);
        }
    }

    fn claim_vacancy(&mut self, w: &mut World, dwelling: usize, ctx: &mut Ctx) -> bool {
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
        let mut d = w.streams.rng(Stream::Policy, dwelling as u32, w.month.0, 0x300 | ctx.index);
        if !d.chance(share) {
            return false;
        }
        pool(w, dwelling as u32, flags::QUOTA);
        self.claimed_this_month += 1;
        self.claimed_this_year += 1.0;
        true
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::new_quota_flats, self.claimed_this_month as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_caps_are_checked() {
        let ok: VacancyQuotaConfig = toml::from_str("public_share = 0.1").unwrap();
        assert!(ok.check().is_ok());
        let bad: VacancyQuotaConfig = toml::from_str("public_share = 1.1").unwrap();
        assert_eq!(bad.check().unwrap_err().0, "public_share");
        let bad: VacancyQuotaConfig = toml::from_str("flats_per_year = -3").unwrap();
        assert_eq!(bad.check().unwrap_err().0, "flats_per_year");
    }
}
