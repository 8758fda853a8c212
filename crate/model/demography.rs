//! Phase 1: demography. Deaths, separations, young adults leaving home,
//! births, wishes to move, and migration out of and into the municipality.
//!
//! Each household has one scheduled demographic event, drawn at an upper
//! bound of its possible rates; when it comes, the kind is chosen in
//! proportion to the rates that apply *now*, and the remainder of the bound
//! means "nothing happens" (thinning). So the rates are exact even though a
//! household's eligibility (housed, searching, …) changes between events,
//! and no household costs a random draw between its events.

use crate::model::household::HouseholdId;
use crate::model::household::{Needs, NewHousehold, Stage, Status};
use crate::model::income::{check_need, initial_source, refresh_income};
use crate::model::moves::{Cause, set_status};
use crate::model::synth::{add_household, add_household_with, new_arrival};
use crate::model::world::World;
use crate::rng::{Draw, Stream};
use crate::sample::{categorical, lognormal, months_until};
use crate::units::{Month, Sek};

/// Phase 1.
pub fn step(w: &mut World) {
    let month = w.month;
    for i in 0..w.households.len() {
        let h = &w.households;
        if h.status[i] == Status::Gone {
            continue;
        }
        if h.death[i] <= month {
            death(w, i);
        } else if h.next_demography[i] <= month {
            event(w, i);
        }
    }
    in_migration(w);
}

/// The upper bound of the household's demographic event rate per year,
/// given what can change only through a demographic event (adults,
/// children, age) and its homelessness (on whose change the event is
/// rescheduled, see [`crate::model::moves::set_status`]).
fn rate_bound(w: &World, i: usize) -> f64 {
    let p = &w.params;
    let h = &w.households;
    let couple = if h.adults[i] >= 2 { p.separation_rate_per_year } else { p.partnering_rate_per_year };
    let births = if h.age(i, w.month) < 45 && (h.adults[i] >= 2 || h.children[i] > 0) { p.birth_rate_per_year } else { 0.0 };
    let homeless = if crate::model::homeless::without_home(h.status[i]) { p.homeless_leave_rate_per_year } else { 0.0 };
    couple
        + p.out_migration_rate_per_year
        + homeless
        + h.children[i] as f64 * p.child_leaves_home_rate_per_year
        + births
        + p.move_wish_rate_per_year
}

/// Schedules the household's next demographic event, drawing from `d`.
pub fn schedule_demography(w: &mut World, household: HouseholdId, d: &mut Draw) {
    let i = household.index();
    let rate = rate_bound(w, i);
    w.households.next_demography[i] = months_until(d, rate).map_or(Month::NEVER, |m| w.month.plus(m));
}

/// Draws the month of death of a head born at `born` (Gompertz hazard), from `d`.
pub fn schedule_death(w: &mut World, household: HouseholdId, d: &mut Draw) {
    let i = household.index();
    let p = &w.params;
    let h = &w.households;
    let age = (w.month.0 as f64 - h.born[i] as f64) / 12.0;
    let doubling = p.mortality_doubling_years;
    let ln2 = core::f64::consts::LN_2;
    let e = -libm::log(d.uniform_open0());
    let now = libm::exp2((age - 65.0) / doubling);
    let years = if p.mortality_at_65_per_year > 0.0 {
        doubling * libm::log2(now + e * ln2 / (p.mortality_at_65_per_year * doubling)) - (age - 65.0)
    } else {
        f64::INFINITY
    };
    let months = libm::ceil(years * 12.0).max(1.0);
    w.households.death[i] = if months > 60_000.0 { Month::NEVER } else { w.month.plus(months as u32) };
}

fn death(w: &mut World, i: usize) {
    w.tally.persons_died += 1;
    if w.households.adults[i] >= 2 {
        // The partner carries on as a one-adult household of the same age.
        w.households.adults[i] = 1;
        refresh_income(w, HouseholdId::at(i));
        let mut d = w.streams.rng(Stream::Demography, w.households.uid[i], w.month.0, 0x21);
        schedule_death(w, HouseholdId::at(i), &mut d);
        schedule_demography(w, HouseholdId::at(i), &mut d);
        check_need(w, HouseholdId::at(i), 11);
    } else {
        // The last adult died: the household dissolves (children move away).
        w.tally.persons_departed += w.households.children[i] as u32;
        remove(w, i);
    }
}

/// The household moves out of the municipality.
pub fn depart(w: &mut World, household: HouseholdId) {
    let i = household.index();
    w.tally.persons_departed += w.households.persons(i);
    remove(w, i);
}

