//! Variance-based sensitivity analysis: first-order and total Sobol indices
//! from a Saltelli design ([`crate::sweep::design::saltelli`]), with
//! bootstrap confidence intervals.
//!
//! With `f_A`, `f_B` and `f_ABi` the model output on rows `j` of the
//! matrices `A`, `B` and `AB_i`, and `V` the variance of the outputs on `A`
//! and `B` together, the estimators are (Saltelli et al. 2010, *Computer
//! Physics Communications* 181, table 2, rows b and f):
//!
//! * first order `S_i  = mean_j( f_B (f_ABi − f_A) ) / V`;
//! * total (Jansen) `ST_i = mean_j( (f_A − f_ABi)² ) / (2 V)`.
//!
//! Intervals are percentile intervals over bootstrap resamples of the rows
//! `j` (each resample recomputes `V` too), from a ChaCha8 stream with a
//! given seed, so they are reproducible. For a stochastic model, `f` is the
//! mean over replications at a design point; with common random numbers
//! the replications' noise is shared between points and largely cancels in
//! the differences the estimators use.
//!
//! Validated on the Ishigami function, whose indices are known in closed
//! form (tests below).

use crate::sweep::design::Block;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use serde::Serialize;

/// The indices of one factor.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SobolIndex {
    /// First-order index `S_i`.
    pub first: f64,
    /// Lower end of its interval.
    pub first_low: f64,
    /// Upper end.
    pub first_high: f64,
    /// Total index `ST_i`.
    pub total: f64,
    /// Lower end of its interval.
    pub total_low: f64,
    /// Upper end.
    pub total_high: f64,
}

/// Outputs of a Saltelli design arranged by sample: `a[j]`, `b[j]`, `ab[i][j]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaltelliOutputs {
    /// `f(A_j)`.
    pub a: Vec<f64>,
    /// `f(B_j)`.
    pub b: Vec<f64>,
    /// `f(AB_i,j)`, one vector per factor.
    pub ab: Vec<Vec<f64>>,
}

impl SaltelliOutputs {
    /// Arranges `(sample, block, value)` triples of a design with `k`
    /// factors. Every sample must have its `A`, `B` and every `AB_i` value
    /// exactly once; the error says which is missing or repeated.
    pub fn arrange(k: usize, values: &[(u32, Block, f64)]) -> Result<SaltelliOutputs, String> {
        let n = values.iter().map(|v| v.0 as usize + 1).max().unwrap_or(0);
        let mut slots: Vec<Vec<Option<f64>>> = vec![vec![None; n]; k + 2];
        for &(j, block, y) in values {
            let row = match block {
                Block::A => 0,
                Block::B => 1,
                Block::AB(i) if (i as usize) < k => 2 + i as usize,
                other => return Err(format!("sample {j}: block {:?} does not belong to a Saltelli design of {k} factors", other.label())),
            };
            if slots[row][j as usize].replace(y).is_some() {
                return Err(format!("sample {j}, block {}: given twice", block_name(row)));
            }
        }
        let take = |row: usize| -> Result<Vec<f64>, String> {
            slots[row].iter().enumerate().map(|(j, v)| v.ok_or_else(|| format!("sample {j}, block {}: missing", block_name(row)))).collect()
        };
        let a = take(0)?;
        let b = take(1)?;
        let ab = (0..k).map(|i| take(2 + i)).collect::<Result<Vec<_>, _>>()?;
        Ok(SaltelliOutputs { a, b, ab })
    }

    /// Base samples.
    pub fn samples(&self) -> usize {
        self.a.len()
    }
}

fn block_name(row: usize) -> String {
    match row {
        0 => "A".into(),
        1 => "B".into(),
        r => format!("AB{}", r - 1),
    }
}

/// Point estimates `(S_i, ST_i)` for every factor over the rows `rows`.
fn estimate(o: &SaltelliOutputs, rows: &[usize]) -> Vec<(f64, f64)> {
    let n = rows.len() as f64;
    let all: Vec<f64> = rows.iter().flat_map(|&j| [o.a[j], o.b[j]]).collect();
    let mean = all.iter().sum::<f64>() / all.len() as f64;
    let var = all.iter().map(|y| (y - mean).powi(2)).sum::<f64>() / all.len() as f64;
    o.ab.iter()
        .map(|abi| {
            if var <= 0.0 {
                return (0.0, 0.0);
            }
            let first = rows.iter().map(|&j| o.b[j] * (abi[j] - o.a[j])).sum::<f64>() / n / var;
            let total = rows.iter().map(|&j| (o.a[j] - abi[j]).powi(2)).sum::<f64>() / n / (2.0 * var);
            (first, total)
        })
        .collect()
}

