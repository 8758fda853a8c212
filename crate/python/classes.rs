//! The Python classes: `Scenario` (a validated scenario, `hemma.Scenario`
//! wraps it) and `Simulation` (one replication stepped month by month,
//! `hemma.Simulation` wraps it).

use super::arrow::ipc;
use super::value_error;
use crate::results::Row;
use crate::scenario::{self, Format, Prepared};
use crate::tables;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

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
    /// The validated scenario.
    pub(super) prepared: Prepared,
    /// Notes of a migration from an older file format.
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

    /// What the scenario asks for that will not do what it seems to
    /// ([`crate::scenario::Prepared::warnings`]), as "field: message".
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.prepared.warnings().into_iter().map(|w| format!("{}: {}", w.field, w.en)).collect()
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
    /// The scenario, with `replications` if given.
    pub(super) fn with_replications(&self, replications: Option<u32>) -> Prepared {
        let mut p = self.prepared.clone();
        if let Some(r) = replications {
            p.scenario.replications = r;
        }
        p
    }
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
    /// (flows zero) before the first step, for the whole municipality (as
    /// every table: totals divided by the scale).
    fn current(&self) -> Vec<(&'static str, f64)> {
        let row = self.rows.last().cloned().unwrap_or_else(|| self.sim.state_row()).whole_place(self.prepared.scenario.scale);
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
