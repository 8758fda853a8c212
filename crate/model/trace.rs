//! A month's trace for the effect accounting of a comparison
//! ([`crate::effects`]): who is counted homeless, how many persons each
//! household counts and in which situation, and whom the instruments hold
//! (house or keep housed). Sparse — homeless and held households are a few
//! per cent of all — and made only when a comparison asks for it, never in
//! the monthly step itself.

use crate::model::homeless::{counted_persons, situation};
use crate::model::hooks::Instruments;
use crate::model::world::World;
use crate::units::Month;

/// One homeless household at the end of a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HomelessEntry {
    /// The household's serial number (the same household in two paired runs).
    pub uid: u32,
    /// Persons it counts (adults: [`counted_persons`]).
    pub counted: u8,
    /// Its situation (1–4).
    pub situation: u8,
}

/// A household an instrument holds at the end of a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeldEntry {
    /// The household's serial number.
    pub uid: u32,
    /// The holding instrument's position in the run's set (recorded
    /// instruments first, in the same places in every scenario of a place).
    pub instrument: u16,
}

/// Who is homeless and who is held at the end of one month, each list
/// sorted by serial number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthTrace {
    /// Homeless households (situations 1–4).
    pub homeless: Vec<HomelessEntry>,
    /// Households the instruments hold.
    pub held: Vec<HeldEntry>,
}

/// The trace of month `month` (the month just recorded) of `w`, whose
/// instruments are `hooks`.
pub fn trace(w: &World, hooks: &dyn Instruments, month: Month) -> MonthTrace {
    let h = &w.households;
    let window = w.params.institution_due_window_months as u32;
    let mut homeless = Vec::new();
    for i in 0..h.len() {
        if !crate::model::homeless::is_homeless(h.status[i]) {
            continue;
        }
        let to_release = h.next_status_event[i].since(month);
        if let Some(s) = situation(h.status[i], to_release, window) {
            homeless.push(HomelessEntry { uid: h.uid[i], counted: counted_persons(h, i).min(255) as u8, situation: s as u8 });
        }
    }
    homeless.sort_by_key(|e| e.uid);
    let mut held = Vec::new();
    hooks.held(w, &mut held);
    held.sort_by_key(|e| (e.uid, e.instrument));
    held.dedup_by_key(|e| e.uid);
    MonthTrace { homeless, held }
}
