//! Short contracts with municipal surety (the Norrköping model): for people
//! without an income a landlord would accept, three-month contracts without
//! security of tenure, agreed between municipality, tenant and landlord,
//! with the municipality as surety; the contract is normalised after one to
//! two years. The tenant need not become a formal client of social services.
//!
//! Seed 002 (Norrköping): about 120 such agreements; private landlords now
//! provide about 65% of the flats, roughly their share of rentals; a relapse
//! into crime or substance use ends the agreement.
//!
//! In the model: up to `contracts_per_year`, when a landlord rejects an
//! applicant for income, no permanent job or a payment remark, the
//! municipality's surety makes the landlord accept (with chance
//! `landlord_acceptance_share`). For `normalise_months` the municipality
//! pays the tenant's arrears under notice; the contract then becomes an
//! ordinary one.
//!
//! ```toml
//! [[instruments]]
//! kind = "short_contract"
//! contracts_per_year = 60
//! normalise_months = 18
//! ```

use crate::model::household::IncomeSource;
use crate::model::landlord::{Rejected, Rejection};
use crate::model::world::World;
use crate::policy::placement::{Sureties, Surety, monthly_quota, scaled_capacity};
use crate::policy::setting::{Role, SizedTo, Value, instrument_settings};
use crate::policy::{Ctx, Policy};
use crate::results::{Out, Row};
use crate::rng::{Purpose, Stream};
use crate::units::Sek;

instrument_settings! {
    /// Settings of short contracts with municipal surety.
    pub struct ShortContractConfig {
        contracts_per_year: f64 {
            label: "New contracts",
            unit: "contracts/year",
            role: Role::Volume(SizedTo::Homeless),
            value: Value::Number { default: 60.0, min: 0.0, max: 1e6 },
            description: "New contracts with municipal surety a year, whole municipality.",
            source: "seed 002: Norrköping has about 120 such agreements; assumption 60 a year",
            sv: {
                label: "Nya kontrakt per år",
                description: "Nya kontrakt med kommunal borgen per år, hela kommunen.",
                source: "SABO m.fl. 2014 (seed 002): Norrköping har ungefär 120 sådana avtal; antagande 60 per år",
            },
        },
        normalise_months: u32 {
            label: "Normalised after",
            unit: "months",
            role: Role::Duration,
            value: Value::Whole { default: 18, min: 1, max: 120 },
            description: "Months until the contract becomes an ordinary one and the surety ends.",
            source: "seed 002 (Norrköping): one to two years",
            sv: {
                label: "Blir vanligt kontrakt efter",
                description: "Månader tills kontraktet blir ett vanligt kontrakt och borgen upphör.",
                source: "SABO m.fl. 2014 (seed 002) (Norrköping): ett till två år",
            },
        },
        landlord_acceptance_share: f64 {
            label: "Landlords accept",
            unit: "share",
            role: Role::Share,
            value: Value::share(0.9),
            description: "Chance that a landlord who rejected the applicant accepts the municipality's surety.",
            source: "seed 002: private landlords provide about 65% of Norrköping's flats; assumption 0.9",
            sv: {
                label: "Hyresvärdar godtar",
                description: "Chans att en hyresvärd som avvisat den sökande godtar kommunens borgen.",
                source: "SABO m.fl. 2014 (seed 002): privata hyresvärdar står för ungefär 65 % av Norrköpings lägenheter; antagande 0,9",
            },
        },
        cost_sek_per_contract_month: f64 {
            label: "Cost per contract",
            unit: "SEK/month",
            role: Role::Money,
            value: Value::Number { default: 1000.0, min: 0.0, max: 1e6 },
            description: "Cost of support and administration per contract and month, besides arrears paid.",
            source: "assumption: 1,000 SEK",
            sv: {
                label: "Kostnad per kontrakt",
                description: "Kostnad för stöd och administration per kontrakt och månad, utöver betalda hyresskulder.",
                source: "antagande: 1 000 kr",
            },
        },
        contracts_in_force: Option<f64> {
            label: "Contracts in force at start",
            unit: "contracts",
            role: Role::InForce(SizedTo::Homeless),
            value: Value::Optional {
                min: 0.0,
                max: 1e6,
                absent: "in place at the scenario's start: the stock its flow keeps in force, contracts_per_year × normalise_months/12; starting later: none",
            },
            description: "Short contracts with municipal surety in force when the instrument starts, whole municipality.",
            source: "seed 002: Norrköping about 120 agreements",
            sv: {
                label: "Kontrakt vid start",
                description: "Korta kontrakt med kommunal borgen som löper när insatsen startar, hela kommunen.",
                source: "SABO m.fl. 2014 (seed 002): Norrköping ungefär 120 avtal",
            },
        },
    }
}

