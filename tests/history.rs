//! History then projection (issue "From 2011 to today"): a run that starts
//! after 2011 first lives through the years since 2011 with the place's
//! recorded instruments; the history is the same for every scenario of the
//! place and can be computed once; instruments cannot start before the
//! projection.

use hemma::results::{Out, Row};
use hemma::run::{History, Simulation, fingerprint, run_replication};
use hemma::scenario::{Format, Prepared, parse};
use hemma::timeline::{DATA_YEAR, HISTORY_START_YEAR, Period};

/// Karlstad from 2014: three years of history (its recorded social
/// contracts, rent guarantees, vacancy quota and shelter guarantee), then
/// two years of projection.
const KARLSTAD: &str = "preset = \"karlstad\"\nscale = 0.2\nstart_year = 2014\nhorizon_months = 24\nseed = 5\n";

fn prepared(text: &str) -> Prepared {
    parse(text, Format::Toml, "test").unwrap_or_else(|e| panic!("{e}"))
}

fn with_housing_first() -> String {
    format!("{KARLSTAD}[[instruments]]\nkind = \"housing_first\"\nplaces = 20\nstart_month = 6\n")
}

fn run_all(sim: &mut Simulation) -> Vec<Row> {
    let mut rows = Vec::new();
    while !sim.finished() {
        if let Some(r) = sim.step() {
            rows.push(r);
        }
    }
    rows
}

#[test]
fn a_run_reports_its_history_then_its_projection() {
    let p = prepared(KARLSTAD);
    let t = p.timeline();
    assert_eq!((t.first_year(), t.history_months(), t.reported_months()), (HISTORY_START_YEAR, 36, 60));
    assert_eq!(run_replication(&p, 0).len(), 60);
    assert_eq!((t.period(35), t.period(36)), (Period::History, Period::Projection));
    assert_eq!(t.label(36), "2014-01");
}

#[test]
fn the_default_start_is_the_data_year_after_its_history() {
    let p = prepared("preset = \"nynashamn\"\nscale = 0.2\nhorizon_months = 120\n");
    assert_eq!(p.scenario.start_year, DATA_YEAR);
    assert_eq!(p.timeline().label(p.timeline().history_months() as usize), format!("{DATA_YEAR}-01"));
    assert!(!p.recorded.is_empty(), "Nynäshamn's recorded instruments act in its history");
}

#[test]
fn the_history_is_the_same_whatever_the_scenarios_instruments() {
    let base = run_replication(&prepared(KARLSTAD), 0);
    let alt = run_replication(&prepared(&with_housing_first()), 0);
    assert_eq!(fingerprint(&base[..36]), fingerprint(&alt[..36]), "history differs between scenarios");
    assert_ne!(fingerprint(&base[36..]), fingerprint(&alt[36..]), "Housing First changed nothing in the projection");
}

#[test]
fn a_projection_from_a_copied_boundary_is_bit_identical_to_a_run_from_2011() {
    let base = prepared(KARLSTAD);
    let alt = prepared(&with_housing_first());
    assert_eq!(base.history_key(1), alt.history_key(1));
    let history = History::compute(&base, 1);
    assert_eq!(history.rows.len(), 36);
    for p in [&base, &alt] {
        let mut whole = history.rows.clone();
        whole.extend(run_all(&mut history.project(p, 1).expect("same history")));
        assert_eq!(fingerprint(&whole), fingerprint(&run_replication(p, 1)), "{}", p.scenario.instruments.len());
    }
    // Another replication, seed or start has another history.
    assert!(history.project(&base, 2).is_none());
    assert!(history.project(&prepared(&KARLSTAD.replace("seed = 5", "seed = 6")), 1).is_none());
    assert!(history.project(&prepared(&KARLSTAD.replace("2014", "2015")), 1).is_none());
}

#[test]
fn a_run_from_2011_has_no_history_and_reuses_its_burn_in() {
    let p = prepared(&with_housing_first().replace("start_year = 2014", "start_year = 2011"));
    let history = History::compute(&p, 0);
    assert!(history.rows.is_empty());
    let rows = run_all(&mut history.project(&p, 0).unwrap());
    assert_eq!(fingerprint(&rows), fingerprint(&run_replication(&p, 0)));
    // Its burn-in acts with the scenario's instruments, so they key it.
    assert!(history.project(&prepared(&KARLSTAD.replace("start_year = 2014", "start_year = 2011")), 0).is_none());
}

#[test]
fn an_instrument_before_the_projection_is_refused_with_the_years() {
    let text = format!("{KARLSTAD}[[instruments]]\nkind = \"outreach\"\nstart_month = -12\n");
    let e = parse(&text, Format::Toml, "s.toml").unwrap_err();
    assert_eq!((e.key.as_str(), e.value.as_str(), e.line), ("instruments[0].start_month", "-12", Some(8)));
    assert!(e.message.contains("January 2014") && e.message.contains("2011 to 2013 is history"), "{e}");
}

