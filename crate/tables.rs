//! Result tables as named columns: the one definition of what a run, a
//! comparison and a sweep report, in which columns and order.
//!
//! The shells only write these out: the CLI as CSV and Parquet
//! (`crate/cli/output.rs`, `crate/cli/tidy.rs`), the Python package as
//! Arrow (`crate/python/`). So `aggregate.csv` and `hemma.run(...).aggregate`
//! hold the same rows, and a number is the same `f64` in both (CSV writes
//! Rust's shortest round-trip form, [`Table::cell`]).
//!
//! | table | one row per | columns |
//! |---|---|---|
//! | [`replications`] | replication and month | `replication, month, date, period`, every output, provenance |
//! | [`aggregate`] | month and output | `date, period, output, mean, p5, p25, p50, p75, p95`, provenance |
//! | [`yearly`] | calendar year and output | `year, period, output, mean, …, p95`, provenance |
//! | [`comparison`] | year and output | `year, period, output, base, alternative, difference, paired_p5, paired_p95, unpaired_p5, unpaired_p95`, provenance |
//! | [`design`] | design point of a sweep | `point, sample, block`, one column per factor |
//! | [`sweep_results`] | kept value of one run of a sweep | `point, replication, output, time, statistic, value`, provenance |
//!
//! Provenance is the two columns [`PROVENANCE`]: the hemma version and git
//! commit that made the row, so that rows keep it when tables of several
//! runs are put together.
//!
//! **Every value is for the whole municipality**: an output whose
//! [`Scaling`](crate::results::Scaling) is `Total` (a count or a sum of
//! kronor) is the simulated total divided by the scenario's `scale`
//! ([`Row::whole_place`]); ratios are as simulated. The one rule of every
//! table a user gets — here, and so in the CLI's files and the Python
//! package; the dashboard's charts and exports divide by the same table's
//! declaration.

use crate::aggregate::{Band, bands};
use crate::compare::Difference;
use crate::results::{Row, table};
use crate::scenario::Prepared;
use crate::sweep::PreparedPlan;
use crate::sweep::jobs::Job;
use crate::timeline::Period;

/// The columns of a sweep's results (`results.csv`, `results.parquet`):
/// one row per kept value of one run.
pub const SWEEP_RESULTS: [&str; 8] = ["point", "replication", "output", "time", "statistic", "value", PROVENANCE[0], PROVENANCE[1]];

/// The two columns that end every result table: the hemma version and the
/// git commit that made the row.
pub const PROVENANCE: [&str; 2] = ["hemma_version", "git_commit"];

/// What the values of every table are, as each file's JSON beside it says
/// (`values`, next to the simulated `scale`): see the module docs.
pub const VALUES: &str =
    "whole municipality: counts and kronor are the simulated totals divided by the scale; rates, shares and means as simulated";

/// The values of [`PROVENANCE`] for this build.
pub fn provenance() -> [String; 2] {
    [crate::VERSION.to_string(), crate::GIT_COMMIT.to_string()]
}

/// A named statistic of `T`, one column of a table.
type Stat<T> = (&'static str, fn(&T) -> f64);

/// One column of a [`Table`].
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    /// Whole numbers (replications, months, years, design points).
    Int(Vec<i32>),
    /// Numbers.
    Double(Vec<f64>),
    /// Text (dates, periods, output names, provenance).
    Text(Vec<String>),
}

impl Column {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            Column::Int(v) => v.len(),
            Column::Double(v) => v.len(),
            Column::Text(v) => v.len(),
        }
    }

    /// Whether the column has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values at `rows`, in that order (repeats allowed).
    pub fn gather(&self, rows: &[usize]) -> Column {
        match self {
            Column::Int(v) => Column::Int(rows.iter().map(|&r| v[r]).collect()),
            Column::Double(v) => Column::Double(rows.iter().map(|&r| v[r]).collect()),
            Column::Text(v) => Column::Text(rows.iter().map(|&r| v[r].clone()).collect()),
        }
    }

    /// Value `row` as CSV text: numbers in Rust's shortest round-trip form.
    pub fn cell(&self, row: usize) -> String {
        match self {
            Column::Int(v) => v[row].to_string(),
            Column::Double(v) => v[row].to_string(),
            Column::Text(v) => v[row].clone(),
        }
    }
}

