//! The invariants every month of every run must keep (tests/invariants.rs,
//! tests/properties.rs): households, persons and dwellings conserved; nobody
//! in two places; every homeless person in exactly one situation; the
//! outputs of a month consistent with each other.

use hemma::model::dwelling::{VACANT, flags};
use hemma::model::homeless::{is_homeless, situation};
use hemma::model::household::{Stage, Status};
use hemma::model::world::World;
use hemma::results::{Out, Row};

/// Households, persons and dwellings (not demolished) in `w`.
pub fn counts(w: &World) -> (u64, u64, u64) {
    let h = &w.households;
    let mut households = 0;
    let mut persons = 0;
    for i in 0..h.len() {
        if h.status[i] != Status::Gone {
            households += 1;
            persons += h.persons(i) as u64;
        }
    }
    let dwellings = (0..w.dwellings.len()).filter(|&d| w.dwellings.flags[d] & flags::DEMOLISHED == 0).count() as u64;
    (households, persons, dwellings)
}

/// Nobody in two places, every dwelling with at most one occupant, every
/// homeless household in one situation.
pub fn check_places(w: &World) {
    let h = &w.households;
    let d = &w.dwellings;
    for i in 0..h.len() {
        let s = h.status[i];
        if s.has_dwelling() {
            let dw = h.dwelling[i] as usize;
            assert!(dw < d.len(), "household {i} points at no dwelling");
            assert_eq!(d.occupant[dw], i as u32, "household {i} ({s:?}) and dwelling {dw} disagree");
            assert_eq!(d.flags[dw] & flags::DEMOLISHED, 0, "household {i} lives in a demolished dwelling");
        } else {
            assert_eq!(h.dwelling[i], u32::MAX, "household {i} ({s:?}) holds a dwelling it does not live in");
            assert_eq!(h.stage[i], Stage::None, "household {i} ({s:?}) is in the eviction pipeline without a tenancy");
        }
        if s == Status::Gone {
            assert!(!h.search_since[i].is_set(), "a free slot is searching");
        }
        // Every homeless status maps to exactly one situation, or to none only
        // for institution stays not yet due (situation 2 is the last three months).
        if is_homeless(s) {
            let months = h.next_status_event[i].since(w.month);
            let sit = situation(s, months, w.params.institution_due_window_months as u32);
            assert!(sit.is_some() || s == Status::Institution, "homeless household {i} ({s:?}) in no situation");
        }
    }
    for k in 0..d.len() {
        let occ = d.occupant[k];
        if occ != VACANT {
            assert_eq!(h.dwelling[occ as usize], k as u32, "dwelling {k} names occupant {occ}, who lives elsewhere");
        }
    }
}

/// The outputs of one month agree with each other.
pub fn check_row(row: &Row) {
    let sum = row.get(Out::n_homeless_sit1) + row.get(Out::n_homeless_sit2) + row.get(Out::n_homeless_sit3) + row.get(Out::n_homeless_sit4);
    assert_eq!(sum, row.get(Out::n_homeless), "situations do not add up to the total");
    // The count takes in adults only; children with a homeless parent are
    // their own output, never part of it.
    assert!(row.get(Out::n_homeless) <= row.get(Out::n_adults), "more homeless than adults");
    assert!(
        row.get(Out::n_children_with_homeless_parent) <= row.get(Out::n_children),
        "more children with a homeless parent than children"
    );
    assert!(row.get(Out::n_rough_sleepers) <= row.get(Out::n_homeless_sit1));
    assert_eq!(row.get(Out::n_adults) + row.get(Out::n_children), row.get(Out::n_residents));
    assert!(
        row.get(Out::new_withdrawn) + row.get(Out::new_executed_evictions)
            <= row.get(Out::n_threatened) + row.get(Out::new_eviction_applications) + 1e9
    );
}

/// Every invariant after a month: the stocks in `w` are those `before` the
/// month plus its inflows minus its outflows (from the month's tally), and
/// [`check_places`] and [`check_row`] hold for the state and its `row`.
pub fn check_month(before: (u64, u64, u64), w: &World, row: &Row) {
    check_state(before, w);
    check_row(row);
    assert!(row.0.iter().all(|v| v.is_finite()), "an output is not finite in month {}", w.month.0);
}

/// The invariants of the state after a month (conservation, places), for
/// months whose outputs are not reported (burn-in).
pub fn check_state(before: (u64, u64, u64), w: &World) {
    let (h0, p0, d0) = before;
    let (h1, p1, d1) = counts(w);
    let t = &w.tally;
    assert_eq!(
        h1 as i64,
        h0 as i64 + t.formed as i64 + t.arrived as i64 - t.departed as i64 - t.merged as i64,
        "households not conserved in month {}",
        w.month.0
    );
    assert_eq!(
        p1 as i64,
        p0 as i64 + t.persons_born as i64 + t.persons_arrived as i64 - t.persons_died as i64 - t.persons_departed as i64,
        "persons not conserved in month {}",
        w.month.0
    );
    assert_eq!(
        d1 as i64,
        d0 as i64 + t.completions as i64 + t.added_at_start as i64 - t.demolitions as i64,
        "dwellings not conserved in month {}",
        w.month.0
    );
    check_places(w);
}
