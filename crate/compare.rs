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
    /// SEK per homeless person-year avoided, with its interval over the
    /// pairs ([`Ratio`]); `None` unless the alternative costs more and
    /// certainly avoids some (the change's interval below zero).
    pub sek_per_homeless_year_avoided: Option<Ratio>,
    /// SEK per executed eviction avoided, likewise.
    pub sek_per_eviction_avoided: Option<Ratio>,
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
    let (cb, ca) = (totals(base, scale, cost), totals(alternative, scale, cost));
    let (hb, ha) = (totals(base, scale, homeless_years), totals(alternative, scale, homeless_years));
    let (eb, ea) = (totals(base, scale, evictions), totals(alternative, scale, evictions));
    let (c, h, e) = (Difference::of(&cb, &ca), Difference::of(&hb, &ha), Difference::of(&eb, &ea));
    let pairs = |b: &[f64], a: &[f64]| b.iter().zip(a).map(|(x, y)| x - y).collect::<Vec<f64>>();
    let extra = pairs(&ca, &cb);
    let ratio = |d: &Difference, b: &[f64], a: &[f64]| {
        if c.mean > 0.0 && d.paired_high < 0.0 { Ratio::of_pairs(&extra, &pairs(b, a)) } else { None }
    };
    Effectiveness {
        sek_per_homeless_year_avoided: ratio(&h, &hb, &ha),
        sek_per_eviction_avoided: ratio(&e, &eb, &ea),
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

/// Whether an estimate is too uncertain to say: its 90% interval is wider
/// than the estimate itself (`high − low > |mean|`). More replications
/// narrow the interval (as 1/√n); the page and `hemma compare` then say
/// "too uncertain — increase the replications" rather than a figure.
pub fn too_uncertain(mean: f64, low: f64, high: f64) -> bool {
    !(high - low <= mean.abs())
}

impl Change {
    /// [`too_uncertain`] of this change.
    pub fn too_uncertain(&self) -> bool {
        too_uncertain(self.mean, self.low, self.high)
    }
}

/// A ratio of two paired quantities (e.g. SEK per person-year avoided) with
/// its 90% interval.
///
/// The ratio is of means over the pairs, `R = mean(num) / mean(den)`. Its
/// interval is by the delta method over the pairs: the linearised values
/// `z_r = (num_r − R·den_r) / mean(den)` have mean zero and the ratio's
/// standard error `sd(z)/√n`, so `R ± t(n−1; 0.95)·sd(z)/√n`. It needs no
/// resampling and so no seed: the same pairs give the same interval on
/// every machine, in the CLI, the page and Python. It is reliable when the
/// denominator is clearly away from zero, which is why the headline gives a
/// ratio only when its denominator's interval excludes zero.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ratio {
    /// Ratio of the means over pairs.
    pub mean: f64,
    /// Lower end of the 90% interval (delta method over pairs).
    pub low: f64,
    /// Upper end of the 90% interval.
    pub high: f64,
    /// The interval is wider than the ratio ([`too_uncertain`]).
    pub too_uncertain: bool,
}

impl Ratio {
    /// The ratio of paired values `num[r] / den[r]` over pairs (see
    /// [`Ratio`]); `None` with fewer than two pairs or a zero mean denominator.
    pub fn of_pairs(num: &[f64], den: &[f64]) -> Option<Ratio> {
        let n = num.len().min(den.len());
        if n < 2 {
            return None;
        }
        let (num, den) = (&num[..n], &den[..n]);
        let md = mean(den);
        if md == 0.0 || !md.is_finite() {
            return None;
        }
        let r = mean(num) / md;
        let z: Vec<f64> = num.iter().zip(den).map(|(a, b)| (a - r * b) / md).collect();
        let half = t_quantile(n as f64 - 1.0) * (variance(&z) / n as f64).sqrt();
        let (low, high) = (r - half, r + half);
        Some(Ratio { mean: r, low, high, too_uncertain: too_uncertain(r, low, high) })
    }
}

/// What the lead figure says: fewer or more with an interval narrow enough
/// to say so, no difference (the whole interval within [`NEGLIGIBLE`] of
/// the base either way), or too uncertain ([`too_uncertain`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Fewer, and the interval is narrower than the effect.
    Fewer,
    /// More, and the interval is narrower than the effect.
    More,
    /// The whole interval lies within ±[`NEGLIGIBLE`] of the base's level.
    NoDifference,
    /// The interval is wider than the effect: more replications are needed.
    TooUncertain,
}

/// A difference within this share of the base's level either way is none
/// worth stating (1%).
pub const NEGLIGIBLE: f64 = 0.01;

