//! Every instrument, switched on against the same scenario switched off with
//! the same seeds (paired replications), moves its own target outcome in the
//! expected direction; capacities hold every month.
//!
//! Tolerance: unless said otherwise, the 90% interval of the paired mean
//! difference (over 8 replications of Västerås at 30% scale, the months 13
//! to 48) must lie entirely on the expected side of zero. Both runs start
//! from the same observed state (the place's count), so an instrument's
//! effect is measured after its first year, once its flows have acted.

mod common;

use hemma::compare::Difference;
use hemma::results::{Out, Row};
use hemma::run::run_replication;
use std::sync::OnceLock;

const BASE: &str = "preset = \"vasteras\"\nscale = 0.3\nhorizon_months = 48\nstart_year = 2011\nseed = 3\n";
const REPS: u32 = 8;
const SCALE: f64 = 0.3;

fn runs(instruments: &str) -> Vec<Vec<Row>> {
    let p = common::scenario(&format!("{BASE}{instruments}"));
    (0..REPS).map(|r| run_replication(&p, r)).collect()
}

fn off() -> &'static Vec<Vec<Row>> {
    static OFF: OnceLock<Vec<Vec<Row>>> = OnceLock::new();
    OFF.get_or_init(|| runs(""))
}

/// Per replication, the mean over the reported months after the first year of `f(row)`.
fn per_rep(r: &[Vec<Row>], f: &dyn Fn(&Row) -> f64) -> Vec<f64> {
    r.iter().map(|rows| rows[12..].iter().map(f).sum::<f64>() / (rows.len() - 12) as f64).collect()
}

fn effect(base: &[Vec<Row>], alt: &[Vec<Row>], f: &dyn Fn(&Row) -> f64) -> Difference {
    Difference::of(&per_rep(base, f), &per_rep(alt, f))
}

fn get(o: Out) -> impl Fn(&Row) -> f64 {
    move |r: &Row| r.get(o)
}

/// Situations 1 and 4: acute homelessness and staying with friends.
fn acute_and_private(r: &Row) -> f64 {
    r.get(Out::sit1_per_10k) + r.get(Out::sit4_per_10k)
}

fn assert_lower(d: Difference, what: &str) {
    assert!(d.paired_high < 0.0, "{what} should fall: {d:?}");
}

fn assert_higher(d: Difference, what: &str) {
    assert!(d.paired_low > 0.0, "{what} should rise: {d:?}");
}

/// The effect accounting of `instruments` against none, from paired traced
/// runs of the same scenario projected from 2012 (a year of history, so the
/// projection's months are traced).
fn direct_effect(instruments: &str) -> hemma::effects::Accounting {
    let text = BASE.replace("start_year = 2011", "start_year = 2012").replace("horizon_months = 48", "horizon_months = 36");
    let base = common::scenario(&text);
    let alt = common::scenario(&format!("{text}{instruments}"));
    let b: Vec<_> = (0..REPS).map(|r| hemma::run::run_replication_traced(&base, r)).collect();
    let a: Vec<_> = (0..REPS).map(|r| hemma::run::run_replication_traced(&alt, r)).collect();
    hemma::effects::account(&b, &a, SCALE)
}

fn max_over_months(r: &[Vec<Row>], o: Out) -> f64 {
    r.iter().flatten().map(|row| row.get(o)).fold(0.0, f64::max)
}

#[test]
fn outreach_lowers_executed_evictions() {
    // Enough contacts to reach most tenants in arrears in a town of 42,000 at 30% scale.
    let on = runs("[[instruments]]\nkind = \"outreach\"\ncontacts_per_year = 3000\n");
    assert_lower(effect(off(), &on, &get(Out::new_executed_evictions)), "executed evictions");
    assert_lower(effect(off(), &on, &get(Out::new_payment_orders)), "payment orders");
}