/// First-order and total indices of every factor with `level` (e.g. 0.95)
/// percentile intervals from `resamples` bootstrap resamples.
pub fn sobol_indices(o: &SaltelliOutputs, resamples: u32, level: f64, seed: u64) -> Vec<SobolIndex> {
    let n = o.samples();
    let rows: Vec<usize> = (0..n).collect();
    let point = estimate(o, &rows);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x534f_424f_4c42_5354); // "SOBOLBST"
    let k = o.ab.len();
    let mut firsts: Vec<Vec<f64>> = vec![Vec::with_capacity(resamples as usize); k];
    let mut totals: Vec<Vec<f64>> = vec![Vec::with_capacity(resamples as usize); k];
    let mut pick = vec![0usize; n];
    for _ in 0..resamples {
        for p in pick.iter_mut() {
            *p = ((rng.next_u64() as u128 * n as u128) >> 64) as usize;
        }
        for (i, (s, st)) in estimate(o, &pick).into_iter().enumerate() {
            firsts[i].push(s);
            totals[i].push(st);
        }
    }
    let tail = (1.0 - level.clamp(0.0, 1.0)) / 2.0;
    point
        .iter()
        .enumerate()
        .map(|(i, &(first, total))| {
            let (first_low, first_high) = percentile_interval(&mut firsts[i], tail).unwrap_or((first, first));
            let (total_low, total_high) = percentile_interval(&mut totals[i], tail).unwrap_or((total, total));
            SobolIndex { first, first_low, first_high, total, total_low, total_high }
        })
        .collect()
}

fn percentile_interval(v: &mut [f64], tail: f64) -> Option<(f64, f64)> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let pos = q * (v.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
    };
    Some((at(tail), at(1.0 - tail)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::design::{saltelli, scale};
    use std::f64::consts::PI;

    fn ishigami(x: &[f64]) -> f64 {
        let (a, b) = (7.0, 0.1);
        x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
    }

    /// Closed-form indices of the Ishigami function with a = 7, b = 0.1
    /// (Ishigami and Homma 1990; Sobol' and Levitan 1999).
    fn ishigami_truth() -> ([f64; 3], [f64; 3]) {
        let (a, b) = (7.0f64, 0.1f64);
        let v1 = 0.5 * (1.0 + b * PI.powi(4) / 5.0).powi(2);
        let v2 = a * a / 8.0;
        let v13 = b * b * PI.powi(8) * (1.0 / 18.0 - 1.0 / 50.0);
        let v = v1 + v2 + v13;
        ([v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v])
    }

    fn ishigami_outputs(n: u32) -> SaltelliOutputs {
        let values: Vec<(u32, Block, f64)> = saltelli(n, 3)
            .iter()
            .map(|p| {
                let x: Vec<f64> = p.u.iter().map(|u| scale(*u, -PI, PI)).collect();
                (p.sample, p.block, ishigami(&x))
            })
            .collect();
        SaltelliOutputs::arrange(3, &values).unwrap()
    }

    #[test]
    fn ishigami_indices_match_the_closed_form() {
        let (first, total) = ishigami_truth();
        assert!((first[0] - 0.3139).abs() < 1e-3 && (total[2] - 0.2437).abs() < 1e-3, "{first:?} {total:?}");
        let idx = sobol_indices(&ishigami_outputs(8192), 300, 0.95, 1);
        for i in 0..3 {
            assert!((idx[i].first - first[i]).abs() < 0.03, "S{}: {} vs {}", i + 1, idx[i].first, first[i]);
            assert!((idx[i].total - total[i]).abs() < 0.03, "ST{}: {} vs {}", i + 1, idx[i].total, total[i]);
            assert!(idx[i].first_low <= idx[i].first && idx[i].first <= idx[i].first_high);
            assert!(idx[i].total_low <= idx[i].total && idx[i].total <= idx[i].total_high);
            // The 95% intervals cover the truth (allowing a little for the estimators' small-sample bias).
            assert!(idx[i].first_low - 0.01 <= first[i] && first[i] <= idx[i].first_high + 0.01, "S{} {:?}", i + 1, idx[i]);
            assert!(idx[i].total_low - 0.01 <= total[i] && total[i] <= idx[i].total_high + 0.01, "ST{} {:?}", i + 1, idx[i]);
        }
    }

    #[test]
    fn intervals_narrow_as_samples_grow() {
        let small = sobol_indices(&ishigami_outputs(256), 200, 0.9, 2);
        let large = sobol_indices(&ishigami_outputs(4096), 200, 0.9, 2);
        for i in 0..3 {
            let w = |x: &SobolIndex| x.total_high - x.total_low;
            assert!(w(&large[i]) < w(&small[i]), "factor {i}: {} vs {}", w(&large[i]), w(&small[i]));
        }
    }

    #[test]
    fn same_seed_same_intervals() {
        let o = ishigami_outputs(128);
        assert_eq!(sobol_indices(&o, 100, 0.9, 5), sobol_indices(&o, 100, 0.9, 5));
    }

    #[test]
    fn a_constant_output_has_zero_indices() {
        let values: Vec<(u32, Block, f64)> = saltelli(16, 2).iter().map(|p| (p.sample, p.block, 4.0)).collect();
        let idx = sobol_indices(&SaltelliOutputs::arrange(2, &values).unwrap(), 10, 0.9, 1);
        assert!(idx.iter().all(|x| x.first == 0.0 && x.total == 0.0));
    }

    #[test]
    fn arranging_reports_missing_and_repeated_values() {
        let mut values: Vec<(u32, Block, f64)> = saltelli(4, 2).iter().map(|p| (p.sample, p.block, 1.0)).collect();
        let last = values.pop().unwrap();
        assert!(SaltelliOutputs::arrange(2, &values).unwrap_err().contains("missing"));
        values.push(last);
        values.push(last);
        assert!(SaltelliOutputs::arrange(2, &values).unwrap_err().contains("twice"));
    }
}
