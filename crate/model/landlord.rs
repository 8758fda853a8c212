//! Landlords and their screening rules.
//!
//! A landlord group is the public housing company (*allmännytta*) or private
//! landlords with large or small portfolios. The seeds describe rules that
//! differ between them (002: income as a multiple of rent, whether social
//! assistance counts as income, refusal of payment remarks or of applicants
//! without permanent employment, tolerance of arrears). [`Landlord::screen`]
//! applies those rules to one applicant for one dwelling; instruments may
//! vouch for an applicant a landlord rejected (see [`crate::policy::Policy::vouch`]).

use crate::model::dwelling::DwellingId;
use crate::model::household::HouseholdId;
use crate::model::household::IncomeSource;
use crate::params::Params;
use crate::rng::Draw;
use crate::units::Sek;

/// Index of a landlord in [`crate::model::World::landlords`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LandlordId(pub u32);

impl LandlordId {
    /// Its position in the landlord list.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The kind of landlord.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum LandlordKind {
    /// The municipal housing company (allmännytta).
    Public = 0,
    /// A private landlord with a large portfolio.
    PrivateLarge,
    /// A private landlord with a small portfolio.
    PrivateSmall,
}

/// A landlord group with its rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Landlord {
    /// Kind.
    pub kind: LandlordKind,
    /// Required income as a multiple of rent.
    pub income_multiple: f64,
    /// Chance of counting social assistance and housing allowance as income.
    pub counts_assistance_prob: f64,
    /// Chance of rejecting an applicant with a payment remark.
    pub rejects_remark_prob: f64,
    /// Chance of requiring permanent employment (or a pension).
    pub requires_permanent_prob: f64,
    /// Chance of rejecting an applicant without a reference from an earlier landlord.
    pub rejects_without_reference_prob: f64,
    /// Arrears, in months of rent, at which notice is given.
    pub notice_threshold_rent_months: f64,
}

impl Landlord {
    /// The landlord group of `kind` with the rules in `p`.
    pub fn from_params(kind: LandlordKind, p: &Params) -> Landlord {
        match kind {
            LandlordKind::Public => Landlord {
                kind,
                income_multiple: p.public_income_multiple,
                counts_assistance_prob: p.public_counts_assistance_prob,
                rejects_remark_prob: p.public_rejects_remark_prob,
                requires_permanent_prob: 0.0,
                rejects_without_reference_prob: p.public_rejects_without_reference_prob,
                notice_threshold_rent_months: p.notice_threshold_rent_months + p.public_extra_tolerance_rent_months,
            },
            LandlordKind::PrivateLarge | LandlordKind::PrivateSmall => Landlord {
                kind,
                income_multiple: if kind == LandlordKind::PrivateLarge {
                    p.private_large_income_multiple
                } else {
                    p.private_small_income_multiple
                },
                counts_assistance_prob: p.private_counts_assistance_prob,
                rejects_remark_prob: p.private_rejects_remark_prob,
                requires_permanent_prob: if kind == LandlordKind::PrivateLarge {
                    p.private_large_requires_permanent_prob
                } else {
                    p.private_small_requires_permanent_prob
                },
                rejects_without_reference_prob: p.private_rejects_without_reference_prob,
                notice_threshold_rent_months: p.notice_threshold_rent_months,
            },
        }
    }
}

/// What a landlord sees of an applicant.
#[derive(Clone, Copy, Debug)]
pub struct Applicant {
    /// Main income source.
    pub source: IncomeSource,
    /// Income from work, insurance or pension (no assistance, no allowance).
    pub earned_income: Sek,
    /// Housing allowance the household would get in this dwelling.
    pub allowance: Sek,
    /// Social assistance the household would get in this dwelling (0 if not on assistance).
    pub assistance: Sek,
    /// Has a payment remark.
    pub has_remark: bool,
    /// Currently owes rent or is in the eviction pipeline.
    pub in_arrears: bool,
    /// Has no recent reference from a landlord (in emergency accommodation,
    /// sleeping rough, or leaving an institution).
    pub no_reference: bool,
}

/// The reason a landlord turns an applicant down. Instruments may vouch for
/// some reasons (a rent guarantee covers remarks and low income, for instance).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rejection {
    /// Owes rent now.
    Arrears,
    /// Payment remark.
    Remark,
    /// No permanent employment.
    NotPermanent,
    /// Counted income below the required multiple of rent (incl. assistance not counted).
    Income,
    /// No reference from an earlier landlord.
    NoReference,
}

