//! Phase 7: the housing market.
//!
//! 1. Construction and demolition: completions per 1000 residents split by
//!    the preset's tenure mix (new rentals at a rent premium); a small share
//!    of vacant dwellings is demolished.
//! 2. Matching: every available dwelling is offered to up to
//!    `applicants_screened_per_vacancy` searchers drawn at random (from one
//!    generator per month, in vacancy order). The public
//!    company takes them in queue order (longest registration in its housing
//!    queue first: [`queue_registration`]); private landlords in the order
//!    they come. Each applicant is screened
//!    ([`crate::model::landlord::Landlord::screen`]); an instrument may vouch
//!    for a rejected one. Owner-occupied and tenant-owned dwellings go to the
//!    first applicant with the income and savings to buy. A household that
//!    moves leaves a vacancy behind, which is offered in the same month
//!    (vacancy chains).
//!
//! Tightness — the vacancy rate and the time searchers wait — is an outcome
//! of these rules, not an input.

use crate::model::dwelling::{DwellingId, Tenure, flags};
use crate::model::hooks::Instruments;
use crate::model::household::{HouseholdId, IncomeSource, Stage, Status};
use crate::model::income::housing_allowance;
use crate::model::landlord::{Applicant, LandlordId, LandlordKind, Rejected, Verdict};
use crate::model::moves::{Cause, set_status};
use crate::model::synth::{landlord_for, rent_for};
use crate::model::world::World;
use crate::rng::{Draw, Stream};
use crate::units::{Month, Sek};

/// What the market needs to know about one searching household. The table
/// of searchers is gathered once a month in one pass over the households,
/// so that screening reads a small contiguous table instead of a dozen
/// household columns at random places (the difference is most of the cost
/// of this phase in a large city).
#[derive(Clone, Copy, Debug)]
pub struct Searcher {
    /// Household slot.
    pub slot: u32,
    /// Month the search began (queue position).
    pub since: Month,
    /// Adults.
    pub adults: u8,
    /// Children.
    pub children: u8,
    /// Age of the head (for the housing allowance).
    pub age: i16,
    /// Main income source.
    pub source: IncomeSource,
    /// Income from work, insurance or pension.
    pub income: Sek,
    /// Savings.
    pub savings: Sek,
    /// Has a payment remark.
    pub has_remark: bool,
    /// Owes rent or is in the eviction pipeline.
    pub in_arrears: bool,
    /// In emergency accommodation, sleeping rough or in an institution.
    pub no_reference: bool,
    /// Owns its current home (sells it to buy another).
    pub owns: bool,
}

impl Searcher {
    /// Gathers household `i` (the market's own loop over slots).
    fn of(w: &World, i: usize) -> Searcher {
        let h = &w.households;
        Searcher {
            slot: i as u32,
            since: h.search_since[i],
            adults: h.adults[i],
            children: h.children[i],
            age: h.age(i, w.month).clamp(0, i16::MAX as i32) as i16,
            source: h.source[i],
            income: h.income[i],
            savings: h.savings[i],
            has_remark: h.has_remark(i, w.month),
            in_arrears: h.arrears[i].0 > 0 || h.stage[i] >= Stage::Notice,
            // No landlord can vouch for a household without a contract of
            // its own: in emergency accommodation, on the street, in an
            // institution, or staying with friends or family.
            no_reference: matches!(h.status[i], Status::Shelter | Status::RoughSleeping | Status::Institution | Status::FriendsFamily),
            owns: matches!(h.status[i], Status::Owner | Status::TenantOwner),
        }
    }

    fn persons(&self) -> u32 {
        self.adults as u32 + self.children as u32
    }

    /// What a landlord sees of this searcher applying for a dwelling at `rent`.
    pub fn applicant(&self, w: &World, rent: Sek) -> Applicant {
        let allowance = housing_allowance(&w.params, self.children, self.age as i32, self.income, rent);
        let on_assistance = self.source == IncomeSource::Assistance;
        let norm = crate::model::income::assistance_norm(&w.params, w.living.of(self.adults, self.children));
        let assistance = if on_assistance { Sek(norm.0 + rent.0) } else { Sek::ZERO };
        Applicant {
            source: self.source,
            earned_income: self.income,
            allowance,
            assistance,
            has_remark: self.has_remark,
            in_arrears: self.in_arrears,
            no_reference: self.no_reference,
        }
    }
}

