//! Dwellings as a struct of arrays, indexed by [`DwellingId`].
//!
//! The stock is synthesised from the preset's tenure mix and grows with new
//! production. Every dwelling has an owner (a landlord for rentals, the
//! ownership market otherwise) and at most one occupant.

use crate::units::{Month, Sek};

/// Index of a dwelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DwellingId(pub u32);

impl DwellingId {
    /// The dwelling at position `d` of the dwelling columns.
    pub fn at(d: usize) -> DwellingId {
        DwellingId(d as u32)
    }

    /// Its position in the dwelling columns.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Form of tenure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[repr(u8)]
pub enum Tenure {
    /// Rental (hyresrätt).
    Rental = 0,
    /// Tenant-owned (bostadsrätt).
    TenantOwned,
    /// Owner-occupied (äganderätt, mostly houses).
    OwnerOccupied,
}

/// Dwelling flags as bits.
pub mod flags {
    /// Built during the simulation.
    pub const NEW_PRODUCTION: u8 = 1;
    /// Reserved for the municipality by a vacancy quota.
    pub const QUOTA: u8 = 2;
    /// Held by the municipality (leased under a quota or agreement, or its own
    /// stock): not offered on the market; vacant ones wait in the municipal pool.
    pub const MUNICIPAL_LEASE: u8 = 4;
    /// Demolished: no longer part of the stock.
    pub const DEMOLISHED: u8 = 8;
    /// Owned by the municipality (own stock or bought).
    pub const MUNICIPAL_OWNED: u8 = 16;
}

/// Value of [`Dwellings::occupant`] for a vacant dwelling.
pub const VACANT: u32 = u32::MAX;

/// All dwellings, one column per attribute.
#[derive(Clone, Debug, Default)]
pub struct Dwellings {
    /// Tenure.
    pub tenure: Vec<Tenure>,
    /// Rooms (1–5).
    pub rooms: Vec<u8>,
    /// Monthly rent (rentals) or housing cost (others).
    pub rent: Vec<Sek>,
    /// Index into [`crate::model::landlord::Landlord`]s for rentals; `u16::MAX` otherwise.
    pub landlord: Vec<u16>,
    /// Household slot living here, or [`VACANT`].
    pub occupant: Vec<u32>,
    /// Month the dwelling last became vacant.
    pub vacant_since: Vec<Month>,
    /// [`flags`] bits.
    pub flags: Vec<u8>,
}

impl Dwellings {
    /// Number of dwellings ever created (including demolished ones).
    pub fn len(&self) -> usize {
        self.tenure.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.tenure.is_empty()
    }

    /// Makes room for `additional` more dwellings in every column, exactly.
    pub fn reserve(&mut self, additional: usize) {
        self.tenure.reserve_exact(additional);
        self.rooms.reserve_exact(additional);
        self.rent.reserve_exact(additional);
        self.landlord.reserve_exact(additional);
        self.occupant.reserve_exact(additional);
        self.vacant_since.reserve_exact(additional);
        self.flags.reserve_exact(additional);
    }

    /// Adds a vacant dwelling and returns its id. A full column grows by an
    /// eighth rather than doubling (`crate::model::growth`).
    pub fn push(&mut self, tenure: Tenure, rooms: u8, rent: Sek, landlord: u16, flags: u8, month: Month) -> DwellingId {
        if self.tenure.len() == self.tenure.capacity() {
            self.reserve(crate::model::growth(self.tenure.len()));
        }
        let id = DwellingId(self.tenure.len() as u32);
        self.tenure.push(tenure);
        self.rooms.push(rooms);
        self.rent.push(rent);
        self.landlord.push(landlord);
        self.occupant.push(VACANT);
        self.vacant_since.push(month);
        self.flags.push(flags);
        id
    }

    /// Whether the dwelling is part of the stock and empty.
    pub fn is_available(&self, d: usize) -> bool {
        self.occupant[d] == VACANT && self.flags[d] & flags::DEMOLISHED == 0
    }

    /// Whether the dwelling is vacant and on the open market (not held by the municipality).
    pub fn is_on_market(&self, d: usize) -> bool {
        self.occupant[d] == VACANT && self.flags[d] & (flags::DEMOLISHED | flags::MUNICIPAL_LEASE) == 0
    }

    /// Bytes of heap memory held by the columns (capacity, not length).
    pub fn heap_bytes(&self) -> usize {
        fn b<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        b(&self.tenure) + b(&self.rooms) + b(&self.rent) + b(&self.landlord) + b(&self.occupant) + b(&self.vacant_since) + b(&self.flags)
    }

    /// Bytes of state per dwelling.
    pub const BYTES_PER_DWELLING: usize = 1 + 1 + 4 + 2 + 4 + 2 + 1;
}
