//! Files and tables the CLI writes: results of a run, listings, generated docs.

use crate::{CliError, ListFormat};
use hemma::results::{Out, Row, table};
use hemma::scenario::Prepared;
use hemma::tables::{self, Table};
use hemma::units::number;
use serde_json::json;
use std::fs;
use std::path::Path;
use std::time::Duration;

/// Writes `table` as a CSV file ([`crate::tidy::write_csv`]).
pub fn write_csv(path: &Path, table: &Table) -> std::io::Result<()> {
    crate::tidy::write_csv(fs::File::create(path)?, table).map(|_| ())
}

/// Writes `replications.csv`, `aggregate.csv`, `yearly.csv` and
/// `summary.json` into `dir` (the tables of [`hemma::tables`]). Every row
/// says its `period`: `history` (before the scenario's start year) or
/// `projection`, and ends with [`PROVENANCE`].
pub fn write_results(dir: &Path, p: &Prepared, runs: &[Vec<Row>], elapsed: Duration) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let timeline = p.timeline();
    let first = timeline.first_year();
    let year_period = |t: usize| timeline.period_of_year(first + t as i32);
    let names: Vec<&str> = table().iter().map(|o| o.name).collect();
    write_csv(&dir.join("replications.csv"), &tables::replications(p, runs))?;
    write_csv(&dir.join("aggregate.csv"), &tables::aggregate(p, runs))?;
    let yearly_bands = tables::yearly_bands(p, runs);
    write_csv(&dir.join("yearly.csv"), &tables::yearly_of(p, &yearly_bands))?;
    let mut by_year = Vec::new();
    for (t, b) in yearly_bands.iter().enumerate() {
        let mut entry = serde_json::Map::new();
        entry.insert("year".into(), json!(first + t as i32));
        entry.insert("period".into(), json!(year_period(t)));
        for (o, band) in b.iter().enumerate() {
            entry.insert(names[o].into(), json!(band));
        }
        by_year.push(serde_json::Value::Object(entry));
    }
    let summary = json!({
        "hemma_version": hemma::VERSION,
        "git_commit": hemma::GIT_COMMIT,
        "values": hemma::tables::VALUES,
        "scale": p.scenario.scale,
        "scenario": p.scenario,
        "preset": p.preset,
        "parameters": p.params,
        "replications": runs.len(),
        "months": runs.first().map_or(0, |r| r.len()),
        "first_year": first,
        "history_months": timeline.history_months(),
        "projection_months": timeline.horizon_months,
        "quantile_method": "Hyndman-Fan type 8 over replications",
        "wall_seconds": elapsed.as_secs_f64(),
        "yearly": by_year,
    });
    fs::write(dir.join("summary.json"), serde_json::to_string_pretty(&summary)? + "\n")?;
    Ok(())
}

/// The terminal summary: per year, median and 90% band of the key outputs.
pub fn summary_table(p: &Prepared, runs: &[Vec<Row>]) -> String {
    let b = tables::yearly_bands(p, runs);
    let cols: [(&str, Out, usize); 8] = [
        ("homeless/10k", Out::homeless_per_10k, 1),
        ("children/10k", Out::children_with_homeless_parent_per_10k, 1),
        ("sit1", Out::sit1_per_10k, 1),
        ("sit2", Out::sit2_per_10k, 1),
        ("sit4", Out::sit4_per_10k, 1),
        ("evictions/10k", Out::executed_evictions_per_10k, 2),
        ("pay.orders/1000 rentals", Out::payment_orders_per_1000_rentals, 1),
        ("vacancy %", Out::vacancy_rate, 2),
    ];
    let mut s = format!(
        "{} — {} (scale {}, {} replication(s); median [P5–P95] over replications; rates per 10,000 residents; homeless: adults, as Socialstyrelsen counts; children with a homeless parent apart)\n",
        p.scenario.name,
        p.preset.name,
        p.scenario.scale,
        runs.len()
    );
    if p.timeline().has_history() {
        s.push_str(&format!(
            "history {}–{} (h: the place's recorded instruments), projection from {}\n",
            p.timeline().first_year(),
            p.scenario.start_year - 1,
            p.scenario.start_year
        ));
    }
    s.push_str(&format!("{:>6}", "year"));
    for (name, _, _) in &cols {
        s.push_str(&format!(" {:>24}", name));
    }
    s.push('\n');
    for (t, per) in b.iter().enumerate() {
        let year = p.timeline().first_year() + t as i32;
        // History years are marked, so the boundary shows in the table.
        let history = p.timeline().period_of_year(year) == hemma::timeline::Period::History;
        s.push_str(&format!("{:>6}", if history { format!("{year}h") } else { year.to_string() }));
        for (_, o, dec) in &cols {
            let band = per[*o as usize];
            let k = if *o == Out::vacancy_rate { 100.0 } else { 1.0 };
            let cell = if runs.len() > 1 {
                format!("{:.d$} [{:.d$}–{:.d$}]", band.p50 * k, band.p5 * k, band.p95 * k, d = *dec)
            } else {
                format!("{:.d$}", band.p50 * k, d = *dec)
            };
            s.push_str(&format!(" {:>24}", cell));
        }
        s.push('\n');
    }
    s
}

