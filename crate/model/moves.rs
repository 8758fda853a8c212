//! Changes of housing status: the one place where a household moves.
//!
//! Every phase that moves a household calls [`set_status`], which keeps the
//! bookkeeping consistent: the dwelling is released or taken, the homelessness
//! spell starts or ends (with returns counted), searching starts or stops, and
//! the household's next status-specific event is scheduled. Invariants that
//! the tests check every month — nobody in two places, every dwelling with at
//! most one occupant, every homeless person in exactly one situation — hold
//! because no other code writes `status` or `occupant`.

use crate::model::dwelling::DwellingId;
use crate::model::dwelling::VACANT;
use crate::model::homeless::is_homeless;
use crate::model::household::HouseholdId;
use crate::model::household::{NO_DWELLING, Stage, Status};
use crate::model::income::{can_afford_sublet, earned_income};
use crate::model::world::World;
use crate::rng::Stream;
use crate::sample::months_until;
use crate::units::{Month, Sek};

/// Why a household moves. The cause salts the move's random draws (so two
/// moves of one household in one month draw differently) and, for entries
/// into homelessness, is counted as the pathway (`new_homeless_from_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u16)]
pub enum Cause {
    /// Placed by population synthesis.
    Synthesis = 0,
    /// Left the municipality or dissolved.
    Departure,
    /// Left a partner.
    Separation,
    /// A young adult left the parental home.
    YoungAdult,
    /// Moved into the municipality.
    Arrival,
    /// Moved out under notice or payment order.
    ThreatMove,
    /// Evicted by Kronofogden.
    Eviction,
    /// A private sublet ended.
    SubletEnd,
    /// Entered an institution, losing the home.
    InstitutionEntry,
    /// Released from an institution.
    InstitutionRelease,
    /// Moved between homeless situations.
    HomelessMove,
    /// Got a dwelling through the market.
    Market,
    /// Moved by a municipal instrument.
    Instrument,
}

impl Cause {
    /// Number of causes.
    pub const COUNT: usize = 13;

    fn salt(self) -> u16 {
        self as u16
    }
}

/// Pays up to `at_most` of `household`'s rent arrears on its behalf (support
/// staff, a surety, outreach); once none remain its eviction case ends, unless
/// it is one for disturbance, which money does not stop. The one place,
/// beside the pipeline's own steps ([`crate::model::eviction`]), where a
/// debt is settled. Returns what was paid.
pub fn pay_arrears(w: &mut World, household: HouseholdId, at_most: Sek) -> Sek {
    let i = household.index();
    let h = &mut w.households;
    let pay = h.arrears[i].0.min(at_most.0);
    h.arrears[i].0 -= pay;
    if h.arrears[i].0 == 0 && h.stage[i] != Stage::DisturbanceApplication {
        h.stage[i] = Stage::None;
        h.stage_due[i] = Month::NEVER;
    }
    Sek(pay)
}

/// Pays all of `household`'s rent arrears ([`pay_arrears`]); returns the amount.
pub fn settle_arrears(w: &mut World, household: HouseholdId) -> Sek {
    pay_arrears(w, household, Sek(i32::MAX))
}