impl Verdict {
    /// The verdict on `change` against a base level `base` (same unit).
    pub fn of(change: &Change, base: f64) -> Verdict {
        let band = NEGLIGIBLE * base.abs();
        if change.low >= -band && change.high <= band {
            Verdict::NoDifference
        } else if change.too_uncertain() || change.certainty == Certainty::Uncertain {
            Verdict::TooUncertain
        } else if change.mean < 0.0 {
            Verdict::Fewer
        } else {
            Verdict::More
        }
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
    /// The place's name.
    pub place: String,
    /// The kinds of the instruments the alternative adds (or sets
    /// otherwise than the base), in its order, each once.
    pub adds: Vec<String>,
    /// Whether the alternative changes the conditions (driver paths,
    /// parameters or the recorded instruments' fate) against the base.
    pub changes_conditions: bool,
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
        let mut adds: Vec<String> = Vec::new();
        for c in &own {
            if !adds.iter().any(|k| k == c.kind()) {
                adds.push(c.kind().to_string());
            }
        }
        let (sb, sa) = (&base.scenario, &alternative.scenario);
        let changes_conditions = sb.drivers != sa.drivers
            || sb.params != sa.params
            || sb.recorded_instruments != sa.recorded_instruments
            || sb.history_instruments != sa.history_instruments;
        HeadlineSetup {
            first_year: timeline.first_year(),
            history_months: timeline.history_months(),
            projection_months,
            scale: base.scenario.scale,
            running,
            default_year: (timeline.start_year + first_start / 12 + 5).min(last_year),
            place: base.preset.name.clone(),
            adds,
            changes_conditions,
        }
    }
}

/// A comparison in the words a council uses: for the whole population, the
/// alternative against the base — computed here so that the page and
/// `hemma compare` say the same.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Headline {
    /// The place compared.
    pub place: String,
    /// The kinds of the instruments the alternative adds ([`HeadlineSetup::adds`]).
    pub adds: Vec<String>,
    /// Whether the alternative changes the conditions.
    pub changes_conditions: bool,
    /// The alternative adds no instrument of its own, only changed
    /// conditions: its costs are a change in the municipality's costs, not
    /// the price or the savings of instruments.
    pub condition_only: bool,
    /// The lead figure: homeless person-years over the projection,
    /// alternative − base, said as fewer, more, no difference or too
    /// uncertain ([`Verdict::of`] against `base_person_years`).
    pub lead: Verdict,
    /// The base's homeless person-years over the projection (mean over replications).
    pub base_person_years: f64,
    /// Calendar year of `homeless_at_year`.
    pub year: i32,
    /// Homeless persons in December of `year`, alternative − base.
    pub homeless_at_year: Change,
    /// First and last calendar year of `homeless_around_year`: the year
    /// before `year` to the year after, within the projection.
    pub around_years: (i32, i32),
    /// Homeless persons, mean over the months of `around_years`,
    /// alternative − base: the figure at a year, less dependent on which
    /// year than one December.
    pub homeless_around_year: Change,
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
    /// homeless person-year avoided, SEK, with its interval ([`Ratio`]:
    /// delta method over the pairs); `None` unless fewer person-years are
    /// certain (`homeless_person_years` certainly [`Certainty::Lower`]).
    /// Negative: the alternative saves money as well.
    pub net_cost_sek_per_person_year_avoided: Option<Ratio>,
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
    let py = |s: usize| sum(s, 0, false).into_iter().map(|x| x / 12.0).collect::<Vec<_>>();
    let (py_base, py_alt) = (py(0), py(1));
    let person_years = Change::of(&py_base, &py_alt);
    let base_person_years = mean(&py_base);
    // Per pair: the net cost and the person-years avoided.
    let (cost_base, cost_alt) = (sum(0, 4, false), sum(1, 4, false));
    let net: Vec<f64> = cost_alt.iter().zip(&cost_base).map(|(a, b)| a - b).collect();
    let avoided: Vec<f64> = py_base.iter().zip(&py_alt).map(|(b, a)| b - a).collect();
    // The three calendar years around `year`, within the projection.
    let first_projected = setup.first_year + (h / 12) as i32;
    let around = ((year - 1).max(first_projected), (year + 1).min(last_year));
    let around_months: Vec<usize> =
        (h..h + months).filter(|&t| (around.0..=around.1).contains(&(setup.first_year + (t / 12) as i32))).collect();
    let around_mean = |s: usize| -> Vec<f64> {
        (0..replications)
            .map(|r| around_months.iter().map(|&t| value(s, r, t, 0)).sum::<f64>() / around_months.len().max(1) as f64 / setup.scale)
            .collect()
    };
    Headline {
        place: setup.place.clone(),
        adds: setup.adds.clone(),
        changes_conditions: setup.changes_conditions,
        condition_only: setup.adds.is_empty(),
        lead: Verdict::of(&person_years, base_person_years),
        base_person_years,
        year,
        homeless_at_year: Change::of(&at(0), &at(1)),
        around_years: around,
        homeless_around_year: Change::of(&around_mean(0), &around_mean(1)),
        homeless_person_years: person_years,
        executed_evictions: change(1, false),
        running_years: running_months / 12.0,
        gross_cost_sek_per_year: per_year(change(2, true)),
        savings_sek_per_year: per_year(change(3, true).negated()),
        social_assistance_sek_per_year: per_year(change(5, true)),
        net_cost_sek_per_person_year_avoided: if person_years.certainty == Certainty::Lower {
            Ratio::of_pairs(&net, &avoided)
        } else {
            None
        },
    }
}

