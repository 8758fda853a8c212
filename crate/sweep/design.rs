//! Designs: where in the factor space the runs go.
//!
//! Every design returns points in the unit hypercube `[0, 1)^k` (or, for a
//! grid, on it), which [`scale`] maps to each factor's range. Three kinds:
//!
//! * **Grid** — the full factorial of each factor's levels.
//! * **Latin hypercube** — `n` points; each factor's range is cut into `n`
//!   equal strata and every stratum holds exactly one point (McKay, Beckman
//!   and Conover 1979). The permutations and the jitter within strata come
//!   from a ChaCha8 stream keyed by the plan's `design_seed`.
//! * **Saltelli** — the sampling scheme for first-order and total Sobol
//!   indices (Saltelli 2002; Saltelli et al. 2010): two matrices `A` and `B`
//!   of `n` rows from a `2k`-dimensional Sobol sequence (Joe–Kuo direction
//!   numbers, the first point skipped), and for each factor `i` the matrix
//!   `AB_i`, which is `A` with column `i` taken from `B`. Points are written
//!   sample by sample: `A_j, AB_1j, …, AB_kj, B_j`, `n (k + 2)` in all.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// Which matrix of Saltelli's scheme a point belongs to (or none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A point of a grid or Latin hypercube.
    Plain,
    /// Row of matrix `A`.
    A,
    /// Row of matrix `B`.
    B,
    /// Row of `AB_i`: `A` with factor `i` (0-based) from `B`.
    AB(u16),
}

impl Block {
    /// The label written in `design.csv`: empty, `A`, `B`, or `AB1` … (1-based).
    pub fn label(self) -> String {
        match self {
            Block::Plain => String::new(),
            Block::A => "A".into(),
            Block::B => "B".into(),
            Block::AB(i) => format!("AB{}", i + 1),
        }
    }

    /// Parses a label written by [`Block::label`].
    pub fn parse(s: &str) -> Option<Block> {
        match s {
            "" => Some(Block::Plain),
            "A" => Some(Block::A),
            "B" => Some(Block::B),
            _ => s.strip_prefix("AB")?.parse::<u16>().ok().filter(|i| *i >= 1).map(|i| Block::AB(i - 1)),
        }
    }
}

/// One design point: its coordinates in `[0, 1]^k`, the sample it belongs
/// to (Saltelli: the row `j`; otherwise the point's own index) and its block.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitPoint {
    /// Coordinates, one per factor, in `[0, 1]`.
    pub u: Vec<f64>,
    /// Sample index.
    pub sample: u32,
    /// Block of Saltelli's scheme.
    pub block: Block,
}

/// The full factorial of `levels[i]` evenly spaced levels per factor, the
/// last factor varying fastest. A factor with one level sits at 0.
pub fn grid(levels: &[u32]) -> Vec<UnitPoint> {
    let total: usize = levels.iter().map(|&l| l.max(1) as usize).product();
    (0..total)
        .map(|p| {
            let mut rest = p;
            let mut u = vec![0.0; levels.len()];
            for (i, &l) in levels.iter().enumerate().rev() {
                let l = l.max(1) as usize;
                let level = rest % l;
                rest /= l;
                u[i] = if l == 1 { 0.0 } else { level as f64 / (l - 1) as f64 };
            }
            UnitPoint { u, sample: p as u32, block: Block::Plain }
        })
        .collect()
}

/// A Latin hypercube of `n` points in `k` dimensions, from `seed`.
pub fn latin_hypercube(n: u32, k: usize, seed: u64) -> Vec<UnitPoint> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x4c48_5344_4553_4947); // "LHSDESIG"
    let n = n as usize;
    let mut columns: Vec<Vec<f64>> = Vec::with_capacity(k);
    for _ in 0..k {
        let mut strata: Vec<usize> = (0..n).collect();
        // Fisher–Yates with an unbiased bounded draw.
        for i in (1..n).rev() {
            let j = below(&mut rng, (i + 1) as u64) as usize;
            strata.swap(i, j);
        }
        columns.push(strata.iter().map(|&s| (s as f64 + unit(&mut rng)) / n as f64).collect());
    }
    (0..n).map(|p| UnitPoint { u: columns.iter().map(|c| c[p]).collect(), sample: p as u32, block: Block::Plain }).collect()
}

