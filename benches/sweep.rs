//! Sweep throughput: runs per second of a small-municipality scenario
//! (`scenarios/nynashamn.toml`: Nynäshamn at full scale, its instruments,
//! 10 years plus burn-in) on one and on two threads, as `hemma sweep` runs
//! them (rayon over independent jobs). The parallel efficiency is
//! (time on 1 thread) / (2 × time on 2 threads); see README, "Speed".
//!
//! `cargo bench --bench sweep`

use criterion::{Criterion, criterion_group, criterion_main};
use hemma::scenario::{Format, parse};
use rayon::prelude::*;
use std::hint::black_box;
use std::time::Duration;

/// Runs per measured iteration: enough to keep two threads busy.
const BATCH: u32 = 8;

fn sweep_throughput(c: &mut Criterion) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/nynashamn.toml")).expect("preset file");
    let prepared = parse(&text, Format::Toml, "nynashamn.toml").expect("valid preset");
    let mut group = c.benchmark_group("sweep_nynashamn_10y");
    group.sample_size(10).measurement_time(Duration::from_secs(25)).warm_up_time(Duration::from_secs(3));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
        group.bench_function(format!("{BATCH}_runs_{threads}_threads"), |b| {
            b.iter(|| {
                pool.install(|| {
                    (0..BATCH).into_par_iter().map(|r| black_box(hemma::run::run_replication(&prepared, r)).len()).sum::<usize>()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, sweep_throughput);
criterion_main!(benches);