/// What a landlord sees of household `i` applying for a dwelling at `rent`.
pub fn applicant(w: &World, household: HouseholdId, rent: Sek) -> Applicant {
    let i = household.index();
    Searcher::of(w, i).applicant(w, rent)
}

/// The queue position of a household without a registration: after every registered one.
pub const NO_QUEUE: i32 = i32::MAX;

/// Salt of the draw that places a household in the housing queue.
const SALT_QUEUE: u16 = 4;

/// The month (from month 0 of the run, possibly negative) in which household
/// `i`'s head registered in the public companies' housing queue
/// (*bostadskö*), or [`NO_QUEUE`]. A property of the household, drawn from
/// a generator keyed by its serial number alone, so it does not change
/// from month to month: registered with `queue_registered_share` (households
/// with support needs: `queue_registered_share_support_needs`), at 18 plus
/// an exponential delay of mean `queue_registration_delay_years`; a
/// household with a home counts from the month it moved in (queue time
/// starts again with each contract taken). The newly arrived have no queue
/// time: municipalities house those they receive through contracts of their
/// own, not the queue.
pub fn queue_registration(w: &World, i: usize) -> i32 {
    let h = &w.households;
    let p = &w.params;
    if h.needs[i].has(crate::model::household::Needs::NEWLY_ARRIVED) {
        return NO_QUEUE;
    }
    let mut d = w.streams.rng(Stream::Market, h.uid[i], 0, SALT_QUEUE);
    let share = if h.needs[i].support() { p.queue_registered_share_support_needs } else { p.queue_registered_share };
    if !d.chance(share) {
        return NO_QUEUE;
    }
    let delay = -libm::log(d.uniform_open0()) * p.queue_registration_delay_years * 12.0;
    let registered = h.born[i] as i32 + 18 * 12 + delay.min(1200.0) as i32;
    // A tenant's queue time starts again when it moves in: the companies
    // count it from the last contract taken through the queue.
    if h.status[i].has_dwelling() { registered.max(h.status_since[i].0 as i32) } else { registered }
}

/// Phase 7.
pub fn step(w: &mut World, policies: &mut dyn Instruments) {
    construction(w);
    let mut searchers = collect_searchers(w);
    let mut vacancies: Vec<u32> = (0..w.dwellings.len() as u32).filter(|&d| w.dwellings.is_on_market(d as usize)).collect();
    demolition(w, &mut vacancies);
    let_unsold(w, &vacancies);
    // Instruments may claim vacancies for the municipality first (quotas,
    // purchases, leases for Housing First).
    if !policies.is_empty() {
        vacancies.retain(|&d| !policies.claim_vacancy(w, DwellingId(d)));
    }
    // One generator for the month's matching, drawn from in vacancy order.
    // (Keying draws by vacancy would buy no pairing between scenarios: the
    // positions drawn point at different households as soon as two
    // scenarios' searchers differ.)
    let mut draw = w.streams.rng(Stream::Market, u32::MAX - 1, w.month.0, 0);
    let mut picks = Vec::new();
    let mut k = 0;
    while k < vacancies.len() && !searchers.is_empty() {
        let d = vacancies[k] as usize;
        k += 1;
        if !w.dwellings.is_on_market(d) {
            continue;
        }
        if let Some(freed) = offer(w, d, &mut searchers, &mut picks, &mut draw, policies)
            && w.dwellings.is_on_market(freed as usize)
        {
            vacancies.push(freed);
        }
    }
}

/// Households searching this month. Housed households that have searched
/// longer than they are willing to stop searching.
fn collect_searchers(w: &mut World) -> Vec<Searcher> {
    let month = w.month;
    let give_up = w.params.search_give_up_months as u32;
    let mut out = Vec::new();
    for i in 0..w.households.len() {
        let since = w.households.search_since[i];
        if !since.is_set() {
            continue;
        }
        if w.households.status[i].has_dwelling() && month.since(since) > give_up {
            w.households.search_since[i] = Month::NEVER;
            continue;
        }
        out.push(Searcher::of(w, i));
    }
    out
}