#[test]
fn rent_guarantees_house_people_landlords_would_reject_and_respect_their_number() {
    // Guarantees issued to people landlords reject, none in force at the start.
    let own =
        runs("[[instruments]]\nkind = \"rent_guarantee\"\nguarantee_kind = \"own_income\"\nguarantees = 300\nguarantees_in_force = 0\n");
    assert!(max_over_months(&own, Out::new_rent_guarantees) > 0.0, "no own-income guarantee was ever issued");
    // What the guarantees themselves do (issue 35's effect accounting): the
    // households they hold would have been homeless longer without them, so
    // the direct part is certainly negative. Their effect on the town's
    // total is small against the replication spread, and since the public
    // company lets by queue time partly displaced (docs/odd.md §2.10).
    let why = direct_effect("[[instruments]]\nkind = \"rent_guarantee\"\nguarantee_kind = \"own_income\"\nguarantees = 300\nguarantees_in_force = 0\n");
    assert!(why.direct.high < 0.0, "own-income guarantees should shorten their holders' homelessness: {:?}", why.direct);
    assert!(max_over_months(&own, Out::n_rent_guarantees) <= (300.0 * SCALE).round());
    let assist =
        runs("[[instruments]]\nkind = \"rent_guarantee\"\nguarantee_kind = \"assistance\"\nguarantees = 300\nguarantees_in_force = 0\n");
    assert!(max_over_months(&assist, Out::new_rent_guarantees) > 0.0, "no assistance guarantee was ever issued");
    assert!(max_over_months(&assist, Out::n_rent_guarantees) <= (300.0 * SCALE).round());
    let why = direct_effect("[[instruments]]\nkind = \"rent_guarantee\"\nguarantee_kind = \"assistance\"\nguarantees = 300\nguarantees_in_force = 0\n");
    assert!(why.direct.high < 0.0, "assistance guarantees should shorten their holders' homelessness: {:?}", why.direct);
}

#[test]
fn assistance_accepted_as_income_lowers_homelessness() {
    let on = runs("[[instruments]]\nkind = \"assistance_as_income\"\nlandlords = \"all\"\n");
    assert_lower(effect(off(), &on, &get(Out::homeless_per_10k)), "homeless per 10k");
    assert!(max_over_months(&on, Out::new_assistance_as_income_lets) > 0.0);
}

#[test]
fn an_instrument_the_registry_calls_covered_changes_nothing_and_one_it_does_not_changes_something() {
    // The registry's `covered_by` (which the dashboard warns by): assistance
    // accepted as income at the public company, added beside one at all
    // landlords, gives the same months to the last bit; at all landlords
    // beside one at the public company only, it reaches more.
    use hemma::policy::InstrumentConfig;
    let short = |text: &str| {
        let p = common::scenario(&format!("{}{text}", BASE.replace("horizon_months = 48", "horizon_months = 24")));
        (0..2).map(|r| run_replication(&p, r)).collect::<Vec<_>>()
    };
    let block = |who: &str| format!("[[instruments]]\nkind = \"assistance_as_income\"\nlandlords = \"{who}\"\n");
    let config = |who: &str| -> InstrumentConfig { toml::from_str(&block(who).replace("[[instruments]]\n", "")).unwrap() };
    assert!(config("public").adds_nothing_beside(&config("all")));
    assert!(!config("all").adds_nothing_beside(&config("public")));
    assert_eq!(short(&block("all")), short(&format!("{}{}", block("all"), block("public"))), "a covered instrument changed the run");
    assert_ne!(short(&block("public")), short(&format!("{}{}", block("public"), block("all"))), "one that reaches more changed nothing");
}

#[test]
fn short_contracts_with_surety_lower_homelessness() {
    // The effect (about −2 per 10,000) is small against the spread between
    // replications of Västerås at 30% scale (42,000 residents simulated), so this test pairs 24
    // replications instead of 8; the criterion is the same.
    let reps = 24;
    let off: Vec<Vec<Row>> = (0..reps).map(|r| run_replication(&common::scenario(BASE), r)).collect();
    let on_scenario =
        common::scenario(&format!("{BASE}[[instruments]]\nkind = \"short_contract\"\ncontracts_per_year = 400\ncontracts_in_force = 0\n"));
    let on: Vec<Vec<Row>> = (0..reps).map(|r| run_replication(&on_scenario, r)).collect();
    assert_lower(effect(&off, &on, &get(Out::homeless_per_10k)), "homeless per 10k");
}

