//! Instruments as they were: a recorded instrument can follow a recorded
//! volume by year during the history — its new contracts a year, its
//! places, its guarantees — each year with its source or flagged as an
//! assumption (issue 34).
//!
//! In a scenario file, after the instrument's own settings:
//!
//! ```toml
//! [[instruments]]
//! kind = "housing_first"
//! places = 200                 # 2011, as written
//!
//! [[instruments.volumes]]
//! year = 2018
//! places = 558                 # the year's value of the setting
//! source = "parameters_misc.csv: 558 Housing First flats in 22 municipalities in 2018"
//! ```
//!
//! The settings as written hold until the first volume year; between two
//! volume years each named setting goes linearly from one year's value to
//! the next, set each January; after the last it is held (the projection
//! continues at the last recorded volume unless the scenario retunes the
//! instrument). Volumes are recorded conditions: a run that holds the
//! calibration's conditions (`conditions = "constant"`) holds the settings
//! as written, so the drift test and the calibration see no change of
//! volume. A volume may name only numeric settings of its instrument, in
//! their ranges, for years of the history (2011–2025), in increasing order.

use super::setting::{Setting, SettingError, Value};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One year's recorded volume of an instrument: the values its numeric
/// settings had that year, and where they come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VolumeYear {
    /// Calendar year (2011 to the last year of the history, 2025).
    pub year: i32,
    /// Where the year's values come from, or `assumption: …` with the reasoning.
    pub source: String,
    /// The values of the instrument's numeric settings that year, by name.
    #[serde(flatten)]
    pub settings: BTreeMap<String, f64>,
}

/// Checks an instrument's volumes against its settings table: years of the
/// history in increasing order, a source each, numeric settings in range.
pub fn check(volumes: &[VolumeYear], table: &'static [Setting]) -> Result<(), SettingError> {
    let last = crate::timeline::DATA_YEAR - 1;
    let mut previous = crate::timeline::HISTORY_START_YEAR - 1;
    for (k, v) in volumes.iter().enumerate() {
        let at = |key: &str| format!("volumes[{k}].{key}");
        if v.year <= previous || v.year > last {
            return Err((
                at("year"),
                v.year.to_string(),
                format!("a year after {previous} and at most {last} (the history), in increasing order"),
            ));
        }
        previous = v.year;
        if v.source.trim().is_empty() {
            return Err((at("source"), "\"\"".into(), "where the year's values come from, or \"assumption: …\"".into()));
        }
        if v.settings.is_empty() {
            return Err((at("year"), v.year.to_string(), "a volume names at least one setting with its value that year".into()));
        }
        for (name, value) in &v.settings {
            let numeric: Vec<&str> =
                table.iter().filter(|s| matches!(s.value, Value::Number { .. } | Value::Whole { .. })).map(|s| s.name).collect();
            let Some(row) = table.iter().find(|s| s.name == name && numeric.contains(&s.name)) else {
                return Err((
                    at(name),
                    crate::units::number(*value),
                    format!("not a numeric setting of this instrument; allowed: {}", numeric.join(", ")),
                ));
            };
            let json = match row.value {
                Value::Whole { .. } if value.fract() == 0.0 && *value >= 0.0 => serde_json::json!(*value as u64),
                _ => serde_json::json!(value),
            };
            row.check(&json).map_err(|(_, shown, allowed)| (at(name), shown, allowed))?;
        }
    }
    Ok(())
}

/// The value of setting `name` in `year`: as written before the first
/// volume that names it, linear between the volumes that name it, held
/// after the last. `None` if no volume names it.
pub fn value_in(volumes: &[VolumeYear], name: &str, written: f64, year: i32) -> Option<f64> {
    let points: Vec<(i32, f64)> = volumes.iter().filter_map(|v| v.settings.get(name).map(|x| (v.year, *x))).collect();
    let first = *points.first()?;
    if year >= points[points.len() - 1].0 {
        return Some(points[points.len() - 1].1);
    }
    // Before the first volume: the written value, going linearly to the
    // first volume from the start of the history.
    let before = (crate::timeline::HISTORY_START_YEAR, written);
    let mut lo = before;
    for &p in &points {
        if year < p.0 {
            let t = (year - lo.0) as f64 / (p.0 - lo.0).max(1) as f64;
            return Some(if year <= lo.0 { lo.1 } else { lo.1 + (p.1 - lo.1) * t });
        }
        lo = p;
    }
    Some(first.1)
}

/// `settings` (an instrument's config as JSON, as serde writes it) at
/// `year`'s volumes: every setting a volume names set to its value that
/// year ([`value_in`]); whole-number settings rounded.
pub fn settings_in(settings: &serde_json::Value, volumes: &[VolumeYear], table: &'static [Setting], year: i32) -> serde_json::Value {
    let mut out = settings.clone();
    let names: std::collections::BTreeSet<&String> = volumes.iter().flat_map(|v| v.settings.keys()).collect();
    for name in names {
        let Some(written) = settings.get(name.as_str()).and_then(|v| v.as_f64()) else { continue };
        let Some(value) = value_in(volumes, name, written, year) else { continue };
        let whole = table.iter().any(|s| s.name == name && matches!(s.value, Value::Whole { .. }));
        out[name.as_str()] = if whole { serde_json::json!(value.round().max(0.0) as u64) } else { serde_json::json!(value) };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn volume(year: i32, name: &str, value: f64) -> VolumeYear {
        VolumeYear { year, source: "test".into(), settings: BTreeMap::from([(name.to_string(), value)]) }
    }

    #[test]
    fn a_setting_goes_from_its_written_value_through_each_volume_and_is_held_after() {
        let v = vec![volume(2013, "places", 300.0), volume(2018, "places", 558.0)];
        assert_eq!(value_in(&v, "places", 200.0, 2011), Some(200.0), "as written in 2011");
        assert_eq!(value_in(&v, "places", 200.0, 2012), Some(250.0), "halfway to 2013's");
        assert_eq!(value_in(&v, "places", 200.0, 2013), Some(300.0));
        assert!((value_in(&v, "places", 200.0, 2016).unwrap() - (300.0 + 258.0 * 3.0 / 5.0)).abs() < 1e-9);
        assert_eq!(value_in(&v, "places", 200.0, 2018), Some(558.0));
        assert_eq!(value_in(&v, "places", 200.0, 2030), Some(558.0), "held after the last");
        assert_eq!(value_in(&v, "retention", 0.9, 2016), None, "no volume names it");
    }

    #[test]
    fn a_bad_volume_names_the_key_the_value_and_what_is_allowed() {
        let table = crate::policy::InstrumentConfig::settings_of("housing_first").unwrap();
        assert!(check(&[volume(2013, "places", 300.0)], table).is_ok());
        let e = check(&[volume(2013, "places", -3.0)], table).unwrap_err();
        assert_eq!(e.0, "volumes[0].places");
        let e = check(&[volume(2013, "colour", 3.0)], table).unwrap_err();
        assert!(e.0 == "volumes[0].colour" && e.2.contains("places"), "{e:?}");
        let e = check(&[volume(2013, "places", 3.0), volume(2012, "places", 4.0)], table).unwrap_err();
        assert_eq!(e.0, "volumes[1].year");
        let e = check(&[volume(2030, "places", 3.0)], table).unwrap_err();
        assert!(e.2.contains("the history"), "{e:?}");
        let mut no_source = volume(2013, "places", 3.0);
        no_source.source = " ".into();
        assert_eq!(check(&[no_source], table).unwrap_err().0, "volumes[0].source");
    }
}
