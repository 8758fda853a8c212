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

/// [`yearly_differences`] for the whole municipality, as every comparison
/// table gives them (`comparison.csv`, `hemma compare`'s lines, the Python
/// package): the runs of `base`'s scale with every total divided by the
/// scale ([`crate::results::whole_place`]; ratios as they are).
pub fn whole_place_differences(base: &Prepared, runs_base: &[Vec<Row>], runs_alternative: &[Vec<Row>]) -> Vec<Vec<Difference>> {
    let scale = base.scenario.scale;
    yearly_differences(&crate::results::whole_place(runs_base, scale), &crate::results::whole_place(runs_alternative, scale))
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

/// How sure a change is: its 90% interval lies below zero, above zero, or
/// spans it (then the page says "no certain difference" rather than a sign).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// The whole interval is below zero: the alternative has less.
    Lower,
    /// The whole interval is above zero: the alternative has more.
    Higher,
    /// The interval includes zero: no certain difference.
    Uncertain,
}

/// A change alternative − base for the whole population, with its paired
/// 90% interval and how sure it is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Mean of the paired differences.
    pub mean: f64,
    /// Lower end of the paired 90% interval.
    pub low: f64,
    /// Upper end of the paired 90% interval.
    pub high: f64,
    /// Which side of zero the interval lies on.
    pub certainty: Certainty,
}

impl Change {
    /// The change of paired samples (one value per replication each).
    pub fn of(base: &[f64], alternative: &[f64]) -> Change {
        let d = Difference::of(base, alternative);
        let certainty = if d.paired_high < 0.0 {
            Certainty::Lower
        } else if d.paired_low > 0.0 {
            Certainty::Higher
        } else {
            Certainty::Uncertain
        };
        Change { mean: d.mean, low: d.paired_low, high: d.paired_high, certainty }
    }

    /// The same change with its sign turned (base − alternative: a reduction
    /// as an amount saved).
    pub fn negated(self) -> Change {
        let certainty = match self.certainty {
            Certainty::Lower => Certainty::Higher,
            Certainty::Higher => Certainty::Lower,
            Certainty::Uncertain => Certainty::Uncertain,
        };
        Change { mean: -self.mean, low: -self.high, high: -self.low, certainty }
    }
}

/// The outputs a [`Headline`] is computed from, in the order
/// [`headline_of_series`] takes them.
pub const HEADLINE_INPUTS: [Out; 6] = [
    Out::n_homeless,
    Out::new_executed_evictions,
    Out::cost_instruments_sek,
    Out::cost_emergency_accommodation_sek,
    Out::cost_total_sek,
    Out::cost_social_assistance_sek,
];

/// What a comparison is about, beside the runs: the calendar, the scale and
/// when the alternative's own instruments act.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeadlineSetup {
    /// Calendar year of the first reported month.
    pub first_year: i32,
    /// Reported months before the projection (the shared history).
    pub history_months: u32,
    /// Months of projection.
    pub projection_months: u32,
    /// Share of households simulated (counts are divided by it).
    pub scale: f64,
    /// Months of the projection (from 0) in which an instrument the base
    /// does not have acts; every month when there is none.
    pub running: Vec<bool>,
    /// Calendar year of the figures "at a year": five years after the first
    /// such instrument starts, at most the projection's last year.
    pub default_year: i32,
}

impl HeadlineSetup {
    /// The setup of comparing `alternative` with `base` (comparable: see
    /// [`check_comparable`]).
    pub fn of(base: &Prepared, alternative: &Prepared) -> HeadlineSetup {
        let timeline = base.timeline();
        let projection_months = timeline.horizon_months;
        let own: Vec<_> = alternative.scenario.instruments.iter().filter(|c| !base.scenario.instruments.contains(c)).collect();
        let running: Vec<bool> =
            (0..projection_months as i32).map(|m| own.is_empty() || own.iter().any(|c| c.window().contains(m))).collect();
        let first_start = own.iter().map(|c| c.window().start_month.max(0)).min().unwrap_or(0);
        let last_year = timeline.start_year + (projection_months.max(1) as i32 - 1) / 12;
        HeadlineSetup {
            first_year: timeline.first_year(),
            history_months: timeline.history_months(),
            projection_months,
            scale: base.scenario.scale,
            running,
            default_year: (timeline.start_year + first_start / 12 + 5).min(last_year),
        }
    }
}

