//! Households as a struct of arrays, indexed by [`HouseholdId`].
//!
//! A household is the unit that rents, pays, falls behind, is evicted and is
//! housed. Each column is one `Vec`; the same index in every column is one
//! household. Slots of households that left the municipality are recycled
//! through a free list, so ids are slot numbers, while [`Households::uid`] is
//! a serial number that never repeats (it keys the household's random draws).
//!
//! Everything a household "is" lives here; what it *does* lives in the phase
//! modules (`income.rs`, `rent.rs`, …). The columns and their upkeep are in
//! this file; the household's id and the values its columns take (status,
//! income source, needs, pipeline stage) in `attributes.rs`.

mod attributes;

pub use attributes::{HouseholdId, IncomeSource, NO_DWELLING, Needs, Stage, Status};

use crate::units::{Month, Sek};

/// All households, one column per attribute.
#[derive(Clone, Debug, Default)]
pub struct Households {
    /// Serial number, unique over the run (keys the household's random draws).
    pub uid: Vec<u32>,
    /// Adults (1 or 2).
    pub adults: Vec<u8>,
    /// Children under 18.
    pub children: Vec<u8>,
    /// Month of birth of the head (may be negative: before month 0).
    pub born: Vec<i16>,
    /// Main income source.
    pub source: Vec<IncomeSource>,
    /// Earning capacity: multiplier on the median income of the source.
    pub capacity: Vec<f32>,
    /// Monthly disposable income before housing allowance and assistance.
    pub income: Vec<Sek>,
    /// Savings buffer.
    pub savings: Vec<Sek>,
    /// Rent owed.
    pub arrears: Vec<Sek>,
    /// Monthly balance (SEK): what the household has after living costs and
    /// housing cost — income (or assistance) plus housing allowance minus
    /// need; when negative, after cutting living costs by the flex share.
    /// Kept by [`crate::model::rent::refresh_balance`].
    pub balance: Vec<Sek>,
    /// Monthly housing cost paid: the dwelling's rent (or owner's cost), a
    /// sublet's rent, or nothing. Kept in step with the status.
    pub rent: Vec<Sek>,
    /// Month until which a payment remark is on record (the debt's repayment
    /// plus three years; `Month(0)`: none).
    pub remark_until: Vec<Month>,
    /// Support needs and circumstances.
    pub needs: Vec<Needs>,
    /// Housing status.
    pub status: Vec<Status>,
    /// Month the current status began.
    pub status_since: Vec<Month>,
    /// Dwelling occupied, if [`Status::has_dwelling`] (else [`NO_DWELLING`]).
    pub dwelling: Vec<u32>,
    /// Arrears pipeline stage.
    pub stage: Vec<Stage>,
    /// Month of the next pipeline step.
    pub stage_due: Vec<Month>,
    /// Next income transition.
    pub next_income: Vec<Month>,
    /// Next economic shock.
    pub next_shock: Vec<Month>,
    /// Next demographic event (separation, migration, child leaving, birth, move wish).
    pub next_demography: Vec<Month>,
    /// Month of death of the head.
    pub death: Vec<Month>,
    /// Month a pending application for social assistance is decided ([`Month::NEVER`]: none).
    pub assistance_due: Vec<Month>,
    /// Month of the next status-specific event: entry into an institution
    /// (housed adults with support needs), release (in an institution), or a
    /// move between homeless situations (homeless).
    pub next_status_event: Vec<Month>,
    /// Month the household started searching for a dwelling ([`Month::NEVER`]: not searching).
    pub search_since: Vec<Month>,
    /// Month the current homelessness spell began ([`Month::NEVER`]: not homeless).
    pub homeless_since: Vec<Month>,
    /// Month the last homelessness spell ended ([`Month::NEVER`]: never homeless).
    pub last_homeless_exit: Vec<Month>,
}

/// Everything needed to create one household.
#[derive(Clone, Copy, Debug)]
pub struct NewHousehold {
    /// Adults.
    pub adults: u8,
    /// Children.
    pub children: u8,
    /// Month of birth of the head.
    pub born: i16,
    /// Income source.
    pub source: IncomeSource,
    /// Earning capacity.
    pub capacity: f32,
    /// Savings.
    pub savings: Sek,
    /// Needs.
    pub needs: Needs,
    /// Status.
    pub status: Status,
}

impl Households {
    /// Number of slots (including free ones).
    pub fn len(&self) -> usize {
        self.uid.len()
    }

    /// Whether there are no slots at all.
    pub fn is_empty(&self) -> bool {
        self.uid.is_empty()
    }

