//! Municipal instruments as policy modules.
//!
//! Every instrument is one file in this folder: its serde config (with units
//! in the field names), its docs with an example scenario snippet, its
//! [`Policy`] implementation, and its tests. The core never names a concrete
//! instrument; it calls the hook points of [`PolicySet`] at fixed places in
//! the monthly step:
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
//! An instrument acts only inside its window (`start_month`, `end_month`,
//! counted from the scenario's first month). One that starts at month 0 or
//! earlier is already in place when the scenario starts and acts during
//! burn-in too, so that the scenario begins with its stocks built up. When
//! the window ends the instrument stops acting — no new placements,
//! transfers, payouts or costs — while the households it placed keep their
//! homes and its stocks still show in its outputs.
//!
//! The lifecycle of an instrument is: built from its config
//! ([`InstrumentConfig::build`]) → hooks called while active → costs booked
//! through [`Ctx::spend`] → outputs written in [`Policy::record`].

pub mod assistance_as_income;
pub mod housing_first;
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

use crate::model::landlord::Rejection;
use crate::model::world::World;
use crate::results::Row;
use crate::units::Sek;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
pub use setting::{Setting, SettingError, Settings};

/// What an instrument may use while it acts.
#[derive(Debug, Default)]
pub struct Ctx {
    /// Position of the instrument in the scenario (salts its random draws).
    pub index: u16,
    /// Money spent this month (SEK), added up by [`Ctx::spend`].
    spent: i64,
}

impl Ctx {
    /// Books a cost for this month (whole kronor; [`Sek`] or, for sums
    /// over the place, [`crate::units::SekTotal`]).
    pub fn spend(&mut self, amount: impl Into<crate::units::SekTotal>) {
        self.spent = self.spent.saturating_add(amount.into().0);
    }
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
pub trait Policy: PolicyBox + Send + std::fmt::Debug {
    /// Stable identifier, as in scenario files (`kind = "…"`).
    fn kind(&self) -> &'static str;

    /// First scenario month the instrument acts (≤ 0: already in place at the start).
    fn start_month(&self) -> i32;

    /// First scenario month it no longer acts (`None`: never ends).
    fn end_month(&self) -> Option<i32>;

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

    /// Phase 7 hook: asked when landlord `landlord` rejects household
    /// `household` for dwelling `dwelling` for `reason`. Returning `true`
    /// overrides the rejection (the instrument books any cost itself).
    fn vouch(&mut self, _w: &World, _household: usize, _landlord: usize, _dwelling: usize, _reason: Rejection, _ctx: &mut Ctx) -> bool {
        false
    }

    /// Phase 7 hook: offered every vacancy of the open market before it is
    /// matched. Returning `true` takes it off the market for the municipality
    /// (the instrument sets the dwelling's municipal flag and pools it).
    fn claim_vacancy(&mut self, _w: &mut World, _dwelling: usize, _ctx: &mut Ctx) -> bool {
        false
    }

    /// Called at the start of phase 6 every month, active or not, before any
    /// instrument acts: for instruments that change settings while active
    /// and restore them after.
    fn sync(&mut self, _w: &mut World, _active: bool) {}

