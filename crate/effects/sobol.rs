//! How uncertain an instrument's *effect* is (not the level of the count):
//! first-order and total Sobol indices of the person-years a dose avoids
//! against the market and behaviour parameters that decide displacement —
//! how fast the homeless leave without help, who can queue for public
//! flats, how the public company screens, how support needs keep people out
//! of work (issue 35; docs/effects.md).
//!
//! Each factor varies between half and one and a half times its default
//! (within its table range); a Saltelli design of `n` base samples gives
//! `n (k + 2)` points. At every point the place's history is run with the
//! point's parameters and both the baseline and the dose are projected from
//! it, so the effect at a point is a paired difference; the indices come
//! from [`crate::sensitivity::sobol_indices`].

use crate::effects::sheet::{Dose, with_dose};
use crate::run::{History, project_traced};
use crate::scenario::Prepared;
use crate::sensitivity::{SaltelliOutputs, SobolIndex, sobol_indices};
use crate::sweep::design::{UnitPoint, saltelli, scale};
use serde::Serialize;

/// The factors: parameters that set who the instruments' places and flats
/// would otherwise have gone to, and how long people stay homeless.
pub const FACTORS: [&str; 6] = [
    "homeless_leave_rate_per_year",
    "queue_registered_share_support_needs",
    "queue_registration_delay_years",
    "public_rejects_without_reference_prob",
    "public_rejects_remark_prob",
    "support_needs_job_barrier",
];

/// The range of factor `name`: half to one and a half times its default,
/// within the table's range.
pub fn range(name: &str) -> (f64, f64) {
    let spec = crate::params::spec(name).expect("a factor is a parameter");
    ((0.5 * spec.default).max(spec.min), (1.5 * spec.default).min(spec.max))
}

/// The Saltelli design of `n` base samples over [`FACTORS`].
pub fn design(n: u32) -> Vec<UnitPoint> {
    saltelli(n, FACTORS.len())
}

/// `prepared` with the factors at `point`.
pub fn at(prepared: &Prepared, point: &UnitPoint) -> Prepared {
    let mut p = prepared.clone();
    for (name, &u) in FACTORS.iter().zip(&point.u) {
        let (lo, hi) = range(name);
        p.params.set(name, scale(u, lo, hi)).expect("a factor's range lies within its table range");
    }
    p
}

/// The effect of `dose` at one design point: the mean over `replications`
/// of the paired difference in homeless person-years over the projection
/// (whole municipality; negative: avoided).
pub fn effect_at(base: &Prepared, dose: &Dose, point: &UnitPoint, replications: u32) -> Result<f64, String> {
    let b = at(base, point);
    let a = at(&with_dose(base, dose)?, point);
    let mut sum = 0.0;
    for r in 0..replications {
        let history = History::compute(&b, r);
        let years = |s: &Prepared| -> f64 {
            let t = project_traced(&history, s, r).expect("same history");
            let h = s.timeline().history_months() as usize;
            t.rows[h..].iter().map(|row| row.get(crate::results::Out::n_homeless)).sum::<f64>() / 12.0 / s.scenario.scale
        };
        sum += years(&a) - years(&b);
    }
    Ok(sum / replications.max(1) as f64)
}

/// The indices of one dose in one place.
#[derive(Clone, Debug, Serialize)]
pub struct EffectSobol {
    /// Instrument kind.
    pub kind: String,
    /// Place name.
    pub place: String,
    /// Base samples of the design.
    pub samples: u32,
    /// Mean effect over the design's A and B points (person-years).
    pub mean_effect: f64,
    /// Smallest and largest effect over those points.
    pub effect_range: (f64, f64),
    /// One per factor, in [`FACTORS`] order.
    pub indices: Vec<SobolIndex>,
}

/// The indices from the effects at every point of [`design`]`(samples)`, in its order.
pub fn indices(kind: &str, place: &str, samples: u32, points: &[UnitPoint], effects: &[f64]) -> Result<EffectSobol, String> {
    let values: Vec<_> = points.iter().zip(effects).map(|(p, &y)| (p.sample, p.block, y)).collect();
    let o = SaltelliOutputs::arrange(FACTORS.len(), &values)?;
    let ends: Vec<f64> = o.a.iter().chain(&o.b).copied().collect();
    Ok(EffectSobol {
        kind: kind.into(),
        place: place.into(),
        samples,
        mean_effect: ends.iter().sum::<f64>() / ends.len().max(1) as f64,
        effect_range: (ends.iter().copied().fold(f64::INFINITY, f64::min), ends.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
        indices: sobol_indices(&o, 500, 0.9, 2026),
    })
}

/// The Markdown section of the indices.
pub fn markdown(all: &[EffectSobol], replications: u32, scale_factor: f64) -> String {
    use std::fmt::Write as _;
    let mut s = String::from("\n## Uncertainty of the effect (Sobol indices)\n\n");
    let _ = write!(
        s,
        "How much of the spread of an instrument's effect (person-years avoided over the projection, paired against its \
         baseline at every point) each parameter explains, when each varies between half and one and a half times its \
         default: first-order (alone) and total (with its interactions) indices with 90% bootstrap intervals, from a \
         Saltelli design; {replications} paired replication(s) per point at {scale_factor} times the place's scale. \
         Noise between replications that the pairing does not remove shows as indices that do not add up and as wide \
         intervals.\n"
    );
    for e in all {
        let _ = write!(
            s,
            "\n### {} in {}\n\n{} base samples ({} points); mean effect {:+.0} person-years, from {:+.0} to {:+.0} over the design.\n\n\
             | parameter | range | first order | total |\n|---|---|---|---|\n",
            e.kind,
            e.place,
            e.samples,
            e.samples as usize * (FACTORS.len() + 2),
            e.mean_effect,
            e.effect_range.0,
            e.effect_range.1
        );
        for (name, i) in FACTORS.iter().zip(&e.indices) {
            let (lo, hi) = range(name);
            let _ = writeln!(
                s,
                "| {name} | {lo:.3}–{hi:.3} | {:.2} [{:.2}, {:.2}] | {:.2} [{:.2}, {:.2}] |",
                i.first, i.first_low, i.first_high, i.total, i.total_low, i.total_high
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_factor_is_a_parameter_whose_range_lies_in_its_table_range() {
        for name in FACTORS {
            let spec = crate::params::spec(name).unwrap_or_else(|| panic!("{name} is not a parameter"));
            let (lo, hi) = range(name);
            assert!(spec.min <= lo && lo < hi && hi <= spec.max, "{name}: {lo}..{hi}");
        }
    }

    #[test]
    fn a_point_sets_every_factor_and_nothing_else() {
        let base = crate::effects::sheet::baseline("nynashamn", &crate::effects::sheet::SheetSetup::QUICK).unwrap();
        let point = UnitPoint { u: vec![1.0; FACTORS.len()], sample: 0, block: crate::sweep::design::Block::A };
        let p = at(&base, &point);
        for name in FACTORS {
            assert_eq!(p.params.get(name), Some(range(name).1), "{name}");
        }
        assert_eq!(p.params.get("search_give_up_months"), base.params.get("search_give_up_months"));
    }
}
