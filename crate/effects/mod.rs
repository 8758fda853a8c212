//! Why an instrument works or not: the difference in homeless persons
//! between a scenario and its paired baseline, split into three parts that
//! add up to it in every month (issue 35; docs/odd.md §2.10).
//!
//! The paired runs share their seed and history, so the same household has
//! the same serial number in both until their paths part. For each month,
//! every household that is homeless in either run, or that the
//! alternative's instruments hold (house or keep housed:
//! [`crate::model::trace`]) and the baseline's do not, adds the persons it
//! counts in the alternative less those it counts in the baseline to one
//! part:
//!
//! * **direct** — households the alternative holds and the baseline does
//!   not, outside situation 3: a Housing First tenant who would have been
//!   homeless in the baseline that month counts −1 per adult; one who would
//!   have found a home anyway counts 0. Summed over the months, this is the
//!   homelessness the instrument itself ended, for as long as it would have
//!   lasted without it.
//! * **counting** — households the alternative holds in situation 3 (social
//!   contracts, training flats, second-hand Housing First), which
//!   Socialstyrelsen's definition counts as homeless: +1 per adult for one
//!   that would have had a home in the baseline, 0 for one that would have
//!   been homeless anyway.
//! * **others** — every household the alternative does not hold: those who
//!   did not get the flats, places or money the instrument used (more
//!   homeless: displacement), or, for an instrument that adds supply or money
//!   for everyone (new production, the state levers), those it reached.
//!
//! The parts are a partition of households, so they add up to the total
//! difference exactly; how they are made is the part that can be wrong, and
//! a property test checks the sum against the recorded counts.

use crate::compare::Change;
use crate::model::trace::MonthTrace;
use crate::policy::InstrumentConfig;
use crate::run::Traced;
use serde::Serialize;

pub mod sheet;
pub mod sobol;

/// One month's difference in counted persons (alternative − base), split.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Parts {
    /// Households held by the alternative only, outside situation 3.
    pub direct: f64,
    /// Households held by the alternative only, in situation 3.
    pub counting: f64,
    /// Households the alternative does not hold.
    pub others: f64,
}

impl Parts {
    /// The whole difference.
    pub fn total(&self) -> f64 {
        self.direct + self.counting + self.others
    }
}

/// Whether `uid` is in a list sorted by serial number.
fn holds(list: &[crate::model::trace::HeldEntry], uid: u32) -> bool {
    list.binary_search_by_key(&uid, |e| e.uid).is_ok()
}

/// Whether the alternative's own instruments hold `uid` in `alternative`
/// and no instrument holds it in `base`.
fn own(base: &MonthTrace, alternative: &MonthTrace, uid: u32, mine: &[bool]) -> bool {
    let k = alternative.held.partition_point(|e| e.uid < uid);
    alternative.held[k..].iter().take_while(|e| e.uid == uid).any(|e| mine.get(e.instrument as usize).copied().unwrap_or(true))
        && !holds(&base.held, uid)
}

/// Which positions of the alternative's set are its own: instruments the
/// base has not, or has with other settings (compared at the horizon).
pub fn own_instruments(base: &[Option<InstrumentConfig>], alternative: &[Option<InstrumentConfig>]) -> Vec<bool> {
    alternative.iter().enumerate().map(|(k, c)| base.get(k) != Some(c)).collect()
}

/// The month's difference of `alternative` against `base`, split; `mine`
/// says which of the alternative's instruments are its own
/// ([`own_instruments`]): households held only by the instruments both runs
/// share count among the others (one placed instead of another).
pub fn split_month(base: &MonthTrace, alternative: &MonthTrace, mine: &[bool]) -> Parts {
    let mut parts = Parts::default();
    let counted = |t: &MonthTrace, uid: u32| t.homeless.binary_search_by_key(&uid, |e| e.uid).ok().map(|k| t.homeless[k]);
    // Households homeless in either run, and the alternative's own held
    // ones (they may be homeless in neither: a tenant kept housed).
    let mut uids: Vec<u32> = base
        .homeless
        .iter()
        .map(|e| e.uid)
        .chain(alternative.homeless.iter().map(|e| e.uid))
        .chain(alternative.held.iter().filter(|e| mine.get(e.instrument as usize).copied().unwrap_or(true)).map(|e| e.uid))
        .collect();
    uids.sort_unstable();
    uids.dedup();
    for uid in uids {
        let (a, b) = (counted(alternative, uid), counted(base, uid));
        let diff = a.map_or(0.0, |e| e.counted as f64) - b.map_or(0.0, |e| e.counted as f64);
        if diff == 0.0 {
            continue;
        }
        if !own(base, alternative, uid, mine) {
            parts.others += diff;
        } else if a.is_some_and(|e| e.situation == 3) {
            parts.counting += diff;
        } else {
            parts.direct += diff;
        }
    }
    parts
}

