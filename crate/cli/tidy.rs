//! Tidy tables on disk: CSV text and Parquet files, written atomically.
//!
//! A sweep's results have the columns `point, replication, output, time,
//! statistic, value, hemma_version, git_commit` (one row per kept value of
//! one run, each naming the hemma that made it); its design has
//! `point, sample, block` and one column per factor. Both are written as
//! CSV and as Parquet (uncompressed, plain column types: pandas, polars and
//! R's arrow read them). Numbers in CSV are written in Rust's shortest
//! round-trip form, so the Parquet values are exactly the CSV values.

use hemma::tables::{Column, Table};
use parquet::basic::{ConvertedType, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Header of a results table (CSV and Parquet column names).
pub const RESULT_COLUMNS: [&str; 8] = hemma::tables::SWEEP_RESULTS;

/// Writes `bytes` to `path` atomically: a temporary file beside it, synced,
/// then renamed over `path`. A reader sees the old file or the new one,
/// never half of one, even if the process is killed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(path);
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)
}

/// The temporary name used by [`write_atomic`] for `path` (unique per process).
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or("file".into(), |n| n.to_string_lossy().to_string());
    path.with_file_name(format!(".{name}.tmp.{}", std::process::id()))
}

/// Writes `table` as CSV (a header line, then one line per row) to `out`.
/// The fields of hemma's tables hold no commas, quotes or line breaks
/// (names, dates, numbers); a field that did would be quoted.
pub fn write_csv<W: Write>(out: W, table: &Table) -> std::io::Result<W> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&table.names)?;
    for r in 0..table.rows() {
        w.write_record(table.record(r))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// `table` as CSV text ([`write_csv`]).
pub fn csv_text(table: &Table) -> String {
    String::from_utf8(write_csv(Vec::new(), table).unwrap_or_default()).unwrap_or_default()
}

/// Writes a table as a Parquet file, in row groups of at most
/// `group_rows` rows, atomically.
pub fn write_parquet(path: &Path, table: &Table, group_rows: usize) -> Result<(), String> {
    let columns = &table.columns;
    let fields: Vec<Arc<Type>> = table
        .names
        .iter()
        .zip(columns)
        .map(|(name, c)| {
            let b = match c {
                Column::Int(_) => Type::primitive_type_builder(name, Physical::INT32),
                Column::Double(_) => Type::primitive_type_builder(name, Physical::DOUBLE),
                Column::Text(_) => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                    .with_logical_type(Some(LogicalType::String))
                    .with_converted_type(ConvertedType::UTF8),
            };
            b.with_repetition(Repetition::REQUIRED).build().map(Arc::new).map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    let schema = Arc::new(Type::group_type_builder("schema").with_fields(fields).build().map_err(|e| e.to_string())?);
    let props = Arc::new(WriterProperties::builder().set_created_by(format!("hemma {}", hemma::LONG_VERSION)).build());
    let rows = table.rows();
    let mut buf: Vec<u8> = Vec::new();
    {
        let mut w = SerializedFileWriter::new(&mut buf, schema, props).map_err(|e| e.to_string())?;
        let mut start = 0;
        while start < rows || (rows == 0 && start == 0) {
            let end = (start + group_rows.max(1)).min(rows);
            let mut g = w.next_row_group().map_err(|e| e.to_string())?;
            for c in columns {
                let mut col = g.next_column().map_err(|e| e.to_string())?.ok_or("fewer columns than the schema")?;
                match c {
                    Column::Int(v) => col.typed::<Int32Type>().write_batch(&v[start..end], None, None),
                    Column::Double(v) => col.typed::<DoubleType>().write_batch(&v[start..end], None, None),
                    Column::Text(v) => {
                        let bytes: Vec<ByteArray> = v[start..end].iter().map(|s| ByteArray::from(s.as_str())).collect();
                        col.typed::<ByteArrayType>().write_batch(&bytes, None, None)
                    }
                }
                .map_err(|e| e.to_string())?;
                col.close().map_err(|e| e.to_string())?;
            }
            g.close().map_err(|e| e.to_string())?;
            if rows == 0 {
                break;
            }
            start = end;
        }
        w.close().map_err(|e| e.to_string())?;
    }
    write_atomic(path, &buf).map_err(|e| e.to_string())
}

/// Results rows accumulated column by column for Parquet.
#[derive(Default)]
pub struct ResultColumns {
    point: Vec<i32>,
    replication: Vec<i32>,
    output: Vec<String>,
    time: Vec<String>,
    statistic: Vec<String>,
    value: Vec<f64>,
    hemma_version: Vec<String>,
    git_commit: Vec<String>,
}

impl ResultColumns {
    /// Adds one parsed CSV row; the error names the problem.
    pub fn push_csv(&mut self, fields: &[&str]) -> Result<(), String> {
        let [p, r, o, t, s, v, version, commit] = fields else {
            return Err(format!("expected {} fields, found {}", RESULT_COLUMNS.len(), fields.len()));
        };
        self.point.push(p.parse().map_err(|_| format!("point `{p}` is not a whole number"))?);
        self.replication.push(r.parse().map_err(|_| format!("replication `{r}` is not a whole number"))?);
        self.output.push(o.to_string());
        self.time.push(t.to_string());
        self.statistic.push(s.to_string());
        self.value.push(v.parse().map_err(|_| format!("value `{v}` is not a number"))?);
        self.hemma_version.push(version.to_string());
        self.git_commit.push(commit.to_string());
        Ok(())
    }

    /// Writes the accumulated rows.
    pub fn write(self, path: &Path) -> Result<(), String> {
        let columns = vec![
            Column::Int(self.point),
            Column::Int(self.replication),
            Column::Text(self.output),
            Column::Text(self.time),
            Column::Text(self.statistic),
            Column::Double(self.value),
            Column::Text(self.hemma_version),
            Column::Text(self.git_commit),
        ];
        let table = Table { names: RESULT_COLUMNS.map(String::from).to_vec(), columns };
        write_parquet(path, &table, 1 << 20)
    }
}
