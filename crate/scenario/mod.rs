//! Scenario files: what to simulate, in TOML or JSON (the same structure).
//!
//! ```toml
//! name = "Karlstad, shelter guarantee"
//! preset = "karlstad"          # hemma presets lists them
//! scale = 0.5                  # share of households simulated (0 < scale <= 1)
//! start_year = 2026            # first projected month is January of this year (default: the data year)
//! horizon_months = 120         # months projected; 2011 to 2025 come first as history
//! seed = 1
//! replications = 20
//!
//! [params]                     # overrides of the parameter table (hemma params)
//! shock_rate_per_year = 0.35
//!
//! [[instruments]]
//! kind = "shelter_guarantee"
//! start_month = 12
//! ```
//!
//! A run starts from the place's observed state in January 2011; the years
//! before `start_year` are its history, lived with the place's recorded
//! instruments, and the scenario's instruments act from `start_year` on
//! ([`crate::timeline`]). `start_month` and `end_month` count from January of
//! `start_year`.
//!
//! [`parse`] rejects unknown keys, wrong types, out-of-range values and
//! inconsistent settings with a [`ScenarioError`] that names the file, line,
//! key, value and what is allowed. Nothing here panics on user input.
//!
//! The module is in rooms: `read.rs` (TOML and JSON into a [`Scenario`],
//! the place file a scenario names), `check.rs` (the place, ranges, the
//! parameters, the instruments' windows and settings, the drivers → a
//! [`Prepared`] scenario), `migrate.rs` (older file formats, [`FORMAT`]),
//! `errors.rs` (located errors: file, line, column, key) and `schema.rs`
//! (the JSON Schema). Everything public is re-exported here:
//! `crate::scenario::parse` and its neighbours are the paths to use.

// A rejected scenario is returned once, on a cold path; boxing the error
// would only complicate every caller.
#![allow(clippy::result_large_err)]

mod check;
mod errors;
mod migrate;
mod read;
mod schema;

pub use check::prepare;
pub use errors::ScenarioError;
pub(crate) use errors::{error_at, from_toml};
pub use migrate::{FORMAT, FORMAT_1_COMMIT};
pub use read::{Format, PlaceLoader, parse, parse_place, parse_with_places};
pub use schema::json_schema;

use crate::params::Params;
use crate::place::PlaceSpec;
use crate::policy::InstrumentConfig;
use crate::presets::Preset;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest horizon, in months (100 years; the month counter, burn-in
/// included, stays far below `u16::MAX`).
pub const MAX_HORIZON_MONTHS: u32 = 1200;
/// Largest number of replications in one run.
pub const MAX_REPLICATIONS: u32 = 100_000;

/// A scenario as written in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The file format ([`FORMAT`]; absent: the current one). `format = 1`
    /// reads a file made before 2026-12-02 as it was meant then: it starts in
    /// 2012 unless it says otherwise, and its instruments replace the place's
    /// recorded ones from its start (each change is named in a note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<u32>,
    /// What reading the file changed or assumed, one sentence each (not in
    /// files): an older format's migration, or a file without `format` and
    /// `start_year` read as the current format.
    #[serde(skip)]
    #[schemars(skip)]
    pub migrated: Vec<String>,
    /// The format the file was written in, before [`FORMAT`] migration
    /// (not in files; `None` for a file without the key, read as current).
    #[serde(skip)]
    #[schemars(skip)]
    pub written_format: Option<u32>,
    /// Name shown in outputs and charts.
    #[serde(default = "default_name")]
    pub name: String,
    /// Preset id or name: `sverige` or one of the eight municipalities
    /// (`hemma presets`). Leave it out when `place` describes the place.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub preset: String,
    /// A custom place instead of a preset: a `[place]` table, or the path of
    /// a place file (read by the command line, relative to the scenario file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceRef>,
    /// Share of the preset's households simulated, 0 < scale ≤ 1. Results per
    /// 10,000 residents do not depend on it; counts are of the simulated population.
    #[serde(default = "default_scale")]
    pub scale: f64,
    /// Calendar year of the projection's first month (January), 2011 to the
    /// data year (default). The years from 2011 before it are the history:
    /// the place's recorded instruments under recorded conditions.
    #[serde(default = "default_start_year")]
    pub start_year: i32,
    /// Months projected from the start year, 1 to 1200 (100 years); the
    /// history's months come on top.
    pub horizon_months: u32,
    /// Seed of all random streams.
    #[serde(default)]
    pub seed: u64,
    /// Independent replications (different random streams), 1 to 100000.
    #[serde(default = "default_replications")]
    pub replications: u32,
    /// Parameter overrides by name (`hemma params` lists names, units and ranges).
    #[serde(default)]
    pub params: BTreeMap<String, f64>,
    /// Municipal instruments with their windows, in the order they act.
    /// After a history, an instrument starting with the projection that has
    /// the kind of a recorded instrument continues it under these settings.
    #[serde(default)]
    pub instruments: Vec<InstrumentConfig>,
    /// After a history: whether the place's recorded instruments that the
    /// scenario does not continue go on unchanged (`continue`, default) or
    /// end with the history (`end`).
    #[serde(default, skip_serializing_if = "RecordedInstruments::is_continue")]
    pub recorded_instruments: RecordedInstruments,
    /// The instruments in force during the history, windows counted from
    /// January 2011, instead of the place's recorded ones (a custom place
    /// has none; a counterfactual history, e.g. Housing First since 2011).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history_instruments: Option<Vec<InstrumentConfig>>,
    /// The conditions the run follows year by year: recorded (default) or
    /// constant, and values set from a year on (`hemma drivers` lists the
    /// drivers and their recorded values).
    #[serde(default, skip_serializing_if = "crate::drivers::DriversSpec::is_default")]
    pub drivers: crate::drivers::DriversSpec,
}

