//! The calendar of a run: history from 2011, then the scenario's projection.
//!
//! Every run starts from the place's observed state in January
//! [`HISTORY_START_YEAR`] (its 2011 homeless count, the stocks its
//! instruments had in force then; [`crate::model::start`]). A scenario whose
//! `start_year` is later first lives through the years in between — the
//! *history* — under the conditions recorded for them ([`crate::drivers`])
//! and with the instruments the place had then (its recorded instruments,
//! [`crate::policy::recorded_instruments`]). Its own instruments act from
//! January of `start_year` on — the *projection*. Both periods are one series
//! of reported months; [`Timeline::period`] says which a month belongs to,
//! and the outputs carry it as the column `period`.
//!
//! The history depends only on the place, the parameters, the conditions,
//! the scale, the seed and the replication — never on the scenario's
//! instruments — so it is the same for every scenario of a place, and
//! [`crate::run::Simulation::boundary`] lets a caller compute it once and
//! start every scenario from a copy of the state at the boundary.

use serde::Serialize;

/// Calendar year of the first reported month of every run: the year of the
/// national count (Socialstyrelsen, week 17 of 2011) and of the municipal
/// counts the places start from.
pub const HISTORY_START_YEAR: i32 = 2011;

/// The current year of the data: the default `start_year`, and the latest
/// one a scenario may start in. A constant, not the clock, so runs stay
/// reproducible; it moves when the drivers table is brought up to date
/// (data/drivers/national.csv: observed to 2024–2025, held after).
pub const DATA_YEAR: i32 = 2026;

/// Which part of a run a month belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Before the scenario's start year: the place's recorded instruments
    /// under recorded conditions, the same for every scenario of the place.
    History,
    /// From January of the scenario's start year: the scenario's instruments.
    Projection,
}

impl Period {
    /// The name written in outputs: `history` or `projection`.
    pub fn name(self) -> &'static str {
        match self {
            Period::History => "history",
            Period::Projection => "projection",
        }
    }
}

/// The reported months of a run: `history_months` of history from January
/// [`HISTORY_START_YEAR`], then `horizon_months` of projection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// Calendar year of the first projected month (the scenario's `start_year`).
    pub start_year: i32,
    /// Reported months of projection (the scenario's `horizon_months`).
    pub horizon_months: u32,
}

impl Timeline {
    /// Calendar year of the first reported month: the history's start, or
    /// the start year itself when that is the history's start.
    pub fn first_year(&self) -> i32 {
        self.start_year.min(HISTORY_START_YEAR)
    }

    /// Reported months before the projection (0 for a run from 2011).
    pub fn history_months(&self) -> u32 {
        ((self.start_year - self.first_year()) * 12) as u32
    }

    /// Whether the run has a history before its projection.
    pub fn has_history(&self) -> bool {
        self.history_months() > 0
    }

    /// Reported months in all: history and projection.
    pub fn reported_months(&self) -> u32 {
        self.history_months() + self.horizon_months
    }

    /// The period of reported month `m` (0 = January of [`Timeline::first_year`]).
    pub fn period(&self, m: usize) -> Period {
        if (m as u64) < self.history_months() as u64 { Period::History } else { Period::Projection }
    }

    /// The period of calendar year `year` (years before the start year are
    /// history).
    pub fn period_of_year(&self, year: i32) -> Period {
        if year < self.start_year { Period::History } else { Period::Projection }
    }

    /// `YYYY-MM` of reported month `m`.
    pub fn label(&self, m: usize) -> String {
        month_label(self.first_year(), m)
    }
}

/// `YYYY-MM` of scenario month `m` for a scenario starting in January of `start_year`.
pub fn month_label(start_year: i32, m: usize) -> String {
    format!("{}-{:02}", start_year + (m / 12) as i32, m % 12 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_labels_roll_over_years() {
        assert_eq!(month_label(2012, 0), "2012-01");
        assert_eq!(month_label(2012, 13), "2013-02");
    }

    #[test]
    fn a_run_from_the_history_start_has_no_history() {
        let t = Timeline { start_year: HISTORY_START_YEAR, horizon_months: 24 };
        assert!(!t.has_history());
        assert_eq!((t.first_year(), t.reported_months()), (2011, 24));
        assert_eq!(t.period(0), Period::Projection);
    }

    #[test]
    fn a_later_start_is_preceded_by_the_years_since_2011_as_history() {
        let t = Timeline { start_year: 2026, horizon_months: 120 };
        assert_eq!(t.history_months(), 15 * 12);
        assert_eq!(t.reported_months(), 300);
        assert_eq!((t.period(179), t.period(180)), (Period::History, Period::Projection));
        assert_eq!((t.label(179).as_str(), t.label(180).as_str()), ("2025-12", "2026-01"));
        assert_eq!((t.period_of_year(2025), t.period_of_year(2026)), (Period::History, Period::Projection));
    }
}
