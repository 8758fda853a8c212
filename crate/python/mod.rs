//! The Python shell (feature `python`): the extension module `hemma._hemma`
//! behind the package in `python/hemma/`.
//!
//! Like the Wasm facade and the CLI, it adds only what a shell adds —
//! threads, progress, interruption, files — around the library's
//! [`run_replication_while`](crate::run::run_replication_while) and
//! [`crate::tables`]. Tables cross to Python as Arrow IPC streams (bytes
//! that `pyarrow` reads whole, then pandas or polars), never row by row.
//!
//! Long calls release the GIL: the model runs on a rayon pool in a
//! separate thread while the calling thread, every 100 ms, takes the GIL
//! back to check for Ctrl-C (`KeyboardInterrupt`) and to report progress.
//! A stopped run is stopped within a month of simulation on every worker.
//! A panic in the model becomes a `RuntimeError`, never a crash of the
//! interpreter. Bad input raises `ValueError` with the message the CLI
//! prints: field, value, what is allowed.
//!
//! In rooms: this file has the module's functions (run, compare, sweeps,
//! Sobol indices, the catalogue); `classes.rs` the classes `Scenario` and
//! `Simulation`; `parallel.rs` the pool without the GIL that checks for
//! Ctrl-C and reports progress; `arrow.rs` tables as Arrow IPC streams.

mod arrow;
mod classes;
mod parallel;

pub use classes::{Scenario, Simulation};

use crate::results::Row;
use crate::run::run_replication_while;
use crate::scenario::{self, Prepared};
use crate::tables;
use arrow::ipc;
use parallel::run_parallel;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

/// One factor's Sobol indices: first order with its interval, total with its interval.
type Indices = (f64, f64, f64, f64, f64, f64);

/// A `ValueError` with `message` (bad input: field, value, what is allowed).
fn value_error(message: impl Into<String>) -> PyErr {
    PyValueError::new_err(message.into())
}

fn check_replications(replications: Option<u32>, least: u32) -> PyResult<Option<u32>> {
    match replications {
        Some(r) if !(least..=scenario::MAX_REPLICATIONS).contains(&r) => {
            Err(value_error(format!("replications = {r}: out of range; allowed {least} to {}", scenario::MAX_REPLICATIONS)))
        }
        r => Ok(r),
    }
}

/// Runs every replication of each scenario; `result[k][r]` are the
/// reported months of replication `r` of `scenarios[k]`.
fn replicate(
    py: Python<'_>,
    scenarios: &[&Prepared],
    threads: Option<usize>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Vec<Vec<Row>>>> {
    let jobs = crate::run::replication_jobs(scenarios);
    let months = scenarios.first().map_or(0, |p| crate::run::months_per_replication(p));
    let work = |&(k, r): &(usize, u32), go_on: &dyn Fn() -> bool| run_replication_while(scenarios[k], r, go_on);
    let runs = run_parallel(py, &jobs, months, &work, threads, progress)?;
    Ok(crate::run::by_scenario(scenarios.len(), &jobs, runs))
}

/// The tables and fingerprints of one scenario's runs, as a dict of
/// Arrow streams (`replications`, `aggregate`, `yearly`) and a list.
fn run_tables<'py>(py: Python<'py>, p: &Prepared, runs: &[Vec<Row>]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("replications", ipc(py, tables::replications(p, runs))?)?;
    d.set_item("aggregate", ipc(py, tables::aggregate(p, runs))?)?;
    d.set_item("yearly", ipc(py, tables::yearly(p, runs))?)?;
    d.set_item("fingerprints", runs.iter().map(|r| crate::run::fingerprint(r)).collect::<Vec<u64>>())?;
    Ok(d)
}

/// `(version, git commit)` of this build.
#[pyfunction]
fn version() -> (&'static str, &'static str) {
    (crate::VERSION, crate::GIT_COMMIT)
}

/// A catalogue table (`parameters`, `outputs`, `presets`, `instruments`) as an Arrow stream.
#[pyfunction]
fn catalogue<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyBytes>> {
    let t = match name {
        "parameters" => tables::parameters(),
        "outputs" => tables::outputs(),
        "presets" => tables::presets(),
        "instruments" => tables::instruments(),
        other => return Err(value_error(format!("{other:?}: allowed parameters, outputs, presets, instruments"))),
    };
    ipc(py, t)
}

