//! Checking a scenario that was read: its place, the ranges of its run
//! (scale, start year, horizon, replications), its parameter overrides, its
//! instruments' windows and settings (in the projection and in the history),
//! its driver paths — one function per concern, in the order a file's
//! errors are reported — and then the conditions it follows and the
//! instruments of its history, which together make a [`Prepared`] scenario.

use super::errors::{PathPart, ScenarioError, error_in};
use super::read::Format;
use super::{MAX_HORIZON_MONTHS, MAX_REPLICATIONS, PlaceRef, Prepared, Scenario};
use crate::params::{self, Params};
use crate::policy::{InstrumentConfig, Window};
use crate::presets::{self, Preset};
use crate::timeline::{DATA_YEAR, HISTORY_START_YEAR};

/// Validates a scenario built in code (no source text, so no line numbers).
pub fn prepare(scenario: Scenario, origin: &str) -> Result<Prepared, ScenarioError> {
    check(scenario, "", Format::Json, origin)
}

/// Validates a scenario read from `text` (in `format`, from `origin`; empty
/// text for one built in code) and prepares it to run.
pub(super) fn check(scenario: Scenario, text: &str, format: Format, origin: &str) -> Result<Prepared, ScenarioError> {
    let input = Input { text, format, origin };
    let preset = check_place(&scenario, &input)?;
    check_scale(&scenario, &preset, &input)?;
    check_run(&scenario, &input)?;
    let params = check_params(&scenario, &preset, &input)?;
    check_instruments(&scenario, &params, &input)?;
    check_history_instruments(&scenario, &params, &input)?;
    check_drivers(&scenario, &input)?;
    let conditions = conditions(&scenario, &preset);
    let recorded = recorded_instruments(&scenario, &preset);
    Ok(Prepared { scenario, preset, params, conditions, recorded })
}

/// The text a scenario was read from, to locate its errors.
struct Input<'a> {
    text: &'a str,
    format: Format,
    origin: &'a str,
}

impl Input<'_> {
    /// The error at `path`, with its line and column where they can be found.
    fn fail(&self, path: &[PathPart], value: String, message: String) -> ScenarioError {
        error_in(self.text, self.format, self.origin, path, value, message)
    }
}

/// The place: a preset by id or name, or a `[place]` table (either, not
/// both; a place file must have been read by the caller).
fn check_place(scenario: &Scenario, input: &Input) -> Result<Preset, ScenarioError> {
    match (&scenario.place, scenario.preset.trim().is_empty()) {
        (Some(_), false) => Err(input.fail(
            &[PathPart::Key("preset")],
            format!("{:?}", scenario.preset),
            "give either `preset` or `place`, not both".into(),
        )),
        (Some(PlaceRef::File(path)), true) => Err(input.fail(
            &[PathPart::Key("place")],
            format!("{path:?}"),
            "place files are read by the command line; here put the place in a [place] table".into(),
        )),
        (Some(PlaceRef::Inline(spec)), true) => {
            if let Err((field, value, allowed)) = spec.check() {
                let message = crate::place::problem(&value, &allowed);
                return Err(input.fail(&[PathPart::Key("place"), PathPart::Owned(field)], value, message));
            }
            Ok(spec.to_preset())
        }
        (None, _) => presets::find(&scenario.preset).ok_or_else(|| {
            let names: Vec<String> = presets::all().iter().map(|p| p.id.clone()).collect();
            input.fail(
                &[PathPart::Key("preset")],
                format!("{:?}", scenario.preset),
                format!("unknown preset; allowed: {} (or describe the place in a [place] table)", names.join(", ")),
            )
        }),
    }
}

/// The scale: a share of households, and at least 200 households simulated.
fn check_scale(scenario: &Scenario, preset: &Preset, input: &Input) -> Result<(), ScenarioError> {
    if !(scenario.scale.is_finite() && scenario.scale > 0.0 && scenario.scale <= 1.0) {
        return Err(input.fail(
            &[PathPart::Key("scale")],
            scenario.scale.to_string(),
            "out of range; allowed 0 < scale <= 1 (share of households)".into(),
        ));
    }
    let min_households = preset.population as f64 * scenario.scale / 2.2;
    if min_households < 200.0 {
        return Err(input.fail(
            &[PathPart::Key("scale")],
            scenario.scale.to_string(),
            format!(
                "too small for {}: fewer than 200 households would be simulated; use at least {:.4}",
                preset.name,
                440.0 / preset.population as f64
            ),
        ));
    }
    Ok(())
}

