//! The set: the instruments of a run in order ([`PolicySet`]), which
//! implements the model's hooks by calling each instrument inside its
//! window; what becomes of them at the boundary between history and
//! projection ([`PolicySet::enter_projection`]); and the places' recorded
//! instruments ([`recorded_instruments`]).

use super::{Ctx, InstrumentConfig, Ledger, Policy, Window, is_active};
use crate::model::dwelling::DwellingId;
use crate::model::hooks::Instruments;
use crate::model::landlord::Rejected;
use crate::model::world::World;
use crate::results::{Out, Row};
use crate::rng::{Drawer, Step, StreamKey};
use serde::Deserialize;

/// The instruments of a scenario, in scenario order.
#[derive(Clone, Debug, Default)]
pub struct PolicySet {
    /// The instruments (read by the registry's tests).
    pub(super) policies: Vec<Box<dyn Policy>>,
    /// Who each instrument is among the run's random draws: its kind's
    /// number and its occurrence among the set's instruments of that kind,
    /// given once, when it joins the set ([`PolicySet::push`]).
    drawers: Vec<Drawer>,
    /// Costs booked this month by each instrument.
    ledgers: Vec<Ledger>,
    /// Whether each instrument has set its stock in force.
    established: Vec<bool>,
    /// Per instrument with recorded volumes by year, its settings as
    /// written and the year they were last set for ([`crate::policy::volumes`]).
    written: Vec<Option<(InstrumentConfig, i32)>>,
}

impl PolicySet {
    /// Builds the set from scenario configs.
    pub fn new(configs: &[InstrumentConfig]) -> PolicySet {
        let mut set = PolicySet::of(configs.iter().map(|c| c.build()).collect());
        set.written = configs.iter().map(written).collect();
        set
    }

    /// Builds the set from instrument modules, in order.
    pub fn of(policies: Vec<Box<dyn Policy>>) -> PolicySet {
        let mut set = PolicySet::default();
        policies.into_iter().for_each(|p| set.push(p));
        set
    }

    /// Adds an instrument after the others, as the next occurrence of its
    /// kind: the one place where an instrument gets the keys of its random
    /// draws ([`Drawer`]). Its kind's number comes from the registry, so two
    /// instruments draw alike in no position — the first and the
    /// seventeenth social contract have keys of their own — and adding an
    /// instrument of another kind leaves an instrument's draws as they were
    /// (common random numbers).
    fn push(&mut self, p: Box<dyn Policy>) {
        let kind = p.kind_number();
        let occurrence = self.drawers.iter().filter(|d| d.kind() == kind.get()).count();
        self.drawers.push(Drawer::instrument(kind, u32::try_from(occurrence).expect("fewer than 2^32 instruments of a kind")));
        self.policies.push(p);
        self.ledgers.push(Ledger::default());
        self.established.push(false);
        self.written.push(None);
    }

    /// Instruments with recorded volumes take their settings of the
    /// current year, once a year, when the run follows recorded conditions.
    fn follow_volumes(&mut self, w: &World) {
        if !w.conditions.follows_volumes() {
            return;
        }
        let year = w.calendar_year();
        for (p, slot) in self.policies.iter_mut().zip(&mut self.written) {
            if let Some((config, set_for)) = slot
                && *set_for != year
            {
                config.at_year(year).retune(p.as_mut());
                *set_for = year;
            }
        }
    }

    /// A set with no instruments.
    pub fn empty() -> PolicySet {
        PolicySet::default()
    }

