//! The effect sheet (`hemma effects`, `docs/effects.md`): every instrument
//! at a stated standard dose, added to every preset's recorded instruments
//! from January of the year after the data year, each against the preset's
//! own baseline in paired runs, with 90% intervals, the three parts of
//! [`crate::effects`], the municipality's net cost per homeless person-year
//! avoided, and what evaluations report beside it.
//!
//! Plain computation; the shell runs the replications (a history per
//! place and replication, then each dose's projection from it).

use crate::compare::{Change, Headline, HeadlineSetup, headline};
use crate::effects::{Accounting, account};
use crate::run::Traced;
use crate::scenario::{Format, Prepared, parse};
use serde::Serialize;

/// An instrument at its standard dose.
#[derive(Clone, Copy, Debug)]
pub struct Dose {
    /// The instrument's kind.
    pub kind: &'static str,
    /// Its `[[instruments]]` settings for a place of `per_100k` hundred
    /// thousand residents (the dose scales with the place).
    pub settings: fn(per_100k: f64) -> String,
    /// The dose in words, per 100,000 residents.
    pub per_100k_en: &'static str,
    /// What evaluations report, with the file it is read from (or that none was found).
    pub evidence: &'static str,
}

fn round(x: f64) -> f64 {
    x.round().max(1.0)
}

/// The standard doses, one per instrument kind.
pub const DOSES: &[Dose] = &[
    Dose {
        kind: "housing_first",
        settings: |k| format!("places = {}\n", round(30.0 * k)),
        per_100k_en: "30 places",
        evidence: "about 80% of Swedish tenants still housed after about two years (housing_first_sweden.csv); At Home/Chez Soi (Canada, RCT): 73% stably housed at 12 months against 31% with usual services (housing_first_outcomes.csv)",
    },
    Dose {
        kind: "social_contract",
        settings: |k| format!("contracts_per_year = {0}\nleases_per_year = {0}\n", round(30.0 * k)),
        per_100k_en: "30 new contracts a year, leased from the market",
        evidence: "tenants count as homeless (situation 3) until the contract passes to them: about 14% a year nationally in 2008, most after an 18-month trial in Göteborg (social_contract_transfers_sweden.csv)",
    },
    Dose {
        kind: "staircase",
        settings: |k| format!("training_flats = {0}\nsupport_agreements = {0}\n", round(15.0 * k)),
        per_100k_en: "15 training flats and 15 support agreements (flats from the municipal pool)",
        evidence: "no Swedish effect evaluation found; the staircase is criticised for lock-in (seed 002)",
    },
    Dose {
        kind: "short_contract",
        settings: |k| format!("contracts_per_year = {}\n", round(20.0 * k)),
        per_100k_en: "20 contracts a year",
        evidence: "no effect evaluation found (Norrköping's model, seed 002)",
    },
    Dose {
        kind: "rent_guarantee",
        settings: |k| format!("guarantee_kind = \"own_income\"\nguarantees = {}\n", round(30.0 * k)),
        per_100k_en: "30 guarantees in force (own income)",
        evidence: "no effect evaluation found; far fewer issued than the 20,000 a year expected in 2007 (parameters_misc.csv)",
    },
    Dose {
        kind: "outreach",
        settings: |k| format!("contacts_per_year = {}\n", round(300.0 * k)),
        per_100k_en: "300 contacts a year",
        evidence: "public companies estimate two evictions avoided for each one carried out (eviction_prevention_sweden.csv)",
    },
    Dose {
        kind: "vacancy_quota",
        settings: |_| "public_share = 0.05\n".to_string(),
        per_100k_en: "5% of the public company's vacancies",
        evidence: "Göteborg's companies let 290-400 flats a year to municipal contracts and priority, about 8-11% of their lettings (public_lettings_social_sweden.csv); the flats help only where an instrument places households in them",
    },
    Dose {
        kind: "municipal_stock",
        settings: |k| format!("purchases_per_year = {}\n", round(10.0 * k)),
        per_100k_en: "10 flats bought a year",
        evidence: "no effect evaluation found; flats help only where an instrument places households in them",
    },
    Dose {
        kind: "new_production",
        settings: |k| format!("dwellings_per_year = {}\nsocial_share = 0.2\n", round(100.0 * k)),
        per_100k_en: "100 extra dwellings a year, a fifth to the municipality",
        evidence: "no effect evaluation found",
    },
    Dose {
        kind: "shelter_guarantee",
        settings: |_| String::new(),
        per_100k_en: "a roof for everyone who asks",
        evidence: "moves people within situation 1 (the street to emergency accommodation): no change of the count expected",
    },
    Dose {
        kind: "assistance_as_income",
        settings: |_| "landlords = \"all\"\n".to_string(),
        per_100k_en: "all landlords count social assistance as income",
        evidence: "about 63-75% of public companies accept the housing allowance as income (screening_rules_sweden.csv); no effect evaluation found",
    },
    Dose {
        kind: "state_levers",
        settings: |_| "assistance_norm_scale = 1.1\n".to_string(),
        per_100k_en: "the assistance norm raised by a tenth",
        evidence: "no evaluation found",
    },
];