/// Rooms a household of `persons` will accept: at least one room per two
/// persons beyond the first, at most two rooms more than persons.
pub fn suits(persons: u32, rooms: u8) -> bool {
    let min = 1 + persons.saturating_sub(1) / 2;
    let max = persons + 2;
    (rooms as u32) >= min && (rooms as u32) <= max
}

/// Offers dwelling `d` to sampled searchers; returns the dwelling the new
/// occupant left, if any.
fn offer(
    w: &mut World,
    d: usize,
    searchers: &mut Vec<Searcher>,
    picks: &mut Vec<usize>,
    draw: &mut Draw,
    policies: &mut dyn Instruments,
) -> Option<u32> {
    let tries = (w.params.applicants_screened_per_vacancy as usize).min(searchers.len());
    picks.clear();
    for _ in 0..tries {
        let j = draw.below(searchers.len() as u32) as usize;
        if !picks.contains(&j) {
            picks.push(j);
        }
    }
    let rooms = w.dwellings.rooms[d];
    picks.retain(|&j| suits(searchers[j].persons(), rooms));
    match w.dwellings.tenure[d] {
        Tenure::Rental => offer_rental(w, d, searchers, picks, draw, policies),
        tenure => offer_owned(w, d, tenure, searchers, picks),
    }
}

fn offer_rental(
    w: &mut World,
    d: usize,
    searchers: &mut Vec<Searcher>,
    picks: &mut [usize],
    draw: &mut Draw,
    policies: &mut dyn Instruments,
) -> Option<u32> {
    let l = w.dwellings.landlord[d] as usize;
    let public = w.landlords[l].kind == LandlordKind::Public;
    if public {
        // Queue order: longest registration in the housing queue first;
        // those without one after, longest search first.
        picks.sort_by_key(|&j| (queue_registration(w, searchers[j].slot as usize), searchers[j].since, j));
    }
    let rent = w.dwellings.rent[d];
    for &j in picks.iter() {
        let a = searchers[j].applicant(w, rent);
        let i = searchers[j].slot as usize;
        let verdict = w.landlords[l].screen(&a, rent, w.params.rejects_current_arrears, draw);
        let accepted = match verdict {
            Verdict::Accept => true,
            Verdict::Reject(reason) => {
                let (household, landlord, dwelling) = (HouseholdId(i as u32), LandlordId(l as u32), DwellingId(d as u32));
                policies.vouch(w, Rejected { household, landlord, dwelling, reason })
            }
        };
        if accepted {
            if public {
                w.tally.public_lets += 1;
                w.tally.public_lets_to_homeless += crate::model::homeless::is_homeless(w.households.status[i]) as u32;
                let registered = queue_registration(w, i);
                w.tally.public_let_queue_months += (w.month.0 as i32 - registered).max(0) as u64 * (registered != NO_QUEUE) as u64;
            }
            searchers.swap_remove(j);
            return move_in(w, i, d, Status::FirstHand);
        }
    }
    None
}

fn offer_owned(w: &mut World, d: usize, tenure: Tenure, searchers: &mut Vec<Searcher>, picks: &[usize]) -> Option<u32> {
    let p = &w.params;
    // Prices adjust: the longer a dwelling stays unsold, the less it takes to buy it.
    let unsold = w.month.since(w.dwellings.vacant_since[d]) as f64;
    let factor = (1.0 - p.owner_price_relax_per_month * unsold).max(0.2);
    let income_needed = p.owner_entry_income_sek_month * factor;
    let savings_needed = p.owner_entry_savings_sek * factor;
    for &j in picks {
        let s = searchers[j];
        let can_buy = s.income.0 as f64 >= income_needed && (s.owns || s.savings.0 as f64 >= savings_needed) && !s.has_remark;
        if can_buy {
            let i = s.slot as usize;
            if !s.owns {
                w.households.savings[i].0 -= savings_needed as i32;
            }
            searchers.swap_remove(j);
            let status = if tenure == Tenure::OwnerOccupied { Status::Owner } else { Status::TenantOwner };
            return move_in(w, i, d, status);
        }
    }
    None
}