/// A landlord's rejection of an applicant for a dwelling, as the market
/// puts it to the instruments ([`crate::model::hooks::Instruments::vouch`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The applicant.
    pub household: HouseholdId,
    /// The landlord who rejected it.
    pub landlord: LandlordId,
    /// The dwelling applied for.
    pub dwelling: DwellingId,
    /// Why.
    pub reason: Rejection,
}

/// The outcome of screening.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The applicant gets the dwelling.
    Accept,
    /// The applicant is turned down, for the first reason found.
    Reject(Rejection),
}

impl Landlord {
    /// Screens `a` for a dwelling at `rent`. Draws from `d` for rules that
    /// apply with a probability. The checks run in a fixed order and each
    /// draws exactly one number, so the outcome for one applicant does not
    /// depend on how other applicants fared.
    pub fn screen(&self, a: &Applicant, rent: Sek, arrears_rejection_prob: f64, d: &mut Draw) -> Verdict {
        let u_arrears = d.uniform();
        let u_remark = d.uniform();
        let u_permanent = d.uniform();
        let u_assist = d.uniform();
        let u_reference = d.uniform();
        if a.in_arrears && u_arrears < arrears_rejection_prob {
            return Verdict::Reject(Rejection::Arrears);
        }
        if a.has_remark && u_remark < self.rejects_remark_prob {
            return Verdict::Reject(Rejection::Remark);
        }
        let secure = matches!(a.source, IncomeSource::Permanent | IncomeSource::Pension);
        if !secure && u_permanent < self.requires_permanent_prob {
            return Verdict::Reject(Rejection::NotPermanent);
        }
        let counts_benefits = u_assist < self.counts_assistance_prob;
        let counted = a.earned_income.0 as f64 + if counts_benefits { (a.allowance.0 + a.assistance.0) as f64 } else { 0.0 };
        if counted < self.income_multiple * rent.0 as f64 {
            return Verdict::Reject(Rejection::Income);
        }
        if a.no_reference && u_reference < self.rejects_without_reference_prob {
            return Verdict::Reject(Rejection::NoReference);
        }
        Verdict::Accept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Stream, Streams};

    fn applicant() -> Applicant {
        Applicant {
            source: IncomeSource::Permanent,
            earned_income: Sek(20_000),
            allowance: Sek(0),
            assistance: Sek(0),
            has_remark: false,
            in_arrears: false,
            no_reference: false,
        }
    }

    fn verdicts(l: &Landlord, a: &Applicant, rent: i32, n: u32) -> (u32, u32) {
        let s = Streams::new(1, 0);
        let accepted =
            (0..n).filter(|i| l.screen(a, Sek(rent), 1.0, &mut s.rng(Stream::Market, *i, 0, 0)) == Verdict::Accept).count() as u32;
        (accepted, n - accepted)
    }

    #[test]
    fn income_below_the_multiple_is_rejected() {
        let l = Landlord::from_params(LandlordKind::PrivateLarge, &Params::default());
        assert_eq!(verdicts(&l, &applicant(), 6_000, 200), (200, 0)); // 20000 >= 3 x 6000
        assert_eq!(verdicts(&l, &applicant(), 7_000, 200), (0, 200)); // 20000 < 3 x 7000
    }

    #[test]
    fn assistance_counts_only_where_the_landlord_counts_it() {
        let mut l = Landlord::from_params(LandlordKind::Public, &Params::default());
        let a = Applicant { source: IncomeSource::Assistance, earned_income: Sek(0), assistance: Sek(12_000), ..applicant() };
        l.counts_assistance_prob = 0.0;
        assert_eq!(verdicts(&l, &a, 4_000, 100).0, 0);
        l.counts_assistance_prob = 1.0;
        assert_eq!(verdicts(&l, &a, 4_000, 100).0, 100);
    }

    #[test]
    fn remark_rejection_happens_at_its_rate() {
        let l = Landlord { rejects_remark_prob: 0.7, ..Landlord::from_params(LandlordKind::Public, &Params::default()) };
        let a = Applicant { has_remark: true, ..applicant() };
        let (acc, _) = verdicts(&l, &a, 3_000, 4_000);
        // Expected 1200 accepted; SD about 29; 5 SD tolerance.
        assert!((acc as i64 - 1200).abs() < 145, "{acc}");
    }

    #[test]
    fn rejection_reason_is_reported() {
        let l = Landlord { requires_permanent_prob: 1.0, ..Landlord::from_params(LandlordKind::PrivateLarge, &Params::default()) };
        let a = Applicant { source: IncomeSource::Temporary, ..applicant() };
        let s = Streams::new(1, 0);
        assert_eq!(l.screen(&a, Sek(3000), 1.0, &mut s.rng(Stream::Market, 0, 0, 0)), Verdict::Reject(Rejection::NotPermanent));
    }
}