#[test]
fn social_contracts_move_people_from_acute_and_private_situations_into_situation_3() {
    let on = runs("[[instruments]]\nkind = \"social_contract\"\ncontracts_per_year = 150\nleases_per_year = 150\n");
    assert_lower(effect(off(), &on, &acute_and_private), "situations 1 and 4");
    assert_higher(effect(off(), &on, &get(Out::n_social_contracts)), "social contracts");
    assert!(max_over_months(&on, Out::new_social_contract_transfers) > 0.0, "no contract ever passed to its tenant");
}

#[test]
fn a_vacancy_quota_supplies_flats_for_social_contracts() {
    // Without leases of its own, the contract instrument depends on a supply of flats.
    // No contracts in force at the start: those would have flats of their own.
    let contracts = "[[instruments]]\nkind = \"social_contract\"\ncontracts_per_year = 150\ncontracts_in_force = 0\n";
    let alone = runs(contracts);
    let with_quota = runs(&format!("[[instruments]]\nkind = \"vacancy_quota\"\npublic_share = 0.1\nprivate_share = 0.02\n{contracts}"));
    assert_eq!(max_over_months(&alone, Out::n_social_contracts), 0.0, "contracts without any flats");
    assert_higher(effect(&alone, &with_quota, &get(Out::n_social_contracts)), "social contracts with a quota");
    assert_lower(effect(&alone, &with_quota, &acute_and_private), "situations 1 and 4 with a quota");
}

#[test]
fn municipal_stock_holds_its_flats_and_supplies_placements() {
    // No contracts in force at the start, so that flats are what limits them.
    let contracts = "[[instruments]]\nkind = \"social_contract\"\ncontracts_per_year = 100\ncontracts_in_force = 0\n";
    let alone = runs(contracts);
    let with_stock = runs(&format!("[[instruments]]\nkind = \"municipal_stock\"\nown_flats = 170\n{contracts}"));
    let held: f64 = with_stock.iter().map(|r| r[12].get(Out::n_municipal_flats)).sum::<f64>() / REPS as f64;
    assert!(held >= 0.9 * 170.0 * SCALE, "held {held}");
    // The flats let the contracts reach their volume (certain), and those they
    // house leave situations 1 and 4; since issue 35 the public company lets
    // by queue time, so part of that is displaced and only the direction is held.
    assert_higher(effect(&alone, &with_stock, &get(Out::n_social_contracts)), "contracts in force with municipal stock");
    let d = effect(&alone, &with_stock, &acute_and_private);
    assert!(d.mean < 0.0, "situations 1 and 4 with municipal stock should fall: {d:?}");
}

#[test]
fn the_staircase_lowers_homelessness_within_its_places() {
    let on = runs(
        "[[instruments]]\nkind = \"vacancy_quota\"\npublic_share = 0.1\n[[instruments]]\nkind = \"staircase\"\ntraining_flats = 60\nsupport_agreements = 240\n",
    );
    assert_lower(effect(off(), &on, &get(Out::homeless_per_10k)), "homeless per 10k");
    assert!(max_over_months(&on, Out::n_training_flats) <= (60.0 * SCALE).round());
    assert!(max_over_months(&on, Out::n_support_agreements) <= (240.0 * SCALE).round());
    assert!(max_over_months(&on, Out::new_staircase_step_ups) > 0.0, "nobody ever stepped up");
}

#[test]
fn housing_first_keeps_about_eighty_percent_for_two_years_within_its_places() {
    let on = common::scenario(&format!(
        "{}[[instruments]]\nkind = \"housing_first\"\nplaces = 100\n",
        BASE.replace("horizon_months = 48", "horizon_months = 60")
    ));
    let r: Vec<Vec<Row>> = (0..REPS).map(|k| run_replication(&on, k)).collect();
    assert!(max_over_months(&r, Out::n_housing_first_tenancies) <= (100.0 * SCALE).round());
    // Evidence: about 0.8 at 24 months (housing_first_outcomes.csv); tolerance ±0.15
    // for the few tenancies old enough in a small town.
    let retention: f64 = r.iter().map(|rows| rows.last().unwrap().get(Out::housing_first_retention_24m)).sum::<f64>() / REPS as f64;
    assert!((0.65..=0.95).contains(&retention), "24-month retention {retention}");
}