#[test]
fn a_start_year_outside_2011_to_the_data_year_is_refused() {
    for year in [2010, DATA_YEAR + 1] {
        let e = parse(&KARLSTAD.replace("2014", &year.to_string()), Format::Toml, "s.toml").unwrap_err();
        assert_eq!(e.key, "start_year");
        assert!(e.message.contains(&format!("2011 (the observed start) to {DATA_YEAR}")), "{e}");
    }
}

#[test]
fn moving_the_start_keeps_calendar_months_and_moves_or_drops_what_would_start_earlier() {
    let text = "preset = \"karlstad\"\nstart_year = 2011\nhorizon_months = 120\n\
                [[instruments]]\nkind = \"outreach\"\nstart_month = 24\nend_month = 36\n\
                [[instruments]]\nkind = \"housing_first\"\nstart_month = 24\n\
                [[instruments]]\nkind = \"staircase\"\nstart_month = 60\n\
                [[instruments]]\nkind = \"shelter_guarantee\"\n";
    let mut s = prepared(text).scenario;
    let notes = s.move_start(2016);
    assert_eq!(s.start_year, 2016);
    let windows: Vec<(&str, (i32, Option<i32>))> =
        s.instruments.iter().map(|i| (i.kind(), (i.window().start_month, i.window().end_month))).collect();
    assert_eq!(windows, [("housing_first", (0, None)), ("staircase", (0, None)), ("shelter_guarantee", (0, None))]);
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains("outreach") && notes[0].contains("left out"), "{notes:?}");
    assert!(notes[1].contains("housing_first") && notes[1].contains("moved"), "{notes:?}");
    // Later instruments keep their calendar month.
    let mut s = prepared(text).scenario;
    s.move_start(2013);
    assert_eq!(
        s.instruments.iter().find(|i| i.kind() == "staircase").unwrap().window(),
        hemma::policy::Window { start_month: 36, end_month: None }
    );
}

#[test]
fn a_recorded_instrument_continues_into_the_projection_with_its_stock() {
    // Karlstad's social contracts: 60 in force in 2011, about as many after.
    let rows = run_replication(&prepared(KARLSTAD), 0);
    let (before, after) = (rows[35].get(Out::n_social_contracts), rows[36].get(Out::n_social_contracts));
    assert!(before > 0.0);
    assert!((after - before).abs() <= 2.0, "stock jumped at the boundary: {before} -> {after}");
    assert!(rows[36..].iter().map(|r| r.get(Out::new_social_contracts)).sum::<f64>() > 0.0, "recorded contracts go on");
}

#[test]
fn a_scenario_instrument_of_a_recorded_kind_takes_over_its_stock_under_new_settings() {
    let more = format!("{KARLSTAD}[[instruments]]\nkind = \"social_contract\"\ncontracts_per_year = 200\ncontracts_in_force = 500\n");
    let rows = run_replication(&prepared(&more), 0);
    let (before, after) = (rows[35].get(Out::n_social_contracts), rows[36].get(Out::n_social_contracts));
    // contracts_in_force = 500 would be 100 at this scale; one month of the
    // new flow (200 a year) adds about 3.
    assert!(
        after >= before - 2.0 && after <= before + 6.0,
        "the stock in force is the history's, not contracts_in_force: {before} -> {after}"
    );
    let base = run_replication(&prepared(KARLSTAD), 0);
    let new = |rows: &[Row]| rows[36..].iter().map(|r| r.get(Out::new_social_contracts)).sum::<f64>();
    assert!(new(&rows) > new(&base) * 2.0, "the new settings act: {} vs {}", new(&rows), new(&base));
}

#[test]
fn ending_the_recorded_instruments_stops_their_flows_after_the_boundary() {
    let rows = run_replication(&prepared(&format!("recorded_instruments = \"end\"\n{KARLSTAD}")), 0);
    let flows = |o: Out| rows[36..].iter().map(|r| r.get(o)).sum::<f64>();
    for o in [Out::new_social_contracts, Out::new_rent_guarantees] {
        assert_eq!(flows(o), 0.0, "{o:?} after the recorded instruments ended");
    }
    assert!(rows[..36].iter().map(|r| r.get(Out::new_social_contracts)).sum::<f64>() > 0.0, "they acted in the history");
    assert!(rows[40].get(Out::n_social_contracts) > 0.0, "what they placed stays placed");
}

