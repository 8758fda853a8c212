//! The `hemma` command-line tool: a thin shell over the library. It parses
//! arguments, reads and writes files, shows progress and runs replications
//! in parallel; every number comes from `hemma::run`.

/// `println!` that treats a closed stdout (`hemma params | head -1`) as the
/// end of output, as Unix tools do, instead of panicking: see [`stdout_line`].
macro_rules! outln {
    () => { $crate::stdout_line(format_args!("")) };
    ($($arg:tt)*) => { $crate::stdout_line(format_args!($($arg)*)) };
}

/// `print!` with the same closed-pipe rule as [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::stdout_write(format_args!($($arg)*)) };
}

mod calibrate;
mod compare;
mod effects;
mod merge;
mod output;
mod run;
mod sensitivity;
mod sweep;
mod tidy;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  hemma run examples/sverige.toml                      run the bundled national scenario
  hemma run examples/karlstad.toml --replications 40 --out out/karlstad
  hemma compare examples/karlstad.toml examples/karlstad-shelter-guarantee.toml -r 20
                                                       paired differences with 90% intervals
  hemma sweep examples/sweeps/nynashamn-sobol.toml      a Saltelli design on all cores, resumable
  hemma sweep plan.toml --shard 2/8 --out shared/dir   one shard of eight (or from SLURM_ARRAY_TASK_ID)
  hemma merge shared/dir                               check the shards and combine them
  hemma sensitivity out/nynashamn-sobol --output homeless_per_10k --statistic mean
  hemma validate-report                                docs/validation.md: every target at the defaults
  hemma calibrate                                      fit the calibrated parameters (resumable)
  hemma validate my-scenario.toml                      check a scenario file, run nothing
  hemma presets                                        the places you can simulate
  hemma params                                         every parameter: default, unit, range, source
  hemma params --format csv > params.csv
  hemma schema > scenario.schema.json                  JSON Schema for editors";

/// Agent-based simulation of homelessness and evictions in Swedish
/// municipalities under housing policy instruments.
#[derive(Parser, Debug)]
#[command(name = "hemma", version = hemma::LONG_VERSION, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output format of the listing commands.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum ListFormat {
    /// An aligned table for the terminal.
    Table,
    /// Comma-separated values.
    Csv,
    /// JSON.
    Json,
    /// A Markdown table.
    Markdown,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a scenario: replications in parallel, CSV and JSON results, a summary table.
    Run(run::RunArgs),
    /// Compare two scenarios with paired replications (common random numbers).
    Compare(compare::CompareArgs),
    /// The effect sheet: every instrument at a standard dose in every preset, against its baseline, with the effect accounting (writes docs/effects.md).
    Effects(effects::EffectsArgs),
    /// Run a sweep plan: a design over parameters and instrument settings, replications with common random numbers.
    Sweep(sweep::SweepArgs),
    /// Combine the chunks of a sweep (from one machine or many shards) into results.csv and results.parquet.
    Merge(merge::MergeArgs),
    /// First-order and total Sobol indices of a Saltelli sweep, with bootstrap intervals.
    Sensitivity(sensitivity::SensitivityArgs),
    /// Fit the calibrated parameters to the targets (Nelder–Mead with restarts, resumable).
    Calibrate(calibrate::CalibrateArgs),
    /// Make a fitted set the parameter table's defaults (edits crate/params/table.rs).
    ApplyCalibration(calibrate::ApplyArgs),
    /// Run every target at the committed defaults; write docs/validation.md and docs/validation.svg.
    ValidateReport(calibrate::ReportArgs),
    /// Check a scenario file and report the first problem; runs nothing.
    Validate {
        /// Scenario file (TOML or JSON).
        file: String,
    },
    /// List the presets (national and the eight municipalities).
    Presets {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// List every parameter with default, unit, range, kind and source.
    Params {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// List the drivers (population growth, completions, unemployment, assistance, newly arrived, prices, rents, the assistance norm, the housing allowance) by year, with flags and sources.
    Drivers {
        /// A preset (id or name): its own series where it has them, the national ones otherwise.
        #[arg(long, default_value = "sverige")]
        place: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// List every output column with unit and meaning.
    Outputs {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Print the JSON Schema of scenario files.
    Schema,
    /// Regenerate docs/parameters.md, docs/outputs.md, docs/instruments.md, docs/drivers.md and schema/scenario.schema.json.
    Docs {
        /// Directory of the repository (default: current directory).
        #[arg(long, default_value = ".")]
        root: String,
        /// Only check that the files are up to date; exit 1 if not.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(args),
        Command::Compare(args) => compare::compare(args),
        Command::Effects(args) => effects::effects(args),
        Command::Sweep(args) => sweep::sweep(args),
        Command::Merge(args) => merge::merge(args),
        Command::Sensitivity(args) => sensitivity::sensitivity(args),
        Command::Calibrate(args) => calibrate::calibrate(args),
        Command::ApplyCalibration(args) => calibrate::apply(args),
        Command::ValidateReport(args) => calibrate::validate_report(args),
        Command::Validate { file } => run::validate(&file),
        Command::Presets { format } => output::presets(format),
        Command::Params { format } => output::params(format),
        Command::Outputs { format } => output::outputs(format),
        Command::Drivers { place, format } => output::drivers(&place, format),
        Command::Schema => {
            outln!("{}", serde_json::to_string_pretty(&hemma::scenario::json_schema()).unwrap_or_default());
            Ok(())
        }
        Command::Docs { root, check } => output::docs(&root, check),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.code())
        }
    }
}

/// Writes a line to stdout ([`outln!`]).
pub fn stdout_line(args: std::fmt::Arguments) {
    stdout_write(format_args!("{args}\n"));
}

/// Writes to stdout. A closed pipe ends the program quietly with success
/// (the reader has all it wanted); any other write error ends it with a
/// message and exit code 1. Never panics.
pub fn stdout_write(args: std::fmt::Arguments) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        exit_on_write_error(&e);
    }
}

/// The closed-pipe rule of [`stdout_write`] for writers that return errors.
pub fn exit_on_write_error(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("error: writing to stdout: {e}");
    std::process::exit(1);
}

/// A failure of a command: a message for the user and an exit code
/// (2: bad input, 1: anything else).
#[derive(Debug)]
pub struct CliError {
    message: String,
    input: bool,
}

impl CliError {
    /// Bad input from the user (a file, a flag).
    pub fn input(message: impl Into<String>) -> CliError {
        CliError { message: message.into(), input: true }
    }

    /// A failure while working (writing a file, …).
    pub fn other(message: impl Into<String>) -> CliError {
        CliError { message: message.into(), input: false }
    }

    fn code(&self) -> u8 {
        if self.input { 2 } else { 1 }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
