//! Municipal instruments as policy modules.
//!
//! Every instrument is one file in this folder: its serde config (with units
//! in the field names), its docs with an example scenario snippet, its
//! [`Policy`] implementation, and its tests. The model never names an
//! instrument: it calls its own hooks ([`crate::model::hooks::Instruments`])
//! at fixed places in the monthly step, and [`PolicySet`] implements them by
//! calling these hooks of each instrument:
//!
//! | hook | phase | used for |
//! |---|---|---|
//! | [`Policy::establish`] | 0, once: the first reported month it is active | the stock in force at its start |
//! | [`Policy::begin_month`] | start of the step, active or not | zeroing the month's flow counters |
//! | [`Policy::before_pipeline`] | 4, before the Kronofogden pipeline advances | outreach at the first missed rent |
//! | [`Policy::act`] | 6 | placements, contracts, transfers, shelter |
//! | [`Policy::sync`] | 6, first, active or not | state levers that change settings while active |
//! | [`Policy::claim_vacancy`] | 7, before a vacancy is matched | quotas, purchases, leases |
//! | [`Policy::vouch`] | 7, when a landlord rejects an applicant | guarantees, assistance accepted as income |
//! | [`Policy::record`] | 8 | the instrument's own outputs |
//!
//! An instrument acts only inside its [`Window`] (`start_month`, `end_month`,
//! counted from the scenario's first month). One that starts at month 0 or
//! earlier is already in place when the scenario starts and acts during
//! burn-in too, so that the scenario begins with its stocks built up. When
//! the window ends the instrument stops acting — no new placements,
//! transfers, payouts or costs — while the households it placed keep their
//! homes and its stocks still show in its outputs.
//!
//! The lifecycle of an instrument is: built from its config
//! ([`InstrumentConfig::build`]) → hooks called while active → costs booked
//! through [`Ctx::spend`] → outputs written in [`Policy::record`] (its cost
//! column and the month's total by the set, from the ledger).
//!
//! A new instrument is one file and one line in the registry at the end of
//! this module: the file declares its settings with `instrument_settings!`
//! (one row per setting: field, type, label, unit, range and default,
//! description, source — from which come the config struct, its serde
//! defaults, the range checks, the docs and the dashboard's controls), its
//! module type with a `config` field, a `new`, and the [`Policy`] hooks it
//! uses; the registry line gives its variant, config and module type, and
//! from it come the `kind` in scenario files, dispatch, and the module docs
//! in `docs/instruments.md` (read from the file's `//!` lines). The test
//! `a_new_instrument_is_one_file_and_one_registry_line` below compiles and
//! runs one.

pub mod assistance_as_income;
pub mod housing_first;
#[cfg(test)]
mod minimal_instrument;
pub mod municipal_stock;
pub mod new_production;
pub mod outreach;
pub mod placement;
pub mod rent_guarantee;
pub mod setting;
pub mod shelter_guarantee;
pub mod short_contract;
pub mod social_contract;
pub mod staircase;
pub mod state_levers;
pub mod vacancy_quota;

use crate::model::dwelling::DwellingId;
use crate::model::hooks::Instruments;
use crate::model::landlord::Rejected;
use crate::model::world::World;
use crate::results::{Out, Row};
use crate::units::SekTotal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
pub use setting::{Setting, SettingError, Settings, Window};

/// One instrument's costs this month: what its cost column shows and what
/// it adds to the month's total (`cost_instruments_sek`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ledger {
    /// The month's cost in SEK, as booked (the instrument's cost column).
    pub sek: f64,
    /// The month's cost in whole kronor, each booking rounded (the total).
    pub whole_sek: i64,
}

/// What an instrument may use while it acts.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// Position of the instrument in the scenario (salts its random draws).
    pub index: u16,
    /// The instrument's costs this month, booked by [`Ctx::spend`].
    ledger: &'a mut Ledger,
}

