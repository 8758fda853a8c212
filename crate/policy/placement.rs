//! Helpers shared by instruments that place homeless households in municipal
//! flats (social contracts, the staircase, Housing First) or stand surety for
//! tenants (rent guarantees, short contracts, support agreements).

use crate::model::dwelling::DwellingId;
use crate::model::household::HouseholdId;
use crate::model::household::{Stage, Status};
use crate::model::moves::pay_arrears;
use crate::model::world::World;
use crate::rng::{Step, StreamKey};
use crate::units::{Month, Sek};

/// Homeless households an instrument may place, best first: families with
/// children and households exposed to violence first (the seeds' priority
/// groups), then those homeless longest. `eligible` filters further.
pub fn homeless_candidates(w: &World, eligible: impl Fn(&World, usize) -> bool) -> Vec<usize> {
    let h = &w.households;
    let window = w.params.institution_due_window_months as u32;
    let mut out: Vec<(u8, Month, usize)> = Vec::new();
    for i in 0..h.len() {
        let placeable = match h.status[i] {
            Status::Shelter | Status::RoughSleeping | Status::FriendsFamily => true,
            // People due to leave an institution with nowhere to go.
            Status::Institution => h.next_status_event[i].since(w.month) <= window,
            _ => false,
        };
        if placeable && eligible(w, i) {
            let priority = if h.children[i] > 0 || h.needs[i].has(crate::model::household::Needs::VIOLENCE) { 0 } else { 1 };
            out.push((priority, h.homeless_since[i], i));
        }
    }
    out.sort();
    out.into_iter().map(|(_, _, i)| i).collect()
}

/// Expected count per month of something stated per year for the whole
/// municipality, at the run's scale, with a fractional carry so small
/// scales get the right long-run total without a random draw.
pub fn monthly_quota(per_year: f64, scale: f64, carry: &mut f64) -> u32 {
    let total = *carry + per_year * scale / 12.0;
    let n = total.max(0.0).floor();
    *carry = total - n;
    n as u32
}

/// A capacity stated for the whole municipality, at the run's scale.
pub fn scaled_capacity(places: f64, scale: f64) -> usize {
    (places * scale).round().max(0.0) as usize
}

/// One surety: the municipality guarantees the rent of a tenancy for a
/// while (a rent guarantee, a short contract's surety, a support agreement).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surety {
    /// Household slot.
    pub slot: u32,
    /// The household's serial number (the slot may be reused later).
    pub uid: u32,
    /// The guaranteed dwelling.
    pub dwelling: u32,
    /// First month after the surety.
    pub until: Month,
    /// Largest payout, in SEK.
    pub cover: Sek,
}

/// The sureties of one instrument.
#[derive(Clone, Debug, Default)]
pub struct Sureties {
    list: Vec<Surety>,
}

impl Sureties {
    /// The serial numbers of the households under a surety.
    pub fn uids(&self) -> impl Iterator<Item = u32> + '_ {
        self.list.iter().map(|s| s.uid)
    }

    /// Sureties in force.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether none is in force.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Adds a surety.
    pub fn add(&mut self, s: Surety) {
        self.list.push(s);
    }

    /// Drops sureties that ended (expired, or the household moved or left)
    /// and pays the arrears of guaranteed tenants under notice or later, up
    /// to each surety's remaining cover; the tenancy then continues.
    /// Returns (SEK paid, tenancies rescued).
    pub fn settle(&mut self, w: &mut World) -> (i64, u32) {
        let month = w.month;
        let mut paid = 0i64;
        let mut rescued = 0u32;
        self.list.retain_mut(|s| {
            let i = s.slot as usize;
            let h = &w.households;
            let still = h.uid[i] == s.uid && h.dwelling[i] == s.dwelling && h.status[i].pays_rent() && month < s.until;
            if !still {
                return false;
            }
            if h.stage[i] >= Stage::Notice && h.stage[i] != Stage::DisturbanceApplication && h.arrears[i].0 > 0 {
                let pay = pay_arrears(w, HouseholdId(s.slot), s.cover);
                s.cover.0 -= pay.0;
                paid += pay.0 as i64;
                if w.households.arrears[i].0 == 0 {
                    rescued += 1;
                }
            }
            true
        });
        (paid, rescued)
    }
}

/// One placement made by an instrument.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// Household slot.
    pub slot: u32,
    /// The household's serial number (the slot may be reused later).
    pub uid: u32,
    /// The dwelling.
    pub dwelling: u32,
    /// Month the placement began in the model.
    pub start: Month,
    /// Months already served when the placement began in the model: a
    /// stock in force at the start has been running for a while, possibly
    /// since before the first simulated month (regression: support
    /// agreements backdated past month 0 all ended together, issue 12).
    pub served: u32,
}

impl Placement {
    /// Months the placement has run by `now`, counting time served before
    /// it entered the model.
    pub fn months_in(&self, now: Month) -> u32 {
        now.since(self.start) + self.served
    }
}

