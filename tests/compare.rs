//! Paired comparisons: common random numbers make the interval of a
//! difference narrower than treating the runs as independent, and two
//! scenarios are identical until the first instrument starts.

mod common;

use common::scenario;
use hemma::compare::{Certainty, HeadlineSetup, check_comparable, headline, yearly_differences};
use hemma::results::Out;
use hemma::run::run_replication;

const BASE: &str = "name = \"base\"\npreset = \"karlstad\"\nscale = 0.3\nhorizon_months = 48\nstart_year = 2011\nseed = 11\n";

fn alternative() -> String {
    format!("{BASE}[[instruments]]\nkind = \"shelter_guarantee\"\nstart_month = 12\nask_share = 0.9\n")
        .replace("name = \"base\"", "name = \"alt\"")
}

fn runs(text: &str, n: u32) -> Vec<Vec<hemma::results::Row>> {
    let p = scenario(text);
    (0..n).map(|r| run_replication(&p, r)).collect()
}

#[test]
fn paired_interval_is_visibly_narrower_than_unpaired() {
    let (a, b) = (runs(BASE, 12), runs(&alternative(), 12));
    let years = yearly_differences(&a, &b);
    for o in [Out::homeless_per_10k, Out::n_homeless, Out::new_executed_evictions, Out::cost_total_sek] {
        // Years after the instrument starts; stocks and flows alike.
        for (t, per) in years.iter().enumerate().skip(1) {
            let d = per[o as usize];
            let paired = d.paired_high - d.paired_low;
            let unpaired = d.unpaired_high - d.unpaired_low;
            // Both runs start from the same observed count, which already
            // removes the spread of the starting level; the pairing must still
            // narrow what remains visibly.
            assert!(paired < 0.8 * unpaired, "{o:?} year {t}: paired {paired:.3} vs unpaired {unpaired:.3}");
        }
    }
}

#[test]
fn scenarios_are_identical_before_the_first_instrument_starts() {
    let (a, b) = (runs(BASE, 4), runs(&alternative(), 4));
    for (ra, rb) in a.iter().zip(&b) {
        assert!(ra[..12] == rb[..12], "the first year differs although the instrument starts in month 12");
    }
    // (A replication with nobody sleeping rough gives the guarantee nothing to do.)
    assert!(a.iter().zip(&b).any(|(ra, rb)| ra[12..] != rb[12..]), "the instrument had no effect in any replication");
}

#[test]
fn the_shelter_guarantee_lowers_rough_sleeping_and_costs_money() {
    let (a, b) = (runs(BASE, 12), runs(&alternative(), 12));
    let years = yearly_differences(&a, &b);
    let rough: f64 = years[1..].iter().map(|y| y[Out::n_rough_sleepers as usize].mean).sum();
    let cost: f64 = years[1..].iter().map(|y| y[Out::cost_instruments_sek as usize].mean).sum();
    assert!(rough < 0.0, "rough sleeping should fall: {rough}");
    assert!(cost > 0.0);
}

#[test]
fn the_headline_counts_costs_while_the_instrument_acts_and_picks_its_year() {
    let (a, b) = (runs(BASE, 8), runs(&alternative(), 8));
    let setup = HeadlineSetup::of(&scenario(BASE), &scenario(&alternative()));
    // The guarantee acts from month 12 of 48: three years; five years after
    // its start would be 2017, after the horizon, so the last year (2014).
    assert_eq!(setup.running.iter().filter(|&&r| r).count(), 36);
    assert_eq!(setup.default_year, 2014);
    let h = headline(&setup, &a, &b, None);
    assert_eq!((h.year, h.running_years), (2014, 3.0));
    assert_eq!(h.gross_cost_sek_per_year.certainty, Certainty::Higher, "{h:?}");
    // Its yearly gross cost is the instrument's cost over those years, for the whole population.
    let total: f64 = b.iter().map(|r| r.iter().map(|row| row.get(Out::cost_instruments_sek)).sum::<f64>()).sum::<f64>() / 8.0 / 0.3;
    assert!((h.gross_cost_sek_per_year.mean - total / 3.0).abs() < 1e-6 * total, "{} vs {}", h.gross_cost_sek_per_year.mean, total / 3.0);
    assert_eq!(headline(&setup, &a, &b, Some(2012)).year, 2012);
}

#[test]
fn incomparable_scenarios_are_refused_with_the_setting_named() {
    let a = scenario(BASE);
    let b = scenario(&BASE.replace("seed = 11", "seed = 12"));
    assert!(check_comparable(&a, &b).unwrap_err().contains("`seed`"));
    assert!(check_comparable(&a, &scenario(&alternative())).is_ok());
}