fn print_rows(format: ListFormat, header: &[&str], rows: Vec<Vec<String>>) -> Result<(), CliError> {
    match format {
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            let closed = |e: csv::Error| match e.into_kind() {
                csv::ErrorKind::Io(io) => crate::exit_on_write_error(&io),
                other => CliError::other(format!("{other:?}")),
            };
            w.write_record(header).map_err(closed)?;
            for r in rows {
                w.write_record(&r).map_err(closed)?;
            }
            w.flush().map_err(|e| crate::exit_on_write_error(&e))?;
        }
        ListFormat::Json => {
            let v: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| serde_json::Value::Object(header.iter().zip(r).map(|(h, c)| (h.to_string(), json!(c))).collect()))
                .collect();
            outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        ListFormat::Markdown => {
            outln!("| {} |", header.join(" | "));
            outln!("|{}|", vec!["---"; header.len()].join("|"));
            for r in rows {
                outln!("| {} |", r.iter().map(|c| c.replace('|', "\\|")).collect::<Vec<_>>().join(" | "));
            }
        }
        ListFormat::Table => {
            // Wrap long text columns for the terminal: print each row as a block.
            let short = header.len().min(6);
            let widths: Vec<usize> =
                (0..short).map(|k| rows.iter().map(|r| r[k].chars().count()).chain([header[k].len()]).max().unwrap_or(0)).collect();
            let line = |cells: Vec<String>| cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect::<Vec<_>>().join("  ");
            outln!("{}", line(header[..short].iter().map(|s| s.to_string()).collect()));
            for r in rows {
                outln!("{}", line(r[..short].to_vec()));
                for (k, h) in header.iter().enumerate().skip(short) {
                    outln!("    {h}: {}", r[k]);
                }
            }
        }
    }
    Ok(())
}

/// A covariate as `value (flag year)`, e.g. `24 (observed 2014)` or `15 (national)`.
fn covariate_cell(c: &hemma::presets::Cell) -> String {
    match c.flag {
        hemma::presets::Flag::National => format!("{} (national)", number(c.value)),
        f => format!("{} ({} {})", number(c.value), f.as_str(), c.year),
    }
}

/// `hemma presets`: each place with its covariates, every value flagged
/// observed, derived, assumption or national (a stand-in for a missing one).
pub fn presets(format: ListFormat) -> Result<(), CliError> {
    let rows = hemma::presets::all()
        .into_iter()
        .map(|p| {
            let mut row = vec![
                p.id.clone(),
                p.name.clone(),
                p.population.to_string(),
                format!("{:.0}/{:.0}/{:.0}", p.rental_share * 100.0, p.coop_share * 100.0, p.owner_share * 100.0),
                number(p.homeless_per_10k),
                p.executed_evictions.to_string(),
            ];
            row.extend(p.covariates.cells().iter().map(|(_, c)| covariate_cell(c)));
            let sources: Vec<String> = p.covariates.cells().iter().map(|(n, c)| format!("{n}: {}", c.source)).collect();
            row.push(format!("{}; covariates (data/places/covariates.csv): {}", p.source, sources.join("; ")));
            row
        })
        .collect();
    let mut header = vec!["id", "name", "population", "rental/coop/owner %", "homeless per 10k (adults, 2011)", "executed evictions"];
    header.extend(hemma::presets::COVARIATE_NAMES);
    header.push("source");
    print_rows(format, &header, rows)
}