/// A comparison in the words a council uses: for the whole population, the
/// alternative against the base — computed here so that the page and
/// `hemma compare` say the same.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Headline {
    /// Calendar year of `homeless_at_year`.
    pub year: i32,
    /// Homeless persons in December of `year`, alternative − base.
    pub homeless_at_year: Change,
    /// Homeless person-years over the projection, alternative − base
    /// (negative: person-years avoided).
    pub homeless_person_years: Change,
    /// Executed evictions over the projection, alternative − base
    /// (negative: evictions avoided).
    pub executed_evictions: Change,
    /// Years in which the alternative's own instruments act (within the projection).
    pub running_years: f64,
    /// The instruments' gross cost per year while they act, SEK (alternative − base).
    pub gross_cost_sek_per_year: Change,
    /// Savings per year while they act, SEK: emergency accommodation not needed (base − alternative).
    pub savings_sek_per_year: Change,
    /// Social assistance paid per year while they act, SEK, alternative − base
    /// (a municipal cost: more when more households are housed on
    /// assistance, less when fewer need it).
    pub social_assistance_sek_per_year: Change,
    /// Net cost to the municipality (instruments, emergency accommodation
    /// and social assistance, alternative − base, over the projection) per
    /// homeless person-year avoided, SEK; `None` unless fewer person-years are certain
    /// (`homeless_person_years` certainly [`Certainty::Lower`]).
    /// Negative: the alternative saves money as well.
    pub net_cost_sek_per_person_year_avoided: Option<f64>,
}

/// The [`Headline`] at calendar year `year` (`None`: the setup's default)
/// from the monthly values of [`HEADLINE_INPUTS`]: `value(scenario, r, t,
/// k)` is input `k` of replication `r` in reported month `t` of the base
/// (`scenario` 0) or the alternative (1); `replications` pairs.
pub fn headline_of_series(
    setup: &HeadlineSetup,
    replications: usize,
    year: Option<i32>,
    value: &dyn Fn(usize, usize, usize, usize) -> f64,
) -> Headline {
    let h = setup.history_months as usize;
    let months = setup.projection_months as usize;
    let last_year = setup.first_year + ((h + months).max(1) as i32 - 1) / 12;
    let year = year.unwrap_or(setup.default_year).clamp(setup.first_year + (h / 12) as i32, last_year);
    let december = ((year - setup.first_year) * 12 + 11) as usize;
    let december = december.min(h + months - 1);
    // Per scenario and replication: a sum over projection months.
    let sum = |s: usize, k: usize, only_running: bool| -> Vec<f64> {
        (0..replications)
            .map(|r| {
                (0..months)
                    .filter(|&m| !only_running || setup.running.get(m).copied().unwrap_or(true))
                    .map(|m| value(s, r, h + m, k))
                    .sum::<f64>()
                    / setup.scale
            })
            .collect()
    };
    let change = |k: usize, only_running: bool| Change::of(&sum(0, k, only_running), &sum(1, k, only_running));
    let at = |s: usize| -> Vec<f64> { (0..replications).map(|r| value(s, r, december, 0) / setup.scale).collect() };
    let running_months = setup.running.iter().filter(|&&b| b).count().max(1) as f64;
    let per_year = |c: Change| {
        let f = 12.0 / running_months;
        Change { mean: c.mean * f, low: c.low * f, high: c.high * f, certainty: c.certainty }
    };
    let person_years = {
        let py = |s: usize| sum(s, 0, false).into_iter().map(|x| x / 12.0).collect::<Vec<_>>();
        Change::of(&py(0), &py(1))
    };
    let net = change(4, false);
    Headline {
        year,
        homeless_at_year: Change::of(&at(0), &at(1)),
        homeless_person_years: person_years,
        executed_evictions: change(1, false),
        running_years: running_months / 12.0,
        gross_cost_sek_per_year: per_year(change(2, true)),
        savings_sek_per_year: per_year(change(3, true).negated()),
        social_assistance_sek_per_year: per_year(change(5, true)),
        net_cost_sek_per_person_year_avoided: (person_years.certainty == Certainty::Lower).then(|| net.mean / -person_years.mean),
    }
}

