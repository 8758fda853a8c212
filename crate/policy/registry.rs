//! The registry: one line per instrument kind (the `instruments!`
//! invocation below), from which come [`InstrumentConfig`] (the `kind` in
//! scenario files, its settings, its schema), dispatch on the kind, each
//! module type's [`Registered`] impl, and the kind's number, which keys its
//! random draws ([`crate::rng::Drawer`]).

// The registry names each instrument by its module, as `module::Type`:
// the modules are this module's siblings.
use super::*;
use crate::results::Out;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::num::NonZeroU16;

/// A kind's number from its registry line, refused at compile time if 0
/// (0 keys the model's own draws).
const fn kind_number(n: u16) -> NonZeroU16 {
    match NonZeroU16::new(n) {
        Some(n) => n,
        None => panic!("instrument kinds are numbered from 1"),
    }
}

/// `Some(Out::column)` for a registry line with `costs column`, else `None`.
macro_rules! cost_column {
    () => {
        None
    };
    ($cost:ident) => {
        Some(Out::$cost)
    };
}

/// The registry of instruments: one line each — the kind's number, the
/// instrument's module, its module type and its settings type, and the
/// output column of its costs if it books any:
/// `[n] module::Module(Config) costs cost_module_sek;`. The `kind` in
/// scenario files is the module's name, and the module type's name is the
/// same in CamelCase (serde names the variant after it; a test reads every
/// kind back). The number keys the kind's random draws: each kind has its
/// own (checked at compile time), from 1, and keeps it — a new kind takes
/// the next unused number, and a changed number changes every run with the
/// kind. Everything that dispatches on the kind of an instrument is
/// generated from this list, and each module type gets its [`Registered`]
/// impl (kind, number and window).
macro_rules! instruments {
    ($( $(#[$doc:meta])* [$number:literal] $module:ident :: $type:ident ( $config:ident ) $(costs $cost:ident)?; )*) => {
        // Each kind its own number: two kinds with one number would draw alike.
        const _: () = {
            let numbers: &[u16] = &[$( $number, )*];
            let mut i = 0;
            while i < numbers.len() {
                let mut j = i + 1;
                while j < numbers.len() {
                    assert!(numbers[i] != numbers[j], "two instrument kinds with one number in the registry");
                    j += 1;
                }
                i += 1;
            }
        };


        /// An instrument as written in a scenario file: `kind` plus its settings.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum InstrumentConfig {
            $( $(#[$doc])* $type($module::$config), )*
        }

        $( impl Registered for $module::$type {
            fn kind(&self) -> &'static str {
                stringify!($module)
            }
            fn kind_number(&self) -> NonZeroU16 {
                const NUMBER: NonZeroU16 = kind_number($number);
                NUMBER
            }
            fn window(&self) -> Window {
                Settings::window(&self.config)
            }
            fn cost_output(&self) -> Option<Out> {
                cost_column!($($cost)?)
            }
        } )*

        impl InstrumentConfig {
            /// Every accepted `kind`.
            pub const KINDS: &'static [&'static str] = &[$( stringify!($module), )*];

            /// The `kind` string.
            pub fn kind(&self) -> &'static str {
                match self { $( InstrumentConfig::$type(_) => stringify!($module), )* }
            }

            /// The kind's number in the registry (it keys the kind's random draws).
            pub fn kind_number(&self) -> NonZeroU16 {
                match self { $( InstrumentConfig::$type(_) => kind_number($number), )* }
            }

            /// Builds the policy module.
            pub fn build(&self) -> Box<dyn Policy> {
                match self { $( InstrumentConfig::$type(c) => Box::new($module::$type::new(c.clone())), )* }
            }

            /// When it acts.
            pub fn window(&self) -> Window {
                match self { $( InstrumentConfig::$type(c) => c.window, )* }
            }

            /// When it acts, to change.
            pub fn window_mut(&mut self) -> &mut Window {
                match self { $( InstrumentConfig::$type(c) => &mut c.window, )* }
            }

            /// Its recorded volumes by year ([`crate::policy::volumes`]).
            pub fn volumes(&self) -> &[crate::policy::volumes::VolumeYear] {
                match self { $( InstrumentConfig::$type(c) => &c.volumes, )* }
            }

            /// The settings instrument `p` acts on now (`None` only for a
            /// type outside this registry).
            pub fn of(p: &dyn Policy) -> Option<InstrumentConfig> {
                $( if let Some(m) = p.as_any().downcast_ref::<$module::$type>() {
                    return Some(InstrumentConfig::$type(m.config.clone()));
                } )*
                None
            }

            /// Gives instrument `p` these settings (window included) if it
            /// is of this kind; `false` otherwise. Its state is kept.
            pub fn retune(&self, p: &mut dyn Policy) -> bool {
                match self { $( InstrumentConfig::$type(c) => match p.as_any_mut().downcast_mut::<$module::$type>() {
                    Some(m) => { m.config = c.clone(); true }
                    None => false,
                }, )* }
            }

            /// Checks the settings against the settings table; returns
            /// `(field, value, what is allowed)` for the first problem.
            pub fn check(&self) -> Result<(), SettingError> {
                match self { $( InstrumentConfig::$type(c) => Settings::check(c), )* }
            }

            /// The settings table of instrument `kind` (`None`: no such kind).
            pub fn settings_of(kind: &str) -> Option<&'static [Setting]> {
                match kind { $( stringify!($module) => Some(<$module::$config as Settings>::settings()), )* _ => None }
            }

            /// The module documentation of instrument `kind`: the `//!`
            /// lines of its file, as Markdown (`None`: no such kind).
            pub fn doc_of(kind: &str) -> Option<String> {
                match kind { $( stringify!($module) => Some(setting::module_doc(include_str!(concat!(stringify!($module), ".rs")))), )* _ => None }
            }
        }
    };
}

