//! The shared table of bad values (`tests/bad-values.json`): every row is an
//! instrument setting the scenario check must refuse, naming the setting.
//! The page's link check reads the same table (`www/tests/bad-values.test.mjs`),
//! so the two checks cannot drift apart.

use hemma::scenario::{Format, parse};

#[test]
fn the_scenario_check_refuses_every_shared_bad_value_and_names_the_setting() {
    let table: serde_json::Value = serde_json::from_str(include_str!("bad-values.json")).unwrap();
    let rows = table["rows"].as_array().unwrap();
    assert!(rows.len() >= 15, "the table has its rows");
    for row in rows {
        let (kind, setting) = (row["kind"].as_str().unwrap(), row["setting"].as_str().unwrap());
        let mut instrument = serde_json::json!({ "kind": kind });
        // A choice the model requires is given, so that only the bad value is wrong.
        if kind == "rent_guarantee" && setting != "guarantee_kind" {
            instrument["guarantee_kind"] = "assistance".into();
        }
        instrument[setting] = row["value"].clone();
        let scenario = serde_json::json!({ "preset": "karlstad", "horizon_months": 12, "instruments": [instrument] });
        match parse(&scenario.to_string(), Format::Json, "bad-values.json") {
            Ok(_) => panic!("accepted {kind}.{setting} = {} ({})", row["value"], row["why"]),
            Err(e) => {
                let message = e.to_string();
                assert!(
                    message.contains(setting),
                    "{kind}.{setting} = {} ({}): the message does not name it: {message}",
                    row["value"],
                    row["why"]
                );
            }
        }
    }
}

#[test]
fn the_same_settings_at_their_defaults_are_accepted() {
    // The table's rows differ from good ones only in the bad value.
    let table: serde_json::Value = serde_json::from_str(include_str!("bad-values.json")).unwrap();
    for row in table["rows"].as_array().unwrap() {
        let kind = row["kind"].as_str().unwrap();
        let mut instrument = serde_json::json!({ "kind": kind });
        if kind == "rent_guarantee" {
            instrument["guarantee_kind"] = "assistance".into();
        }
        let scenario = serde_json::json!({ "preset": "karlstad", "horizon_months": 12, "instruments": [instrument] });
        parse(&scenario.to_string(), Format::Json, "bad-values.json").unwrap_or_else(|e| panic!("{kind} at its defaults: {e}"));
    }
}
