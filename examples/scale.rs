//! How the cost of a simulated month grows with the population (issue 17),
//! in one run, with the machine and the date:
//!
//! 1. the national preset without instruments at about 10,000, 250,000,
//!    1.2 million and 4.7 million households (full scale): ns per
//!    household-month over the 60 reported months after burn-in, one
//!    thread, every output recorded;
//! 2. the national preset as its file describes it (its instruments), full
//!    scale, 20 years from 2011 plus burn-in: wall time and peak memory.
//!
//! ```sh
//! cargo run --release --example scale            # about 6 minutes on 2 cores
//! cargo run --release --example scale -- --quick # 10,000 and 250,000 only
//! ```
//!
//! The numbers go into README's speed table with the machine and date this
//! prints. Timing belongs here, not in tests.

use hemma::run::{Simulation, run_replication};
use hemma::scenario::{Format, parse, prepare};
use std::time::Instant;

/// Households of the national preset at full scale (about; the measured
/// count is what is reported).
const FULL: f64 = 4_700_000.0;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    println!("machine: {}, {} threads available; date: {}", cpu(), threads(), today());
    println!(
        "{:>12} {:>10} {:>26} {:>16} {:>22}",
        "households", "scale", "ns per household-month", "wall time (s)", "peak bytes/household"
    );
    let targets: &[f64] = if quick { &[10_000.0, 250_000.0] } else { &[10_000.0, 250_000.0, 1_200_000.0, FULL] };
    for &n in targets {
        let scale = (n / FULL).min(1.0);
        let text = format!("preset = \"sverige\"\nscale = {scale:?}\nstart_year = 2011\nhorizon_months = 60\nseed = 1\n");
        let prepared = parse(&text, Format::Toml, "scale").expect("a valid scenario");
        let started = Instant::now();
        let mut sim = Simulation::new(&prepared, 0);
        // Burn-in first (no rows), then the reported months, timed.
        sim.burn_in();
        let (t0, mut household_months) = (Instant::now(), 0.0);
        while !sim.finished() {
            household_months += sim.world().live_households() as f64;
            sim.step();
        }
        let step = t0.elapsed().as_secs_f64();
        // The process's peak so far: the sizes grow, so it is this size's.
        let per_household = peak_kb().map_or(f64::NAN, |kb| kb * 1024.0 / sim.world().live_households() as f64);
        println!(
            "{:>12} {:>10.5} {:>26.1} {:>16.1} {:>22.0}",
            sim.world().live_households(),
            scale,
            step * 1e9 / household_months,
            started.elapsed().as_secs_f64(),
            per_household
        );
    }
    if quick {
        return;
    }
    let file = std::fs::read_to_string("scenarios/sverige.toml").expect("run from the repository's root");
    let mut scenario = parse(&file, Format::Toml, "scenarios/sverige.toml").expect("the national preset").scenario;
    scenario.scale = 1.0;
    scenario.horizon_months = 240;
    let prepared = prepare(scenario, "scenarios/sverige.toml at full scale").expect("a valid scenario");
    let started = Instant::now();
    let rows = run_replication(&prepared, 0);
    println!(
        "national preset with its instruments, full scale, {} months from 2011 plus burn-in: {:.0} s wall time, one thread, peak memory {} MB",
        rows.len(),
        started.elapsed().as_secs_f64(),
        peak_mb()
    );
}

fn cpu() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into())
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn today() -> String {
    std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Peak resident memory of this process (Linux), in kB.
fn peak_kb() -> Option<f64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string()))
        .and_then(|kb| kb.parse::<f64>().ok())
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_mb() -> String {
    peak_kb().map_or("unknown".into(), |kb| format!("{:.0}", kb / 1024.0))
}
