//! The settings table of an instrument: one declarative row per setting.
//!
//! Every instrument config declares its settings once, as a list of
//! [`Setting`] rows — name, label, unit, default, allowed range (or choices),
//! description and source. From that list come the serde defaults of the
//! config (each `default_*` function reads its row in a `const` block, so a
//! row that does not fit its field fails to compile), the range checks of
//! [`Settings::check`], the settings tables in `docs/parameters.md` and
//! `docs/instruments.md`, and — through the Wasm facade's catalogue — the
//! dashboard's controls with their units, ranges and sources. A test in
//! [`crate::policy`] checks that every field of every config has exactly one
//! row and that the rows' defaults are the configs' defaults.

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
}

impl Setting {
    /// The default of a [`Value::Number`] row (compile error in a `const` block otherwise).
    pub const fn number(&self) -> f64 {
        match self.value {
            Value::Number { default, .. } => default,
            _ => panic!("not a number setting"),
        }
    }

    /// The default of a [`Value::Whole`] row.
    pub const fn whole(&self) -> u32 {
        match self.value {
            Value::Whole { default, .. } => default,
            _ => panic!("not a whole-number setting"),
        }
    }

    /// The default of a [`Value::Flag`] row.
    pub const fn flag(&self) -> bool {
        match self.value {
            Value::Flag { default } => default,
            _ => panic!("not a flag setting"),
        }
    }

    /// `min to max` of a numeric row (`None` for flags and choices).
    fn bounds(&self) -> Option<String> {
        match self.value {
            Value::Number { min, max, .. } | Value::Optional { min, max, .. } => {
                Some(format!("{} to {}", crate::docs::number(min), crate::docs::number(max)))
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
            Value::Number { default, .. } => crate::docs::number(default),
            Value::Whole { default, .. } => default.to_string(),
            Value::Optional { .. } => "—".to_string(),
            Value::Choice { default: None, .. } => "required".to_string(),
            Value::Flag { default } => default.to_string(),
            Value::Choice { default: Some(d), .. } => format!("\"{d}\""),
        }
    }

    /// Checks one value of this setting as it appears in the config's JSON
    /// form (`null` for an absent optional setting).
    fn check(&self, v: &serde_json::Value) -> Result<(), SettingError> {
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

/// An instrument config with a settings table.
pub trait Settings: Serialize {
    /// The table, in documentation order. Covers every field except `kind`,
    /// `start_month` and `end_month`.
    fn settings() -> &'static [Setting];

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

/// The row named `name` of `table`; in a `const` block a missing name is a
/// compile error. Used by the configs' serde default functions.
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

/// Shorthand for a share (a number from 0 to 1).
pub const fn share(name: &'static str, label: &'static str, default: f64, description: &'static str, source: &'static str) -> Setting {
    Setting { name, label, unit: "share", value: Value::Number { default, min: 0.0, max: 1.0 }, description, source }
}

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
    fn defaults_are_readable_in_const_context() {
        const D: f64 = RATE.number();
        assert_eq!(D, 0.5);
        const TABLE: &[Setting] = &[RATE];
        const R: f64 = row(TABLE, "rate").number();
        assert_eq!(R, 0.5);
        assert_eq!(RATE.default_text(), "0.5");
    }
}