/// Runs a scenario's replications; a dict of Arrow streams and fingerprints.
#[pyfunction]
#[pyo3(signature = (scenario, replications=None, threads=None, progress=None))]
fn run<'py>(
    py: Python<'py>,
    scenario: &Scenario,
    replications: Option<u32>,
    threads: Option<usize>,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let p = scenario.with_replications(check_replications(replications, 1)?);
    let runs = replicate(py, &[&p], threads, progress.as_ref())?.remove(0);
    run_tables(py, &p, &runs)
}

/// Paired runs of two scenarios: the comparison table, the effectiveness
/// over the projection (JSON) and both scenarios' tables.
#[pyfunction]
#[pyo3(signature = (base, alternative, replications=None, threads=None, progress=None))]
fn compare<'py>(
    py: Python<'py>,
    base: &Scenario,
    alternative: &Scenario,
    replications: Option<u32>,
    threads: Option<usize>,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let n = check_replications(replications, 2)?
        .unwrap_or(base.prepared.scenario.replications.max(alternative.prepared.scenario.replications))
        .max(2);
    let (b, a) = (base.with_replications(Some(n)), alternative.with_replications(Some(n)));
    crate::compare::check_comparable(&b, &a).map_err(value_error)?;
    // Traced runs, as `hemma compare` makes them: the rows and, for the
    // effect accounting, the projection's months.
    let scenarios = [&b, &a];
    let jobs = crate::run::replication_jobs(&scenarios);
    let months = crate::run::months_per_replication(&b);
    let work = |&(k, r): &(usize, u32), go_on: &dyn Fn() -> bool| crate::run::run_replication_traced_while(scenarios[k], r, go_on);
    let mut traced = crate::run::by_scenario(2, &jobs, run_parallel(py, &jobs, months, &work, threads, progress.as_ref())?);
    let why = crate::effects::account(&traced[0], &traced[1], b.scenario.scale);
    let runs: Vec<Vec<Vec<Row>>> = traced.iter_mut().map(|s| s.iter_mut().map(|t| std::mem::take(&mut t.rows)).collect()).collect();
    let years = crate::compare::whole_place_differences(&b, &runs[0], &runs[1]);
    let eff = crate::compare::projection_effectiveness(&b, &runs[0], &runs[1]);
    let head = crate::compare::headline(&crate::compare::HeadlineSetup::of(&b, &a), &runs[0], &runs[1], None);
    let (from, to) = (b.scenario.start_year, b.scenario.start_year + (b.scenario.horizon_months as i32 - 1) / 12);
    let d = PyDict::new(py);
    d.set_item("comparison", ipc(py, tables::comparison(&b, &years))?)?;
    d.set_item("effectiveness", to_json(&eff)?)?;
    d.set_item("headline", to_json(&head)?)?;
    d.set_item("headline_lines", head.lines(from, to))?;
    d.set_item("why", to_json(&why)?)?;
    d.set_item("why_lines", why.why())?;
    d.set_item("effects", ipc(py, tables::effects(&b, &why))?)?;
    d.set_item("base", run_tables(py, &b, &runs[0])?)?;
    d.set_item("alternative", run_tables(py, &a, &runs[1])?)?;
    Ok(d)
}

/// `value` as JSON text (the package parses it).
fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// Runs every job of a prepared sweep plan in memory.
fn run_sweep<'py>(
    py: Python<'py>,
    pp: &crate::sweep::PreparedPlan,
    threads: Option<usize>,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let l = pp.layout;
    let jobs: Vec<crate::sweep::jobs::Job> = (0..l.jobs()).map(|j| l.job(j)).collect();
    let months = crate::run::months_per_replication(&pp.scenarios[0]);
    let work = |job: &crate::sweep::jobs::Job, go_on: &dyn Fn() -> bool| {
        run_replication_while(&pp.scenarios[job.point as usize], job.replication, go_on)
    };
    let runs = run_parallel(py, &jobs, months, &work, threads, progress.as_ref())?;
    let paired: Vec<(crate::sweep::jobs::Job, Vec<Row>)> = jobs.into_iter().zip(runs).collect();
    let manifest = tables::sweep_manifest(pp);
    let d = PyDict::new(py);
    d.set_item("results", ipc(py, tables::sweep_results(pp, &paired))?)?;
    d.set_item("design", ipc(py, tables::design(pp))?)?;
    d.set_item("manifest", manifest.to_string())?;
    Ok(d)
}

