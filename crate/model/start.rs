//! The starting state of the reported period: the place as it was observed.
//!
//! Burn-in (`burn_in_months`) lets incomes, arrears, the Kronofogden pipeline
//! and the market settle from the synthesised population. At the first
//! reported month ([`World::step`], phase 0) the state is then set to what was
//! observed:
//!
//! 1. every instrument in place sets the stock it had in force at its start
//!    (social contracts, training flats, support agreements, Housing First
//!    tenancies, rent guarantees, short contracts, own flats) — see each
//!    instrument's `*_in_force` setting;
//! 2. homelessness is aligned with the place's own count
//!    ([`crate::presets::Preset::start_per_10k`]; a count of a later year is
//!    met again in April of its year), in the persons that
//!    count takes in — adults; children living with them are reported apart
//!    ([`crate::model::homeless::counted_persons`]): situation 3 is what
//!    the instruments hold, situation 1 takes the place's acute share (its
//!    own where known, else the national 4,500 of 34,000), situation 2 is the
//!    institution stays the model has, and situation 4 takes the rest.
//!
//! Households enter or leave these situations by the same rules everywhere:
//! a shortfall is filled by the households at highest risk (support needs,
//! low income, single adults: the weights of population synthesis), an
//! excess in one situation first fills a shortfall in another and otherwise
//! leaves homelessness for a private sublet. None of this is counted as a
//! flow of the month.

use crate::model::dwelling::DwellingId;
use crate::model::dwelling::{Tenure, flags};
use crate::model::homeless::{Situation, situation};
use crate::model::household::HouseholdId;
use crate::model::household::{IncomeSource, Status};
use crate::model::landlord::LandlordKind;
use crate::model::moves::{Cause, set_status};
use crate::model::world::World;
use crate::rng::{Step, Stream, StreamKey};

/// Situation 1 share of the homeless nationally in 2011 (4,500 of 34,000,
/// homelessness_national_sweden.csv); rough sleepers 280 of the 4,500.
pub const ROUGH_SHARE_OF_ACUTE: f64 = 280.0 / 4_500.0;

/// The month of the year (April) in which a count of a later year than the
/// start is met: Socialstyrelsen counted in a week of April in 2017 and 2023.
pub const COUNT_MONTH: i32 = 4;

/// Salt of the start's alignment draws (Synthesis stream, the first
/// reported month). The steps an instrument's stock in force also takes
/// draw through [`Step`]s (`0x70`, `0x72`, `0x73` above the decision).
const SALT_ALIGN: u16 = 0x7100;
/// The alignment's own decisions drawn through the shared steps.
const ALIGN_AT_RISK: StreamKey = StreamKey::model(Stream::Synthesis, 0x10);
const ALIGN_BACKDATE: StreamKey = StreamKey::model(Stream::Synthesis, 0x30);

/// Weight of a household in the draw of who is homeless at the start (and
/// who holds an instrument's place): support needs, low income and single
/// adults weigh more, families less.
pub fn risk_weight(w: &World, household: HouseholdId) -> f64 {
    let i = household.index();
    let h = &w.households;
    (if h.needs[i].support() { 25.0 } else { 1.0 })
        * (if h.children[i] > 0 { 0.4 } else { 1.0 })
        * (if matches!(h.source[i], IncomeSource::Assistance | IncomeSource::Unemployment) { 4.0 } else { 1.0 })
        * (if h.adults[i] == 2 { 0.2 } else { 1.0 })
}

