//! Generated documentation: `docs/parameters.md`, `docs/outputs.md` and
//! `docs/instruments.md` are rendered here from the parameter and output
//! tables and from each instrument's module docs and settings (`hemma docs`
//! writes them; a test fails when the committed files differ).

use crate::params;
use crate::results;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub use crate::units::number;

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
         Each row declares its *kind* — how a year's value is made from its months: December's value for \
         stocks and cumulative columns, the sum for flows, the mean for rates (`yearly.csv`, summary.json) — \
         and its *scaling*.\n\n\
         **Every table is for the whole municipality.** A run simulates a share of the municipality's \
         households (`scale`). An output of scaling *total* (a count of persons, households, cases or \
         dwellings, or a sum of kronor) is a total over the simulated households; every table hemma gives \
         a user — `replications.csv`, `aggregate.csv`, `yearly.csv`, `comparison.csv`, summary.json, a \
         sweep's `results.csv`, the Python package's frames and `Simulation.current()`, and the \
         dashboard's charts, tables and CSV exports — holds it divided by `scale`, for the whole \
         municipality, as the headline of `hemma compare` does. An output of scaling *ratio* (per 10,000 \
         residents, a share, a mean) is the same at any scale and is given as it is. Never divide a \
         table's value by the scale again. The model's own rows (`hemma run --fingerprint`, the invariant \
         tests) are of the simulated households.\n\n\
         In `replications.csv` each row also has `replication`, `month`, `date` and `period` (history or \
         projection) first and `hemma_version` and `git_commit` last: every table hemma writes (the tidy \
         `aggregate.csv`, `yearly.csv`, `comparison.csv` and a sweep's `results.csv` too) names on each \
         row the version and commit that made it.\n\n\
         | column | unit | kind | scaling | description |\n|---|---|---|---|---|\n",
    );
    for o in results::table() {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            o.name,
            cell(o.unit),
            o.kind.as_str(),
            o.scaling.as_str(),
            cell(o.description)
        ));
    }
    s
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
        let doc = crate::policy::InstrumentConfig::doc_of(kind).unwrap_or_default();
        s.push_str(&format!("## `{kind}`\n\n{doc}\n\n"));
        s.push_str(&settings_table(kind));
        let outputs = crate::policy::InstrumentConfig::outputs_of(kind);
        if !outputs.is_empty() {
            let names: Vec<String> = outputs.iter().map(|&o| format!("`{}`", results::table()[o as usize].name)).collect();
            s.push_str(&format!("Its outputs ([outputs.md](outputs.md)): {}.\n\n", names.join(", ")));
        }
    }
    let every: Vec<String> =
        crate::policy::OF_EVERY_INSTRUMENT.iter().map(|&o| format!("`{}`", results::table()[o as usize].name)).collect();
    s.push_str(&format!(
        "## Outputs of all instruments together\n\n{}: zero with every instrument off, as is every output named above \
         (the registry, `crate/policy/registry.rs`, names them; a test checks that no other output is).\n",
        every.join(", ")
    ));
    s
}