/// `hemma params`.
pub fn params(format: ListFormat) -> Result<(), CliError> {
    let rows = hemma::params::table()
        .iter()
        .map(|s| {
            vec![
                s.name.to_string(),
                number(s.default),
                s.unit.to_string(),
                number(s.min),
                number(s.max),
                s.kind.as_str().to_string(),
                s.description.to_string(),
                s.source.to_string(),
            ]
        })
        .collect();
    print_rows(format, &["name", "default", "unit", "min", "max", "kind", "description", "source"], rows)
}

/// `hemma outputs`.
pub fn outputs(format: ListFormat) -> Result<(), CliError> {
    let rows = table()
        .iter()
        .map(|o| {
            vec![
                o.name.to_string(),
                o.unit.to_string(),
                o.kind.as_str().to_string(),
                o.scaling.as_str().to_string(),
                o.description.to_string(),
            ]
        })
        .collect();
    print_rows(format, &["name", "unit", "kind", "scaling", "description"], rows)
}

/// `hemma drivers [--place P]`: every driver's yearly value with flag and
/// source, the place's own series where it has them.
pub fn drivers(place: &str, format: ListFormat) -> Result<(), CliError> {
    let Some(preset) = hemma::presets::find(place) else {
        let ids: Vec<String> = hemma::presets::all().into_iter().map(|p| p.id).collect();
        return Err(CliError::input(format!("--place: unknown preset {place:?}; allowed: {}", ids.join(", "))));
    };
    let t = hemma::drivers::for_place(&preset.name);
    let rows = hemma::drivers::Driver::ALL
        .iter()
        .flat_map(|&d| {
            let whose = if t.is_own(d) { preset.name.clone() } else { "Sverige".to_string() };
            t.series(d).iter().map(move |p| {
                vec![
                    whose.clone(),
                    d.name().to_string(),
                    p.year.to_string(),
                    number(p.value),
                    p.unit.clone(),
                    p.flag.clone(),
                    p.source.clone(),
                    p.note.clone(),
                ]
            })
        })
        .collect();
    print_rows(format, &["series", "driver", "year", "value", "unit", "flag", "source", "note"], rows)
}

/// The generated files and their expected contents.
pub fn generated_files() -> Vec<(&'static str, String)> {
    vec![
        ("docs/parameters.md", hemma::docs::parameters_md()),
        ("docs/outputs.md", hemma::docs::outputs_md()),
        ("docs/instruments.md", hemma::docs::instruments_md()),
        ("docs/drivers.md", hemma::docs::drivers_md()),
        ("schema/scenario.schema.json", serde_json::to_string_pretty(&hemma::scenario::json_schema()).unwrap_or_default() + "\n"),
    ]
}

/// `hemma docs [--check]`.
pub fn docs(root: &str, check: bool) -> Result<(), CliError> {
    let mut stale = Vec::new();
    for (path, text) in generated_files() {
        let full = Path::new(root).join(path);
        let current = fs::read_to_string(&full).unwrap_or_default();
        if current != text {
            if check {
                stale.push(path);
            } else {
                if let Some(dir) = full.parent() {
                    fs::create_dir_all(dir).map_err(|e| CliError::other(format!("{}: {e}", dir.display())))?;
                }
                fs::write(&full, text).map_err(|e| CliError::other(format!("{}: {e}", full.display())))?;
                outln!("wrote {path}");
            }
        }
    }
    if stale.is_empty() { Ok(()) } else { Err(CliError::other(format!("out of date: {} (run `hemma docs`)", stale.join(", ")))) }
}
