//! A plan's factors: what each sets ([`Target`]: a parameter, an
//! instrument's setting, a driver path), resolved against the base
//! scenario and checked (its range inside the parameter's or driver's,
//! a grid's levels or values), and how a value is set in a design point's
//! scenario.

use super::DesignKind;
use super::Factor;
use crate::params;
use crate::policy::InstrumentConfig;
use crate::scenario::Scenario;
use crate::sweep::design;

/// A rejected factor: (dotted key, value as written, what is wrong).
pub(super) type FactorError = (String, String, String);

/// What a factor sets.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A parameter of the table.
    Param(&'static str),
    /// A numeric setting of the base scenario's instrument `instrument`.
    Setting {
        /// Index into the scenario's instruments.
        instrument: usize,
        /// Field name.
        field: String,
        /// Whether the setting is a whole number (values are rounded).
        integer: bool,
    },
    /// The value of the base scenario's driver path `path`
    /// (`[[drivers.paths]]`), e.g. completions from 2027 on.
    DriverPath {
        /// Index into the scenario's `drivers.paths`.
        path: usize,
    },
}

/// A factor checked against the base scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedFactor {
    /// The path as written.
    pub path: String,
    /// What it sets.
    pub target: Target,
    /// Range (for a grid of explicit values: their smallest and largest).
    pub min: f64,
    /// Upper end.
    pub max: f64,
    /// Grid: the values, in order.
    pub values: Option<Vec<f64>>,
}

impl ResolvedFactor {
    /// The value at unit coordinate `u` (rounded for integer settings).
    pub fn value_at(&self, u: f64) -> f64 {
        let v = match &self.values {
            Some(vals) => vals[((u * (vals.len() - 1) as f64).round() as usize).min(vals.len() - 1)],
            None => design::scale(u, self.min, self.max),
        };
        match self.target {
            Target::Setting { integer: true, .. } => v.round(),
            _ => v,
        }
    }
}

/// Checks factor `i` of a plan (`f`, for a `design`) against the base
/// scenario and the factors before it (`earlier`), and resolves it.
pub(super) fn resolve(
    i: usize,
    f: &Factor,
    design: DesignKind,
    base: &Scenario,
    earlier: &[ResolvedFactor],
) -> Result<ResolvedFactor, FactorError> {
    let key = |field: &str| format!("factors[{i}].{field}");
    let target = resolve_target(&f.path, base).map_err(|m| (key("path"), format!("{:?}", f.path), m))?;
    if earlier.iter().any(|g| g.target == target) {
        return Err((key("path"), format!("{:?}", f.path), "the same setting is varied twice".into()));
    }
    let (min, max, values) = range(f, design).map_err(|(field, value, message)| (key(field), value, message))?;
    if let Target::DriverPath { path } = target {
        let name = &base.drivers.paths[path].driver;
        let (lo, hi) = crate::drivers::Driver::parse(name).map_or((f64::MIN, f64::MAX), |d| d.range());
        if min < lo || max > hi {
            return Err((
                key(if min < lo { "min" } else { "max" }),
                (if min < lo { min } else { max }).to_string(),
                format!("outside the driver's range; allowed {lo} to {hi}"),
            ));
        }
    }
    if let Target::Param(name) = target {
        let spec = params::spec(name).expect("resolved parameter exists");
        if min < spec.min || max > spec.max {
            return Err((
                key(if min < spec.min { "min" } else { "max" }),
                (if min < spec.min { min } else { max }).to_string(),
                format!("outside the parameter's range; allowed {} to {} ({})", spec.min, spec.max, spec.unit),
            ));
        }
    }
    Ok(ResolvedFactor { path: f.path.clone(), target, min, max, values })
}

/// A factor's range (`min`, `max`) and, for a grid of explicit values, the
/// values.
type Range = (f64, f64, Option<Vec<f64>>);

