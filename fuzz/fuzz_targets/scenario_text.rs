//! Any bytes as a scenario file, TOML and JSON: a prepared scenario or an
//! error message, never a panic or a hang.
#![no_main]

use hemma::scenario::{Format, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse(text, Format::Toml, "fuzz.toml");
        let _ = parse(text, Format::Json, "fuzz.json");
    }
});