/// What the alternative's own holds did, over the projection of one pair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Holds {
    /// Households the alternative's instruments took in (held by it and not
    /// by the base) during the projection.
    pub taken_in: f64,
    /// Of those, how many were homeless in the baseline in the month they
    /// were taken in.
    pub homeless_when_taken_in: f64,
    /// Of those, how many would still have been homeless in the baseline
    /// twelve months later (among those taken in at least twelve months
    /// before the horizon).
    pub still_homeless_a_year_later: f64,
    /// Those taken in at least twelve months before the horizon while homeless in the baseline.
    pub followed_a_year: f64,
}

/// [`Holds`] of one pair of traced projections.
pub fn holds_of(base: &[MonthTrace], alternative: &[MonthTrace], mine: &[bool]) -> Holds {
    let mut out = Holds::default();
    let mut seen = std::collections::HashSet::new();
    let homeless = |t: &MonthTrace, uid: u32| t.homeless.binary_search_by_key(&uid, |e| e.uid).is_ok();
    for (m, (b, a)) in base.iter().zip(alternative).enumerate() {
        for e in a.held.iter().filter(|e| own(b, a, e.uid, mine)) {
            if !seen.insert(e.uid) {
                continue;
            }
            out.taken_in += 1.0;
            if homeless(b, e.uid) {
                out.homeless_when_taken_in += 1.0;
                if let Some(later) = base.get(m + 12) {
                    out.followed_a_year += 1.0;
                    out.still_homeless_a_year_later += homeless(later, e.uid) as u8 as f64;
                }
            }
        }
    }
    out
}

/// The effect accounting of a comparison over the projection, for the whole
/// municipality (counts over the scale): each part in homeless person-years
/// with its paired 90% interval, and what the alternative's holds did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Accounting {
    /// Person-years, alternative − base, of households the alternative holds outside situation 3.
    pub direct: Change,
    /// Person-years of households it holds in situation 3 (counted by definition).
    pub counting: Change,
    /// Person-years of every household it does not hold.
    pub others: Change,
    /// The whole difference in person-years (the three parts' sum).
    pub total: Change,
    /// Mean over pairs of what the holds did (whole municipality).
    pub holds: Holds,
    /// Per projection month, the mean over pairs of each part (persons, whole municipality).
    pub monthly: Vec<Parts>,
}

/// The accounting of paired traced runs (`base[r]`, `alternative[r]` for
/// replication `r`) at `scale`.
pub fn account(base: &[Traced], alternative: &[Traced], scale: f64) -> Accounting {
    let n = base.len().min(alternative.len());
    let mine = match (base.first(), alternative.first()) {
        (Some(b), Some(a)) => own_instruments(&b.instruments, &a.instruments),
        _ => Vec::new(),
    };
    let splits: Vec<Vec<Parts>> =
        (0..n).map(|r| base[r].traces.iter().zip(&alternative[r].traces).map(|(b, a)| split_month(b, a, &mine)).collect()).collect();
    let zeros = vec![0.0; n];
    let years = |f: &dyn Fn(&Parts) -> f64| -> Vec<f64> { splits.iter().map(|s| s.iter().map(f).sum::<f64>() / 12.0 / scale).collect() };
    let months = splits.iter().map(Vec::len).min().unwrap_or(0);
    let monthly = (0..months)
        .map(|m| {
            let mean = |f: &dyn Fn(&Parts) -> f64| splits.iter().map(|s| f(&s[m])).sum::<f64>() / n.max(1) as f64 / scale;
            Parts { direct: mean(&|p| p.direct), counting: mean(&|p| p.counting), others: mean(&|p| p.others) }
        })
        .collect();
    let mut holds = Holds::default();
    for r in 0..n {
        let h = holds_of(&base[r].traces, &alternative[r].traces, &mine);
        holds.taken_in += h.taken_in / n as f64 / scale;
        holds.homeless_when_taken_in += h.homeless_when_taken_in / n as f64 / scale;
        holds.still_homeless_a_year_later += h.still_homeless_a_year_later / n as f64 / scale;
        holds.followed_a_year += h.followed_a_year / n as f64 / scale;
    }
    Accounting {
        direct: Change::of(&zeros, &years(&|p| p.direct)),
        counting: Change::of(&zeros, &years(&|p| p.counting)),
        others: Change::of(&zeros, &years(&|p| p.others)),
        total: Change::of(&zeros, &years(&|p| p.total())),
        holds,
        monthly,
    }
}