/// A factor's [`Range`]: `min` and `max` (with `levels` for a grid), or a
/// grid's `values`. An error names the field of the factor.
fn range(f: &Factor, design: DesignKind) -> Result<Range, (&'static str, String, String)> {
    match (design, &f.values, f.levels) {
        (DesignKind::Grid, Some(_), Some(_)) => {
            Err(("levels", String::new(), "give either `values` or `levels` with `min` and `max`, not both".into()))
        }
        (DesignKind::Grid, Some(v), None) => {
            if v.is_empty() || v.iter().any(|x| !x.is_finite()) {
                return Err(("values", format!("{v:?}"), "give at least one finite number".into()));
            }
            Ok((v.iter().copied().fold(f64::INFINITY, f64::min), v.iter().copied().fold(f64::NEG_INFINITY, f64::max), Some(v.clone())))
        }
        (_, Some(_), _) | (DesignKind::Lhs | DesignKind::Saltelli, _, Some(_)) => Err((
            if f.values.is_some() { "values" } else { "levels" },
            String::new(),
            "only a grid takes `values` or `levels`; other designs need `min` and `max`".into(),
        )),
        (_, None, levels) => {
            let (Some(lo), Some(hi)) = (f.min, f.max) else {
                return Err((
                    if f.min.is_none() { "min" } else { "max" },
                    String::new(),
                    "missing; the factor needs `min` and `max`".into(),
                ));
            };
            if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
                return Err(("max", hi.to_string(), format!("must be a number at least `min` ({lo})")));
            }
            if design == DesignKind::Grid {
                match levels {
                    Some(l) if (1..=10_000).contains(&l) => {}
                    Some(l) => return Err(("levels", l.to_string(), "out of range; allowed 1 to 10000".into())),
                    None => {
                        return Err((
                            "levels",
                            String::new(),
                            "missing; a grid factor needs `levels` (with min and max) or `values`".into(),
                        ));
                    }
                }
            }
            Ok((lo, hi, None))
        }
    }
}

/// Resolves a factor path against the base scenario.
fn resolve_target(path: &str, base: &Scenario) -> Result<Target, String> {
    if let Some(name) = path.strip_prefix("params.") {
        return match params::spec(name) {
            Some(s) => Ok(Target::Param(s.name)),
            None => Err(params::ParamError::Unknown { name: name.into(), suggestions: params::suggest(name) }.to_string()),
        };
    }
    if let Some(rest) = path.strip_prefix("drivers.") {
        return resolve_driver(rest, base);
    }
    let Some(rest) = path.strip_prefix("instruments") else {
        return Err(
            "unknown path; write params.NAME, instruments[I].FIELD, instruments.KIND.FIELD, drivers.paths[I].value or drivers.DRIVER"
                .into(),
        );
    };
    let (instrument, field) = if let Some(rest) = rest.strip_prefix('[') {
        let (index, field) = rest.split_once("].").ok_or("write instruments[I].FIELD, e.g. instruments[0].places")?;
        let i: usize = index.parse().map_err(|_| format!("`{index}` is not an instrument index"))?;
        if i >= base.instruments.len() {
            return Err(format!("the base scenario has {} instrument(s); indices run from 0", base.instruments.len()));
        }
        (i, field)
    } else if let Some(rest) = rest.strip_prefix('.') {
        let (kind, field) = rest.split_once('.').ok_or("write instruments.KIND.FIELD, e.g. instruments.housing_first.places")?;
        let found: Vec<usize> = base.instruments.iter().enumerate().filter(|(_, c)| c.kind() == kind).map(|(i, _)| i).collect();
        match found.as_slice() {
            [i] => (*i, field),
            [] => {
                let kinds: Vec<&str> = base.instruments.iter().map(|c| c.kind()).collect();
                return Err(format!(
                    "the base scenario has no `{kind}` instrument (it has: {}); add it to the base scenario first",
                    if kinds.is_empty() { "none".into() } else { kinds.join(", ") }
                ));
            }
            _ => {
                return Err(format!(
                    "the base scenario has several `{kind}` instruments; use instruments[I].{field} with one of {found:?}"
                ));
            }
        }
    } else {
        return Err("write instruments[I].FIELD or instruments.KIND.FIELD".into());
    };
    let config = &base.instruments[instrument];
    let integer = setting_is_integer(config, field)?;
    Ok(Target::Setting { instrument, field: field.to_string(), integer })
}

