//! The simulation itself: state, the monthly step, and the processes it runs.
//!
//! Nothing in this module does I/O, reads a clock, or knows about Wasm or the
//! CLI. [`world::World::step`] is the one entry point the shells call.

pub mod demography;
pub mod dwelling;
pub mod eviction;
pub mod homeless;
pub mod hooks;
pub mod household;
pub mod income;
pub mod landlord;
pub mod market;
pub mod moves;
pub mod record;
pub mod rent;
pub mod start;
pub mod synth;
pub mod tally;
pub mod trace;
pub mod world;

pub use world::World;

/// Slots to add to a full column of `len` (households, dwellings): an eighth
/// more, rather than the doubling of `Vec::push`. A population grows by a few
/// percent a year, and doubling left up to half of every column allocated
/// and unused: the country's 4.7 million households sat in columns of 8.4
/// million slots (issue 17). Layout only: results do not change.
pub fn growth(len: usize) -> usize {
    len / 8 + 64
}