/// A change in words: `41 fewer [23 to 59]`, or `no certain difference
/// (-5 to +8)` when the interval spans zero.
pub fn change_words(c: &Change, less: &str, more: &str) -> String {
    let n = |x: f64| format!("{:.0}", x.abs());
    match c.certainty {
        Certainty::Lower => format!("{} {less} [{} to {}]", n(c.mean), n(c.high), n(c.low)),
        Certainty::Higher => format!("{} {more} [{} to {}]", n(c.mean), n(c.low), n(c.high)),
        Certainty::Uncertain => format!("no certain difference ({:+.0} to {:+.0})", c.low, c.high),
    }
}

/// An amount of SEK in the unit that suits it: `5.6 M SEK` from a million
/// on, else to the thousand (`340,000 SEK`); `scale` is the amount that
/// picks the unit (so an interval's ends share their estimate's).
fn sek(x: f64, scale: f64) -> String {
    if scale.abs() >= 1e6 {
        format!("{:.1}", x / 1e6)
    } else {
        let r = (x / 1000.0).round() * 1000.0;
        let s = format!("{:.0}", r.abs());
        let mut out = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if r < 0.0 { format!("-{out}") } else { out }
    }
}

fn sek_unit(scale: f64) -> &'static str {
    if scale.abs() >= 1e6 { "M SEK" } else { "SEK" }
}

/// A money change per year in words: `5.6 M SEK a year more (90%: 5.5 to
/// 5.6)`, `... less`, or no certain difference.
fn money_words(c: &Change, more: &str, less: &str) -> String {
    let m = c.mean.abs().max(c.low.abs()).max(c.high.abs());
    let u = sek_unit(m);
    match c.certainty {
        Certainty::Higher => format!("{} {u} a year {more} (90%: {} to {})", sek(c.mean, m), sek(c.low, m), sek(c.high, m)),
        Certainty::Lower => format!("{} {u} a year {less} (90%: {} to {})", sek(-c.mean, m), sek(-c.high, m), sek(-c.low, m)),
        Certainty::Uncertain => format!("no certain difference ({} to {} {u} a year)", sek(c.low, m), sek(c.high, m)),
    }
}

/// An amount a year with its interval: `5.6 M SEK a year (90%: 5.5 to 5.6)`.
fn money_amount(c: &Change) -> String {
    let m = c.mean.abs().max(c.low.abs()).max(c.high.abs());
    format!("{} {} a year (90%: {} to {})", sek(c.mean, m), sek_unit(m), sek(c.low, m), sek(c.high, m))
}

impl Headline {
    /// The lead figure in words: the person-years over `from`–`to` avoided
    /// or added, or that there is no difference, or that it is too uncertain.
    pub fn lead_words(&self) -> String {
        let c = &self.homeless_person_years;
        match self.lead {
            Verdict::Fewer => format!("{:.0} avoided [{:.0} to {:.0}]", -c.mean, -c.high, -c.low),
            Verdict::More => format!("{:.0} added [{:.0} to {:.0}]", c.mean, c.low, c.high),
            Verdict::NoDifference => format!(
                "no difference ({:+.0} to {:+.0}, within ±{:.0}% of the baseline's {:.0})",
                c.low,
                c.high,
                NEGLIGIBLE * 100.0,
                self.base_person_years
            ),
            Verdict::TooUncertain => format!("too uncertain — increase the replications ({:+.0} to {:+.0})", c.low, c.high),
        }
    }