/// Runs a sweep plan file (its `base` relative to it).
#[pyfunction]
#[pyo3(signature = (path, threads=None, progress=None))]
fn sweep_file<'py>(
    py: Python<'py>,
    path: &str,
    threads: Option<usize>,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let (pp, _, _) = crate::files::load_plan(path).map_err(value_error)?;
    run_sweep(py, &pp, threads, progress)
}

/// Runs a sweep plan given as text (`toml` or `json`) over `base`; the
/// plan's own `base` key is not read.
#[pyfunction]
#[pyo3(signature = (text, format, base, threads=None, progress=None))]
fn sweep_text<'py>(
    py: Python<'py>,
    text: &str,
    format: &str,
    base: &Scenario,
    threads: Option<usize>,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let toml_text = match format {
        "toml" => text.to_string(),
        "json" => {
            let v: serde_json::Value = serde_json::from_str(text).map_err(|e| value_error(format!("the plan is not valid JSON: {e}")))?;
            toml::to_string(&v).map_err(|e| value_error(format!("the plan cannot be written as TOML: {e}")))?
        }
        other => return Err(value_error(format!("format = {other:?}: allowed \"toml\" or \"json\""))),
    };
    let plan = crate::sweep::plan::parse(&toml_text, "plan").map_err(|e| value_error(e.to_string()))?;
    let pp = crate::sweep::prepare(plan, &toml_text, "plan", &base.prepared).map_err(|e| value_error(e.to_string()))?;
    run_sweep(py, &pp, threads, progress)
}

/// First-order and total Sobol indices from a Saltelli design's values:
/// `samples[i]`, `blocks[i]` (`A`, `B`, `AB1`, …) and `values[i]` of each
/// point; one `(first, first_low, first_high, total, total_low, total_high)`
/// per factor.
#[pyfunction]
#[pyo3(name = "sobol", signature = (factors, samples, blocks, values, resamples=1000, level=0.95, seed=1))]
fn sobol_of(
    factors: usize,
    samples: Vec<u32>,
    blocks: Vec<String>,
    values: Vec<f64>,
    resamples: u32,
    level: f64,
    seed: u64,
) -> PyResult<Vec<Indices>> {
    if !(level > 0.0 && level < 1.0) {
        return Err(value_error(format!("level = {level}: out of range; allowed 0 < level < 1")));
    }
    if resamples > 100_000 {
        return Err(value_error(format!("resamples = {resamples}: out of range; allowed 0 to 100000")));
    }
    if samples.len() != blocks.len() || samples.len() != values.len() {
        return Err(value_error("samples, blocks and values must have one entry per design point"));
    }
    let mut arranged = Vec::with_capacity(values.len());
    for ((s, b), v) in samples.iter().zip(&blocks).zip(&values) {
        let block = crate::sweep::design::Block::parse(b).ok_or_else(|| value_error(format!("block {b:?}: allowed A, B, AB1, AB2, …")))?;
        arranged.push((*s, block, *v));
    }
    let outputs = crate::sensitivity::SaltelliOutputs::arrange(factors, &arranged).map_err(value_error)?;
    Ok(crate::sensitivity::sobol_indices(&outputs, resamples, level, seed)
        .iter()
        .map(|x| (x.first, x.first_low, x.first_high, x.total, x.total_low, x.total_high))
        .collect())
}

/// The extension module.
#[pymodule]
#[pyo3(name = "_hemma")]
fn hemma_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Scenario>()?;
    m.add_class::<Simulation>()?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(sweep_file, m)?)?;
    m.add_function(wrap_pyfunction!(sweep_text, m)?)?;
    m.add_function(wrap_pyfunction!(sobol_of, m)?)?;
    Ok(())
}