/// Named columns of equal length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Column names, in order.
    pub names: Vec<String>,
    /// The columns, in the order of `names`.
    pub columns: Vec<Column>,
}

impl Table {
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }

    /// The value in `row` of column `col` as CSV text.
    pub fn cell(&self, row: usize, col: usize) -> String {
        self.columns[col].cell(row)
    }

    /// Row `row` as CSV text, one field per column.
    pub fn record(&self, row: usize) -> Vec<String> {
        self.columns.iter().map(|c| c.cell(row)).collect()
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.names.iter().position(|n| n == name).map(|i| &self.columns[i])
    }

    fn push(&mut self, name: &str, column: Column) {
        self.names.push(name.to_string());
        self.columns.push(column);
    }

    fn with_provenance(mut self) -> Table {
        let n = self.rows();
        for (name, value) in PROVENANCE.iter().zip(provenance()) {
            self.push(name, Column::Text(vec![value; n]));
        }
        self
    }
}

/// One row per replication and month, one column per output, for the
/// whole municipality (`replications.csv`). `runs[r]` are the reported
/// months of replication `r`, as simulated at `p`'s scale.
pub fn replications(p: &Prepared, runs: &[Vec<Row>]) -> Table {
    let timeline = p.timeline();
    let months: Vec<(usize, usize)> = runs.iter().enumerate().flat_map(|(r, rows)| (0..rows.len()).map(move |m| (r, m))).collect();
    let mut t = Table::default();
    t.push("replication", Column::Int(months.iter().map(|&(r, _)| r as i32).collect()));
    t.push("month", Column::Int(months.iter().map(|&(_, m)| m as i32).collect()));
    t.push("date", Column::Text(months.iter().map(|&(_, m)| timeline.label(m)).collect()));
    t.push("period", Column::Text(months.iter().map(|&(_, m)| timeline.period(m).name().to_string()).collect()));
    let scale = p.scenario.scale;
    for (o, out) in table().iter().enumerate() {
        t.push(out.name, Column::Double(months.iter().map(|&(r, m)| out.scaling.whole_place(runs[r][m].0[o], scale)).collect()));
    }
    t.with_provenance()
}

/// Mean and quantiles over replications, one row per period and output.
fn band_table(when: &str, times: Column, periods: Vec<Period>, b: &[Vec<Band>]) -> Table {
    let outputs = table();
    let index: Vec<(usize, usize)> = b.iter().enumerate().flat_map(|(t, per)| (0..per.len()).map(move |o| (t, o))).collect();
    let mut t = Table::default();
    let at: Vec<usize> = index.iter().map(|&(i, _)| i).collect();
    t.push(when, times.gather(&at));
    t.push("period", Column::Text(index.iter().map(|&(i, _)| periods[i].name().to_string()).collect()));
    t.push("output", Column::Text(index.iter().map(|&(_, o)| outputs[o].name.to_string()).collect()));
    let stats: [Stat<Band>; 6] =
        [("mean", |b| b.mean), ("p5", |b| b.p5), ("p25", |b| b.p25), ("p50", |b| b.p50), ("p75", |b| b.p75), ("p95", |b| b.p95)];
    for (name, f) in stats {
        t.push(name, Column::Double(index.iter().map(|&(i, o)| f(&b[i][o])).collect()));
    }
    t.with_provenance()
}

/// Mean and quantiles over replications of every output, per reported month,
/// for the whole municipality (`aggregate.csv`; quantiles: Hyndman–Fan type 8).
pub fn aggregate(p: &Prepared, runs: &[Vec<Row>]) -> Table {
    let timeline = p.timeline();
    let b = bands(&crate::results::whole_place(runs, p.scenario.scale));
    let dates = (0..b.len()).map(|m| timeline.label(m)).collect();
    band_table("date", Column::Text(dates), (0..b.len()).map(|m| timeline.period(m)).collect(), &b)
}

