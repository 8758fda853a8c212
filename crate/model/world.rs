//! The world: all state of one simulated municipality, and the monthly step.

use crate::model::dwelling::DwellingId;
use crate::model::dwelling::Dwellings;
use crate::model::hooks::Instruments;
use crate::model::household::{HouseholdId, Households, Status};
use crate::model::landlord::Landlord;
use crate::model::tally::Tally;
use crate::model::{demography, eviction, homeless, income, market, rent};
use crate::params::Params;
use crate::presets::Preset;
use crate::results::Row;
use crate::rng::Streams;
use crate::units::Month;

/// All state of one replication. Built by [`crate::model::synth::synthesise`].
#[derive(Clone, Debug)]
pub struct World {
    /// Parameters in force.
    pub params: Params,
    /// The municipality (or country) simulated.
    pub preset: Preset,
    /// Share of the real population simulated (results per 10,000 do not depend on it).
    pub scale: f64,
    /// The current month (counting burn-in from 0).
    pub month: Month,
    /// First reported month (= burn-in length).
    pub report_start: Month,
    /// Households.
    pub households: Households,
    /// Free household slots, reused by new households.
    pub free_slots: Vec<u32>,
    /// Next household serial number.
    pub next_uid: u32,
    /// Dwellings.
    pub dwellings: Dwellings,
    /// Landlord groups; dwellings point into this list.
    pub landlords: Vec<Landlord>,
    /// Random streams of this replication.
    pub streams: Streams,
    /// Flows of the current month.
    pub tally: Tally,
    /// Fractional carry of expected counts (in-migration, completions,
    /// demolitions), so that small scales get the right long-run totals
    /// without a random draw per month.
    pub carry: Carry,
    /// Flows summed since the first reported month (the `cum_*` outputs).
    pub cum: Cumulative,
    /// Living costs by household size, refreshed from `params` every month.
    pub living: crate::model::income::LivingCosts,
    /// What the municipality holds: its pool of vacant flats.
    pub municipal: Municipality,
    /// Whether the observed starting state has been set ([`crate::model::start`]).
    pub started: bool,
    /// The year's conditions: each driver's ratio by calendar year
    /// ([`crate::drivers`]); constant unless the run sets them.
    pub conditions: crate::drivers::Conditions,
    /// The parameters under the calibration's conditions, which the
    /// conditions of each year are applied to.
    pub base_params: Params,
    /// Calendar year of the first reported month (burn-in months count as
    /// that year).
    pub start_year: i32,
    /// Calendar year `params` were last set for.
    pub params_year: i32,
    /// The real rent ratio the rents of the stock are at (1 at the
    /// reference years' rents, [`crate::drivers::Driver::Rent`]).
    pub rent_level: f64,
}

/// The municipality's own state (instruments keep theirs in their modules).
#[derive(Clone, Debug, Default)]
pub struct Municipality {
    /// Vacant dwellings the municipality holds (quota, lease or own stock),
    /// waiting for a placement by an instrument: per number of rooms, each
    /// with its serial number in the order it joined the pool. May contain
    /// stale entries (occupied or released since); [`Municipality::take`]
    /// skips them.
    pool: std::collections::BTreeMap<u8, std::collections::VecDeque<(u64, u32)>>,
    /// Serial number of the next entry.
    serial: u64,
    /// Where the search for vacant rentals to lease at an instrument's start
    /// stopped ([`crate::model::start::municipal_flat`]).
    pub lease_scan: LeaseScan,
}

impl Municipality {
    /// Puts vacant dwelling `dwelling` in the pool, last in the line of its size.
    pub fn push(&mut self, dwellings: &crate::model::dwelling::Dwellings, dwelling: DwellingId) {
        self.pool.entry(dwellings.rooms[dwelling.index()]).or_default().push_back((self.serial, dwelling.0));
        self.serial += 1;
    }

