//! Phase 8 of the step: measuring the world at the end of the month into a
//! [`Row`] of the output table ([`crate::results`]), with the instruments'
//! own outputs through [`Instruments::record`].

use crate::model::homeless::{Situation, situation};
use crate::model::hooks::Instruments;
use crate::model::household::{Needs, Stage, Status};
use crate::model::world::World;
use crate::results::{Out, Row};

/// Phase 8: measures the world at the end of the month.
pub fn record(w: &mut World, hooks: &dyn Instruments) -> Row {
    let mut r = Row::zeros();
    let month = w.month;
    let h = &w.households;
    let window = w.params.institution_due_window_months as u32;
    // One pass, accumulating into tables indexed by status: a branch per
    // status would be mispredicted often, since statuses are interleaved
    // across slots. Only homeless households (rare) take the detailed branch.
    let mut persons_by = [0u64; Status::COUNT];
    let mut adults_by = [0u64; Status::COUNT];
    let mut households_by = [0u64; Status::COUNT];
    let (mut remark_adults, mut searching, mut in_arrears, mut threatened) = (0u64, 0u64, 0u64, 0u64);
    // Situations count the persons Socialstyrelsen counts (adults:
    // `homeless::counted_persons`); children of homeless households are
    // tallied apart and never added in.
    let mut sit = [0u64; 5];
    let mut sit_children = 0u64;
    let mut over_a_year = 0u64;
    // Money paid to households: social assistance (municipal) and the
    // housing allowance (state), in whole kronor.
    let (mut assistance_paid, mut allowance_paid) = (0i64, 0i64);
    let p = &w.params;
    let (mut rough, mut families, mut singles, mut young, mut arrived, mut violence, mut support) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    // Columns cut to the same length, so the loop needs no bounds checks.
    let n = h.len();
    let (status_col, adults_col, children_col) = (&h.status[..n], &h.adults[..n], &h.children[..n]);
    let (remark_col, search_col, arrears_col, stage_col) = (&h.remark_until[..n], &h.search_since[..n], &h.arrears[..n], &h.stage[..n]);
    for i in 0..n {
        let status = status_col[i];
        let s = status as usize;
        let adults = adults_col[i] as u64;
        let persons = adults + children_col[i] as u64;
        persons_by[s] += persons;
        adults_by[s] += adults;
        households_by[s] += 1;
        remark_adults += adults * (remark_col[i] > month) as u64;
        searching += search_col[i].is_set() as u64;
        in_arrears += (arrears_col[i].0 > 0) as u64;
        threatened += (stage_col[i] >= Stage::Notice) as u64;
        // Only renters and households on assistance are paid anything; the
        // branch is rare enough (a fraction of households) not to weigh.
        let renting = status.pays_rent() || status == Status::Sublet;
        let on_assistance = h.source[i] == crate::model::household::IncomeSource::Assistance;
        if (renting && (children_col[i] > 0 || h.age(i, month) < 29)) || (on_assistance && status != Status::Gone) {
            let rent = h.rent[i];
            let allowance = if renting {
                crate::model::income::housing_allowance(p, children_col[i], h.age(i, month), h.income[i], rent).0 as i64
            } else {
                0
            };
            allowance_paid += allowance;
            if on_assistance {
                let norm = crate::model::income::assistance_norm(p, w.living.of(adults_col[i], children_col[i])).0 as i64;
                assistance_paid += (norm + rent.0 as i64 - allowance).max(0);
            }
        }
        if !crate::model::homeless::is_homeless(status) {
            continue;
        }
        let to_release = h.next_status_event[i].since(month);
        if let Some(x) = situation(status, to_release, window) {
            let counted = crate::model::homeless::counted_persons(h, i) as u64;
            sit[x as usize] += counted;
            sit_children += h.children[i] as u64;
            over_a_year += counted * (month.since(h.homeless_since[i]) > 12) as u64;
            if status == Status::RoughSleeping {
                rough += counted;
            }
            if h.children[i] > 0 {
                families += counted;
            } else if h.adults[i] == 1 {
                singles += counted;
            }
            if h.age(i, month) < 26 {
                young += counted;
            }
            let needs = h.needs[i];
            if needs.has(Needs::NEWLY_ARRIVED) {
                arrived += counted;
            }
            if needs.has(Needs::VIOLENCE) {
                violence += counted;
            }
            if needs.support() {
                support += counted;
            }
        }
    }
    let gone = Status::Gone as usize;
    // Free slots keep their last counts; exclude them.
    let residents: u64 = persons_by.iter().enumerate().filter(|(k, _)| *k != gone).map(|(_, v)| v).sum();
    let adults_total: u64 = adults_by.iter().enumerate().filter(|(k, _)| *k != gone).map(|(_, v)| v).sum();
    let households: u64 = households_by.iter().enumerate().filter(|(k, _)| *k != gone).map(|(_, v)| v).sum();
    let sublet = households_by[Status::Sublet as usize];
    let parental = households_by[Status::ParentalHome as usize];
    let shelter_persons = persons_by[Status::Shelter as usize];
    let per10k = |x: u64| if residents > 0 { x as f64 * 10_000.0 / residents as f64 } else { 0.0 };
    let homeless: u64 = sit[1..].iter().sum();
    use Out::*;
    r.set(n_residents, residents as f64);
    r.set(n_households, households as f64);
    r.set(n_adults, adults_total as f64);
    r.set(n_children, (residents - adults_total) as f64);
    r.set(n_homeless, homeless as f64);
    r.set(homeless_per_10k, per10k(homeless));
    r.set(n_children_with_homeless_parent, sit_children as f64);
    r.set(children_with_homeless_parent_per_10k, per10k(sit_children));
    r.set(n_homeless_sit1, sit[Situation::Acute as usize] as f64);
    r.set(n_homeless_sit2, sit[Situation::Institution as usize] as f64);
    r.set(n_homeless_sit3, sit[Situation::LongTermMunicipal as usize] as f64);
    r.set(n_homeless_sit4, sit[Situation::ShortTermPrivate as usize] as f64);
    r.set(sit1_per_10k, per10k(sit[1]));
    r.set(sit2_per_10k, per10k(sit[2]));
    r.set(sit3_per_10k, per10k(sit[3]));
    r.set(sit4_per_10k, per10k(sit[4]));
    r.set(n_rough_sleepers, rough as f64);
    r.set(n_homeless_over_1y, over_a_year as f64);
    r.set(homeless_over_1y_share, if homeless > 0 { over_a_year as f64 / homeless as f64 } else { 0.0 });
    r.set(n_homeless_families, families as f64);
    r.set(n_homeless_single_adults, singles as f64);
    r.set(n_homeless_young_adults, young as f64);
    r.set(n_homeless_newly_arrived, arrived as f64);
    r.set(n_homeless_violence_exposed, violence as f64);
    r.set(n_homeless_support_needs, support as f64);

    let t = &w.tally;
    r.set(new_homeless, t.homeless_entries as f64);
    {
        use crate::model::moves::Cause;
        let by = |c: Cause| t.entries_by_cause[c as usize] as f64;
        r.set(new_homeless_from_eviction, by(Cause::Eviction));
        r.set(new_homeless_from_threat_move, by(Cause::ThreatMove));
        r.set(new_homeless_from_separation, by(Cause::Separation));
        r.set(new_homeless_from_young_adult, by(Cause::YoungAdult));
        r.set(new_homeless_from_arrival, by(Cause::Arrival));
        r.set(new_homeless_from_sublet_end, by(Cause::SubletEnd));
        r.set(new_homeless_from_institution, by(Cause::InstitutionEntry));
    }
    r.set(new_homeless_adults, t.homeless_entry_adults as f64);
    r.set(new_homeless_exits, t.homeless_exits as f64);
    {
        use crate::model::moves::Cause;
        let by = |c: Cause| t.exits_by_cause[c as usize] as f64;
        let departures = by(Cause::Departure);
        let (market, instruments) = (by(Cause::Market), by(Cause::Instrument));
        let all: f64 = t.exits_by_cause.iter().map(|&x| x as f64).sum();
        r.set(new_homeless_exits_market, market);
        r.set(new_homeless_exits_instruments, instruments);
        r.set(new_homeless_exits_other, all - departures - market - instruments);
        r.set(new_homeless_departures, departures);
    }
    r.set(mean_months_homeless_at_exit, if t.homeless_exits > 0 { t.homeless_exit_months as f64 / t.homeless_exits as f64 } else { 0.0 });
    r.set(new_returns_12m, t.returns_12m as f64);
    r.set(new_returns_24m, t.returns_24m as f64);
    r.set(n_in_arrears, in_arrears as f64);
    r.set(n_threatened, threatened as f64);
    r.set(new_notices, t.notices as f64);
    r.set(new_payment_orders, t.payment_orders as f64);
    r.set(new_eviction_applications, t.applications as f64);
    r.set(new_withdrawn, t.withdrawn as f64);
    r.set(new_executed_evictions, t.executed as f64);
    r.set(new_executed_disturbance, t.executed_disturbance as f64);
    r.set(new_children_affected, t.children_affected as f64);
    r.set(new_moves_under_threat, t.moves_under_threat as f64);
    r.set(executed_evictions_per_10k, per10k(t.executed as u64) * 12.0);
    r.set(n_adults_with_remark, remark_adults as f64);
    r.set(new_payment_remarks, t.new_remarks as f64);
    r.set(remark_share_adults, if adults_total > 0 { remark_adults as f64 / adults_total as f64 } else { 0.0 });

    let d = &w.dwellings;
    let (mut stock, mut rentals, mut vacant_rentals, mut rent_sum, mut occupied_rentals, mut vacant) = (0u64, 0u64, 0u64, 0f64, 0u64, 0u64);
    let mut municipal = 0u64;
    for k in 0..d.len() {
        if d.flags[k] & crate::model::dwelling::flags::DEMOLISHED != 0 {
            continue;
        }
        stock += 1;
        municipal += (d.flags[k] & crate::model::dwelling::flags::MUNICIPAL_LEASE != 0) as u64;
        if d.occupant[k] == crate::model::dwelling::VACANT {
            vacant += 1;
        }
        if d.tenure[k] == crate::model::dwelling::Tenure::Rental {
            rentals += 1;
            if d.occupant[k] == crate::model::dwelling::VACANT {
                vacant_rentals += 1;
            } else {
                occupied_rentals += 1;
                rent_sum += d.rent[k].0 as f64;
            }
        }
    }
    r.set(payment_orders_per_1000_rentals, if rentals > 0 { t.payment_orders as f64 * 1000.0 * 12.0 / rentals as f64 } else { 0.0 });
    r.set(n_dwellings, stock as f64);
    r.set(n_rentals, rentals as f64);
    r.set(n_vacant_dwellings, vacant as f64);
    r.set(vacancy_rate, if rentals > 0 { vacant_rentals as f64 / rentals as f64 } else { 0.0 });
    r.set(n_searching, searching as f64);
    r.set(new_housed, t.housed as f64);
    r.set(new_public_lets, t.public_lets as f64);
    r.set(new_public_lets_to_homeless, t.public_lets_to_homeless as f64);
    r.set(
        mean_queue_years_public_lets,
        if t.public_lets > 0 { t.public_let_queue_months as f64 / t.public_lets as f64 / 12.0 } else { 0.0 },
    );
    r.set(mean_search_months, if t.housed > 0 { t.housed_search_months as f64 / t.housed as f64 } else { 0.0 });
    r.set(mean_rent_sek, if occupied_rentals > 0 { rent_sum / occupied_rentals as f64 } else { 0.0 });
    r.set(new_completions, t.completions as f64);
    r.set(n_sublet, sublet as f64);
    r.set(n_parental_home, parental as f64);
    let emergency = shelter_persons as f64 * crate::units::NIGHTS_PER_MONTH * w.params.emergency_cost_sek_night;
    r.set(cost_emergency_accommodation_sek, emergency);

    r.set(n_municipal_flats, municipal as f64);
    r.set(n_municipal_flats_vacant, w.municipal.vacant(d) as f64);
    hooks.record(w, &mut r);
    let instruments = r.get(cost_instruments_sek);
    r.set(cost_social_assistance_sek, assistance_paid as f64);
    r.set(cost_housing_allowance_sek, allowance_paid as f64);
    r.set(cost_total_sek, emergency + instruments + assistance_paid as f64);
    r.set(cost_per_household_housed_sek, if t.homeless_exits > 0 { instruments / t.homeless_exits as f64 } else { 0.0 });

    // Cumulative flows count from the first reported month.
    if w.reporting() {
        w.cum.executed += t.executed as u64;
        w.cum.payment_orders += t.payment_orders as u64;
        w.cum.homeless_entries += t.homeless_entries as u64;
    }
    r.set(cum_executed_evictions, w.cum.executed as f64);
    r.set(cum_payment_orders, w.cum.payment_orders as f64);
    r.set(cum_homeless_entries, w.cum.homeless_entries as f64);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hooks::NoInstruments;
    use crate::model::household::HouseholdId;
    use crate::model::moves::{Cause, set_status};
    use crate::params::Params;

    #[test]
    fn a_homeless_family_of_two_adults_and_two_children_adds_two_to_the_count_and_two_children_beside_it() {
        let preset = crate::presets::find("karlstad").unwrap();
        let mut w = crate::model::synth::synthesise(&preset, &Params::default(), 0.02, 1, 0);
        let i = (0..w.households.len()).find(|&i| w.households.status[i] == Status::FirstHand).expect("a tenant");
        w.households.adults[i] = 2;
        w.households.children[i] = 2;
        let before = record(&mut w, &NoInstruments);
        set_status(&mut w, HouseholdId::at(i), Status::FriendsFamily, None, Cause::Synthesis);
        let after = record(&mut w, &NoInstruments);
        let diff = |o: Out| after.get(o) - before.get(o);
        assert_eq!(diff(Out::n_homeless), 2.0, "the count takes in the two adults");
        assert_eq!(diff(Out::n_homeless_sit4), 2.0);
        assert_eq!(diff(Out::n_children_with_homeless_parent), 2.0, "the children are counted apart");
        assert_eq!(diff(Out::n_homeless_families), 2.0);
        assert_eq!(after.get(Out::n_residents), before.get(Out::n_residents));
        let per10k = 10_000.0 / after.get(Out::n_residents);
        assert!((diff(Out::homeless_per_10k) - 2.0 * per10k).abs() < 1e-9);
        assert!((diff(Out::children_with_homeless_parent_per_10k) - 2.0 * per10k).abs() < 1e-9);
    }
}
