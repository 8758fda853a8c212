//! Phase 4: arrears and the Kronofogden pipeline.
//!
//! A tenant who owes rent moves through the stages
//! reminder ([`Stage::Arrears`]) → notice ([`Stage::Notice`], social services
//! are told) → payment order with eviction at Kronofogden
//! ([`Stage::PaymentOrder`]) → eviction application ([`Stage::Application`])
//! → executed eviction; at every stage the debt may be paid or settled
//! (withdrawn), and under notice or payment order the household may move out
//! "voluntarily". Delays between stages are parameters in months. Tenants
//! with support needs can also face an application for disturbance (its
//! timing is drawn in phase 5; the application then runs here).
//!
//! Instruments get their turn first (`PolicySet::before_pipeline`), so that
//! outreach can reach households at the first missed rent.

use crate::model::hooks::Instruments;
use crate::model::household::HouseholdId;
use crate::model::household::Stage;
use crate::model::moves::{Cause, displace};
use crate::model::world::World;
use crate::rng::Stream;
use crate::sample::months_until;
use crate::units::{Month, Sek};

/// Phase 4.
pub fn step(w: &mut World, policies: &mut dyn Instruments) {
    policies.before_pipeline(w);
    for i in 0..w.households.len() {
        let h = &w.households;
        // Most households owe nothing and are in no stage: test that first
        // (a well-predicted branch) before anything else.
        if h.stage[i] == Stage::None && h.arrears[i].0 == 0 {
            continue;
        }
        if !h.status[i].pays_rent() {
            continue;
        }
        match h.stage[i] {
            Stage::None => {
                if h.arrears[i].0 > 0 {
                    w.households.stage[i] = Stage::Arrears;
                    check_notice(w, i);
                }
            }
            Stage::Arrears => {
                if h.arrears[i].0 == 0 {
                    clear(w, i);
                } else {
                    check_notice(w, i);
                }
            }
            Stage::Notice | Stage::PaymentOrder => advance_threatened(w, i),
            Stage::Application | Stage::DisturbanceApplication => advance_application(w, i),
        }
    }
}

fn rent_of(w: &World, i: usize) -> Sek {
    w.dwellings.rent[w.households.dwelling[i] as usize]
}

fn clear(w: &mut World, i: usize) {
    let h = &mut w.households;
    h.stage[i] = Stage::None;
    h.stage_due[i] = Month::NEVER;
}

/// Notice when arrears reach the landlord's threshold.
fn check_notice(w: &mut World, i: usize) {
    // Below the lowest threshold any landlord uses, nothing happens; this
    // check needs no look-up of the dwelling and its landlord.
    let lowest = w.params.notice_threshold_rent_months * w.households.rent[i].0 as f64;
    if (w.households.arrears[i].0 as f64) < lowest {
        return;
    }
    let d = w.households.dwelling[i] as usize;
    let landlord = &w.landlords[w.dwellings.landlord[d] as usize];
    let threshold = landlord.notice_threshold_rent_months * rent_of(w, i).0 as f64;
    if w.households.arrears[i].0 as f64 >= threshold {
        let delay = w.params.notice_to_payment_order_months.round() as u32;
        let h = &mut w.households;
        h.stage[i] = Stage::Notice;
        h.stage_due[i] = w.month.plus(delay);
        w.tally.notices += 1;
    }
}

/// The monthly chance of settling: lowered for households with support
/// needs, raised for families with children.
fn settle_prob(w: &World, i: usize, base: f64) -> f64 {
    let h = &w.households;
    let mut p = base;
    if h.needs[i].support() {
        p *= w.params.settle_factor_support_needs;
    }
    if h.children[i] > 0 {
        p = (p * w.params.settle_factor_families).min(0.95);
    }
    p
}