/// Housed renters, sublet tenants and young adults at home, highest risk
/// first (an exponential race on [`risk_weight`], keyed by household and
/// month, so the order does not depend on other draws). `key` separates
/// the orders drawn for different purposes (an instrument's decision, or
/// the alignment's).
pub fn at_risk_order(w: &World, key: StreamKey) -> Vec<usize> {
    let key = key.through(Step::AtRisk);
    let h = &w.households;
    let mut keyed: Vec<(f64, usize)> = (0..h.len())
        .filter(|&i| matches!(h.status[i], Status::FirstHand | Status::Sublet | Status::ParentalHome))
        .map(|i| {
            let mut d = w.streams.at(key, h.uid[i], w.month.0);
            (-libm::log(d.uniform_open0()) / risk_weight(w, HouseholdId::at(i)), i)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// A vacant municipal flat for a household of `persons`: from the pool,
/// else an open-market rental leased by the municipality (the first
/// suitable one in the stock not yet passed this month:
/// [`crate::model::world::LeaseScan`]), else a public rental that is counted
/// into the stock (the flats an instrument had in force existed).
/// `key` is the decision the flat is for.
pub fn municipal_flat(w: &mut World, persons: u32, key: StreamKey) -> DwellingId {
    if let Some(d) = w.municipal.take(&w.dwellings, persons) {
        return d;
    }
    let suits = |w: &World, d: usize| {
        w.dwellings.is_on_market(d) && w.dwellings.tenure[d] == Tenure::Rental && crate::model::market::suits(persons, w.dwellings.rooms[d])
    };
    let (month, len) = (w.month, w.dwellings.len());
    let mut scan = std::mem::take(&mut w.municipal.lease_scan);
    let found = scan.find(month, len, persons, |d| suits(w, d));
    w.municipal.lease_scan = scan;
    if let Some(d) = found {
        w.dwellings.flags[d] |= flags::MUNICIPAL_LEASE;
        return DwellingId::at(d);
    }
    let mut draw = w.streams.at(key.through(Step::MunicipalFlat), w.dwellings.len() as u32, w.month.0);
    let rooms = persons.clamp(1, 4) as u8;
    let rent = crate::model::synth::rent_for(&w.params, rooms, &mut draw);
    w.tally.added_at_start += 1;
    w.dwellings.push(Tenure::Rental, rooms, rent, LandlordKind::Public as u16, flags::MUNICIPAL_LEASE, w.month)
}

/// Homelessness began some time before the start: up to two years (drawn
/// for decision `key`).
pub fn backdate_spell(w: &mut World, household: HouseholdId, key: StreamKey) {
    let i = household.index();
    let mut d = w.streams.at(key.through(Step::Backdate), w.households.uid[i], w.month.0);
    let back = d.below(25) as u16;
    w.households.homeless_since[i] = crate::units::Month(w.month.0.saturating_sub(back));
}

/// Persons counted per situation now (adults, as Socialstyrelsen counts:
/// [`crate::model::homeless::counted_persons`]): [situation 1, 2, 3, 4].
pub fn counted_by_situation(w: &World) -> [f64; 4] {
    let h = &w.households;
    let window = w.params.institution_due_window_months as u32;
    let mut out = [0.0; 4];
    for i in 0..h.len() {
        let to_release = h.next_status_event[i].since(w.month);
        if let Some(s) = situation(h.status[i], to_release, window) {
            out[s as usize - 1] += crate::model::homeless::counted_persons(h, i) as f64;
        }
    }
    out
}

/// Residents now (persons in households of the place, housed or not).
pub fn residents(w: &World) -> f64 {
    let h = &w.households;
    (0..h.len()).filter(|&i| h.status[i] != Status::Gone).map(|i| h.persons(i) as f64).sum()
}

/// Target persons counted per situation at the start (adults, as the count
/// takes them): `[1, 2, 3, 4]`, given the persons now in situations 2 and 3
/// (which the alignment does not change).
/// The place's rate applies to the residents now (the population has grown
/// during burn-in).
pub fn targets(w: &World, now: [f64; 4], per_10k: f64) -> [f64; 4] {
    let total = per_10k * residents(w) / 10_000.0;
    let acute_share = w.preset.covariates.acute_share_pct.value / 100.0;
    let rest = (total - now[2] - now[1]).max(0.0);
    let acute = (acute_share * total).min(rest);
    [acute, now[1], now[2], rest - acute]
}

fn group(s: Status) -> Option<usize> {
    match s {
        Status::Shelter | Status::RoughSleeping => Some(0),
        Status::FriendsFamily => Some(1),
        _ => None,
    }
}

/// Aligns situations 1 and 4 with the place's observed count at the start
/// of the reported period (January 2011: [`crate::presets::Preset::start_per_10k`];
/// module docs).
pub fn align_homeless(w: &mut World) {
    let per_10k = w.preset.start_per_10k();
    align_homeless_to(w, per_10k);
}

/// Aligns situations 1 and 4 with `per_10k` homeless (counted persons) per
/// 10,000 residents now: at the start, and for a place whose count is of a
/// later year, again in April of that year
/// ([`crate::presets::Preset::count_year`]), so that the run meets the
/// count in its year. None of it counts as a flow of the month.
pub fn align_homeless_to(w: &mut World, per_10k: f64) {
    let now = counted_by_situation(w);
    let t = targets(w, now, per_10k);
    // Index 0: situation 1, index 1: situation 4.
    let mut have = [now[Situation::Acute as usize - 1], now[Situation::ShortTermPrivate as usize - 1]];
    let want = [t[0], t[3]];
    // Excess first: households in random order leave the group in excess.
    for g in 0..2 {
        if have[g] <= want[g] {
            continue;
        }
        let h = &w.households;
        let mut members: Vec<(f64, usize)> = (0..h.len())
            .filter(|&i| group(h.status[i]) == Some(g))
            .map(|i| (w.streams.rng(Stream::Synthesis, h.uid[i], w.month.0, SALT_ALIGN | g as u16).uniform(), i))
            .collect();
        members.sort_by(|a, b| a.0.total_cmp(&b.0));
        let other = 1 - g;
        for (_, i) in members {
            let persons = crate::model::homeless::counted_persons(&w.households, i) as f64;
            if have[g] - persons < want[g] - 0.5 {
                continue;
            }
            have[g] -= persons;
            if have[other] + persons <= want[other] + 0.5 {
                have[other] += persons;
                set_status(w, HouseholdId::at(i), if other == 0 { Status::Shelter } else { Status::FriendsFamily }, None, Cause::Synthesis);
            } else {
                set_status(w, HouseholdId::at(i), Status::Sublet, None, Cause::Synthesis);
            }
        }
    }
    // Shortfalls: the households at highest risk lose their homes.
    let order = at_risk_order(w, ALIGN_AT_RISK);
    let mut next = order.into_iter();
    for g in 0..2 {
        while have[g] + 0.5 < want[g] {
            let Some(i) = next.next() else { break };
            let persons = crate::model::homeless::counted_persons(&w.households, i) as f64;
            if have[g] + persons > want[g] + persons / 2.0 {
                continue;
            }
            let status = if g == 1 {
                Status::FriendsFamily
            } else {
                let single = w.households.children[i] == 0;
                let mut d = w.streams.rng(Stream::Synthesis, w.households.uid[i], w.month.0, SALT_ALIGN | 0x20);
                if single && d.chance(ROUGH_SHARE_OF_ACUTE) { Status::RoughSleeping } else { Status::Shelter }
            };
            set_status(w, HouseholdId::at(i), status, None, Cause::Synthesis);
            backdate_spell(w, HouseholdId::at(i), ALIGN_BACKDATE);
            have[g] += persons;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Params;
    use crate::presets;

    #[test]
    fn alignment_reaches_the_places_own_count_by_situation() {
        let preset = presets::find("Uppsala").unwrap();
        let mut w = crate::model::synth::synthesise(&preset, &Params::default(), 0.1, 3, 0);
        align_homeless(&mut w);
        let now = counted_by_situation(&w);
        let total: f64 = now.iter().sum();
        let want = 90.0 * residents(&w) / 10_000.0;
        assert!((total - want).abs() / want < 0.03, "{total} vs {want}");
        let acute = now[0] / total;
        assert!((acute - 0.132).abs() < 0.02, "acute share {acute}");
    }

    #[test]
    fn an_excess_leaves_homelessness_and_a_shortfall_is_filled_by_those_at_risk() {
        let mut preset = presets::find("Karlstad").unwrap();
        preset.homeless_per_10k = 5.0;
        let mut w = crate::model::synth::synthesise(&preset, &Params::default(), 0.2, 3, 0);
        align_homeless(&mut w);
        let low: f64 = counted_by_situation(&w).iter().sum();
        let want = 5.0 * residents(&w) / 10_000.0;
        assert!((low - want).abs() <= 4.0 + counted_by_situation(&w)[1], "{low} vs {want}");
        w.preset.homeless_per_10k = 60.0;
        align_homeless(&mut w);
        let high: f64 = counted_by_situation(&w).iter().sum();
        let want = 60.0 * residents(&w) / 10_000.0;
        assert!((high - want).abs() / want < 0.03, "{high} vs {want}");
    }
}
