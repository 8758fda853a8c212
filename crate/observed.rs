//! Observed points: every observed value the project's data hold that a
//! run's outputs can be set beside — Socialstyrelsen's counts and their
//! situation splits, children with a homeless parent, Kronofogden's
//! executed evictions, applications, payment orders and children affected,
//! and the social contracts in force — for Sverige and the eight
//! municipalities, each with its role, source and a caveat in English and
//! Swedish.
//!
//! The table is `data/evidence/observed_points.csv`, built by
//! `scripts/observed.py` from the evidence files and compiled in, so the
//! validation report (`hemma validate-report`) and the page draw the same
//! points. Values are in the output's own unit: rates per 10,000 residents
//! for `*_per_10k` outputs, counts for the whole place otherwise.
//!
//! The roles keep the line between fitting and checking visible: only
//! `start` and `fit` points (2011–2013) enter the start or the calibration;
//! `check` points (after 2013) are outcomes the model is judged on and are
//! never fitted (docs/odd.md §4); `volume` points are instruments' volumes.

use serde::Serialize;
use std::sync::OnceLock;

const CSV: &str = include_str!("../data/evidence/observed_points.csv");

/// What an observed point is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The run starts from it (the 2011 count and its split).
    Start,
    /// A calibration target of 2011–2013.
    Fit,
    /// An outcome after 2013: shown beside the history, never fitted.
    Check,
    /// An instrument's volume (contracts in force).
    Volume,
}

/// One observed value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObservedPoint {
    /// Preset id of the place (`sverige`, `goteborg`, ...).
    pub place: String,
    /// Output column it is set beside ([`crate::results::table`]).
    pub output: String,
    /// Calendar year.
    pub year: i32,
    /// Month of a count (1–12), or 0 for a value of the whole year.
    pub month: u8,
    /// Value in the output's unit (per 10,000 residents for rates; whole-place counts).
    pub value: f64,
    /// What it is used for.
    pub role: Role,
    /// File it comes from (each row of which cites its source).
    pub source: String,
    /// What it is, with its caveats, in English.
    pub note_en: String,
    /// The same in Swedish.
    pub note_sv: String,
}

fn parse() -> Vec<ObservedPoint> {
    CSV.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f = crate::presets::csv_fields(line);
            let role = match f[5].as_str() {
                "start" => Role::Start,
                "fit" => Role::Fit,
                "check" => Role::Check,
                "volume" => Role::Volume,
                other => panic!("data/evidence/observed_points.csv: unknown role {other}"),
            };
            ObservedPoint {
                place: f[0].clone(),
                output: f[1].clone(),
                year: f[2].parse().expect("observed_points.csv: year"),
                month: f[3].parse().expect("observed_points.csv: month"),
                value: f[4].parse().expect("observed_points.csv: value"),
                role,
                source: f[6].clone(),
                note_en: f[7].clone(),
                note_sv: f[8].clone(),
            }
        })
        .collect()
}

/// Every observed point, ordered by place, output, year and month.
pub fn all() -> &'static [ObservedPoint] {
    static POINTS: OnceLock<Vec<ObservedPoint>> = OnceLock::new();
    POINTS.get_or_init(parse)
}

/// The observed points of the place with preset id `place` (none for a
/// custom place).
pub fn for_place(place: &str) -> Vec<&'static ObservedPoint> {
    all().iter().filter(|p| p.place == place).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_names_a_preset_an_output_and_a_source() {
        let ids: Vec<String> = crate::presets::all().into_iter().map(|p| p.id).collect();
        assert!(all().len() > 50);
        for p in all() {
            assert!(ids.contains(&p.place), "{}", p.place);
            assert!(crate::results::index_of(&p.output).is_some(), "{} is not an output", p.output);
            assert!((2008..=2026).contains(&p.year) && p.month <= 12, "{p:?}");
            assert!(p.value.is_finite() && p.value >= 0.0, "{p:?}");
            assert!(!p.source.is_empty() && !p.note_en.is_empty() && !p.note_sv.is_empty(), "{p:?}");
        }
    }

    #[test]
    fn nothing_after_2013_is_a_start_or_a_fit() {
        // The project is judged on outcomes after 2013: they may only be checks.
        for p in all().iter().filter(|p| p.year > 2013) {
            assert!(matches!(p.role, Role::Check | Role::Volume), "{p:?}");
        }
    }

    #[test]
    fn the_national_counts_are_in_the_terms_of_the_count() {
        let counts: Vec<_> = for_place("sverige").into_iter().filter(|p| p.output == "homeless_per_10k").collect();
        assert_eq!(counts.iter().map(|p| p.year).collect::<Vec<_>>(), vec![2011, 2017, 2017, 2023]);
        assert_eq!(counts[0].value, 36.0);
        assert!((counts[3].value - 26.0).abs() < 0.1, "27,383 adults over 10.52 million residents");
        // 2017 by the 2023 method is the figure to set beside 2023.
        assert!(counts.iter().any(|p| p.year == 2017 && (p.value - 30.1).abs() < 0.05 && p.note_en.contains("2023 method")));
        assert!(for_place("lund").is_empty());
    }
}
