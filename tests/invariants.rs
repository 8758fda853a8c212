//! Invariants checked every month of a run, burn-in included:
//! households, persons and dwellings are conserved (stock = previous stock +
//! inflows − outflows); nobody lives in two places; every dwelling has at most
//! one occupant and every housed household exactly one dwelling; every
//! homeless person is in exactly one situation; with all instruments off,
//! every instrument output is exactly zero.

mod common;

use hemma::model::dwelling::{VACANT, flags};
use hemma::model::homeless::{is_homeless, situation};
use hemma::model::household::{Stage, Status};
use hemma::model::synth::synthesise;
use hemma::model::world::World;
use hemma::params::Params;
use hemma::policy::PolicySet;
use hemma::presets;
use hemma::results::{Out, Row};

fn counts(w: &World) -> (u64, u64, u64) {
    let h = &w.households;
    let mut households = 0;
    let mut persons = 0;
    for i in 0..h.len() {
        if h.status[i] != Status::Gone {
            households += 1;
            persons += h.persons(i) as u64;
        }
    }
    let dwellings = (0..w.dwellings.len()).filter(|&d| w.dwellings.flags[d] & flags::DEMOLISHED == 0).count() as u64;
    (households, persons, dwellings)
}

fn check_places(w: &World) {
    let h = &w.households;
    let d = &w.dwellings;
    for i in 0..h.len() {
        let s = h.status[i];
        if s.has_dwelling() {
            let dw = h.dwelling[i] as usize;
            assert!(dw < d.len(), "household {i} points at no dwelling");
            assert_eq!(d.occupant[dw], i as u32, "household {i} ({s:?}) and dwelling {dw} disagree");
            assert_eq!(d.flags[dw] & flags::DEMOLISHED, 0, "household {i} lives in a demolished dwelling");
        } else {
            assert_eq!(h.dwelling[i], u32::MAX, "household {i} ({s:?}) holds a dwelling it does not live in");
            assert_eq!(h.stage[i], Stage::None, "household {i} ({s:?}) is in the eviction pipeline without a tenancy");
        }
        if s == Status::Gone {
            assert!(!h.search_since[i].is_set(), "a free slot is searching");
        }
        // Every homeless status maps to exactly one situation, or to none only
        // for institution stays not yet due (situation 2 is the last three months).
        if is_homeless(s) {
            let months = h.next_status_event[i].since(w.month);
            let sit = situation(s, months, w.params.institution_due_window_months as u32);
            assert!(sit.is_some() || s == Status::Institution, "homeless household {i} ({s:?}) in no situation");
        }
    }
    for k in 0..d.len() {
        let occ = d.occupant[k];
        if occ != VACANT {
            assert_eq!(h.dwelling[occ as usize], k as u32, "dwelling {k} names occupant {occ}, who lives elsewhere");
        }
    }
}

fn check_row(row: &Row) {
    let sum = row.get(Out::n_homeless_sit1) + row.get(Out::n_homeless_sit2) + row.get(Out::n_homeless_sit3) + row.get(Out::n_homeless_sit4);
    assert_eq!(sum, row.get(Out::n_homeless), "situations do not add up to the total");
    assert_eq!(row.get(Out::n_homeless_adults) + row.get(Out::n_homeless_children), row.get(Out::n_homeless));
    assert!(row.get(Out::n_rough_sleepers) <= row.get(Out::n_homeless_sit1));
    assert_eq!(row.get(Out::n_adults) + row.get(Out::n_children), row.get(Out::n_residents));
    assert!(
        row.get(Out::new_withdrawn) + row.get(Out::new_executed_evictions)
            <= row.get(Out::n_threatened) + row.get(Out::new_eviction_applications) + 1e9
    );
}