impl InstrumentConfig {
    /// Its settings in `year` by its recorded volumes
    /// ([`crate::policy::volumes::settings_in`]); the settings as written
    /// when it has none.
    pub fn at_year(&self, year: i32) -> InstrumentConfig {
        let (volumes, Some(table)) = (self.volumes(), InstrumentConfig::settings_of(self.kind())) else { return self.clone() };
        if volumes.is_empty() {
            return self.clone();
        }
        let json = serde_json::to_value(self).expect("settings serialise");
        let at = crate::policy::volumes::settings_in(&json, volumes, table, year);
        serde_json::from_value(at).expect("a year's volumes are checked settings")
    }

    /// Moves the window `months` later, for a scenario whose start moves
    /// `months` earlier, so that it keeps its calendar months. An
    /// instrument already in place at the start (start ≤ 0) stays so.
    pub fn shift_window(&mut self, months: i32) {
        let w = self.window_mut();
        *w = w.shifted(months);
    }
}

instruments! {
    /// Vacancy quota under a cooperation agreement (a share or a yearly number of vacancies).
    [1] vacancy_quota::VacancyQuota(VacancyQuotaConfig);
    /// Municipal purchase or own stock of dwellings.
    [2] municipal_stock::MunicipalStock(MunicipalStockConfig) costs cost_municipal_stock_sek;
    /// New production beyond the baseline, its rent level and social share.
    [3] new_production::NewProduction(NewProductionConfig) costs cost_new_production_sek;
    /// Social / municipal contracts (the secondary market).
    [4] social_contract::SocialContract(SocialContractConfig) costs cost_social_contract_sek;
    /// The staircase (*boendetrappa*): training flat → support agreement → own contract.
    [5] staircase::Staircase(StaircaseConfig) costs cost_staircase_sek;
    /// Housing First (*Bostad först*).
    [6] housing_first::HousingFirst(HousingFirstConfig) costs cost_housing_first_sek;
    /// Short contracts with municipal surety (the Norrköping model).
    [7] short_contract::ShortContract(ShortContractConfig) costs cost_short_contract_sek;
    /// Rent guarantee (*kommunal hyresgaranti*), of either kind.
    [8] rent_guarantee::RentGuarantee(RentGuaranteeConfig) costs cost_rent_guarantee_sek;
    /// Eviction-prevention outreach.
    [9] outreach::Outreach(OutreachConfig) costs cost_outreach_sek;
    /// Shelter guarantee (*tak över huvudet*): nobody who asks sleeps rough.
    [10] shelter_guarantee::ShelterGuarantee(ShelterGuaranteeConfig) costs cost_shelter_guarantee_sek;
    /// Social assistance accepted as income by participating landlords.
    [11] assistance_as_income::AssistanceAsIncome(AssistanceAsIncomeConfig);
    /// State levers: housing allowance and the social assistance norm.
    [12] state_levers::StateLevers(StateLeversConfig);
}

#[cfg(test)]
mod tests {
    use super::setting::Value;
    use super::*;

