//! Flows counted during one month (the `new_*` outputs), reset at its start.

/// Counters of events in the current month.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    /// Households that formed (separations, young adults leaving home).
    pub formed: u32,
    /// Households that merged into another (partnering).
    pub merged: u32,
    /// Persons born.
    pub persons_born: u32,
    /// Persons who died.
    pub persons_died: u32,
    /// Persons in households that moved in.
    pub persons_arrived: u32,
    /// Persons in households that left the municipality (or whose household
    /// dissolved on the death of its last adult: the children are counted here).
    pub persons_departed: u32,
    /// Households that moved into the municipality.
    pub arrived: u32,
    /// Households that left the municipality or dissolved.
    pub departed: u32,
    /// Households whose arrears reached notice.
    pub notices: u32,
    /// Payment orders with eviction (betalningsföreläggande) applied for.
    pub payment_orders: u32,
    /// Eviction applications (ansökan om avhysning) made.
    pub applications: u32,
    /// Eviction applications withdrawn (debt paid or settled).
    pub withdrawn: u32,
    /// Evictions executed by Kronofogden.
    pub executed: u32,
    /// Executed evictions for reasons other than arrears.
    pub executed_disturbance: u32,
    /// Children living in households evicted this month.
    pub children_affected: u32,
    /// Households that moved out "voluntarily" under notice or payment order.
    pub moves_under_threat: u32,
    /// Households that became homeless (entered situation 1, 2 or 4 from housing).
    pub homeless_entries: u32,
    /// Entries into homelessness by [`crate::model::moves::Cause`].
    pub entries_by_cause: [u32; crate::model::moves::Cause::COUNT],
    /// Adults in those households (the persons Socialstyrelsen counts).
    pub homeless_entry_adults: u32,
    /// Households that left homelessness for housing.
    pub homeless_exits: u32,
    /// Households that left homelessness, by [`crate::model::moves::Cause`]
    /// of the move (for housing, or out of the municipality: `Departure`).
    pub exits_by_cause: [u32; crate::model::moves::Cause::COUNT],
    /// Months homeless, summed over households that left homelessness this month.
    pub homeless_exit_months: u64,
    /// Entries that are returns within 12 months of leaving homelessness.
    pub returns_12m: u32,
    /// Entries that are returns within 24 months.
    pub returns_24m: u32,
    /// Households that got a dwelling through the market.
    pub housed: u32,
    /// Dwellings of the public company let through the market.
    pub public_lets: u32,
    /// Of those, lets to households leaving homelessness.
    pub public_lets_to_homeless: u32,
    /// Months in the public company's queue, summed over its lets.
    pub public_let_queue_months: u64,
    /// Months searched, summed over households housed by the market this month.
    pub housed_search_months: u64,
    /// Dwellings completed.
    pub completions: u32,
    /// Dwellings demolished.
    pub demolitions: u32,
    /// Dwellings added at the start because an instrument's stock in force
    /// needed more municipal flats than the market had vacant (they existed;
    /// not completions).
    pub added_at_start: u32,
    /// New payment remarks.
    pub new_remarks: u32,
}
