//! Any bytes as a calibration target file; the scenario files it names are
//! one fixed valid file, or missing.
#![no_main]

use libfuzzer_sys::fuzz_target;

const RUN: &str = "preset = \"nynashamn\"\nscale = 0.2\nstart_year = 2011\nhorizon_months = 24\n";

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let read = |path: &str| if path.ends_with(".toml") { Ok(RUN.to_string()) } else { Err(format!("{path}: no such file")) };
        let _ = hemma::calibrate::prepare(text, "fuzz-targets.toml", &read);
    }
});
