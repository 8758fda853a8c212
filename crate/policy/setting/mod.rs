//! The settings table of an instrument: one declarative row per setting.
//!
//! Every instrument declares its settings once, in an
//! `instrument_settings!` block: per setting its field name and type, label,
//! unit, role ([`Role`]: a count, a stock in force at the start or a
//! volume and whom it is for, money, a share, a duration, a rate, a factor,
//! a choice or a flag), default,
//! allowed range (or choices), description and source. From
//! that block come the config struct (a doc comment per field, and the
//! [`Window`]), its `SETTINGS` table, reading from scenario files with the
//! rows' defaults ([`SettingType`]), the range checks of
//! [`Settings::check`], the JSON Schema, the settings tables in
//! `docs/parameters.md` and `docs/instruments.md`, and — through the Wasm
//! facade's catalogue — the dashboard's controls with their units, ranges
//! and sources. Tests in [`crate::policy`] check every row of every
//! instrument: its default is the config's, a value just outside its range
//! is refused by name, every choice reads back.
//!
//! Here are the table's rows ([`Setting`], [`Value`]), the checks, the
//! [`Settings`] trait and the [`Window`]; `declare.rs` has the
//! `instrument_settings!` macro and how it reads a field with its row's
//! default ([`SettingType`]); `schema.rs` the JSON Schema and the module
//! docs made from a table.

mod declare;
mod schema;

pub(crate) use declare::instrument_settings;
pub use declare::{Choice, SettingType, given_or_default, present};
pub use schema::{json_schema, module_doc};

use serde::Serialize;

/// A rejected instrument setting: (field, value, what is allowed).
pub type SettingError = (String, String, String);

/// What values a setting takes, and its default.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    /// A number from `min` to `max`.
    Number {
        /// Default value.
        default: f64,
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
    },
    /// A whole number from `min` to `max`.
    Whole {
        /// Default value.
        default: u32,
        /// Smallest allowed value.
        min: u32,
        /// Largest allowed value.
        max: u32,
    },
    /// A number from `min` to `max` that may be left out.
    Optional {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// What happens when it is left out.
        absent: &'static str,
    },
    /// Yes or no.
    Flag {
        /// Default value.
        default: bool,
    },
    /// One of a list of names.
    Choice {
        /// Default choice (`None`: the setting must be given).
        default: Option<&'static str>,
        /// The allowed names, as written in scenario files.
        options: &'static [&'static str],
    },
}

/// What a setting is: the one declaration from which every shell decides
/// how to read, show, scale and check its value. The dashboard reads it
/// (through the catalogue, as `role` and `sized_to`) to take whole numbers
/// for counts, show shares as percentages and money in kronor, scale a
/// national mix of instruments to a custom place (counts and volumes grow
/// with the place; nothing else does), and warn softly above the group a
/// count is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Things in force at once for the whole municipality — places,
    /// tenancies, flats, contracts, agreements, guarantees: whole numbers,
    /// larger in a larger place; [`SizedTo`] says whom they are for.
    Count(SizedTo),
    /// Things in force when the instrument starts (its stock at the start,
    /// usually left out for the stock its flow keeps), for the whole
    /// municipality: whole numbers, larger in a larger place. An instrument
    /// continued from the history keeps the stock the history left, so the
    /// dashboard does not carry this over when it changes a baseline's level.
    InForce(SizedTo),
    /// Things a year for the whole municipality — contracts, flats,
    /// dwellings, contacts a year: larger in a larger place.
    Volume(SizedTo),
    /// Kronor: a price, a cost per month, contact or night, a grant, a limit.
    Money,
    /// A share from 0 to 1: a chance, a part of a stock.
    Share,
    /// A length of time in months.
    Duration,
    /// A rate per year (transfers, setbacks, exits).
    Rate,
    /// A multiple of something else: a rent level, months of rent, a norm's scale.
    Factor,
    /// One of a list of names ([`Value::Choice`]).
    Choice,
    /// Yes or no ([`Value::Flag`]).
    Flag,
}

