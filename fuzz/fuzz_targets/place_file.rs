//! Any bytes as a place file: a place or an error message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(place) = hemma::scenario::parse_place(text, "fuzz-place.toml") {
            // A place that parses is checked and turned into a preset as a scenario would.
            if place.check().is_ok() {
                let _ = place.to_preset();
            }
        }
    }
});