    /// Every entry of the pool (stale ones too), by rooms and then in line.
    pub fn entries(&self) -> impl Iterator<Item = u32> + '_ {
        self.pool.values().flat_map(|q| q.iter().map(|e| e.1))
    }

    /// Takes a vacant municipal dwelling whose size suits a household of
    /// `persons`, preferring the one that has waited longest: of the first
    /// entries of the suitable sizes still vacant and the municipality's,
    /// the one that joined the pool first. Stale entries (occupied, returned
    /// to the landlord, demolished) are dropped when they come first in
    /// their size's line, so a take costs the sizes, not the pool (the pool
    /// was filtered whole for every placement: 87% of a national run with
    /// every instrument at its maximum, issue 16).
    pub fn take(&mut self, dwellings: &crate::model::dwelling::Dwellings, persons: u32) -> Option<DwellingId> {
        let mut best: Option<(u64, u8)> = None;
        for (&rooms, line) in self.pool.iter_mut() {
            if !crate::model::market::suits(persons, rooms) {
                continue;
            }
            while line.front().is_some_and(|&(_, d)| !held_vacant(dwellings, d)) {
                line.pop_front();
            }
            if let Some(&(serial, _)) = line.front()
                && best.is_none_or(|b| serial < b.0)
            {
                best = Some((serial, rooms));
            }
        }
        let (_, rooms) = best?;
        self.pool.get_mut(&rooms).and_then(|line| line.pop_front()).map(|e| DwellingId(e.1))
    }

    /// Vacant municipal dwellings now.
    pub fn vacant(&self, dwellings: &crate::model::dwelling::Dwellings) -> usize {
        let mut seen: Vec<u32> = self.entries().filter(|&d| held_vacant(dwellings, d)).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }
}

/// Whether pool entry `d` is still a vacant dwelling the municipality holds
/// (not occupied, returned to its landlord or demolished since).
fn held_vacant(dwellings: &crate::model::dwelling::Dwellings, d: u32) -> bool {
    dwellings.is_available(d as usize) && dwellings.flags[d as usize] & crate::model::dwelling::flags::MUNICIPAL_LEASE != 0
}

/// Where the searches of one month for a vacant rental to lease stopped,
/// per household size: the dwellings before a size's cursor were taken or
/// did not suit that size when passed, so the next search for the size goes
/// on from there. Placing a stock in force then passes over the dwellings
/// once per size instead of once per placement (the national preset's
/// stocks at full scale took hours: issue 16). A dwelling released before a
/// cursor in the same month is not found again; a new month starts over.
#[derive(Clone, Debug, Default)]
pub struct LeaseScan {
    /// Month of the searches the cursors belong to.
    pub month: crate::units::Month,
    /// First dwelling not yet passed, per household size (persons).
    pub next: std::collections::BTreeMap<u32, usize>,
}

impl LeaseScan {
    /// The first dwelling from the cursor of `persons` on that `fits`, in
    /// `month`; moves the cursor past it.
    pub fn find(&mut self, month: crate::units::Month, len: usize, persons: u32, fits: impl Fn(usize) -> bool) -> Option<usize> {
        if self.month != month {
            self.month = month;
            self.next.clear();
        }
        let from = self.next.entry(persons).or_insert(0);
        let found = (*from..len).find(|&d| fits(d));
        *from = found.map_or(len, |d| d + 1);
        found
    }
}

/// Flows summed since the first reported month.
#[derive(Clone, Debug, Default)]
pub struct Cumulative {
    /// Executed evictions.
    pub executed: u64,
    /// Payment orders.
    pub payment_orders: u64,
    /// Entries into homelessness.
    pub homeless_entries: u64,
}

/// Fractional remainders of municipality-level expected counts.
#[derive(Clone, Debug, Default)]
pub struct Carry {
    /// In-migrating households.
    pub arrivals: f64,
    /// Completed dwellings.
    pub completions: f64,
    /// Demolished dwellings.
    pub demolitions: f64,
}

impl World {
    /// Simulates one month and returns its record.
    ///
    /// The order of the phases is part of the model (docs/odd.md, "Process
    /// overview and scheduling"); change it only together with that text and
    /// the baseline file:
    ///
    /// 0. in a new calendar year, the parameters follow the year's
    ///    conditions ([`crate::drivers`]); an instrument starting this month
    ///    sets its stock in force
    ///    ([`crate::policy::Policy::establish`]); instruments zero their
    ///    monthly counters;
    /// 1. demography: deaths, separations, young adults leaving home, births,
    ///    move wishes, out- and in-migration;
    /// 2. income: employment and benefit transitions, shocks, assistance take-up;
    /// 3. rent: households pay rent from income and savings; shortfalls become arrears;
    /// 4. arrears and the Kronofogden pipeline (instruments' early hooks first);
    /// 5. institution stays and releases, and moves between homeless situations;
    /// 6. municipal instruments act, each in scenario order;
    /// 7. housing market: completions, demolitions, vacancies filled by screening;
    /// 8. record the month.
    pub fn step(&mut self, policies: &mut dyn Instruments) -> Row {
        self.tally = Tally::default();
        self.follow_conditions();
        if self.reporting() {
            self.start(policies);
            self.meet_a_later_count();
        }
        policies.begin_month();
        self.living = crate::model::income::LivingCosts::new(&self.params);
        demography::step(self);
        income::step(self);
        rent::step(self);
        eviction::step(self, policies);
        homeless::step(self);
        policies.act(self);
        market::step(self, policies);
        let row = crate::model::record::record(self, policies);
        self.month = self.month.plus(1);
        if self.month == self.report_start {
            self.start(policies);
        }
        row
    }

