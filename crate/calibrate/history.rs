//! The modelled history of a place beside what was observed: from its
//! observed start in January 2011 to the data year, under the recorded
//! conditions and with its recorded instruments, the yearly values of the
//! outputs the evidence speaks to (the count and its situations, children
//! with a homeless parent, Kronofogden's funnel, social contracts), each
//! with its median and P5–P95 over replications, and every observed point
//! of [`crate::observed`] with the model's value at the same time and the
//! relative error.
//!
//! Points of role `check` (after 2013) were never fitted: they are how the
//! model is judged, and [`PlaceHistory::misses`] states each in a sentence
//! (the validation report and the page show them). Plain computation over
//! rows; the shell runs the replications.

use crate::aggregate::Band;
use crate::observed::{ObservedPoint, Role};
use crate::results::{OutKind, Row};
use serde::Serialize;

/// The outputs of a history table, in column order: per 10,000 residents
/// for rates; counts for the whole place (the simulated counts over the scale).
pub const OUTPUTS: &[&str] = &[
    "homeless_per_10k",
    "children_with_homeless_parent_per_10k",
    "sit1_per_10k",
    "sit2_per_10k",
    "sit3_per_10k",
    "sit4_per_10k",
    "executed_evictions_per_10k",
    "new_executed_evictions",
    "new_eviction_applications",
    "new_payment_orders",
    "new_children_affected",
    "n_social_contracts",
];

/// One year of a place's history: per output of [`OUTPUTS`], the median,
/// P5 and P95 over replications.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HistoryYear {
    /// Calendar year.
    pub year: i32,
    /// `[median, P5, P95]` per output, in [`OUTPUTS`] order.
    pub values: Vec<[f64; 3]>,
}

/// An observed point beside the model's value at the same time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    /// The observed point.
    #[serde(flatten)]
    pub point: ObservedPoint,
    /// The model's `[median, P5, P95]` at the point's time.
    pub model: [f64; 3],
}

impl Check {
    /// `median / observed − 1`.
    pub fn relative_error(&self) -> f64 {
        if self.point.value != 0.0 { self.model[0] / self.point.value - 1.0 } else { 0.0 }
    }

    /// Whether the observed value lies inside the model's P5–P95.
    pub fn inside_band(&self) -> bool {
        (self.model[1]..=self.model[2]).contains(&self.point.value)
    }
}

/// A place's modelled history and its checks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceHistory {
    /// Preset id.
    pub id: String,
    /// Place name.
    pub name: String,
    /// Yearly values, first year first.
    pub years: Vec<HistoryYear>,
    /// Every observed point of the place inside the history, with the model's value.
    pub checks: Vec<Check>,
}

/// The value of `output` over one replication's monthly `rows` (first row:
/// January of `first_year`) in `year`: its value in `month` (1–12) where
/// given; otherwise December's for a stock, the year's sum for a flow
/// (counts over `scale`: the whole place), the mean of the months for a
/// rate. `None` outside the rows.
pub fn value_in(rows: &[Row], first_year: i32, scale: f64, output: &str, year: i32, month: u8) -> Option<f64> {
    let k = crate::results::index_of(output)?;
    let spec = crate::results::table()[k];
    let start = usize::try_from((year - first_year) * 12).ok()?;
    let months = rows.get(start..start + 12)?;
    let whole = |v: f64| if spec.unit.contains("per ") || spec.unit == "share" { v } else { v / scale };
    Some(match (month, spec.kind) {
        (1..=12, _) => whole(months[month as usize - 1].0[k]),
        (_, OutKind::Stock) | (_, OutKind::Cumulative) => whole(months[11].0[k]),
        (_, OutKind::Flow) => whole(months.iter().map(|r| r.0[k]).sum()),
        (_, OutKind::Rate) => months.iter().map(|r| r.0[k]).sum::<f64>() / 12.0,
    })
}

fn band(values: &[f64]) -> [f64; 3] {
    let b = Band::of(values);
    [b.p50, b.p5, b.p95]
}