/// How a sheet is run: per place its scale, and for all the replications,
/// seed and horizon.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SheetSetup {
    /// Replications per comparison (paired).
    pub replications: u32,
    /// Multiplier on each preset's scenario-file scale.
    pub scale_factor: f64,
    /// Months projected from January of the data year (the doses start a year in).
    pub horizon_months: u32,
    /// Seed of every run.
    pub seed: u64,
}

impl SheetSetup {
    /// The committed sheet (docs/effects.md): 6 replications at a quarter of
    /// each preset's scale, ten years — about ten minutes on two cores.
    pub const FULL: SheetSetup = SheetSetup { replications: 6, scale_factor: 0.25, horizon_months: 120, seed: 2026 };
    /// The quick sheet the test command checks: 2 replications at a tenth of the scale, five years.
    pub const QUICK: SheetSetup = SheetSetup { replications: 2, scale_factor: 0.1, horizon_months: 60, seed: 2026 };
}

/// The baseline of preset `id` for the sheet: its recorded instruments
/// going on, from January of the data year.
pub fn baseline(id: &str, setup: &SheetSetup) -> Result<Prepared, String> {
    let preset = crate::presets::find(id).ok_or_else(|| format!("no preset {id}"))?;
    let (_, text) = crate::presets::RECORDED.iter().find(|(p, _)| *p == preset.id).ok_or_else(|| format!("no scenario file for {id}"))?;
    let scale = toml::from_str::<toml::Table>(text).ok().and_then(|t| t.get("scale").and_then(|v| v.as_float())).unwrap_or(1.0);
    let text = format!(
        "format = {}\nname = \"{} as recorded\"\npreset = \"{}\"\nscale = {}\nstart_year = {}\nhorizon_months = {}\nseed = {}\nreplications = {}\n",
        crate::scenario::FORMAT,
        preset.name,
        preset.id,
        scale * setup.scale_factor,
        crate::timeline::DATA_YEAR,
        setup.horizon_months,
        setup.seed,
        setup.replications
    );
    parse(&text, Format::Toml, "effect sheet").map_err(|e| e.to_string())
}

/// `base` with `dose` added from January of the year after its start.
pub fn with_dose(base: &Prepared, dose: &Dose) -> Result<Prepared, String> {
    let per_100k = base.preset.population as f64 / 100_000.0;
    let text = format!("kind = \"{}\"\nstart_month = 12\n{}", dose.kind, (dose.settings)(per_100k));
    let instrument: crate::policy::InstrumentConfig = toml::from_str(&text).map_err(|e| format!("{}: {e}", dose.kind))?;
    let mut scenario = base.scenario.clone();
    scenario.name = format!("{} + {}", base.preset.name, dose.kind);
    scenario.instruments.push(instrument);
    crate::scenario::prepare(scenario, "effect sheet").map_err(|e| format!("{}: {e}", dose.kind))
}

/// One line of the sheet: a dose in a place against the place's baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SheetRow {
    /// Preset id.
    pub place: String,
    /// Place name.
    pub name: String,
    /// Instrument kind.
    pub kind: String,
    /// The dose as given to the place.
    pub settings: String,
    /// The comparison's headline (person-years, evictions, costs).
    pub headline: Headline,
    /// The three parts of the difference in person-years.
    pub why: Accounting,
}