#[test]
fn raising_the_assistance_norm_lowers_payment_orders() {
    // Regression: a higher norm once raised everyone's living costs and increased evictions.
    let on = runs("[[instruments]]\nkind = \"state_levers\"\nassistance_norm_scale = 1.3\n");
    assert_lower(effect(off(), &on, &get(Out::new_payment_orders)), "payment orders");
}

#[test]
fn more_new_production_lowers_homelessness() {
    let on = runs("[[instruments]]\nkind = \"new_production\"\ndwellings_per_year = 500\n");
    assert_lower(effect(off(), &on, &get(Out::homeless_per_10k)), "homeless per 10k");
    assert!(max_over_months(&on, Out::new_instrument_completions) > 0.0);
}

#[test]
fn the_shelter_guarantee_empties_rough_sleeping_among_those_who_ask() {
    let on = runs("[[instruments]]\nkind = \"shelter_guarantee\"\nask_share = 1.0\n");
    assert_lower(effect(off(), &on, &get(Out::n_rough_sleepers)), "rough sleepers");
    // Everyone asks: at the end of every month after the first, nobody sleeps rough who
    // has been on the street at the guarantee's monthly round.
    let late: f64 = on.iter().flat_map(|r| r[1..].iter()).map(|row| row.get(Out::n_rough_sleepers)).sum();
    let before: f64 = off().iter().flat_map(|r| r[1..].iter()).map(|row| row.get(Out::n_rough_sleepers)).sum();
    assert!(late < 0.5 * before, "rough sleeping {late} with the guarantee vs {before} without");
}

#[test]
fn outside_its_window_an_instrument_has_no_flows_or_costs() {
    // Every instrument acts during the first year only; in the second, every
    // instrument flow and cost must be exactly zero (stocks it created may stay).
    let p = common::scenario(&format!(
        "{}{}",
        BASE.replace("horizon_months = 36", "horizon_months = 24"),
        "[[instruments]]\nkind = \"vacancy_quota\"\npublic_share = 0.1\nend_month = 12\n\
         [[instruments]]\nkind = \"municipal_stock\"\nown_flats = 50\npurchases_per_year = 20\nend_month = 12\n\
         [[instruments]]\nkind = \"new_production\"\ndwellings_per_year = 300\nsocial_share = 0.1\nend_month = 12\n\
         [[instruments]]\nkind = \"social_contract\"\ncontracts_per_year = 80\nleases_per_year = 40\ntrial_months = 3\nend_month = 12\n\
         [[instruments]]\nkind = \"staircase\"\nmonths_per_step = 3\nend_month = 12\n\
         [[instruments]]\nkind = \"housing_first\"\nplaces = 30\nend_month = 12\n\
         [[instruments]]\nkind = \"short_contract\"\nend_month = 12\n\
         [[instruments]]\nkind = \"rent_guarantee\"\nguarantee_kind = \"own_income\"\nend_month = 12\n\
         [[instruments]]\nkind = \"outreach\"\nend_month = 12\n\
         [[instruments]]\nkind = \"shelter_guarantee\"\nend_month = 12\n\
         [[instruments]]\nkind = \"assistance_as_income\"\nend_month = 12\n"
    ));
    // The instruments' flows and costs, as the registry names them.
    let flows: Vec<usize> = hemma::policy::InstrumentConfig::instrument_outputs()
        .into_iter()
        .map(|o| o as usize)
        .filter(|&o| matches!(hemma::results::table()[o].kind, hemma::results::OutKind::Flow))
        .collect();
    assert!(flows.contains(&(Out::cost_instruments_sek as usize)) && flows.contains(&(Out::new_social_contracts as usize)));
    for k in 0..2 {
        let rows = run_replication(&p, k);
        let active: f64 = rows[..12].iter().map(|r| flows.iter().map(|&o| r.0[o]).sum::<f64>()).sum();
        assert!(active > 0.0, "the instruments did nothing while active");
        for (m, row) in rows.iter().enumerate().skip(12) {
            for &o in &flows {
                assert_eq!(row.0[o], 0.0, "month {m}: `{}` after every window ended", hemma::results::table()[o].name);
            }
        }
    }
}
