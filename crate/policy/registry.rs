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

/// `Some(x)` for a registry line's optional clause given as `x`, else `None`.
macro_rules! optional {
    () => {
        None
    };
    ($x:expr) => {
        Some($x)
    };
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

/// The outputs only instruments make, of all kinds together: situation 3
/// (only instruments hold households there), exits from homelessness through
/// an instrument, the month's instrument cost and the cost per household housed. With every instrument off they are
/// zero, as is every kind's own (`outputs` of its registry line); a test
/// checks that no other output is.
pub const OF_EVERY_INSTRUMENT: [Out; 5] = [
    Out::n_homeless_sit3,
    Out::sit3_per_10k,
    Out::new_homeless_exits_instruments,
    Out::cost_instruments_sek,
    Out::cost_per_household_housed_sek,
];

/// When a second instrument of a kind adds nothing beside an earlier one
/// in force (declared by the kind's registry line, `covered_by`): when the
/// earlier's value of `setting` includes the later's, by `includes` (each
/// value with the values it includes, itself among them). For kinds that
/// act only through a yes-or-no decision that the first instrument to say
/// yes makes for all (assistance accepted as income), and whose `setting`
/// alone decides whom it reaches.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Covers {
    /// The setting that decides whom an instrument of the kind reaches.
    pub setting: &'static str,
    /// Each value with the values it includes.
    pub includes: &'static [(&'static str, &'static [&'static str])],
}