/// The [`Headline`] of two sets of paired runs (rows of every reported month).
pub fn headline(setup: &HeadlineSetup, base: &[Vec<Row>], alternative: &[Vec<Row>], year: Option<i32>) -> Headline {
    let runs = [base, alternative];
    let n = base.len().min(alternative.len());
    headline_of_series(setup, n, year, &|s, r, t, k| runs[s][r].get(t).map_or(0.0, |row| row.get(HEADLINE_INPUTS[k])))
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

    fn setup(running: Vec<bool>) -> HeadlineSetup {
        HeadlineSetup { first_year: 2024, history_months: 24, projection_months: 36, scale: 0.5, running, default_year: 2027 }
    }

    /// Paired runs: the base with 10 homeless (whole population: 20) and
    /// `cost` SEK of instruments a month; the alternative `fewer` homeless
    /// fewer from the projection on, the same noise in both.
    fn runs(fewer: f64, cost: f64) -> (Vec<Vec<Row>>, Vec<Vec<Row>>) {
        let run = |r: usize, alt: bool| {
            (0..60)
                .map(|t| {
                    let mut row = Row::zeros();
                    let noise = ((r * 31 + t * 7) % 5) as f64;
                    let drop = if alt && t >= 24 { fewer + 0.01 * ((r % 3) as f64 - 1.0) } else { 0.0 };
                    row.set(Out::n_homeless, 10.0 + noise - drop);
                    row.set(Out::cost_instruments_sek, if alt && t >= 24 { cost } else { 0.0 });
                    row.set(Out::cost_emergency_accommodation_sek, 1000.0 - if alt && t >= 24 { 100.0 } else { 0.0 });
                    row.set(Out::cost_total_sek, row.get(Out::cost_instruments_sek) + row.get(Out::cost_emergency_accommodation_sek));
                    row
                })
                .collect::<Vec<_>>()
        };
        ((0..8).map(|r| run(r, false)).collect(), (0..8).map(|r| run(r, true)).collect())
    }

    #[test]
    fn a_headline_counts_for_the_whole_population_over_the_projection() {
        let (base, alt) = runs(2.0, 500.0);
        let h = headline(&setup(vec![true; 36]), &base, &alt, None);
        assert_eq!(h.year, 2027);
        // Two fewer in the sample at scale 0.5: about four fewer persons.
        assert!((h.homeless_at_year.mean + 4.0).abs() < 0.01, "{h:?}");
        assert_eq!(h.homeless_at_year.certainty, Certainty::Lower);
        // Three years with four fewer: about twelve person-years avoided.
        assert!((h.homeless_person_years.mean + 12.0).abs() < 0.05, "{h:?}");
        assert_eq!(h.homeless_person_years.certainty, Certainty::Lower);
        // 500 SEK a month in the sample: 12,000 a year for the population; savings 2,400 a year.
        assert!((h.gross_cost_sek_per_year.mean - 12_000.0).abs() < 1e-6, "{h:?}");
        assert!((h.savings_sek_per_year.mean - 2_400.0).abs() < 1e-6, "{h:?}");
        assert_eq!(h.running_years, 3.0);
        // Net (36,000 − 7,200) over about 12 person-years.
        let net = h.net_cost_sek_per_person_year_avoided.unwrap();
        assert!((net - 28_800.0 / 12.0).abs() < 20.0, "{net}");
    }

    #[test]
    fn no_certain_difference_is_said_so_and_has_no_cost_per_year_avoided() {
        let (base, alt) = runs(0.0, 500.0);
        let h = headline(&setup(vec![true; 36]), &base, &alt, Some(2026));
        assert_eq!(h.year, 2026);
        assert_eq!(h.homeless_at_year.certainty, Certainty::Uncertain);
        assert_eq!(h.net_cost_sek_per_person_year_avoided, None);
        // A year outside the projection is brought into it.
        assert_eq!(headline(&setup(vec![true; 36]), &base, &alt, Some(1990)).year, 2026);
    }

    #[test]
    fn costs_per_year_count_only_the_years_the_instruments_act() {
        let (base, alt) = runs(2.0, 500.0);
        // Acting in the projection's first year only: the cost of three
        // years (all booked) spread over one.
        let running: Vec<bool> = (0..36).map(|m| m < 12).collect();
        let h = headline(&setup(running), &base, &alt, None);
        assert_eq!(h.running_years, 1.0);
        assert!((h.gross_cost_sek_per_year.mean - 12_000.0).abs() < 1e-6, "{h:?}");
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