impl<'a> Ctx<'a> {
    /// A context for the instrument at `index`, booking into `ledger`.
    pub fn new(index: u16, ledger: &'a mut Ledger) -> Ctx<'a> {
        Ctx { index, ledger }
    }

    /// Books a cost for this month, in SEK: it shows in the instrument's
    /// cost column ([`Registered::cost_output`]) and, rounded to whole kronor, in
    /// the month's total.
    pub fn spend(&mut self, sek: f64) {
        self.ledger.sek += sek;
        self.ledger.whole_sek = self.ledger.whole_sek.saturating_add(SekTotal::from_f64(sek).0);
    }
}

/// What the registry (`instruments!` below) gives every instrument module:
/// its `kind`, its window (read from its `config`) and its cost column.
pub trait Registered {
    /// Stable identifier, as in scenario files (`kind = "…"`).
    fn kind(&self) -> &'static str;

    /// When the instrument acts.
    fn window(&self) -> Window;

    /// The output column that shows the instrument's cost (`None`: it books
    /// none), filled from the costs it books through [`Ctx::spend`].
    fn cost_output(&self) -> Option<Out>;
}

/// What every instrument module gets for free: a boxed copy (so that a run's
/// state can be copied at the boundary between history and projection) and
/// access to its concrete type (so that [`InstrumentConfig::retune`] can give
/// it new settings).
pub trait PolicyBox {
    /// A copy of the instrument with all its state.
    fn clone_box(&self) -> Box<dyn Policy>;
    /// The instrument as [`std::any::Any`].
    fn as_any(&self) -> &dyn std::any::Any;
    /// The instrument as [`std::any::Any`], to change.
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any;
}

impl<T: Policy + Clone + 'static> PolicyBox for T {
    fn clone_box(&self) -> Box<dyn Policy> {
        Box::new(self.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

impl Clone for Box<dyn Policy> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

/// A municipal instrument.
pub trait Policy: PolicyBox + Registered + Send + std::fmt::Debug {
    /// Called once, at the start of the first reported month in which the
    /// instrument is active (the scenario's first month for an instrument in
    /// place, else its start month), before the month's flows: sets the
    /// stock the instrument had in force at its start (its `*_in_force`
    /// settings), taking households and flats as [`crate::model::start`]
    /// describes. Not counted as flows of the month.
    fn establish(&mut self, _w: &mut World, _ctx: &mut Ctx) {}

    /// Called at the start of every month, active or not, before anything
    /// else: the place to zero the month's flow counters, so that outputs of
    /// an instrument outside its window are zero without further checks.
    fn begin_month(&mut self) {}

    /// Phase 4 hook: runs before the pipeline advances.
    fn before_pipeline(&mut self, _w: &mut World, _ctx: &mut Ctx) {}

    /// Phase 6 hook: the instrument's main action.
    fn act(&mut self, _w: &mut World, _ctx: &mut Ctx) {}

    /// Phase 7 hook: asked when a landlord rejects an applicant (who, which
    /// landlord and dwelling, why). Returning `true` overrides the rejection
    /// (the instrument books any cost itself).
    fn vouch(&mut self, _w: &World, _rejected: Rejected, _ctx: &mut Ctx) -> bool {
        false
    }

    /// Phase 7 hook: offered every vacancy of the open market before it is
    /// matched. Returning `true` takes it off the market for the municipality
    /// (the instrument sets the dwelling's municipal flag and pools it).
    fn claim_vacancy(&mut self, _w: &mut World, _dwelling: DwellingId, _ctx: &mut Ctx) -> bool {
        false
    }

    /// Called at the start of phase 6 every month, active or not, before any
    /// instrument acts: for instruments that change settings while active
    /// and restore them after.
    fn sync(&mut self, _w: &mut World, _active: bool) {}

    /// Phase 8 hook: writes the instrument's outputs into the month's row
    /// (its cost column is written by the set, from the ledger). Called
    /// every month, active or not (stocks it created live on).
    fn record(&self, _w: &World, _row: &mut Row) {}
}

/// The instruments of a scenario, in scenario order.
#[derive(Clone, Debug, Default)]
pub struct PolicySet {
    policies: Vec<Box<dyn Policy>>,
    /// Costs booked this month by each instrument.
    ledgers: Vec<Ledger>,
    /// Whether each instrument has set its stock in force.
    established: Vec<bool>,
}

impl PolicySet {
    /// Builds the set from scenario configs.
    pub fn new(configs: &[InstrumentConfig]) -> PolicySet {
        PolicySet::of(configs.iter().map(|c| c.build()).collect())
    }

    /// Builds the set from instrument modules, in order.
    pub fn of(policies: Vec<Box<dyn Policy>>) -> PolicySet {
        let ledgers = vec![Ledger::default(); policies.len()];
        let established = vec![false; policies.len()];
        PolicySet { policies, ledgers, established }
    }

    /// A set with no instruments.
    pub fn empty() -> PolicySet {
        PolicySet::default()
    }

    /// Enters the projection after `history_months` of history with the
    /// place's recorded instruments (see [`crate::timeline`]), given the
    /// scenario's `instruments` (windows counted from the projection's first
    /// month). A scenario instrument that starts with the projection
    /// (`start_month` ≤ 0) and is the same instrument as a recorded one in
    /// force at the boundary ([`InstrumentConfig::same_instrument`]) continues
    /// it: same stock, sureties and carries, its own settings from now on
    /// (its `*_in_force` setting is not used: the stock in force is what the
    /// history left). A recorded instrument that nothing continues goes on
    /// unchanged, or — with `end_recorded` — ends at the boundary: it acts no
    /// more, and what it placed stays placed. Other scenario instruments
    /// start at their start month, as in a run without history, and act
    /// after the recorded ones, which keep their places.
    pub fn enter_projection(&mut self, instruments: &[InstrumentConfig], history_months: u32, end_recorded: bool) {
        let h = history_months as i32;
        let mut configs: Vec<Option<InstrumentConfig>> = instruments
            .iter()
            .map(|c| {
                let mut c = c.clone();
                let w = c.window_mut();
                *w = Window { start_month: w.start_month + h, end_month: w.end_month.map(|e| e + h) };
                Some(c)
            })
            .collect();
        // Recorded instruments keep their places, continued or not, so that
        // their random draws (salted by position) and their turn are the
        // same in every scenario of the place; new instruments follow.
        for p in self.policies.iter_mut() {
            let in_force = p.window().end_month.is_none_or(|e| e > h);
            let Some(mut current) = InstrumentConfig::of(p.as_ref()) else { continue };
            let slot = configs
                .iter_mut()
                .zip(instruments)
                .find(|(c, given)| in_force && given.window().start_month <= 0 && c.as_ref().is_some_and(|c| current.same_instrument(c)));
            if let Some(config) = slot.and_then(|(c, _)| c.take()) {
                config.retune(p.as_mut());
            } else if in_force && end_recorded {
                // What it placed stays placed and shows in its outputs.
                current.window_mut().end_month = Some(h);
                current.retune(p.as_mut());
            }
        }
        for config in configs.into_iter().flatten() {
            self.policies.push(config.build());
            self.established.push(false);
        }
        self.ledgers = vec![Ledger::default(); self.policies.len()];
    }

    /// Number of instruments.
    pub fn len(&self) -> usize {
        self.policies.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    fn each_active(&mut self, w: &mut World, f: impl Fn(&mut dyn Policy, &mut World, &mut Ctx)) {
        for (k, (p, ledger)) in self.policies.iter_mut().zip(&mut self.ledgers).enumerate() {
            if is_active(p.as_ref(), w) {
                f(p.as_mut(), w, &mut Ctx::new(k as u16, ledger));
            }
        }
    }

    /// Costs booked this month by the instrument at `index`.
    pub fn ledger(&self, index: usize) -> Ledger {
        self.ledgers.get(index).copied().unwrap_or_default()
    }
}

/// The model's hooks ([`crate::model::hooks`]), called on the instruments
/// in scenario order, each only inside its window.
impl Instruments for PolicySet {
    fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    /// Calls [`Policy::establish`] on every active instrument that has not
    /// yet set its stock in force (the step calls this from the first
    /// reported month on).
    fn establish(&mut self, w: &mut World) {
        for (k, p) in self.policies.iter_mut().enumerate() {
            if !self.established[k] && is_active(p.as_ref(), w) {
                // The stock in force at the start is not a cost of the month.
                p.establish(w, &mut Ctx::new(k as u16, &mut Ledger::default()));
                self.established[k] = true;
            }
        }
    }

    /// Starts a month: zeroes the month's ledgers and calls
    /// [`Policy::begin_month`] on every instrument.
    fn begin_month(&mut self) {
        self.ledgers.iter_mut().for_each(|l| *l = Ledger::default());
        self.policies.iter_mut().for_each(|p| p.begin_month());
    }

    /// Calls [`Policy::before_pipeline`] on active instruments.
    fn before_pipeline(&mut self, w: &mut World) {
        self.each_active(w, |p, w, ctx| p.before_pipeline(w, ctx));
    }

    /// Calls [`Policy::sync`] on every instrument, then [`Policy::act`] on active ones.
    fn act(&mut self, w: &mut World) {
        for p in self.policies.iter_mut() {
            let active = is_active(p.as_ref(), w);
            p.sync(w, active);
        }
        self.each_active(w, |p, w, ctx| p.act(w, ctx));
    }

    /// Offers a vacancy to active instruments, in order; `true` if one claimed it.
    fn claim_vacancy(&mut self, w: &mut World, dwelling: DwellingId) -> bool {
        for (k, (p, ledger)) in self.policies.iter_mut().zip(&mut self.ledgers).enumerate() {
            if is_active(p.as_ref(), w) && p.claim_vacancy(w, dwelling, &mut Ctx::new(k as u16, ledger)) {
                return true;
            }
        }
        false
    }

    /// Asks active instruments, in order, whether one vouches for a rejected applicant.
    fn vouch(&mut self, w: &World, rejected: Rejected) -> bool {
        for (k, (p, ledger)) in self.policies.iter_mut().zip(&mut self.ledgers).enumerate() {
            if is_active(p.as_ref(), w) && p.vouch(w, rejected, &mut Ctx::new(k as u16, ledger)) {
                return true;
            }
        }
        false
    }

    /// Writes every instrument's outputs with its cost column, and this
    /// month's total instrument cost.
    fn record(&self, w: &World, row: &mut Row) {
        for (p, ledger) in self.policies.iter().zip(&self.ledgers) {
            p.record(w, row);
            if let Some(column) = p.cost_output() {
                row.add(column, ledger.sek);
            }
        }
        row.set(Out::cost_instruments_sek, self.ledgers.iter().map(|l| l.whole_sek).sum::<i64>() as f64);
    }
}

impl InstrumentConfig {
    /// Whether `other` is the same instrument with other settings, so that
    /// it may continue this one: the same kind, and for rent guarantees the
    /// same `guarantee_kind` (the two kinds are separate schemes).
    pub fn same_instrument(&self, other: &InstrumentConfig) -> bool {
        match (self, other) {
            (InstrumentConfig::RentGuarantee(a), InstrumentConfig::RentGuarantee(b)) => a.guarantee_kind == b.guarantee_kind,
            _ => self.kind() == other.kind(),
        }
    }
}

/// The instruments seed 002 describes for preset `id` (the `[[instruments]]`
/// of its scenario file, [`crate::presets::RECORDED`], windows counted from
/// January 2011); empty for an unknown id or a custom place.
pub fn recorded_instruments(id: &str) -> Vec<InstrumentConfig> {
    #[derive(Deserialize)]
    struct Instruments {
        #[serde(default)]
        instruments: Vec<InstrumentConfig>,
    }
    crate::presets::RECORDED
        .iter()
        .find(|(p, _)| *p == id)
        // Other keys of the file (preset, scale, …) are ignored here.
        .and_then(|(_, text)| toml::from_str::<Instruments>(text).ok())
        .map_or_else(Vec::new, |i| i.instruments)
}

/// Whether `p` acts in the world's current month (see the module docs on windows).
pub fn is_active(p: &dyn Policy, w: &World) -> bool {
    p.window().contains(w.scenario_month())
}

/// The registry of instruments: one line each — the instrument's module,
/// its module type and its settings type, and the output column of its
/// costs if it books any: `module::Module(Config) costs cost_module_sek;`.
/// The `kind` in scenario files is the module's name, and the module type's
/// name is the same in CamelCase (serde names the variant after it; a test
/// reads every kind back). Everything that
/// dispatches on the kind of an instrument is generated from this list, and
/// each module type gets its [`Registered`] impl (kind and window).
/// `Some(Out::column)` for a registry line with `costs column`, else `None`.
macro_rules! cost_column {
    () => {
        None
    };
    ($cost:ident) => {
        Some(Out::$cost)
    };
}

macro_rules! instruments {
    ($( $(#[$doc:meta])* $module:ident :: $type:ident ( $config:ident ) $(costs $cost:ident)?; )*) => {
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
    vacancy_quota::VacancyQuota(VacancyQuotaConfig);
    /// Municipal purchase or own stock of dwellings.
    municipal_stock::MunicipalStock(MunicipalStockConfig) costs cost_municipal_stock_sek;
    /// New production beyond the baseline, its rent level and social share.
    new_production::NewProduction(NewProductionConfig) costs cost_new_production_sek;
    /// Social / municipal contracts (the secondary market).
    social_contract::SocialContract(SocialContractConfig) costs cost_social_contract_sek;
    /// The staircase (*boendetrappa*): training flat → support agreement → own contract.
    staircase::Staircase(StaircaseConfig) costs cost_staircase_sek;
    /// Housing First (*Bostad först*).
    housing_first::HousingFirst(HousingFirstConfig) costs cost_housing_first_sek;
    /// Short contracts with municipal surety (the Norrköping model).
    short_contract::ShortContract(ShortContractConfig) costs cost_short_contract_sek;
    /// Rent guarantee (*kommunal hyresgaranti*), of either kind.
    rent_guarantee::RentGuarantee(RentGuaranteeConfig) costs cost_rent_guarantee_sek;
    /// Eviction-prevention outreach.
    outreach::Outreach(OutreachConfig) costs cost_outreach_sek;
    /// Shelter guarantee (*tak över huvudet*): nobody who asks sleeps rough.
    shelter_guarantee::ShelterGuarantee(ShelterGuaranteeConfig) costs cost_shelter_guarantee_sek;
    /// Social assistance accepted as income by participating landlords.
    assistance_as_income::AssistanceAsIncome(AssistanceAsIncomeConfig);
    /// State levers: housing allowance and the social assistance norm.
    state_levers::StateLevers(StateLeversConfig);
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
            minimal_instrument::MinimalInstrument(MinimalConfig);
        }
    }

    #[test]
    fn every_preset_has_recorded_instruments_and_a_custom_place_none() {
        for p in crate::presets::all() {
            assert!(!recorded_instruments(&p.id).is_empty(), "{}: recorded instruments parse", p.id);
        }
        assert!(recorded_instruments("lund").is_empty());
    }

    #[test]
    fn a_new_instrument_is_one_file_and_one_registry_line() {
        use one_more::InstrumentConfig as Registry;
        // Read from a scenario file, with its window and a default.
        let config: Registry = toml::from_str("kind = \"minimal_instrument\"\nstart_month = 3\nend_month = 6").unwrap();
        assert_eq!(config.kind(), "minimal_instrument");
        assert_eq!(Registry::KINDS, &["minimal_instrument"]);
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
