//! Phase 3: rent. Every household that pays for housing balances its month:
//! income (or assistance) plus housing allowance, minus living costs and
//! rent. A household short of money first cuts its living costs by up to
//! the flex share; a surplus first pays down arrears, then is partly saved; a deficit
//! is taken from savings, and for tenants what savings cannot cover becomes
//! rent arrears. This loop draws no random numbers.

use crate::model::household::{IncomeSource, Status};
use crate::model::income::{housing_allowance, housing_cost, living_costs};
use crate::model::world::World;

/// Phase 3.
pub fn step(w: &mut World) {
    let p = &w.params;
    let month = w.month;
    for i in 0..w.households.len() {
        let status = w.households.status[i];
        if !(status.pays_rent() || status == Status::Sublet) {
            continue;
        }
        let h = &w.households;
        let rent = housing_cost(w, i);
        let need = living_costs(p, h.adults[i], h.children[i]).0 as i64 + rent.0 as i64;
        let available = if h.source[i] == IncomeSource::Assistance {
            // Assistance tops up to the norm and pays a reasonable rent.
            need
        } else {
            let allowance = housing_allowance(p, h.children[i], h.age(i, month), h.income[i], rent);
            h.income[i].0 as i64 + allowance.0 as i64
        };
        // A household in deficit first cuts its living costs (down to the flex share).
        let flex = (living_costs(p, h.adults[i], h.children[i]).0 as f64 * p.living_cost_flex_share) as i64;
        let surplus = if available >= need { available - need } else { (available - need + flex).min(0) };
        let h = &mut w.households;
        let mut savings = h.savings[i].0 as i64;
        let mut arrears = h.arrears[i].0 as i64;
        if surplus >= 0 {
            let pay = surplus.min(arrears);
            arrears -= pay;
            savings += ((surplus - pay) as f64 * p.savings_rate) as i64;
        } else {
            savings += surplus;
        }
        if arrears > 0 && savings > 0 {
            let pay = savings.min(arrears);
            arrears -= pay;
            savings -= pay;
        }
        if savings < 0 {
            if status.pays_rent() {
                arrears += -savings;
            }
            savings = 0;
        }
        h.savings[i].0 = savings.min(i32::MAX as i64) as i32;
        h.arrears[i].0 = arrears.min(i32::MAX as i64) as i32;
    }
}