/// The history of place `id` from replications' monthly rows (`runs`, each
/// starting in January of `first_year`, simulated at `scale`), beside the
/// place's observed points.
pub fn place_history(id: &str, name: &str, first_year: i32, scale: f64, runs: &[Vec<Row>]) -> PlaceHistory {
    let years_run = runs.iter().map(|r| r.len() / 12).min().unwrap_or(0) as i32;
    let per_replication = |output: &str, year: i32, month: u8| -> Vec<f64> {
        runs.iter().filter_map(|rows| value_in(rows, first_year, scale, output, year, month)).collect()
    };
    let years = (0..years_run)
        .map(|y| {
            let year = first_year + y;
            HistoryYear { year, values: OUTPUTS.iter().map(|o| band(&per_replication(o, year, 0))).collect() }
        })
        .collect();
    let checks = crate::observed::for_place(id)
        .into_iter()
        .filter(|p| p.year >= first_year && p.year < first_year + years_run)
        .map(|p| Check { point: p.clone(), model: band(&per_replication(&p.output, p.year, p.month)) })
        .collect();
    PlaceHistory { id: id.into(), name: name.into(), years, checks }
}

impl PlaceHistory {
    /// The checks after 2013 (never fitted), each in a sentence: what was
    /// observed, what the model's history gives, and by how much it misses.
    pub fn misses(&self) -> Vec<String> {
        self.checks
            .iter()
            .filter(|c| c.point.role == Role::Check)
            .map(|c| {
                let e = c.relative_error();
                let verdict = if c.inside_band() {
                    "inside the model's P5–P95".to_string()
                } else {
                    format!("{:.0}% {}", e.abs() * 100.0, if e > 0.0 { "above" } else { "below" })
                };
                format!(
                    "{} {}: observed {} ({}); the model's history {} [{}–{}], {}.",
                    c.point.year,
                    c.point.output,
                    crate::calibrate::report::num(c.point.value),
                    c.point.note_en,
                    crate::calibrate::report::num(c.model[0]),
                    crate::calibrate::report::num(c.model[1]),
                    crate::calibrate::report::num(c.model[2]),
                    verdict
                )
            })
            .collect()
    }
}

/// Column heads of a history table, in [`OUTPUTS`] order.
const HEADS: &[&str] = &[
    "homeless per 10k",
    "children with a homeless parent per 10k",
    "sit. 1",
    "sit. 2",
    "sit. 3",
    "sit. 4",
    "executed evictions per 10k",
    "executed evictions",
    "eviction applications",
    "payment orders",
    "children affected",
    "social contracts (Dec)",
];

