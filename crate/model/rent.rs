//! Phase 3: rent. Every household that pays for housing balances its month
//! (the balance itself is computed at events, not monthly, since it changes
//! only when income, housing cost or household size do):
//! income (or assistance) plus housing allowance, minus living costs and
//! rent. A household short of money first cuts its living costs by up to
//! the flex share; a surplus first pays down arrears, then is partly saved; a deficit
//! is taken from savings, and for tenants what savings cannot cover becomes
//! rent arrears. This loop draws no random numbers.

use crate::model::household::HouseholdId;
use crate::model::household::{IncomeSource, Status};
use crate::model::income::{housing_allowance, housing_cost};
use crate::model::world::World;
use crate::units::Sek;

/// The monthly balance of household `i` from scratch (see
/// [`crate::model::household::Households::balance`]).
pub fn balance(w: &World, household: HouseholdId) -> Sek {
    let i = household.index();
    let p = &w.params;
    let h = &w.households;
    let status = h.status[i];
    if !(status.pays_rent() || status == Status::Sublet) {
        // Only tenants and sublet households run a monthly budget in the model.
        return Sek::ZERO;
    }
    let rent = housing_cost(w, household);
    let living = w.living.of(h.adults[i], h.children[i]).0 as i64;
    let need = living + rent.0 as i64;
    let available = if h.source[i] == IncomeSource::Assistance {
        // Assistance tops up to the norm and pays a reasonable rent.
        crate::model::income::assistance_norm(p, Sek(living as i32)).0 as i64 + rent.0 as i64
    } else {
        let allowance = housing_allowance(p, h.children[i], h.age(i, w.month), h.income[i], rent);
        h.income[i].0 as i64 + allowance.0 as i64
    };
    let flex = (living as f64 * p.living_cost_flex_share) as i64;
    let b = if available >= need { available - need } else { (available - need + flex).min(0) };
    Sek(b.clamp(i32::MIN as i64, i32::MAX as i64) as i32)
}

/// Recomputes the stored balance of household `i`. Called whenever income,
/// housing cost or household size changes, and for everyone each January.
pub fn refresh_balance(w: &mut World, household: HouseholdId) {
    let i = household.index();
    w.households.balance[i] = balance(w, household);
}

/// Recomputes every household's balance (each January, and after parameters change).
pub fn refresh_all_balances(w: &mut World) {
    for i in 0..w.households.len() {
        if w.households.status[i] != Status::Gone {
            refresh_balance(w, HouseholdId::at(i));
        }
    }
}

/// Phase 3.
pub fn step(w: &mut World) {
    if w.month.0.is_multiple_of(12) {
        refresh_all_balances(w);
    }
    let savings_rate = w.params.savings_rate;
    let h = &mut w.households;
    // Written without data-dependent branches: statuses are interleaved
    // across slots, so a test per household is a branch the processor
    // mispredicts often. Households that run no budget have a zero balance
    // and no arrears, and the arithmetic leaves them unchanged.
    for i in 0..h.status.len() {
        let surplus = h.balance[i].0 as i64;
        let pays_rent = h.status[i].pays_rent() as i64;
        let mut savings = h.savings[i].0 as i64;
        let mut arrears = h.arrears[i].0 as i64;
        // A surplus pays arrears first; the rest is partly saved.
        let gain = surplus.max(0);
        let pay = gain.min(arrears);
        arrears -= pay;
        savings += ((gain - pay) as f64 * savings_rate) as i64 + surplus.min(0);
        // Savings pay remaining arrears.
        let pay = savings.max(0).min(arrears);
        arrears -= pay;
        savings -= pay;
        // What savings cannot cover becomes arrears for tenants (sublet
        // households cut back instead).
        arrears += (-savings).max(0) * pays_rent;
        savings = savings.max(0);
        h.savings[i].0 = savings.min(i32::MAX as i64) as i32;
        h.arrears[i].0 = arrears.min(i32::MAX as i64) as i32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drivers::{Conditions, Driver, DriverPath, DriversSpec, national};
    use crate::params::Params;

    /// Tenants' arrears after a year of paying rent under `params`, from
    /// no arrears and no savings (phase 3 alone, every month).
    fn arrears_after_a_year(params: &Params) -> i64 {
        let preset = crate::presets::find("norrkoping").unwrap();
        let mut w = crate::model::synth::synthesise(&preset, &Params::default(), 0.05, 7, 0);
        w.params = params.clone();
        w.living = crate::model::income::LivingCosts::new(&w.params);
        for i in 0..w.households.len() {
            if w.households.status[i] != Status::Gone {
                w.households.savings[i] = Sek::ZERO;
                w.households.arrears[i] = Sek::ZERO;
                crate::model::income::refresh_income(&mut w, HouseholdId::at(i));
            }
        }
        for _ in 0..12 {
            step(&mut w);
            w.month = w.month.plus(1);
        }
        w.households.arrears.iter().map(|a| a.0 as i64).sum()
    }

    /// The parameters of 2011 with one driver set to `factor` times its
    /// reference (a scenario's path), through the drivers as a run applies them.
    fn with_driver(driver: Driver, factor: f64) -> Params {
        let t = national();
        let value = t.real_reference(driver) * t.value(Driver::ConsumerPrices, 2011) * factor;
        let spec = DriversSpec {
            conditions: crate::drivers::ConditionsMode::Constant,
            paths: vec![DriverPath { driver: driver.name().into(), from_year: 2011, value }],
        };
        Conditions::resolve(&spec, t, 1.0, 2011, 2011).apply(&Params::default(), 2011)
    }

    #[test]
    fn a_dearer_cost_of_living_brings_arrears_sooner() {
        // docs/odd.md §3.2, household finances: living costs up by a tenth
        // (food dearer than prices in general) leave tenants less after rent,
        // so more of them fall into arrears; wages up by a tenth, fewer.
        let base = arrears_after_a_year(&with_driver(Driver::LivingCosts, 1.0));
        let dearer = arrears_after_a_year(&with_driver(Driver::LivingCosts, 1.1));
        let richer = arrears_after_a_year(&with_driver(Driver::Wages, 1.1));
        assert!(base > 0, "some tenants fall behind in a year");
        assert!(dearer > base * 11 / 10, "dearer living: {dearer} against {base}");
        assert!(richer < base, "higher real wages: {richer} against {base}");
    }
}
