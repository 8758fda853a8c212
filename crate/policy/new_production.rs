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

use crate::model::dwelling::DwellingId;
use crate::model::dwelling::{Tenure, flags};
use crate::model::landlord::LandlordKind;
use crate::model::market::complete;
use crate::model::synth::rent_for;
use crate::model::world::World;
use crate::policy::placement::monthly_quota;
use crate::policy::setting::{Role, SizedTo, Value, instrument_settings};
use crate::policy::{Ctx, FlatRole, Policy};
use crate::results::{Out, Row};
use crate::rng::{Purpose, Stream};
use crate::units::Sek;
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

impl crate::policy::setting::Choice for Builder {}

instrument_settings! {
    /// Settings of new production.
    pub struct NewProductionConfig {
        dwellings_per_year: f64 {
            label: "Extra rentals",
            unit: "dwellings/year",
            role: Role::Volume(SizedTo::Place),
            value: Value::Number { default: 0.0, min: 0.0, max: 1e6 },
            description: "Rentals completed a year beyond the baseline production, whole municipality.",
            source: "seed 001 (Storsthlm): about 7,000 homes a year needed in Stockholm county for households that cannot arrange housing on their own",
            sv: {
                label: "Extra hyresrätter per år",
                description: "Hyresrätter som färdigställs per år utöver nulägets byggande, hela kommunen.",
                source: "Storsthlm (seed 001): ungefär 7 000 bostäder per år behövs i Stockholms län för hushåll som inte kan ordna bostad på egen hand",
            },
        },
        rent_level: f64 {
            label: "Rent level",
            unit: "× stock rent",
            role: Role::Factor,
            value: Value::Number { default: 1.35, min: 0.3, max: 3.0 },
            description: "Rent as a multiple of the size-based rent of the existing stock.",
            source: "seed 002: new production comes with higher rents; assumption 1.35",
            sv: {
                label: "Hyresnivå",
                description: "Hyran som en multipel av den storleksberoende hyran i det befintliga beståndet.",
                source: "SABO m.fl. 2014 (seed 002): nyproduktion har högre hyror; antagande 1,35",
            },
        },
        social_share: f64 {
            label: "Share to the municipality",
            unit: "share",
            role: Role::Share,
            value: Value::share(0.0),
            description: "Share of the new dwellings handed to the municipality (land-allocation terms).",
            source: "seed 002: Jönköping reserves ten per cent of new production in land deals",
            sv: {
                label: "Andel till kommunen",
                description: "Andel av de nya bostäderna som lämnas till kommunen (villkor vid markanvisning).",
                source: "SABO m.fl. 2014 (seed 002): Jönköping reserverar tio procent av nyproduktionen i markavtal",
            },
        },
        builder: Builder {
            label: "Landlord",
            unit: "",
            role: Role::Choice,
            value: Value::Choice { default: Some("public"), options: &["public", "private"] },
            description: "Who lets the new dwellings: the public housing company or private landlords.",
            source: "seed 002: Norrköping uses site leaseholds for private rental production",
            sv: {
                label: "Hyresvärd",
                description: "Vem som hyr ut de nya bostäderna: det kommunala bostadsbolaget eller privata hyresvärdar.",
                source: "SABO m.fl. 2014 (seed 002): Norrköping använder tomträtt för privat hyresrättsproduktion",
            },
        },
        subsidy_sek: f64 {
            label: "Subsidy per dwelling",
            unit: "SEK",
            role: Role::Money,
            value: Value::Number { default: 0.0, min: 0.0, max: 1e8 },
            description: "Municipal subsidy per dwelling completed.",
            source: "assumption: none unless a scenario sets it",
            sv: {
                label: "Stöd per bostad",
                description: "Kommunalt stöd per färdigställd bostad.",
                source: "antagande: inget om inte scenariot anger det",
            },
        },
    }
}

/// New production as a policy module.
#[derive(Clone, Debug)]
pub struct NewProduction {
    pub(super) config: NewProductionConfig,
    carry: f64,
    built: u32,
}

impl NewProduction {
    /// Builds the instrument from its settings.
    pub fn new(config: NewProductionConfig) -> Self {
        NewProduction { config, carry: 0.0, built: 0 }
    }
}

/// A completed dwelling: its rooms, its rent, whether it is social.
const BUILD: Purpose = Purpose::new(Stream::Policy, 0);

impl Policy for NewProduction {
    fn purposes(&self) -> &'static [Purpose] {
        &[BUILD]
    }

    fn begin_month(&mut self) {
        self.built = 0;
    }

    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        let n = monthly_quota(self.config.dwellings_per_year, w.scale, &mut self.carry);
        let landlord = match self.config.builder {
            Builder::Public => LandlordKind::Public,
            Builder::Private => LandlordKind::PrivateLarge,
        } as u16;
        let build = ctx.key(BUILD);
        for k in 0..n {
            let mut d = w.streams.at(build, 0xFFFF_0000 | k, w.month.0);
            let rooms = 1 + d.below(4) as u8;
            let rent = Sek::from_f64(rent_for(&w.params, rooms, &mut d).0 as f64 * self.config.rent_level);
            let social = d.chance(self.config.social_share);
            let id = complete(w, Tenure::Rental, rooms, rent, landlord, 0);
            if social {
                crate::policy::placement::pool(w, DwellingId(id), flags::QUOTA);
            }
        }
        self.built = n;
        ctx.spend(n as f64 * self.config.subsidy_sek);
    }

    fn municipal_flats(&self) -> FlatRole {
        if self.config.social_share > 0.0 { FlatRole::Supplies } else { FlatRole::Neither }
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::new_instrument_completions, self.built as f64);
    }
}
