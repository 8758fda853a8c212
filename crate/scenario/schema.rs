//! The JSON Schema of scenario files (`schema/scenario.schema.json`,
//! written by `hemma docs`).

use super::Scenario;
use crate::params;

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

    #[test]
    fn schema_lists_every_parameter() {
        let s = json_schema();
        let props = s.pointer("/properties/params/properties").unwrap().as_object().unwrap();
        assert_eq!(props.len(), params::table().len());
    }
}
