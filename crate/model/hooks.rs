//! What the monthly step asks of the municipality's instruments. The model
//! declares the hooks and calls them at fixed places in
//! [`World::step`]; [`crate::policy::PolicySet`] implements them for a
//! scenario's instruments. The model never names an instrument, and a phase
//! can be tested with [`NoInstruments`] or a stub of its own.
//!
//! | hook | phase |
//! |---|---|
//! | [`Instruments::begin_month`] | start of the step |
//! | [`Instruments::establish`] | 0: at the start of the reported period, and when one starts later |
//! | [`Instruments::before_pipeline`] | 4, before the Kronofogden pipeline advances |
//! | [`Instruments::act`] | 6 |
//! | [`Instruments::claim_vacancy`] | 7, before a vacancy is matched |
//! | [`Instruments::vouch`] | 7, when a landlord rejects an applicant |
//! | [`Instruments::record`] | 8 |

use crate::model::dwelling::DwellingId;
use crate::model::landlord::Rejected;
use crate::model::world::World;
use crate::results::Row;

/// The instruments in force, as the step sees them.
pub trait Instruments {
    /// Whether there are none (the market then skips the per-vacancy hooks).
    fn is_empty(&self) -> bool;

    /// Starts a month: zeroes the month's counters and costs.
    fn begin_month(&mut self);

    /// Lets instruments that act from now and have not yet done so set the
    /// stock they had in force at their start.
    fn establish(&mut self, w: &mut World);

    /// Phase 4: before the pipeline advances (outreach at the first missed rent).
    fn before_pipeline(&mut self, w: &mut World);

    /// Phase 6: placements, contracts, transfers, shelter.
    fn act(&mut self, w: &mut World);

    /// Phase 7: offered a vacancy of the open market before it is matched;
    /// `true` takes it off the market for the municipality.
    fn claim_vacancy(&mut self, w: &mut World, dwelling: DwellingId) -> bool;

    /// Phase 7: a landlord rejected an applicant; `true` overrides the rejection.
    fn vouch(&mut self, w: &World, rejected: Rejected) -> bool;

    /// Phase 8: writes the instruments' outputs and costs into the month's row.
    fn record(&self, w: &World, row: &mut Row);

    /// The households the instruments hold now — house or keep housed:
    /// placements, sureties, guarantees — for the effect accounting of a
    /// comparison ([`crate::model::trace`]). Not called by the step.
    fn held(&self, _w: &World, _out: &mut Vec<crate::model::trace::HeldEntry>) {}
}

/// No instruments: every hook does nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoInstruments;

impl Instruments for NoInstruments {
    fn is_empty(&self) -> bool {
        true
    }
    fn begin_month(&mut self) {}
    fn establish(&mut self, _w: &mut World) {}
    fn before_pipeline(&mut self, _w: &mut World) {}
    fn act(&mut self, _w: &mut World) {}
    fn claim_vacancy(&mut self, _w: &mut World, _dwelling: DwellingId) -> bool {
        false
    }
    fn vouch(&mut self, _w: &World, _rejected: Rejected) -> bool {
        false
    }
    fn record(&self, _w: &World, _row: &mut Row) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Params;
    use crate::results::Out;

    /// Records which hooks the step calls, in order, and claims every vacancy.
    #[derive(Default)]
    struct Spy {
        calls: Vec<&'static str>,
    }

    impl Spy {
        fn note(&mut self, hook: &'static str) {
            if self.calls.last() != Some(&hook) {
                self.calls.push(hook);
            }
        }
    }

    impl Instruments for Spy {
        fn is_empty(&self) -> bool {
            false
        }
        fn begin_month(&mut self) {
            self.note("begin_month");
        }
        fn establish(&mut self, _w: &mut World) {
            self.note("establish");
        }
        fn before_pipeline(&mut self, _w: &mut World) {
            self.note("before_pipeline");
        }
        fn act(&mut self, _w: &mut World) {
            self.note("act");
        }
        fn claim_vacancy(&mut self, _w: &mut World, _dwelling: DwellingId) -> bool {
            self.note("claim_vacancy");
            true
        }
        fn vouch(&mut self, _w: &World, _rejected: Rejected) -> bool {
            self.note("vouch");
            false
        }
        fn record(&self, _w: &World, row: &mut Row) {
            row.set(Out::cost_instruments_sek, 1.0);
        }
    }

    #[test]
    fn the_step_calls_the_hooks_in_phase_order_and_a_claimed_vacancy_is_not_let() {
        let preset = crate::presets::find("Nynäshamn").unwrap();
        let mut w = crate::model::synth::synthesise(&preset, &Params::default(), 0.05, 1, 0);
        // Burn-in without instruments, then one month with the spy.
        while !w.reporting() {
            w.step(&mut NoInstruments);
        }
        let mut spy = Spy::default();
        let row = w.step(&mut spy);
        assert_eq!(spy.calls, ["establish", "begin_month", "before_pipeline", "act", "claim_vacancy"]);
        assert_eq!(row.get(Out::cost_instruments_sek), 1.0, "the hooks write into the month's row");
        assert_eq!(row.get(Out::new_housed), 0.0, "every vacancy went to the spy, none to the market");
    }
}