    /// The start of the reported period (after the last burn-in month, or
    /// before the first month when there is no burn-in): instruments in
    /// place set their stocks in force, then homelessness is aligned with the
    /// place's observed count ([`crate::model::start`]) — once. Later calls
    /// only let instruments that start later set theirs.
    fn start(&mut self, policies: &mut dyn Instruments) {
        policies.establish(self);
        if !self.started {
            crate::model::start::align_homeless(self);
            self.started = true;
        }
    }

    /// A place whose count is of a later year than the start (a custom
    /// place's own count, or Socialstyrelsen's 2023 mapping) meets it in
    /// April of that year, the month of Socialstyrelsen's 2017 and 2023
    /// counts ([`crate::model::start::COUNT_MONTH`]): situations 1 and 4 are
    /// aligned with it as at the start
    /// ([`crate::model::start::align_homeless_to`]).
    fn meet_a_later_count(&mut self) {
        let year = self.preset.count_year;
        let month_of_year = self.scenario_month() % 12 + 1;
        if year > self.start_year && self.calendar_year() == year && month_of_year == crate::model::start::COUNT_MONTH {
            let per_10k = self.preset.homeless_per_10k;
            crate::model::start::align_homeless_to(self, per_10k);
        }
    }

    /// Follows a run's conditions from `first_year`, the calendar year of the
    /// first reported month (see [`crate::drivers`]): the parameters of the
    /// current calendar year.
    pub fn set_conditions(&mut self, conditions: crate::drivers::Conditions, first_year: i32) {
        self.base_params = self.params.clone();
        self.conditions = conditions;
        self.start_year = first_year;
        self.params_year = i32::MIN;
    }

    /// Calendar year of the current month (burn-in months: the start year).
    pub fn calendar_year(&self) -> i32 {
        self.start_year + self.scenario_month().max(0) / 12
    }

    /// Sets `params` to the current year's conditions when the year changes
    /// (phase 0); constant conditions leave them as they are.
    fn follow_conditions(&mut self) {
        let year = self.calendar_year();
        if year == self.params_year || self.conditions.is_constant() {
            return;
        }
        let incomes_before = income_levels(&self.params);
        self.params = self.conditions.apply(&self.base_params, year);
        self.params_year = year;
        self.follow_rents(self.conditions.ratio(crate::drivers::Driver::Rent, year));
        // Housing costs, incomes, living costs, the norm and the allowance
        // change what households have left each month.
        self.living = crate::model::income::LivingCosts::new(&self.params);
        if income_levels(&self.params) != incomes_before {
            self.follow_incomes();
        } else {
            rent::refresh_all_balances(self);
        }
    }

    /// Every household's income at this year's levels (wages, pensions,
    /// benefits: [`crate::drivers::Driver::household_finances`]), its
    /// balance, and — for a household now short of the norm — an
    /// application for social assistance, as at any other fall in income
    /// ([`crate::model::income::check_need`]).
    fn follow_incomes(&mut self) {
        for i in 0..self.households.len() {
            if self.households.status[i] != Status::Gone {
                let household = HouseholdId::at(i);
                crate::model::income::refresh_income(self, household);
                crate::model::income::check_need(self, household, SALT_YEARLY_NEED);
            }
        }
    }

