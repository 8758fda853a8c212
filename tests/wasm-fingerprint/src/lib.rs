//! The fingerprint of a fixed-seed run, exported from a WebAssembly module
//! without any bindings: `scripts/wasm-identity.sh` builds this for
//! `wasm32-unknown-unknown`, runs it in Node and compares the result with the
//! native one (`examples/fingerprint.rs`). Equal fingerprints mean the model
//! gives bit-identical results in the browser and natively; the reuse
//! fingerprint, that a projection from a copied history is bit-identical
//! to a run from 2011 in WebAssembly too.

/// The fingerprint, split in two 32-bit halves (plain Wasm exports have no u64 in older runtimes).
#[unsafe(no_mangle)]
pub extern "C" fn identity_fingerprint_high() -> u32 {
    (hemma::run::identity_fingerprint() >> 32) as u32
}

/// The low half of the fingerprint.
#[unsafe(no_mangle)]
pub extern "C" fn identity_fingerprint_low() -> u32 {
    hemma::run::identity_fingerprint() as u32
}

/// The fingerprint of the same run continued from a history computed for
/// another scenario of the place (high half).
#[unsafe(no_mangle)]
pub extern "C" fn identity_reuse_fingerprint_high() -> u32 {
    (hemma::run::identity_reuse_fingerprint() >> 32) as u32
}

/// The low half of the reuse fingerprint.
#[unsafe(no_mangle)]
pub extern "C" fn identity_reuse_fingerprint_low() -> u32 {
    hemma::run::identity_reuse_fingerprint() as u32
}

/// Runs Göteborg at full scale, 10 years from 2011, replication 0 (the
/// Wasm/native benchmark's scenario) and returns the low half of its
/// fingerprint: `scripts/wasm-profile.sh` profiles this in Node.
#[unsafe(no_mangle)]
pub extern "C" fn benchmark_fingerprint_low() -> u32 {
    let text = "preset = \"goteborg\"\nscale = 1\nstart_year = 2011\nhorizon_months = 120\nseed = 1\n";
    hemma::scenario::parse(text, hemma::scenario::Format::Toml, "benchmark")
        .map_or(0, |p| hemma::run::fingerprint(&hemma::run::run_replication(&p, 0)) as u32)
}