/// Resolves `drivers.paths[I].value` or `drivers.DRIVER` (the base's one
/// path of that driver) against the base scenario's driver paths.
fn resolve_driver(rest: &str, base: &Scenario) -> Result<Target, String> {
    let paths = &base.drivers.paths;
    if let Some(index) = rest.strip_prefix("paths[") {
        let (index, field) = index.split_once(']').ok_or("write drivers.paths[I].value")?;
        let i: usize = index.parse().map_err(|_| format!("`{index}` is not a path index"))?;
        if field != ".value" {
            return Err("only a path's `value` can vary: write drivers.paths[I].value".into());
        }
        if i >= paths.len() {
            return Err(format!("the base scenario has {} driver path(s); indices run from 0", paths.len()));
        }
        return Ok(Target::DriverPath { path: i });
    }
    if crate::drivers::Driver::parse(rest).is_none() {
        let names: Vec<&str> = crate::drivers::Driver::ALL.iter().map(|d| d.name()).collect();
        return Err(format!("unknown driver `{rest}`; allowed: {}", names.join(", ")));
    }
    let found: Vec<usize> = paths.iter().enumerate().filter(|(_, p)| p.driver == rest).map(|(i, _)| i).collect();
    match found.as_slice() {
        [i] => Ok(Target::DriverPath { path: *i }),
        [] => Err(format!(
            "the base scenario has no path for `{rest}`; add one ([[drivers.paths]] driver = \"{rest}\", from_year, value) to the base scenario first"
        )),
        _ => Err(format!("the base scenario has several paths for `{rest}`; use drivers.paths[I].value with one of {found:?}")),
    }
}

/// Whether `field` of `config` is a whole-number setting, from the JSON
/// Schema of instrument settings; an error lists the numeric fields if it is
/// not a numeric setting at all.
fn setting_is_integer(config: &InstrumentConfig, field: &str) -> Result<bool, String> {
    let schema = serde_json::to_value(schemars::schema_for!(InstrumentConfig)).unwrap_or_default();
    let variants = schema.pointer("/oneOf").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let kind = config.kind();
    let props = variants
        .iter()
        .find(|v| v.pointer("/properties/kind/const").and_then(|k| k.as_str()) == Some(kind))
        .and_then(|v| v.get("properties"))
        .and_then(|p| p.as_object())
        .cloned()
        .unwrap_or_default();
    let type_of = |p: &serde_json::Value| -> Vec<String> {
        match p.get("type") {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
            _ => vec![],
        }
    };
    let numeric: Vec<&String> =
        props.iter().filter(|(_, p)| type_of(p).iter().any(|t| t == "number" || t == "integer")).map(|(k, _)| k).collect();
    match props.get(field) {
        Some(p) if type_of(p).iter().any(|t| t == "integer") => Ok(true),
        Some(p) if type_of(p).iter().any(|t| t == "number") => Ok(false),
        _ => Err(format!(
            "`{field}` is not a numeric setting of `{kind}`; allowed: {}",
            numeric.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// Sets one factor's value in a scenario.
pub(super) fn apply(s: &mut Scenario, f: &ResolvedFactor, v: f64) -> Result<(), String> {
    match &f.target {
        Target::Param(name) => {
            s.params.insert(name.to_string(), v);
            Ok(())
        }
        Target::DriverPath { path } => {
            s.drivers.paths[*path].value = v;
            Ok(())
        }
        Target::Setting { instrument, field, integer } => {
            let mut json = serde_json::to_value(&s.instruments[*instrument]).map_err(|e| e.to_string())?;
            let value = if *integer { serde_json::json!(v.round() as i64) } else { serde_json::json!(v) };
            json.as_object_mut().ok_or("instrument settings are not a table")?.insert(field.clone(), value);
            s.instruments[*instrument] = serde_json::from_value(json).map_err(|e| format!("cannot set {v}: {e}"))?;
            Ok(())
        }
    }
}