/// The run's ranges: start year (the observed start to the data year),
/// horizon and replications.
fn check_run(scenario: &Scenario, input: &Input) -> Result<(), ScenarioError> {
    let (first, now) = (HISTORY_START_YEAR, DATA_YEAR);
    if !(first..=now).contains(&scenario.start_year) {
        return Err(input.fail(
            &[PathPart::Key("start_year")],
            scenario.start_year.to_string(),
            format!("out of range; allowed {first} (the observed start) to {now} (the current data year)"),
        ));
    }
    if !(1..=MAX_HORIZON_MONTHS).contains(&scenario.horizon_months) {
        return Err(input.fail(
            &[PathPart::Key("horizon_months")],
            scenario.horizon_months.to_string(),
            format!("out of range; allowed 1 to {MAX_HORIZON_MONTHS} months"),
        ));
    }
    if !(1..=MAX_REPLICATIONS).contains(&scenario.replications) {
        return Err(input.fail(
            &[PathPart::Key("replications")],
            scenario.replications.to_string(),
            format!("out of range; allowed 1 to {MAX_REPLICATIONS}"),
        ));
    }
    Ok(())
}

/// The parameter table: defaults, the place's covariates, then the
/// scenario's overrides, each in its range, and consistent together.
fn check_params(scenario: &Scenario, preset: &Preset, input: &Input) -> Result<Params, ScenarioError> {
    let mut params = Params::default();
    crate::place::apply_covariates(&mut params, &preset.covariates);
    for (name, value) in &scenario.params {
        if let Err(e) = params.set(name, *value) {
            let message = match &e {
                params::ParamError::Unknown { .. } => e.to_string(),
                params::ParamError::OutOfRange { min, max, unit, .. } => format!("out of range; allowed {min} to {max} ({unit})"),
            };
            return Err(input.fail(&[PathPart::Key("params"), PathPart::Owned(name.clone())], value.to_string(), message));
        }
    }
    if let Err(message) = params.check_consistency() {
        return Err(input.fail(&[PathPart::Key("params")], String::new(), message));
    }
    Ok(params)
}

/// An instrument's settings against its settings table, in either list
/// (`instruments` or `history_instruments`).
fn check_settings(list: &'static str, k: usize, inst: &InstrumentConfig, input: &Input) -> Result<(), ScenarioError> {
    inst.check().map_err(|(field, value, allowed)| {
        input.fail(&[PathPart::Key(list), PathPart::Index(k), PathPart::Owned(field)], value, format!("out of range; allowed {allowed}"))
    })
}

/// The scenario's instruments: windows inside the projection (or the
/// burn-in for a run without history) and their settings.
fn check_instruments(scenario: &Scenario, params: &Params, input: &Input) -> Result<(), ScenarioError> {
    let has_history = scenario.start_year > HISTORY_START_YEAR;
    let horizon = scenario.horizon_months as i32;
    let burn_in = params.burn_in_months as i32;
    for (k, inst) in scenario.instruments.iter().enumerate() {
        let at = |key: &'static str| [PathPart::Key("instruments"), PathPart::Index(k), PathPart::Key(key)];
        let Window { start_month: start, end_month: end } = inst.window();
        if has_history && start < 0 {
            return Err(input.fail(
                &at("start_month"),
                start.to_string(),
                format!(
                    "before the projection, which starts in January {}; {HISTORY_START_YEAR} to {} is history, lived with the place's \
                     recorded instruments; allowed 0 to {} (months from the projection's start)",
                    scenario.start_year,
                    scenario.start_year - 1,
                    horizon - 1
                ),
            ));
        }
        if start < -burn_in || start >= horizon {
            return Err(input.fail(
                &at("start_month"),
                start.to_string(),
                format!("out of range; allowed {} to {} (months from the scenario start)", -burn_in, horizon - 1),
            ));
        }
        if let Some(end) = end
            && (end <= start || end > horizon)
        {
            return Err(input.fail(
                &at("end_month"),
                end.to_string(),
                format!("must be after start_month ({start}) and at most horizon_months ({horizon})"),
            ));
        }
        check_settings("instruments", k, inst, input)?;
    }
    Ok(())
}

