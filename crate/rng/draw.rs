//! The per-event generator: ChaCha8 computed one 64-byte block at a time,
//! word for word what `rand_chacha`'s `ChaCha8Rng` gives for the same key.

/// One positioned generator; see [`crate::sample`] for the distributions drawn from it.
///
/// ChaCha8 with a 64-bit block counter and stream 0, as `rand_chacha`'s
/// `ChaCha8Rng::from_seed(key)`: the same words in the same order (a 64-bit
/// draw is the next word as its low half and the one after as its high
/// half), computed one block when it is first needed.
pub struct Draw {
    /// The key: the stream's, with the draw's position folded in.
    pub(super) key: [u32; 8],
    block: [u32; 16],
    /// The next block to compute.
    counter: u64,
    /// The next word of `block` (16: used up).
    index: usize,
}

/// "expand 32-byte k", ChaCha's constant words.
const SIGMA: [u32; 4] = [0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574];

/// One ChaCha8 block (four double rounds) of `key` at block `counter`, stream 0.
///
/// The state is sixteen local variables rather than an array, so that it
/// stays in registers (Wasm locals) through the rounds.
fn chacha8_block(key: &[u32; 8], counter: u64, out: &mut [u32; 16]) {
    let init = [
        SIGMA[0],
        SIGMA[1],
        SIGMA[2],
        SIGMA[3],
        key[0],
        key[1],
        key[2],
        key[3],
        key[4],
        key[5],
        key[6],
        key[7],
        counter as u32,
        (counter >> 32) as u32,
        0,
        0,
    ];
    let [
        mut x0,
        mut x1,
        mut x2,
        mut x3,
        mut x4,
        mut x5,
        mut x6,
        mut x7,
        mut x8,
        mut x9,
        mut x10,
        mut x11,
        mut x12,
        mut x13,
        mut x14,
        mut x15,
    ] = init;
    macro_rules! quarter {
        ($a:ident, $b:ident, $c:ident, $d:ident) => {
            $a = $a.wrapping_add($b);
            $d = ($d ^ $a).rotate_left(16);
            $c = $c.wrapping_add($d);
            $b = ($b ^ $c).rotate_left(12);
            $a = $a.wrapping_add($b);
            $d = ($d ^ $a).rotate_left(8);
            $c = $c.wrapping_add($d);
            $b = ($b ^ $c).rotate_left(7);
        };
    }
    for _ in 0..4 {
        quarter!(x0, x4, x8, x12);
        quarter!(x1, x5, x9, x13);
        quarter!(x2, x6, x10, x14);
        quarter!(x3, x7, x11, x15);
        quarter!(x0, x5, x10, x15);
        quarter!(x1, x6, x11, x12);
        quarter!(x2, x7, x8, x13);
        quarter!(x3, x4, x9, x14);
    }
    let x = [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15];
    for (o, (a, b)) in out.iter_mut().zip(x.iter().zip(init.iter())) {
        *o = a.wrapping_add(*b);
    }
}

impl Draw {
    /// A generator for `key` (a stream's key with a position folded in),
    /// at its first word.
    pub(super) fn new(key: [u32; 8]) -> Draw {
        Draw { key, block: [0; 16], counter: 0, index: 16 }
    }

    /// The next word of the stream.
    #[inline]
    fn word(&mut self) -> u32 {
        if self.index == 16 {
            chacha8_block(&self.key, self.counter, &mut self.block);
            self.counter = self.counter.wrapping_add(1);
            self.index = 0;
        }
        let w = self.block[self.index];
        self.index += 1;
        w
    }

    /// The next 64 bits: the next word is the low half.
    #[inline]
    fn next_u64(&mut self) -> u64 {
        let lo = self.word() as u64;
        let hi = self.word() as u64;
        (hi << 32) | lo
    }

    /// A uniform number in `[0, 1)` with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform number in `(0, 1]`, safe to take the logarithm of.
    pub fn uniform_open0(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// A raw 32-bit word.
    pub fn next_u32(&mut self) -> u32 {
        self.word()
    }

    /// A uniform integer in `0..n` (`n > 0`), by Lemire's multiply-shift
    /// (bias below 2^-32 for the small `n` used here).
    pub fn below(&mut self, n: u32) -> u32 {
        ((self.word() as u64 * n as u64) >> 32) as u32
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Stream, Streams};
    use rand_chacha::ChaCha8Rng;
    use rand_chacha::rand_core::{Rng, SeedableRng};

    #[test]
    fn draws_are_rand_chachas_chacha8_word_for_word() {
        // Mixed 32- and 64-bit draws across several block boundaries, for
        // many keys: the one-block generator must equal ChaCha8Rng exactly.
        let s = Streams::new(2012, 3);
        for (k, stream) in Stream::ALL.iter().enumerate() {
            for entity in [0u32, 1, 77, 250_000, u32::MAX] {
                let mut ours = s.rng(*stream, entity, 17 + k as u16, 5);
                let mut key = [0u8; 32];
                for (b, w) in key.chunks_exact_mut(4).zip(ours.key) {
                    b.copy_from_slice(&w.to_le_bytes());
                }
                let mut theirs = ChaCha8Rng::from_seed(key);
                for i in 0..150u32 {
                    if (i * 7 + entity) % 3 == 0 {
                        assert_eq!(ours.next_u64(), theirs.next_u64(), "{stream:?} {entity} draw {i}");
                    } else {
                        assert_eq!(ours.next_u32(), theirs.next_u32(), "{stream:?} {entity} draw {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_chacha8_block_matches_a_published_vector() {
        // ChaCha8, all-zero key and nonce, block 0: the first words of the
        // keystream 3e00ef2f895f40d6 7f5bb8e81f09a5a1 2c840ec3ce9a7f3b …
        // (eSTREAM / draft-strombergson-chacha-test-vectors, TC1, 8 rounds).
        let mut out = [0u32; 16];
        chacha8_block(&[0; 8], 0, &mut out);
        assert_eq!(&out[..4], &[0x2fef003e, 0xd6405f89, 0xe8b85b7f, 0xa1a5091f]);
    }
}
