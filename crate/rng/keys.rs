//! What keys a draw besides its entity and month ([`StreamKey`]): the
//! stream, who draws ([`Drawer`]: the model, or an instrument's kind and
//! occurrence) and which decision ([`Purpose`], through a shared [`Step`]
//! or not). The layout of the key is in the module docs of [`crate::rng`].

use super::Stream;
use std::num::NonZeroU16;

/// Who draws: the model itself, or one instrument of a run — its kind's
/// number in the instruments' registry and its occurrence among the run's
/// instruments of that kind (both assigned in one place each: the registry
/// numbers the kinds, the run's set of instruments counts the occurrences).
/// Words 2 and 3 of a draw's key (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Drawer {
    /// 0 for the model, else the instrument kind's number.
    kind: u16,
    /// The n-th instrument of its kind in the run, from 0.
    occurrence: u32,
}

impl Drawer {
    /// The model's own draws.
    pub const MODEL: Drawer = Drawer { kind: 0, occurrence: 0 };

    /// The `occurrence`-th instrument (from 0) of the kind numbered `kind`
    /// in the registry (numbers start at 1; 0 is the model).
    pub const fn instrument(kind: NonZeroU16, occurrence: u32) -> Drawer {
        Drawer { kind: kind.get(), occurrence }
    }

    /// The kind's number (0: the model).
    pub const fn kind(self) -> u16 {
        self.kind
    }

    /// The occurrence among the run's instruments of its kind.
    pub const fn occurrence(self) -> u32 {
        self.occurrence
    }

    /// The key of this drawer's decision `purpose`.
    pub const fn key(self, purpose: Purpose) -> StreamKey {
        StreamKey { stream: purpose.stream, drawer: self, purpose: purpose.number as u16 }
    }
}

/// One random decision of an instrument: the stream it draws from and its
/// number among the instrument's decisions. An instrument's file names each
/// of its decisions as a constant, a number each, and lists them
/// (`Policy::purposes`), so that every key it draws with can be listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Purpose {
    /// The stream drawn from.
    pub stream: Stream,
    /// The decision's number within its instrument (the purpose's low byte).
    pub number: u8,
}

impl Purpose {
    /// Decision `number` of an instrument, drawn from `stream`.
    pub const fn new(stream: Stream, number: u8) -> Purpose {
        Purpose { stream, number }
    }
}

/// A step shared by instruments that draws on an instrument's behalf for
/// one of its decisions: the steps that set an instrument's stock in force
/// at the start. The step's byte is the purpose's high byte, above the
/// decision's number, so each step draws with keys of its own; 0 is the
/// instrument drawing itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Step {
    /// The order of housed households at highest risk (`model::start::at_risk_order`).
    AtRisk = 0x70,
    /// The rent of a flat counted into the stock (`model::start::municipal_flat`).
    MunicipalFlat = 0x72,
    /// How long before the start a homelessness spell began (`model::start::backdate_spell`).
    Backdate = 0x73,
    /// The time a placement in force has served (`policy::placement::establish_placements`).
    Served = 0x74,
    /// The remaining term of a surety in force (`policy::placement::Sureties::establish`).
    SuretyTerm = 0x75,
}

impl Step {
    /// Every shared step.
    pub const ALL: [Step; 5] = [Step::AtRisk, Step::MunicipalFlat, Step::Backdate, Step::Served, Step::SuretyTerm];
}

/// Where one decision's draws lie in the random streams, apart from the
/// entity and the month: the stream, who draws and the purpose (see the
/// module docs for how it is folded into the key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StreamKey {
    stream: Stream,
    drawer: Drawer,
    purpose: u16,
}

impl StreamKey {
    /// A decision of the model itself: `purpose` separates the decisions of
    /// one stream, entity and month.
    pub const fn model(stream: Stream, purpose: u16) -> StreamKey {
        StreamKey { stream, drawer: Drawer::MODEL, purpose }
    }

    /// An instrument's decision drawn by the shared step `step` (the step's
    /// byte replaces the purpose's high byte).
    pub const fn through(self, step: Step) -> StreamKey {
        StreamKey { purpose: ((step as u16) << 8) | (self.purpose & 0xFF), ..self }
    }

    /// The stream.
    pub const fn stream(self) -> Stream {
        self.stream
    }

    /// Who draws.
    pub const fn drawer(self) -> Drawer {
        self.drawer
    }

    /// The purpose: a model's salt, or an instrument's step and decision number.
    pub const fn purpose(self) -> u16 {
        self.purpose
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Streams;

    #[test]
    fn instruments_keys_differ_from_the_models_and_from_each_other() {
        let s = Streams::new(42, 0);
        let kind = |k: u16| NonZeroU16::new(k).unwrap();
        let decision = Purpose::new(Stream::Policy, 0x10);
        let keys = [
            StreamKey::model(Stream::Policy, 0x10),
            Drawer::instrument(kind(4), 0).key(decision),
            Drawer::instrument(kind(4), 16).key(decision),
            Drawer::instrument(kind(4), 0).key(Purpose::new(Stream::Policy, 0)),
            Drawer::instrument(kind(5), 0).key(decision),
            Drawer::instrument(kind(4), 0).key(decision).through(Step::AtRisk),
            Drawer::instrument(kind(4), 0).key(decision).through(Step::Served),
        ];
        let draws: Vec<u64> = keys
            .iter()
            .map(|k| {
                let mut d = s.at(*k, 77, 30);
                (d.next_u32() as u64) << 32 | d.next_u32() as u64
            })
            .collect();
        for (i, a) in draws.iter().enumerate() {
            for (j, b) in draws.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "{:?} and {:?}", keys[i], keys[j]);
            }
        }
        assert_eq!(keys[5].purpose(), 0x7010, "the step's byte above the decision's number");
    }
}
