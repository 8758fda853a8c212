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
/// Format 3 (2026-12-06): homelessness is counted as Socialstyrelsen counts
/// it — adults, with children of homeless parents an output of their own —
/// and a place's own count is given with its year (`homeless_count_year`).
pub const FORMAT: u32 = 3;

/// What every file of format 1 or 2 is told when read as format 3.
const FORMAT_3_NOTE: &str = "format 2: read as format 3 — homeless counts (n_homeless, homeless_per_10k, the situations) now take in adults, as Socialstyrelsen counts them; children with a homeless parent are n_children_with_homeless_parent, never added in";

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
    scenario.written_format = scenario.format;
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
        Some(2) => return Ok(from_format_2(scenario)),
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
    let mut scenario = from_format_2(scenario);
    scenario
        .migrated
        .push(format!("read as format {FORMAT}; results differ from the hemma of then (the model has changed since); {run_then}"));
    Ok(scenario)
}

/// Reads a file of format 2 (or 1, after its own steps) as format 3: its
/// outputs count adults now (noted), and a `[place]` count without its
/// year was the 2011 start, so it is dated 2011 (noted).
fn from_format_2(mut scenario: Scenario) -> Scenario {
    scenario.format = Some(FORMAT);
    scenario.migrated.push(FORMAT_3_NOTE.into());
    if let Some(super::PlaceRef::Inline(spec)) = &mut scenario.place {
        date_an_undated_count(spec, &mut scenario.migrated);
    }
    scenario
}

/// A place's count without its year, in a file of format 2 or older, was
/// used as the count of 2011: dates it so, with a note.
pub(super) fn date_an_undated_count(spec: &mut crate::place::PlaceSpec, notes: &mut Vec<String>) {
    if spec.homeless_per_10k.is_some() && spec.homeless_count_year.is_none() {
        spec.homeless_count_year = Some(crate::timeline::HISTORY_START_YEAR);
        notes.push(format!(
            "format 2: the place's homeless_per_10k had no year and was the count of {0}; homeless_count_year = {0}",
            crate::timeline::HISTORY_START_YEAR
        ));
    }
}