/// Whom a count or a volume is for, and so what it is sized against: a
/// size above that group in the place says more places than people to
/// take them (the dashboard warns, the run goes on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SizedTo {
    /// No group: the place itself (a stock of flats, guarantees, contacts).
    Place,
    /// Homeless persons (the place's count).
    Homeless,
    /// Homeless persons with substance-use or psychiatric support needs
    /// (Housing First, the staircase; no count gives them, so the page
    /// uses the model's own number).
    SupportNeeds,
}

impl Role {
    /// The role as written in tables and the catalogue: `count`,
    /// `in_force`, `volume`, `money`, `share`, `duration`, `rate`, `factor`, `choice`, `flag`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Count(_) => "count",
            Role::InForce(_) => "in_force",
            Role::Volume(_) => "volume",
            Role::Money => "money",
            Role::Share => "share",
            Role::Duration => "duration",
            Role::Rate => "rate",
            Role::Factor => "factor",
            Role::Choice => "choice",
            Role::Flag => "flag",
        }
    }

    /// Whom a count, stock in force or volume is for (`None` for every other role).
    pub fn sized_to(self) -> Option<SizedTo> {
        match self {
            Role::Count(s) | Role::InForce(s) | Role::Volume(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the value grows with the municipality (counts, stocks in
    /// force and volumes, which are for the whole municipality).
    pub fn grows_with_place(self) -> bool {
        self.sized_to().is_some()
    }
}

impl SizedTo {
    /// As written in tables and the catalogue: `place`, `homeless`, `support_needs`.
    pub fn as_str(self) -> &'static str {
        match self {
            SizedTo::Place => "place",
            SizedTo::Homeless => "homeless",
            SizedTo::SupportNeeds => "support_needs",
        }
    }
}

/// A role serialises as two fields of its row: `role` and `sized_to`
/// (`null` unless a count, a stock in force or a volume).
impl Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("role", self.as_str())?;
        m.serialize_entry("sized_to", &self.sized_to().map(SizedTo::as_str))?;
        m.end()
    }
}

/// One row of an instrument's settings table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Setting {
    /// Field name in scenario files (`[[instruments]]` blocks).
    pub name: &'static str,
    /// Short English label for controls and tables (the Swedish is in
    /// [`Setting::sv`]).
    pub label: &'static str,
    /// Unit, e.g. `share`, `per year`, `months`, `SEK/month`, `flats`.
    pub unit: &'static str,
    /// What the setting is ([`Role`]); serialised as `role` and `sized_to`.
    #[serde(flatten)]
    pub role: Role,
    /// Values it takes and its default.
    #[serde(flatten)]
    pub value: Value,
    /// What the setting does in the model.
    pub description: &'static str,
    /// Where the default comes from: a seed or data file, or "assumption" with reasoning.
    pub source: &'static str,
    /// The label, description and source in Swedish, for the dashboard.
    pub sv: Swedish,
}

/// A setting's label, description and source in Swedish: the dashboard's
/// help texts in its other language, kept in the same row as the English so
/// that neither can be added without the other.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Swedish {
    /// Short label for the control.
    pub label: &'static str,
    /// What the setting does in the model.
    pub description: &'static str,
    /// Where the default comes from.
    pub source: &'static str,
}

impl Setting {
    /// `min to max` of a numeric row (`None` for flags and choices).
    fn bounds(&self) -> Option<String> {
        match self.value {
            Value::Number { min, max, .. } | Value::Optional { min, max, .. } => {
                Some(format!("{} to {}", crate::units::number(min), crate::units::number(max)))
            }
            Value::Whole { min, max, .. } => Some(format!("{min} to {max}")),
            Value::Flag { .. } | Value::Choice { .. } => None,
        }
    }

    /// Flags and choices in words: `true or false`, `one of a, b`.
    fn alternatives(&self) -> String {
        match self.value {
            Value::Choice { options, .. } => format!("one of {}", options.join(", ")),
            _ => "true or false".to_string(),
        }
    }

    /// The allowed values without the unit: `0 to 12`, `1 to 120 (whole)`,
    /// `one of a, b`, `true or false`.
    pub fn range(&self) -> String {
        match (self.bounds(), self.value) {
            (Some(b), Value::Whole { .. }) => format!("{b} (whole)"),
            (Some(b), _) => b,
            (None, _) => self.alternatives(),
        }
    }