    /// Enters the projection after `history_months` of history with the
    /// place's recorded instruments (see [`crate::timeline`]), given the
    /// scenario's `instruments` (windows counted from the projection's first
    /// month). A scenario instrument that starts with the projection
    /// (`start_month` ≤ 0) and is the same instrument as a recorded one in
    /// force at the boundary ([`InstrumentConfig::same_instrument`]) continues
    /// it: same stock, sureties and carries, its own settings from now on
    /// (its `*_in_force` setting is not used: the stock in force is what the
    /// history left). A recorded instrument that nothing continues goes on
    /// unchanged, or — with `end_recorded` — ends at the boundary: it acts no
    /// more, and what it placed stays placed. Other scenario instruments
    /// start at their start month, as in a run without history, and act
    /// after the recorded ones, which keep their places.
    pub fn enter_projection(&mut self, instruments: &[InstrumentConfig], history_months: u32, end_recorded: bool) {
        let h = history_months as i32;
        let mut configs: Vec<Option<InstrumentConfig>> = instruments
            .iter()
            .map(|c| {
                let mut c = c.clone();
                let w = c.window_mut();
                *w = Window { start_month: w.start_month + h, end_month: w.end_month.map(|e| e + h) };
                Some(c)
            })
            .collect();
        // Recorded instruments keep their places and keys, continued or not,
        // so that their random draws and their turn are the same in every
        // scenario of the place; new instruments follow.
        for (k, p) in self.policies.iter_mut().enumerate() {
            let in_force = p.window().end_month.is_none_or(|e| e > h);
            let Some(mut current) = InstrumentConfig::of(p.as_ref()) else { continue };
            let slot = configs
                .iter_mut()
                .zip(instruments)
                .find(|(c, given)| in_force && given.window().start_month <= 0 && c.as_ref().is_some_and(|c| current.same_instrument(c)));
            if let Some(config) = slot.and_then(|(c, _)| c.take()) {
                config.retune(p.as_mut());
                // Continued under the scenario's settings: no recorded volumes now.
                self.written[k] = written(&config);
            } else if in_force && end_recorded {
                // What it placed stays placed and shows in its outputs.
                current.window_mut().end_month = Some(h);
                current.retune(p.as_mut());
                self.written[k] = None;
            }
        }
        for config in configs.into_iter().flatten() {
            self.push(config.build());
            *self.written.last_mut().expect("just pushed") = written(&config);
        }
        self.ledgers = vec![Ledger::default(); self.policies.len()];
    }

    /// The settings each instrument acts on now, by position (`None` for a
    /// type outside the registry).
    pub fn configs(&self) -> Vec<Option<InstrumentConfig>> {
        self.policies.iter().map(|p| InstrumentConfig::of(p.as_ref())).collect()
    }

    /// Number of instruments.
    pub fn len(&self) -> usize {
        self.policies.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    fn each_active(&mut self, w: &mut World, f: impl Fn(&mut dyn Policy, &mut World, &mut Ctx)) {
        for ((p, ledger), drawer) in self.policies.iter_mut().zip(&mut self.ledgers).zip(&self.drawers) {
            if is_active(p.as_ref(), w) {
                let purposes = p.purposes();
                f(p.as_mut(), w, &mut Ctx::new(*drawer, purposes, ledger));
            }
        }
    }

    /// Costs booked this month by the instrument at `index`.
    pub fn ledger(&self, index: usize) -> Ledger {
        self.ledgers.get(index).copied().unwrap_or_default()
    }

    /// Who the instrument at `index` is among the run's random draws.
    pub fn drawer(&self, index: usize) -> Option<Drawer> {
        self.drawers.get(index).copied()
    }

    /// Every key the set's instruments may draw with, with the instrument's
    /// index: each of its decisions ([`Policy::purposes`]), drawn by itself
    /// and through every shared step ([`Step::ALL`]). That is more than an
    /// instrument uses (a decision drawn in the projection never goes
    /// through the start's steps), so none it uses is missing; two equal
    /// keys would be two decisions that draw alike.
    pub fn keys(&self) -> Vec<(usize, StreamKey)> {
        let mut keys = Vec::new();
        for (k, (p, drawer)) in self.policies.iter().zip(&self.drawers).enumerate() {
            for purpose in p.purposes() {
                let key = drawer.key(*purpose);
                keys.push((k, key));
                keys.extend(Step::ALL.iter().map(|step| (k, key.through(*step))));
            }
        }
        keys
    }
}

/// What [`PolicySet`] keeps of an instrument with recorded volumes: its
/// settings as written, not yet set for any year.
fn written(config: &InstrumentConfig) -> Option<(InstrumentConfig, i32)> {
    (!config.volumes().is_empty()).then(|| (config.clone(), i32::MIN))
}

/// The model's hooks ([`crate::model::hooks`]), called on the instruments
/// in scenario order, each only inside its window.
impl Instruments for PolicySet {
    fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    /// Calls [`Policy::establish`] on every active instrument that has not
    /// yet set its stock in force (the step calls this from the first
    /// reported month on).
    fn establish(&mut self, w: &mut World) {
        for (k, p) in self.policies.iter_mut().enumerate() {
            if !self.established[k] && is_active(p.as_ref(), w) {
                // The stock in force at the start is not a cost of the month.
                let purposes = p.purposes();
                p.establish(w, &mut Ctx::new(self.drawers[k], purposes, &mut Ledger::default()));
                self.established[k] = true;
            }
        }
    }