    /// A registry of one, as the crate's registry would read with the line added.
    #[allow(dead_code)]
    mod one_more {
        use super::super::*;
        instruments! {
            /// The minimal instrument of `minimal_instrument.rs`.
            [13] minimal_instrument::MinimalInstrument(MinimalConfig);
        }
    }

    #[test]
    fn a_new_instrument_is_one_file_and_one_registry_line() {
        use one_more::InstrumentConfig as Registry;
        // Read from a scenario file, with its window and a default.
        let config: Registry = toml::from_str("kind = \"minimal_instrument\"\nstart_month = 3\nend_month = 6").unwrap();
        assert_eq!(config.kind(), "minimal_instrument");
        assert_eq!(Registry::KINDS, &["minimal_instrument"]);
        assert_eq!(config.kind_number().get(), 13, "the number of its registry line keys its random draws");
        assert_eq!(config.window(), Window { start_month: 3, end_month: Some(6) });
        assert_eq!(config.check(), Ok(()));
        // Its table, docs and schema come from the one declaration.
        let table = Registry::settings_of("minimal_instrument").unwrap();
        assert_eq!((table[0].name, table[0].unit, table[0].default_text()), ("grant_sek_month", "SEK/month", "1000".to_string()));
        assert!(Registry::doc_of("minimal_instrument").unwrap().starts_with("A minimal instrument, compiled only for tests"));
        let schema = serde_json::to_value(schemars::schema_for!(Registry)).unwrap();
        assert_eq!(schema.pointer("/oneOf/0/properties/grant_sek_month/maximum"), Some(&serde_json::json!(1e6)), "{schema}");
        // Bad input is refused by name.
        let e = toml::from_str::<Registry>("kind = \"minimal_instrument\"\ngrant = 5").unwrap_err().to_string();
        assert!(e.contains("unknown field `grant`") && e.contains("grant_sek_month"), "{e}");
        let over: Registry = toml::from_str("kind = \"minimal_instrument\"\ngrant_sek_month = 2e6").unwrap();
        assert_eq!(over.check().unwrap_err().0, "grant_sek_month");
        // It runs in a world: active in months 3 to 5 only, its costs in the month's total.
        let preset = crate::presets::find("Nynäshamn").unwrap();
        let mut w = crate::model::synth::synthesise(&preset, &crate::params::Params::default(), 0.05, 1, 0);
        let mut set = PolicySet::of(vec![config.build()]);
        let mut costs = Vec::new();
        while w.scenario_month() < 8 {
            let row = w.step(&mut set);
            if w.scenario_month() > 0 {
                costs.push(row.get(Out::cost_instruments_sek));
            }
        }
        assert_eq!(costs, [0.0, 0.0, 0.0, 1000.0, 1000.0, 1000.0, 0.0, 0.0]);
        assert_eq!(set.ledger(0), Ledger::default(), "zeroed at the start of month 7, then nothing");
        let back = Registry::of(set.policies[0].as_ref()).unwrap();
        assert_eq!(back, config);
    }

    /// Every kind with its defaults; a required choice takes its first option.
    fn defaults(kind: &str) -> serde_json::Value {
        let mut v = serde_json::json!({ "kind": kind });
        for s in InstrumentConfig::settings_of(kind).unwrap() {
            if let Value::Choice { default: None, options } = s.value {
                v[s.name] = serde_json::json!(options[0]);
            }
        }
        let config: InstrumentConfig = serde_json::from_value(v).unwrap();
        serde_json::to_value(&config).unwrap()
    }

