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

// A rejected scenario is returned once, on a cold path; boxing the error
// would only complicate every caller.
#![allow(clippy::result_large_err)]

use crate::params::{self, Params};
use crate::place::PlaceSpec;
use crate::policy::InstrumentConfig;
use crate::presets::{self, Preset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest horizon, in months (100 years; the month counter, burn-in
/// included, stays far below `u16::MAX`).
pub const MAX_HORIZON_MONTHS: u32 = 1200;
/// Largest number of replications in one run.
pub const MAX_REPLICATIONS: u32 = 100_000;

/// The scenario file format this hemma writes ([`Scenario::format`]).
/// Format 1: files made before 2026-12-02 (hemma up to commit a46c68f), when
/// runs started in `start_year` (default 2012) without a history and a
/// file's instruments were the place's only ones. Format 2: runs live
/// through 2011 to `start_year` (default: the data year) with the place's
/// recorded instruments, and the file's instruments are added from then on.
pub const FORMAT: u32 = 2;

/// The last commit that ran format-1 files as they were meant.
pub const FORMAT_1_COMMIT: &str = "a46c68f";

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

/// A rejected scenario: where, what, and what is allowed.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    /// File name, or `<input>`.
    pub origin: String,
    /// 1-based line, where it could be found.
    pub line: Option<usize>,
    /// 1-based column, where it could be found.
    pub column: Option<usize>,
    /// Dotted key path, e.g. `params.shock_rate_per_year` or `instruments[0].ask_share`.
    pub key: String,
    /// The offending value as written (empty if missing).
    pub value: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": ")?;
        if !self.key.is_empty() {
            write!(f, "`{}`", self.key)?;
            if !self.value.is_empty() {
                write!(f, " = {}", self.value)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// File format of a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// TOML.
    Toml,
    /// JSON.
    Json,
}

impl Format {
    /// Guesses the format from a file name (`.json` → JSON, else TOML).
    pub fn from_path(path: &str) -> Format {
        if path.to_ascii_lowercase().ends_with(".json") { Format::Json } else { Format::Toml }
    }

    /// Guesses the format from the text (JSON starts with `{`).
    pub fn sniff(text: &str) -> Format {
        if text.trim_start().starts_with('{') { Format::Json } else { Format::Toml }
    }
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

/// Replaces Rust type names in deserialiser messages with words.
fn plain_types(message: &str) -> String {
    message
        .replace("expected u32", "expected a whole number from 0")
        .replace("expected u64", "expected a whole number from 0")
        .replace("expected i32", "expected a whole number")
        .replace("expected f64", "expected a number")
}

/// 1-based (line, column) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Reads a place file named by a scenario: given the path as written,
/// returns the file's text and the name to cite in errors, or a message.
pub type PlaceLoader<'a> = &'a dyn Fn(&str) -> Result<(String, String), String>;

/// Parses and validates scenario `text` read from `origin`. A scenario that
/// names a place file is refused here (the library reads no files); the
/// command line uses [`parse_with_places`].
pub fn parse(text: &str, format: Format, origin: &str) -> Result<Prepared, ScenarioError> {
    parse_with_places(text, format, origin, &|path| {
        Err(format!("place files are read by the command line; here put the place in a [place] table instead of {path:?}"))
    })
}

/// Parses a place file (TOML); errors name the file, line, key, value and
/// what is allowed.
pub fn parse_place(text: &str, origin: &str) -> Result<PlaceSpec, ScenarioError> {
    let spec: PlaceSpec = from_toml(text, origin)?;
    spec.check().map_err(|(field, value, allowed)| error_at(text, origin, &field, value, format!("out of range; allowed {allowed}")))?;
    Ok(spec)
}

/// Like [`parse`], reading a place file named by the scenario with `load`
/// (the scenario's `place = "file.toml"` is replaced by the place itself).
pub fn parse_with_places(text: &str, format: Format, origin: &str, load: PlaceLoader) -> Result<Prepared, ScenarioError> {
    let mut prepared = parse_only(text, format, origin)?;
    if let Some(PlaceRef::File(path)) = &prepared.place {
        let (place_text, place_origin) =
            load(path).map_err(|message| error_in(text, format, origin, &[PathPart::Key("place")], format!("{path:?}"), message))?;
        prepared.place = Some(PlaceRef::Inline(parse_place(&place_text, &place_origin)?));
    }
    check(prepared, text, format, origin)
}

fn parse_only(text: &str, format: Format, origin: &str) -> Result<Scenario, ScenarioError> {
    let err = |line: Option<usize>, column: Option<usize>, key: &str, value: &str, message: String| ScenarioError {
        origin: origin.to_string(),
        line,
        column,
        key: key.to_string(),
        value: value.to_string(),
        message,
    };
    let typed: Result<Scenario, ScenarioError> = match format {
        Format::Toml => toml::from_str(text).map_err(|e| {
            let (line, col, near, key) = match e.span() {
                Some(span) => {
                    let (l, c) = line_col(text, span.start);
                    let line_text = text.lines().nth(l - 1).unwrap_or("");
                    // A value error: name the key written before `=` on that line.
                    let key = match line_text.split_once('=') {
                        Some((k, _)) if c > k.chars().count() => k.trim().trim_matches('"').to_string(),
                        _ => String::new(),
                    };
                    (Some(l), Some(c), text.get(span.clone()).unwrap_or("").trim().to_string(), key)
                }
                None => (None, None, String::new(), String::new()),
            };
            let near = if near.len() > 60 { String::new() } else { near };
            let message = plain_types(e.message().trim());
            if key.is_empty() {
                err(line, col, "", "", format!("{message}{}", if near.is_empty() { String::new() } else { format!(" (at `{near}`)") }))
            } else {
                err(line, col, &key, &near, message)
            }
        }),
        Format::Json => serde_json::from_str(text).map_err(|e| err(Some(e.line()), Some(e.column()), "", "", plain_types(&e.to_string()))),
    };
    match typed {
        Ok(scenario) => migrate(scenario, text, format, origin),
        // A file from a newer hemma may hold keys this one does not know:
        // its format is what to report, not the first unknown key.
        Err(e) => match top_level(text, format).and_then(|t| t.get("format").and_then(|v| v.as_i64())) {
            Some(n) if n > FORMAT as i64 => Err(format_error(n, text, format, origin)),
            _ => Err(setting_error(text, format, origin).unwrap_or(e)),
        },
    }
}

/// After a typed read failed: the first instrument setting (in
/// `instruments` or `history_instruments`) whose value its settings table
/// refuses — a wrong type included, which a JSON reader reports without the
/// key — named by its path, with what is allowed. `None` if every setting
/// the file gives is allowed (the read failed elsewhere).
fn setting_error(text: &str, format: Format, origin: &str) -> Option<ScenarioError> {
    let top = top_level(text, format)?;
    for list in ["instruments", "history_instruments"] {
        let Some(items) = top.get(list).and_then(|v| v.as_array()) else { continue };
        for (k, item) in items.iter().enumerate() {
            let Some(given) = item.as_object() else { continue };
            let Some(table) = given.get("kind").and_then(|v| v.as_str()).and_then(InstrumentConfig::settings_of) else { continue };
            for row in table {
                let Some(value) = given.get(row.name) else { continue };
                if let Err((field, shown, allowed)) = row.check(value) {
                    let path = [PathPart::Key(list), PathPart::Index(k), PathPart::Owned(field)];
                    return Some(error_in(text, format, origin, &path, shown, format!("not allowed; allowed {allowed}")));
                }
            }
        }
    }
    None
}

/// The top-level table of a scenario file's text, as JSON values (`None`
/// when the text does not parse).
fn top_level(text: &str, format: Format) -> Option<serde_json::Map<String, serde_json::Value>> {
    match format {
        Format::Toml => toml::from_str::<serde_json::Map<String, serde_json::Value>>(text).ok(),
        Format::Json => serde_json::from_str(text).ok(),
    }
}

/// The error at `path` in a scenario file's `text`, with its line and
/// column where they can be found (none for a scenario built in code).
fn error_in(text: &str, format: Format, origin: &str, path: &[PathPart], value: String, message: String) -> ScenarioError {
    let at = if text.is_empty() { None } else { locate(text, format, path) };
    ScenarioError { origin: origin.to_string(), line: at.map(|p| p.0), column: at.map(|p| p.1), key: path_string(path), value, message }
}

/// The error for `format = n`: a newer format (with the version that reads
/// it) or one that never existed.
fn format_error(n: i64, text: &str, format: Format, origin: &str) -> ScenarioError {
    let message = if n > FORMAT as i64 {
        format!("made by a newer hemma; this one ({}) reads formats 1 to {FORMAT}: update hemma", crate::LONG_VERSION)
    } else {
        format!("unknown format; allowed 1 to {FORMAT}")
    };
    error_in(text, format, origin, &[PathPart::Key("format")], n.to_string(), message)
}

/// Whether a file wrote the two keys whose defaults format 1 had otherwise:
/// (`start_year`, `recorded_instruments`). A run without a history (a start
/// in 2011, which no default gives) wrote its start and has no recorded
/// instruments to end, so its text is not read a second time.
fn wrote_format_1_keys(scenario: &Scenario, text: &str, format: Format) -> (bool, bool) {
    if text.is_empty() || scenario.start_year <= crate::timeline::HISTORY_START_YEAR {
        return (true, true);
    }
    let written = top_level(text, format).unwrap_or_default();
    (written.contains_key("start_year"), written.contains_key("recorded_instruments"))
}

/// Reads a file of an older [`FORMAT`] as it was meant, noting each change
/// in [`Scenario::migrated`]; refuses a newer format with the version that
/// reads it.
fn migrate(mut scenario: Scenario, text: &str, format: Format, origin: &str) -> Result<Scenario, ScenarioError> {
    match scenario.format {
        // A file without the key is read as the current format, and says so
        // when written out. Format 1 files had no key; where reading one as
        // the current format would change its meaning (no `start_year`, or a
        // start after 2011 without `recorded_instruments`), the reader is
        // told how to read it as then.
        None => {
            scenario.format = Some(FORMAT);
            if wrote_format_1_keys(&scenario, text, format) != (true, true) {
                scenario.migrated.push(format!(
                    "no `format`: read as format {FORMAT}, so it projects from {} after a history from {} with the place's recorded instruments, which go on beside the file's; a file made before 2026-12-02 (format 1, hemma up to commit {FORMAT_1_COMMIT}) started in 2012 unless it said otherwise and its instruments were the place's only ones — add `format = 1` to read it as then, or `format = {FORMAT}` to say it is current",
                    scenario.start_year,
                    crate::timeline::HISTORY_START_YEAR
                ));
            }
            return Ok(scenario);
        }
        Some(FORMAT) => return Ok(scenario),
        Some(1) => {}
        Some(n) => return Err(format_error(n as i64, text, format, origin)),
    }
    let fail = |message: String| Err(error_in(text, format, origin, &[PathPart::Key("format")], "1".into(), message));
    let (wrote_start, wrote_recorded) = wrote_format_1_keys(&scenario, text, format);
    let run_then =
        format!("to run it as then, install that hemma: cargo install --git <repository> --rev {FORMAT_1_COMMIT} --features cli");
    if !wrote_start {
        scenario.start_year = 2012;
        scenario.migrated.push("format 1: no start_year meant 2012 (now the data year); start_year = 2012".into());
    }
    if scenario.start_year < crate::timeline::HISTORY_START_YEAR {
        return fail(format!(
            "a format-1 file starting in {} cannot run here: runs now begin in {} with the observed state; {run_then}",
            scenario.start_year,
            crate::timeline::HISTORY_START_YEAR
        ));
    }
    if !wrote_recorded && scenario.start_year > crate::timeline::HISTORY_START_YEAR {
        scenario.recorded_instruments = RecordedInstruments::End;
        scenario.migrated.push(format!(
            "format 1: the file's instruments were the place's only ones; the years 2011-{} are now history with the place's recorded instruments, which end when the file's start (recorded_instruments = \"end\")",
            scenario.start_year - 1
        ));
    }
    scenario.format = Some(FORMAT);
    scenario
        .migrated
        .push(format!("read as format {FORMAT}; results differ from the hemma of then (the model has changed since); {run_then}"));
    Ok(scenario)
}

/// Validates a scenario built in code (no source text, so no line numbers).
pub fn prepare(scenario: Scenario, origin: &str) -> Result<Prepared, ScenarioError> {
    check(scenario, "", Format::Json, origin)
}

fn check(scenario: Scenario, text: &str, format: Format, origin: &str) -> Result<Prepared, ScenarioError> {
    let fail = |path: &[PathPart], value: String, message: String| error_in(text, format, origin, path, value, message);

    let preset = match (&scenario.place, scenario.preset.trim().is_empty()) {
        (Some(_), false) => {
            return Err(fail(
                &[PathPart::Key("preset")],
                format!("{:?}", scenario.preset),
                "give either `preset` or `place`, not both".into(),
            ));
        }
        (Some(PlaceRef::File(path)), true) => {
            return Err(fail(
                &[PathPart::Key("place")],
                format!("{path:?}"),
                "place files are read by the command line; here put the place in a [place] table".into(),
            ));
        }
        (Some(PlaceRef::Inline(spec)), true) => {
            if let Err((field, value, allowed)) = spec.check() {
                return Err(fail(&[PathPart::Key("place"), PathPart::Owned(field)], value, format!("out of range; allowed {allowed}")));
            }
            spec.to_preset()
        }
        (None, _) => {
            let Some(preset) = presets::find(&scenario.preset) else {
                let names: Vec<String> = presets::all().iter().map(|p| p.id.clone()).collect();
                return Err(fail(
                    &[PathPart::Key("preset")],
                    format!("{:?}", scenario.preset),
                    format!("unknown preset; allowed: {} (or describe the place in a [place] table)", names.join(", ")),
                ));
            };
            preset
        }
    };
    if !(scenario.scale.is_finite() && scenario.scale > 0.0 && scenario.scale <= 1.0) {
        return Err(fail(
            &[PathPart::Key("scale")],
            scenario.scale.to_string(),
            "out of range; allowed 0 < scale <= 1 (share of households)".into(),
        ));
    }
    let min_households = preset.population as f64 * scenario.scale / 2.2;
    if min_households < 200.0 {
        return Err(fail(
            &[PathPart::Key("scale")],
            scenario.scale.to_string(),
            format!(
                "too small for {}: fewer than 200 households would be simulated; use at least {:.4}",
                preset.name,
                440.0 / preset.population as f64
            ),
        ));
    }
    let (first, now) = (crate::timeline::HISTORY_START_YEAR, crate::timeline::DATA_YEAR);
    if !(first..=now).contains(&scenario.start_year) {
        return Err(fail(
            &[PathPart::Key("start_year")],
            scenario.start_year.to_string(),
            format!("out of range; allowed {first} (the observed start) to {now} (the current data year)"),
        ));
    }
    let has_history = scenario.start_year > first;
    if !(1..=MAX_HORIZON_MONTHS).contains(&scenario.horizon_months) {
        return Err(fail(
            &[PathPart::Key("horizon_months")],
            scenario.horizon_months.to_string(),
            format!("out of range; allowed 1 to {MAX_HORIZON_MONTHS} months"),
        ));
    }
    if !(1..=MAX_REPLICATIONS).contains(&scenario.replications) {
        return Err(fail(
            &[PathPart::Key("replications")],
            scenario.replications.to_string(),
            format!("out of range; allowed 1 to {MAX_REPLICATIONS}"),
        ));
    }
    let mut params = Params::default();
    crate::place::apply_covariates(&mut params, &preset.covariates);
    for (name, value) in &scenario.params {
        if let Err(e) = params.set(name, *value) {
            let message = match &e {
                params::ParamError::Unknown { .. } => e.to_string(),
                params::ParamError::OutOfRange { min, max, unit, .. } => format!("out of range; allowed {min} to {max} ({unit})"),
            };
            return Err(fail(&[PathPart::Key("params"), PathPart::Owned(name.clone())], value.to_string(), message));
        }
    }
    if let Err(message) = params.check_consistency() {
        return Err(fail(&[PathPart::Key("params")], String::new(), message));
    }
    // An instrument's settings against its settings table, in either list.
    let check_settings = |list: &'static str, k: usize, inst: &InstrumentConfig| {
        inst.check().map_err(|(field, value, allowed)| {
            fail(&[PathPart::Key(list), PathPart::Index(k), PathPart::Owned(field)], value, format!("out of range; allowed {allowed}"))
        })
    };
    for (k, inst) in scenario.instruments.iter().enumerate() {
        let crate::policy::Window { start_month: start, end_month: end } = inst.window();
        let horizon = scenario.horizon_months as i32;
        if has_history && start < 0 {
            return Err(fail(
                &[PathPart::Key("instruments"), PathPart::Index(k), PathPart::Key("start_month")],
                start.to_string(),
                format!(
                    "before the projection, which starts in January {}; {first} to {} is history, lived with the place's recorded \
                     instruments; allowed 0 to {} (months from the projection's start)",
                    scenario.start_year,
                    scenario.start_year - 1,
                    horizon - 1
                ),
            ));
        }
        if start < -(params.burn_in_months as i32) || start >= horizon {
            return Err(fail(
                &[PathPart::Key("instruments"), PathPart::Index(k), PathPart::Key("start_month")],
                start.to_string(),
                format!("out of range; allowed {} to {} (months from the scenario start)", -(params.burn_in_months as i32), horizon - 1),
            ));
        }
        if let Some(end) = end
            && (end <= start || end > horizon)
        {
            return Err(fail(
                &[PathPart::Key("instruments"), PathPart::Index(k), PathPart::Key("end_month")],
                end.to_string(),
                format!("must be after start_month ({start}) and at most horizon_months ({horizon})"),
            ));
        }
        check_settings("instruments", k, inst)?;
    }
    for (k, inst) in scenario.history_instruments.iter().flatten().enumerate() {
        let at = |key: &'static str| [PathPart::Key("history_instruments"), PathPart::Index(k), PathPart::Key(key)];
        let crate::policy::Window { start_month: start, end_month: end } = inst.window();
        if start < -(params.burn_in_months as i32) {
            return Err(fail(
                &at("start_month"),
                start.to_string(),
                format!("out of range; allowed from {} (months from January 2011)", -(params.burn_in_months as i32)),
            ));
        }
        if let Some(end) = end
            && end <= start
        {
            return Err(fail(&at("end_month"), end.to_string(), format!("must be after start_month ({start})")));
        }
        check_settings("history_instruments", k, inst)?;
    }
    if let Err((k, key, value, message)) = scenario.drivers.check() {
        return Err(fail(&[PathPart::Key("drivers"), PathPart::Key("paths"), PathPart::Index(k), PathPart::Key(key)], value, message));
    }
    let last_year = scenario.start_year + (scenario.horizon_months as i32 - 1) / 12;
    // A named place follows its own series where it has them; a custom
    // place (its own covariates) and the country follow the national ones.
    let table = match scenario.place {
        None => crate::drivers::for_place(&preset.name),
        Some(_) => crate::drivers::national(),
    };
    let growth = &preset.covariates.population_growth_pct;
    let growth_reference = if table.is_own(crate::drivers::Driver::PopulationGrowth) { growth.value } else { growth.national };
    let conditions =
        crate::drivers::Conditions::resolve(&scenario.drivers, table, growth_reference, first.min(scenario.start_year), last_year);
    let recorded = match (&scenario.history_instruments, &scenario.place) {
        (Some(list), _) => list.clone(),
        (None, Some(_)) => Vec::new(),
        (None, None) => crate::policy::recorded_instruments(&preset.id),
    };
    Ok(Prepared { scenario, preset, params, conditions, recorded })
}

/// Serialises a scenario as TOML (for export and echoes).
pub fn to_toml(s: &Scenario) -> String {
    let mut s = s.clone();
    s.format = Some(FORMAT);
    toml::to_string_pretty(&s).unwrap_or_default()
}

/// One step of a key path.
#[derive(Clone, Debug)]
enum PathPart {
    Key(&'static str),
    Owned(String),
    Index(usize),
}

impl PathPart {
    fn key(&self) -> Option<&str> {
        match self {
            PathPart::Key(k) => Some(k),
            PathPart::Owned(k) => Some(k),
            PathPart::Index(_) => None,
        }
    }
}

fn path_string(path: &[PathPart]) -> String {
    let mut s = String::new();
    for p in path {
        match p {
            PathPart::Index(i) => s.push_str(&format!("[{i}]")),
            other => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(other.key().unwrap_or(""));
            }
        }
    }
    s
}

/// An error at dotted key `key` of TOML `text` read from `origin`, located
/// to its line and column where the key can be found (for plan and target
/// files, which share the scenario file's error form).
pub(crate) fn error_at(text: &str, origin: &str, key: &str, value: String, message: String) -> ScenarioError {
    let at = locate_dotted(text, key);
    ScenarioError { origin: origin.into(), line: at.map(|p| p.0), column: at.map(|p| p.1), key: key.into(), value, message }
}

/// Deserialises another TOML input (a plan, a target file); a syntax or
/// structure error names the file, line and column.
pub(crate) fn from_toml<T: serde::de::DeserializeOwned>(text: &str, origin: &str) -> Result<T, ScenarioError> {
    toml::from_str::<T>(text).map_err(|e| {
        let at = e.span().map(|s| line_col(text, s.start));
        ScenarioError {
            origin: origin.into(),
            line: at.map(|p| p.0),
            column: at.map(|p| p.1),
            key: String::new(),
            value: String::new(),
            message: plain_types(e.message().trim()),
        }
    })
}

/// Line and column of a dotted key path such as `factors[1].min` in TOML
/// text, where it can be found (used for errors in other TOML inputs).
pub(crate) fn locate_dotted(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut path = Vec::new();
    for part in key.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !name.is_empty() {
            path.push(PathPart::Owned(name.to_string()));
        }
        if let Some(i) = index {
            path.push(PathPart::Index(i));
        }
    }
    locate(text, Format::Toml, &path)
}

/// Finds the line and column of a key path in the source text.
fn locate(text: &str, format: Format, path: &[PathPart]) -> Option<(usize, usize)> {
    match format {
        Format::Toml => {
            let doc = toml_edit::Document::parse(text).ok()?;
            let mut item: &toml_edit::Item = doc.as_item();
            let mut span: Option<std::ops::Range<usize>> = None;
            for (n, part) in path.iter().enumerate() {
                if let PathPart::Index(i) = part {
                    let toml_edit::Item::ArrayOfTables(a) = item else { break };
                    let t = a.get(*i)?;
                    return locate_in_table(t, &path[n + 1..], text, t.span().or(span));
                }
                let (k, v) = item.as_table_like()?.get_key_value(part.key()?)?;
                span = k.span().or_else(|| v.span()).or(span);
                item = v;
            }
            span.map(|s| line_col(text, s.start))
        }
        Format::Json => {
            // Best effort: the first occurrence of the last key as a JSON string.
            let key = path.iter().rev().find_map(|p| p.key())?;
            let at = text.find(&format!("\"{key}\""))?;
            Some(line_col(text, at))
        }
    }
}

fn locate_in_table(
    t: &toml_edit::Table,
    rest: &[PathPart],
    text: &str,
    fallback: Option<std::ops::Range<usize>>,
) -> Option<(usize, usize)> {
    let key = rest.first().and_then(|p| p.key());
    let span = key.and_then(|k| t.get_key_value(k)).and_then(|(k, v)| k.span().or_else(|| v.span())).or(fallback);
    span.map(|s| line_col(text, s.start))
}

/// The JSON Schema of scenario files, with the `params` section spelled out
/// from the parameter table (names, ranges, units, descriptions).
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Scenario)).unwrap_or_default();
    let mut props = serde_json::Map::new();
    for s in params::table() {
        props.insert(
            s.name.to_string(),
            serde_json::json!({
                "type": "number",
                "minimum": s.min,
                "maximum": s.max,
                "default": s.default,
                "description": format!("{} Unit: {}. Source: {}.", s.description, s.unit, s.source),
            }),
        );
    }
    if let Some(p) = schema.pointer_mut("/properties/params") {
        *p = serde_json::json!({
            "type": "object",
            "description": "Parameter overrides by name (hemma params lists them).",
            "properties": props,
            "additionalProperties": false,
        });
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "preset = \"karlstad\"\nhorizon_months = 24\nscale = 0.1\n";

    fn toml_err(text: &str) -> ScenarioError {
        parse(text, Format::Toml, "s.toml").unwrap_err()
    }

    #[test]
    fn minimal_scenario_gets_defaults() {
        let p = parse(OK, Format::Toml, "s.toml").unwrap();
        assert_eq!(p.scenario.start_year, crate::timeline::DATA_YEAR);
        assert_eq!(p.scenario.replications, 1);
        assert_eq!(p.preset.name, "Karlstad");
    }

    #[test]
    fn unknown_top_level_key_names_line_and_key() {
        let e = toml_err(&format!("{OK}colour = 3\n"));
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("unknown field `colour`"), "{e}");
    }

    #[test]
    fn wrong_type_is_reported_with_line() {
        let e = toml_err("preset = \"karlstad\"\nhorizon_months = \"ten\"\n");
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("s.toml:2:"), "{e}");
    }

    #[test]
    fn out_of_range_parameter_names_key_value_and_range() {
        let e = toml_err(&format!("{OK}[params]\nshock_rate_per_year = 9.0\n"));
        assert_eq!(e.line, Some(5));
        assert_eq!(e.key, "params.shock_rate_per_year");
        assert_eq!(e.value, "9");
        assert!(e.message.contains("allowed 0 to 5 (per year)"), "{e}");
    }

    #[test]
    fn unknown_parameter_suggests_a_name() {
        let e = toml_err(&format!("{OK}[params]\nshock_rate_per_yr = 0.2\n"));
        assert!(e.message.contains("did you mean `shock_rate_per_year`"), "{e}");
    }

    #[test]
    fn unknown_preset_lists_the_allowed_ones() {
        let e = toml_err("preset = \"malmo\"\nhorizon_months = 12\n");
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("karlstad") && e.message.contains("sverige"), "{e}");
    }

    #[test]
    fn instrument_window_and_settings_are_checked() {
        let e = toml_err(&format!("{OK}[[instruments]]\nkind = \"shelter_guarantee\"\nstart_month = 10\nend_month = 5\n"));
        assert_eq!(e.key, "instruments[0].end_month");
        assert_eq!(e.line, Some(7));
        let e = toml_err(&format!("{OK}[[instruments]]\nkind = \"shelter_guarantee\"\nask_share = 2\n"));
        assert_eq!(e.key, "instruments[0].ask_share");
        assert_eq!(e.line, Some(6));
        let e = toml_err(&format!("{OK}[[instruments]]\nkind = \"free_housing\"\n"));
        assert!(e.message.contains("free_housing"), "{e}");
    }

    #[test]
    fn json_is_the_same_structure() {
        let p =
            parse(r#"{"preset": "uppsala", "horizon_months": 12, "scale": 0.1, "params": {"savings_rate": 0.2}}"#, Format::Json, "s.json")
                .unwrap();
        assert_eq!(p.params.savings_rate, 0.2);
        let e = parse(r#"{"preset": "uppsala", "horizon_months": 12, "scale": 7}"#, Format::Json, "s.json").unwrap_err();
        assert_eq!(e.key, "scale");
        assert_eq!(e.line, Some(1));
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
        assert_eq!(again.scenario, p.scenario);
    }

    #[test]
    fn schema_lists_every_parameter() {
        let s = json_schema();
        let props = s.pointer("/properties/params/properties").unwrap().as_object().unwrap();
        assert_eq!(props.len(), params::table().len());
    }
}
