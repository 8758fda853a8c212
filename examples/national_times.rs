//! Where the national 20-year run spends its time (issue 17): synthesis,
//! burn-in, the reported months, and within them the time in each of the
//! instruments' hooks ([`HOOKS`]; recording their outputs is not timed).
//! One thread, the national preset with its instruments
//! (`scenarios/sverige.toml`) at a chosen scale.
//!
//! ```sh
//! cargo run --release --example national_times            # full scale, 20 years
//! cargo run --release --example national_times -- 0.25 60 # a quarter, 5 years
//! ```
//!
//! The model's phases one by one: `examples/phase_times.rs`.

use hemma::model::dwelling::DwellingId;
use hemma::model::hooks::Instruments;
use hemma::model::landlord::Rejected;
use hemma::model::synth::synthesise;
use hemma::model::world::World;
use hemma::policy::PolicySet;
use hemma::results::Row;
use hemma::scenario::{Format, parse, prepare};
use std::time::Instant;

/// The hooks timed, in the order of [`Timed::seconds`].
const HOOKS: [&str; 6] = ["begin_month", "establish", "before_pipeline", "act", "claim_vacancy", "vouch"];

/// The instruments, with the time spent in each hook.
struct Timed {
    inner: PolicySet,
    seconds: [f64; HOOKS.len()],
}

impl Timed {
    fn time<T>(&mut self, hook: usize, f: impl FnOnce(&mut PolicySet) -> T) -> T {
        let s = Instant::now();
        let out = f(&mut self.inner);
        self.seconds[hook] += s.elapsed().as_secs_f64();
        out
    }
}

impl Instruments for Timed {
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
    fn begin_month(&mut self) {
        self.time(0, |p| p.begin_month())
    }
    fn establish(&mut self, w: &mut World) {
        self.time(1, |p| p.establish(w))
    }
    fn before_pipeline(&mut self, w: &mut World) {
        self.time(2, |p| p.before_pipeline(w))
    }
    fn act(&mut self, w: &mut World) {
        self.time(3, |p| p.act(w))
    }
    fn claim_vacancy(&mut self, w: &mut World, dwelling: DwellingId) -> bool {
        self.time(4, |p| p.claim_vacancy(w, dwelling))
    }
    fn vouch(&mut self, w: &World, rejected: Rejected) -> bool {
        self.time(5, |p| p.vouch(w, rejected))
    }
    fn record(&self, w: &World, row: &mut Row) {
        // Not timed (&self); recording the instruments reads their own state.
        self.inner.record(w, row)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let scale: f64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(1.0);
    let months: u32 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(240);
    let file = std::fs::read_to_string("scenarios/sverige.toml").expect("run from the repository's root");
    let mut scenario = parse(&file, Format::Toml, "scenarios/sverige.toml").expect("the national preset").scenario;
    scenario.scale = scale;
    scenario.horizon_months = months;
    let prepared = prepare(scenario, "scenarios/sverige.toml").expect("a valid scenario");
    let s = &prepared.scenario;

    let t = Instant::now();
    let mut w = synthesise(&prepared.preset, &prepared.params, s.scale, s.seed, 0);
    w.set_conditions(prepared.conditions.clone(), prepared.timeline().first_year());
    let synthesis = t.elapsed().as_secs_f64();
    // A run from 2011 has no history: the scenario's own instruments act
    // from the start, as in `Simulation::new`.
    let mut policies = Timed { inner: PolicySet::new(&s.instruments), seconds: [0.0; HOOKS.len()] };

    let (t, mut burn_in_months) = (Instant::now(), 0.0);
    while !w.reporting() {
        burn_in_months += w.live_households() as f64;
        w.step(&mut policies);
    }
    let (burn_in, burn_in_hooks) = (t.elapsed().as_secs_f64(), std::mem::take(&mut policies.seconds));
    let burn_in_hooks: f64 = burn_in_hooks.iter().sum();

    let (t, mut reported_months) = (Instant::now(), 0.0);
    for _ in 0..months {
        reported_months += w.live_households() as f64;
        w.step(&mut policies);
    }
    let (reported, by_hook) = (t.elapsed().as_secs_f64(), policies.seconds);
    let reported_hooks: f64 = by_hook.iter().sum();

    println!("national preset with its instruments, scale {scale}, {} households at the end, one thread", w.live_households());
    println!("{:<22} {:>8} {:>14} {:>24}", "part", "s", "of which hooks", "ns per household-month");
    println!("{:<22} {:>8.1}", "synthesis", synthesis);
    let line = |name: &str, secs: f64, hooks: f64, hm: f64| {
        println!("{name:<22} {secs:>8.1} {hooks:>14.1} {:>24.1}", secs / hm * 1e9);
    };
    line("burn-in", burn_in, burn_in_hooks, burn_in_months);
    line(&format!("{months} reported months"), reported, reported_hooks, reported_months);
    println!("{:<22} {:>8.1}", "total", synthesis + burn_in + reported);
    let hooks: Vec<String> = HOOKS.iter().zip(by_hook).map(|(name, s)| format!("{name} {s:.2}")).collect();
    println!("hooks in the reported months (s): {}", hooks.join(", "));
}