/// Largest number of factors a Saltelli design supports (the Sobol sequence
/// used has 100 dimensions, and the scheme needs two per factor).
pub const SALTELLI_MAX_FACTORS: usize = 50;

/// Saltelli's scheme with `n` base samples and `k` factors (`k` ≤
/// [`SALTELLI_MAX_FACTORS`]): `n (k + 2)` points.
pub fn saltelli(n: u32, k: usize) -> Vec<UnitPoint> {
    let params = sobol::params::JoeKuoD6::minimal();
    let seq = sobol::Sobol::<f64>::new(2 * k, &params);
    let mut out = Vec::with_capacity(n as usize * (k + 2));
    for (j, row) in seq.skip(1).take(n as usize).enumerate() {
        let (a, b) = row.split_at(k);
        let j = j as u32;
        out.push(UnitPoint { u: a.to_vec(), sample: j, block: Block::A });
        for i in 0..k {
            let mut ab = a.to_vec();
            ab[i] = b[i];
            out.push(UnitPoint { u: ab, sample: j, block: Block::AB(i as u16) });
        }
        out.push(UnitPoint { u: b.to_vec(), sample: j, block: Block::B });
    }
    out
}

/// Maps a unit coordinate to `[min, max]`.
pub fn scale(u: f64, min: f64, max: f64) -> f64 {
    min + u * (max - min)
}

fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

fn below(rng: &mut ChaCha8Rng, n: u64) -> u64 {
    // Lemire's nearly divisionless method, with rejection for exactness.
    loop {
        let x = rng.next_u64();
        let m = (x as u128) * (n as u128);
        if (m as u64) >= n.wrapping_neg() % n {
            return (m >> 64) as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_is_the_full_factorial_with_the_last_factor_fastest() {
        let g = grid(&[2, 3]);
        assert_eq!(g.len(), 6);
        assert_eq!(g[0].u, vec![0.0, 0.0]);
        assert_eq!(g[1].u, vec![0.0, 0.5]);
        assert_eq!(g[2].u, vec![0.0, 1.0]);
        assert_eq!(g[3].u, vec![1.0, 0.0]);
        assert_eq!(grid(&[1])[0].u, vec![0.0]);
    }

    #[test]
    fn latin_hypercube_has_one_point_per_stratum_in_every_factor() {
        let n = 37;
        let pts = latin_hypercube(n, 4, 9);
        assert_eq!(pts.len(), n as usize);
        for i in 0..4 {
            let mut strata: Vec<usize> = pts.iter().map(|p| (p.u[i] * n as f64) as usize).collect();
            strata.sort();
            assert_eq!(strata, (0..n as usize).collect::<Vec<_>>(), "factor {i}");
        }
        assert_eq!(pts, latin_hypercube(n, 4, 9), "same seed, same design");
        assert_ne!(pts, latin_hypercube(n, 4, 10));
    }

    #[test]
    fn saltelli_rows_share_a_and_b_as_the_scheme_requires() {
        let k = 3;
        let pts = saltelli(8, k);
        assert_eq!(pts.len(), 8 * (k + 2));
        for chunk in pts.chunks(k + 2) {
            let a = &chunk[0];
            let b = &chunk[k + 1];
            assert_eq!((a.block, b.block), (Block::A, Block::B));
            for i in 0..k {
                let ab = &chunk[1 + i];
                assert_eq!(ab.block, Block::AB(i as u16));
                for d in 0..k {
                    assert_eq!(ab.u[d], if d == i { b.u[d] } else { a.u[d] });
                }
            }
            assert!(a.u.iter().chain(&b.u).all(|x| (0.0..1.0).contains(x)));
        }
        // The first Sobol point (all zeros) is skipped.
        assert!(pts[0].u.iter().any(|x| *x != 0.0));
    }

    #[test]
    fn block_labels_round_trip() {
        for b in [Block::Plain, Block::A, Block::B, Block::AB(0), Block::AB(11)] {
            assert_eq!(Block::parse(&b.label()), Some(b));
        }
        assert_eq!(Block::parse("AB0"), None);
        assert_eq!(Block::parse("C"), None);
    }
}
