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

use crate::results::Row;
use crate::run::run_replication_while;
use crate::scenario::{self, Format, Prepared};
use crate::tables::{self, Column, Table};
use arrow_array::{ArrayRef, Float64Array, Int32Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// Most worker threads a call may ask for.
const MAX_THREADS: usize = 1024;

/// The work of one job: given the job and the stop check (`go_on`, called
/// after every simulated month), its result, or `None` when stopped.
type Work<'a, J, T> = dyn Fn(&J, &dyn Fn() -> bool) -> Option<T> + Sync + 'a;

/// One factor's Sobol indices: first order with its interval, total with its interval.
type Indices = (f64, f64, f64, f64, f64, f64);

fn value_error(message: impl Into<String>) -> PyErr {
    PyValueError::new_err(message.into())
}

/// A table as an Arrow IPC stream (one record batch).
fn ipc<'py>(py: Python<'py>, table: Table) -> PyResult<Bound<'py, PyBytes>> {
    let fields: Vec<Field> = table
        .names
        .iter()
        .zip(&table.columns)
        .map(|(name, c)| {
            let t = match c {
                Column::Int(_) => DataType::Int32,
                Column::Double(_) => DataType::Float64,
                Column::Text(_) => DataType::Utf8,
            };
            Field::new(name, t, false)
        })
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let arrays: Vec<ArrayRef> = table
        .columns
        .into_iter()
        .map(|c| -> ArrayRef {
            match c {
                Column::Int(v) => Arc::new(Int32Array::from(v)),
                Column::Double(v) => Arc::new(Float64Array::from(v)),
                Column::Text(v) => Arc::new(StringArray::from(v)),
            }
        })
        .collect();
    let arrow_err = |e: arrow_schema::ArrowError| PyRuntimeError::new_err(format!("cannot build the Arrow table: {e}"));
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(arrow_err)?;
    let mut buf = Vec::new();
    {
        let mut w = arrow_ipc::writer::StreamWriter::try_new(&mut buf, &schema).map_err(arrow_err)?;
        w.write(&batch).map_err(arrow_err)?;
        w.finish().map_err(arrow_err)?;
    }
    Ok(PyBytes::new(py, &buf))
}

fn check_threads(threads: Option<usize>) -> PyResult<Option<usize>> {
    match threads {
        Some(t) if !(1..=MAX_THREADS).contains(&t) => {
            Err(value_error(format!("threads = {t}: out of range; allowed 1 to {MAX_THREADS} (or None: one per core)")))
        }
        t => Ok(t),
    }
}

fn check_replications(replications: Option<u32>, least: u32) -> PyResult<Option<u32>> {
    match replications {
        Some(r) if !(least..=scenario::MAX_REPLICATIONS).contains(&r) => {
            Err(value_error(format!("replications = {r}: out of range; allowed {least} to {}", scenario::MAX_REPLICATIONS)))
        }
        r => Ok(r),
    }
}

