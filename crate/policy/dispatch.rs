//! Dispatch: the [`Policy`] trait with its hook points, what the registry
//! gives every instrument ([`Registered`]) and what it gets for free
//! ([`PolicyBox`]), the context an instrument acts in ([`Ctx`]) and its
//! costs of the month ([`Ledger`]).

use super::Window;
use crate::model::dwelling::DwellingId;
use crate::model::landlord::Rejected;
use crate::model::world::World;
use crate::results::{Out, Row};
use crate::rng::{Drawer, Purpose, StreamKey};
use crate::units::SekTotal;
use std::num::NonZeroU16;

/// One instrument's costs this month: what its cost column shows and what
/// it adds to the month's total (`cost_instruments_sek`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ledger {
    /// The month's cost in SEK, as booked (the instrument's cost column).
    pub sek: f64,
    /// The month's cost in whole kronor, each booking rounded (the total).
    pub whole_sek: i64,
}

/// What an instrument may use while it acts.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// Who the instrument is among the run's draws: its kind's number and
    /// its occurrence among the run's instruments of that kind (assigned by
    /// [`PolicySet`](super::PolicySet)).
    drawer: Drawer,
    /// The decisions it draws for ([`Policy::purposes`]).
    purposes: &'static [Purpose],
    /// The instrument's costs this month, booked by [`Ctx::spend`].
    ledger: &'a mut Ledger,
}

impl<'a> Ctx<'a> {
    /// A context for the instrument `drawer` that draws for `purposes`,
    /// booking into `ledger`.
    pub fn new(drawer: Drawer, purposes: &'static [Purpose], ledger: &'a mut Ledger) -> Ctx<'a> {
        Ctx { drawer, purposes, ledger }
    }

    /// Who the instrument is among the run's draws.
    pub fn drawer(&self) -> Drawer {
        self.drawer
    }

    /// The key of the instrument's decision `purpose`: its draws for one
    /// household (or dwelling) and month come from
    /// [`Streams::at`](crate::rng::Streams::at) with this key, and from no
    /// other instrument's or decision's. Panics if `purpose` is not among
    /// the instrument's [`Policy::purposes`] (a key that could not be listed
    /// could collide unseen).
    pub fn key(&self, purpose: Purpose) -> StreamKey {
        assert!(self.purposes.contains(&purpose), "{purpose:?} is not among the instrument's purposes (Policy::purposes)");
        self.drawer.key(purpose)
    }

    /// Books a cost for this month, in SEK: it shows in the instrument's
    /// cost column ([`Registered::cost_output`]) and, rounded to whole kronor, in
    /// the month's total.
    pub fn spend(&mut self, sek: f64) {
        self.ledger.sek += sek;
        self.ledger.whole_sek = self.ledger.whole_sek.saturating_add(SekTotal::from_f64(sek).0);
    }
}

/// What the registry (`instruments!`, `registry.rs`) gives every instrument
/// module: its `kind` and the kind's number, its window (read from its
/// `config`) and its cost column.
pub trait Registered {
    /// Stable identifier, as in scenario files (`kind = "…"`).
    fn kind(&self) -> &'static str;

    /// The kind's number in the registry, which keys its random draws
    /// ([`Drawer`]); never reused or changed.
    fn kind_number(&self) -> NonZeroU16;

    /// When the instrument acts.
    fn window(&self) -> Window;

    /// The output column that shows the instrument's cost (`None`: it books
    /// none), filled from the costs it books through [`Ctx::spend`].
    fn cost_output(&self) -> Option<Out>;
}

/// What every instrument module gets for free: a boxed copy (so that a run's
/// state can be copied at the boundary between history and projection) and
/// access to its concrete type (so that [`InstrumentConfig::retune`](super::InstrumentConfig::retune) can give
/// it new settings).
pub trait PolicyBox {
    /// A copy of the instrument with all its state.
    fn clone_box(&self) -> Box<dyn Policy>;
    /// The instrument as [`std::any::Any`].
    fn as_any(&self) -> &dyn std::any::Any;
    /// The instrument as [`std::any::Any`], to change.
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any;
}

