//! Comparing two scenarios with common random numbers.
//!
//! Replication `r` of the base and of the alternative scenario use the same
//! seed and the same random streams (see [`crate::rng`]), so each pair
//! differs only through the scenarios. The difference of a pair is therefore
//! much less noisy than the difference of two independent runs, and the
//! interval of the mean difference across pairs is narrower than the
//! unpaired (Welch) interval, which is reported beside it for comparison.

use crate::aggregate::yearly;
use crate::results::{N_OUTPUTS, Out, Row};
use crate::scenario::Prepared;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Two-sided level of the reported intervals.
pub const LEVEL: f64 = 0.90;

/// The difference alternative − base of one output in one period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Difference {
    /// Mean over replications of the base.
    pub base: f64,
    /// Mean over replications of the alternative.
    pub alternative: f64,
    /// Mean of the paired differences (= alternative − base).
    pub mean: f64,
    /// Lower end of the 90% interval of the mean difference, from the pairs.
    pub paired_low: f64,
    /// Upper end of the paired interval.
    pub paired_high: f64,
    /// Lower end of the 90% interval as if the runs were independent (Welch).
    pub unpaired_low: f64,
    /// Upper end of the unpaired interval.
    pub unpaired_high: f64,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn variance(v: &[f64]) -> f64 {
    if v.len() < 2 {
        return 0.0;
    }
    let m = mean(v);
    v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0)
}

/// Quantile of Student's t for the two-sided [`LEVEL`] with `df` degrees of freedom.
fn t_quantile(df: f64) -> f64 {
    if !(df.is_finite() && df > 0.0) {
        return 0.0;
    }
    StudentsT::new(0.0, 1.0, df).map(|t| t.inverse_cdf(0.5 + LEVEL / 2.0)).unwrap_or(0.0)
}

impl Difference {
    /// The difference of paired samples `base[r]`, `alternative[r]`.
    pub fn of(base: &[f64], alternative: &[f64]) -> Difference {
        let n = base.len().min(alternative.len());
        let (a, b) = (&base[..n], &alternative[..n]);
        if n == 0 {
            return Difference::default();
        }
        let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
        let m = mean(&d);
        let nf = n as f64;
        let half_paired = t_quantile(nf - 1.0) * (variance(&d) / nf).sqrt();
        let (va, vb) = (variance(a) / nf, variance(b) / nf);
        let se = (va + vb).sqrt();
        let welch_df = if va + vb > 0.0 { (va + vb).powi(2) / (va * va / (nf - 1.0) + vb * vb / (nf - 1.0)) } else { 0.0 };
        let half_unpaired = t_quantile(welch_df) * se;
        Difference {
            base: mean(a),
            alternative: mean(b),
            mean: m,
            paired_low: m - half_paired,
            paired_high: m + half_paired,
            unpaired_low: m - half_unpaired,
            unpaired_high: m + half_unpaired,
        }
    }
}

/// Per calendar year and output: `result[year][output]`.
pub fn yearly_differences(base: &[Vec<Row>], alternative: &[Vec<Row>]) -> Vec<Vec<Difference>> {
    let yb: Vec<Vec<Row>> = base.iter().map(|r| yearly(r)).collect();
    let ya: Vec<Vec<Row>> = alternative.iter().map(|r| yearly(r)).collect();
    let years = yb.iter().chain(&ya).map(|r| r.len()).min().unwrap_or(0);
    (0..years)
        .map(|t| {
            (0..N_OUTPUTS)
                .map(|o| {
                    let a: Vec<f64> = yb.iter().map(|r| r[t].0[o]).collect();
                    let b: Vec<f64> = ya.iter().map(|r| r[t].0[o]).collect();
                    Difference::of(&a, &b)
                })
                .collect()
        })
        .collect()
}

/// Costs and effects summed over the horizon, for the whole population
/// (counts divided by the scale), with cost-effectiveness ratios.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Effectiveness {
    /// Extra cost of the alternative (SEK), with its paired interval.
    pub extra_cost_sek: Difference,
    /// Change in homeless person-years.
    pub homeless_person_years: Difference,
    /// Change in executed evictions.
    pub executed_evictions: Difference,
    /// SEK per homeless person-year avoided (`None` unless the alternative both costs more and avoids some).
    pub sek_per_homeless_year_avoided: Option<f64>,
    /// SEK per executed eviction avoided (`None` unless the alternative both costs more and avoids some).
    pub sek_per_eviction_avoided: Option<f64>,
}

/// Totals over the horizon of each replication, scaled to the whole population.
fn totals(runs: &[Vec<Row>], scale: f64, f: impl Fn(&Row) -> f64) -> Vec<f64> {
    runs.iter().map(|rows| rows.iter().map(&f).sum::<f64>() / scale).collect()
}