    /// Moves the rents of every rental (and so what its tenant pays) to the
    /// real rent ratio `level`; new rentals get it from the parameters.
    fn follow_rents(&mut self, level: f64) {
        if level == self.rent_level {
            return;
        }
        let factor = level / self.rent_level;
        self.rent_level = level;
        let d = &mut self.dwellings;
        for k in 0..d.len() {
            if d.tenure[k] == crate::model::dwelling::Tenure::Rental {
                d.rent[k] = crate::units::Sek::from_f64(d.rent[k].0 as f64 * factor);
            }
        }
        for i in 0..self.households.len() {
            let status = self.households.status[i];
            if status.has_dwelling() {
                let dwelling = self.households.dwelling[i];
                self.households.rent[i] = self.dwellings.rent[dwelling as usize];
            }
        }
    }

    /// Households alive now (slots not free for reuse).
    pub fn live_households(&self) -> usize {
        self.households.len() - self.free_slots.len()
    }

    /// Whether the current month is reported (past burn-in).
    pub fn reporting(&self) -> bool {
        self.month >= self.report_start
    }

    /// Months since the reported period began (negative during burn-in).
    pub fn scenario_month(&self) -> i32 {
        self.month.0 as i32 - self.report_start.0 as i32
    }
}

/// Salt of the take-up draws when a January's incomes fall short
/// ([`World::follow_incomes`]; the income stream, salted `0x50 | salt`).
const SALT_YEARLY_NEED: u16 = 0x20;

/// The income levels a year's conditions set: the medians of every source
/// and the living costs.
fn income_levels(p: &Params) -> [f64; 8] {
    [
        p.income_permanent_sek_month,
        p.income_temporary_sek_month,
        p.income_unemployment_sek_month,
        p.income_sickness_sek_month,
        p.income_pension_sek_month,
        p.living_cost_first_adult_sek_month,
        p.living_cost_extra_adult_sek_month,
        p.living_cost_child_sek_month,
    ]
}

#[cfg(test)]
mod tests {
    use super::{DwellingId, LeaseScan, Municipality};
    use crate::model::dwelling::{Dwellings, Tenure, flags};
    use crate::units::{Month, Sek};

    #[test]
    fn a_take_gives_the_suitable_flat_that_waited_longest_and_drops_stale_ones() {
        let mut d = Dwellings::default();
        for rooms in [1, 4, 1, 2, 1] {
            d.push(Tenure::Rental, rooms, Sek(5_000), 0, flags::MUNICIPAL_LEASE, Month(0));
        }
        d.occupant[0] = 7; // occupied since it joined the pool: stale
        let mut m = Municipality::default();
        for k in 0..5 {
            m.push(&d, DwellingId(k));
        }
        // A family of five needs three rooms or more: flat 1 (four rooms).
        assert_eq!(m.take(&d, 5), Some(DwellingId(1)));
        d.occupant[1] = 3;
        // A single takes the one-room flat that waited longest (the stale
        // flat 0 is dropped); flats 3 (two rooms) and 4 (one) wait on.
        assert_eq!(m.take(&d, 1), Some(DwellingId(2)));
        assert_eq!(m.entries().collect::<Vec<_>>(), [4, 3], "the stale flat 0 is dropped, the taken ones removed");
        d.occupant[2] = 9;
        d.flags[3] &= !flags::MUNICIPAL_LEASE; // returned to the landlord
        assert_eq!(m.take(&d, 6), None, "nothing suits: the pool keeps its vacant flats");
        assert_eq!(m.take(&d, 2), Some(DwellingId(4)), "the returned flat 3 is skipped");
        assert_eq!(m.vacant(&d), 0);
    }

    #[test]
    fn a_lease_search_goes_on_where_the_same_sizes_last_one_stopped() {
        let mut scan = LeaseScan::default();
        let even = |d: usize| d.is_multiple_of(2);
        assert_eq!(scan.find(Month(5), 10, 1, even), Some(0));
        assert_eq!(scan.find(Month(5), 10, 1, even), Some(2));
        // Another size searches from the first dwelling.
        assert_eq!(scan.find(Month(5), 10, 3, even), Some(0));
        assert_eq!(scan.find(Month(5), 10, 1, |d| d == 1 || d == 7), Some(7));
        assert_eq!(scan.find(Month(5), 10, 1, |_| true), Some(8));
        assert_eq!(scan.find(Month(5), 10, 1, |_| true), Some(9));
        assert_eq!(scan.find(Month(5), 10, 1, |_| true), None);
        // A new month starts over.
        assert_eq!(scan.find(Month(6), 10, 1, even), Some(0));
    }
}
