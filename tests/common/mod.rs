//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod invariants;

use hemma::scenario::{Format, Prepared, parse};

/// Parses a TOML scenario given as text; panics with the error on failure.
pub fn scenario(text: &str) -> Prepared {
    parse(text, Format::Toml, "test").unwrap_or_else(|e| panic!("{e}"))
}

/// Mean of a slice.
pub fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// Sample standard deviation of a slice.
pub fn sd(v: &[f64]) -> f64 {
    let m = mean(v);
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0)).sqrt()
}
