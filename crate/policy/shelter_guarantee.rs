//! Shelter guarantee (*tak över huvudet-garanti*): the municipality
//! guarantees everyone who asks a bed for the night, so nobody who asks
//! sleeps rough.
//!
//! In the model: each month the instrument is active, every rough sleeper
//! asks for help with chance `ask_share` and is then placed in emergency
//! accommodation (situation 1, shelter). The instrument pays for the nights
//! its guests spend there, at `cost_sek_night` (default: the table's
//! `emergency_cost_sek_night`, 1100 SEK, costs_sweden.csv). Seed 002
//! describes Karlstad's guarantee.
//!
//! Interactions: a guest can still move on to friends or family or into a
//! dwelling like any shelter resident, and can sleep rough again if an
//! arrangement breaks down — the guarantee then applies again.
//!
//! ```toml
//! [[instruments]]
//! kind = "shelter_guarantee"
//! start_month = 0      # in place from the start
//! ask_share = 0.9      # share of rough sleepers who ask in a month
//! ```

use crate::model::household::HouseholdId;
use crate::model::household::Status;
use crate::model::moves::{Cause, set_status};
use crate::model::world::World;
use crate::policy::setting::{Role, Value, instrument_settings};
use crate::policy::{Ctx, Policy, is_active};
use crate::results::{Out, Row};
use crate::rng::{Purpose, Stream};

instrument_settings! {
    /// Settings of the shelter guarantee.
    pub struct ShelterGuaranteeConfig {
        ask_share: f64 {
            label: "Rough sleepers who ask",
            unit: "share",
            role: Role::Share,
            value: Value::share(0.9),
            description: "Share of rough sleepers who ask for a place in a month.",
            source: "assumption: 0.9 (some do not ask even when a bed is guaranteed)",
            sv: {
                label: "Uteliggare som ber om plats",
                description: "Andel av dem som sover ute som ber om en plats under en månad.",
                source: "antagande: 0,9 (några ber inte ens när en säng är garanterad)",
            },
        },
        cost_sek_night: Option<f64> {
            label: "Cost per night",
            unit: "SEK/night",
            role: Role::Money,
            value: Value::Optional { min: 0.0, max: 10_000.0, absent: "the parameter emergency_cost_sek_night" },
            description: "Cost per person-night in emergency accommodation.",
            source: "costs_sweden.csv: about 1,100 SEK a night (the parameter's default)",
            sv: {
                label: "Kostnad per natt",
                description: "Kostnad per person och natt i akutboende.",
                source: "costs_sweden.csv: ungefär 1 100 kr per natt (parameterns standardvärde)",
            },
        },
    }
}

/// The shelter guarantee as a policy module.
#[derive(Clone, Debug)]
pub struct ShelterGuarantee {
    pub(super) config: ShelterGuaranteeConfig,
    /// Guests placed by the guarantee: (slot, serial number).
    guests: Vec<(u32, u32)>,
    placements_this_month: u32,
}

impl ShelterGuarantee {
    /// Builds the instrument from its settings.
    pub fn new(config: ShelterGuaranteeConfig) -> Self {
        ShelterGuarantee { config, guests: Vec::new(), placements_this_month: 0 }
    }
}

/// Whether a rough sleeper asks for a place this month.
const ASKS: Purpose = Purpose::new(Stream::Policy, 0);

impl Policy for ShelterGuarantee {
    fn purposes(&self) -> &'static [Purpose] {
        &[ASKS]
    }

    fn begin_month(&mut self) {
        self.placements_this_month = 0;
    }

    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        // Guests who have moved on (or whose slot now holds someone else) leave the list.
        let h = &w.households;
        self.guests.retain(|&(slot, uid)| h.uid[slot as usize] == uid && h.status[slot as usize] == Status::Shelter);
        let asks = ctx.key(ASKS);
        for i in 0..w.households.len() {
            if w.households.status[i] != Status::RoughSleeping {
                continue;
            }
            let uid = w.households.uid[i];
            let mut d = w.streams.at(asks, uid, w.month.0);
            if d.chance(self.config.ask_share) {
                set_status(w, HouseholdId::at(i), Status::Shelter, None, Cause::Instrument);
                self.guests.push((i as u32, uid));
                self.placements_this_month += 1;
            }
        }
        let per_night = self.config.cost_sek_night.unwrap_or(w.params.emergency_cost_sek_night);
        let persons: u32 = self.guests.iter().map(|&(slot, _)| w.households.persons(slot as usize)).sum();
        ctx.spend(persons as f64 * crate::units::NIGHTS_PER_MONTH * per_night);
    }

    /// Its guests (in emergency accommodation: still homeless, in situation 1).
    fn held(&self, _w: &World, out: &mut Vec<u32>) {
        out.extend(self.guests.iter().map(|&(_, uid)| uid));
    }

    fn record(&self, w: &World, row: &mut Row) {
        let active = is_active(self, w);
        row.add(Out::new_shelter_guarantee_placements, self.placements_this_month as f64);
        let guests: u32 = if active {
            self.guests
                .iter()
                .filter(|&&(s, uid)| w.households.uid[s as usize] == uid && w.households.status[s as usize] == Status::Shelter)
                .map(|&(s, _)| w.households.persons(s as usize))
                .sum()
        } else {
            0
        };
        row.add(Out::n_shelter_guarantee_guests, guests as f64);
    }
}