    /// The headline in English, as `hemma compare` prints it and Python's
    /// `Comparison.headline_lines` gives it (the page says the same in
    /// Swedish or English from the same fields); `from`–`to`: the
    /// projection's calendar years.
    pub fn lines(&self, from: i32, to: i32) -> Vec<String> {
        let what = match (self.adds.is_empty(), self.changes_conditions) {
            (false, false) => format!("{} adds {}", self.place, self.adds.join(", ")),
            (false, true) => format!("{} adds {} and changes the conditions", self.place, self.adds.join(", ")),
            (true, true) => format!("{}, changed conditions only (no instruments of its own)", self.place),
            (true, false) => format!("{}, nothing added", self.place),
        };
        let mut lines = vec![
            format!("Headline, whole population, 90% intervals (paired): {what}"),
            format!("  homeless person-years, {from}–{to}: {}", self.lead_words()),
            format!(
                "  homeless persons, mean {}–{}: {}",
                self.around_years.0,
                self.around_years.1,
                change_words(&self.homeless_around_year, "fewer", "more")
            ),
            format!("  homeless persons in December {}: {}", self.year, change_words(&self.homeless_at_year, "fewer", "more")),
            format!("  executed evictions, {from}–{to}: {}", change_words(&self.executed_evictions, "avoided", "added")),
        ];
        let emergency = self.savings_sek_per_year.negated();
        if self.condition_only {
            lines.push(format!(
                "  the municipality's costs change (changed conditions, not the price of instruments): instruments {}; emergency accommodation {}; social assistance paid {}",
                money_words(&self.gross_cost_sek_per_year, "more", "less"),
                money_words(&emergency, "more", "less"),
                money_words(&self.social_assistance_sek_per_year, "more", "less"),
            ));
        } else {
            lines.push(format!(
                "  while its instruments act ({:.1} years): gross cost {}; emergency accommodation {}; social assistance paid (municipal) {}",
                self.running_years,
                money_amount(&self.gross_cost_sek_per_year),
                money_words(&emergency, "more", "less"),
                money_words(&self.social_assistance_sek_per_year, "more", "less"),
            ));
        }
        let label = if self.condition_only {
            "change in the municipality's costs per homeless person-year avoided"
        } else {
            "net cost per homeless person-year avoided"
        };
        let ratio = match &self.net_cost_sek_per_person_year_avoided {
            None => "— (no certain reduction)".to_string(),
            Some(r) => {
                let m = r.mean.abs().max(r.low.abs()).max(r.high.abs());
                let (low, high, u) = (sek(r.low, m), sek(r.high, m), sek_unit(m));
                if r.too_uncertain {
                    format!("too uncertain — increase the replications ({low} to {high} {u})")
                } else {
                    format!("{} {u} (90%: {low} to {high})", sek(r.mean, m))
                }
            }
        };
        lines.push(format!("  {label}: {ratio}"));
        lines
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
        HeadlineSetup {
            first_year: 2024,
            history_months: 24,
            projection_months: 36,
            scale: 0.5,
            running,
            default_year: 2027,
            place: "Testby".into(),
            adds: vec!["housing_first".into()],
            changes_conditions: false,
        }
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
        assert!((net.mean - 28_800.0 / 12.0).abs() < 20.0, "{net:?}");
        assert!(net.low <= net.mean && net.mean <= net.high && !net.too_uncertain, "{net:?}");
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
        let r = e.sek_per_homeless_year_avoided.unwrap();
        // Identical pairs: no spread, the interval is the ratio.
        assert_eq!((r.mean, r.low, r.high), (2000.0, 2000.0, 2000.0));
        assert_eq!(e.sek_per_eviction_avoided, None);
    }

    #[test]
    fn an_interval_that_spans_zero_is_said_in_words_without_a_sign() {
        let c = |mean, low, high, certainty| Change { mean, low, high, certainty };
        assert_eq!(change_words(&c(-41.0, -59.0, -23.0, Certainty::Lower), "fewer", "more"), "41 fewer [23 to 59]");
        assert_eq!(change_words(&c(12.0, 4.0, 20.0, Certainty::Higher), "fewer", "more"), "12 more [4 to 20]");
        assert_eq!(change_words(&c(2.0, -5.0, 8.0, Certainty::Uncertain), "fewer", "more"), "no certain difference (-5 to +8)");
    }