/// Runs `work` on every job on a pool of `threads` worker threads (default:
/// one per core) without the GIL; returns the results in job order. Every
/// 100 ms the calling thread checks for Ctrl-C and calls
/// `progress(done_months, total_months)`; an exception from either stops
/// every worker within a simulated month and is raised.
fn run_parallel<J: Sync, T: Send>(
    py: Python<'_>,
    jobs: &[J],
    months: u64,
    work: &Work<'_, J, T>,
    threads: Option<usize>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<T>> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(t) = check_threads(threads)? {
        builder = builder.num_threads(t);
    }
    let pool = builder.build().map_err(|e| PyRuntimeError::new_err(format!("cannot start worker threads: {e}")))?;
    let total = months * jobs.len() as u64;
    let done = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let go_on = || {
        done.fetch_add(1, Ordering::Relaxed);
        !stop.load(Ordering::Relaxed)
    };
    std::thread::scope(|s| {
        let handle = s.spawn(|| pool.install(|| jobs.par_iter().map(|j| work(j, &go_on)).collect::<Vec<Option<T>>>()));
        let mut raised: Option<PyErr> = None;
        loop {
            let finished = py.detach(|| {
                for _ in 0..5 {
                    if handle.is_finished() {
                        return true;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                handle.is_finished()
            });
            if raised.is_none() {
                let checked = py.check_signals().and_then(|()| match progress {
                    Some(p) => p.call1((done.load(Ordering::Relaxed).min(total), total)).map(|_| ()),
                    None => Ok(()),
                });
                if let Err(e) = checked {
                    stop.store(true, Ordering::Relaxed);
                    raised = Some(e);
                }
            }
            if finished {
                break;
            }
        }
        let joined = py.detach(|| handle.join());
        if let Some(e) = raised {
            return Err(e);
        }
        let results = joined.map_err(|panic| {
            let what = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            PyRuntimeError::new_err(format!("the model failed: {}", what.unwrap_or_else(|| "a worker thread panicked".into())))
        })?;
        results.into_iter().collect::<Option<Vec<T>>>().ok_or_else(|| PyRuntimeError::new_err("the run was stopped"))
    })
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

/// Removes `None` (JSON null) entries from every object: in a dict, as in
/// a file, a key left out takes its default (TOML has no null).
fn drop_nulls(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// A validated scenario (the Python class `hemma.Scenario` wraps it).
#[pyclass(frozen, module = "hemma._hemma")]
#[derive(Clone)]
pub struct Scenario {
    prepared: Prepared,
    notes: Vec<String>,
}

#[pymethods]
impl Scenario {
    /// Parses and validates scenario text; `format` is `toml`, `json`, or
    /// `dict` for JSON made from a Python dict: it is read as TOML, so that
    /// an error names the key (`horizon_months = "ten years"`), and
    /// reported without line and column (there is no file to point into).
    #[staticmethod]
    fn parse(text: &str, format: &str, origin: &str) -> PyResult<Scenario> {
        let parsed = match format {
            "toml" => scenario::parse(text, Format::Toml, origin),
            "json" => scenario::parse(text, Format::Json, origin),
            "dict" => {
                let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| value_error(format!("{origin}: {e}")))?;
                drop_nulls(&mut value);
                let toml_text = toml::to_string(&value)
                    .map_err(|e| value_error(format!("{origin}: not a scenario (a value TOML cannot hold?): {e}")))?;
                scenario::parse(&toml_text, Format::Toml, origin).map_err(|e| scenario::ScenarioError { line: None, column: None, ..e })
            }
            other => return Err(value_error(format!("format = {other:?}: allowed \"toml\", \"json\" or \"dict\""))),
        };
        let prepared = parsed.map_err(|e| value_error(e.to_string()))?;
        let notes = prepared.scenario.migrated.clone();
        Ok(Scenario { prepared, notes })
    }

    /// Reads a scenario file (place files relative to it), or a preset's
    /// default run when `path` is a preset's id.
    #[staticmethod]
    fn load(path: &str) -> PyResult<Scenario> {
        let (prepared, notes) = crate::files::load_scenario(path).map_err(value_error)?;
        Ok(Scenario { prepared, notes })
    }

    /// The scenario as JSON (the file format; parses back to the same scenario).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.prepared.scenario).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// Notes of a migration from an older file format.
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    /// The place's id (a preset's id, or the custom place's).
    #[getter]
    fn place(&self) -> String {
        self.prepared.preset.id.clone()
    }

    /// The place's name.
    #[getter]
    fn place_name(&self) -> String {
        self.prepared.preset.name.clone()
    }

    /// Months each replication simulates, burn-in and history included.
    #[getter]
    fn months_per_replication(&self) -> u64 {
        crate::run::months_per_replication(&self.prepared)
    }

    /// The first reported year (2011 for a run with a history).
    #[getter]
    fn first_year(&self) -> i32 {
        self.prepared.timeline().first_year()
    }
}

impl Scenario {
    fn with_replications(&self, replications: Option<u32>) -> Prepared {
        let mut p = self.prepared.clone();
        if let Some(r) = replications {
            p.scenario.replications = r;
        }
        p
    }
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
    let runs = replicate(py, &[&b, &a], threads, progress.as_ref())?;
    let years = crate::compare::yearly_differences(&runs[0], &runs[1]);
    let eff = crate::compare::projection_effectiveness(&b, &runs[0], &runs[1]);
    let d = PyDict::new(py);
    d.set_item("comparison", ipc(py, tables::comparison(&b, &years))?)?;
    d.set_item("effectiveness", serde_json::to_string(&eff).map_err(|e| PyRuntimeError::new_err(e.to_string()))?)?;
    d.set_item("base", run_tables(py, &b, &runs[0])?)?;
    d.set_item("alternative", run_tables(py, &a, &runs[1])?)?;
    Ok(d)
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

/// One replication stepped month by month (`hemma.Simulation` wraps it).
/// Its instruments are trait objects that are `Send` but not `Sync`, so an
/// object stays on the Python thread that made it.
#[pyclass(unsendable, module = "hemma._hemma")]
pub struct Simulation {
    prepared: Prepared,
    sim: crate::run::Simulation,
    rows: Vec<Row>,
}

#[pymethods]
impl Simulation {
    #[new]
    #[pyo3(signature = (scenario, replication=0))]
    fn new(py: Python<'_>, scenario: &Scenario, replication: u32) -> Simulation {
        let prepared = scenario.prepared.clone();
        let sim = py.detach(|| {
            let mut sim = crate::run::Simulation::new(&prepared, replication);
            sim.burn_in();
            sim
        });
        Simulation { prepared, sim, rows: Vec::new() }
    }

    /// Simulates up to `months` reported months (fewer at the horizon);
    /// returns how many were simulated.
    #[pyo3(signature = (months=1))]
    fn step(&mut self, py: Python<'_>, months: u32) -> PyResult<u32> {
        let mut done = 0;
        while done < months && !self.sim.finished() {
            let (sim, rows) = (&mut self.sim, &mut self.rows);
            let chunk = (months - done).min(12);
            done += py.detach(|| {
                let mut n = 0;
                while n < chunk && !sim.finished() {
                    if let Some(r) = sim.step() {
                        rows.push(r);
                        n += 1;
                    }
                }
                n
            });
            py.check_signals()?;
        }
        Ok(done)
    }

    /// Whether the horizon has been reached.
    #[getter]
    fn finished(&self) -> bool {
        self.sim.finished()
    }

    /// Months reported so far.
    #[getter]
    fn reported(&self) -> u32 {
        self.sim.reported()
    }

    /// Months the run reports in all (history and projection).
    #[getter]
    fn total(&self) -> u32 {
        self.sim.timeline().reported_months()
    }

    /// The month last reported (`YYYY-MM`), or `None` before the first step.
    #[getter]
    fn date(&self) -> Option<String> {
        (self.sim.reported() > 0).then(|| self.sim.timeline().label(self.sim.reported() as usize - 1))
    }

    /// Whether the next month is a projection month (past the start year).
    #[getter]
    fn projecting(&self) -> bool {
        self.sim.reported() >= self.sim.timeline().history_months()
    }

    /// The outputs of the last reported month, or of the state at the start
    /// (flows zero) before the first step.
    fn current(&self) -> Vec<(&'static str, f64)> {
        let row = self.rows.last().cloned().unwrap_or_else(|| self.sim.state_row());
        crate::results::table().iter().zip(row.0).map(|(o, v)| (o.name, v)).collect()
    }

    /// The reported months so far, as an Arrow stream of the `replications` layout.
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        ipc(py, tables::replications(&self.prepared, std::slice::from_ref(&self.rows)))
    }

    /// Fingerprint of the reported months so far (equal to `hemma run --fingerprint` at the horizon).
    fn fingerprint(&self) -> u64 {
        crate::run::fingerprint(&self.rows)
    }
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