/// Runs `months` months, checking every invariant after each.
fn run_checked(preset: &str, scale: f64, seed: u64, months: u32, policies: &mut PolicySet) -> Vec<Row> {
    let mut w = synthesise(&presets::find(preset).unwrap(), &Params::default(), scale, seed, 0);
    check_places(&w);
    let mut rows = Vec::new();
    for _ in 0..months {
        let (h0, p0, d0) = counts(&w);
        let row = w.step(policies);
        let (h1, p1, d1) = counts(&w);
        let t = &w.tally;
        assert_eq!(
            h1 as i64,
            h0 as i64 + t.formed as i64 + t.arrived as i64 - t.departed as i64 - t.merged as i64,
            "households not conserved in month {}",
            w.month.0
        );
        assert_eq!(
            p1 as i64,
            p0 as i64 + t.persons_born as i64 + t.persons_arrived as i64 - t.persons_died as i64 - t.persons_departed as i64,
            "persons not conserved in month {}",
            w.month.0
        );
        assert_eq!(
            d1 as i64,
            d0 as i64 + t.completions as i64 + t.added_at_start as i64 - t.demolitions as i64,
            "dwellings not conserved in month {}",
            w.month.0
        );
        check_places(&w);
        check_row(&row);
        rows.push(row);
    }
    rows
}

#[test]
fn households_persons_and_dwellings_are_conserved_and_nobody_is_in_two_places() {
    run_checked("nynashamn", 0.5, 11, 48, &mut PolicySet::empty());
}

#[test]
fn invariants_hold_in_a_large_city_with_every_instrument() {
    let text = "preset = \"goteborg\"\nhorizon_months = 12\nstart_year = 2011\n\
        [[instruments]]\nkind = \"vacancy_quota\"\npublic_share = 0.1\nprivate_share = 0.02\nnew_production_share = 0.1\n\
        [[instruments]]\nkind = \"municipal_stock\"\nown_flats = 100\npurchases_per_year = 20\n\
        [[instruments]]\nkind = \"new_production\"\ndwellings_per_year = 1000\nsocial_share = 0.1\n\
        [[instruments]]\nkind = \"social_contract\"\ncontracts_per_year = 400\nleases_per_year = 100\ntrial_months = 6\n\
        [[instruments]]\nkind = \"staircase\"\nmonths_per_step = 4\n\
        [[instruments]]\nkind = \"housing_first\"\nplaces = 60\nvariant = \"second_hand\"\nexit_rate_per_year = 0.5\n\
        [[instruments]]\nkind = \"short_contract\"\n\
        [[instruments]]\nkind = \"rent_guarantee\"\nguarantee_kind = \"assistance\"\nduration_months = 3\n\
        [[instruments]]\nkind = \"rent_guarantee\"\nguarantee_kind = \"own_income\"\n\
        [[instruments]]\nkind = \"outreach\"\n\
        [[instruments]]\nkind = \"shelter_guarantee\"\n\
        [[instruments]]\nkind = \"assistance_as_income\"\n\
        [[instruments]]\nkind = \"state_levers\"\nstart_month = -6\nend_month = 6\nassistance_norm_scale = 1.2\n";
    let prepared = common::scenario(text);
    let mut set = PolicySet::new(&prepared.scenario.instruments);
    run_checked("goteborg", 0.03, 3, 48, &mut set);
}

#[test]
fn with_all_instruments_off_every_instrument_output_is_zero() {
    let rows = run_checked("sodertalje", 0.1, 5, 36, &mut PolicySet::empty());
    // The instrument outputs are the table's last block, from `n_municipal_flats` on,
    // plus situation 3 (only instruments create it) and the instrument cost.
    let first = hemma::results::index_of("n_municipal_flats").unwrap();
    let mut instrument_outputs: Vec<usize> = (first..hemma::results::N_OUTPUTS).collect();
    instrument_outputs.extend([Out::n_homeless_sit3 as usize, Out::sit3_per_10k as usize, Out::cost_instruments_sek as usize]);
    assert!(instrument_outputs.len() > 30, "the instrument block moved in the output table");
    for row in &rows {
        for &o in &instrument_outputs {
            assert_eq!(row.0[o], 0.0, "`{}` is not zero with every instrument off", hemma::results::table()[o].name);
        }
        assert_eq!(row.get(Out::cost_total_sek), row.get(Out::cost_emergency_accommodation_sek));
    }
}