/// Short contracts as a policy module.
#[derive(Clone, Debug)]
pub struct ShortContract {
    pub(super) config: ShortContractConfig,
    sureties: Sureties,
    carry: f64,
    available: u32,
    issued: u32,
}

impl ShortContract {
    /// Builds the instrument from its settings.
    pub fn new(config: ShortContractConfig) -> Self {
        ShortContract { config, sureties: Sureties::default(), carry: 0.0, available: 0, issued: 0 }
    }
}

/// Whether the landlord accepts a short contract for a rejected applicant.
const LANDLORD_ACCEPTS: Purpose = Purpose::new(Stream::Policy, 0);
/// The contracts in force at the start (drawn through the start's steps).
const IN_FORCE: Purpose = Purpose::new(Stream::Synthesis, 2);

impl Policy for ShortContract {
    fn purposes(&self) -> &'static [Purpose] {
        &[LANDLORD_ACCEPTS, IN_FORCE]
    }

    fn begin_month(&mut self) {
        self.issued = 0;
    }

    fn establish(&mut self, w: &mut World, ctx: &mut Ctx) {
        let c = &self.config;
        let stock = crate::policy::placement::stock_in_force(
            c.contracts_in_force,
            c.window.start_month,
            c.contracts_per_year * c.normalise_months as f64 / 12.0,
        );
        self.sureties.establish(w, scaled_capacity(stock, w.scale), c.normalise_months, 3.0, ctx.key(IN_FORCE), |w, i| {
            let h = &w.households;
            h.has_remark(i, w.month) || matches!(h.source[i], IncomeSource::Assistance | IncomeSource::Temporary)
        });
    }

    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        let (paid, _) = self.sureties.settle(w);
        self.available = monthly_quota(self.config.contracts_per_year, w.scale, &mut self.carry);
        ctx.spend(paid as f64 + self.sureties.len() as f64 * self.config.cost_sek_per_contract_month);
    }

    fn vouch(&mut self, w: &World, rejected: Rejected, ctx: &mut Ctx) -> bool {
        let (household, dwelling, reason) = (rejected.household.index(), rejected.dwelling.index(), rejected.reason);
        if self.available == 0 || !matches!(reason, Rejection::Income | Rejection::NotPermanent | Rejection::Remark) {
            return false;
        }
        let h = &w.households;
        let mut d = w.streams.at(ctx.key(LANDLORD_ACCEPTS), h.uid[household], w.month.0);
        if !d.chance(self.config.landlord_acceptance_share) {
            return false;
        }
        self.available -= 1;
        self.issued += 1;
        let rent = w.dwellings.rent[dwelling].0;
        self.sureties.add(Surety {
            slot: household as u32,
            uid: h.uid[household],
            dwelling: dwelling as u32,
            until: w.month.plus(self.config.normalise_months),
            // The surety covers what falls due during the contract; three rents at most at a time.
            cover: Sek(rent.saturating_mul(3)),
        });
        true
    }

    /// The households on its contracts (each under a surety).
    fn held(&self, _w: &World, out: &mut Vec<u32>) {
        out.extend(self.sureties.uids());
    }

    fn record(&self, _w: &World, row: &mut Row) {
        row.add(Out::n_short_contracts, self.sureties.len() as f64);
        row.add(Out::new_short_contracts, self.issued as f64);
    }
}