    #[test]
    fn every_setting_of_every_instrument_has_exactly_one_row_in_its_table() {
        for kind in InstrumentConfig::KINDS {
            let json = defaults(kind);
            let mut fields: Vec<&str> = json
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|k| !["kind", "start_month", "end_month"].contains(k))
                .collect();
            let mut rows: Vec<&str> = InstrumentConfig::settings_of(kind).unwrap().iter().map(|s| s.name).collect();
            fields.sort();
            rows.sort();
            assert_eq!(fields, rows, "{kind}: fields and settings table differ");
        }
    }

    #[test]
    fn the_tables_defaults_are_the_configs_defaults_and_lie_in_their_ranges() {
        for kind in InstrumentConfig::KINDS {
            let json = defaults(kind);
            for s in InstrumentConfig::settings_of(kind).unwrap() {
                let v = &json[s.name];
                let expected = match s.value {
                    Value::Number { default, .. } => serde_json::json!(default),
                    Value::Whole { default, .. } => serde_json::json!(default),
                    Value::Optional { .. } => serde_json::Value::Null,
                    Value::Flag { default } => serde_json::json!(default),
                    Value::Choice { default: Some(d), .. } => serde_json::json!(d),
                    Value::Choice { default: None, options } => serde_json::json!(options[0]),
                };
                assert_eq!(v, &expected, "{kind}.{}", s.name);
                assert!(
                    !s.label.is_empty() && !s.description.is_empty() && !s.source.is_empty(),
                    "{kind}.{}: label, description and source",
                    s.name
                );
                // The dashboard's Swedish: its own words, not the English copied over.
                assert!(
                    !s.sv.label.is_empty() && !s.sv.description.is_empty() && !s.sv.source.is_empty(),
                    "{kind}.{}: Swedish label, description and source",
                    s.name
                );
                assert!(
                    s.sv.description != s.description && s.sv.source != s.source,
                    "{kind}.{}: Swedish text that is not the English",
                    s.name
                );
            }
            let config: InstrumentConfig = serde_json::from_value(json).unwrap();
            assert_eq!(config.check(), Ok(()), "{kind}");
        }
    }

    #[test]
    fn a_value_just_outside_a_rows_range_is_refused_with_that_rows_name() {
        for kind in InstrumentConfig::KINDS {
            for s in InstrumentConfig::settings_of(kind).unwrap() {
                let bad = match s.value {
                    Value::Number { min, max, .. } | Value::Optional { min, max, .. } => {
                        vec![serde_json::json!(max + 1.0), serde_json::json!(min - 1.0)]
                    }
                    // A negative whole number is refused by serde already.
                    Value::Whole { min, max, .. } => {
                        [max + 1].into_iter().chain(min.checked_sub(1)).map(|x| serde_json::json!(x)).collect()
                    }
                    _ => continue,
                };
                for bad in bad {
                    let mut json = defaults(kind);
                    json[s.name] = bad.clone();
                    let config: InstrumentConfig = serde_json::from_value(json).unwrap();
                    let err = config.check().unwrap_err();
                    assert_eq!(err.0, s.name, "{kind}.{} = {bad}", s.name);
                    assert_eq!(err.2, s.allowed());
                }
            }
        }
    }

    #[test]
    fn a_required_choice_left_out_a_null_and_a_wrong_choice_are_refused_by_name() {
        let e = toml::from_str::<InstrumentConfig>("kind = \"rent_guarantee\"").unwrap_err().to_string();
        assert!(e.contains("missing field `guarantee_kind`"), "{e}");
        let e = serde_json::from_str::<InstrumentConfig>(r#"{"kind": "housing_first", "places": null}"#).unwrap_err().to_string();
        assert!(e.contains("invalid type: null, expected f64"), "{e}");
        let e = toml::from_str::<InstrumentConfig>("kind = \"housing_first\"\nvariant = \"third_hand\"").unwrap_err().to_string();
        assert!(e.contains("unknown variant `third_hand`") && e.contains("first_hand"), "{e}");
        // An optional setting may be null (absent); a present one is kept.
        let c: InstrumentConfig = serde_json::from_str(r#"{"kind": "housing_first", "tenancies_in_force": null}"#).unwrap();
        assert_eq!(c.check(), Ok(()));
    }

    #[test]
    fn every_choice_option_is_a_value_of_its_field() {
        for kind in InstrumentConfig::KINDS {
            for s in InstrumentConfig::settings_of(kind).unwrap() {
                if let Value::Choice { options, .. } = s.value {
                    for option in options {
                        let mut json = defaults(kind);
                        json[s.name] = serde_json::json!(option);
                        let config: InstrumentConfig =
                            serde_json::from_value(json).unwrap_or_else(|e| panic!("{kind}.{} = {option}: {e}", s.name));
                        assert_eq!(serde_json::to_value(&config).unwrap()[s.name], serde_json::json!(option));
                    }
                }
            }
        }
    }

    #[test]
    fn a_non_finite_number_is_refused() {
        let mut c: InstrumentConfig = serde_json::from_value(serde_json::json!({ "kind": "housing_first" })).unwrap();
        if let InstrumentConfig::HousingFirst(h) = &mut c {
            h.places = f64::NAN;
        }
        assert_eq!(c.check().unwrap_err().0, "places");
    }
}
