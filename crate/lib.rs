//! # hemma
//!
//! An agent-based simulation of how Swedish households, landlords and
//! municipal policies produce — or prevent — homelessness and evictions.
//!
//! The library is the model and nothing else: no I/O, no clock, no Wasm
//! bindings. The `hemma` command-line tool (feature `cli`) and the browser
//! dashboard (feature `wasm`) are thin shells over the same
//! [`model::World::step`].
//!
//! Where to start reading:
//! * [`model::world`] — the state and the monthly step, phase by phase;
//! * [`params`] — the parameter table every default comes from;
//! * [`policy`] — the `Policy` trait and one file per instrument;
//! * [`scenario`] — the scenario file format and its validation;
//! * [`run`] and [`aggregate`] — replications and their summaries;
//! * `ARCHITECTURE.md` — concept → file map; `docs/odd.md` — the model in ODD form.

pub mod aggregate;
pub mod docs;
pub mod model;
pub mod params;
pub mod policy;
pub mod presets;
pub mod results;
pub mod rng;
pub mod run;
pub mod sample;
pub mod scenario;
pub mod units;

/// The version of hemma, as echoed in every output.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