/// Mean and quantiles over replications of every output, per calendar year,
/// for the whole municipality (`yearly.csv`): stocks in December, flows
/// summed over the year.
pub fn yearly(p: &Prepared, runs: &[Vec<Row>]) -> Table {
    yearly_of(p, &yearly_bands(p, runs))
}

/// The bands per calendar year of `runs` (simulated at `p`'s scale), for
/// the whole municipality: `result[year][output]`.
pub fn yearly_bands(p: &Prepared, runs: &[Vec<Row>]) -> Vec<Vec<Band>> {
    let years: Vec<Vec<Row>> = crate::results::whole_place(runs, p.scenario.scale).iter().map(|r| crate::aggregate::yearly(r)).collect();
    bands(&years)
}

/// [`yearly`] from bands already computed by [`yearly_bands`].
pub fn yearly_of(p: &Prepared, b: &[Vec<Band>]) -> Table {
    let timeline = p.timeline();
    let first = timeline.first_year();
    let labels = (0..b.len()).map(|t| first + t as i32).collect::<Vec<_>>();
    let periods = labels.iter().map(|&y| timeline.period_of_year(y)).collect();
    band_table("year", Column::Int(labels), periods, b)
}

/// Paired differences alternative − base per calendar year and output, for
/// the whole municipality (`comparison.csv`); `years` from
/// [`crate::compare::whole_place_differences`].
pub fn comparison(base: &Prepared, years: &[Vec<Difference>]) -> Table {
    let timeline = base.timeline();
    let first = timeline.first_year();
    let outputs = table();
    let index: Vec<(usize, usize)> = years.iter().enumerate().flat_map(|(t, per)| (0..per.len()).map(move |o| (t, o))).collect();
    let mut t = Table::default();
    t.push("year", Column::Int(index.iter().map(|&(y, _)| first + y as i32).collect()));
    t.push("period", Column::Text(index.iter().map(|&(y, _)| timeline.period_of_year(first + y as i32).name().to_string()).collect()));
    t.push("output", Column::Text(index.iter().map(|&(_, o)| outputs[o].name.to_string()).collect()));
    let stats: [Stat<Difference>; 7] = [
        ("base", |d| d.base),
        ("alternative", |d| d.alternative),
        ("difference", |d| d.mean),
        ("paired_p5", |d| d.paired_low),
        ("paired_p95", |d| d.paired_high),
        ("unpaired_p5", |d| d.unpaired_low),
        ("unpaired_p95", |d| d.unpaired_high),
    ];
    for (name, f) in stats {
        t.push(name, Column::Double(index.iter().map(|&(y, o)| f(&years[y][o])).collect()));
    }
    t.with_provenance()
}

/// The effect accounting of a comparison (`effects.csv`): per projection
/// year and part (`direct`, `counting`, `others`, `total`), the mean over
/// pairs of the difference in homeless person-years that year, whole
/// municipality ([`crate::effects`]).
pub fn effects(base: &Prepared, accounting: &crate::effects::Accounting) -> Table {
    let start = base.timeline().start_year;
    let years = accounting.monthly.len().div_ceil(12);
    let parts: [(&str, fn(&crate::effects::Parts) -> f64); 4] =
        [("direct", |p| p.direct), ("counting", |p| p.counting), ("others", |p| p.others), ("total", |p| p.total())];
    let index: Vec<(usize, usize)> = (0..years).flat_map(|y| (0..parts.len()).map(move |k| (y, k))).collect();
    let mut t = Table::default();
    t.push("year", Column::Int(index.iter().map(|&(y, _)| start + y as i32).collect()));
    t.push("part", Column::Text(index.iter().map(|&(_, k)| parts[k].0.to_string()).collect()));
    t.push(
        "person_years",
        Column::Double(
            index.iter().map(|&(y, k)| accounting.monthly.iter().skip(y * 12).take(12).map(parts[k].1).sum::<f64>() / 12.0).collect(),
        ),
    );
    t.with_provenance()
}

