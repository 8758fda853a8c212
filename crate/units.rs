//! Units of measure used throughout the model.
//!
//! Money is kept in whole Swedish kronor as `i32` ([`Sek`]) so that household
//! accounting is exact integer arithmetic, identical on every platform; sums
//! over a whole place (a month's cost of an instrument) are `i64`
//! ([`SekTotal`]), which a national run at full scale needs.
//! Time is counted in whole months since the start of the simulated period
//! (including burn-in) as [`Month`]. Rates in the parameter table are always
//! stated *per year*; [`per_year_to_monthly_prob`] and `sample::months_until` convert them, so
//! that changing the time base never silently changes results.

use serde::{Deserialize, Serialize};

/// An amount of money in whole Swedish kronor (SEK).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sek(pub i32);

impl Sek {
    /// Zero kronor.
    pub const ZERO: Sek = Sek(0);

    /// Rounds a floating-point amount to whole kronor, saturating at the `i32` range.
    pub fn from_f64(x: f64) -> Sek {
        // `as` saturates and maps NaN to 0, which is what we want for money.
        Sek(libm::round(x) as i32)
    }

    /// The amount as `f64`.
    pub fn as_f64(self) -> f64 {
        self.0 as f64
    }
}

/// A sum of money in whole kronor over many households: a month's cost of
/// an instrument for a whole place. `i32` kronor ([`Sek`]) end at 2.1
/// billion, which the country's instruments at their maximum pass in a month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SekTotal(pub i64);

impl SekTotal {
    /// Rounds a floating-point amount to whole kronor, saturating at the
    /// `i64` range (NaN: 0).
    pub fn from_f64(x: f64) -> SekTotal {
        SekTotal(libm::round(x) as i64)
    }
}

impl From<Sek> for SekTotal {
    fn from(s: Sek) -> SekTotal {
        SekTotal(s.0 as i64)
    }
}

/// A point in simulated time: months since the first simulated month
/// (month 0 is the first month of burn-in).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Month(pub u16);

impl Month {
    /// Sentinel for "this event never happens" (also: "not scheduled").
    pub const NEVER: Month = Month(u16::MAX);

    /// The month `n` months after `self`, saturating at [`Month::NEVER`].
    pub fn plus(self, n: u32) -> Month {
        let v = self.0 as u32 + n;
        if v >= u16::MAX as u32 { Month::NEVER } else { Month(v as u16) }
    }

    /// Whole months elapsed from `earlier` to `self` (0 if `earlier` is later).
    pub fn since(self, earlier: Month) -> u32 {
        (self.0 as u32).saturating_sub(earlier.0 as u32)
    }

    /// Whether this is a real month rather than [`Month::NEVER`].
    pub fn is_set(self) -> bool {
        self != Month::NEVER
    }
}

/// Nights in an average month (365.25 / 12), for costs per night.
pub const NIGHTS_PER_MONTH: f64 = 30.4375;

/// Converts an annual event probability into the probability of at least one
/// event in one month, assuming a constant hazard within the year.
pub fn per_year_to_monthly_prob(p_year: f64) -> f64 {
    if p_year >= 1.0 {
        return 1.0;
    }
    1.0 - libm::pow(1.0 - p_year.max(0.0), 1.0 / 12.0)
}

/// A number as written in tables and messages: integers without a decimal
/// point (`3000`, `0.25`).
pub fn number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 { format!("{}", x as i64) } else { format!("{x}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_probability_compounds_back_to_the_annual_one() {
        let m = per_year_to_monthly_prob(0.2);
        let annual = 1.0 - (1.0 - m).powi(12);
        assert!((annual - 0.2).abs() < 1e-12);
    }

    #[test]
    fn month_arithmetic_saturates_at_never() {
        assert_eq!(Month(65_000).plus(1_000), Month::NEVER);
        assert_eq!(Month(10).since(Month(12)), 0);
        assert_eq!(Month(12).since(Month(10)), 2);
    }

    #[test]
    fn sek_rounds_half_away_from_zero() {
        assert_eq!(Sek::from_f64(2.5), Sek(3));
        assert_eq!(Sek::from_f64(1e10), Sek(i32::MAX), "saturates");
        assert_eq!(SekTotal::from_f64(1e10), SekTotal(10_000_000_000), "a country's month fits");
        assert_eq!(SekTotal::from(Sek(-7)), SekTotal(-7));
        assert_eq!(Sek::from_f64(-2.5), Sek(-3));
        assert_eq!(Sek::from_f64(f64::NAN), Sek(0));
    }
}