impl Scenario {
    /// Moves the projection's start to January of `year`, keeping every
    /// instrument's calendar months. With a history (a start after 2011)
    /// nothing may start before the projection: an instrument that would
    /// start earlier is moved to its first month, and one that would also
    /// end by then is left out (the history has the place's recorded
    /// instruments instead). Returns a sentence for each instrument moved or
    /// left out.
    pub fn move_start(&mut self, year: i32) -> Vec<String> {
        let shift = (self.start_year - year) * 12;
        let history = year > crate::timeline::HISTORY_START_YEAR;
        let mut notes = Vec::new();
        let mut kept = Vec::new();
        for (k, mut inst) in std::mem::take(&mut self.instruments).into_iter().enumerate() {
            // In place at the old start (start ≤ 0) stays in place.
            let dated = inst.window().start_month > 0;
            inst.shift_window(shift);
            let crate::policy::Window { start_month: start, end_month: end } = inst.window();
            if history && end.is_some_and(|e| e <= 0) {
                notes.push(format!(
                    "instruments[{k}] ({}) ends before January {year} and is left out; the history has the place's recorded instruments",
                    inst.kind()
                ));
                continue;
            }
            if history && start < 0 {
                if dated {
                    notes.push(format!("instruments[{k}] ({}) would start before January {year}; moved to start then", inst.kind()));
                }
                inst.window_mut().start_month = 0;
            }
            kept.push(inst);
        }
        self.instruments = kept;
        self.start_year = year;
        notes
    }
}

fn default_name() -> String {
    "scenario".to_string()
}
fn default_scale() -> f64 {
    1.0
}
fn default_start_year() -> i32 {
    crate::timeline::DATA_YEAR
}

/// What becomes of a place's recorded instruments after its history.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordedInstruments {
    /// They go on as recorded, unless a scenario instrument of the same kind
    /// continues one under new settings.
    #[default]
    Continue,
    /// Only the scenario's instruments act in the projection; a scenario
    /// instrument of a recorded kind still takes over its stock.
    End,
}

impl RecordedInstruments {
    /// Whether this is the default.
    pub fn is_continue(&self) -> bool {
        *self == RecordedInstruments::Continue
    }
}
fn default_replications() -> u32 {
    1
}

/// Where a scenario's custom place comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PlaceRef {
    /// The path of a place file (TOML), relative to the scenario file.
    File(String),
    /// The place itself.
    Inline(PlaceSpec),
}

/// A validated scenario, ready to run.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The scenario as given.
    pub scenario: Scenario,
    /// The preset it names.
    pub preset: Preset,
    /// The parameter table with the scenario's overrides applied (the
    /// calibration's conditions; each year's come from `conditions`).
    pub params: Params,
    /// Each driver's ratio by calendar year ([`crate::drivers`]).
    pub conditions: crate::drivers::Conditions,
    /// The place's recorded instruments, which act during the history
    /// ([`crate::policy::recorded_instruments`]; none for a custom place).
    pub recorded: Vec<InstrumentConfig>,
}

impl Prepared {
    /// History and projection months of the run.
    pub fn timeline(&self) -> crate::timeline::Timeline {
        crate::timeline::Timeline { start_year: self.scenario.start_year, horizon_months: self.scenario.horizon_months }
    }

    /// What the scenario asks for that will not do what it seems to, in
    /// words (English and Swedish) — shown by the CLI, Python and the page
    /// beside the results, never refusing the run. Today: flats supplied to
    /// the municipal pool (a vacancy quota, purchases, a social share of new
    /// production) while no instrument that acts places households in them
    /// (Housing First, social contracts, the staircase), so the flats stand
    /// empty until they go back.
    pub fn warnings(&self) -> Vec<Warning> {
        use crate::policy::FlatRole;
        let continuing = if self.ends_recorded() { &[][..] } else { &self.recorded[..] };
        let role = |c: &InstrumentConfig| c.build().municipal_flats();
        let places = self.scenario.instruments.iter().chain(continuing).any(|c| role(c) == FlatRole::Places);
        self.scenario
            .instruments
            .iter()
            .enumerate()
            .filter(|(_, c)| role(c) == FlatRole::Supplies && !places)
            .map(|(k, c)| Warning {
                field: format!("instruments[{k}]"),
                en: format!(
                    "{} supplies flats to the municipality, but no instrument places households in them \
                     (housing_first, social_contract or staircase): the flats stand empty and then go back",
                    c.kind()
                ),
                sv: format!(
                    "{} ger kommunen lägenheter, men inget instrument placerar hushåll i dem \
                     (Bostad först, sociala kontrakt eller trappan): lägenheterna står tomma och lämnas sedan tillbaka",
                    match c.kind() {
                        "vacancy_quota" => "Kvoten av lediga lägenheter",
                        "municipal_stock" => "Kommunens egna lägenheter",
                        "new_production" => "Nyproduktionens kommunala andel",
                        other => other,
                    }
                ),
            })
            .collect()
    }

