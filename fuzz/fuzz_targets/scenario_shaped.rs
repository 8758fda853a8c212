//! Structure-aware: the fuzzer's bytes choose a scenario of the right shape
//! — a preset or a custom place, scale, years, seeds, parameters from the
//! parameter table, instruments from the registry with settings from their
//! tables, driver paths — with values at, inside and just outside every
//! range (and NaN, infinities, huge and negative numbers, wrong types),
//! written as TOML or JSON and sometimes cut or spliced. Whatever it
//! chooses, `parse` gives a prepared scenario or an error message.
#![no_main]

use arbitrary::{Result, Unstructured};
use hemma::policy::InstrumentConfig;
use hemma::policy::setting::Value as SettingValue;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use toml::{Table, Value};

/// Preset ids and the place fields (name, min, max), read once.
fn tables() -> &'static (Vec<&'static str>, Vec<(String, f64, f64)>) {
    static T: OnceLock<(Vec<&'static str>, Vec<(String, f64, f64)>)> = OnceLock::new();
    T.get_or_init(|| {
        let ids = hemma::presets::all().into_iter().map(|p| &*Box::leak(p.id.into_boxed_str())).collect();
        let fields = hemma::place::fields()
            .iter()
            .filter_map(|f| Some((f["name"].as_str()?.to_string(), f["min"].as_f64()?, f["max"].as_f64()?)))
            .collect();
        (ids, fields)
    })
}

/// A number near a range: its ends, inside, just outside, or a hostile value.
fn number(u: &mut Unstructured, min: f64, max: f64) -> Result<Value> {
    let picks = [
        min,
        max,
        (min + max) / 2.0,
        min - (max - min).abs() * 1e-9 - 1e-12,
        max + (max - min).abs() * 1e-9 + 1e-12,
        0.0,
        -1.0,
        1e308,
        -1e308,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
    ];
    Ok(match u.int_in_range(0..=3)? {
        0 => Value::Float(*u.choose(&picks)?),
        1 => Value::Float(min + (max - min) * (u.int_in_range(0..=1000u32)? as f64 / 1000.0)),
        2 => Value::Integer(*u.choose(&[min as i64, max as i64, 0, -1, i64::MAX, i64::MIN, u32::MAX as i64 + 1])?),
        _ => wrong_type(u)?,
    })
}

/// A whole number near a range.
fn whole(u: &mut Unstructured, min: i64, max: i64) -> Result<Value> {
    Ok(match u.int_in_range(0..=2)? {
        0 => Value::Integer(*u.choose(&[
            min,
            max,
            min.saturating_sub(1),
            max.saturating_add(1),
            0,
            -1,
            i64::MAX,
            i64::MIN,
            u32::MAX as i64 + 1,
        ])?),
        1 => Value::Integer(u.int_in_range(min..=max)?),
        _ => number(u, min as f64, max as f64)?,
    })
}

/// A value of the wrong type.
fn wrong_type(u: &mut Unstructured) -> Result<Value> {
    Ok(match u.int_in_range(0..=3)? {
        0 => Value::String(u.arbitrary::<String>()?),
        1 => Value::Boolean(u.arbitrary()?),
        2 => Value::Array(vec![Value::Integer(1)]),
        _ => Value::Table(Table::new()),
    })
}

/// A name from `names`, or sometimes any text.
fn name(u: &mut Unstructured, names: &[&str]) -> Result<Value> {
    Ok(if u.ratio(1, 8)? || names.is_empty() {
        Value::String(u.arbitrary::<String>()?)
    } else {
        Value::String(u.choose(names)?.to_string())
    })
}

fn instrument(u: &mut Unstructured, horizon: i64) -> Result<Table> {
    let kinds = InstrumentConfig::KINDS;
    let mut t = Table::new();
    let kind = name(u, kinds)?;
    let rows = kind.as_str().and_then(InstrumentConfig::settings_of).unwrap_or_default();
    t.insert("kind".into(), kind);
    if u.arbitrary()? {
        t.insert("start_month".into(), whole(u, -200, horizon)?);
    }
    if u.arbitrary()? {
        t.insert("end_month".into(), whole(u, -200, horizon + 12)?);
    }
    for row in rows {
        if !u.ratio(2, 3)? {
            continue;
        }
        let v = match row.value {
            SettingValue::Number { min, max, .. } | SettingValue::Optional { min, max, .. } => number(u, min, max)?,
            SettingValue::Whole { min, max, .. } => whole(u, min as i64, max as i64)?,
            SettingValue::Flag { .. } => {
                if u.ratio(1, 6)? {
                    wrong_type(u)?
                } else {
                    Value::Boolean(u.arbitrary()?)
                }
            }
            SettingValue::Choice { options, .. } => name(u, options)?,
        };
        t.insert(row.name.into(), v);
    }
    if u.ratio(1, 10)? {
        t.insert(u.arbitrary::<String>()?, Value::Integer(1)); // an unknown setting
    }
    Ok(t)
}

fn scenario(u: &mut Unstructured) -> Result<Table> {
    let mut t = Table::new();
    let (ids, fields) = tables();
    if u.ratio(3, 4)? {
        t.insert("preset".into(), name(u, ids)?);
    }
    if u.ratio(1, 4)? {
        let mut place = Table::new();
        place.insert("name".into(), Value::String(u.arbitrary()?));
        for (n, min, max) in fields {
            if u.ratio(2, 3)? {
                place.insert(n.clone(), if n == "population" { whole(u, *min as i64, *max as i64)? } else { number(u, *min, *max)? });
            }
        }
        t.insert("place".into(), Value::Table(place));
    }
    let horizon = u.int_in_range(0..=2400i64)?;
    for (key, v) in [
        ("scale", number(u, 0.0, 1.0)?),
        ("start_year", whole(u, 2011, hemma::timeline::DATA_YEAR as i64)?),
        ("horizon_months", whole(u, 1, horizon.max(1))?),
        ("seed", whole(u, 0, i64::MAX)?),
        ("replications", whole(u, 1, 1000)?),
    ] {
        if u.ratio(3, 4)? {
            t.insert(key.into(), v);
        }
    }
    if u.ratio(1, 6)? {
        t.insert("recorded_instruments".into(), name(u, &["keep", "end"])?);
    }
    let mut params = Table::new();
    for _ in 0..u.int_in_range(0..=4)? {
        let spec = u.choose(hemma::params::table())?;
        params.insert(if u.ratio(1, 10)? { u.arbitrary()? } else { spec.name.to_string() }, number(u, spec.min, spec.max)?);
    }
    if !params.is_empty() {
        t.insert("params".into(), Value::Table(params));
    }
    for key in ["instruments", "history_instruments"] {
        let n = u.int_in_range(0..=if key == "instruments" { 5 } else { 2 })?;
        if n > 0 {
            let list: Result<Vec<Value>> = (0..n).map(|_| instrument(u, horizon).map(Value::Table)).collect();
            t.insert(key.into(), Value::Array(list?));
        }
    }
    if u.ratio(1, 3)? {
        let mut drivers = Table::new();
        if u.arbitrary()? {
            drivers.insert("conditions".into(), name(u, &["recorded", "constant"])?);
        }
        let names: Vec<&str> = hemma::drivers::Driver::ALL.iter().map(|d| d.name()).collect();
        let mut paths = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            let mut p = Table::new();
            let driver = name(u, &names)?;
            let (lo, hi) = driver.as_str().and_then(hemma::drivers::Driver::parse).map_or((0.0, 1.0), |d| d.range());
            p.insert("driver".into(), driver);
            p.insert("from_year".into(), whole(u, 2011, 2200)?);
            p.insert("value".into(), number(u, lo, hi)?);
            paths.push(Value::Table(p));
        }
        drivers.insert("paths".into(), Value::Array(paths));
        t.insert("drivers".into(), Value::Table(drivers));
    }
    Ok(t)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(table) = scenario(&mut u) else { return };
    let json = u.arbitrary::<bool>().unwrap_or(false);
    let mut text = if json { serde_json::to_string(&table).unwrap_or_default() } else { toml::to_string(&table).unwrap_or_default() };
    // Sometimes cut the file, or splice the fuzzer's own bytes into it.
    if let Ok(k) = u.int_in_range(0..=text.len() * 2) {
        if k < text.len() && text.is_char_boundary(k) {
            if u.arbitrary::<bool>().unwrap_or(false) {
                text.truncate(k);
            } else {
                let extra: String = u.arbitrary().unwrap_or_default();
                text.insert_str(k, &extra);
            }
        }
    }
    let format = if json { hemma::scenario::Format::Json } else { hemma::scenario::Format::Toml };
    let _ = hemma::scenario::parse(&text, format, "fuzz");
});
