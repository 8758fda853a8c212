//! # hemma
//!
//! An agent-based simulation of how Swedish households, landlords and
//! municipal policies produce — or prevent — homelessness and evictions.
//!
//! The library is the model and nothing else: no I/O, no clock, no Wasm
//! bindings. The `hemma` command-line tool (feature `cli`), the browser
//! dashboard (feature `wasm`) and the Python package (feature `python`,
//! `python/`) are thin shells over the same [`model::World::step`]; only
//! their modules (`wasm`, `python`, and `files` for the two with a file
//! system) do I/O.
//!
//! Running a scenario from code:
//!
//! ```
//! use hemma::results::Out;
//! use hemma::scenario::{Format, parse};
//!
//! let text = "preset = \"nynashamn\"\nscale = 0.2\nhorizon_months = 12\nstart_year = 2011\nseed = 1\n";
//! let prepared = parse(text, Format::Toml, "example").expect("a valid scenario");
//! let months = hemma::run::run_replication(&prepared, 0);
//! assert_eq!(months.len(), 12);
//! let december = &months[11];
//! assert!(december.get(Out::homeless_per_10k) > 0.0);
//! ```
//!
//! Stepping month by month (what the dashboard does):
//!
//! ```
//! # use hemma::scenario::{Format, parse};
//! # let prepared = parse("preset = \"nynashamn\"\nscale = 0.2\nhorizon_months = 3\nstart_year = 2011\n", Format::Toml, "x").unwrap();
//! let mut sim = hemma::run::Simulation::new(&prepared, 0);
//! let mut reported = 0;
//! while !sim.finished() {
//!     // Burn-in months return None; reported months return their record.
//!     if sim.step().is_some() {
//!         reported += 1;
//!     }
//! }
//! assert_eq!(reported, 3);
//! ```
//!
//! Where to start reading:
//! * [`model::world`] — the state and the monthly step, phase by phase;
//! * [`params`] — the parameter table every default comes from;
//! * [`policy`] — the `Policy` trait and one file per instrument;
//! * [`scenario`] — the scenario file format and its validation;
//! * [`run`] and [`aggregate`] — replications and their summaries;
//! * [`tables`] — the result tables every shell writes (CSV, Parquet, Python frames);
//! * [`sweep`] and [`sensitivity`] — designs over many runs, Sobol indices;
//! * [`calibrate`] — targets, loss, the optimiser and the validation report;
//! * `ARCHITECTURE.md` — concept → file map; `docs/odd.md` — the model in ODD form.

#![warn(missing_docs)]

pub mod aggregate;
pub mod calibrate;
pub mod compare;
pub mod docs;
pub mod drivers;
pub mod effects;
#[cfg(any(feature = "cli", feature = "python"))]
pub mod files;
pub mod model;
pub mod observed;
pub mod params;
pub mod place;
pub mod policy;
pub mod presets;
#[cfg(feature = "python")]
pub mod python;
pub mod results;
pub mod rng;
pub mod run;
pub mod sample;
pub mod scenario;
pub mod sensitivity;
pub mod sweep;
pub mod tables;
pub mod timeline;
pub mod units;
#[cfg(feature = "wasm")]
pub mod wasm;

/// The version of hemma, as echoed in every output.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The git commit the build was made from (12 hex digits, "-modified" when
/// tracked files differed from it; "unknown" outside a checkout), named
/// beside [`VERSION`] in every output (`build.rs`).
pub const GIT_COMMIT: &str = env!("HEMMA_GIT_COMMIT");

/// "0.1.0 (commit 0123456789ab)": what `hemma --version` prints after the name.
pub const LONG_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("HEMMA_GIT_COMMIT"), ")");
