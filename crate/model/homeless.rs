//! Phase 5: institution stays and releases, and moves between homeless
//! situations; plus the mapping from housing status to Socialstyrelsen's four
//! situations of homelessness.
//!
//! Situations (Socialstyrelsen, used in the 2011 national count —
//! `homelessness_national_sweden.csv`):
//! 1. acute: emergency accommodation, shelter, hostel, hotel, or sleeping rough;
//! 2. in an institution, due to leave within three months, with no home;
//! 3. long-term municipal solutions: social contracts, training flats,
//!    second-hand Housing First;
//! 4. short-term private arrangements: friends or family without a contract.

use crate::model::household::HouseholdId;
use crate::model::household::{Stage, Status};
use crate::model::moves::{Cause, displace, set_status};
use crate::model::world::World;
use crate::rng::Stream;

/// One of Socialstyrelsen's four situations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Situation {
    /// Situation 1: acute homelessness.
    Acute = 1,
    /// Situation 2: institution with no home, due to leave within three months.
    Institution = 2,
    /// Situation 3: long-term municipal solution.
    LongTermMunicipal = 3,
    /// Situation 4: short-term private arrangement.
    ShortTermPrivate = 4,
}

/// Persons of household `i` that Socialstyrelsen's count takes in when the
/// household is homeless: its adults (a young adult on their own is an
/// adult household). Services report adults; children living with a
/// homeless parent are reported apart (2011: about 11,300 of the 34,000
/// counted had children under 18; 2017: at least 24,000 children had a
/// parent among the 33,250; 2023: over 9,400 children beside the 27,383
/// adults — homelessness_national_sweden.csv), so they are never added in.
pub fn counted_persons(h: &crate::model::household::Households, i: usize) -> u32 {
    h.adults[i] as u32
}

/// Whether a status is part of a homelessness spell (all four situations,
/// including an institution stay without a home before its last months).
pub fn is_homeless(s: Status) -> bool {
    matches!(
        s,
        Status::FriendsFamily
            | Status::Institution
            | Status::Shelter
            | Status::RoughSleeping
            | Status::SocialContract
            | Status::TrainingFlat
            | Status::HousingFirstSecondHand
    )
}

/// Whether a status is homelessness without a dwelling of the stock
/// (situations 1, 2 and 4, and institution stays): people in municipal
/// solutions (situation 3) have a flat.
pub fn without_home(s: Status) -> bool {
    is_homeless(s) && !s.has_dwelling()
}

/// The situation a household counts in this month, if any. People in an
/// institution count only within `due_window` months of release.
pub fn situation(s: Status, months_to_release: u32, due_window: u32) -> Option<Situation> {
    match s {
        Status::Shelter | Status::RoughSleeping => Some(Situation::Acute),
        Status::Institution if months_to_release <= due_window => Some(Situation::Institution),
        Status::SocialContract | Status::TrainingFlat | Status::HousingFirstSecondHand => Some(Situation::LongTermMunicipal),
        Status::FriendsFamily => Some(Situation::ShortTermPrivate),
        _ => None,
    }
}

/// Phase 5.
pub fn step(w: &mut World) {
    let month = w.month;
    for i in 0..w.households.len() {
        if w.households.next_status_event[i] > month {
            continue;
        }
        let status = w.households.status[i];
        match status {
            Status::Gone => {}
            Status::Institution => {
                displace(w, HouseholdId::at(i), Cause::InstitutionRelease);
            }
            Status::Sublet => {
                displace(w, HouseholdId::at(i), Cause::SubletEnd);
            }
            Status::FriendsFamily | Status::Shelter | Status::RoughSleeping => homeless_event(w, i),
            s if s.has_dwelling() && w.households.needs[i].support() => housed_support_event(w, i),
            _ => {}
        }
    }
}

/// The event of a housed household with support needs: an institution stay
/// that ends the tenancy, or (tenants only) an eviction application for
/// disturbance, in proportion to their rates.
fn housed_support_event(w: &mut World, i: usize) {
    let p = &w.params;
    let h = &w.households;
    let disturbance = if h.status[i].pays_rent() { p.disturbance_eviction_rate_per_year } else { 0.0 };
    let mut d = w.streams.rng(Stream::Homeless, h.uid[i], w.month.0, 5);
    if d.uniform() * (p.institution_entry_rate_per_year + disturbance) < p.institution_entry_rate_per_year {
        set_status(w, HouseholdId::at(i), Status::Institution, None, Cause::InstitutionEntry);
    } else {
        if h.stage[i] < Stage::Application {
            crate::model::eviction::apply_for_disturbance(w, HouseholdId::at(i));
        }
        crate::model::moves::schedule_status_event(w, HouseholdId::at(i), 0x60);
    }
}

/// The event of a household in situation 1 or 4: an institution stay (for
/// households with support needs, in proportion to its rate) or a move
/// between situations — friends or family break down (to a shelter, or the
/// street for single adults with support needs), a shelter guest moves to
/// friends or family, a rough sleeper gets a shelter place.
fn homeless_event(w: &mut World, i: usize) {
    let p = &w.params;
    let h = &w.households;
    let status = h.status[i];
    let mut d = w.streams.rng(Stream::Homeless, h.uid[i], w.month.0, 4);
    let move_rate = match status {
        Status::FriendsFamily => p.friends_breakdown_rate_per_year,
        Status::Shelter => p.shelter_to_friends_rate_per_year,
        _ => p.rough_to_shelter_rate_per_year,
    };
    let institution_rate = if h.needs[i].support() { p.institution_entry_rate_per_year } else { 0.0 };
    if d.uniform() * (move_rate + institution_rate) < institution_rate {
        set_status(w, HouseholdId::at(i), Status::Institution, None, Cause::InstitutionEntry);
        return;
    }
    let to = match status {
        Status::FriendsFamily => {
            let rough_share = p.evicted_to_rough_share / (p.evicted_to_rough_share + p.evicted_to_shelter_share).max(1e-9);
            if h.children[i] == 0 && h.needs[i].support() && d.chance(rough_share) { Status::RoughSleeping } else { Status::Shelter }
        }
        Status::Shelter => Status::FriendsFamily,
        _ => Status::Shelter,
    };
    set_status(w, HouseholdId::at(i), to, None, Cause::HomelessMove);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_homeless_status_is_in_exactly_one_situation() {
        for s in [
            Status::Shelter,
            Status::RoughSleeping,
            Status::SocialContract,
            Status::TrainingFlat,
            Status::HousingFirstSecondHand,
            Status::FriendsFamily,
        ] {
            assert!(is_homeless(s));
            assert!(situation(s, 0, 3).is_some(), "{s:?}");
        }
        assert_eq!(situation(Status::Institution, 2, 3), Some(Situation::Institution));
        assert_eq!(situation(Status::Institution, 5, 3), None);
    }

    #[test]
    fn housed_statuses_are_not_homeless() {
        for s in
            [Status::Owner, Status::TenantOwner, Status::FirstHand, Status::HousingFirstFirstHand, Status::Sublet, Status::ParentalHome]
        {
            assert!(!is_homeless(s), "{s:?}");
            assert_eq!(situation(s, 0, 3), None);
        }
    }
}
