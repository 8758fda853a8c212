//! Municipal instruments as policy modules.
//!
//! Every instrument is one file in this folder: its serde config (with units
//! in the field names), its docs with an example scenario snippet, its
//! [`Policy`] implementation, and its tests. The model never names an
//! instrument: it calls its own hooks ([`crate::model::hooks::Instruments`])
//! at fixed places in the monthly step, and [`PolicySet`] implements them by
//! calling these hooks of each instrument:
//!
//! | hook | phase | used for |
//! |---|---|---|
//! | [`Policy::establish`] | 0, once: the first reported month it is active | the stock in force at its start |
//! | [`Policy::begin_month`] | start of the step, active or not | zeroing the month's flow counters |
//! | [`Policy::before_pipeline`] | 4, before the Kronofogden pipeline advances | outreach at the first missed rent |
//! | [`Policy::act`] | 6 | placements, contracts, transfers, shelter |
//! | [`Policy::sync`] | 6, first, active or not | state levers that change settings while active |
//! | [`Policy::claim_vacancy`] | 7, before a vacancy is matched | quotas, purchases, leases |
//! | [`Policy::vouch`] | 7, when a landlord rejects an applicant | guarantees, assistance accepted as income |
//! | [`Policy::record`] | 8 | the instrument's own outputs |
//!
//! An instrument acts only inside its [`Window`] (`start_month`, `end_month`,
//! counted from the scenario's first month). One that starts at month 0 or
//! earlier is already in place when the scenario starts and acts during
//! burn-in too, so that the scenario begins with its stocks built up. When
//! the window ends the instrument stops acting — no new placements,
//! transfers, payouts or costs — while the households it placed keep their
//! homes and its stocks still show in its outputs.
//!
//! The lifecycle of an instrument is: built from its config
//! ([`InstrumentConfig::build`]) → hooks called while active → costs booked
//! through [`Ctx::spend`] → outputs written in [`Policy::record`] (its cost
//! column and the month's total by the set, from the ledger).
//!
//! A new instrument is one file and one line in the registry
//! (`registry.rs`): the file declares its settings with `instrument_settings!`
//! (one row per setting: field, type, label, unit, range and default,
//! description, source — from which come the config struct, its serde
//! defaults, the range checks, the docs and the dashboard's controls), its
//! module type with a `config` field, a `new`, and the [`Policy`] hooks it
//! uses; the registry line gives its variant, config and module type, and
//! from it come the `kind` in scenario files, dispatch, and the module docs
//! in `docs/instruments.md` (read from the file's `//!` lines). The test
//! `a_new_instrument_is_one_file_and_one_registry_line` (`registry.rs`)
//! compiles and runs one.
//!
//! The module is in rooms: `dispatch.rs` (the [`Policy`] trait and its
//! hooks, [`Ctx`] and the cost [`Ledger`]), `registry.rs` (the
//! `instruments!` registry and [`InstrumentConfig`]), `set.rs`
//! ([`PolicySet`]: the instruments of a run, the model's hooks, the
//! boundary between history and projection, the places' recorded
//! instruments) and [`setting`] (settings tables); then one file per
//! instrument and [`placement`], which several share.

pub mod assistance_as_income;
mod dispatch;
pub mod housing_first;
#[cfg(test)]
mod minimal_instrument;
pub mod municipal_stock;
pub mod new_production;
pub mod outreach;
pub mod placement;
mod registry;
pub mod rent_guarantee;
mod set;
pub mod setting;
pub mod shelter_guarantee;
pub mod short_contract;
pub mod social_contract;
pub mod staircase;
pub mod state_levers;
pub mod vacancy_quota;
pub mod volumes;

pub use dispatch::{Ctx, FlatRole, Ledger, Policy, PolicyBox, Registered, is_active};
pub use registry::{Covers, InstrumentConfig, OF_EVERY_INSTRUMENT};
pub use set::{PolicySet, recorded_instruments};
pub use setting::{Setting, SettingError, Settings, Window};