    /// Whether the place's recorded instruments that no scenario
    /// instrument continues end with the history
    /// (`recorded_instruments = "end"`; see [`crate::policy::PolicySet::enter_projection`]).
    pub fn ends_recorded(&self) -> bool {
        self.scenario.recorded_instruments == RecordedInstruments::End
    }

    /// A fingerprint of everything the history of replication `replication`
    /// depends on — place, scale, seed, parameters, the conditions of the
    /// history's years, start year — and of nothing else: two prepared
    /// scenarios with the same key have bit-identical histories
    /// ([`crate::run::History`]), so a scenario that changes only the
    /// projection (its instruments, a driver's path from the start year on)
    /// reuses the history of another. A run from 2011 has no history, but its
    /// burn-in acts with the scenario's instruments and its first year's
    /// conditions, so they count too.
    pub fn history_key(&self, replication: u32) -> u64 {
        let s = &self.scenario;
        let has_history = self.timeline().has_history();
        let burn_in_instruments = if has_history { &[][..] } else { &s.instruments[..] };
        let conditions = self.conditions.before(if has_history { s.start_year } else { s.start_year + 1 });
        let text = serde_json::json!({
            "preset": s.preset, "place": s.place, "scale": s.scale.to_bits(), "start_year": s.start_year,
            "seed": s.seed, "params": s.params.iter().map(|(k, v)| (k.clone(), v.to_bits())).collect::<Vec<_>>(),
            "conditions": conditions, "replication": replication, "instruments": burn_in_instruments,
            "history_instruments": s.history_instruments,
        })
        .to_string();
        crate::rng::fnv1a64(text.bytes())
    }
}

/// Serialises a scenario as TOML (for export and echoes).
pub fn to_toml(s: &Scenario) -> String {
    let mut s = s.clone();
    s.format = Some(FORMAT);
    toml::to_string_pretty(&s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "preset = \"karlstad\"\nhorizon_months = 24\nscale = 0.1\n";

    #[test]
    fn flats_supplied_with_nobody_placing_in_them_are_warned_about_and_nothing_else_is() {
        let quota = "[[instruments]]\nkind = \"vacancy_quota\"\npublic_share = 0.1\n";
        let placing = "[[instruments]]\nkind = \"housing_first\"\nplaces = 10\n";
        let ended = format!("{OK}recorded_instruments = \"end\"\n");
        let alone = parse(&format!("{ended}{quota}"), Format::Toml, "s.toml").unwrap();
        let w = alone.warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].field, "instruments[0]");
        assert!(w[0].en.contains("vacancy_quota") && w[0].sv.contains("tomma"), "{w:?}");
        let with = parse(&format!("{ended}{quota}{placing}"), Format::Toml, "s.toml").unwrap();
        assert!(with.warnings().is_empty());
        let none = parse(&ended, Format::Toml, "s.toml").unwrap();
        assert!(none.warnings().is_empty());
    }

    #[test]
    fn minimal_scenario_gets_defaults() {
        let p = parse(OK, Format::Toml, "s.toml").unwrap();
        assert_eq!(p.scenario.start_year, crate::timeline::DATA_YEAR);
        assert_eq!(p.scenario.replications, 1);
        assert_eq!(p.preset.name, "Karlstad");
    }

    #[test]
    fn round_trips_through_toml() {
        let mut p = parse(&format!("{OK}[[instruments]]\nkind = \"shelter_guarantee\"\n"), Format::Toml, "s.toml").unwrap();
        let again = parse(&to_toml(&p.scenario), Format::Toml, "echo").unwrap();
        // The note on how the keyless file was read is not part of its
        // meaning; the echo names its format and needs none.
        assert_eq!(p.scenario.migrated.len(), 1);
        assert!(again.scenario.migrated.is_empty());
        p.scenario.migrated.clear();
        assert_eq!((p.scenario.written_format, again.scenario.written_format), (None, Some(FORMAT)));
        p.scenario.written_format = again.scenario.written_format;
        assert_eq!(again.scenario, p.scenario);
    }
}

/// A warning about a scenario that runs but will not do what it seems to
/// ([`Prepared::warnings`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Where in the scenario (`instruments[2]`).
    pub field: String,
    /// In English.
    pub en: String,
    /// In Swedish.
    pub sv: String,
}