/// Regression (issue "From 2011 to today"): a new calendar year's conditions
/// reset the parameters, and a state lever in force must survive that.
#[test]
fn a_state_lever_survives_the_new_years_conditions() {
    let text = "preset = \"nynashamn\"\nscale = 0.2\nstart_year = 2011\nhorizon_months = 30\n\
                [[instruments]]\nkind = \"state_levers\"\nassistance_norm_scale = 1.3\n";
    let mut sim = Simulation::new(&prepared(text), 0);
    run_all(&mut sim);
    assert_eq!(sim.world().calendar_year(), 2013);
    assert_eq!(sim.world().params.get("assistance_norm_scale"), Some(1.3));
}

#[test]
fn the_identity_scenario_continued_from_another_scenarios_history_is_the_same_run() {
    // scripts/wasm-identity.sh checks the same in WebAssembly.
    let full = hemma::run::identity_fingerprint();
    assert_ne!(full, 0);
    assert_eq!(hemma::run::identity_reuse_fingerprint(), full);
}

#[test]
fn history_instruments_replace_the_recorded_ones_for_a_counterfactual_history() {
    let none = run_replication(&prepared(&format!("history_instruments = []\n{KARLSTAD}")), 0);
    let recorded = run_replication(&prepared(KARLSTAD), 0);
    let contracts = |rows: &[Row]| rows[..36].iter().map(|r| r.get(Out::new_social_contracts)).sum::<f64>();
    assert_eq!(contracts(&none), 0.0, "no social contracts in a history without instruments");
    assert!(contracts(&recorded) > 0.0);
    let hf = "history_instruments = [{ kind = \"housing_first\", places = 30 }]\n";
    let rows = run_replication(&prepared(&format!("{hf}{KARLSTAD}")), 0);
    assert!(rows[30].get(Out::n_housing_first_tenancies) > 0.0, "Housing First since 2011");
    let e = parse(&format!("history_instruments = [{{ kind = \"housing_first\", places = -3 }}]\n{KARLSTAD}"), Format::Toml, "s.toml")
        .unwrap_err();
    assert_eq!(e.key, "history_instruments[0].places");
}

#[test]
fn an_instrument_added_later_changes_nothing_before_it_starts() {
    // Recorded instruments keep their places in the order (and so their
    // random draws) whatever the scenario adds: until Housing First starts
    // in month 6 of the projection the two runs are the same, bit for bit.
    let base = run_replication(&prepared(KARLSTAD), 2);
    let alt = run_replication(&prepared(&with_housing_first()), 2);
    assert_eq!(fingerprint(&base[..42]), fingerprint(&alt[..42]), "the months before Housing First starts differ");
    assert_ne!(fingerprint(&base[42..]), fingerprint(&alt[42..]));
}

#[test]
fn a_driver_path_from_the_projection_on_reuses_the_history_bit_for_bit() {
    // "What if construction halves": a path from the first projected year
    // changes nothing before it, so the baseline's history serves it, and
    // the run continued from there is the run from 2011.
    let base = prepared(KARLSTAD);
    let halved = prepared(&format!(
        "{KARLSTAD}[drivers]\n[[drivers.paths]]\ndriver = \"completions_per_1000\"\nfrom_year = 2014\nvalue = 1.0\n\
         [[drivers.paths]]\ndriver = \"unemployment_pct\"\nfrom_year = 2014\nvalue = 16.0\n"
    ));
    assert_eq!(base.history_key(1), halved.history_key(1));
    let history = History::compute(&base, 1);
    let mut whole = history.rows.clone();
    whole.extend(run_all(&mut history.project(&halved, 1).expect("same history")));
    let from_2011 = run_replication(&halved, 1);
    assert_eq!(fingerprint(&whole), fingerprint(&from_2011));
    assert_ne!(fingerprint(&from_2011[36..]), fingerprint(&run_replication(&base, 1)[36..]), "the paths changed nothing");
    // A path that starts inside the history has another history.
    let earlier = prepared(&format!("{KARLSTAD}[[drivers.paths]]\ndriver = \"unemployment_pct\"\nfrom_year = 2013\nvalue = 16.0\n"));
    assert!(history.project(&earlier, 1).is_none());
    // So do constant conditions, with or without a path from the projection on.
    let constant = prepared(&format!("{KARLSTAD}[drivers]\nconditions = \"constant\"\n"));
    let constant_path = prepared(&format!(
        "{KARLSTAD}[drivers]\nconditions = \"constant\"\n[[drivers.paths]]\ndriver = \"unemployment_pct\"\nfrom_year = 2014\nvalue = 16.0\n"
    ));
    assert!(history.project(&constant, 1).is_none());
    assert_ne!(
        constant.history_key(1),
        constant_path.history_key(1),
        "constant conditions and a path differ in whether phase 0 applies them"
    );
}
