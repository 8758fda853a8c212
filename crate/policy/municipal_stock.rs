//! Municipal purchase and own stock: the municipality holds flats of its
//! own — bought tenant-owned flats, its own buildings — and lets them to
//! households outside the ordinary market.
//!
//! Seed 002: Uppsala owns about 450 tenant-owned flats, Västerås has bought
//! about 170 and some houses, Göteborg owns about 100 tenant-owned flats
//! (for violence cases, among others), Jönköping buys with part of its
//! housing company's profit; Norrköping is selling off the 125 left of 300.
//!
//! In the model: from its start the instrument takes vacancies off the
//! market until it holds `own_flats` (its existing stock), then buys
//! `purchases_per_year` vacant tenant-owned flats a year at `price_sek`
//! each. Its flats join the municipal pool (as rentals of the municipality)
//! for the placing instruments; vacant ones cost `upkeep_sek_month`.
//!
//! ```toml
//! [[instruments]]
//! kind = "municipal_stock"
//! own_flats = 450
//! purchases_per_year = 20
//! ```

use crate::model::dwelling::DwellingId;
use crate::model::dwelling::{Tenure, flags};
use crate::model::landlord::LandlordKind;
use crate::model::world::World;
use crate::policy::placement::{monthly_quota, pool, scaled_capacity};
use crate::policy::setting::{Role, SizedTo, Value, instrument_settings};
use crate::policy::{Ctx, FlatRole, Policy};
use crate::results::{Out, Row};
use crate::rng::{Purpose, Stream};

instrument_settings! {
    /// Settings of municipal stock.
    pub struct MunicipalStockConfig {
        own_flats: f64 {
            label: "Own flats",
            unit: "flats",
            role: Role::Count(SizedTo::Place),
            value: Value::Number { default: 0.0, min: 0.0, max: 1e6 },
            description: "Flats the municipality holds from the start, whole municipality.",
            source: "seed 002: Uppsala owns about 450 tenant-owned flats, Västerås about 170, Göteborg about 100",
            sv: {
                label: "Egna lägenheter",
                description: "Lägenheter kommunen äger från start, hela kommunen.",
                source: "SABO m.fl. 2014 (seed 002): Uppsala äger ungefär 450 bostadsrätter, Västerås ungefär 170, Göteborg ungefär 100",
            },
        },
        purchases_per_year: f64 {
            label: "Purchases",
            unit: "flats/year",
            role: Role::Volume(SizedTo::Place),
            value: Value::Number { default: 0.0, min: 0.0, max: 1e5 },
            description: "Vacant tenant-owned flats bought a year, whole municipality.",
            source: "seed 002: Jönköping buys with part of its housing company's profit (no yearly number given)",
            sv: {
                label: "Köp per år",
                description: "Lediga bostadsrätter som köps per år, hela kommunen.",
                source: "SABO m.fl. 2014 (seed 002): Jönköping köper för en del av bostadsbolagets vinst (inget årligt antal anges)",
            },
        },
        price_sek: f64 {
            label: "Price per flat",
            unit: "SEK",
            role: Role::Money,
            value: Value::Number { default: 1_000_000.0, min: 0.0, max: 1e8 },
            description: "Price per flat bought.",
            source: "assumption: 1,000,000 SEK for a small tenant-owned flat outside the largest cities",
            sv: {
                label: "Pris per lägenhet",
                description: "Pris per köpt lägenhet.",
                source: "antagande: 1 000 000 kr för en liten bostadsrätt utanför storstäderna",
            },
        },
        upkeep_sek_month: f64 {
            label: "Upkeep of a vacant flat",
            unit: "SEK/month",
            role: Role::Money,
            value: Value::Number { default: 4000.0, min: 0.0, max: 1e6 },
            description: "Cost of a vacant municipal flat per month (fee and upkeep).",
            source: "assumption: a tenant-owned flat's monthly fee",
            sv: {
                label: "Kostnad för tom lägenhet",
                description: "Kostnad per månad för en tom kommunal lägenhet (avgift och underhåll).",
                source: "antagande: en bostadsrätts månadsavgift",
            },
        },
    }
}