/// Household `i` moves into dwelling `d`; returns the dwelling it left.
fn move_in(w: &mut World, i: usize, d: usize, status: Status) -> Option<u32> {
    let h = &w.households;
    let left = if h.status[i].has_dwelling() { Some(h.dwelling[i]) } else { None };
    w.tally.housed += 1;
    w.tally.housed_search_months += w.month.since(h.search_since[i]) as u64;
    set_status(w, HouseholdId::at(i), status, Some(DwellingId::at(d)), Cause::Market);
    crate::model::income::check_need(w, HouseholdId::at(i), 30);
    left
}

/// Adds a newly built dwelling to the stock (counted as a completion).
pub fn complete(w: &mut World, tenure: Tenure, rooms: u8, rent: Sek, landlord: u16, extra_flags: u8) -> u32 {
    w.tally.completions += 1;
    w.dwellings.push(tenure, rooms, rent, landlord, flags::NEW_PRODUCTION | extra_flags, w.month).0
}

/// Completions this month, split by tenure. The rate is per 1,000
/// residents now (live households × mean household size), so the stock
/// grows with the population instead of by a fixed number a year
/// (regression: over 100 years households outgrew dwellings by a third and
/// homelessness tripled, issue 16).
fn construction(w: &mut World) {
    let p = &w.params;
    let residents = w.live_households() as f64 * p.mean_household_size();
    let expected = p.new_production_per_1000_residents_per_year * residents / 1000.0 / 12.0;
    let total = w.carry.completions + expected;
    let n = total.floor() as u32;
    w.carry.completions = total - n as f64;
    let (rental, coop) = (w.preset.rental_share, w.preset.coop_share);
    let sum = rental + coop + w.preset.owner_share;
    for k in 0..n {
        let p = &w.params;
        let mut d = w.streams.rng(Stream::Market, 0xFFFF_0000 | k, w.month.0, 1);
        let u = d.uniform() * sum;
        let rooms = 1 + d.below(4) as u8;
        let base = rent_for(p, rooms, &mut d);
        let (tenure, landlord, rent) = if u < rental {
            (Tenure::Rental, landlord_for(p, d.uniform()), Sek::from_f64(base.0 as f64 * (1.0 + p.new_production_rent_premium)))
        } else if u < rental + coop {
            (Tenure::TenantOwned, u16::MAX, Sek::from_f64(base.0 as f64 * 0.8 * (1.0 + p.new_production_rent_premium)))
        } else {
            (Tenure::OwnerOccupied, u16::MAX, Sek::from_f64(base.0 as f64 * 0.7 * (1.0 + p.new_production_rent_premium)))
        };
        complete(w, tenure, rooms, rent, landlord, 0);
    }
}

/// Owned dwellings that have stood unsold too long are let out as private
/// rentals (by a small landlord) at the rent of a comparable rental.
fn let_unsold(w: &mut World, vacancies: &[u32]) {
    let limit = w.params.unsold_to_rental_months as u32;
    for &d in vacancies {
        let d = d as usize;
        if w.dwellings.tenure[d] != Tenure::Rental && w.month.since(w.dwellings.vacant_since[d]) >= limit {
            let mut draw = w.streams.rng(Stream::Market, d as u32, w.month.0, 3);
            w.dwellings.tenure[d] = Tenure::Rental;
            w.dwellings.landlord[d] = LandlordKind::PrivateSmall as u16;
            w.dwellings.rent[d] = rent_for(&w.params, w.dwellings.rooms[d], &mut draw);
        }
    }
}

/// Demolishes vacant dwellings at the demolition rate.
fn demolition(w: &mut World, vacancies: &mut Vec<u32>) {
    let stock = w.dwellings.len() as f64;
    let total = w.carry.demolitions + w.params.demolition_rate_per_year * stock / 12.0;
    let n = total.floor() as usize;
    w.carry.demolitions = total - n as f64;
    let mut d = w.streams.rng(Stream::Market, 0xFFFF_FFFF, w.month.0, 2);
    for _ in 0..n {
        if vacancies.is_empty() {
            break;
        }
        let j = d.below(vacancies.len() as u32) as usize;
        let dw = vacancies.swap_remove(j) as usize;
        w.dwellings.flags[dw] |= flags::DEMOLISHED;
        w.tally.demolitions += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_need_room_and_singles_do_not_take_mansions() {
        assert!(suits(1, 1));
        assert!(!suits(1, 4));
        assert!(!suits(5, 1));
        assert!(suits(5, 3));
    }
}