/// A sweep's design: one row per point, `point, sample, block` and the
/// value of each factor (`design.csv`).
pub fn design(pp: &PreparedPlan) -> Table {
    let mut t = Table::default();
    t.push("point", Column::Int((0..pp.points.len() as i32).collect()));
    t.push("sample", Column::Int(pp.points.iter().map(|d| d.sample as i32).collect()));
    t.push("block", Column::Text(pp.points.iter().map(|d| d.block.label()).collect()));
    for (i, f) in pp.factors.iter().enumerate() {
        t.push(&f.path, Column::Double(pp.points.iter().map(|d| d.values[i]).collect()));
    }
    t
}

/// The kept values of a sweep's runs, one row per value, in the order of
/// `runs` (`results.csv`), for the whole municipality
/// ([`crate::sweep::select::Resolved::extract`]). `runs` pairs each job
/// with its reported months.
pub fn sweep_results(pp: &PreparedPlan, runs: &[(Job, Vec<Row>)]) -> Table {
    let names = table();
    let (mut point, mut replication, mut output, mut time, mut statistic, mut value) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (job, rows) in runs {
        for r in pp.selection.extract(rows) {
            point.push(job.point as i32);
            replication.push(job.replication as i32);
            output.push(names[r.output as usize].name.to_string());
            time.push(r.time);
            statistic.push(r.statistic.to_string());
            value.push(r.value);
        }
    }
    let columns = vec![
        Column::Int(point),
        Column::Int(replication),
        Column::Text(output),
        Column::Text(time),
        Column::Text(statistic),
        Column::Double(value),
    ];
    Table { names: SWEEP_RESULTS[..6].iter().map(|s| s.to_string()).collect(), columns }.with_provenance()
}

/// What a sweep is (`manifest.json`): the plan's hash, name and design,
/// its layout, factors and kept outputs, the base scenario, the columns of
/// its results, and the hemma that ran it.
pub fn sweep_manifest(pp: &PreparedPlan) -> serde_json::Value {
    let l = pp.layout;
    serde_json::json!({
        "hemma_version": crate::VERSION,
        "git_commit": crate::GIT_COMMIT,
        "values": VALUES,
        "plan_hash": pp.hash_hex(),
        "name": pp.plan.name,
        "design": pp.plan.design,
        "points": l.points,
        "replications": l.replications,
        "chunk_size": l.chunk_size,
        "chunks": l.chunks(),
        "records_per_run": pp.selection.per_run(),
        "factors": pp.factors.iter().map(|f| serde_json::json!({"path": f.path, "min": f.min, "max": f.max, "values": f.values})).collect::<Vec<_>>(),
        "outputs": pp.plan.outputs,
        "base_scenario": pp.base,
        "columns": SWEEP_RESULTS,
    })
}

/// The parameter table (`hemma params`): `name, default, unit, min, max,
/// kind, description, source`.
pub fn parameters() -> Table {
    let rows = crate::params::table();
    let mut t = Table::default();
    t.push("name", Column::Text(rows.iter().map(|s| s.name.to_string()).collect()));
    t.push("default", Column::Double(rows.iter().map(|s| s.default).collect()));
    t.push("unit", Column::Text(rows.iter().map(|s| s.unit.to_string()).collect()));
    t.push("min", Column::Double(rows.iter().map(|s| s.min).collect()));
    t.push("max", Column::Double(rows.iter().map(|s| s.max).collect()));
    t.push("kind", Column::Text(rows.iter().map(|s| s.kind.as_str().to_string()).collect()));
    t.push("description", Column::Text(rows.iter().map(|s| s.description.to_string()).collect()));
    t.push("source", Column::Text(rows.iter().map(|s| s.source.to_string()).collect()));
    t
}

/// The output table (`hemma outputs`): `name, unit, kind, scaling,
/// description`; kind is `stock`, `flow`, `cumulative` or `rate`, scaling
/// `total` (given for the whole municipality: the simulated total ÷ scale)
/// or `ratio` (the same at any scale).
pub fn outputs() -> Table {
    let rows = table();
    let mut t = Table::default();
    t.push("name", Column::Text(rows.iter().map(|o| o.name.to_string()).collect()));
    t.push("unit", Column::Text(rows.iter().map(|o| o.unit.to_string()).collect()));
    t.push("kind", Column::Text(rows.iter().map(|o| o.kind.as_str().to_string()).collect()));
    t.push("scaling", Column::Text(rows.iter().map(|o| o.scaling.as_str().to_string()).collect()));
    t.push("description", Column::Text(rows.iter().map(|o| o.description.to_string()).collect()));
    t
}