impl Accounting {
    /// The accounting in sentences (English; the page says the same in
    /// Swedish from the same numbers): the parts with their intervals, and
    /// what became of the households the alternative took in.
    pub fn why(&self) -> Vec<String> {
        let part = |c: &Change| format!("{:+.0} [{:+.0} to {:+.0}]", c.mean, c.low, c.high);
        let mut lines = vec![format!(
            "Why, in homeless person-years over the projection: direct {} (homelessness its instruments ended for the households they hold), \
             counting {} (households it holds in situation 3, which the count includes), others {} (everyone it does not hold: \
             those who did not get the flats, places or money it used, or were reached by them); total {}.",
            part(&self.direct),
            part(&self.counting),
            part(&self.others),
            part(&self.total)
        )];
        let h = &self.holds;
        if h.taken_in >= 0.5 {
            let mut s = format!(
                "Its instruments took in {:.0} households; {:.0} of them were homeless in the baseline at the time",
                h.taken_in, h.homeless_when_taken_in
            );
            if h.followed_a_year >= 0.5 {
                s.push_str(&format!(
                    ", and of {:.0} followed for a year, {:.0} would still have been homeless a year later without them ({:.0} would have found a home or left).",
                    h.followed_a_year,
                    h.still_homeless_a_year_later,
                    h.followed_a_year - h.still_homeless_a_year_later
                ));
            } else {
                s.push('.');
            }
            lines.push(s);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trace::{HeldEntry, HomelessEntry};

    fn trace(homeless: &[(u32, u8, u8)], held: &[u32]) -> MonthTrace {
        MonthTrace {
            homeless: homeless.iter().map(|&(uid, counted, situation)| HomelessEntry { uid, counted, situation }).collect(),
            held: held.iter().map(|&uid| HeldEntry { uid, instrument: if uid == 6 { 0 } else { 1 } }).collect(),
        }
    }

    #[test]
    fn each_household_falls_in_one_part_and_the_parts_add_up() {
        // 1: homeless in both, not held (no change). 2: housed by the
        // alternative (first-hand), homeless in the base: direct −2.
        // 3: placed in situation 3 by the alternative, housed in the base:
        // counting +1. 4: held in situation 3 here, homeless there: 0.
        // 5: homeless only in the alternative, not held: others +1 (it did
        // not get the flat). 6: held by both runs' instruments: others.
        let base = trace(&[(1, 1, 4), (2, 2, 1), (4, 1, 1), (6, 1, 3)], &[6]);
        let alt = trace(&[(1, 1, 4), (3, 1, 3), (4, 1, 3), (5, 1, 1)], &[2, 3, 4, 6]);
        // Instrument 0 is shared (held in both runs), 1 the alternative's own.
        let p = split_month(&base, &alt, &[false, true]);
        assert_eq!(p, Parts { direct: -2.0, counting: 1.0, others: 0.0 });
        // Held by a shared instrument only in the alternative: one placed
        // instead of another, among the others.
        let p = split_month(&base, &alt, &[false, false]);
        assert_eq!(p, Parts { direct: 0.0, counting: 0.0, others: -1.0 });
        assert_eq!(p.total(), (1 + 1 + 1 + 1) as f64 - (1 + 2 + 1 + 1) as f64);
    }

    #[test]
    fn a_household_taken_in_while_homeless_is_followed_a_year_in_the_base() {
        let mut base: Vec<MonthTrace> = (0..14).map(|_| trace(&[(7, 1, 1), (8, 1, 4)], &[])).collect();
        // Household 8 finds a home in the base after six months.
        for t in base.iter_mut().skip(6) {
            t.homeless.retain(|e| e.uid != 8);
        }
        let alt: Vec<MonthTrace> = (0..14).map(|_| trace(&[], &[7, 8])).collect();
        let h = holds_of(&base, &alt, &[false, true]);
        assert_eq!((h.taken_in, h.homeless_when_taken_in, h.followed_a_year, h.still_homeless_a_year_later), (2.0, 2.0, 2.0, 1.0));
        let traced = |traces: Vec<MonthTrace>, instruments| Traced { rows: Vec::new(), traces, instruments };
        let a = account(&[traced(base, vec![])], &[traced(alt, vec![None, None])], 0.5);
        // Direct: 7 for 14 months and 8 for 6, over the scale.
        assert!((a.direct.mean - -(14.0 + 6.0) / 12.0 / 0.5).abs() < 1e-12);
        assert_eq!(a.total.mean, a.direct.mean);
        assert_eq!(a.monthly.len(), 14);
    }
}
