//! What a household's columns hold besides numbers: its id
//! ([`HouseholdId`], a slot), where it lives ([`Status`]), its main income
//! source, its support needs and its stage in the eviction pipeline.

/// Index of a household slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HouseholdId(pub u32);

/// Value of [`Households::dwelling`](super::Households::dwelling) for a household without a dwelling
/// (the dwellings' counterpart is [`crate::model::dwelling::VACANT`]).
pub const NO_DWELLING: u32 = u32::MAX;

impl HouseholdId {
    /// The household in slot `i` of the household columns.
    pub fn at(i: usize) -> HouseholdId {
        HouseholdId(i as u32)
    }

    /// Its slot in the household columns.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl HouseholdId {
    /// The slot as a `usize` index into the columns.
    pub fn idx(self) -> usize {
        self.0 as usize
    }
}

/// Where a household lives — exactly one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[repr(u8)]
pub enum Status {
    /// Not part of the population (left the municipality, dissolved); the slot is free.
    Gone = 0,
    /// Owner-occupied dwelling.
    Owner,
    /// Tenant-owned flat (*bostadsrätt*).
    TenantOwner,
    /// First-hand rental contract (*förstahandskontrakt*).
    FirstHand,
    /// Municipal second-hand contract (*socialt/kommunalt kontrakt*).
    SocialContract,
    /// Training flat in the staircase (*träningslägenhet*).
    TrainingFlat,
    /// Housing First tenancy with a first-hand contract.
    HousingFirstFirstHand,
    /// Housing First tenancy on a second-hand contract.
    HousingFirstSecondHand,
    /// Private sublet or lodging with a contract (not homeless).
    Sublet,
    /// Young adult still living with parents while searching (not homeless).
    ParentalHome,
    /// Staying with friends or family without a contract (situation 4).
    FriendsFamily,
    /// In prison, treatment or care with no home to return to (situation 2 near release).
    Institution,
    /// Shelter, hostel, hotel or emergency place (situation 1).
    Shelter,
    /// Sleeping rough (situation 1).
    RoughSleeping,
}

impl Status {
    /// Number of statuses.
    pub const COUNT: usize = 14;

    /// Whether the household occupies a dwelling of the stock.
    pub fn has_dwelling(self) -> bool {
        matches!(
            self,
            Status::Owner
                | Status::TenantOwner
                | Status::FirstHand
                | Status::SocialContract
                | Status::TrainingFlat
                | Status::HousingFirstFirstHand
                | Status::HousingFirstSecondHand
        )
    }

    /// Whether the household pays rent to a landlord and can fall into arrears.
    pub fn pays_rent(self) -> bool {
        matches!(
            self,
            Status::FirstHand
                | Status::SocialContract
                | Status::TrainingFlat
                | Status::HousingFirstFirstHand
                | Status::HousingFirstSecondHand
        )
    }
}

/// The household's main income source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[repr(u8)]
pub enum IncomeSource {
    /// Permanent employment.
    Permanent = 0,
    /// Temporary employment.
    Temporary,
    /// Unemployment benefit (*a-kassa*).
    Unemployment,
    /// Sickness or activity compensation.
    Sickness,
    /// Old-age pension.
    Pension,
    /// Social assistance (*försörjningsstöd*).
    Assistance,
}

/// Support needs and circumstances, as bit flags in one byte.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Needs(pub u8);

impl Needs {
    /// Substance use.
    pub const SUBSTANCE: u8 = 1;
    /// Psychiatric or neuropsychiatric disability.
    pub const PSYCHIATRIC: u8 = 2;
    /// Exposure to violence in a close relationship.
    pub const VIOLENCE: u8 = 4;
    /// Newly arrived refugee.
    pub const NEWLY_ARRIVED: u8 = 8;

    /// Whether a flag is set.
    pub fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }

    /// Substance use or psychiatric disability: the "support needs" of the brief.
    pub fn support(self) -> bool {
        self.has(Self::SUBSTANCE | Self::PSYCHIATRIC)
    }
}

/// Stage in the arrears and Kronofogden pipeline (ordered: later stages compare greater).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[repr(u8)]
pub enum Stage {
    /// No arrears action under way.
    None = 0,
    /// Rent is owed; reminders.
    Arrears,
    /// The landlord has given notice; social services are told.
    Notice,
    /// A payment order with eviction has been applied for at Kronofogden.
    PaymentOrder,
    /// An eviction application for arrears is at Kronofogden awaiting execution.
    Application,
    /// An eviction application for disturbance (not arrears) awaiting execution.
    DisturbanceApplication,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dwelling_statuses_are_exactly_the_housed_ones() {
        assert!(Status::FirstHand.has_dwelling() && Status::FirstHand.pays_rent());
        assert!(Status::Owner.has_dwelling() && !Status::Owner.pays_rent());
        for s in [
            Status::Sublet,
            Status::ParentalHome,
            Status::FriendsFamily,
            Status::Shelter,
            Status::RoughSleeping,
            Status::Institution,
            Status::Gone,
        ] {
            assert!(!s.has_dwelling(), "{s:?}");
        }
    }
}
