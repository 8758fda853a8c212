use hemma::model::synth::synthesise;
use hemma::model::{demography, eviction, homeless, income, market, rent};
use hemma::params::Params;
use hemma::policy::PolicySet;
use std::time::Instant;
fn main() {
    let p = hemma::presets::find("goteborg").unwrap();
    let mut w = synthesise(&p, &Params::default(), 1.0, 1, 0);
    let mut pol = PolicySet::empty();
    for _ in 0..24 {
        w.step(&mut pol);
    }
    let mut t = [0f64; 8];
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(12);
    for _ in 0..n {
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
        let _ = hemma::results::record(&mut w, &pol);
        t[7] += s.elapsed().as_secs_f64();
        w.month = w.month.plus(1);
    }
    let hh = w.households.len() as f64;
    for (name, x) in ["demography", "income", "rent", "eviction", "homeless", "policies", "market", "record"].iter().zip(t) {
        println!("{name:12} {:8.1} ns/household-month", x / n as f64 / hh * 1e9);
    }
}