/// The placements of one instrument that are still in force.
#[derive(Clone, Debug, Default)]
pub struct Placements {
    /// Placements in force.
    pub list: Vec<Placement>,
}

impl Placements {
    /// Drops placements whose household has left the dwelling or whose status
    /// is no longer one of `statuses`; returns the dropped ones.
    pub fn prune(&mut self, w: &World, statuses: &[Status]) -> Vec<Placement> {
        let h = &w.households;
        let mut ended = Vec::new();
        self.list.retain(|p| {
            let i = p.slot as usize;
            let ok = h.uid[i] == p.uid && h.dwelling[i] == p.dwelling && statuses.contains(&h.status[i]);
            if !ok {
                ended.push(*p);
            }
            ok
        });
        ended
    }

    /// Places `household` in municipal dwelling `dwelling` with `status`.
    pub fn place(&mut self, w: &mut World, household: HouseholdId, dwelling: DwellingId, status: Status) {
        crate::model::moves::set_status(w, household, status, Some(dwelling), crate::model::moves::Cause::Instrument);
        let uid = w.households.uid[household.index()];
        self.list.push(Placement { slot: household.0, uid, dwelling: dwelling.0, start: w.month, served: 0 });
    }

    /// Persons in the placements.
    pub fn persons(&self, w: &World) -> u32 {
        self.list.iter().map(|p| w.households.persons(p.slot as usize)).sum()
    }
}

/// Takes a dwelling out of the municipality's hands: it becomes an ordinary
/// tenancy or vacancy of its landlord.
pub fn release_to_landlord(w: &mut World, dwelling: DwellingId) {
    let d = dwelling.0;
    use crate::model::dwelling::flags;
    // The municipality's own flats stay its own (the tenant becomes its first-hand tenant).
    if w.dwellings.flags[d as usize] & flags::MUNICIPAL_OWNED == 0 {
        w.dwellings.flags[d as usize] &= !(flags::MUNICIPAL_LEASE | flags::QUOTA);
    }
}

/// Leases vacancy `dwelling` for the pool while `wanted` leases remain: a
/// rental (of the public company only, with `public_only`). Returns whether
/// it was taken (the claim of a placing instrument's `claim_vacancy`).
pub fn lease_if_wanted(w: &mut World, dwelling: DwellingId, wanted: &mut u32, public_only: bool) -> bool {
    let d = dwelling.index();
    if *wanted == 0 || w.dwellings.tenure[d] != crate::model::dwelling::Tenure::Rental {
        return false;
    }
    if public_only && w.landlords[w.dwellings.landlord[d] as usize].kind != crate::model::landlord::LandlordKind::Public {
        return false;
    }
    *wanted -= 1;
    pool(w, dwelling, 0);
    true
}

/// Makes dwelling `d` municipal and puts it in the pool (it must be vacant).
pub fn pool(w: &mut World, dwelling: DwellingId, extra_flags: u8) {
    let d = dwelling.0;
    use crate::model::dwelling::flags;
    w.dwellings.flags[d as usize] |= flags::MUNICIPAL_LEASE | extra_flags;
    w.municipal.push(&w.dwellings, dwelling);
}

/// The stock an instrument sets at its start: the stated figure if given,
/// else `in_place` for an instrument in place at the scenario's start
/// (`start_month` ≤ 0), else none.
pub fn stock_in_force(stated: Option<f64>, start_month: i32, in_place: f64) -> f64 {
    match stated {
        Some(n) => n,
        None if start_month <= 0 => in_place,
        None => 0.0,
    }
}