/// The registry of instruments: one line each — the kind's number, the
/// instrument's module, its module type and its settings type, then,
/// where they apply:
///
/// * `costs column` — the output column of its costs, if it books any;
/// * `outputs a, b, …` — the output columns it makes (besides its cost
///   column; several kinds may share one, such as the municipal flats),
///   which are zero with every instrument off;
/// * `told_apart_by setting, …` — settings that make two instruments of
///   the kind separate schemes, so that one does not continue the other
///   ([`InstrumentConfig::same_instrument`]; rent guarantees of the two kinds);
/// * `covered_by CONST` — a [`Covers`] const of its module: when a second
///   instrument of the kind adds nothing ([`InstrumentConfig::adds_nothing_beside`]).
///
/// `[n] module::Module(Config) costs cost_module_sek outputs n_module_things;`. The `kind` in
/// scenario files is the module's name, and the module type's name is the
/// same in CamelCase (serde names the variant after it; a test reads every
/// kind back). The number keys the kind's random draws: each kind has its
/// own (checked at compile time), from 1, and keeps it — a new kind takes
/// the next unused number, and a changed number changes every run with the
/// kind. Everything that dispatches on the kind of an instrument is
/// generated from this list, and each module type gets its [`Registered`]
/// impl (kind, number and window).
macro_rules! instruments {
    ($(
        $(#[$doc:meta])* [$number:literal] $module:ident :: $type:ident ( $config:ident )
        $(costs $cost:ident)?
        $(outputs $($out:ident),+)?
        $(told_apart_by $($apart:ident),+)?
        $(covered_by $covers:ident)?;
    )*) => {
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

            /// The output columns instrument `kind` makes, its cost column
            /// last if it books costs (empty: no such kind, or none).
            pub fn outputs_of(kind: &str) -> &'static [Out] {
                match kind { $( stringify!($module) => &[$($(Out::$out,)+)? $(Out::$cost)?], )* _ => &[] }
            }

            /// The settings that make two instruments of `kind` separate
            /// schemes (empty: any two are the same scheme with other settings).
            pub fn told_apart_by(kind: &str) -> &'static [&'static str] {
                match kind { $( stringify!($module) => &[$($(stringify!($apart),)+)?], )* _ => &[] }
            }

            /// When a second instrument of `kind` adds nothing beside an
            /// earlier one (`None`: it always may add something).
            pub fn covers_of(kind: &str) -> Option<Covers> {
                match kind { $( stringify!($module) => optional!($($module::$covers)?), )* _ => None }
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
    [1] vacancy_quota::VacancyQuota(VacancyQuotaConfig)
        outputs new_quota_flats, n_municipal_flats, n_municipal_flats_vacant;
    /// Municipal purchase or own stock of dwellings.
    [2] municipal_stock::MunicipalStock(MunicipalStockConfig) costs cost_municipal_stock_sek
        outputs new_municipal_purchases, n_municipal_flats, n_municipal_flats_vacant;
    /// New production beyond the baseline, its rent level and social share.
    [3] new_production::NewProduction(NewProductionConfig) costs cost_new_production_sek
        outputs new_instrument_completions;
    /// Social / municipal contracts (the secondary market).
    [4] social_contract::SocialContract(SocialContractConfig) costs cost_social_contract_sek
        outputs n_social_contracts, new_social_contracts, new_social_contract_transfers, new_social_contracts_ended,
            n_municipal_flats, n_municipal_flats_vacant;
    /// The staircase (*boendetrappa*): training flat → support agreement → own contract.
    [5] staircase::Staircase(StaircaseConfig) costs cost_staircase_sek
        outputs n_training_flats, n_support_agreements, new_staircase_step_ups, new_staircase_setbacks,
            n_municipal_flats, n_municipal_flats_vacant;
    /// Housing First (*Bostad först*).
    [6] housing_first::HousingFirst(HousingFirstConfig) costs cost_housing_first_sek
        outputs n_housing_first_tenancies, new_housing_first_tenancies, housing_first_retention_12m, housing_first_retention_24m,
            n_municipal_flats, n_municipal_flats_vacant;
    /// Short contracts with municipal surety (the Norrköping model).
    [7] short_contract::ShortContract(ShortContractConfig) costs cost_short_contract_sek
        outputs n_short_contracts, new_short_contracts;
    /// Rent guarantee (*kommunal hyresgaranti*), of either kind.
    [8] rent_guarantee::RentGuarantee(RentGuaranteeConfig) costs cost_rent_guarantee_sek
        outputs n_rent_guarantees, new_rent_guarantees
        told_apart_by guarantee_kind;
    /// Eviction-prevention outreach.
    [9] outreach::Outreach(OutreachConfig) costs cost_outreach_sek
        outputs new_outreach_contacts, new_outreach_settled;
    /// Shelter guarantee (*tak över huvudet*): nobody who asks sleeps rough.
    [10] shelter_guarantee::ShelterGuarantee(ShelterGuaranteeConfig) costs cost_shelter_guarantee_sek
        outputs new_shelter_guarantee_placements, n_shelter_guarantee_guests;
    /// Social assistance accepted as income by participating landlords.
    [11] assistance_as_income::AssistanceAsIncome(AssistanceAsIncomeConfig)
        outputs new_assistance_as_income_lets
        covered_by COVERS;
    /// State levers: housing allowance and the social assistance norm.
    [12] state_levers::StateLevers(StateLeversConfig);
}

impl InstrumentConfig {
    /// Every output column some instrument makes: each kind's
    /// ([`InstrumentConfig::outputs_of`]) and [`OF_EVERY_INSTRUMENT`], in
    /// table order. With every instrument off exactly these are zero.
    pub fn instrument_outputs() -> Vec<Out> {
        let mut all: Vec<Out> = InstrumentConfig::KINDS
            .iter()
            .flat_map(|k| InstrumentConfig::outputs_of(k).iter().copied())
            .chain(OF_EVERY_INSTRUMENT)
            .collect();
        all.sort_by_key(|&o| o as usize);
        all.dedup();
        all
    }

    /// The value of setting `name` as written in a scenario file (`null` if none).
    fn setting_value(&self, name: &str) -> serde_json::Value {
        serde_json::to_value(self).ok().and_then(|v| v.get(name).cloned()).unwrap_or(serde_json::Value::Null)
    }

    /// Whether `other` is the same instrument with other settings, so that
    /// it may continue this one: the same kind, and the same value of every
    /// setting its registry line tells schemes apart by (`told_apart_by`:
    /// the two kinds of rent guarantee are separate schemes).
    pub fn same_instrument(&self, other: &InstrumentConfig) -> bool {
        self.kind() == other.kind()
            && InstrumentConfig::told_apart_by(self.kind()).iter().all(|s| self.setting_value(s) == other.setting_value(s))
    }

    /// Whether this instrument, beside `earlier` already in force, can
    /// change nothing: the same kind, and by the kind's [`Covers`]
    /// (`covered_by`) `earlier`'s value of the deciding setting includes
    /// this one's (assistance accepted as income at landlords the earlier
    /// one's already cover: the first override decides).
    pub fn adds_nothing_beside(&self, earlier: &InstrumentConfig) -> bool {
        let Some(c) = InstrumentConfig::covers_of(self.kind()) else { return false };
        let (mine, theirs) = (self.setting_value(c.setting), earlier.setting_value(c.setting));
        self.kind() == earlier.kind() && c.includes.iter().any(|(value, inner)| theirs == *value && inner.iter().any(|v| mine == *v))
    }
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
    fn every_setting_declares_a_role_that_agrees_with_its_unit_and_values() {
        use super::setting::Role;
        let mut sized = std::collections::HashSet::new();
        for kind in InstrumentConfig::KINDS.iter().copied().chain(["minimal_instrument"]) {
            let table = match kind {
                "minimal_instrument" => <minimal_instrument::MinimalConfig as Settings>::settings(),
                _ => InstrumentConfig::settings_of(kind).unwrap(),
            };
            for s in table {
                let at = format!("{kind}.{} ({}, {:?})", s.name, s.unit, s.role);
                let numeric = matches!(s.value, Value::Number { .. } | Value::Whole { .. } | Value::Optional { .. });
                match s.role {
                    Role::Choice => assert!(matches!(s.value, Value::Choice { .. }), "{at}"),
                    Role::Flag => assert!(matches!(s.value, Value::Flag { .. }), "{at}"),
                    Role::Share => {
                        assert_eq!(s.unit, "share", "{at}");
                        assert!(matches!(s.value, Value::Number { min: 0.0, max: 1.0, .. }), "{at}: a share runs from 0 to 1");
                    }
                    Role::Money => assert!(numeric && s.unit.starts_with("SEK"), "{at}"),
                    Role::Duration => assert!(numeric && s.unit == "months", "{at}"),
                    Role::Rate => assert!(numeric && s.unit == "per year", "{at}"),
                    Role::Factor => assert!(numeric && !s.unit.starts_with("SEK") && s.unit != "share", "{at}"),
                    Role::Count(_) => assert!(numeric && !s.unit.contains('/') && !s.unit.is_empty(), "{at}: things at once"),
                    Role::InForce(_) => {
                        assert!(matches!(s.value, Value::Optional { .. }) && !s.unit.contains('/'), "{at}: a stock at the start, left out by default")
                    }
                    Role::Volume(_) => assert!(numeric && s.unit.ends_with("/year"), "{at}: things a year"),
                }
                // The other way round: a unit that says what a setting is has that role.
                if s.unit == "share" {
                    assert_eq!(s.role, Role::Share, "{at}");
                }
                if s.unit.starts_with("SEK") {
                    assert_eq!(s.role, Role::Money, "{at}");
                }
                if let Some(to) = s.role.sized_to() {
                    sized.insert(to);
                }
            }
        }
        assert_eq!(sized.len(), 3, "counts for the place, the homeless and those with support needs are all declared: {sized:?}");
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
    fn the_registry_tells_schemes_apart_and_says_when_one_covers_another() {
        let read = |text: &str| -> InstrumentConfig { toml::from_str(text).unwrap() };
        let (a, b) = (
            read("kind = \"rent_guarantee\"\nguarantee_kind = \"assistance\""),
            read("kind = \"rent_guarantee\"\nguarantee_kind = \"own_income\"\nguarantees = 9"),
        );
        assert!(!a.same_instrument(&b), "the two kinds of rent guarantee are separate schemes");
        assert!(a.same_instrument(&read("kind = \"rent_guarantee\"\nguarantee_kind = \"assistance\"\nguarantees = 9")));
        assert!(read("kind = \"housing_first\"\nplaces = 3").same_instrument(&read("kind = \"housing_first\"\nvariant = \"second_hand\"")));
        assert!(!read("kind = \"housing_first\"").same_instrument(&read("kind = \"staircase\"")));
        assert_eq!(InstrumentConfig::told_apart_by("rent_guarantee"), ["guarantee_kind"]);
        // Covered: only a kind that declares it, and only by its setting.
        let aai = |who: &str| read(&format!("kind = \"assistance_as_income\"\nlandlords = \"{who}\""));
        assert!(aai("public").adds_nothing_beside(&aai("all")) && aai("private").adds_nothing_beside(&aai("private")));
        assert!(!aai("public").adds_nothing_beside(&aai("private")) && !aai("all").adds_nothing_beside(&aai("public")));
        assert!(!read("kind = \"housing_first\"").adds_nothing_beside(&read("kind = \"housing_first\"")));
        assert!(!aai("all").adds_nothing_beside(&read("kind = \"housing_first\"")));
    }

    #[test]
    fn every_kinds_outputs_are_its_own_lines_and_its_cost_column() {
        for kind in InstrumentConfig::KINDS {
            let outputs = InstrumentConfig::outputs_of(kind);
            let config: InstrumentConfig = serde_json::from_value(defaults(kind)).unwrap();
            if let Some(cost) = config.build().cost_output() {
                assert_eq!(outputs.last(), Some(&cost), "{kind}: its cost column is among its outputs");
            }
            if *kind != "state_levers" {
                assert!(!outputs.is_empty(), "{kind} names its outputs");
            }
        }
        let all = InstrumentConfig::instrument_outputs();
        assert!(all.contains(&Out::n_homeless_sit3) && all.contains(&Out::n_municipal_flats) && !all.contains(&Out::n_homeless));
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