/// The places (`hemma presets`): id, name, population, tenure shares,
/// the homeless count and executed evictions with their flags, each
/// covariate with its flag and year, and the sources.
pub fn presets() -> Table {
    let all = crate::presets::all();
    let text = |f: &dyn Fn(&crate::presets::Preset) -> String| Column::Text(all.iter().map(f).collect());
    let num = |f: &dyn Fn(&crate::presets::Preset) -> f64| Column::Double(all.iter().map(f).collect());
    let mut t = Table::default();
    t.push("id", text(&|p| p.id.clone()));
    t.push("name", text(&|p| p.name.clone()));
    t.push("population", num(&|p| p.population as f64));
    t.push("rental_share", num(&|p| p.rental_share));
    t.push("coop_share", num(&|p| p.coop_share));
    t.push("owner_share", num(&|p| p.owner_share));
    t.push("homeless_per_10k", num(&|p| p.homeless_per_10k));
    t.push("homeless_flag", text(&|p| p.homeless_flag.as_str().to_string()));
    t.push("executed_evictions", num(&|p| p.executed_evictions as f64));
    t.push("evictions_flag", text(&|p| p.evictions_flag.as_str().to_string()));
    for (k, name) in crate::presets::COVARIATE_NAMES.iter().enumerate() {
        t.push(name, num(&|p| p.covariates.cells()[k].1.value));
        t.push(&format!("{name}_flag"), text(&|p| p.covariates.cells()[k].1.flag.as_str().to_string()));
        t.push(&format!("{name}_year"), text(&|p| p.covariates.cells()[k].1.year.clone()));
    }
    t.push("source", text(&|p| p.source.clone()));
    t.push(
        "covariate_sources",
        text(&|p| p.covariates.cells().iter().map(|(n, c)| format!("{n}: {}", c.source)).collect::<Vec<_>>().join("; ")),
    );
    t
}

