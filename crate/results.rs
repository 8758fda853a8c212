//! Outputs: the table of result columns and a month's row of them (the
//! model fills it in [`crate::model::record`]).
//!
//! Names follow one convention: `n_*` is a stock at the end of the month,
//! `new_*` a flow during the month, `cum_*` a flow summed from the first
//! reported month, `*_per_10k` a rate per 10,000 residents (annualised for
//! flows), and `cost_*` money spent in the month. `docs/outputs.md` is
//! generated from [`table`]; a test fails if it drifts.

use serde::Serialize;

/// How an output aggregates over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutKind {
    /// A level at the end of the month; a year's value is December's.
    Stock,
    /// A count during the month; a year's value is the sum.
    Flow,
    /// A running sum from the first reported month.
    Cumulative,
    /// A ratio or mean; a year's value is the mean of its months.
    Rate,
}

/// One row of the output table.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct OutputSpec {
    /// Column name.
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Aggregation over time.
    pub kind: OutKind,
    /// Meaning.
    pub description: &'static str,
}

macro_rules! output_table {
    ($( $name:ident : $unit:expr, $kind:ident, $desc:expr; )*) => {
        /// Output columns, in table order. `Out::x as usize` indexes a [`Row`].
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(usize)]
        pub enum Out { $( #[doc = $desc] $name, )* }

        const SPECS: &[OutputSpec] = &[
            $( OutputSpec { name: stringify!($name), unit: $unit, kind: OutKind::$kind, description: $desc }, )*
        ];
    };
}

output_table! {
    n_residents: "persons", Stock, "Residents (all persons in households of the municipality, housed or not).";
    n_households: "households", Stock, "Households.";
    n_adults: "persons", Stock, "Adults in households of the municipality.";
    n_children: "persons", Stock, "Children in households of the municipality.";
    n_homeless: "persons", Stock, "Homeless persons as Socialstyrelsen counts them: the adults (young adults on their own included) of households in situations 1–4. Their children are not in this count: see n_children_with_homeless_parent.";
    homeless_per_10k: "persons per 10,000 residents", Stock, "Homeless persons (n_homeless: adults, as Socialstyrelsen counts) per 10,000 residents (all residents, children included).";
    n_children_with_homeless_parent: "persons", Stock, "Children living in households in situations 1–4: children with a homeless parent, which Socialstyrelsen reports apart from the count. Never part of n_homeless.";
    children_with_homeless_parent_per_10k: "persons per 10,000 residents", Stock, "Children with a homeless parent (n_children_with_homeless_parent) per 10,000 residents.";
    n_homeless_sit1: "persons", Stock, "Situation 1: acute homelessness (emergency accommodation, shelter, hostel, hotel, rough); adults, as counted.";
    n_homeless_sit2: "persons", Stock, "Situation 2: in an institution, due to leave within three months, with no home; adults, as counted.";
    n_homeless_sit3: "persons", Stock, "Situation 3: long-term municipal solutions (social contracts, training flats, second-hand Housing First); adults, as counted.";
    n_homeless_sit4: "persons", Stock, "Situation 4: short-term private arrangements (friends, family) without a contract; adults, as counted.";
    sit1_per_10k: "persons per 10,000 residents", Stock, "Situation 1 per 10,000 residents (adults, as counted).";
    sit2_per_10k: "persons per 10,000 residents", Stock, "Situation 2 per 10,000 residents (adults, as counted).";
    sit3_per_10k: "persons per 10,000 residents", Stock, "Situation 3 per 10,000 residents (adults, as counted).";
    sit4_per_10k: "persons per 10,000 residents", Stock, "Situation 4 per 10,000 residents (adults, as counted).";
    n_rough_sleepers: "persons", Stock, "Adults sleeping rough (part of situation 1).";
    n_homeless_over_1y: "persons", Stock, "Homeless persons (adults, as counted) whose spell of homelessness has lasted more than twelve months.";
    homeless_over_1y_share: "share", Stock, "Share of the homeless (adults, as counted) homeless for more than twelve months (0 if none are homeless).";
    n_homeless_families: "persons", Stock, "Homeless adults living with their children (parents; part of n_homeless).";
    n_homeless_single_adults: "persons", Stock, "Homeless single adults without children.";
    n_homeless_young_adults: "persons", Stock, "Homeless adults in households whose head is 18–25.";
    n_homeless_newly_arrived: "persons", Stock, "Homeless adults in newly arrived households.";
    n_homeless_violence_exposed: "persons", Stock, "Homeless adults in households exposed to violence in a close relationship.";
    n_homeless_support_needs: "persons", Stock, "Homeless adults in households with substance-use or psychiatric support needs.";
    new_homeless: "households", Flow, "Households entering homelessness (any situation), including new households formed homeless.";
    new_homeless_from_eviction: "households", Flow, "Entries into homelessness after an executed eviction.";
    new_homeless_from_threat_move: "households", Flow, "Entries after moving out under notice or payment order.";
    new_homeless_from_separation: "households", Flow, "Entries of partners leaving a separation.";
    new_homeless_from_young_adult: "households", Flow, "Entries of young adults leaving the parental home.";
    new_homeless_from_arrival: "households", Flow, "Entries of households moving into the municipality (newly arrived).";
    new_homeless_from_sublet_end: "households", Flow, "Entries after a private sublet ended.";
    new_homeless_from_institution: "households", Flow, "Entries on entering an institution without keeping the home (situation 2 near release).";
    new_homeless_adults: "persons", Flow, "Adults (the persons Socialstyrelsen counts) in households entering homelessness.";
    new_homeless_exits: "households", Flow, "Households leaving homelessness for housing (first-hand, owned, sublet, parental home).";
    new_homeless_exits_market: "households", Flow, "Households leaving homelessness for a home let or sold to them on the market (public, private landlords, owned).";
    new_homeless_exits_instruments: "households", Flow, "Households leaving homelessness through an instrument (a Housing First tenancy, a contract passing to the tenant, a support agreement).";
    new_homeless_exits_other: "households", Flow, "Households leaving homelessness otherwise: a private sublet, the parental home, a partner's home, released to a home.";
    new_homeless_departures: "households", Flow, "Homeless households that left the municipality or whose last adult died.";
    mean_months_homeless_at_exit: "months", Rate, "Mean length of the homelessness spells that ended this month (0 if none).";
    new_returns_12m: "households", Flow, "Entries that are returns within 12 months of leaving homelessness.";
    new_returns_24m: "households", Flow, "Entries that are returns within 24 months of leaving homelessness.";
    n_in_arrears: "households", Stock, "Tenant households owing rent.";
    n_threatened: "households", Stock, "Tenant households under notice, payment order or eviction application.";
    new_notices: "households", Flow, "Notices given for arrears (social services are told).";
    new_payment_orders: "cases", Flow, "Payment orders with eviction (betalningsföreläggande) applied for at Kronofogden.";
    new_eviction_applications: "cases", Flow, "Eviction applications (ansökan om avhysning), for arrears or disturbance.";
    new_withdrawn: "cases", Flow, "Eviction applications withdrawn because the debt was paid or settled.";
    new_executed_evictions: "cases", Flow, "Evictions executed by Kronofogden.";
    new_executed_disturbance: "cases", Flow, "Executed evictions for reasons other than arrears.";
    new_children_affected: "persons", Flow, "Children living in evicted households.";
    new_moves_under_threat: "households", Flow, "Households that moved out 'voluntarily' under notice or payment order.";
    executed_evictions_per_10k: "cases per 10,000 residents and year", Rate, "Executed evictions per 10,000 residents, annualised.";
    payment_orders_per_1000_rentals: "cases per 1,000 rentals and year", Rate, "Payment orders per 1,000 rental dwellings, annualised.";
    cum_executed_evictions: "cases", Cumulative, "Executed evictions since the first reported month.";
    cum_payment_orders: "cases", Cumulative, "Payment orders since the first reported month.";
    cum_homeless_entries: "households", Cumulative, "Entries into homelessness since the first reported month.";
    n_adults_with_remark: "persons", Stock, "Adults with a payment remark (betalningsanmärkning).";
    remark_share_adults: "share", Stock, "Share of adults with a payment remark.";
    new_payment_remarks: "households", Flow, "Households getting a payment remark (a debt registered at Kronofogden).";
    n_dwellings: "dwellings", Stock, "Dwellings in the stock.";
    n_rentals: "dwellings", Stock, "Rental dwellings in the stock.";
    n_vacant_dwellings: "dwellings", Stock, "Vacant dwellings of all tenures after this month's matching.";
    vacancy_rate: "share", Stock, "Share of rental dwellings vacant after this month's matching.";
    n_searching: "households", Stock, "Households searching for a dwelling (homeless, sublet, parental home, movers).";
    new_housed: "households", Flow, "Households that got a dwelling through the market.";
    new_public_lets: "households", Flow, "Dwellings of the public company let through the market (its queue).";
    new_public_lets_to_homeless: "households", Flow, "Public company lets to households leaving homelessness.";
    mean_queue_years_public_lets: "years", Rate, "Mean years in the housing queue of those the public company let to this month (0 if none; those without a registration count 0).";
    mean_search_months: "months", Rate, "Mean months searched by the households housed this month (0 if none).";
    mean_rent_sek: "SEK/month", Stock, "Mean rent of occupied rental dwellings.";
    new_completions: "dwellings", Flow, "Dwellings completed.";
    n_sublet: "households", Stock, "Households in a private sublet with a contract.";
    n_parental_home: "households", Stock, "Young adults living with parents while searching.";
    cost_emergency_accommodation_sek: "SEK", Flow, "Cost of all nights in emergency accommodation (shelter persons × nights × cost per night).";
    cost_instruments_sek: "SEK", Flow, "Cost of all instruments.";
    cost_social_assistance_sek: "SEK", Flow, "Social assistance (försörjningsstöd) paid by the municipality: for each household on assistance, the norm and a reasonable housing cost less the housing allowance.";
    cost_total_sek: "SEK", Flow, "What the municipality pays: emergency accommodation, instruments and social assistance.";
    cost_housing_allowance_sek: "SEK", Flow, "Housing allowance (bostadsbidrag) paid by the state to the households of the municipality: not a municipal cost, shown apart.";
    cost_per_household_housed_sek: "SEK per household", Rate, "Instrument cost of the month per household that left homelessness for housing that month (0 if none left). Over a period, divide summed costs by summed exits instead.";
    n_municipal_flats: "dwellings", Stock, "Dwellings held by the municipality (quota, leases, own stock), occupied or not.";
    n_municipal_flats_vacant: "dwellings", Stock, "Municipal dwellings vacant, waiting for a placement.";
    new_quota_flats: "dwellings", Flow, "Vacancies handed to the municipality under a quota.";
    new_municipal_purchases: "dwellings", Flow, "Flats bought by the municipality.";
    cost_municipal_stock_sek: "SEK", Flow, "Municipal stock: purchases and upkeep of vacant flats.";
    new_instrument_completions: "dwellings", Flow, "Dwellings completed by the new-production instrument (beyond the baseline).";
    cost_new_production_sek: "SEK", Flow, "New production: municipal subsidy.";
    n_social_contracts: "households", Stock, "Social contracts in force (situation 3).";
    new_social_contracts: "households", Flow, "New social contracts.";
    new_social_contract_transfers: "households", Flow, "Social contracts passed to the tenant as first-hand contracts.";
    new_social_contracts_ended: "households", Flow, "Social contracts that ended otherwise (eviction, moving, leaving).";
    cost_social_contract_sek: "SEK", Flow, "Social contracts: net cost to the municipality.";
    n_training_flats: "households", Stock, "Staircase: households in training flats (situation 3).";
    n_support_agreements: "households", Stock, "Staircase: support agreements in force (own contract with municipal surety).";
    new_staircase_step_ups: "households", Flow, "Staircase: moves from a training flat to a support agreement.";
    new_staircase_setbacks: "households", Flow, "Staircase: training flats ended by a setback.";
    cost_staircase_sek: "SEK", Flow, "Staircase: flats, support and surety payouts.";
    n_housing_first_tenancies: "households", Stock, "Housing First tenancies in force.";
    new_housing_first_tenancies: "households", Flow, "New Housing First tenancies.";
    housing_first_retention_12m: "share", Rate, "Housing First: share of tenancies begun at least 12 months ago that had not ended in homelessness within 12 months (0 until there are any).";
    housing_first_retention_24m: "share", Rate, "Housing First: share of tenancies begun at least 24 months ago that had not ended in homelessness within 24 months (0 until there are any).";
    cost_housing_first_sek: "SEK", Flow, "Housing First: support and arrears settled.";
    n_short_contracts: "households", Stock, "Short contracts with municipal surety in force.";
    new_short_contracts: "households", Flow, "New short contracts with municipal surety.";
    cost_short_contract_sek: "SEK", Flow, "Short contracts: support, administration and surety payouts.";
    new_outreach_contacts: "households", Flow, "Outreach: tenants in arrears contacted.";
    new_outreach_settled: "households", Flow, "Outreach: contacts that ended in a payment plan settling the arrears.";
    cost_outreach_sek: "SEK", Flow, "Outreach: staff time and assistance paid towards arrears.";
    n_rent_guarantees: "guarantees", Stock, "Rent guarantees in force (all kinds).";
    new_rent_guarantees: "guarantees", Flow, "Rent guarantees issued.";
    cost_rent_guarantee_sek: "SEK", Flow, "Rent guarantees: administration net of the state grant, plus payouts.";
    new_assistance_as_income_lets: "households", Flow, "Lets made because a landlord counted social assistance as income under the instrument.";
    new_shelter_guarantee_placements: "households", Flow, "Shelter guarantee: rough sleepers placed in emergency accommodation.";
    n_shelter_guarantee_guests: "persons", Stock, "Shelter guarantee: persons in emergency accommodation placed by the guarantee.";
    cost_shelter_guarantee_sek: "SEK", Flow, "Shelter guarantee: cost of its guests' nights.";
}

/// Number of output columns.
pub const N_OUTPUTS: usize = SPECS.len();

/// The output table.
pub fn table() -> &'static [OutputSpec] {
    SPECS
}