    /// Phase 8 hook: writes the instrument's outputs into the month's row.
    /// Called every month, active or not (stocks it created live on).
    fn record(&self, _w: &World, _row: &mut Row) {}
}

/// The instruments of a scenario, in scenario order.
#[derive(Clone, Debug, Default)]
pub struct PolicySet {
    policies: Vec<Box<dyn Policy>>,
    /// Cost booked this month by each instrument.
    spent: Vec<i64>,
    /// Whether each instrument has set its stock in force.
    established: Vec<bool>,
}

impl PolicySet {
    /// Builds the set from scenario configs.
    pub fn new(configs: &[InstrumentConfig]) -> PolicySet {
        let policies: Vec<Box<dyn Policy>> = configs.iter().map(|c| c.build()).collect();
        let spent = vec![0; policies.len()];
        let established = vec![false; policies.len()];
        PolicySet { policies, spent, established }
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
                let (start, end) = c.window();
                c.set_window(start + h, end.map(|e| e + h));
                Some(c)
            })
            .collect();
        // Recorded instruments keep their places, continued or not, so that
        // their random draws (salted by position) and their turn are the
        // same in every scenario of the place; new instruments follow.
        for p in self.policies.iter_mut() {
            let in_force = p.end_month().is_none_or(|e| e > h);
            let Some(mut current) = InstrumentConfig::of(p.as_ref()) else { continue };
            let slot = configs
                .iter_mut()
                .zip(instruments)
                .find(|(c, given)| in_force && given.window().0 <= 0 && c.as_ref().is_some_and(|c| current.same_instrument(c)));
            if let Some(config) = slot.and_then(|(c, _)| c.take()) {
                config.retune(p.as_mut());
            } else if in_force && end_recorded {
                // What it placed stays placed and shows in its outputs.
                current.set_end(Some(h));
                current.retune(p.as_mut());
            }
        }
        for config in configs.into_iter().flatten() {
            self.policies.push(config.build());
            self.established.push(false);
        }
        self.spent = vec![0; self.policies.len()];
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
        for (k, p) in self.policies.iter_mut().enumerate() {
            if is_active(p.as_ref(), w) {
                let mut ctx = Ctx { index: k as u16, spent: 0 };
                f(p.as_mut(), w, &mut ctx);
                self.spent[k] += ctx.spent;
            }
        }
    }

    /// Calls [`Policy::establish`] on every active instrument that has not
    /// yet set its stock in force (the step calls this from the first
    /// reported month on).
    pub fn establish(&mut self, w: &mut World) {
        for (k, p) in self.policies.iter_mut().enumerate() {
            if !self.established[k] && is_active(p.as_ref(), w) {
                let mut ctx = Ctx { index: k as u16, spent: 0 };
                p.establish(w, &mut ctx);
                self.established[k] = true;
            }
        }
    }

    /// Starts a month: zeroes the month's spending and calls
    /// [`Policy::begin_month`] on every instrument.
    pub fn begin_month(&mut self) {
        self.spent.iter_mut().for_each(|s| *s = 0);
        self.policies.iter_mut().for_each(|p| p.begin_month());
    }

    /// Calls [`Policy::before_pipeline`] on active instruments.
    pub fn before_pipeline(&mut self, w: &mut World) {
        self.each_active(w, |p, w, ctx| p.before_pipeline(w, ctx));
    }

    /// Calls [`Policy::sync`] on every instrument, then [`Policy::act`] on active ones.
    pub fn act(&mut self, w: &mut World) {
        for p in self.policies.iter_mut() {
            let active = is_active(p.as_ref(), w);
            p.sync(w, active);
        }
        self.each_active(w, |p, w, ctx| p.act(w, ctx));
    }

    /// Offers a vacancy to active instruments, in order; `true` if one claimed it.
    pub fn claim_vacancy(&mut self, w: &mut World, dwelling: usize) -> bool {
        for (k, p) in self.policies.iter_mut().enumerate() {
            if is_active(p.as_ref(), w) {
                let mut ctx = Ctx { index: k as u16, spent: 0 };
                let claimed = p.claim_vacancy(w, dwelling, &mut ctx);
                self.spent[k] += ctx.spent;
                if claimed {
                    return true;
                }
            }
        }
        false
    }

    /// Asks active instruments, in order, whether one vouches for a rejected applicant.
    pub fn vouch(&mut self, w: &World, household: usize, landlord: usize, dwelling: usize, reason: Rejection) -> bool {
        for (k, p) in self.policies.iter_mut().enumerate() {
            if is_active(p.as_ref(), w) {
                let mut ctx = Ctx { index: k as u16, spent: 0 };
                let yes = p.vouch(w, household, landlord, dwelling, reason, &mut ctx);
                self.spent[k] += ctx.spent;
                if yes {
                    return true;
                }
            }
        }
        false
    }

    /// Writes every instrument's outputs and this month's total instrument cost.
    pub fn record(&self, w: &World, row: &mut Row) {
        for p in &self.policies {
            p.record(w, row);
        }
        row.set(crate::results::Out::cost_instruments_sek, self.spent.iter().sum::<i64>() as f64);
    }

    /// Cost booked this month by the instrument at `index`.
    pub fn spent(&self, index: usize) -> Sek {
        Sek(self.spent.get(index).copied().unwrap_or(0).clamp(i32::MIN as i64, i32::MAX as i64) as i32)
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

/// Whether `p` acts in the world's current month (see the module docs on windows).
pub fn is_active(p: &dyn Policy, w: &World) -> bool {
    let m = w.scenario_month();
    let started = p.start_month() <= 0 || m >= p.start_month();
    started && p.end_month().is_none_or(|end| m < end)
}

/// The registry of instruments: one line each — the variant, its settings
/// type, its `kind` string and its module type. Everything that dispatches on
/// the kind of an instrument is generated from this list.
macro_rules! instruments {
    ($( $(#[$doc:meta])* $variant:ident($config:ty) = $kind:literal => $module:ty; )*) => {
        /// An instrument as written in a scenario file: `kind` plus its settings.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum InstrumentConfig {
            $( $(#[$doc])* $variant($config), )*
        }

        impl InstrumentConfig {
            /// Every accepted `kind`.
            pub const KINDS: &'static [&'static str] = &[$( $kind, )*];

            /// The `kind` string.
            pub fn kind(&self) -> &'static str {
                match self { $( InstrumentConfig::$variant(_) => $kind, )* }
            }

            /// Builds the policy module.
            pub fn build(&self) -> Box<dyn Policy> {
                match self { $( InstrumentConfig::$variant(c) => Box::new(<$module>::new(c.clone())), )* }
            }

            /// The window as `(start_month, end_month)`.
            pub fn window(&self) -> (i32, Option<i32>) {
                match self { $( InstrumentConfig::$variant(c) => (c.start_month, c.end_month), )* }
            }

            /// Moves the window `months` later, for a scenario whose start
            /// moves `months` earlier, so that it keeps its calendar months.
            /// An instrument already in place at the start (start ≤ 0) stays so.
            pub fn shift_window(&mut self, months: i32) {
                match self { $( InstrumentConfig::$variant(c) => {
                    if c.start_month > 0 { c.start_month += months; }
                    c.end_month = c.end_month.map(|e| e + months);
                } )* }
            }

            /// Sets the end of the window (`None`: never ends).
            pub fn set_end(&mut self, end: Option<i32>) {
                match self { $( InstrumentConfig::$variant(c) => c.end_month = end, )* }
            }

            /// Sets the whole window.
            pub fn set_window(&mut self, start: i32, end: Option<i32>) {
                match self { $( InstrumentConfig::$variant(c) => { c.start_month = start; c.end_month = end; } )* }
            }

            /// The settings instrument `p` acts on now (`None` only for a
            /// type outside this registry).
            pub fn of(p: &dyn Policy) -> Option<InstrumentConfig> {
                $( if let Some(m) = p.as_any().downcast_ref::<$module>() {
                    return Some(InstrumentConfig::$variant(m.config.clone()));
                } )*
                None
            }

            /// Gives instrument `p` these settings (window included) if it
            /// is of this kind; `false` otherwise. Its state is kept.
            pub fn retune(&self, p: &mut dyn Policy) -> bool {
                match self { $( InstrumentConfig::$variant(c) => match p.as_any_mut().downcast_mut::<$module>() {
                    Some(m) => { m.config = c.clone(); true }
                    None => false,
                }, )* }
            }

            /// Checks the settings against the settings table; returns
            /// `(field, value, what is allowed)` for the first problem.
            pub fn check(&self) -> Result<(), SettingError> {
                match self { $( InstrumentConfig::$variant(c) => Settings::check(c), )* }
            }

            /// The settings table of instrument `kind` (`None`: no such kind).
            pub fn settings_of(kind: &str) -> Option<&'static [Setting]> {
                match kind { $( $kind => Some(<$config as Settings>::settings()), )* _ => None }
            }
        }
    };
}

instruments! {
    /// Vacancy quota under a cooperation agreement (a share or a yearly number of vacancies).
    VacancyQuota(vacancy_quota::VacancyQuotaConfig) = "vacancy_quota" => vacancy_quota::VacancyQuota;
    /// Municipal purchase or own stock of dwellings.
    MunicipalStock(municipal_stock::MunicipalStockConfig) = "municipal_stock" => municipal_stock::MunicipalStock;
    /// New production beyond the baseline, its rent level and social share.
    NewProduction(new_production::NewProductionConfig) = "new_production" => new_production::NewProduction;
    /// Social / municipal contracts (the secondary market).
    SocialContract(social_contract::SocialContractConfig) = "social_contract" => social_contract::SocialContract;
    /// The staircase (*boendetrappa*): training flat → support agreement → own contract.
    Staircase(staircase::StaircaseConfig) = "staircase" => staircase::Staircase;
    /// Housing First (*Bostad först*).
    HousingFirst(housing_first::HousingFirstConfig) = "housing_first" => housing_first::HousingFirst;
    /// Short contracts with municipal surety (the Norrköping model).
    ShortContract(short_contract::ShortContractConfig) = "short_contract" => short_contract::ShortContract;
    /// Rent guarantee (*kommunal hyresgaranti*), of either kind.
    RentGuarantee(rent_guarantee::RentGuaranteeConfig) = "rent_guarantee" => rent_guarantee::RentGuarantee;
    /// Eviction-prevention outreach.
    Outreach(outreach::OutreachConfig) = "outreach" => outreach::Outreach;
    /// Shelter guarantee (*tak över huvudet*): nobody who asks sleeps rough.
    ShelterGuarantee(shelter_guarantee::ShelterGuaranteeConfig) = "shelter_guarantee" => shelter_guarantee::ShelterGuarantee;
    /// Social assistance accepted as income by participating landlords.
    AssistanceAsIncome(assistance_as_income::AssistanceAsIncomeConfig) = "assistance_as_income" => assistance_as_income::AssistanceAsIncome;
    /// State levers: housing allowance and the social assistance norm.
    StateLevers(state_levers::StateLeversConfig) = "state_levers" => state_levers::StateLevers;
}

#[cfg(test)]
mod tests {
    use super::setting::Value;
    use super::*;

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
    fn a_non_finite_number_is_refused() {
        let mut c: InstrumentConfig = serde_json::from_value(serde_json::json!({ "kind": "housing_first" })).unwrap();
        if let InstrumentConfig::HousingFirst(h) = &mut c {
            h.places = f64::NAN;
        }
        assert_eq!(c.check().unwrap_err().0, "places");
    }
}