/// Removes the household from the population and frees its slot.
fn remove(w: &mut World, i: usize) {
    set_status(w, HouseholdId::at(i), Status::Gone, None, Cause::Departure);
    let h = &mut w.households;
    // A free slot holds nothing that any per-household loop would count or change.
    h.stage[i] = Stage::None;
    h.arrears[i] = Sek::ZERO;
    h.balance[i] = Sek::ZERO;
    h.remark_until[i] = Month(0);
    h.next_income[i] = Month::NEVER;
    h.next_shock[i] = Month::NEVER;
    h.next_demography[i] = Month::NEVER;
    h.death[i] = Month::NEVER;
    h.assistance_due[i] = Month::NEVER;
    h.next_status_event[i] = Month::NEVER;
    h.search_since[i] = Month::NEVER;
    w.free_slots.push(i as u32);
    w.tally.departed += 1;
}

fn event(w: &mut World, i: usize) {
    let p = &w.params;
    let h = &w.households;
    let month = w.month;
    let status = h.status[i];
    let homeless = crate::model::homeless::without_home(status);
    let single_young = h.adults[i] == 1 && h.age(i, month) < 60 && status != Status::Institution;
    let rates = [
        if h.adults[i] >= 2 { p.separation_rate_per_year } else { 0.0 },
        p.out_migration_rate_per_year + if homeless { p.homeless_leave_rate_per_year } else { 0.0 },
        h.children[i] as f64 * p.child_leaves_home_rate_per_year,
        if h.age(i, month) < 45 && (h.adults[i] >= 2 || h.children[i] > 0) { p.birth_rate_per_year } else { 0.0 },
        if status.has_dwelling() && !h.search_since[i].is_set() && h.stage[i] == Stage::None { p.move_wish_rate_per_year } else { 0.0 },
    ];
    let bound = rate_bound(w, i);
    let nothing = (bound - rates.iter().sum::<f64>()).max(0.0);
    let mut d = w.streams.rng(Stream::Demography, h.uid[i], month.0, 1);
    let partnering = if single_young { p.partnering_rate_per_year } else { 0.0 };
    let nothing = (nothing - partnering).max(0.0);
    let kind = categorical(&mut d, &[rates[0], rates[1], rates[2], rates[3], rates[4], partnering, nothing]);
    match kind {
        0 => separation(w, i),
        5 if partnering_merge(w, i) => return,
        5 => {}
        1 => {
            depart(w, HouseholdId::at(i));
            return;
        }
        2 => child_leaves(w, i),
        3 => {
            let h = &mut w.households;
            if h.children[i] < 8 {
                h.children[i] += 1;
                w.tally.persons_born += 1;
            }
            crate::model::rent::refresh_balance(w, HouseholdId::at(i));
            check_need(w, HouseholdId::at(i), 12);
        }
        4 => w.households.search_since[i] = month,
        _ => {}
    }
    schedule_demography(w, HouseholdId::at(i), &mut d);
}

/// A single adult moves in with a partner: another single adult under 60,
/// drawn at random. The household with a dwelling (the initiator's if both
/// have one) absorbs the other, whose dwelling becomes vacant; a homeless
/// partner moving in leaves homelessness. Returns whether `i` itself was
/// absorbed (its slot is then free). Nothing happens if no partner is found
/// in a few draws.
fn partnering_merge(w: &mut World, i: usize) -> bool {
    let month = w.month;
    let n = w.households.len() as u32;
    let mut d = w.streams.rng(Stream::Demography, w.households.uid[i], month.0, 6);
    let mut partner = None;
    for _ in 0..8 {
        let j = d.below(n) as usize;
        let h = &w.households;
        if j != i && h.status[j] != Status::Gone && h.status[j] != Status::Institution && h.adults[j] == 1 && h.age(j, month) < 60 {
            partner = Some(j);
            break;
        }
    }
    let Some(j) = partner else { return false };
    let h = &w.households;
    let (keep, gone) = if h.status[i].has_dwelling() || !h.status[j].has_dwelling() { (i, j) } else { (j, i) };
    let gone_homeless = crate::model::homeless::is_homeless(h.status[gone]);
    let gone_children = h.children[gone];
    // Children beyond the cap of 8 per household move away.
    w.tally.persons_departed += (h.children[keep] as u32 + gone_children as u32).saturating_sub(8);
    let gone_savings = h.savings[gone].0 as i64;
    let gone_needs = h.needs[gone].0;
    // The absorbed household leaves the population; its persons join `keep`.
    if gone_homeless && !crate::model::homeless::is_homeless(h.status[keep]) {
        w.tally.homeless_exits += 1;
        w.tally.homeless_exit_months += month.since(h.homeless_since[gone]) as u64;
    }
    remove(w, gone);
    w.tally.departed -= 1;
    w.tally.merged += 1;
    let h = &mut w.households;
    h.adults[keep] = 2;
    h.children[keep] = h.children[keep].saturating_add(gone_children).min(8);
    h.savings[keep] = Sek((h.savings[keep].0 as i64 + gone_savings).min(i32::MAX as i64) as i32);
    h.needs[keep] = Needs(h.needs[keep].0 | (gone_needs & Needs::SUBSTANCE | gone_needs & Needs::PSYCHIATRIC));
    refresh_income(w, HouseholdId::at(keep));
    let mut d = w.streams.rng(Stream::Demography, w.households.uid[keep], month.0, 7);
    schedule_demography(w, HouseholdId::at(keep), &mut d);
    check_need(w, HouseholdId::at(keep), 13);
    keep != i
}