impl<T: Policy + Clone + 'static> PolicyBox for T {
    fn clone_box(&self) -> Box<dyn Policy> {
        Box::new(self.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

impl Clone for Box<dyn Policy> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

/// A municipal instrument.
pub trait Policy: PolicyBox + Registered + Send + std::fmt::Debug {
    /// Called once, at the start of the first reported month in which the
    /// instrument is active (the scenario's first month for an instrument in
    /// place, else its start month), before the month's flows: sets the
    /// stock the instrument had in force at its start (its `*_in_force`
    /// settings), taking households and flats as [`crate::model::start`]
    /// describes. Not counted as flows of the month.
    fn establish(&mut self, _w: &mut World, _ctx: &mut Ctx) {}

    /// Called at the start of every month, active or not, before anything
    /// else: the place to zero the month's flow counters, so that outputs of
    /// an instrument outside its window are zero without further checks.
    fn begin_month(&mut self) {}

    /// Phase 4 hook: runs before the pipeline advances.
    fn before_pipeline(&mut self, _w: &mut World, _ctx: &mut Ctx) {}

    /// Phase 6 hook: the instrument's main action.
    fn act(&mut self, _w: &mut World, _ctx: &mut Ctx) {}

    /// Phase 7 hook: asked when a landlord rejects an applicant (who, which
    /// landlord and dwelling, why). Returning `true` overrides the rejection
    /// (the instrument books any cost itself).
    fn vouch(&mut self, _w: &World, _rejected: Rejected, _ctx: &mut Ctx) -> bool {
        false
    }

    /// Phase 7 hook: offered every vacancy of the open market before it is
    /// matched. Returning `true` takes it off the market for the municipality
    /// (the instrument sets the dwelling's municipal flag and pools it).
    fn claim_vacancy(&mut self, _w: &mut World, _dwelling: DwellingId, _ctx: &mut Ctx) -> bool {
        false
    }

    /// Called at the start of phase 6 every month, active or not, before any
    /// instrument acts: for instruments that change settings while active
    /// and restore them after.
    fn sync(&mut self, _w: &mut World, _active: bool) {}

    /// Every random decision the instrument draws for, each a constant of
    /// its file with a number of its own ([`Purpose`]); its draws use only
    /// keys of these ([`Ctx::key`]), so that the keys of a run's instruments
    /// can be listed and checked for collisions
    /// ([`PolicySet::keys`](super::PolicySet::keys)).
    fn purposes(&self) -> &'static [Purpose] {
        &[]
    }

    /// Phase 8 hook: writes the instrument's outputs into the month's row
    /// (its cost column is written by the set, from the ledger). Called
    /// every month, active or not (stocks it created live on).
    fn record(&self, _w: &World, _row: &mut Row) {}

    /// The households the instrument holds now — houses or keeps housed —
    /// by serial number, for the effect accounting of a comparison
    /// ([`crate::model::trace`]; called after recording, never by the step).
    /// Instruments that act on the market or on everyone (quotas, new
    /// production, the state levers) hold nobody: their effect shows among
    /// the households they do not hold.
    fn held(&self, _w: &World, _out: &mut Vec<u32>) {}

    /// What the instrument does with the municipal pool of flats: supplies
    /// it, places households from it, or neither — so that a scenario that
    /// supplies flats nobody places anyone in is warned about
    /// ([`crate::scenario::Prepared::warnings`]).
    fn municipal_flats(&self) -> FlatRole {
        FlatRole::Neither
    }
}

/// An instrument's part in the municipal pool of flats ([`Policy::municipal_flats`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlatRole {
    /// Puts flats into the pool (quotas, purchases, social shares of new production).
    Supplies,
    /// Places households in flats from the pool.
    Places,
    /// Neither.
    Neither,
}

/// Whether `p` acts in the world's current month (see the module docs on windows).
pub fn is_active(p: &dyn Policy, w: &World) -> bool {
    p.window().contains(w.scenario_month())
}