/// Index of an output by name.
pub fn index_of(name: &str) -> Option<usize> {
    SPECS.iter().position(|s| s.name == name)
}

/// One month of outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Row(pub [f64; N_OUTPUTS]);

impl Row {
    /// A row of zeros.
    pub fn zeros() -> Row {
        Row([0.0; N_OUTPUTS])
    }

    /// Sets one output.
    pub fn set(&mut self, o: Out, v: f64) {
        self.0[o as usize] = v;
    }

    /// Adds to one output (several instruments of a kind add up).
    pub fn add(&mut self, o: Out, v: f64) {
        self.0[o as usize] += v;
    }

    /// Reads one output.
    pub fn get(&self, o: Out) -> f64 {
        self.0[o as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_convention_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for s in table() {
            assert!(seen.insert(s.name), "duplicate {}", s.name);
            match s.kind {
                OutKind::Cumulative => assert!(s.name.starts_with("cum_"), "{}", s.name),
                OutKind::Flow => assert!(s.name.starts_with("new_") || s.name.starts_with("cost_"), "{}", s.name),
                OutKind::Stock => assert!(
                    s.name.starts_with("n_")
                        || s.name.ends_with("_per_10k")
                        || s.name.contains("rate")
                        || s.name.contains("share")
                        || s.name.starts_with("mean_"),
                    "{}",
                    s.name
                ),
                OutKind::Rate => {}
            }
        }
    }

    #[test]
    fn enum_and_table_agree() {
        assert_eq!(table()[Out::homeless_per_10k as usize].name, "homeless_per_10k");
        assert_eq!(index_of("cost_total_sek"), Some(Out::cost_total_sek as usize));
    }
}
