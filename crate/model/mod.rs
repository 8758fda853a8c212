//! The simulation itself: state, the monthly step, and the processes it runs.
//!
//! Nothing in this module does I/O, reads a clock, or knows about Wasm or the
//! CLI. [`world::World::step`] is the one entry point the shells call.

pub mod demography;
pub mod dwelling;
pub mod eviction;
pub mod homeless;
pub mod household;
pub mod income;
pub mod landlord;
pub mod market;
pub mod moves;
pub mod rent;
pub mod start;
pub mod synth;
pub mod tally;
pub mod world;

pub use world::World;
