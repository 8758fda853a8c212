//! The settings table of an instrument: one declarative row per setting.
//!
//! Every instrument declares its settings once, in an
//! `instrument_settings!` block: per setting its field name and type, label,
//! unit, default, allowed range (or choices), description and source. From
//! that block come the config struct (a doc comment per field, and the
//! [`Window`]), its `SETTINGS` table, reading from scenario files with the
//! rows' defaults ([`SettingType`]), the range checks of
//! [`Settings::check`], the JSON Schema, the settings tables in
//! `docs/parameters.md` and `docs/instruments.md`, and — through the Wasm
//! facade's catalogue — the dashboard's controls with their units, ranges
//! and sources. Tests in [`crate::policy`] check every row of every
//! instrument: its default is the config's, a value just outside its range
//! is refused by name, every choice reads back.

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

/// One row of an instrument's settings table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Setting {
    /// Field name in scenario files (`[[instruments]]` blocks).
    pub name: &'static str,
    /// Short English label for controls and tables (the dashboard's Swedish
    /// labels are in `www/src/i18n.js`, keyed by `name`).
    pub label: &'static str,
    /// Unit, e.g. `share`, `per year`, `months`, `SEK/month`, `flats`.
    pub unit: &'static str,
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

    /// Checks every setting against its row; returns the first problem.
    fn check(&self) -> Result<(), SettingError> {
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

/// A field type an instrument setting can have, and how its default is read
/// from the setting's row: `f64` ([`Value::Number`]), `u32`
/// ([`Value::Whole`]), `bool` ([`Value::Flag`]), `Option<f64>`
/// ([`Value::Optional`], absent by default) and the instruments' choice
/// enums ([`Value::Choice`], through [`Choice`]).
pub trait SettingType: Sized {
    /// The default in `row`; `None` when the setting has none (a required
    /// choice) or the row's kind does not fit the type.
    fn default_of(row: &Setting) -> Option<Self>;
}

impl SettingType for f64 {
    fn default_of(row: &Setting) -> Option<f64> {
        match row.value {
            Value::Number { default, .. } => Some(default),
            _ => None,
        }
    }
}

impl SettingType for u32 {
    fn default_of(row: &Setting) -> Option<u32> {
        match row.value {
            Value::Whole { default, .. } => Some(default),
            _ => None,
        }
    }
}

impl SettingType for bool {
    fn default_of(row: &Setting) -> Option<bool> {
        match row.value {
            Value::Flag { default } => Some(default),
            _ => None,
        }
    }
}

impl SettingType for Option<f64> {
    fn default_of(row: &Setting) -> Option<Option<f64>> {
        match row.value {
            Value::Optional { .. } => Some(None),
            _ => None,
        }
    }
}

/// An enum whose variants are the options of a [`Value::Choice`] setting,
/// written in scenario files by their serde names.
pub trait Choice: serde::de::DeserializeOwned {}

impl<T: Choice> SettingType for T {
    fn default_of(row: &Setting) -> Option<T> {
        match row.value {
            Value::Choice { default: Some(name), .. } => {
                T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name)).ok()
            }
            _ => None,
        }
    }
}

/// Reads a setting that is present in the input; with `#[serde(default)]`
/// an absent one stays `None` while a `null` is refused as the field's own
/// type refuses it (used by `instrument_settings!`).
pub fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The value of field `name` read from the input, or its row's default;
/// an error names a required field left out (used by `instrument_settings!`).
pub fn given_or_default<T: SettingType>(given: Option<T>, table: &'static [Setting], name: &str) -> Result<T, String> {
    match given {
        Some(v) => Ok(v),
        None => T::default_of(row(table, name)).ok_or_else(|| format!("missing field `{name}`")),
    }
}

/// The `//!` lines of an instrument's source file, as Markdown (code fences
/// marked `toml`): its section in `docs/instruments.md`.
pub fn module_doc(src: &str) -> String {
    let mut out = String::new();
    for line in src.lines().take_while(|l| l.starts_with("//!") || l.trim().is_empty()) {
        let text = line.strip_prefix("//!").unwrap_or("");
        out.push_str(text.strip_prefix(' ').unwrap_or(text));
        out.push('\n');
    }
    out.trim().to_string()
}

/// The JSON Schema of an instrument's settings, from its table: the window,
/// then every setting with its type, range, default, unit and source.
pub fn json_schema(title: &str, table: &[Setting]) -> schemars::Schema {
    use serde_json::json;
    let mut props = serde_json::Map::new();
    props.insert(
        "start_month".into(),
        json!({ "type": "integer", "default": 0, "description": "First scenario month it acts (0 or less: already in place)." }),
    );
    props.insert(
        "end_month".into(),
        json!({ "type": ["integer", "null"], "default": null, "description": "First scenario month it no longer acts (absent: never ends)." }),
    );
    let mut required = Vec::new();
    for s in table {
        let unit = if s.unit.is_empty() { String::new() } else { format!(" Unit: {}.", s.unit) };
        let description = format!("{}{unit} Source: {}.", s.description, s.source);
        let p = match s.value {
            Value::Number { default, min, max } => json!({ "type": "number", "minimum": min, "maximum": max, "default": default }),
            Value::Whole { default, min, max } => json!({ "type": "integer", "minimum": min, "maximum": max, "default": default }),
            Value::Optional { min, max, .. } => json!({ "type": ["number", "null"], "minimum": min, "maximum": max, "default": null }),
            Value::Flag { default } => json!({ "type": "boolean", "default": default }),
            Value::Choice { default, options } => {
                if default.is_none() {
                    required.push(s.name);
                }
                match default {
                    Some(d) => json!({ "type": "string", "enum": options, "default": d }),
                    None => json!({ "type": "string", "enum": options }),
                }
            }
        };
        let mut p = p;
        p["description"] = json!(description);
        props.insert(s.name.into(), p);
    }
    let schema = json!({
        "type": "object",
        "title": title,
        "properties": props,
        "required": required,
        "additionalProperties": false,
    });
    schemars::Schema::try_from(schema).unwrap_or_default()
}

