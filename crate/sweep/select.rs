//! Which outputs a sweep keeps: output names, monthly or calendar-year
//! values in a window, and summary statistics over that window.
//!
//! ```toml
//! [outputs]
//! names = ["homeless_per_10k", "new_executed_evictions"]
//! period = "year"        # "year" (stocks: December, flows: sum, rates: mean) or "month"
//! from = 2015            # first year kept (default: the first reported year)
//! to = 2021              # last year kept (default: the last)
//! summaries = ["mean"]   # also: min, max, sum, last — over the kept periods
//! periods = true         # keep each period's value too (default)
//! ```
//!
//! Each kept value becomes one tidy [`Record`]: the output, the time
//! (`2015`, `2015-03`, or the window `2015-2021` for a summary), the
//! statistic (`value` for a period's own value) and the number.

use crate::aggregate::yearly;
use crate::results::{self, Row};
use crate::timeline::month_label;
use serde::{Deserialize, Serialize};

/// Time resolution of kept values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar years.
    #[default]
    Year,
    /// Months.
    Month,
}

/// A statistic over the kept periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Summary {
    /// Arithmetic mean.
    Mean,
    /// Smallest value.
    Min,
    /// Largest value.
    Max,
    /// Sum (e.g. evictions over the window).
    Sum,
    /// Value of the last kept period.
    Last,
}

impl Summary {
    /// The name written in the `statistic` column.
    pub fn name(self) -> &'static str {
        match self {
            Summary::Mean => "mean",
            Summary::Min => "min",
            Summary::Max => "max",
            Summary::Sum => "sum",
            Summary::Last => "last",
        }
    }

    fn of(self, v: &[f64]) -> f64 {
        match self {
            Summary::Mean => v.iter().sum::<f64>() / v.len().max(1) as f64,
            Summary::Min => v.iter().copied().fold(f64::INFINITY, f64::min),
            Summary::Max => v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            Summary::Sum => v.iter().sum(),
            Summary::Last => v.last().copied().unwrap_or(0.0),
        }
    }
}

fn default_true() -> bool {
    true
}

/// The `[outputs]` section of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Output names (`hemma outputs` lists them).
    pub names: Vec<String>,
    /// Monthly or calendar-year values.
    #[serde(default)]
    pub period: Period,
    /// First calendar year kept.
    #[serde(default)]
    pub from: Option<i32>,
    /// Last calendar year kept.
    #[serde(default)]
    pub to: Option<i32>,
    /// Statistics over the kept periods.
    #[serde(default)]
    pub summaries: Vec<Summary>,
    /// Whether each period's own value is kept.
    #[serde(default = "default_true")]
    pub periods: bool,
}

/// One kept value of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Index into the output table.
    pub output: u16,
    /// `YYYY`, `YYYY-MM`, or `YYYY-YYYY` for a summary.
    pub time: String,
    /// `value`, or a summary's name.
    pub statistic: &'static str,
    /// The number.
    pub value: f64,
}

/// A [`Selection`] checked against the output table and a scenario's years.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    outputs: Vec<usize>,
    period: Period,
    /// Kept period indices (months or years from the start), in order.
    keep: std::ops::Range<usize>,
    start_year: i32,
    summaries: Vec<Summary>,
    periods: bool,
    /// The runs' scale: kept values are for the whole municipality (totals
    /// divided by it, [`Row::whole_place`]).
    scale: f64,
}

impl Resolved {
    /// Checks `sel` for a scenario reporting `horizon_months` from January
    /// of `start_year` (history included).
    /// Errors are `(key, value, message)`.
    pub fn new(sel: &Selection, start_year: i32, horizon_months: u32) -> Result<Resolved, (String, String, String)> {
        if sel.names.is_empty() {
            return Err(("outputs.names".into(), "[]".into(), "name at least one output (`hemma outputs` lists them)".into()));
        }
        let mut outputs = Vec::new();
        for (i, name) in sel.names.iter().enumerate() {
            let Some(o) = results::index_of(name) else {
                return Err((format!("outputs.names[{i}]"), format!("{name:?}"), "unknown output; `hemma outputs` lists them".into()));
            };
            if outputs.contains(&o) {
                return Err((format!("outputs.names[{i}]"), format!("{name:?}"), "named twice".into()));
            }
            outputs.push(o);
        }
        let years = horizon_months.div_ceil(12) as i32;
        let (first, last) = (start_year, start_year + years - 1);
        let from = sel.from.unwrap_or(first);
        let to = sel.to.unwrap_or(last);
        for (key, y) in [("outputs.from", from), ("outputs.to", to)] {
            if !(first..=last).contains(&y) {
                return Err((key.into(), y.to_string(), format!("outside the scenario's years; allowed {first} to {last}")));
            }
        }
        if to < from {
            return Err(("outputs.to".into(), to.to_string(), format!("before outputs.from ({from})")));
        }
        if !sel.periods && sel.summaries.is_empty() {
            return Err(("outputs.periods".into(), "false".into(), "keeps nothing unless `summaries` names at least one".into()));
        }
        let (y0, y1) = ((from - first) as usize, (to - first) as usize);
        let keep = match sel.period {
            Period::Year => y0..y1 + 1,
            Period::Month => y0 * 12..((y1 + 1) * 12).min(horizon_months as usize),
        };
        Ok(Resolved { outputs, period: sel.period, keep, start_year, summaries: sel.summaries.clone(), periods: sel.periods, scale: 1.0 })
    }