/// Under notice or payment order: pay, settle, move out, or move on.
fn advance_threatened(w: &mut World, i: usize) {
    let month = w.month;
    let p = &w.params;
    let h = &w.households;
    let stage = h.stage[i];
    if h.arrears[i].0 == 0 {
        clear(w, i);
        return;
    }
    let base = if stage == Stage::Notice { p.settle_rate_notice_per_month } else { p.settle_rate_payment_order_per_month };
    let settle = settle_prob(w, i, base);
    let mut d = w.streams.rng(Stream::Eviction, h.uid[i], month.0, 1);
    let u = d.uniform();
    if u < settle {
        w.households.arrears[i] = Sek::ZERO;
        clear(w, i);
    } else if u < settle + p.move_under_threat_rate_per_month {
        w.tally.moves_under_threat += 1;
        leave_with_debt(w, i);
        displace(w, HouseholdId::at(i), Cause::ThreatMove);
    } else if h.stage_due[i] <= month {
        if stage == Stage::Notice {
            let delay = p.payment_order_to_application_months.round() as u32;
            let h = &mut w.households;
            h.stage[i] = Stage::PaymentOrder;
            h.stage_due[i] = month.plus(delay.max(1));
            w.tally.payment_orders += 1;
        } else {
            enter_application(w, i, false);
        }
    }
}

/// An eviction application for disturbance (tenants with support needs; the
/// event is scheduled in phase 5, see [`crate::model::homeless`]).
pub fn apply_for_disturbance(w: &mut World, household: HouseholdId) {
    let i = household.index();
    enter_application(w, i, true);
}

/// The landlord applies for eviction; the decision registers the debt at
/// Kronofogden (a payment remark while it is unpaid).
fn enter_application(w: &mut World, i: usize, disturbance: bool) {
    let month = w.month;
    let delay = w.params.application_to_execution_months.round() as u32;
    if !disturbance && w.households.arrears[i].0 > 0 {
        register_debt(w, i);
    }
    let h = &mut w.households;
    h.stage[i] = if disturbance { Stage::DisturbanceApplication } else { Stage::Application };
    h.stage_due[i] = month.plus(delay.max(1));
    w.tally.applications += 1;
}

/// Gives the household a payment remark lasting until its debt is repaid plus the remark period.
fn register_debt(w: &mut World, i: usize) {
    let month = w.month;
    let p = &w.params;
    let h = &w.households;
    let mut d = w.streams.rng(Stream::Eviction, h.uid[i], month.0, 2);
    let repay = months_until(&mut d, p.enforcement_debt_repay_rate_per_year).unwrap_or(600);
    let until = month.plus(repay + p.remark_duration_months as u32);
    let h = &mut w.households;
    if h.remark_until[i] <= month {
        w.tally.new_remarks += 1;
    }
    h.remark_until[i] = h.remark_until[i].max(until);
}

/// A household leaving a tenancy with unpaid rent: the debt goes to
/// Kronofogden and the arrears leave the household's rent account.
fn leave_with_debt(w: &mut World, i: usize) {
    if w.households.arrears[i].0 > 0 {
        register_debt(w, i);
        w.households.arrears[i] = Sek::ZERO;
    }
}

/// An eviction application: withdrawn if the debt is settled, else executed when due.
fn advance_application(w: &mut World, i: usize) {
    let month = w.month;
    let h = &w.households;
    let disturbance = h.stage[i] == Stage::DisturbanceApplication;
    let mut d = w.streams.rng(Stream::Eviction, h.uid[i], month.0, 3);
    let settle = if disturbance { 0.0 } else { settle_prob(w, i, w.params.settle_rate_application_per_month) };
    let paid = !disturbance && h.arrears[i].0 == 0;
    if paid || d.uniform() < settle {
        w.tally.withdrawn += 1;
        w.households.arrears[i] = Sek::ZERO;
        // The debt is paid: the remark runs its statutory period from now.
        let until = month.plus(w.params.remark_duration_months as u32);
        let h = &mut w.households;
        if h.remark_until[i] > until {
            h.remark_until[i] = until;
        }
        clear(w, i);
    } else if h.stage_due[i] <= month {
        w.tally.executed += 1;
        if disturbance {
            w.tally.executed_disturbance += 1;
        }
        w.tally.children_affected += w.households.children[i] as u32;
        leave_with_debt(w, i);
        displace(w, HouseholdId::at(i), Cause::Eviction);
    }
}