    #[test]
    fn a_ratio_of_pairs_has_the_delta_method_interval() {
        // Costs 10 per unit avoided in every pair: no spread.
        let den = [4.0, 5.0, 6.0, 7.0];
        let num: Vec<f64> = den.iter().map(|d| 10.0 * d).collect();
        let r = Ratio::of_pairs(&num, &den).unwrap();
        assert!((r.mean - 10.0).abs() < 1e-12 && (r.high - r.low).abs() < 1e-9 && !r.too_uncertain, "{r:?}");
        // Spread: R = mean(num)/mean(den) = 60/5 = 12; z = (num − 12·den)/5
        // = (2, -2, 4, -4)/5, sd = sqrt(40/3)/5, half = t(3)·sd/2.
        let (num, den) = ([62.0, 58.0, 64.0, 56.0], [5.0; 4]);
        let r = Ratio::of_pairs(&num, &den).unwrap();
        let half = t_quantile(3.0) * ((40.0f64 / 3.0).sqrt() / 5.0) / 2.0;
        assert!((r.mean - 12.0).abs() < 1e-12);
        assert!((r.low - (12.0 - half)).abs() < 1e-9 && (r.high - (12.0 + half)).abs() < 1e-9, "{r:?} {half}");
        assert!(!r.too_uncertain);
        // Too few pairs, or nothing avoided on average: no ratio.
        assert_eq!(Ratio::of_pairs(&[1.0], &[1.0]), None);
        assert_eq!(Ratio::of_pairs(&[1.0, 2.0], &[1.0, -1.0]), None);
        // A denominator that varies as much as it is: an interval wider than the ratio.
        let r = Ratio::of_pairs(&[10.0, 10.0, 10.0, 10.0], &[0.2, 3.0, 0.3, 2.5]).unwrap();
        assert!(r.too_uncertain, "{r:?}");
    }

    #[test]
    fn too_uncertain_when_the_interval_is_wider_than_the_effect() {
        let c = |mean: f64, low: f64, high: f64| Change {
            mean,
            low,
            high,
            certainty: if high < 0.0 {
                Certainty::Lower
            } else if low > 0.0 {
                Certainty::Higher
            } else {
                Certainty::Uncertain
            },
        };
        assert!(!c(-100.0, -140.0, -60.0).too_uncertain());
        // Certain (below zero) but wider than the effect: still too uncertain to state.
        assert!(c(-100.0, -170.0, -30.0).too_uncertain());
        assert!(c(-10.0, -40.0, 20.0).too_uncertain());
        assert!(too_uncertain(f64::NAN, 0.0, 1.0));
        // The verdict on person-years, against a base of 5,000.
        assert_eq!(Verdict::of(&c(-100.0, -140.0, -60.0), 5000.0), Verdict::Fewer);
        assert_eq!(Verdict::of(&c(100.0, 60.0, 140.0), 5000.0), Verdict::More);
        assert_eq!(Verdict::of(&c(-100.0, -170.0, -30.0), 5000.0), Verdict::TooUncertain);
        assert_eq!(Verdict::of(&c(-10.0, -300.0, 280.0), 5000.0), Verdict::TooUncertain);
        // Within ±1% (±50) either way: a well-measured null, not a call for more runs.
        assert_eq!(Verdict::of(&c(-5.0, -30.0, 20.0), 5000.0), Verdict::NoDifference);
    }

    #[test]
    fn the_headline_names_the_place_and_what_is_added_and_words_a_condition_only_scenario_as_a_change_in_costs() {
        let (base, alt) = runs(2.0, 500.0);
        let h = headline(&setup(vec![true; 36]), &base, &alt, None);
        assert_eq!((h.place.as_str(), h.condition_only, h.lead), ("Testby", false, Verdict::Fewer));
        assert_eq!(h.around_years, (2026, 2028));
        assert!((h.homeless_around_year.mean + 4.0).abs() < 0.01, "{h:?}");
        let lines = h.lines(2026, 2028);
        assert!(lines[0].ends_with("Testby adds housing_first"), "{lines:?}");
        assert!(lines[1].starts_with("  homeless person-years, 2026–2028: 12 avoided ["), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("gross cost 12,000 SEK a year (90%: 12,000 to 12,000)")), "{lines:?}");
        assert!(lines.last().unwrap().starts_with("  net cost per homeless person-year avoided: 2,000 SEK (90%: "), "{lines:?}");
        let mut only = setup(vec![true; 36]);
        only.adds.clear();
        only.changes_conditions = true;
        let h = headline(&only, &base, &alt, None);
        assert!(h.condition_only);
        let lines = h.lines(2026, 2028);
        assert!(lines[0].contains("changed conditions only"), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("the municipality's costs change")), "{lines:?}");
        assert!(!lines.iter().any(|l| l.contains("savings") || l.contains("gross cost")), "{lines:?}");
        assert!(lines.last().unwrap().contains("change in the municipality's costs per homeless person-year avoided"), "{lines:?}");
    }
}
