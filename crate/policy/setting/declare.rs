//! `instrument_settings!`: one declaration per instrument, from which its
//! config struct, `SETTINGS` table, serde reading with the rows' defaults,
//! [`Settings`](super::Settings) impl and JSON Schema come; and the reading
//! of one field with its row's default ([`SettingType`],
//! [`given_or_default`]).

use super::{Setting, Value, row};

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

/// Declares an instrument's settings once: from one row per setting —
/// field, type, label, unit, role ([`Role`](super::Role), required on every
/// row), allowed values with the default, description, source, and the
/// Swedish label, description and source — it generates the config struct (with the
/// [`Window`](super::Window) and a doc comment per field made of the row's
/// description and source), its `SETTINGS` table, serde reading with the
/// rows' defaults (unknown fields and a missing required choice refused, by
/// name), the [`Settings`](super::Settings) impl and the JSON Schema. One
/// instrument file, one invocation:
///
/// ```ignore
/// instrument_settings! {
///     /// Settings of a rent guarantee.
///     pub struct RentGuaranteeConfig {
///         guarantees: f64 {
///             label: "Guarantees in force",
///             unit: "guarantees",
///             role: Role::Count(SizedTo::Place),
///             value: Value::Number { default: 50.0, min: 0.0, max: 1e6 },
///             description: "Guarantees in force at once, whole municipality.",
///             source: "seed 002: Karlstad had 59 and 49 guarantees of the two kinds",
///             sv: { label: "Garantier", description: "…", source: "…" },
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
                    role: $role:expr,
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
            /// Recorded volumes by year ([`crate::policy::volumes`]).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub volumes: Vec<$crate::policy::volumes::VolumeYear>,
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
                role: $role,
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
            #[serde(default)]
            volumes: Vec<$crate::policy::volumes::VolumeYear>,
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
                    volumes: input.volumes,
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
            fn volumes(&self) -> &[$crate::policy::volumes::VolumeYear] {
                &self.volumes
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
    use crate::policy::setting::Swedish;

    const RATE: Setting = Setting {
        name: "rate",
        label: "Rate",
        unit: "per year",
        role: crate::policy::setting::Role::Rate,
        value: Value::Number { default: 0.5, min: 0.0, max: 12.0 },
        description: "",
        source: "",
        sv: Swedish { label: "Takt", description: "", source: "" },
    };

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
}