    /// What is allowed, in words, for error messages.
    pub fn allowed(&self) -> String {
        let unit = if self.unit.is_empty() { String::new() } else { format!(" ({})", self.unit) };
        match (self.bounds(), self.value) {
            (Some(b), Value::Whole { .. }) => format!("a whole number from {b}{unit}"),
            (Some(b), _) => format!("a number from {b}{unit}"),
            (None, _) => self.alternatives(),
        }
    }

    /// The default as it is written in a scenario file (`—` when left out by
    /// default, `required` when it must be given).
    pub fn default_text(&self) -> String {
        match self.value {
            Value::Number { default, .. } => crate::units::number(default),
            Value::Whole { default, .. } => default.to_string(),
            Value::Optional { .. } => "—".to_string(),
            Value::Choice { default: None, .. } => "required".to_string(),
            Value::Flag { default } => default.to_string(),
            Value::Choice { default: Some(d), .. } => format!("\"{d}\""),
        }
    }

    /// Checks one value of this setting as it appears in the config's JSON
    /// form (`null` for an absent optional setting).
    pub(crate) fn check(&self, v: &serde_json::Value) -> Result<(), SettingError> {
        let ok = match (self.value, v) {
            (Value::Number { min, max, .. }, _) | (Value::Optional { min, max, .. }, _) if v.is_number() => {
                v.as_f64().is_some_and(|x| x.is_finite() && (min..=max).contains(&x))
            }
            (Value::Optional { .. }, serde_json::Value::Null) => true,
            (Value::Whole { min, max, .. }, _) => v.as_u64().is_some_and(|x| (min as u64..=max as u64).contains(&x)),
            (Value::Flag { .. }, serde_json::Value::Bool(_)) => true,
            (Value::Choice { options, .. }, serde_json::Value::String(s)) => options.contains(&s.as_str()),
            _ => false,
        };
        if ok { Ok(()) } else { Err((self.name.to_string(), shown(v), self.allowed())) }
    }
}

/// A JSON value as it would appear in a message (non-finite numbers, which
/// JSON cannot hold, serialise as `null`).
fn shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An instrument config with a settings table; implemented by
/// `instrument_settings!`.
pub trait Settings: Serialize {
    /// The table, in documentation order. Covers every field except `kind`
    /// and the window.
    fn settings() -> &'static [Setting];

    /// When the instrument acts.
    fn window(&self) -> Window;

    /// When the instrument acts, to change.
    fn window_mut(&mut self) -> &mut Window;

    /// Its recorded volumes by year ([`crate::policy::volumes`]).
    fn volumes(&self) -> &[crate::policy::volumes::VolumeYear];

    /// Checks every setting against its row, and its volumes; returns the
    /// first problem.
    fn check(&self) -> Result<(), SettingError> {
        crate::policy::volumes::check(self.volumes(), Self::settings())?;
        let json = serde_json::to_value(self).map_err(|e| ("settings".to_string(), String::new(), e.to_string()))?;
        for s in Self::settings() {
            // A non-finite float serialises as null; report it as the number it is.
            let v = json.get(s.name).unwrap_or(&serde_json::Value::Null);
            if v.is_null() && !matches!(s.value, Value::Optional { .. }) {
                return Err((s.name.to_string(), "a value that is not a finite number".to_string(), s.allowed()));
            }
            s.check(v)?;
        }
        Ok(())
    }
}

/// The row named `name` of `table` (a `const fn`: in a `const` block a
/// missing name is a compile error).
pub const fn row(table: &'static [Setting], name: &str) -> &'static Setting {
    let mut i = 0;
    while i < table.len() {
        if same(table[i].name.as_bytes(), name.as_bytes()) {
            return &table[i];
        }
        i += 1;
    }
    panic!("no such setting")
}

/// Byte-wise equality, usable in `const fn`.
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Value {
    /// A share: a number from 0 to 1.
    pub const fn share(default: f64) -> Value {
        Value::Number { default, min: 0.0, max: 1.0 }
    }
}

/// When an instrument acts: from `start_month` to before `end_month`,
/// counted from the scenario's first month (see [`crate::policy`]). Every
/// instrument's settings have one, written in scenario files as two fields
/// beside the instrument's own settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Window {
    /// First scenario month it acts (0 or less: already in place).
    pub start_month: i32,
    /// First scenario month it no longer acts (absent: never ends).
    pub end_month: Option<i32>,
}

