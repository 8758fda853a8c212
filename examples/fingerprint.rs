//! Prints the native fingerprint of the fixed-seed run of
//! `hemma::run::IDENTITY_SCENARIO` (compared with the Wasm one by
//! `scripts/wasm-identity.sh`).

fn main() {
    println!("{:016x}", hemma::run::identity_fingerprint());
}