    /// Makes room for `additional` more slots in every column, exactly.
    pub fn reserve(&mut self, additional: usize) {
        self.uid.reserve_exact(additional);
        self.adults.reserve_exact(additional);
        self.children.reserve_exact(additional);
        self.born.reserve_exact(additional);
        self.source.reserve_exact(additional);
        self.capacity.reserve_exact(additional);
        self.income.reserve_exact(additional);
        self.savings.reserve_exact(additional);
        self.arrears.reserve_exact(additional);
        self.balance.reserve_exact(additional);
        self.rent.reserve_exact(additional);
        self.remark_until.reserve_exact(additional);
        self.needs.reserve_exact(additional);
        self.status.reserve_exact(additional);
        self.status_since.reserve_exact(additional);
        self.dwelling.reserve_exact(additional);
        self.stage.reserve_exact(additional);
        self.stage_due.reserve_exact(additional);
        self.next_income.reserve_exact(additional);
        self.next_shock.reserve_exact(additional);
        self.next_demography.reserve_exact(additional);
        self.death.reserve_exact(additional);
        self.assistance_due.reserve_exact(additional);
        self.next_status_event.reserve_exact(additional);
        self.search_since.reserve_exact(additional);
        self.homeless_since.reserve_exact(additional);
        self.last_homeless_exit.reserve_exact(additional);
    }

    /// Appends a household in a new slot and returns its id. Event months are
    /// left unscheduled; the caller schedules them. A full column grows by an
    /// eighth rather than doubling (`crate::model::growth`).
    pub fn push(&mut self, uid: u32, h: NewHousehold, month: Month) -> HouseholdId {
        if self.uid.len() == self.uid.capacity() {
            self.reserve(crate::model::growth(self.uid.len()));
        }
        let id = HouseholdId(self.uid.len() as u32);
        self.uid.push(uid);
        self.adults.push(h.adults);
        self.children.push(h.children);
        self.born.push(h.born);
        self.source.push(h.source);
        self.capacity.push(h.capacity);
        self.income.push(Sek::ZERO);
        self.savings.push(h.savings);
        self.arrears.push(Sek::ZERO);
        self.rent.push(Sek::ZERO);
        self.balance.push(Sek::ZERO);
        self.remark_until.push(Month(0));
        self.needs.push(h.needs);
        self.status.push(h.status);
        self.status_since.push(month);
        self.dwelling.push(NO_DWELLING);
        self.stage.push(Stage::None);
        self.stage_due.push(Month::NEVER);
        self.next_income.push(Month::NEVER);
        self.next_shock.push(Month::NEVER);
        self.next_demography.push(Month::NEVER);
        self.death.push(Month::NEVER);
        self.assistance_due.push(Month::NEVER);
        self.next_status_event.push(Month::NEVER);
        self.search_since.push(Month::NEVER);
        self.homeless_since.push(Month::NEVER);
        self.last_homeless_exit.push(Month::NEVER);
        id
    }

    /// Overwrites a free slot with a new household.
    pub fn reuse(&mut self, id: HouseholdId, uid: u32, h: NewHousehold, month: Month) {
        let i = id.idx();
        self.uid[i] = uid;
        self.adults[i] = h.adults;
        self.children[i] = h.children;
        self.born[i] = h.born;
        self.source[i] = h.source;
        self.capacity[i] = h.capacity;
        self.income[i] = Sek::ZERO;
        self.savings[i] = h.savings;
        self.arrears[i] = Sek::ZERO;
        self.rent[i] = Sek::ZERO;
        self.balance[i] = Sek::ZERO;
        self.remark_until[i] = Month(0);
        self.needs[i] = h.needs;
        self.status[i] = h.status;
        self.status_since[i] = month;
        self.dwelling[i] = NO_DWELLING;
        self.stage[i] = Stage::None;
        self.stage_due[i] = Month::NEVER;
        self.next_income[i] = Month::NEVER;
        self.next_shock[i] = Month::NEVER;
        self.next_demography[i] = Month::NEVER;
        self.death[i] = Month::NEVER;
        self.assistance_due[i] = Month::NEVER;
        self.next_status_event[i] = Month::NEVER;
        self.search_since[i] = Month::NEVER;
        self.homeless_since[i] = Month::NEVER;
        self.last_homeless_exit[i] = Month::NEVER;
    }

