//! Cost of one monthly step, per household-month, at 10,000 and 250,000
//! households, single thread; and bytes of state per household.
//!
//! Run with `cargo bench --bench step`. Each iteration steps a copy of a
//! post-burn-in world through twelve months; criterion reports the time per
//! iteration and, through `Throughput::Elements(12 × households)`,
//! household-months per second. The figure the project tracks is
//! nanoseconds per household-month = 1e9 / that throughput. Bytes of state
//! are printed before the runs.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use hemma::model::synth::synthesise;
use hemma::model::world::World;
use hemma::params::Params;
use hemma::policy::PolicySet;
use hemma::presets;

/// A world of about `households` households of `preset`, past burn-in.
fn world(preset: &str, households: f64) -> World {
    let p = presets::find(preset).unwrap();
    let params = Params::default();
    let size = params.mean_household_size();
    let scale = (households * size / p.population as f64).min(1.0);
    let mut w = synthesise(&p, &params, scale, 1, 0);
    let mut policies = PolicySet::empty();
    for _ in 0..params.burn_in_months as u32 {
        w.step(&mut policies);
    }
    w
}

fn report_bytes(name: &str, w: &World) {
    use hemma::model::dwelling::Dwellings;
    use hemma::model::household::Households;
    let alive = (0..w.households.len()).filter(|&i| w.households.status[i] != hemma::model::household::Status::Gone).count();
    let state = w.households.len() * Households::BYTES_PER_HOUSEHOLD + w.dwellings.len() * Dwellings::BYTES_PER_DWELLING;
    let heap = w.households.heap_bytes() + w.dwellings.heap_bytes();
    println!(
        "{name}: {alive} households in {} slots, {} dwellings; state {:.1} bytes per household \
         ({} per household slot + {} per dwelling); heap incl. spare capacity {:.1} bytes per household",
        w.households.len(),
        w.dwellings.len(),
        state as f64 / alive as f64,
        Households::BYTES_PER_HOUSEHOLD,
        Dwellings::BYTES_PER_DWELLING,
        heap as f64 / alive as f64,
    );
}

fn step(c: &mut Criterion) {
    for (name, preset, n) in [("step_10k_households", "nynashamn", 10_000.0), ("step_250k_households", "goteborg", 250_000.0)] {
        let base = world(preset, n);
        report_bytes(name, &base);
        let alive = (0..base.households.len()).filter(|&i| base.households.status[i] != hemma::model::household::Status::Gone).count();
        let mut group = c.benchmark_group(name);
        // Twelve months per iteration: the figure is a year's average (January
        // also recomputes every household's balance).
        group.throughput(Throughput::Elements(12 * alive as u64));
        group.sample_size(if n > 100_000.0 { 10 } else { 30 });
        // Every iteration steps a fresh copy of the same post-burn-in world one
        // month (the copy is made outside the timed part), so the figure is
        // for a fixed, representative state rather than a drifting one. The
        // world is returned so that freeing it is not timed either.
        let mut policies = PolicySet::empty();
        group.bench_function("one_year", |b| {
            b.iter_batched(
                || base.clone(),
                |mut w| {
                    let rows: Vec<_> = (0..12).map(|_| w.step(&mut policies)).collect();
                    (w, rows)
                },
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }
}

criterion_group!(benches, step);
criterion_main!(benches);
