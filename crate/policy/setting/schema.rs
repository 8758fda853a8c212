//! What is made from a settings table besides the config: the JSON Schema
//! of an instrument's settings and, from its file's `//!` lines, its
//! section of `docs/instruments.md`.

use super::{Setting, Value};

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
    let numeric: Vec<&str> =
        table.iter().filter(|s| matches!(s.value, Value::Number { .. } | Value::Whole { .. })).map(|s| s.name).collect();
    let mut volume = serde_json::Map::new();
    volume.insert(
        "year".into(),
        json!({ "type": "integer", "minimum": crate::timeline::HISTORY_START_YEAR, "maximum": crate::timeline::DATA_YEAR - 1 }),
    );
    volume
        .insert("source".into(), json!({ "type": "string", "description": "Where the year's values come from, or \"assumption: ...\"." }));
    for name in &numeric {
        volume.insert((*name).into(), json!({ "type": "number", "description": format!("The value of {name} that year.") }));
    }
    props.insert(
        "volumes".into(),
        json!({
            "type": "array",
            "description": "Recorded volumes by year during the history: the values some numeric settings had each year, with their source (crate/policy/volumes.rs).",
            "items": { "type": "object", "properties": volume, "required": ["year", "source"], "additionalProperties": false },
        }),
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