    /// Releases spare capacity of every column.
    pub fn shrink_to_fit(&mut self) {
        macro_rules! shrink { ($($c:ident),*) => { $( self.$c.shrink_to_fit(); )* } }
        shrink!(
            uid,
            adults,
            children,
            born,
            source,
            capacity,
            income,
            savings,
            arrears,
            rent,
            balance,
            remark_until,
            needs,
            status,
            status_since,
            dwelling,
            stage,
            stage_due,
            next_income,
            next_shock,
            next_demography,
            death,
            assistance_due,
            next_status_event,
            search_since,
            homeless_since,
            last_homeless_exit
        );
    }

    /// Persons in the household in slot `i`. Like the columns themselves,
    /// these reads take a slot index (`HouseholdId::index`): they sit in the
    /// loops over all households.
    pub fn persons(&self, i: usize) -> u32 {
        self.adults[i] as u32 + self.children[i] as u32
    }

    /// Age of the head in whole years at `month`.
    pub fn age(&self, i: usize, month: Month) -> i32 {
        (month.0 as i32 - self.born[i] as i32).div_euclid(12)
    }

    /// Whether the household has a payment remark at `month`.
    pub fn has_remark(&self, i: usize, month: Month) -> bool {
        self.remark_until[i] > month
    }

    /// Bytes of heap memory held by the columns (capacity, not length).
    pub fn heap_bytes(&self) -> usize {
        fn b<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        b(&self.uid)
            + b(&self.adults)
            + b(&self.children)
            + b(&self.born)
            + b(&self.source)
            + b(&self.capacity)
            + b(&self.income)
            + b(&self.savings)
            + b(&self.arrears)
            + b(&self.rent)
            + b(&self.balance)
            + b(&self.remark_until)
            + b(&self.needs)
            + b(&self.status)
            + b(&self.status_since)
            + b(&self.dwelling)
            + b(&self.stage)
            + b(&self.stage_due)
            + b(&self.next_income)
            + b(&self.next_shock)
            + b(&self.next_demography)
            + b(&self.death)
            + b(&self.assistance_due)
            + b(&self.next_status_event)
            + b(&self.search_since)
            + b(&self.homeless_since)
            + b(&self.last_homeless_exit)
    }

    /// Bytes of state per household slot (the sum of the column element sizes).
    pub const BYTES_PER_HOUSEHOLD: usize = 4 // uid
        + 1 + 1 + 2 // adults, children, born
        + 1 + 4 // source, capacity
        + 4 * 5 // income, savings, arrears, rent, balance
        + 2 + 1 + 1 + 2 + 4 // remark_until, needs, status, status_since, dwelling
        + 1 + 2 // stage, stage_due
        + 2 * 9; // next_income .. last_homeless_exit
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-adult household subletting, for tests of the columns.
    fn single() -> NewHousehold {
        NewHousehold {
            adults: 1,
            children: 0,
            born: 0,
            source: IncomeSource::Permanent,
            capacity: 1.0,
            savings: Sek(0),
            needs: Needs(0),
            status: Status::Sublet,
        }
    }

    #[test]
    fn byte_count_matches_the_columns() {
        // The enums are one byte each; a change of layout must update the constant.
        assert_eq!(std::mem::size_of::<Status>(), 1);
        assert_eq!(std::mem::size_of::<IncomeSource>(), 1);
        assert_eq!(std::mem::size_of::<Stage>(), 1);
        assert_eq!(std::mem::size_of::<Needs>(), 1);
        assert_eq!(std::mem::size_of::<Month>(), 2);
        let mut h = Households::default();
        h.push(0, single(), Month(0));
        h.shrink_to_fit();
        assert_eq!(h.heap_bytes(), Households::BYTES_PER_HOUSEHOLD);
    }

    #[test]
    fn a_full_column_grows_by_an_eighth_not_by_doubling() {
        // Issue 17: doubling left up to half of every column allocated and unused.
        let mut h = Households::default();
        h.reserve(8_000);
        for k in 0..8_001 {
            h.push(k, single(), Month(0));
        }
        // Full at 8,000: one more slot added an eighth (plus a little).
        let cap = h.heap_bytes() / Households::BYTES_PER_HOUSEHOLD;
        assert_eq!(cap, 8_000 + crate::model::growth(8_000));
        assert!(cap < 8_000 * 9 / 8 + 100, "{cap}");
    }

    #[test]
    fn age_counts_whole_years() {
        let mut h = Households::default();
        h.push(0, NewHousehold { born: -12 * 30 - 5, ..single() }, Month(0));
        assert_eq!(h.age(0, Month(0)), 30);
        assert_eq!(h.age(0, Month(7)), 31);
    }
}
