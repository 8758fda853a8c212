//! Generated documentation: `docs/parameters.md` and `docs/outputs.md` are
//! rendered here from the parameter and output tables (`hemma docs --write`
//! writes them; a test fails when the committed files differ).

use crate::params;
use crate::results;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 { format!("{}", x as i64) } else { format!("{x}") }
}

/// The text of `docs/parameters.md`.
pub fn parameters_md() -> String {
    let mut s = String::from(
        "# Parameters\n\n<!-- Generated from crate/params/table.rs by `hemma docs --write`. Do not edit. -->\n\n\
         Every parameter of the model, with its default, unit, allowed range, kind and source. \
         Override any of them in a scenario's `[params]` section. Kinds: *empirical* (read from a cited \
         source), *calibrated* (fitted to the calibration targets), *assumption* (a stated modelling \
         choice), *policy* (a setting scenarios are meant to vary). Files named in sources are under `data/`.\n\n\
         | name | default | unit | min | max | kind | description | source |\n|---|---|---|---|---|---|---|---|\n",
    );
    for p in params::table() {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |\n",
            p.name,
            number(p.default),
            cell(p.unit),
            number(p.min),
            number(p.max),
            p.kind.as_str(),
            cell(p.description),
            cell(p.source)
        ));
    }
    s
}

/// The text of `docs/outputs.md`.
pub fn outputs_md() -> String {
    let mut s = String::from(
        "# Outputs\n\n<!-- Generated from crate/results.rs by `hemma docs --write`. Do not edit. -->\n\n\
         Every output column of `hemma run`, one row per simulated month. Naming: `n_*` stock at the end \
         of the month; `new_*` flow during the month; `cum_*` flow summed from the first reported month; \
         `*_per_10k` per 10,000 residents (flows annualised); `cost_*` SEK spent in the month. \
         Yearly values (summary.json) take December's value for stocks and cumulative columns, the sum \
         for flows, and the mean for rates.\n\n\
         Counts are of the simulated population: at `scale` below 1 divide by the scale for the whole \
         municipality; rates per 10,000 need no correction.\n\n\
         | column | unit | kind | description |\n|---|---|---|---|\n",
    );
    for o in results::table() {
        let kind = match o.kind {
            results::OutKind::Stock => "stock",
            results::OutKind::Flow => "flow",
            results::OutKind::Cumulative => "cumulative",
            results::OutKind::Rate => "rate",
        };
        s.push_str(&format!("| `{}` | {} | {} | {} |\n", o.name, cell(o.unit), kind, cell(o.description)));
    }
    s
}
