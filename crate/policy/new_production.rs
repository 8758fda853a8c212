//! New production and land-allocation terms: dwellings built a year beyond
//! the baseline, their rent level, and the share reserved for social
//! services.
//!
//! Seed 001 (Storsthlm): about 15,000 new homes a year needed in Stockholm
//! county plus about 7,000 for households that cannot arrange housing on
//! their own; seed 003 (Länsstyrelsen Västra Götaland) contrasts planned
//! and realised starts; seed 002: new production comes with higher rents,
//! Jönköping reserves ten per cent of new production in land deals,
//! Norrköping uses site leaseholds for rental production.
//!
//! In the model: `dwellings_per_year` rentals are completed besides the
//! baseline production (parameter `new_production_per_1000_residents_per_year`),
//! at `rent_level` times the size-based rent, by the public company or
//! private landlords; `social_share` of them go to the municipal pool. The
//! municipality pays `subsidy_sek` per dwelling (default 0).
//!
//! ```toml
//! [[instruments]]
//! kind = "new_production"
//! dwellings_per_year = 500
//! rent_level = 1.1
//! social_share = 0.1
//! ```

use crate::model::dwelling::{Tenure, flags};
use crate::model::landlord::LandlordKind;
use crate::model::market::complete;
use crate::model::synth::rent_for;
use crate::model::world::World;
use crate::policy::placement::monthly_quota;
use crate::policy::setting::{Setting, Settings, Value, row, share};
use crate::policy::{Ctx, Policy};
use crate::results::{Out, Row};
use crate::rng::Stream;
use crate::units::{Sek, SekTotal};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Who builds and lets the new rentals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Builder {
    /// The public housing company.
    Public,
    /// Large private landlords.
    Private,
}

/// Settings of new production.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProductionConfig {
    /// First scenario month it acts (0 or less: already in place).
    #[serde(default)]
    pub start_month: i32,
    /// First scenario month it no longer acts (absent: never ends).
    #[serde(default)]
    pub end_month: Option<i32>,
    /// Extra rentals completed a year, whole municipality.
    #[serde(default)]
    pub dwellings_per_year: f64,
    /// Rent as a multiple of the size-based rent of the stock (new production is dearer: 1.35).
    #[serde(default = "default_rent_level")]
    pub rent_level: f64,
    /// Share handed to the municipality (land-allocation terms).
    #[serde(default)]
    pub social_share: f64,
    /// Who lets them.
    #[serde(default = "default_builder")]
    pub builder: Builder,
    /// Municipal subsidy per dwelling, SEK.
    #[serde(default)]
    pub subsidy_sek: f64,
}

/// The settings table of new production.
pub const SETTINGS: &[Setting] = &[
    Setting {
        name: "dwellings_per_year",
        label: "Extra rentals",
        unit: "dwellings/year",
        value: Value::Number { default: 0.0, min: 0.0, max: 1e6 },
        description: "Rentals completed a year beyond the baseline production, whole municipality.",
        source: "seed 001 (Storsthlm): about 7,000 homes a year needed in Stockholm county for households that cannot arrange housing on their own",
    },
    Setting {
        name: "rent_level",
        label: "Rent level",
        unit: "× stock rent",
        value: Value::Number { default: 1.35, min: 0.3, max: 3.0 },
        description: "Rent as a multiple of the size-based rent of the existing stock.",
        source: "seed 002: new production comes with higher rents; assumption 1.35",
    },
    share(
        "social_share",
        "Share to the municipality",
        0.0,
        "Share of the new dwellings handed to the municipality (land-allocation terms).",
        "seed 002: Jönköping reserves ten per cent of new production in land deals",
    ),
    Setting {
        name: "builder",
        label: "Landlord",
        unit: "",
        value: Value::Choice { default: Some("public"), options: &["public", "private"] },
        description: "Who lets the new dwellings: the public housing company or private landlords.",
        source: "seed 002: Norrköping uses site leaseholds for private rental production",
    },
    Setting {
        name: "subsidy_sek",
        label: "Subsidy per dwelling",
        unit: "SEK",
        value: Value::Number { default: 0.0, min: 0.0, max: 1e8 },
        description: "Municipal subsidy per dwelling completed.",
        source: "assumption: none unless a scenario sets it",
    },
];

fn default_rent_level() -> f64 {
    const { row(SETTINGS, "rent_level").number() }
}
fn default_builder() -> Builder {
    Builder::Public
}

impl Settings for NewProductionConfig {
    fn settings() -> &'static [Setting] {
        SETTINGS
    }
}

/// New production as a policy module.
#[derive(Clone, Debug)]
pub struct NewProduction {
    pub(super) config: NewProductionConfig,
    carry: f64,
    built: u32,
    cost: f64,
}

impl NewProduction {
    /// Builds the instrument from its settings.
    pub fn new(config: NewProductionConfig) -> Self {
        NewProduction { config, carry: 0.0, built: 0, cost: 0.0 }
    }
}

impl Policy for NewProduction {
    fn kind(&self) -> &'static str {
        "new_production"
    }
    fn begin_month(&mut self) {
        self.built = 0;
        self.cost = 0.0;
    }

    fn start_month(&self) -> i32 {
        self.config.start_month
    }
    fn end_month(&self) -> Option<i32> {
        self.config.end_month
    }

    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        let n = monthly_quota(self.config.dwellings_per_year, w.scale, &mut self.carry);
        let landlord = match self.config.builder {
            Builder::Public => LandlordKind::Public,
            Builder::Private => LandlordKind::PrivateLarge,
        } as u16;
        for k in 0..n {
            let mut d = w.streams.rng(Stream::Policy, 0xFFFF_0000 | k, w.month.0, 0x700 | ctx.index);
            let rooms = 1 + d.below(4) as u8;
            let rent = Sek::from_f64(rent_for(&w.params, rooms, &mut d).0 as f64 * self.config.rent_level);
            let social = d.chance(self.config.social_share);
            let id = complete(w, Tenure::Rental, rooms, rent, landlord, 0);
            if social {
                crate::policy::placement::pool(w, id, flags::QUOTA);
            }
        }
        self.built = n;
        self.cost = n as f64 * self.config.subsidy_sek;
        ctx.spend(SekTotal::from_f64(self.cost));
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::new_instrument_completions, self.built as f64);
        row.add(Out::cost_new_production_sek, self.cost);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked() {
        let ok: NewProductionConfig = toml::from_str("dwellings_per_year = 100").unwrap();
        assert!(ok.check().is_ok());
        let bad = NewProductionConfig { rent_level: 0.0, ..ok };
        assert_eq!(bad.check().unwrap_err().0, "rent_level");
    }
}