    /// The same selection for runs at `scale`: [`Resolved::extract`] keeps
    /// values for the whole municipality, as every table does.
    pub fn at_scale(self, scale: f64) -> Resolved {
        Resolved { scale, ..self }
    }

    /// Records kept per run.
    pub fn per_run(&self) -> usize {
        self.outputs.len() * ((if self.periods { self.keep.len() } else { 0 }) + self.summaries.len())
    }

    /// The kept values of one run's monthly rows (as simulated), for the
    /// whole municipality, in a fixed order: by output, then periods in
    /// time order, then summaries.
    pub fn extract(&self, months: &[Row]) -> Vec<Record> {
        let months: Vec<Row> = months.iter().map(|r| r.whole_place(self.scale)).collect();
        let series: Vec<Row> = match self.period {
            Period::Year => yearly(&months),
            Period::Month => months,
        };
        let label = |t: usize| match self.period {
            Period::Year => (self.start_year + t as i32).to_string(),
            Period::Month => month_label(self.start_year, t),
        };
        let window = match self.period {
            Period::Year => format!("{}-{}", label(self.keep.start), label(self.keep.end - 1)),
            Period::Month => {
                format!("{}-{}", self.start_year + (self.keep.start / 12) as i32, self.start_year + ((self.keep.end - 1) / 12) as i32)
            }
        };
        let mut out = Vec::with_capacity(self.per_run());
        for &o in &self.outputs {
            let values: Vec<f64> = self.keep.clone().map(|t| series.get(t).map_or(f64::NAN, |r| r.0[o])).collect();
            if self.periods {
                for (t, v) in self.keep.clone().zip(&values) {
                    out.push(Record { output: o as u16, time: label(t), statistic: "value", value: *v });
                }
            }
            for s in &self.summaries {
                out.push(Record { output: o as u16, time: window.clone(), statistic: s.name(), value: s.of(&values) });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Out;

    fn sel(text: &str) -> Selection {
        toml::from_str(text).unwrap()
    }

    fn months(n: usize) -> Vec<Row> {
        (0..n)
            .map(|m| {
                let mut r = Row::zeros();
                r.set(Out::n_homeless, m as f64);
                r.set(Out::new_executed_evictions, 1.0);
                r
            })
            .collect()
    }

    #[test]
    fn yearly_values_and_a_summary_over_the_window() {
        let s = sel("names = [\"n_homeless\", \"new_executed_evictions\"]\nfrom = 2013\nto = 2014\nsummaries = [\"mean\", \"sum\"]\n");
        let r = Resolved::new(&s, 2012, 36).unwrap();
        let recs = r.extract(&months(36));
        assert_eq!(recs.len(), r.per_run());
        assert_eq!(recs.len(), 2 * (2 + 2));
        // Stocks take December: 23 and 35.
        assert_eq!((recs[0].time.as_str(), recs[0].value), ("2013", 23.0));
        assert_eq!((recs[1].time.as_str(), recs[1].value), ("2014", 35.0));
        assert_eq!((recs[2].statistic, recs[2].time.as_str(), recs[2].value), ("mean", "2013-2014", 29.0));
        // Flows sum over the year: 12 a year.
        assert_eq!(recs[4].value, 12.0);
        assert_eq!((recs[7].statistic, recs[7].value), ("sum", 24.0));
    }

    #[test]
    fn monthly_values_in_the_window() {
        let s = sel("names = [\"n_homeless\"]\nperiod = \"month\"\nfrom = 2013\nto = 2013\n");
        let recs = Resolved::new(&s, 2012, 30).unwrap().extract(&months(30));
        assert_eq!(recs.len(), 12);
        assert_eq!((recs[0].time.as_str(), recs[0].value), ("2013-01", 12.0));
    }

    #[test]
    fn bad_selections_name_the_key() {
        let bad = |t: &str| Resolved::new(&sel(t), 2012, 24).unwrap_err();
        assert_eq!(bad("names = [\"homeless\"]\n").0, "outputs.names[0]");
        assert_eq!(bad("names = [\"n_homeless\"]\nfrom = 2030\n").0, "outputs.from");
        assert_eq!(bad("names = [\"n_homeless\"]\nfrom = 2013\nto = 2012\n").0, "outputs.to");
        assert_eq!(bad("names = [\"n_homeless\"]\nperiods = false\n").0, "outputs.periods");
        assert_eq!(bad("names = []\n").0, "outputs.names");
    }
}
