//! Generated documentation: `docs/parameters.md`, `docs/outputs.md` and
//! `docs/instruments.md` are rendered here from the parameter and output
//! tables and from each instrument's module docs and settings (`hemma docs`
//! writes them; a test fails when the committed files differ).

use crate::params;
use crate::results;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A number as written in tables: integers without a decimal point.
pub fn number(x: f64) -> String {
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
    s.push_str(&instrument_settings_md());
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

/// Each instrument's source file, for its `//!` module docs.
const INSTRUMENT_SOURCES: &[(&str, &str)] = &[
    ("vacancy_quota", include_str!("policy/vacancy_quota.rs")),
    ("municipal_stock", include_str!("policy/municipal_stock.rs")),
    ("new_production", include_str!("policy/new_production.rs")),
    ("social_contract", include_str!("policy/social_contract.rs")),
    ("staircase", include_str!("policy/staircase.rs")),
    ("housing_first", include_str!("policy/housing_first.rs")),
    ("short_contract", include_str!("policy/short_contract.rs")),
    ("rent_guarantee", include_str!("policy/rent_guarantee.rs")),
    ("outreach", include_str!("policy/outreach.rs")),
    ("shelter_guarantee", include_str!("policy/shelter_guarantee.rs")),
    ("assistance_as_income", include_str!("policy/assistance_as_income.rs")),
    ("state_levers", include_str!("policy/state_levers.rs")),
];

/// The `//!` lines of a source file, as Markdown (code fences marked `toml`).
fn module_doc(src: &str) -> String {
    let mut out = String::new();
    for line in src.lines().take_while(|l| l.starts_with("//!") || l.trim().is_empty()) {
        let text = line.strip_prefix("//!").unwrap_or("");
        out.push_str(text.strip_prefix(' ').unwrap_or(text));
        out.push('\n');
    }
    out.trim().to_string()
}

/// The text of `docs/instruments.md`.
pub fn instruments_md() -> String {
    let mut s = String::from(
        "# Instruments\n\n<!-- Generated from crate/policy/*.rs by `hemma docs`. Do not edit. -->\n\n\
         Every municipal instrument is a policy module in `crate/policy/`, written in a scenario file as an \
         `[[instruments]]` block with its `kind`, an optional window (`start_month`, `end_month`, months from \
         the scenario start; a start of 0 or less means already in place, acting during burn-in too) and its \
         settings. When a window ends the instrument stops acting (no new placements, transfers, payouts \
         or costs) while the households it placed keep their homes. Several can be active at once; they \
         act in the order written. Counts (places, flats, contracts) are for the whole municipality; the model scales them to the simulated share. How they \
         interact is described in [odd.md](odd.md#33-submodels).\n\n",
    );
    for kind in crate::policy::InstrumentConfig::KINDS {
        let src = INSTRUMENT_SOURCES.iter().find(|(k, _)| k == kind).map(|(_, src)| *src).unwrap_or("");
        s.push_str(&format!("## `{kind}`\n\n{}\n\n", module_doc(src)));
        s.push_str(&settings_table(kind));
    }
    s
}

/// The settings of instrument `kind` as a Markdown table, from its settings
/// table ([`crate::policy::setting`]).
fn settings_table(kind: &str) -> String {
    let Some(rows) = crate::policy::InstrumentConfig::settings_of(kind) else { return String::new() };
    let mut s = String::from("| setting | default | unit | allowed | meaning | source |\n|---|---|---|---|---|---|\n");
    for r in rows {
        let allowed = match r.value {
            crate::policy::setting::Value::Optional { absent, .. } => format!("{}; absent: {absent}", r.range()),
            _ => r.range(),
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            r.name,
            cell(&r.default_text()),
            cell(r.unit),
            cell(&allowed),
            cell(r.description),
            cell(r.source)
        ));
    }
    s.push('\n');
    s
}

/// Every instrument's settings, for the end of `docs/parameters.md`.
fn instrument_settings_md() -> String {
    let mut s = String::from(
        "\n## Instrument settings\n\nEach instrument's settings, written in its `[[instruments]]` block \
         (every block also takes `start_month` and `end_month`). Effect sizes cite their evidence file or \
         say \"assumption\"; mechanisms are in [instruments.md](instruments.md).\n\n",
    );
    for kind in crate::policy::InstrumentConfig::KINDS {
        s.push_str(&format!("### `{kind}`\n\n{}", settings_table(kind)));
    }
    s
}

/// The text of `docs/drivers.md`: each driver, what it moves, and its
/// yearly values with flags and sources.
pub fn drivers_md() -> String {
    use crate::drivers::{Driver, REFERENCE_YEARS, national};
    let t = national();
    let mut s = format!(
        "# Drivers\n\n<!-- Generated from data/drivers/national.csv and crate/drivers.rs by `hemma docs`. Do not edit. -->\n\n\
         The conditions outside the model that a run follows year by year (`[drivers]` in a scenario; \
         crate/drivers.rs). The parameters were calibrated to the conditions of {}–{}, so each driver acts \
         as its ratio to its mean over those years (completions only where a path sets them: see its row); population growth is relative to the national growth \
         of the years of the place's own growth covariate. Rents, the assistance norm (*riksnorm*) and the housing \
         allowance's limits are recorded in kronor of their year (nominal): their ratio is taken after dividing by \
         consumer prices (`consumer_prices_index`, SCB's KPI), so they act in the reference years' prices, as the \
         model's money is; incomes have no driver and stay at the reference years' real level. \
         `conditions = \"constant\"` keeps every ratio at 1; \
         a `[[drivers.paths]]` entry sets a driver's value from a year on. After {} (the last year with data) \
         each driver holds its last value unless a path says otherwise. National values apply to every \
         place. The table is built by `scripts/drivers.py` from `data/covariates/`. Flags: *observed* (read \
         as published), *derived* (computed from published values; the note gives the arithmetic), \
         *interpolated* (linear between neighbouring years), *assumption* (no data; the note says what is \
         assumed), *held* (after the last year with data).\n\n\
         | driver | unit | allowed in a path | what it moves |\n|---|---|---|---|\n",
        REFERENCE_YEARS.start(),
        REFERENCE_YEARS.end(),
        t.last_data_year()
    );
    for d in Driver::ALL {
        let (lo, hi) = d.range();
        s.push_str(&format!(
            "| `{}` | {} | {} to {} | {} |\n",
            d.name(),
            cell(&t.series(d)[0].unit),
            number(lo),
            number(hi),
            cell(d.moves())
        ));
    }
    for d in Driver::ALL {
        let reference = if d == Driver::PopulationGrowth {
            "the country's growth in the years of the place's growth covariate (`hemma presets`; Sverige: 1.02, 2012–2015)".to_string()
        } else if d.nominal() {
            format!(
                "{}–{} mean of the value over consumer prices, {:.6} (the ratio of a year is its value over its prices, over this)",
                REFERENCE_YEARS.start(),
                REFERENCE_YEARS.end(),
                t.real_reference(d)
            )
        } else {
            format!("{}–{} mean, {:.4}", REFERENCE_YEARS.start(), REFERENCE_YEARS.end(), t.reference(d))
        };
        s.push_str(&format!(
            "\n## `{}`\n\nReference: {reference}\n\n| year | value | flag | source | note |\n|---|---|---|---|---|\n",
            d.name(),
        ));
        for p in t.series(d) {
            s.push_str(&format!("| {} | {} | {} | {} | {} |\n", p.year, number(p.value), p.flag, cell(&p.source), cell(&p.note)));
        }
    }
    s
}