/// Sets the placements of an instrument to `target` households at the
/// instrument's start ([`crate::policy::Policy::establish`]). An excess
/// (placements made during burn-in beyond the stock in force) passes to the
/// tenants as ordinary first-hand tenancies, newest first. A shortfall is
/// filled with the instrument's own candidates — homeless households
/// ([`homeless_candidates`]), then housed households at highest risk
/// ([`crate::model::start::at_risk_order`]) — each in a municipal flat
/// ([`crate::model::start::municipal_flat`]). Each placement has already
/// served a time drawn uniformly from 0 to `spread_months`
/// ([`Placement::served`]), so that trials and steps do not all end in the
/// same month. Returns the placements that could not be filled (no eligible
/// household left). `key` is the instrument's decision (its stock in force
/// of this status): every draw of this step is keyed by it.
pub fn establish_placements(
    w: &mut World,
    placements: &mut Placements,
    target: usize,
    status: Status,
    spread_months: u32,
    key: StreamKey,
    eligible: impl Fn(&World, usize) -> bool,
) -> usize {
    use crate::model::moves::{Cause, set_status};
    use crate::model::start;
    while placements.list.len() > target {
        let Some(pl) = placements.list.pop() else { break };
        release_to_landlord(w, DwellingId(pl.dwelling));
        set_status(w, HouseholdId(pl.slot), Status::FirstHand, Some(DwellingId(pl.dwelling)), Cause::Synthesis);
    }
    if placements.list.len() >= target {
        return 0;
    }
    let mut candidates = homeless_candidates(w, &eligible);
    // Then housed households at highest risk, the priority groups first (as
    // for new placements: families with children and violence-exposed).
    let mut at_risk: Vec<usize> = start::at_risk_order(w, key).into_iter().filter(|&i| eligible(w, i)).collect();
    let h = &w.households;
    at_risk.sort_by_key(|&i| if h.children[i] > 0 || h.needs[i].has(crate::model::household::Needs::VIOLENCE) { 0 } else { 1 });
    candidates.extend(at_risk);
    let month = w.month;
    for i in candidates {
        if placements.list.len() >= target {
            break;
        }
        let h = &w.households;
        if !matches!(
            h.status[i],
            Status::Shelter
                | Status::RoughSleeping
                | Status::FriendsFamily
                | Status::Institution
                | Status::FirstHand
                | Status::Sublet
                | Status::ParentalHome
        ) {
            continue; // placed already by this loop's earlier steps
        }
        let was_homeless = crate::model::homeless::is_homeless(h.status[i]);
        let flat = start::municipal_flat(w, w.households.persons(i), key);
        placements.place(w, HouseholdId::at(i), flat, status);
        if !was_homeless && crate::model::homeless::is_homeless(status) {
            start::backdate_spell(w, HouseholdId::at(i), key);
        }
        let mut d = w.streams.at(key.through(Step::Served), w.households.uid[i], month.0);
        if let Some(last) = placements.list.last_mut() {
            last.served = d.below(spread_months.max(1));
        }
    }
    target.saturating_sub(placements.list.len())
}

impl Sureties {
    /// Sets the sureties in force to `target` at the instrument's start: an
    /// excess ends (newest first); a shortfall is filled with first-hand
    /// tenants at highest risk for whom `eligible` holds, each with a
    /// remaining term drawn uniformly from 1 to `duration_months` and a
    /// cover of `cover_months` of rent. Returns the sureties that could not
    /// be filled. `key` is the instrument's decision (its sureties in
    /// force): every draw of this step is keyed by it.
    pub fn establish(
        &mut self,
        w: &World,
        target: usize,
        duration_months: u32,
        cover_months: f64,
        key: StreamKey,
        eligible: impl Fn(&World, usize) -> bool,
    ) -> usize {
        self.list.truncate(target);
        if self.list.len() >= target {
            return 0;
        }
        let taken: std::collections::HashSet<u32> = self.list.iter().map(|s| s.uid).collect();
        for i in crate::model::start::at_risk_order(w, key) {
            if self.list.len() >= target {
                break;
            }
            let h = &w.households;
            if h.status[i] != Status::FirstHand || taken.contains(&h.uid[i]) || !eligible(w, i) {
                continue;
            }
            let mut d = w.streams.at(key.through(Step::SuretyTerm), h.uid[i], w.month.0);
            let left = 1 + d.below(duration_months.max(1));
            let dwelling = h.dwelling[i];
            self.list.push(Surety {
                slot: i as u32,
                uid: h.uid[i],
                dwelling,
                until: w.month.plus(left),
                cover: Sek::from_f64(w.dwellings.rent[dwelling as usize].0 as f64 * cover_months),
            });
        }
        target.saturating_sub(self.list.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Params;
    use crate::presets;

    #[test]
    fn regression_issue_12_a_stock_in_force_longer_than_the_burn_in_does_not_end_in_one_month() {
        // Support agreements of 48 months set in force after a 24-month
        // burn-in: their time served must spread over all 48 months, not
        // pile up at "began in month 0" (which ended half of them together).
        let preset = presets::find("Västerås").unwrap();
        let mut w = crate::model::synth::synthesise(&preset, &Params::default(), 0.2, 3, 0);
        w.month = Month(24);
        let mut placements = Placements::default();
        let kind = std::num::NonZeroU16::new(1).unwrap();
        let key = crate::rng::Drawer::instrument(kind, 0).key(crate::rng::Purpose::new(crate::rng::Stream::Synthesis, 0));
        let short = establish_placements(&mut w, &mut placements, 120, Status::FirstHand, 48, key, |_, _| true);
        assert_eq!(short, 0);
        let mut ends = std::collections::HashMap::new();
        for pl in &placements.list {
            assert!(pl.months_in(w.month) < 48);
            *ends.entry(48 - pl.months_in(w.month)).or_insert(0) += 1;
        }
        let most = ends.values().max().copied().unwrap_or(0);
        assert!(most <= 10, "{most} of 120 end in the same month: {ends:?}");
        assert!(ends.len() >= 30, "only {} distinct end months", ends.len());
    }
}