/// Moves household `i` into `status` for `cause`, taking dwelling
/// `dwelling` if the new status has one (it must be vacant). Returns whether
/// the household entered homelessness.
pub fn set_status(w: &mut World, household: HouseholdId, status: Status, dwelling: Option<DwellingId>, cause: Cause) -> bool {
    let i = household.index();
    let dwelling = dwelling.map(|d| d.0);
    let salt = cause.salt();
    let month = w.month;
    let h = &mut w.households;
    let old = h.status[i];

    // Release the old dwelling unless the household keeps it (a contract changing form).
    let keeps = dwelling.is_some() && dwelling == Some(h.dwelling[i]);
    if old.has_dwelling() && !keeps {
        let d = h.dwelling[i] as usize;
        debug_assert_eq!(w.dwellings.occupant[d], i as u32);
        w.dwellings.occupant[d] = VACANT;
        w.dwellings.vacant_since[d] = month;
        if w.dwellings.flags[d] & crate::model::dwelling::flags::MUNICIPAL_LEASE != 0 {
            // A municipal flat goes back to the municipality's pool, not to the market.
            w.municipal.push(&w.dwellings, DwellingId::at(d));
        }
        h.dwelling[i] = NO_DWELLING;
        h.stage[i] = Stage::None;
        h.stage_due[i] = Month::NEVER;
    }
    if status.has_dwelling() {
        let d = dwelling.expect("a housed status needs a dwelling");
        if !keeps {
            debug_assert_eq!(w.dwellings.occupant[d as usize], VACANT);
            w.dwellings.occupant[d as usize] = i as u32;
            h.dwelling[i] = d;
        }
        h.search_since[i] = Month::NEVER;
    }

    // Homelessness spells, entries, exits and returns.
    let was = is_homeless(old);
    let now = is_homeless(status);
    if !was && now {
        h.homeless_since[i] = month;
        w.tally.homeless_entries += 1;
        w.tally.entries_by_cause[cause as usize] += 1;
        w.tally.homeless_entry_adults += crate::model::homeless::counted_persons(h, i);
        let last = h.last_homeless_exit[i];
        if last.is_set() {
            let gap = month.since(last);
            if gap <= 12 {
                w.tally.returns_12m += 1;
            }
            if gap <= 24 {
                w.tally.returns_24m += 1;
            }
        }
    } else if was && !now {
        w.tally.exits_by_cause[cause as usize] += 1;
    }
    if was && !now && status != Status::Gone {
        w.tally.homeless_exits += 1;
        w.tally.homeless_exit_months += month.since(h.homeless_since[i]) as u64;
        h.homeless_since[i] = Month::NEVER;
        h.last_homeless_exit[i] = month;
    }

    // Searching: everybody without a dwelling of their own searches, except
    // people in an institution (they search after release).
    let searches =
        matches!(status, Status::Sublet | Status::ParentalHome | Status::FriendsFamily | Status::Shelter | Status::RoughSleeping);
    if searches && !h.search_since[i].is_set() {
        h.search_since[i] = month;
    } else if !searches && !status.has_dwelling() {
        h.search_since[i] = Month::NEVER;
    }

    h.status[i] = status;
    h.status_since[i] = month;
    let rent = crate::model::income::housing_cost_of(w, status, dwelling.map(DwellingId));
    w.households.rent[i] = rent;
    if status != Status::Gone {
        crate::model::rent::refresh_balance(w, household);
    }
    schedule_status_event(w, household, salt);
    // The demographic rate bound depends on homelessness without a home:
    // reschedule when it changes.
    let unhoused_changed = crate::model::homeless::without_home(old) != crate::model::homeless::without_home(status);
    if (was != now || unhoused_changed) && status != Status::Gone && old != Status::Gone {
        let mut d = w.streams.rng(Stream::Demography, w.households.uid[i], month.0, 0x40 | salt);
        crate::model::demography::schedule_demography(w, household, &mut d);
    }
    !was && now
}