/// The instruments of a counterfactual history: windows counted from
/// January 2011 (from the burn-in on) and their settings.
fn check_history_instruments(scenario: &Scenario, params: &Params, input: &Input) -> Result<(), ScenarioError> {
    let burn_in = params.burn_in_months as i32;
    for (k, inst) in scenario.history_instruments.iter().flatten().enumerate() {
        let at = |key: &'static str| [PathPart::Key("history_instruments"), PathPart::Index(k), PathPart::Key(key)];
        let Window { start_month: start, end_month: end } = inst.window();
        if start < -burn_in {
            return Err(input.fail(
                &at("start_month"),
                start.to_string(),
                format!("out of range; allowed from {} (months from January 2011)", -burn_in),
            ));
        }
        if let Some(end) = end
            && end <= start
        {
            return Err(input.fail(&at("end_month"), end.to_string(), format!("must be after start_month ({start})")));
        }
        check_settings("history_instruments", k, inst, input)?;
    }
    Ok(())
}

/// The driver paths ([`crate::drivers::DriversSpec::check`]).
fn check_drivers(scenario: &Scenario, input: &Input) -> Result<(), ScenarioError> {
    scenario.drivers.check().map_err(|(k, key, value, message)| {
        input.fail(&[PathPart::Key("drivers"), PathPart::Key("paths"), PathPart::Index(k), PathPart::Key(key)], value, message)
    })
}

/// The conditions the run follows, from its first year (2011, or the
/// start year if earlier) to its last.
fn conditions(scenario: &Scenario, preset: &Preset) -> crate::drivers::Conditions {
    let last_year = scenario.start_year + (scenario.horizon_months as i32 - 1) / 12;
    // A named place follows its own series where it has them; a custom
    // place (its own covariates) and the country follow the national ones.
    let table = match scenario.place {
        None => crate::drivers::for_place(&preset.name),
        Some(_) => crate::drivers::national(),
    };
    let growth = &preset.covariates.population_growth_pct;
    let growth_reference = if table.is_own(crate::drivers::Driver::PopulationGrowth) { growth.value } else { growth.national };
    crate::drivers::Conditions::resolve(&scenario.drivers, table, growth_reference, HISTORY_START_YEAR.min(scenario.start_year), last_year)
}

/// The instruments in force during the history: the scenario's own
/// `history_instruments`, none for a custom place, else the place's
/// recorded ones.
fn recorded_instruments(scenario: &Scenario, preset: &Preset) -> Vec<InstrumentConfig> {
    match (&scenario.history_instruments, &scenario.place) {
        (Some(list), _) => list.clone(),
        (None, Some(_)) => Vec::new(),
        (None, None) => crate::policy::recorded_instruments(&preset.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse;

    const OK: &str = "preset = \"karlstad\"\nhorizon_months = 24\nscale = 0.1\n";

    fn toml_err(text: &str) -> ScenarioError {
        parse(text, Format::Toml, "s.toml").unwrap_err()
    }

    #[test]
    fn out_of_range_parameter_names_key_value_and_range() {
        let e = toml_err(&format!("{OK}[params]\nshock_rate_per_year = 9.0\n"));
        assert_eq!(e.line, Some(5));
        assert_eq!(e.key, "params.shock_rate_per_year");
        assert_eq!(e.value, "9");
        assert!(e.message.contains("allowed 0 to 5 (per year)"), "{e}");
    }

    #[test]
    fn unknown_parameter_suggests_a_name() {
        let e = toml_err(&format!("{OK}[params]\nshock_rate_per_yr = 0.2\n"));
        assert!(e.message.contains("did you mean `shock_rate_per_year`"), "{e}");
    }

    #[test]
    fn unknown_preset_lists_the_allowed_ones() {
        let e = toml_err("preset = \"malmo\"\nhorizon_months = 12\n");
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("karlstad") && e.message.contains("sverige"), "{e}");
    }

    #[test]
    fn instrument_window_and_settings_are_checked() {
        let e = toml_err(&format!("{OK}[[instruments]]\nkind = \"shelter_guarantee\"\nstart_month = 10\nend_month = 5\n"));
        assert_eq!(e.key, "instruments[0].end_month");
        assert_eq!(e.line, Some(7));
        let e = toml_err(&format!("{OK}[[instruments]]\nkind = \"shelter_guarantee\"\nask_share = 2\n"));
        assert_eq!(e.key, "instruments[0].ask_share");
        assert_eq!(e.line, Some(6));
        let e = toml_err(&format!("{OK}[[instruments]]\nkind = \"free_housing\"\n"));
        assert!(e.message.contains("free_housing"), "{e}");
    }
}