/// A couple separates: one partner leaves and forms a household of their own.
fn separation(w: &mut World, i: usize) {
    let p = &w.params;
    let h = &w.households;
    let month = w.month;
    let mut d = w.streams.rng(Stream::Demography, h.uid[i], month.0, 2);
    let violence = d.chance(p.separation_violence_share);
    let children = if violence { h.children[i] } else { 0 };
    let half = Sek(h.savings[i].0 / 2);
    let mut needs = Needs(h.needs[i].0 & !Needs::VIOLENCE);
    if violence {
        needs.0 |= Needs::VIOLENCE;
    }
    let leaver = NewHousehold {
        adults: 1,
        children,
        born: h.born[i].saturating_add((d.below(61) as i16) - 30),
        source: h.source[i],
        capacity: (h.capacity[i] as f64 * lognormal(&mut d, 1.0, 0.15)) as f32,
        savings: half,
        needs,
        status: Status::Gone,
    };
    let no_home = d.chance(p.separation_leaver_no_home_share);
    {
        let h = &mut w.households;
        h.adults[i] = 1;
        h.children[i] -= children;
        h.savings[i] = Sek(h.savings[i].0 - half.0);
    }
    refresh_income(w, HouseholdId::at(i));
    check_need(w, HouseholdId::at(i), 14);
    let j = add_household(w, leaver);
    let affordable =
        crate::model::income::can_afford_sublet(&w.params, w.households.income[j], w.households.savings[j], w.households.source[j]);
    let status = if !affordable && no_home { Status::FriendsFamily } else { Status::Sublet };
    set_status(w, HouseholdId::at(j), status, None, Cause::Separation);
    check_need(w, HouseholdId::at(j), 15);
    w.tally.formed += 1;
}

/// A child leaves home and forms a young-adult household.
fn child_leaves(w: &mut World, i: usize) {
    let p = &w.params;
    let h = &w.households;
    let month = w.month;
    let mut d = w.streams.rng(Stream::Demography, h.uid[i], month.0, 3);
    let age_months = 18 * 12 + d.below(4 * 12) as i32;
    let young = NewHousehold {
        adults: 1,
        children: 0,
        born: (month.0 as i32 - age_months).clamp(i16::MIN as i32, i16::MAX as i32) as i16,
        source: initial_source(p, d.uniform()),
        capacity: lognormal(&mut d, 0.8, p.income_dispersion_sd_log) as f32,
        savings: Sek::from_f64(lognormal(&mut d, 5_000.0, 1.0)),
        needs: Needs(0),
        status: Status::Gone,
    };
    let no_home = d.chance(p.young_leaver_no_home_share);
    w.households.children[i] -= 1;
    crate::model::rent::refresh_balance(w, HouseholdId::at(i));
    let j = add_household(w, young);
    set_status(w, HouseholdId::at(j), if no_home { Status::FriendsFamily } else { Status::ParentalHome }, None, Cause::YoungAdult);
    w.tally.formed += 1;
}

/// Households moving into the municipality: as many as keep the number of
/// households on its target growth path, given this month's departures and
/// formations. A month with more formations than that carries the surplus
/// over (the carry goes negative) instead of removing anyone.
fn in_migration(w: &mut World) {
    let p = &w.params;
    let alive = w.live_households();
    let growth = alive as f64 * p.population_growth_per_year / 12.0;
    let expected = growth + w.tally.departed as f64 - (w.tally.formed as f64 - w.tally.merged as f64);
    let total = w.carry.arrivals + expected;
    let n = total.max(0.0).floor() as u32;
    w.carry.arrivals = total - n as f64;
    for _ in 0..n {
        // One generator per arrival, keyed by its serial number.
        let mut d = w.streams.rng(Stream::Demography, w.next_uid, w.month.0, 4);
        let (template, no_home_prob) = new_arrival(&w.params, &mut d, w.month);
        let j = add_household_with(w, template, &mut d);
        let status = if d.chance(no_home_prob) { Status::FriendsFamily } else { Status::Sublet };
        set_status(w, HouseholdId::at(j), status, None, Cause::Arrival);
        check_need(w, HouseholdId::at(j), 16);
        w.tally.arrived += 1;
        w.tally.persons_arrived += w.households.persons(j);
    }
}