/// Draws the month of the household's next status-specific event (see
/// [`crate::model::household::Households::next_status_event`]).
pub fn schedule_status_event(w: &mut World, household: HouseholdId, salt: u16) {
    let i = household.index();
    let p = &w.params;
    let h = &w.households;
    let status = h.status[i];
    let institution = if h.needs[i].support() { p.institution_entry_rate_per_year } else { 0.0 };
    let disturbance = if h.needs[i].support() && status.pays_rent() { p.disturbance_eviction_rate_per_year } else { 0.0 };
    let rate = match status {
        Status::FriendsFamily => p.friends_breakdown_rate_per_year + institution,
        Status::Shelter => p.shelter_to_friends_rate_per_year + institution,
        Status::RoughSleeping => p.rough_to_shelter_rate_per_year + institution,
        Status::Sublet => p.sublet_end_rate_per_year,
        Status::Institution => 12.0 / p.institution_stay_months,
        s if s.has_dwelling() && h.needs[i].support() => institution + disturbance,
        _ => 0.0,
    };
    // Most statuses have no such event: no generator is created for them.
    let next = if rate > 0.0 {
        let mut d = w.streams.rng(Stream::Homeless, h.uid[i], w.month.0, 0x100 | salt);
        months_until(&mut d, rate).map_or(Month::NEVER, |m| w.month.plus(m))
    } else {
        Month::NEVER
    };
    w.households.next_status_event[i] = next;
}

/// Where a household goes when it loses its home (eviction, a move under
/// threat, a sublet ending, release from an institution): a private sublet if
/// it can afford one, else — for families — emergency accommodation or
/// friends and family, and for others friends and family, emergency
/// accommodation, or (with support needs) the street.
pub fn displace(w: &mut World, household: HouseholdId, cause: Cause) -> bool {
    let i = household.index();
    let salt = cause.salt();
    let p = &w.params;
    let h = &w.households;
    let mut d = w.streams.rng(Stream::Homeless, h.uid[i], w.month.0, 0x200 | salt);
    let u = d.uniform();
    let affordable = can_afford_sublet(p, earned_income(p, h, household), h.savings[i], h.source[i]);
    let planned = cause == Cause::ThreatMove && d.chance(p.threat_move_sublet_share);
    let status = if planned || (affordable && d.chance(p.sublet_access_share)) {
        Status::Sublet
    } else if h.children[i] > 0 {
        if u < p.family_to_shelter_share { Status::Shelter } else { Status::FriendsFamily }
    } else if h.needs[i].support() && u < p.evicted_to_rough_share {
        Status::RoughSleeping
    } else if u < p.evicted_to_rough_share + p.evicted_to_shelter_share {
        Status::Shelter
    } else {
        Status::FriendsFamily
    };
    set_status(w, household, status, None, cause)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Params;

    /// A small world and a household in it that pays rent.
    fn tenant() -> (World, HouseholdId) {
        let preset = crate::presets::find("Nynäshamn").unwrap();
        let w = crate::model::synth::synthesise(&preset, &Params::default(), 0.05, 1, 0);
        let i = (0..w.households.len()).find(|&i| w.households.status[i].pays_rent()).unwrap();
        (w, HouseholdId::at(i))
    }

    #[test]
    fn paying_part_of_the_arrears_keeps_the_case_and_paying_all_ends_it() {
        let (mut w, h) = tenant();
        let i = h.index();
        w.households.arrears[i] = Sek(9000);
        w.households.stage[i] = Stage::PaymentOrder;
        w.households.stage_due[i] = w.month.plus(2);
        assert_eq!(pay_arrears(&mut w, h, Sek(4000)), Sek(4000));
        assert_eq!((w.households.arrears[i], w.households.stage[i]), (Sek(5000), Stage::PaymentOrder));
        assert_eq!(pay_arrears(&mut w, h, Sek(8000)), Sek(5000), "no more than is owed");
        assert_eq!((w.households.arrears[i], w.households.stage[i], w.households.stage_due[i]), (Sek::ZERO, Stage::None, Month::NEVER));
    }

    #[test]
    fn settling_the_debt_does_not_stop_a_case_for_disturbance() {
        let (mut w, h) = tenant();
        let i = h.index();
        w.households.arrears[i] = Sek(3000);
        w.households.stage[i] = Stage::DisturbanceApplication;
        assert_eq!(settle_arrears(&mut w, h), Sek(3000));
        assert_eq!((w.households.arrears[i], w.households.stage[i]), (Sek::ZERO, Stage::DisturbanceApplication));
    }
}
