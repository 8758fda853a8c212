//! Any bytes as a sweep plan against a fixed base scenario: a prepared plan
//! (every design point's scenario built and checked) or an error message.
#![no_main]

use hemma::scenario::{Format, parse};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn base() -> &'static hemma::scenario::Prepared {
    static BASE: OnceLock<hemma::scenario::Prepared> = OnceLock::new();
    BASE.get_or_init(|| {
        parse("preset = \"nynashamn\"\nscale = 0.2\nstart_year = 2011\nhorizon_months = 24\n", Format::Toml, "base.toml")
            .expect("the base scenario is valid")
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(plan) = hemma::sweep::plan::parse(text, "fuzz-plan.toml") {
            let _ = hemma::sweep::plan::prepare(plan, text, "fuzz-plan.toml", base());
        }
    }
});
