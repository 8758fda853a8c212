//! Cost of creating a positioned generator and of further draws (design benchmark).
use hemma::rng::{Stream, Streams};
use std::time::Instant;
fn main() {
    let s = Streams::new(1, 0);
    let n = 2_000_000u32;
    let t = Instant::now();
    let mut acc = 0u32;
    for i in 0..n {
        let mut d = s.rng(Stream::Income, i, 5, 0);
        acc ^= d.next_u32();
    }
    let per = t.elapsed().as_secs_f64() / n as f64 * 1e9;
    let t = Instant::now();
    let mut d = s.rng(Stream::Income, 0, 5, 0);
    for _ in 0..n {
        acc ^= d.next_u32();
    }
    let draw = t.elapsed().as_secs_f64() / n as f64 * 1e9;
    println!("new generator + first draw: {per:.1} ns; further draws: {draw:.2} ns ({acc})");
}