/// Municipal stock as a policy module.
#[derive(Clone, Debug)]
pub struct MunicipalStock {
    pub(super) config: MunicipalStockConfig,
    held: usize,
    carry: f64,
    purchases_wanted: u32,
    bought: u32,
}

impl MunicipalStock {
    /// Builds the instrument from its settings.
    pub fn new(config: MunicipalStockConfig) -> Self {
        MunicipalStock { config, held: 0, carry: 0.0, purchases_wanted: 0, bought: 0 }
    }

    fn take(&mut self, w: &mut World, d: usize) {
        // Bought or own flats are let by the municipality as rentals.
        w.dwellings.tenure[d] = Tenure::Rental;
        w.dwellings.landlord[d] = LandlordKind::Public as u16;
        pool(w, DwellingId::at(d), flags::MUNICIPAL_OWNED);
        self.held += 1;
    }
}

/// A flat in force at the start counted into the stock: its rooms and rent.
const FLAT_IN_FORCE: Purpose = Purpose::new(Stream::Synthesis, 0);

impl Policy for MunicipalStock {
    fn purposes(&self) -> &'static [Purpose] {
        &[FLAT_IN_FORCE]
    }

    fn begin_month(&mut self) {
        self.bought = 0;
    }

    /// The own flats are held from the start: vacant dwellings of the open
    /// market are taken first, and where there are too few the rest are
    /// counted into the stock (the flats existed). Vacant, they wait in the
    /// pool for the placing instruments (which come after this one in the
    /// presets, so that their stocks in force live in these flats).
    fn establish(&mut self, w: &mut World, ctx: &mut Ctx) {
        let want = scaled_capacity(self.config.own_flats, w.scale);
        let mut next = 0;
        while self.held < want {
            while next < w.dwellings.len() && !(w.dwellings.is_on_market(next) && w.dwellings.tenure[next] != Tenure::OwnerOccupied) {
                next += 1;
            }
            let d = if next < w.dwellings.len() {
                next
            } else {
                let mut draw = w.streams.at(ctx.key(FLAT_IN_FORCE), w.dwellings.len() as u32, w.month.0);
                let rooms = 1 + draw.below(3) as u8;
                let rent = crate::model::synth::rent_for(&w.params, rooms, &mut draw);
                // Counted as added at the start, so that the stock of
                // dwellings stays accounted for (issue 16: found by the
                // property test of random scenarios).
                w.tally.added_at_start += 1;
                w.dwellings.push(Tenure::TenantOwned, rooms, rent, u16::MAX, 0, w.month).0 as usize
            };
            self.take(w, d);
        }
    }

    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        // Purchases are booked when made (in the market phase, after this).
        self.purchases_wanted = monthly_quota(self.config.purchases_per_year, w.scale, &mut self.carry);
        let vacant = w
            .municipal
            .entries()
            .filter(|&d| w.dwellings.is_available(d as usize) && w.dwellings.flags[d as usize] & flags::MUNICIPAL_OWNED != 0)
            .count();
        ctx.spend(vacant as f64 * self.config.upkeep_sek_month);
    }

    fn claim_vacancy(&mut self, w: &mut World, dwelling: DwellingId, ctx: &mut Ctx) -> bool {
        let dwelling = dwelling.index();
        if self.held < scaled_capacity(self.config.own_flats, w.scale) {
            self.take(w, dwelling);
            return true;
        }
        if self.purchases_wanted > 0 && w.dwellings.tenure[dwelling] == Tenure::TenantOwned {
            self.purchases_wanted -= 1;
            self.take(w, dwelling);
            self.bought += 1;
            ctx.spend(self.config.price_sek);
            return true;
        }
        false
    }

    fn municipal_flats(&self) -> FlatRole {
        FlatRole::Supplies
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::new_municipal_purchases, self.bought as f64);
    }
}
