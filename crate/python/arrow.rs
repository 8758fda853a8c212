//! Tables as Arrow IPC streams: bytes that `pyarrow` reads whole, so that
//! pandas or polars take a table without a conversion per column in Python.

use crate::tables::{Column, Table};
use arrow_array::{ArrayRef, Float64Array, Int32Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::sync::Arc;

/// A table as an Arrow IPC stream (one record batch).
pub(super) fn ipc<'py>(py: Python<'py>, table: Table) -> PyResult<Bound<'py, PyBytes>> {
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