/// Every instrument's settings, one row per setting: `instrument, setting,
/// label, unit, role, sized_to, type, default, min, max, options,
/// description, source` (role and sized_to: [`crate::policy::setting::Role`];
/// sized_to is empty unless the setting is a count or a volume).
/// `default`, `min` and `max` are NaN where a setting has none (a choice,
/// an optional number left out); a flag's default is 0 or 1.
pub fn instruments() -> Table {
    use crate::policy::InstrumentConfig;
    use crate::policy::setting::Value;
    let rows: Vec<(&str, crate::policy::setting::Setting)> = InstrumentConfig::KINDS
        .iter()
        .flat_map(|k| InstrumentConfig::settings_of(k).unwrap_or_default().iter().map(move |s| (*k, *s)))
        .collect();
    let numbers = |s: &crate::policy::setting::Setting| -> (f64, f64, f64) {
        match s.value {
            Value::Number { default, min, max } => (default, min, max),
            Value::Whole { default, min, max } => (default as f64, min as f64, max as f64),
            Value::Optional { min, max, .. } => (f64::NAN, min, max),
            Value::Flag { default } => (if default { 1.0 } else { 0.0 }, 0.0, 1.0),
            Value::Choice { .. } => (f64::NAN, f64::NAN, f64::NAN),
        }
    };
    let kind = |v: &Value| match v {
        Value::Number { .. } => "number",
        Value::Whole { .. } => "whole",
        Value::Optional { .. } => "optional",
        Value::Flag { .. } => "flag",
        Value::Choice { .. } => "choice",
    };
    let options = |v: &Value| match v {
        Value::Choice { options, .. } => options.join("|"),
        Value::Optional { absent, .. } => format!("left out: {absent}"),
        _ => String::new(),
    };
    let mut t = Table::default();
    t.push("instrument", Column::Text(rows.iter().map(|(k, _)| k.to_string()).collect()));
    t.push("setting", Column::Text(rows.iter().map(|(_, s)| s.name.to_string()).collect()));
    t.push("label", Column::Text(rows.iter().map(|(_, s)| s.label.to_string()).collect()));
    t.push("unit", Column::Text(rows.iter().map(|(_, s)| s.unit.to_string()).collect()));
    t.push("role", Column::Text(rows.iter().map(|(_, s)| s.role.as_str().to_string()).collect()));
    t.push("sized_to", Column::Text(rows.iter().map(|(_, s)| s.role.sized_to().map_or("", |g| g.as_str()).to_string()).collect()));
    t.push("type", Column::Text(rows.iter().map(|(_, s)| kind(&s.value).to_string()).collect()));
    t.push("default", Column::Double(rows.iter().map(|(_, s)| numbers(s).0).collect()));
    t.push("min", Column::Double(rows.iter().map(|(_, s)| numbers(s).1).collect()));
    t.push("max", Column::Double(rows.iter().map(|(_, s)| numbers(s).2).collect()));
    t.push("options", Column::Text(rows.iter().map(|(_, s)| options(&s.value)).collect()));
    t.push("description", Column::Text(rows.iter().map(|(_, s)| s.description.to_string()).collect()));
    t.push("source", Column::Text(rows.iter().map(|(_, s)| s.source.to_string()).collect()));
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Format, parse};

    fn runs() -> (Prepared, Vec<Vec<Row>>) {
        let p = parse("preset = \"nynashamn\"\nscale = 0.1\nhorizon_months = 14\nstart_year = 2011\n", Format::Toml, "t").unwrap();
        let runs = (0..2).map(|r| crate::run::run_replication(&p, r)).collect();
        (p, runs)
    }

    #[test]
    fn every_table_has_columns_of_one_length_and_ends_with_provenance() {
        let (p, runs) = runs();
        for t in [replications(&p, &runs), aggregate(&p, &runs), yearly(&p, &runs)] {
            assert_eq!(t.names.len(), t.columns.len());
            assert!(t.columns.iter().all(|c| c.len() == t.rows()));
            assert_eq!(&t.names[t.names.len() - 2..], PROVENANCE);
        }
    }

    #[test]
    fn replications_hold_one_row_per_replication_and_month_with_every_output() {
        let (p, runs) = runs();
        let t = replications(&p, &runs);
        assert_eq!(t.rows(), 2 * 14);
        assert_eq!(t.names.len(), 4 + table().len() + 2);
        assert_eq!(t.record(14)[..3], ["1".to_string(), "0".into(), "2011-01".into()]);
        // For the whole municipality: a count divided by the scale (0.1), a rate as simulated.
        let Some(Column::Double(v)) = t.column("n_homeless") else { panic!("no n_homeless") };
        assert_eq!(v[15], runs[1][1].get(crate::results::Out::n_homeless) / 0.1);
        let Some(Column::Double(v)) = t.column("homeless_per_10k") else { panic!("no homeless_per_10k") };
        assert_eq!(v[15], runs[1][1].get(crate::results::Out::homeless_per_10k));
    }

    #[test]
    fn catalogue_tables_have_a_row_per_item() {
        assert_eq!(parameters().rows(), crate::params::table().len());
        assert_eq!(outputs().rows(), table().len());
        assert_eq!(presets().rows(), crate::presets::all().len());
        let settings: usize = crate::policy::InstrumentConfig::KINDS
            .iter()
            .map(|k| crate::policy::InstrumentConfig::settings_of(k).unwrap_or_default().len())
            .sum();
        assert_eq!(instruments().rows(), settings);
        for t in [parameters(), outputs(), presets(), instruments()] {
            assert!(t.columns.iter().all(|c| c.len() == t.rows()));
        }
    }

    #[test]
    fn yearly_bands_have_a_row_per_year_and_output() {
        let (p, runs) = runs();
        let t = yearly(&p, &runs);
        assert_eq!(t.rows(), 2 * table().len());
        assert_eq!(t.cell(0, 0), "2011");
        assert_eq!(t.cell(table().len(), 0), "2012");
    }
}