/// The report's section on the histories: per place a table of years
/// (median [P5–P95] of each output) with what was observed that year, and
/// the misses in sentences.
pub fn markdown(histories: &[PlaceHistory], replications: u32) -> String {
    use crate::calibrate::report::num;
    use std::fmt::Write as _;
    let Some(first) = histories.first() else { return String::new() };
    let (y0, y1) = (first.years.first().map_or(0, |y| y.year), first.years.last().map_or(0, |y| y.year));
    let mut s = format!(
        "\n## The history {y0}–{y1} beside what was observed\n\n\
         Each place from its observed start in January 2011 to the data year, with its recorded instruments, under the \
         conditions recorded for each year (docs/odd.md §3.2: population growth, unemployment, social assistance, newly \
         arrived, rents, the assistance norm and the housing allowance, wages, pensions, benefits and the cost of \
         living), {replications} replications: the median and P5–P95 of each year (stocks: December; flows: the year's \
         sum for the whole place; rates: per 10,000 residents). Homeless persons are counted as Socialstyrelsen counts \
         them — adults; children with a homeless parent are a column of their own. The last column has every value the \
         project's data hold for that year (`data/evidence/observed_points.csv`), marked *start* (the run starts from \
         it), *fit* (a calibration target of 2011–2013) or *check* (an outcome after 2013, never fitted), with the \
         model's value at the same time. docs/odd.md §4 discusses where they part.\n"
    );
    let band = |b: &[f64; 3]| format!("{} [{}–{}]", num(b[0]), num(b[1]), num(b[2]));
    for h in histories {
        let _ = write!(s, "\n### {}\n\n| year | {} | observed |\n|---|{}---|\n", h.name, HEADS.join(" | "), "---|".repeat(HEADS.len()));
        for y in &h.years {
            let observed: Vec<String> = h
                .checks
                .iter()
                .filter(|c| c.point.year == y.year)
                .map(|c| {
                    let role = match c.point.role {
                        Role::Start => "start",
                        Role::Fit => "fit",
                        Role::Check => "check",
                        Role::Volume => "volume",
                    };
                    format!(
                        "{} {} = {} (*{role}*; model {}): {}",
                        c.point.output,
                        if c.point.month > 0 { format!("in month {}", c.point.month) } else { String::new() },
                        num(c.point.value),
                        num(c.model[0]),
                        c.point.note_en
                    )
                    .replace("  ", " ")
                })
                .collect();
            let cells: Vec<String> = y.values.iter().map(band).collect();
            let _ = writeln!(s, "| {} | {} | {} |", y.year, cells.join(" | "), observed.join("; "));
        }
        let misses = h.misses();
        if !misses.is_empty() {
            let _ = writeln!(s, "\nChecks after 2013 (not fitted):\n");
            for m in misses {
                let _ = writeln!(s, "* {m}");
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Out;

    fn rows(months: usize, f: impl Fn(usize) -> (f64, f64)) -> Vec<Row> {
        (0..months)
            .map(|m| {
                let mut r = Row::zeros();
                let (stock, flow) = f(m);
                r.set(Out::homeless_per_10k, stock);
                r.set(Out::n_social_contracts, stock);
                r.set(Out::new_executed_evictions, flow);
                r
            })
            .collect()
    }

    #[test]
    fn a_year_is_decembers_stock_the_sum_of_a_flow_and_a_counts_month_when_given() {
        let r = rows(36, |m| (m as f64, 2.0));
        // 2012 is months 12-23: December is 23; evictions 24 in the year,
        // 48 for the whole place at scale 0.5; contracts over the scale too.
        assert_eq!(value_in(&r, 2011, 0.5, "homeless_per_10k", 2012, 0), Some(23.0));
        assert_eq!(value_in(&r, 2011, 0.5, "new_executed_evictions", 2012, 0), Some(48.0));
        assert_eq!(value_in(&r, 2011, 0.5, "n_social_contracts", 2012, 0), Some(46.0));
        assert_eq!(value_in(&r, 2011, 0.5, "homeless_per_10k", 2012, 4), Some(15.0), "April 2012");
        assert_eq!(value_in(&r, 2011, 0.5, "homeless_per_10k", 2014, 0), None, "outside the rows");
        assert_eq!(value_in(&r, 2011, 0.5, "no_such_output", 2012, 0), None);
    }

    #[test]
    fn every_observed_point_inside_the_history_is_checked_against_the_model_at_its_time() {
        let runs: Vec<Vec<Row>> = (0..3).map(|k| rows(15 * 12, move |m| (30.0 + k as f64 + (m / 12) as f64 * 0.0, 100.0))).collect();
        let h = place_history("sverige", "Sverige", 2011, 1.0, &runs);
        assert_eq!(h.years.len(), 15);
        assert_eq!(h.years[0].values.len(), OUTPUTS.len());
        let count_2023 = h.checks.iter().find(|c| c.point.output == "homeless_per_10k" && c.point.year == 2023).expect("2023 checked");
        assert_eq!(count_2023.model, band(&[30.0, 31.0, 32.0]));
        assert_eq!(count_2023.model[0], 31.0, "April 2023 of the three replications");
        assert!((count_2023.relative_error() - (31.0 / count_2023.point.value - 1.0)).abs() < 1e-12);
        let misses = h.misses();
        assert!(misses.iter().any(|m| m.starts_with("2023 homeless_per_10k: observed 26.0") && m.contains("% above")), "{misses:?}");
        assert!(h.checks.iter().all(|c| c.point.year <= 2025));
    }
}
