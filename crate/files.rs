//! Reading scenario and sweep-plan files from disk, for the shells that
//! have a file system (the CLI and the Python package; not the model, not
//! the browser). The rules live here once: a preset's id that is not a file
//! name stands for the preset's default run, a place file is read relative
//! to its scenario file, a plan's `base` relative to the plan.

use crate::scenario::{self, Format, Prepared};
use crate::sweep::{self, PreparedPlan};
use std::path::Path;

/// Reads and validates a scenario file, or a preset's default run when
/// `file` is a preset's id and no such file exists
/// ([`crate::presets::default_scenario`]). Returns the scenario and the
/// notes of a migration from an older format (to show the user). The
/// error is the message for the user: file, line, key, value, what is
/// allowed.
pub fn load_scenario(file: &str) -> Result<(Prepared, Vec<String>), String> {
    if !Path::new(file).exists()
        && let Some(text) = crate::presets::default_scenario(file)
    {
        return scenario::parse(&text, Format::Toml, &format!("preset {file}")).map(|p| (p, Vec::new())).map_err(|e| e.to_string());
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("{file}: cannot read the scenario file: {e} (a preset's id runs its default: `hemma presets` lists them)"))?;
    let dir = Path::new(file).parent().map(|d| d.to_path_buf()).unwrap_or_default();
    let read_place = |path: &str| {
        let full = dir.join(path);
        let shown = full.display().to_string();
        std::fs::read_to_string(&full)
            .map(|text| (text, shown.clone()))
            .map_err(|e| format!("cannot read the place file {shown} (the path is relative to the scenario file): {e}"))
    };
    let prepared = scenario::parse_with_places(&text, Format::from_path(file), file, &read_place).map_err(|e| e.to_string())?;
    let notes = prepared.scenario.migrated.iter().map(|n| format!("{file}: {n}")).collect();
    Ok((prepared, notes))
}

/// Reads and validates a sweep plan file and its base scenario (the plan's
/// `base`, a path relative to the plan file). Returns the prepared plan,
/// the plan's text (kept beside the results) and the base file's migration
/// notes, or the message for the user.
pub fn load_plan(file: &str) -> Result<(PreparedPlan, String, Vec<String>), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: cannot read the plan: {e}"))?;
    let plan = sweep::plan::parse(&text, file).map_err(|e| e.to_string())?;
    let dir = Path::new(file).parent().unwrap_or(Path::new("."));
    let base_path = dir.join(&plan.base);
    let base_file = base_path.to_string_lossy().to_string();
    if !base_path.is_file() {
        return Err(format!("{file}: `base` = {:?}: no scenario file at {base_file} (the path is relative to the plan file)", plan.base));
    }
    let (base, notes) = load_scenario(&base_file)?;
    let prepared = sweep::prepare(plan, &text, file, &base).map_err(|e| e.to_string())?;
    Ok((prepared, text, notes))
}