impl Window {
    /// Whether it acts in scenario month `month`.
    pub fn contains(&self, month: i32) -> bool {
        (self.start_month <= 0 || month >= self.start_month) && self.end_month.is_none_or(|end| month < end)
    }

    /// The same window `months` later, for a scenario whose start moves
    /// `months` earlier; one already in place at the start stays so.
    pub fn shifted(self, months: i32) -> Window {
        let start_month = if self.start_month > 0 { self.start_month + months } else { self.start_month };
        Window { start_month, end_month: self.end_month.map(|e| e + months) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: Setting = Setting {
        name: "rate",
        label: "Rate",
        unit: "per year",
        role: Role::Rate,
        value: Value::Number { default: 0.5, min: 0.0, max: 12.0 },
        description: "",
        source: "",
        sv: Swedish { label: "Takt", description: "", source: "" },
    };

    #[test]
    fn a_number_outside_its_range_names_the_field_the_value_and_the_range() {
        let e = RATE.check(&serde_json::json!(13.0)).unwrap_err();
        assert_eq!(e, ("rate".to_string(), "13.0".to_string(), "a number from 0 to 12 (per year)".to_string()));
        assert!(RATE.check(&serde_json::json!(12.0)).is_ok());
        assert!(RATE.check(&serde_json::json!(0)).is_ok());
    }

    #[test]
    fn an_absent_optional_setting_is_accepted_and_a_present_one_is_checked() {
        let cap = Setting { value: Value::Optional { min: 0.0, max: 10.0, absent: "no cap" }, ..RATE };
        assert!(cap.check(&serde_json::Value::Null).is_ok());
        assert!(cap.check(&serde_json::json!(11)).is_err());
    }

    #[test]
    fn whole_numbers_flags_and_choices_are_checked_by_kind() {
        let months = Setting { value: Value::Whole { default: 3, min: 1, max: 120 }, unit: "months", role: Role::Duration, ..RATE };
        assert!(months.check(&serde_json::json!(0)).is_err());
        assert_eq!(months.check(&serde_json::json!(121)).unwrap_err().2, "a whole number from 1 to 120 (months)");
        let who =
            Setting { value: Value::Choice { default: Some("all"), options: &["public", "all"] }, unit: "", role: Role::Choice, ..RATE };
        assert!(who.check(&serde_json::json!("all")).is_ok());
        assert_eq!(who.check(&serde_json::json!("none")).unwrap_err().2, "one of public, all");
        let flag = Setting { value: Value::Flag { default: true }, unit: "", role: Role::Flag, ..RATE };
        assert!(flag.check(&serde_json::json!(false)).is_ok());
    }

    #[test]
    fn a_role_serialises_as_its_name_and_whom_a_count_is_for() {
        let row = Setting { role: Role::Count(SizedTo::SupportNeeds), unit: "tenancies", ..RATE };
        let json = serde_json::to_value(row).unwrap();
        assert_eq!(
            (&json["role"], &json["sized_to"], &json["type"]),
            (&serde_json::json!("count"), &serde_json::json!("support_needs"), &serde_json::json!("number"))
        );
        let json = serde_json::to_value(RATE).unwrap();
        assert_eq!((&json["role"], &json["sized_to"]), (&serde_json::json!("rate"), &serde_json::Value::Null));
        assert!(Role::Volume(SizedTo::Place).grows_with_place() && !Role::Money.grows_with_place());
    }

    #[test]
    fn a_window_contains_its_months_and_shifts_unless_in_place() {
        let w = Window { start_month: 3, end_month: Some(6) };
        assert!(!w.contains(2) && w.contains(3) && w.contains(5) && !w.contains(6));
        assert_eq!(w.shifted(12), Window { start_month: 15, end_month: Some(18) });
        let in_place = Window { start_month: -5, end_month: None };
        assert!(in_place.contains(-100) && in_place.contains(1000));
        assert_eq!(in_place.shifted(12), in_place);
    }
}
