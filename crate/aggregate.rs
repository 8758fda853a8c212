//! Aggregation over replications (mean and quantiles per month) and over
//! time (calendar years), and the run summary.

use crate::results::{N_OUTPUTS, OutKind, Row, table};
use serde::Serialize;
use statrs::statistics::{Data, OrderStatistics};

/// Quantile levels reported for every output. Quantiles are estimated with
/// Hyndman and Fan's type 8 (median-unbiased), as `statrs` computes them.
pub const QUANTILES: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

/// Mean and quantiles of one output in one period over replications.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Band {
    /// Mean.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Band {
    /// The band of `values` (one per replication).
    pub fn of(values: &[f64]) -> Band {
        if values.is_empty() {
            return Band::default();
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let mut data = Data::new(values.to_vec());
        let q = QUANTILES.map(|t| data.quantile(t));
        Band { mean, p5: q[0], p25: q[1], p50: q[2], p75: q[3], p95: q[4] }
    }
}

/// Bands per period and output: `result[period][output]`.
pub fn bands(runs: &[Vec<Row>]) -> Vec<Vec<Band>> {
    let periods = runs.iter().map(|r| r.len()).min().unwrap_or(0);
    (0..periods).map(|t| (0..N_OUTPUTS).map(|o| Band::of(&runs.iter().map(|r| r[t].0[o]).collect::<Vec<_>>())).collect()).collect()
}

/// Calendar-year values of one replication's monthly rows, starting in
/// January: stocks and cumulative outputs take December's value, flows the
/// sum, rates the mean. A trailing partial year is included.
pub fn yearly(rows: &[Row]) -> Vec<Row> {
    rows.chunks(12)
        .map(|year| {
            let mut out = Row::zeros();
            for (o, spec) in table().iter().enumerate() {
                let values = year.iter().map(|r| r.0[o]);
                out.0[o] = match spec.kind {
                    OutKind::Stock | OutKind::Cumulative => year.last().map_or(0.0, |r| r.0[o]),
                    OutKind::Flow => values.sum(),
                    OutKind::Rate => values.sum::<f64>() / year.len() as f64,
                };
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Out;

    #[test]
    fn band_of_known_values() {
        let v: Vec<f64> = (1..=101).map(|x| x as f64).collect();
        let b = Band::of(&v);
        assert_eq!(b.mean, 51.0);
        assert!((b.p50 - 51.0).abs() < 1e-9);
        assert!(b.p5 < b.p25 && b.p25 < b.p50 && b.p50 < b.p75 && b.p75 < b.p95);
        // Hyndman–Fan type 8 (statrs): p5 of 1..=101 is 5.4, p95 is 96.6.
        assert!((b.p5 - 5.4).abs() < 1e-9 && (b.p95 - 96.6).abs() < 1e-9, "{b:?}");
    }

    #[test]
    fn yearly_sums_flows_and_keeps_december_stocks() {
        let rows: Vec<Row> = (0..24)
            .map(|m| {
                let mut r = Row::zeros();
                r.set(Out::new_executed_evictions, 1.0);
                r.set(Out::n_homeless, m as f64);
                r
            })
            .collect();
        let y = yearly(&rows);
        assert_eq!(y.len(), 2);
        assert_eq!(y[0].get(Out::new_executed_evictions), 12.0);
        assert_eq!(y[1].get(Out::n_homeless), 23.0);
    }
}