/// The row of `dose` in a place from paired traced runs of its baseline and
/// the dose's scenario (replication `r` of each).
pub fn row(base: &Prepared, alternative: &Prepared, dose: &Dose, base_runs: &[Traced], alternative_runs: &[Traced]) -> SheetRow {
    let setup = HeadlineSetup::of(base, alternative);
    let rows = |runs: &[Traced]| runs.iter().map(|t| t.rows.clone()).collect::<Vec<_>>();
    let mut why = account(base_runs, alternative_runs, base.scenario.scale);
    why.monthly.clear();
    SheetRow {
        place: base.preset.id.clone(),
        name: base.preset.name.clone(),
        kind: dose.kind.into(),
        settings: (dose.settings)(base.preset.population as f64 / 100_000.0).trim().replace('\n', ", "),
        headline: headline(&setup, &rows(base_runs), &rows(alternative_runs), None),
        why,
    }
}

fn change(c: &Change) -> String {
    if c.low <= 0.0 && c.high >= 0.0 {
        format!("{:+.0} ({:+.0} to {:+.0})", c.mean, c.low, c.high)
    } else {
        format!("**{:+.0}** [{:+.0} to {:+.0}]", c.mean, c.low, c.high)
    }
}

/// The sheet as Markdown: a table per instrument kind (a row per place),
/// with its standard dose and what evaluations report.
pub fn markdown(rows: &[SheetRow], setup: &SheetSetup, command: &str) -> String {
    use std::fmt::Write as _;
    let mut s = format!(
        "# Effect sheet\n\n<!-- Generated by `{command}` (hemma {}). Do not edit. -->\n\n\
         Every instrument at a standard dose (scaled to the place: per 100,000 residents), added from January {} to \
         each preset's recorded instruments, against the same preset without it, {} paired replications at {} times each \
         preset's scale, over {} years from January {}. Numbers are for the whole municipality; [brackets] are paired 90% \
         intervals, in **bold** where they exclude zero, (parentheses) where they do not. Homeless persons are counted as \
         Socialstyrelsen counts them (adults).\n\n\
         *Person-years* is the change in homeless person-years over the projection (negative: avoided). It is split \
         (docs/odd.md §2.10) into *direct* — the homelessness the instrument ended for the households it holds, for as long \
         as it would have lasted without it — *counting* — households it holds in situation 3, which the count includes — and \
         *others* — everyone it does not hold: those who did not get the flats, places or money it used, or were reached by \
         them. *Net cost* is what the municipality pays (instruments, emergency accommodation, social assistance) per \
         person-year avoided, where fewer person-years are certain. *Taken in* is how many households its instruments took in \
         and how many of those, homeless in the baseline at the time, would still have been homeless a year later.\n",
        crate::VERSION,
        crate::timeline::DATA_YEAR + 1,
        setup.replications,
        setup.scale_factor,
        setup.horizon_months / 12,
        crate::timeline::DATA_YEAR
    );
    for dose in DOSES {
        let mine: Vec<&SheetRow> = rows.iter().filter(|r| r.kind == dose.kind).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = write!(
            s,
            "\n## {}\n\nDose per 100,000 residents: {}. Evaluations: {}.\n\n\
             | place | settings | person-years | direct | counting | others | evictions | cost a year (gross, Mkr) | net cost per person-year avoided (kr) | taken in: homeless then / still a year later |\n\
             |---|---|---|---|---|---|---|---|---|---|\n",
            dose.kind, dose.per_100k_en, dose.evidence
        );
        for r in mine {
            let h = &r.headline;
            let held = &r.why.holds;
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} | {:.1} | {} | {:.0}: {:.0} / {:.0} |",
                r.name,
                r.settings,
                change(&h.homeless_person_years),
                change(&r.why.direct),
                change(&r.why.counting),
                change(&r.why.others),
                change(&h.executed_evictions),
                h.gross_cost_sek_per_year.mean / 1e6,
                h.net_cost_sek_per_person_year_avoided.map_or("—".to_string(), |v| format!("{:.0}", v.mean)),
                held.taken_in,
                held.homeless_when_taken_in,
                held.still_homeless_a_year_later
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_dose_and_every_dose_reads_as_a_scenario() {
        for kind in crate::policy::InstrumentConfig::KINDS {
            assert!(DOSES.iter().any(|d| d.kind == *kind), "{kind} has no standard dose");
        }
        let base = baseline("nynashamn", &SheetSetup::QUICK).unwrap();
        for dose in DOSES {
            let alt = with_dose(&base, dose).unwrap_or_else(|e| panic!("{e}"));
            assert!(crate::compare::check_comparable(&base, &alt).is_ok(), "{}", dose.kind);
            assert_eq!(alt.scenario.instruments.len(), 1, "{}", dose.kind);
        }
    }
}