    /// Starts a month: zeroes the month's ledgers and calls
    /// [`Policy::begin_month`] on every instrument.
    fn begin_month(&mut self) {
        self.ledgers.iter_mut().for_each(|l| *l = Ledger::default());
        self.policies.iter_mut().for_each(|p| p.begin_month());
    }

    /// Calls [`Policy::before_pipeline`] on active instruments.
    fn before_pipeline(&mut self, w: &mut World) {
        self.each_active(w, |p, w, ctx| p.before_pipeline(w, ctx));
    }

    /// Calls [`Policy::sync`] on every instrument, then [`Policy::act`] on active ones.
    fn act(&mut self, w: &mut World) {
        self.follow_volumes(w);
        for p in self.policies.iter_mut() {
            let active = is_active(p.as_ref(), w);
            p.sync(w, active);
        }
        self.each_active(w, |p, w, ctx| p.act(w, ctx));
    }

    /// Offers a vacancy to active instruments, in order; `true` if one claimed it.
    fn claim_vacancy(&mut self, w: &mut World, dwelling: DwellingId) -> bool {
        for ((p, ledger), drawer) in self.policies.iter_mut().zip(&mut self.ledgers).zip(&self.drawers) {
            let purposes = p.purposes();
            if is_active(p.as_ref(), w) && p.claim_vacancy(w, dwelling, &mut Ctx::new(*drawer, purposes, ledger)) {
                return true;
            }
        }
        false
    }

    /// Asks active instruments, in order, whether one vouches for a rejected applicant.
    fn vouch(&mut self, w: &World, rejected: Rejected) -> bool {
        for ((p, ledger), drawer) in self.policies.iter_mut().zip(&mut self.ledgers).zip(&self.drawers) {
            let purposes = p.purposes();
            if is_active(p.as_ref(), w) && p.vouch(w, rejected, &mut Ctx::new(*drawer, purposes, ledger)) {
                return true;
            }
        }
        false
    }

    /// Writes every instrument's outputs with its cost column, and this
    /// month's total instrument cost.
    fn record(&self, w: &World, row: &mut Row) {
        for (p, ledger) in self.policies.iter().zip(&self.ledgers) {
            p.record(w, row);
            if let Some(column) = p.cost_output() {
                row.add(column, ledger.sek);
            }
        }
        row.set(Out::cost_instruments_sek, self.ledgers.iter().map(|l| l.whole_sek).sum::<i64>() as f64);
    }

    /// Every instrument's held households, each with the instrument's position.
    fn held(&self, w: &World, out: &mut Vec<crate::model::trace::HeldEntry>) {
        let mut uids = Vec::new();
        for (k, p) in self.policies.iter().enumerate() {
            uids.clear();
            p.held(w, &mut uids);
            out.extend(uids.iter().map(|&uid| crate::model::trace::HeldEntry { uid, instrument: k as u16 }));
        }
    }
}

/// The instruments seed 002 describes for preset `id` (the `[[instruments]]`
/// of its scenario file, [`crate::presets::RECORDED`], windows counted from
/// January 2011); empty for an unknown id or a custom place.
pub fn recorded_instruments(id: &str) -> Vec<InstrumentConfig> {
    #[derive(Deserialize)]
    struct Instruments {
        #[serde(default)]
        instruments: Vec<InstrumentConfig>,
    }
    crate::presets::RECORDED
        .iter()
        .find(|(p, _)| *p == id)
        // Other keys of the file (preset, scale, …) are ignored here.
        .and_then(|(_, text)| toml::from_str::<Instruments>(text).ok())
        .map_or_else(Vec::new, |i| i.instruments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_recorded_instruments_and_a_custom_place_none() {
        for p in crate::presets::all() {
            assert!(!recorded_instruments(&p.id).is_empty(), "{}: recorded instruments parse", p.id);
        }
        assert!(recorded_instruments("lund").is_empty());
    }
}