/// Costs and cost-effectiveness of `alternative` against `base`.
pub fn effectiveness(base: &[Vec<Row>], alternative: &[Vec<Row>], scale: f64) -> Effectiveness {
    let cost = |r: &Row| r.get(Out::cost_total_sek);
    let homeless_years = |r: &Row| r.get(Out::n_homeless) / 12.0;
    let evictions = |r: &Row| r.get(Out::new_executed_evictions);
    let c = Difference::of(&totals(base, scale, cost), &totals(alternative, scale, cost));
    let h = Difference::of(&totals(base, scale, homeless_years), &totals(alternative, scale, homeless_years));
    let e = Difference::of(&totals(base, scale, evictions), &totals(alternative, scale, evictions));
    let ratio = |cost: f64, change: f64| if cost > 0.0 && change < 0.0 { Some(cost / -change) } else { None };
    Effectiveness {
        sek_per_homeless_year_avoided: ratio(c.mean, h.mean),
        sek_per_eviction_avoided: ratio(c.mean, e.mean),
        extra_cost_sek: c,
        homeless_person_years: h,
        executed_evictions: e,
    }
}

/// [`effectiveness`] over the projection only: the months before the
/// scenarios' start year are their shared history, the same in both.
pub fn projection_effectiveness(base: &Prepared, runs_base: &[Vec<Row>], runs_alternative: &[Vec<Row>]) -> Effectiveness {
    let h = base.timeline().history_months() as usize;
    let projection = |runs: &[Vec<Row>]| runs.iter().map(|r| r[h.min(r.len())..].to_vec()).collect::<Vec<_>>();
    effectiveness(&projection(runs_base), &projection(runs_alternative), base.scenario.scale)
}

/// Checks that two scenarios can be compared pair by pair: same preset,
/// scale, start year, horizon and seed. Returns the first setting that differs.
pub fn check_comparable(base: &Prepared, alternative: &Prepared) -> Result<(), String> {
    let (a, b) = (&base.scenario, &alternative.scenario);
    let differs = [
        ("preset", base.preset.id != alternative.preset.id),
        ("scale", a.scale != b.scale),
        ("start_year", a.start_year != b.start_year),
        ("horizon_months", a.horizon_months != b.horizon_months),
        ("seed", a.seed != b.seed),
    ];
    match differs.iter().find(|(_, d)| *d) {
        Some((key, _)) => Err(format!(
            "the scenarios differ in `{key}`; a paired comparison needs the same preset, scale, start_year, horizon_months and seed"
        )),
        None => Ok(()),
    }
}

/// The outputs shown first in a comparison.
pub const HEADLINE: [Out; 8] = [
    Out::homeless_per_10k,
    Out::n_homeless,
    Out::n_rough_sleepers,
    Out::new_executed_evictions,
    Out::new_payment_orders,
    Out::new_homeless,
    Out::cost_instruments_sek,
    Out::cost_total_sek,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_interval_is_narrow_when_pairs_share_noise() {
        // Large common noise, a small constant effect of +1.
        let base: Vec<f64> = (0..20).map(|r| 100.0 + 30.0 * ((r * 7919 % 13) as f64 - 6.0)).collect();
        let alt: Vec<f64> = base.iter().enumerate().map(|(r, x)| x + 1.0 + 0.1 * ((r % 3) as f64 - 1.0)).collect();
        let d = Difference::of(&base, &alt);
        assert!((d.mean - 1.0).abs() < 0.05);
        assert!(d.paired_low < 1.0 && 1.0 < d.paired_high);
        assert!(d.paired_high - d.paired_low < 0.2, "{d:?}");
        assert!(d.unpaired_high - d.unpaired_low > 20.0, "{d:?}");
    }

    #[test]
    fn t_quantile_matches_tables() {
        // t(0.95; 9) = 1.833; t(0.95; large) -> 1.645.
        assert!((t_quantile(9.0) - 1.833).abs() < 0.001);
        assert!((t_quantile(1e6) - 1.645).abs() < 0.001);
    }

    #[test]
    fn cost_effectiveness_needs_cost_and_avoidance() {
        let r = |cost: f64, homeless: f64| {
            let mut row = Row::zeros();
            row.set(Out::cost_total_sek, cost);
            row.set(Out::n_homeless, homeless);
            row
        };
        let base = vec![vec![r(0.0, 12.0); 12]; 3];
        let alt = vec![vec![r(1000.0, 6.0); 12]; 3];
        let e = effectiveness(&base, &alt, 0.5);
        // 12 months x 1000 SEK / 0.5 = 24000 SEK extra; 6 persons fewer for a year / 0.5 = 12 person-years.
        assert_eq!(e.sek_per_homeless_year_avoided, Some(2000.0));
        assert_eq!(e.sek_per_eviction_avoided, None);
    }
}