/// The settings of instrument `kind` as a Markdown table, from its settings
/// table ([`crate::policy::setting`]).
fn settings_table(kind: &str) -> String {
    let Some(rows) = crate::policy::InstrumentConfig::settings_of(kind) else { return String::new() };
    let mut s = String::from("| setting | default | unit | role | allowed | meaning | source |\n|---|---|---|---|---|---|---|\n");
    for r in rows {
        let allowed = match r.value {
            crate::policy::setting::Value::Optional { absent, .. } => format!("{}; absent: {absent}", r.range()),
            _ => r.range(),
        };
        let role = match r.role.sized_to() {
            Some(crate::policy::setting::SizedTo::Place) | None => r.role.as_str().replace('_', " "),
            Some(to) => format!("{} ({})", r.role.as_str().replace('_', " "), to.as_str().replace('_', " ")),
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            r.name,
            cell(&r.default_text()),
            cell(r.unit),
            role,
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
         say \"assumption\"; mechanisms are in [instruments.md](instruments.md). The role says what a \
         setting is: a *count* (things in force at once), an *in force* (the stock in force when the \
         instrument starts) or a *volume* (things a year), all for the whole municipality and, where named, for the homeless or for the homeless with support needs (the \
         dashboard warns above that group); *money* (kronor), a *share* (0 to 1), a *duration* (months), \
         a *rate* (per year), a *factor*, a *choice* or a *flag*.\n\n",
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
         each driver holds its last value unless a path says otherwise. A municipality follows its own series \
         where the data have one (population growth for all eight; social assistance, newly arrived and rents for \
         some: *Places* below) and the national ones otherwise; a custom place follows the national ones. \
         The tables are built by `scripts/drivers.py` from `data/covariates/`. Flags: *observed* (read \
         as published), *derived* (computed from published values; the note gives the arithmetic), \
         *interpolated* (linear between neighbouring years), *assumption* (no data; the note says what is \
         assumed), *held* (after the last year with data), *chained* (a place's year without data: the national \
         value times the place's relation to the country, as the note says).\n\n\
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
    s.push_str(
        &"\n## Places\n\n`data/drivers/places.csv`: a municipality's own series, for the drivers where the data have \
         one. Its reference is its own {first}–{last} mean (population growth: the place's growth covariate, which its \
         growth parameter stands for), so a place whose assistance rose while the country's fell has its entry to \
         assistance rise. Years without the place's data are *chained*: population growth as the national value \
         times the place's growth over the country's in its years with data; assistance, newly arrived and rents as \
         the national value times the place's relation to the country in the nearest year with data, so that a \
         series has no step where its data end. Unemployment, completions, prices, the assistance norm and the \
         housing allowance have no municipal series in the data (the norm and the allowance are national by law); \
         Karlstad's cost of individual and family care (*IFO*) is not used for assistance, as it also pays for \
         child and addiction care. `hemma drivers --place <preset>` lists a place's table.\n\n\
         | place | driver | years with the place's own data | reference |\n|---|---|---|---|\n"
            .replace("{first}", &REFERENCE_YEARS.start().to_string())
            .replace("{last}", &REFERENCE_YEARS.end().to_string()),
    );
    let places: Vec<_> =
        crate::presets::all().into_iter().filter(|p| crate::drivers::for_place(&p.name).is_own(Driver::PopulationGrowth)).collect();
    for p in &places {
        let pt = crate::drivers::for_place(&p.name);
        for d in Driver::ALL.into_iter().filter(|&d| pt.is_own(d)) {
            let years: Vec<i32> = pt.series(d).iter().filter(|q| q.flag != "chained").map(|q| q.year).collect();
            let reference = if d == Driver::PopulationGrowth {
                format!("{} (covariate, {})", number(p.covariates.population_growth_pct.value), p.covariates.population_growth_pct.year)
            } else if d.nominal() {
                format!("{:.6} (real)", pt.real_reference(d))
            } else {
                format!("{:.4}", pt.reference(d))
            };
            s.push_str(&format!("| {} | `{}` | {} | {} |\n", p.name, d.name(), years_span(&years), reference));
        }
    }
    for p in &places {
        let pt = crate::drivers::for_place(&p.name);
        for d in Driver::ALL.into_iter().filter(|&d| pt.is_own(d)) {
            s.push_str(&format!("\n### {}: `{}`\n\n| year | value | flag | source | note |\n|---|---|---|---|---|\n", p.name, d.name()));
            for q in pt.series(d) {
                s.push_str(&format!("| {} | {} | {} | {} | {} |\n", q.year, number(q.value), q.flag, cell(&q.source), cell(&q.note)));
            }
        }
    }
    s
}

/// Years in order as runs: "2012–2019, 2024".
fn years_span(ys: &[i32]) -> String {
    let mut parts = Vec::new();
    let mut k = 0;
    while k < ys.len() {
        let mut j = k;
        while j + 1 < ys.len() && ys[j + 1] == ys[j] + 1 {
            j += 1;
        }
        parts.push(if j > k { format!("{}–{}", ys[k], ys[j]) } else { ys[k].to_string() });
        k = j + 1;
    }
    parts.join(", ")
}
