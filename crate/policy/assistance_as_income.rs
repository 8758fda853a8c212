//! Social assistance accepted as income: participating landlords count
//! social assistance (*försörjningsstöd*) and housing allowance as income
//! when they screen applicants.
//!
//! Seed 002: under Göteborg's cooperation agreement assistance and housing
//! allowance are accepted as income; in Västerås only the public company
//! (Mimer) takes households on assistance; about half of public housing
//! companies do not count benefits (`parameters_misc.csv`, 2016).
//!
//! In the model: when a participating landlord rejects an applicant for
//! income and the applicant's income counting assistance and allowance
//! meets the landlord's multiple of rent, the instrument overrides the
//! rejection. It costs the municipality nothing directly (assistance is
//! paid anyway).
//!
//! ```toml
//! [[instruments]]
//! kind = "assistance_as_income"
//! landlords = "public"     # public, private or all
//! ```

use crate::model::household::HouseholdId;
use crate::model::landlord::{LandlordKind, Rejected, Rejection};
use crate::model::world::World;
use crate::policy::setting::{Role, Value, instrument_settings};
use crate::policy::{Ctx, Policy};
use crate::results::{Out, Row};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which landlords take part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Participants {
    /// The public housing company only.
    Public,
    /// Private landlords only.
    Private,
    /// All landlords.
    All,
}

impl crate::policy::setting::Choice for Participants {}

impl Participants {
    /// Whether landlords of `kind` take part.
    pub fn includes(self, kind: LandlordKind) -> bool {
        match self {
            Participants::All => true,
            Participants::Public => kind == LandlordKind::Public,
            Participants::Private => kind != LandlordKind::Public,
        }
    }
}

/// A second instrument of this kind adds nothing beside an earlier one
/// whose landlords include all of its own: for an applicant rejected for
/// income, the first instrument that vouches decides, and an earlier one
/// already vouches for everyone the later one would (registry: `covered_by`).
pub const COVERS: crate::policy::Covers = crate::policy::Covers {
    setting: "landlords",
    includes: &[("public", &["public"]), ("private", &["private"]), ("all", &["public", "private", "all"])],
};

instrument_settings! {
    /// Settings of assistance accepted as income.
    pub struct AssistanceAsIncomeConfig {
        landlords: Participants {
            label: "Landlords",
            unit: "",
            role: Role::Choice,
            value: Value::Choice { default: Some("all"), options: &["public", "private", "all"] },
            description: "Which landlords count assistance and housing allowance as income.",
            source: "seed 002: all landlords under Göteborg's cooperation agreement; only the public company in Västerås",
            sv: {
                label: "Hyresvärdar",
                description: "Vilka hyresvärdar som räknar försörjningsstöd och bostadsbidrag som inkomst.",
                source: "SABO m.fl. 2014 (seed 002): alla hyresvärdar i Göteborgs samverkansavtal; i Västerås bara det kommunala bostadsbolaget",
            },
        },
    }
}

/// Assistance accepted as income as a policy module.
#[derive(Clone, Debug)]
pub struct AssistanceAsIncome {
    pub(super) config: AssistanceAsIncomeConfig,
    lets: u32,
    /// Households let a home under the instrument, with the month, kept two
    /// years (for the effect accounting of a comparison; no draws depend on it).
    let_to: Vec<(u32, crate::units::Month)>,
}

impl AssistanceAsIncome {
    /// Builds the instrument from its settings.
    pub fn new(config: AssistanceAsIncomeConfig) -> Self {
        AssistanceAsIncome { config, lets: 0, let_to: Vec::new() }
    }
}

impl Policy for AssistanceAsIncome {
    fn begin_month(&mut self) {
        self.lets = 0;
    }

    fn vouch(&mut self, w: &World, rejected: Rejected, _ctx: &mut Ctx) -> bool {
        let (household, landlord, dwelling, reason) =
            (rejected.household.index(), rejected.landlord.index(), rejected.dwelling.index(), rejected.reason);
        let l = &w.landlords[landlord];
        if reason != Rejection::Income || !self.config.landlords.includes(l.kind) {
            return false;
        }
        let rent = w.dwellings.rent[dwelling];
        let a = crate::model::market::applicant(w, HouseholdId::at(household), rent);
        let counted = (a.earned_income.0 + a.allowance.0 + a.assistance.0) as f64;
        let ok = a.assistance.0 > 0 && counted >= l.income_multiple * rent.0 as f64;
        if ok {
            self.lets += 1;
            self.let_to.retain(|(_, m)| w.month.since(*m) < 24);
            self.let_to.push((w.households.uid[household], w.month));
        }
        ok
    }

    /// The households let a home under the instrument in the last two years.
    fn held(&self, w: &World, out: &mut Vec<u32>) {
        out.extend(self.let_to.iter().filter(|(_, m)| w.month.since(*m) < 24).map(|&(uid, _)| uid));
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::new_assistance_as_income_lets, self.lets as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_select_landlord_kinds() {
        assert!(Participants::Public.includes(LandlordKind::Public));
        assert!(!Participants::Public.includes(LandlordKind::PrivateLarge));
        assert!(Participants::Private.includes(LandlordKind::PrivateSmall));
        assert!(Participants::All.includes(LandlordKind::PrivateLarge));
        let c: AssistanceAsIncomeConfig = toml::from_str("landlords = \"private\"").unwrap();
        assert_eq!(c.landlords, Participants::Private);
        assert!(toml::from_str::<AssistanceAsIncomeConfig>("landlords = \"some\"").is_err());
    }

    #[test]
    fn covers_says_which_participants_include_which() {
        // COVERS is the page's and the registry's copy of `includes`: the
        // same relation, landlord kind by landlord kind.
        let kinds = [LandlordKind::Public, LandlordKind::PrivateLarge, LandlordKind::PrivateSmall];
        let all = [Participants::Public, Participants::Private, Participants::All];
        let name = |p: Participants| serde_json::to_value(p).unwrap().as_str().unwrap().to_string();
        for outer in all {
            for inner in all {
                let includes = kinds.iter().all(|&k| !inner.includes(k) || outer.includes(k));
                let declared = COVERS.includes.iter().any(|(o, i)| *o == name(outer) && i.contains(&name(inner).as_str()));
                assert_eq!(declared, includes, "{outer:?} includes {inner:?}");
            }
        }
    }
}
