//! Time per phase of the monthly step, per household-month, at several
//! population sizes of the national preset (no instruments): where the time
//! goes, and which phases grow with scale (issue 17).
//!
//! ```sh
//! cargo run --release --example phase_times               # 10k, 250k, 1.2M, 4.7M households, 12 months each
//! cargo run --release --example phase_times -- 10000 24   # one size, 24 months
//! ```
use hemma::model::hooks::Instruments;
use hemma::model::synth::synthesise;
use hemma::model::{demography, eviction, homeless, income, market, rent};
use hemma::params::Params;
use hemma::policy::PolicySet;
use std::time::Instant;

/// Households in Sweden at full scale (the national preset, 2011).
const FULL: f64 = 4_700_000.0;
const PHASES: [&str; 8] = ["demography", "income", "rent", "eviction", "homeless", "policies", "market", "record"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<f64> = match args.first().and_then(|a| a.parse().ok()) {
        Some(n) => vec![n],
        None => vec![10_000.0, 250_000.0, 1_200_000.0, FULL],
    };
    let months: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(12);
    print!("{:>10}", "households");
    for name in PHASES {
        print!(" {name:>10}");
    }
    println!(" {:>10}   (ns per household-month, {months} months after 24 unrecorded)", "total");
    let p = hemma::presets::find("sverige").expect("the national preset");
    for n in sizes {
        let mut w = synthesise(&p, &Params::default(), (n / FULL).min(1.0), 1, 0);
        if std::env::var("HEMMA_MEMORY").is_ok() {
            eprintln!("after synthesis: {}", memory());
        }
        let mut pol = PolicySet::empty();
        for _ in 0..24 {
            w.step(&mut pol);
        }
        let mut t = [0f64; 8];
        let mut household_months = 0.0;
        for _ in 0..months {
            household_months += w.live_households() as f64;
            w.tally = Default::default();
            let s = Instant::now();
            demography::step(&mut w);
            t[0] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            income::step(&mut w);
            t[1] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            rent::step(&mut w);
            t[2] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            eviction::step(&mut w, &mut pol);
            t[3] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            homeless::step(&mut w);
            t[4] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            pol.act(&mut w);
            t[5] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            market::step(&mut w, &mut pol);
            t[6] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let _ = hemma::model::record::record(&mut w, &pol);
            t[7] += s.elapsed().as_secs_f64();
            w.month = w.month.plus(1);
        }
        print!("{:>10}", w.live_households());
        for x in t {
            print!(" {:>10.1}", x / household_months * 1e9);
        }
        println!(" {:>10.1}", t.iter().sum::<f64>() / household_months * 1e9);
        if std::env::var("HEMMA_MEMORY").is_ok() {
            eprintln!("after the months: {}", memory());
        }
    }
}

/// Resident and peak memory of this process (Linux: /proc/self/status).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}
