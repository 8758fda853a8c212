//! File formats: [`FORMAT`] is the one this hemma writes; [`migrate`]
//! reads a file of an older format as it was meant (noting each change in
//! [`Scenario::migrated`]) and refuses a newer one with the version that
//! reads it.

use super::errors::{PathPart, ScenarioError, error_in};
use super::read::{Format, top_level};
use super::{RecordedInstruments, Scenario};

/// The scenario file format this hemma writes ([`Scenario::format`]).
/// Format 1: files made before 2026-12-02 (hemma up to commit a46c68f), when
/// runs started in `start_year` (default 2012) without a history and a
/// file's instruments were the place's only ones. Format 2: runs live
/// through 2011 to `start_year` (default: the data year) with the place's
/// recorded instruments, and the file's instruments are added from then on.
pub const FORMAT: u32 = 2;

/// The last commit that ran format-1 files as they were meant.
pub const FORMAT_1_COMMIT: &str = "a46c68f";

/// The error for `format = n`: a newer format (with the version that reads
/// it) or one that never existed.
pub(super) fn format_error(n: i64, text: &str, format: Format, origin: &str) -> ScenarioError {
    let message = if n > FORMAT as i64 {
        format!("made by a newer hemma; this one ({}) reads formats 1 to {FORMAT}: update hemma", crate::LONG_VERSION)
    } else {
        format!("unknown format; allowed 1 to {FORMAT}")
    };
    error_in(text, format, origin, &[PathPart::Key("format")], n.to_string(), message)
}

/// Whether a file wrote the two keys whose defaults format 1 had otherwise:
/// (`start_year`, `recorded_instruments`). A run without a history (a start
/// in 2011, which no default gives) wrote its start and has no recorded
/// instruments to end, so its text is not read a second time.
fn wrote_format_1_keys(scenario: &Scenario, text: &str, format: Format) -> (bool, bool) {
    if text.is_empty() || scenario.start_year <= crate::timeline::HISTORY_START_YEAR {
        return (true, true);
    }
    let written = top_level(text, format).unwrap_or_default();
    (written.contains_key("start_year"), written.contains_key("recorded_instruments"))
}

/// Reads a file of an older [`FORMAT`] as it was meant, noting each change
/// in [`Scenario::migrated`]; refuses a newer format with the version that
/// reads it.
pub(super) fn migrate(mut scenario: Scenario, text: &str, format: Format, origin: &str) -> Result<Scenario, ScenarioError> {
    match scenario.format {
        // A file without the key is read as the current format, and says so
        // when written out. Format 1 files had no key; where reading one as
        // the current format would change its meaning (no `start_year`, or a
        // start after 2011 without `recorded_instruments`), the reader is
        // told how to read it as then.
        None => {
            scenario.format = Some(FORMAT);
            if wrote_format_1_keys(&scenario, text, format) != (true, true) {
                scenario.migrated.push(format!(
                    "no `format`: read as format {FORMAT}, so it projects from {} after a history from {} with the place's recorded instruments, which go on beside the file's; a file made before 2026-12-02 (format 1, hemma up to commit {FORMAT_1_COMMIT}) started in 2012 unless it said otherwise and its instruments were the place's only ones — add `format = 1` to read it as then, or `format = {FORMAT}` to say it is current",
                    scenario.start_year,
                    crate::timeline::HISTORY_START_YEAR
                ));
            }
            return Ok(scenario);
        }
        Some(FORMAT) => return Ok(scenario),
        Some(1) => {}
        Some(n) => return Err(format_error(n as i64, text, format, origin)),
    }
    let fail = |message: String| Err(error_in(text, format, origin, &[PathPart::Key("format")], "1".into(), message));
    let (wrote_start, wrote_recorded) = wrote_format_1_keys(&scenario, text, format);
    let run_then =
        format!("to run it as then, install that hemma: cargo install --git <repository> --rev {FORMAT_1_COMMIT} --features cli");
    if !wrote_start {
        scenario.start_year = 2012;
        scenario.migrated.push("format 1: no start_year meant 2012 (now the data year); start_year = 2012".into());
    }
    if scenario.start_year < crate::timeline::HISTORY_START_YEAR {
        return fail(format!(
            "a format-1 file starting in {} cannot run here: runs now begin in {} with the observed state; {run_then}",
            scenario.start_year,
            crate::timeline::HISTORY_START_YEAR
        ));
    }
    if !wrote_recorded && scenario.start_year > crate::timeline::HISTORY_START_YEAR {
        scenario.recorded_instruments = RecordedInstruments::End;
        scenario.migrated.push(format!(
            "format 1: the file's instruments were the place's only ones; the years 2011-{} are now history with the place's recorded instruments, which end when the file's start (recorded_instruments = \"end\")",
            scenario.start_year - 1
        ));
    }
    scenario.format = Some(FORMAT);
    scenario
        .migrated
        .push(format!("read as format {FORMAT}; results differ from the hemma of then (the model has changed since); {run_then}"));
    Ok(scenario)
}
