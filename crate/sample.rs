//! Distributions drawn from a [`Draw`], written over `libm` so that results
//! are bit-identical natively and in WebAssembly (the platform `ln`/`exp` of
//! glibc and of Rust's Wasm target may differ in the last bit; `libm` is the
//! same code everywhere). This is why `rand_distr` is not used in the model.

use crate::rng::Draw;

/// Waiting time in months until an event that happens at `rate_per_year`
/// (exponential), as a whole number of months, at least 1. Returns `None`
/// when the rate is zero (the event never happens).
pub fn months_until(d: &mut Draw, rate_per_year: f64) -> Option<u32> {
    if rate_per_year <= 0.0 {
        return None;
    }
    let months = -libm::log(d.uniform_open0()) * 12.0 / rate_per_year;
    // Ceil so that an event drawn "within this month" happens next month at the earliest.
    let m = libm::ceil(months);
    if m > 60_000.0 { None } else { Some((m as u32).max(1)) }
}

/// A standard normal variate (Box–Muller, one of the pair).
pub fn standard_normal(d: &mut Draw) -> f64 {
    let u1 = d.uniform_open0();
    let u2 = d.uniform();
    libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * core::f64::consts::PI * u2)
}

/// A log-normal variate with the given median and standard deviation of the logarithm.
pub fn lognormal(d: &mut Draw, median: f64, sd_log: f64) -> f64 {
    median * libm::exp(sd_log * standard_normal(d))
}

/// Index drawn with probability proportional to `weights` (all non-negative,
/// not all zero). Falls back to the last index on rounding.
pub fn categorical(d: &mut Draw, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = d.uniform() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Stream, Streams};

    #[test]
    fn exponential_waiting_times_have_the_stated_mean() {
        let s = Streams::new(1, 0);
        let n = 20_000;
        let mut sum = 0.0;
        for i in 0..n {
            let mut d = s.rng(Stream::Income, i, 0, 0);
            sum += months_until(&mut d, 1.0).unwrap() as f64;
        }
        // Mean of ceil(Exp(mean 12)) is about 12.5; SE of the mean about 0.085.
        let mean = sum / n as f64;
        assert!((mean - 12.5).abs() < 0.4, "mean {mean}");
    }

    #[test]
    fn zero_rate_never_happens() {
        let s = Streams::new(1, 0);
        assert_eq!(months_until(&mut s.rng(Stream::Income, 0, 0, 0), 0.0), None);
    }

    #[test]
    fn lognormal_median_is_the_median() {
        let s = Streams::new(2, 0);
        let n = 10_000;
        let below = (0..n).filter(|i| lognormal(&mut s.rng(Stream::Shock, *i, 0, 0), 100.0, 0.8) < 100.0).count();
        // Binomial(10000, 0.5): SD 50, tolerance 4 SD.
        assert!((below as i64 - 5000).abs() < 200, "{below}");
    }

    #[test]
    fn categorical_follows_weights() {
        let s = Streams::new(3, 0);
        let w = [1.0, 0.0, 3.0];
        let mut counts = [0usize; 3];
        for i in 0..8_000 {
            counts[categorical(&mut s.rng(Stream::Market, i, 0, 0), &w)] += 1;
        }
        assert_eq!(counts[1], 0);
        // Expected 2000 / 6000; SD about 39.
        assert!((counts[0] as i64 - 2000).abs() < 160, "{counts:?}");
    }
}
