//! Reading scenario files: TOML or JSON text into a [`Scenario`] (with
//! its older formats migrated, [`super::migrate`]), a place file into a
//! [`PlaceSpec`], and the first wrongly typed instrument setting named by
//! its path; then [`super::check`] validates what was read.

use super::check::check;
use super::errors::{PathPart, ScenarioError, error_at, error_in, from_toml, line_col, plain_types};
use super::migrate::{FORMAT, format_error, migrate};
use super::{PlaceRef, Prepared, Scenario};
use crate::place::PlaceSpec;
use crate::policy::InstrumentConfig;

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
    check_place_spec(&spec, text, origin)?;
    Ok(spec)
}

/// A place's check ([`PlaceSpec::check`]) as an error naming the file,
/// line, key, value and what is allowed.
fn check_place_spec(spec: &PlaceSpec, text: &str, origin: &str) -> Result<(), ScenarioError> {
    spec.check().map_err(|(field, value, allowed)| error_at(text, origin, &field, value.clone(), crate::place::problem(&value, &allowed)))
}

/// Like [`parse`], reading a place file named by the scenario with `load`
/// (the scenario's `place = "file.toml"` is replaced by the place itself).
pub fn parse_with_places(text: &str, format: Format, origin: &str, load: PlaceLoader) -> Result<Prepared, ScenarioError> {
    let mut prepared = parse_only(text, format, origin)?;
    if let Some(PlaceRef::File(path)) = &prepared.place {
        let (place_text, place_origin) =
            load(path).map_err(|message| error_in(text, format, origin, &[PathPart::Key("place")], format!("{path:?}"), message))?;
        let mut spec: PlaceSpec = from_toml(&place_text, &place_origin)?;
        // A place file read by a scenario of format 2 or older: its count
        // without a year was the count of 2011.
        if prepared.written_format.is_some_and(|f| f < FORMAT) {
            super::migrate::date_an_undated_count(&mut spec, &mut prepared.migrated);
        }
        check_place_spec(&spec, &place_text, &place_origin)?;
        prepared.place = Some(PlaceRef::Inline(spec));
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
pub(super) fn top_level(text: &str, format: Format) -> Option<serde_json::Map<String, serde_json::Value>> {
    match format {
        Format::Toml => toml::from_str::<serde_json::Map<String, serde_json::Value>>(text).ok(),
        Format::Json => serde_json::from_str(text).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "preset = \"karlstad\"\nhorizon_months = 24\nscale = 0.1\n";

    fn toml_err(text: &str) -> ScenarioError {
        parse(text, Format::Toml, "s.toml").unwrap_err()
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
    fn json_is_the_same_structure() {
        let p =
            parse(r#"{"preset": "uppsala", "horizon_months": 12, "scale": 0.1, "params": {"savings_rate": 0.2}}"#, Format::Json, "s.json")
                .unwrap();
        assert_eq!(p.params.savings_rate, 0.2);
        let e = parse(r#"{"preset": "uppsala", "horizon_months": 12, "scale": 7}"#, Format::Json, "s.json").unwrap_err();
        assert_eq!(e.key, "scale");
        assert_eq!(e.line, Some(1));
    }
}