/// Declares an instrument's settings once: from one row per setting —
/// field, type, label, unit, allowed values with the default, description,
/// source — it generates the config struct (with the [`Window`] and a doc
/// comment per field made of the row's description and source), its
/// `SETTINGS` table, serde reading with the rows' defaults (unknown fields
/// and a missing required choice refused, by name), the [`Settings`] impl
/// and the JSON Schema. One instrument file, one invocation:
///
/// ```ignore
/// instrument_settings! {
///     /// Settings of a rent guarantee.
///     pub struct RentGuaranteeConfig {
///         guarantees: f64 {
///             label: "Guarantees in force",
///             unit: "guarantees",
///             value: Value::Number { default: 50.0, min: 0.0, max: 1e6 },
///             description: "Guarantees in force at once, whole municipality.",
///             source: "seed 002: Karlstad had 59 and 49 guarantees of the two kinds",
///         },
///     }
/// }
/// ```
macro_rules! instrument_settings {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $(
                $field:ident : $ty:ty {
                    label: $label:expr,
                    unit: $unit:expr,
                    value: $value:expr,
                    description: $desc:literal,
                    source: $source:literal,
                    sv: { label: $sv_label:literal, description: $sv_desc:literal, source: $sv_source:literal $(,)? } $(,)?
                }
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "SettingsInput")]
        pub struct $name {
            /// When it acts.
            #[serde(flatten)]
            pub window: $crate::policy::setting::Window,
            $(
                #[doc = concat!($desc, " Source: ", $source, ".")]
                pub $field: $ty,
            )*
        }

        /// The settings table (see [`crate::policy::setting`]).
        pub const SETTINGS: &[$crate::policy::setting::Setting] = &[
            $( $crate::policy::setting::Setting {
                name: stringify!($field),
                label: $label,
                unit: $unit,
                value: $value,
                description: $desc,
                source: $source,
                sv: $crate::policy::setting::Swedish { label: $sv_label, description: $sv_desc, source: $sv_source },
            }, )*
        ];

        /// The settings as read from a scenario file, before defaults.
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct SettingsInput {
            #[serde(default)]
            start_month: i32,
            #[serde(default)]
            end_month: Option<i32>,
            $(
                #[serde(default, deserialize_with = "crate::policy::setting::present")]
                $field: Option<$ty>,
            )*
        }

        impl TryFrom<SettingsInput> for $name {
            type Error = String;
            fn try_from(input: SettingsInput) -> Result<$name, String> {
                Ok($name {
                    window: $crate::policy::setting::Window { start_month: input.start_month, end_month: input.end_month },
                    $( $field: $crate::policy::setting::given_or_default(input.$field, SETTINGS, stringify!($field))?, )*
                })
            }
        }

        impl $crate::policy::setting::Settings for $name {
            fn settings() -> &'static [$crate::policy::setting::Setting] {
                SETTINGS
            }
            fn window(&self) -> $crate::policy::setting::Window {
                self.window
            }
            fn window_mut(&mut self) -> &mut $crate::policy::setting::Window {
                &mut self.window
            }
        }

        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::policy::setting::json_schema(stringify!($name), SETTINGS)
            }
        }
    };
}

pub(crate) use instrument_settings;

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: Setting = Setting {
        name: "rate",
        label: "Rate",
        unit: "per year",
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
        let months = Setting { value: Value::Whole { default: 3, min: 1, max: 120 }, unit: "months", ..RATE };
        assert!(months.check(&serde_json::json!(0)).is_err());
        assert_eq!(months.check(&serde_json::json!(121)).unwrap_err().2, "a whole number from 1 to 120 (months)");
        let who = Setting { value: Value::Choice { default: Some("all"), options: &["public", "all"] }, unit: "", ..RATE };
        assert!(who.check(&serde_json::json!("all")).is_ok());
        assert_eq!(who.check(&serde_json::json!("none")).unwrap_err().2, "one of public, all");
        let flag = Setting { value: Value::Flag { default: true }, unit: "", ..RATE };
        assert!(flag.check(&serde_json::json!(false)).is_ok());
    }

    #[test]
    fn defaults_are_read_by_the_fields_type() {
        assert_eq!(f64::default_of(&RATE), Some(0.5));
        assert_eq!(u32::default_of(&RATE), None, "a number row has no whole-number default");
        const TABLE: &[Setting] = &[RATE];
        assert_eq!(row(TABLE, "rate").name, "rate");
        assert_eq!(given_or_default::<f64>(None, TABLE, "rate"), Ok(0.5));
        assert_eq!(given_or_default::<f64>(Some(2.0), TABLE, "rate"), Ok(2.0));
        assert_eq!(RATE.default_text(), "0.5");
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
