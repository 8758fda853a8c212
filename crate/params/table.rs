//! The rows of the parameter table. This file is declarative data: one
//! `name: default, unit, min, max, kind, description, source;` row per parameter.
//! Everything else about parameters is generated from it (see the module docs).
//!
//! Sources cite files under `data/` by name and row (`file.csv: row`), copied
//! from the project's evidence folder, or say "assumption" with the reasoning.

use super::{Kind, ParamSpec};

macro_rules! param_table {
    ($( $name:ident : $default:expr, $unit:expr, $min:expr, $max:expr, $kind:ident,
        $desc:expr, $source:expr; )*) => {
        /// Every model parameter as a typed field (units in the table and docs).
        /// Build with `Params::default()` and change with [`Params::set`].
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        pub struct Params {
            $( #[doc = $desc] pub $name: f64, )*
        }

        impl Default for Params {
            fn default() -> Self {
                Params { $( $name: $default, )* }
            }
        }

        /// Every model parameter as a name the compiler checks: code that
        /// refers to a parameter (the consistency checks, the state levers)
        /// names it as `Param::x`, so a renamed row fails to compile instead of
        /// being skipped. `Param::x as usize` is its row in the table.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(usize)]
        pub enum Param { $( #[doc = $desc] $name, )* }

        impl Params {
            /// The value of parameter `p`.
            pub fn value(&self, p: Param) -> f64 {
                match p { $( Param::$name => self.$name, )* }
            }
            pub(super) fn value_mut(&mut self, p: Param) -> &mut f64 {
                match p { $( Param::$name => &mut self.$name, )* }
            }
        }

        impl Param {
            /// Every parameter, in table order.
            pub const ALL: &'static [Param] = &[$( Param::$name, )*];
        }

        pub(super) const SPECS: &[ParamSpec] = &[
            $( ParamSpec { name: stringify!($name), default: $default, unit: $unit, min: $min,
                max: $max, kind: Kind::$kind, description: $desc, source: $source }, )*
        ];
    };
}

param_table! {
    // ---- Population synthesis --------------------------------------------
    share_single_adult: 0.40, "share", 0.0, 1.0, Assumption,
        "Share of households that are one adult without children.",
        "assumption: rounded so that mean household size is about 2.1–2.2 persons (parameters_misc.csv: Households in Sweden, 2.19 persons)";
    share_single_parent: 0.07, "share", 0.0, 1.0, Assumption,
        "Share of households that are one adult with children.",
        "assumption: rounded from SCB household statistics (not in data/)";
    share_couple_with_children: 0.24, "share", 0.0, 1.0, Assumption,
        "Share of households that are two adults with children (the rest are couples without children).",
        "assumption: rounded from SCB household statistics (not in data/)";
    mean_children_in_family: 1.75, "children", 1.0, 4.0, Assumption,
        "Mean number of children in a household with children (1 + Poisson).",
        "assumption: typical Swedish family size";
    share_young_head: 0.08, "share", 0.0, 0.5, Assumption,
        "Share of households whose head is 18–25 years old.",
        "assumption";
    share_senior_head: 0.25, "share", 0.0, 0.6, Assumption,
        "Share of households whose head is 65 or older (income source: pension).",
        "assumption: about a quarter of Swedish households are pensioner households";
    share_needs_substance: 0.012, "share", 0.0, 0.2, Assumption,
        "Share of adult households with a substance-use problem (support need).",
        "assumption: order of magnitude from the seeds' description of the traditional homeless group (002)";
    share_needs_psychiatric: 0.02, "share", 0.0, 0.2, Assumption,
        "Share of adult households with a psychiatric or neuropsychiatric disability (support need).",
        "assumption: 002 names this group as growing among those needing help";
    share_needs_violence: 0.004, "share", 0.0, 0.1, Assumption,
        "Share of households exposed to violence in a close relationship at the start (more arise through separations).",
        "assumption: 002 names the group; no count in data/";
    share_newly_arrived: 0.01, "share", 0.0, 0.2, Assumption,
        "Share of households that are newly arrived refugees at the start.",
        "assumption";
    initial_payment_remark_share: 0.06, "share of adults", 0.0, 0.5, Empirical,
        "Share of adults with a payment remark (betalningsanmärkning) at the start.",
        "parameters_misc.csv: Adults with payment remark, 460000 (6%), Q1 2017";
    initial_vacancy_rate: 0.011, "share of rentals", 0.0, 0.1, Empirical,
        "Share of rental dwellings vacant and available at the start.",
        "rental_vacancies_scb.csv: 2011, 16128 available of about 1.5 million rentals";
    public_share_of_rentals: 0.47, "share", 0.0, 1.0, Empirical,
        "Share of rental dwellings owned by the public housing company (allmännytta).",
        "parameters_misc.csv: Apartments by owner 2020, allmännytta 27% of 27+22+9% rental";
    large_share_of_private_rentals: 0.7, "share", 0.0, 1.0, Empirical,
        "Share of private rentals owned by large landlords (companies) rather than small ones.",
        "parameters_misc.csv: Apartments by owner 2020, companies 22% vs persons+other 9%";

    // ---- Demography ------------------------------------------------------
    separation_rate_per_year: 0.02, "per year", 0.0, 0.2, Assumption,
        "Rate at which a couple household separates into two households.",
        "assumption: divorces (parameters_misc.csv: 25100 in 2013) are about 1.1% of couples a year; doubled for cohabitants";
    partnering_rate_per_year: 0.06, "per year", 0.0, 0.5, Assumption,
        "Rate at which a single adult under 60 moves in with a partner (two households merge into one).",
        "assumption: set so that the share of couples stays roughly stable against separations and young adults leaving home";
    separation_leaver_no_home_share: 0.08326, "share", 0.0, 1.0, Calibrated,
        "Share of partners leaving a separation without the means for a sublet who stay with friends or family (situation 4) while searching.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    out_migration_rate_per_year: 0.035, "per year", 0.0, 0.3, Assumption,
        "Rate at which a household moves out of the municipality.",
        "assumption: part of the 12% moving per year (parameters_misc.csv: Population moving per year)";
    population_growth_per_year: 0.008, "per year", -0.05, 0.05, Assumption,
        "Target growth of the number of households: in-migration fills the gap between this growth and the natural change (formations minus departures and dissolutions).",
        "assumption: Swedish population growth around 2012 was close to 0.8% a year";
    newly_arrived_share_of_in_migrants: 0.12, "share", 0.0, 1.0, Assumption,
        "Share of in-migrating households that are newly arrived refugees.",
        "assumption";
    separation_violence_share: 0.1, "share", 0.0, 1.0, Assumption,
        "Share of separations in which the leaving partner is exposed to violence in a close relationship and takes the children.",
        "assumption: 002 names violence in close relationships as a reason for needing housing after a separation";
    newly_arrived_no_home_share: 0.3493, "share", 0.0, 1.0, Calibrated,
        "Share of newly arrived households who first stay with friends or family (situation 4) rather than in a sublet.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    child_leaves_home_rate_per_year: 0.055, "per child and year", 0.0, 0.3, Assumption,
        "Rate at which a child leaves home to form a young-adult household.",
        "assumption: about one in 18 children a year";
    young_leaver_no_home_share: 0.03492, "share", 0.0, 1.0, Calibrated,
        "Share of young adults leaving home who end up staying with friends or family (situation 4) rather than searching from the parental home.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    birth_rate_per_year: 0.18, "per year", 0.0, 0.5, Assumption,
        "Rate of births in households with at least one adult whose head is under 45.",
        "assumption: set so that the number of children is roughly stationary";
    mortality_at_65_per_year: 0.011, "per year", 0.0, 0.1, Assumption,
        "Annual death rate of a household head at age 65 (Gompertz).",
        "assumption: Swedish life tables, rounded";
    mortality_doubling_years: 8.0, "years", 4.0, 15.0, Assumption,
        "Years over which the death rate doubles (Gompertz slope).",
        "assumption: standard Gompertz slope for Sweden";

    // ---- Income ------------------------------------------------------------
    income_permanent_sek_month: 20000.0, "SEK/month", 5000.0, 80000.0, Assumption,
        "Median disposable income of an adult in permanent employment.",
        "assumption: SCB household income statistics 2012, rounded (not in data/)";
    income_temporary_sek_month: 14500.0, "SEK/month", 3000.0, 60000.0, Assumption,
        "Median disposable income of an adult in temporary employment.",
        "assumption";
    income_unemployment_sek_month: 11500.0, "SEK/month", 2000.0, 40000.0, Assumption,
        "Median disposable income of an adult on unemployment benefit.",
        "assumption: a-kassa at 70–80% of earlier income, capped";
    income_sickness_sek_month: 10500.0, "SEK/month", 2000.0, 40000.0, Assumption,
        "Median disposable income of an adult on sickness or activity compensation.",
        "assumption";
    income_pension_sek_month: 13000.0, "SEK/month", 3000.0, 60000.0, Assumption,
        "Median disposable income of a pensioner.",
        "assumption";
    income_dispersion_sd_log: 0.3, "log SEK", 0.0, 1.5, Assumption,
        "Standard deviation of the logarithm of a household's earning capacity around the medians.",
        "assumption";
    exit_rate_permanent_per_year: 0.05, "per year", 0.0, 1.0, Assumption,
        "Rate of leaving a permanent job.",
        "assumption";
    exit_rate_temporary_per_year: 0.7, "per year", 0.0, 4.0, Assumption,
        "Rate at which a temporary job ends.",
        "assumption: many temporary contracts last months, not years";
    exit_rate_unemployment_per_year: 1.0, "per year", 0.0, 6.0, Assumption,
        "Rate of leaving unemployment (to a job, or to social assistance when benefit ends).",
        "assumption";
    exit_rate_sickness_per_year: 0.25, "per year", 0.0, 4.0, Assumption,
        "Rate of leaving sickness or activity compensation.",
        "assumption";
    exit_rate_assistance_per_year: 0.7, "per year", 0.0, 4.0, Assumption,
        "Rate of leaving social assistance (försörjningsstöd).",
        "assumption: most spells last under a year";
    temporary_to_permanent_share: 0.35, "share", 0.0, 1.0, Assumption,
        "Share of ended temporary jobs followed by a permanent job (else a new temporary job half the time, else unemployment).",
        "assumption";
    job_exit_to_sickness_share: 0.15, "share", 0.0, 1.0, Assumption,
        "Share of job exits that go to sickness compensation rather than unemployment.",
        "assumption";
    support_needs_job_barrier: 0.5652, "share", 0.0, 1.0, Calibrated,
        "Share of the jobs that would start for a household with substance use or psychiatric support needs that do not (it stays on sickness compensation or goes to social assistance).",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    reemployment_permanent_share: 0.3, "share", 0.0, 1.0, Assumption,
        "Share of re-employments that are permanent (else temporary).",
        "assumption";
    unemployment_to_assistance_share: 0.25, "share", 0.0, 1.0, Assumption,
        "Share of unemployment exits that are to social assistance (benefit ends or never qualified).",
        "assumption";
    initial_share_temporary: 0.12, "share of working-age", 0.0, 1.0, Assumption,
        "Initial share of working-age households whose main income is a temporary job.",
        "assumption";
    initial_share_unemployment: 0.06, "share of working-age", 0.0, 1.0, Assumption,
        "Initial share of working-age households on unemployment benefit.",
        "assumption";
    initial_share_sickness: 0.07, "share of working-age", 0.0, 1.0, Assumption,
        "Initial share of working-age households on sickness or activity compensation.",
        "assumption";
    initial_share_assistance: 0.05, "share of working-age", 0.0, 1.0, Assumption,
        "Initial share of working-age households on social assistance.",
        "assumption";
    living_cost_first_adult_sek_month: 5200.0, "SEK/month", 1000.0, 20000.0, Assumption,
        "Necessary living costs of the first adult (the level social assistance tops up to, besides rent).",
        "assumption: riksnorm 2012 plus common household costs, rounded";
    living_cost_extra_adult_sek_month: 3600.0, "SEK/month", 0.0, 15000.0, Assumption,
        "Necessary living costs of each further adult.",
        "assumption";
    living_cost_child_sek_month: 2600.0, "SEK/month", 0.0, 10000.0, Assumption,
        "Necessary living costs of each child.",
        "assumption";
    living_cost_flex_share: 0.25, "share", 0.0, 0.9, Assumption,
        "Share of living costs a household in deficit can cut before it misses rent.",
        "assumption: the norm is a reasonable level, not a hard floor";
    assistance_norm_scale: 1.0, "factor", 0.5, 2.0, Policy,
        "State lever: what social assistance guarantees besides rent, as a multiple of the living costs above (also the threshold for applying).",
        "policy (1 = the 2012 norm)";
    housing_allowance_max_sek_month: 2600.0, "SEK/month", 0.0, 10000.0, Policy,
        "State lever: largest housing allowance (bostadsbidrag) for families with children and adults under 29.",
        "assumption: order of the 2012 rules, simplified";
    housing_allowance_income_limit_sek_month: 9750.0, "SEK/month", 0.0, 40000.0, Policy,
        "Income above which the housing allowance is reduced.",
        "assumption: 117000 SEK a year for a single applicant in the 2012 rules";
    housing_allowance_taper: 0.2, "share", 0.0, 1.0, Policy,
        "Reduction of the housing allowance per krona of income above the limit.",
        "assumption: 20% in the 2012 rules";
    savings_rate: 0.1, "share", 0.0, 0.5, Assumption,
        "Share of a positive monthly budget surplus that is saved (the rest is spent).",
        "assumption";
    initial_savings_income_months: 1.5, "months of income", 0.0, 24.0, Assumption,
        "Median savings buffer at the start, in months of income (households not on assistance).",
        "assumption";
    initial_savings_sd_log: 1.5, "log SEK", 0.0, 3.0, Assumption,
        "Dispersion of the initial savings buffer.",
        "assumption";
    shock_rate_per_year: 0.3038, "per year", 0.0, 5.0, Calibrated,
        "Rate of unexpected expenses or illness episodes that cost money or a missed rent.",
        "calibrated (data/calibration/fitted-2026-12-01.toml, 2026-12-01): the second fit, to the targets of that date (data/calibration/targets.toml in the history); kept in the third and fourth fits";
    shock_size_income_months: 0.3288, "months of income", 0.0, 6.0, Calibrated,
        "Median size of a shock, in months of household income (log-normal).",
        "calibrated (data/calibration/fitted-2026-12-01.toml, 2026-12-01): the second fit, to the targets of that date (data/calibration/targets.toml in the history); kept in the third and fourth fits";
    shock_sd_log: 0.9, "log SEK", 0.0, 3.0, Assumption,
        "Dispersion of shock sizes.",
        "assumption";
    shock_debt_remark_living_months: 3.416, "months of living costs", 0.0, 24.0, Calibrated,
        "A shock that savings cannot cover and that exceeds this many months of a single adult's living costs becomes a debt at Kronofogden with a payment remark (households not paying rent; tenants get arrears instead).",
        "calibrated (data/calibration/fitted-2026-12-01.toml, 2026-12-01): the second fit, to the targets of that date (data/calibration/targets.toml in the history); kept in the third and fourth fits";
    assistance_takeup_share: 0.75, "share", 0.0, 1.0, Assumption,
        "Share of households whose income falls below need who apply for social assistance.",
        "assumption";
    assistance_takeup_delay_months: 2.0, "months", 0.0, 12.0, Assumption,
        "Months between the income falling below need and assistance starting (arrears can build up meanwhile).",
        "assumption";

    // ---- Arrears and the Kronofogden pipeline ---------------------------
    notice_threshold_rent_months: 1.0, "months of rent", 0.25, 6.0, Assumption,
        "Arrears, in months of rent, at which a landlord gives notice (uppsägning); social services are told.",
        "assumption: the law allows notice after a week's delay; landlords usually act within one or two rents";
    public_extra_tolerance_rent_months: 0.5, "months of rent", 0.0, 6.0, Assumption,
        "Extra arrears the public housing company tolerates before notice.",
        "assumption: 002 describes public companies contacting tenants before acting";
    notice_to_payment_order_months: 1.0, "months", 0.0, 12.0, Assumption,
        "Months from notice to the landlord's application for a payment order with eviction (betalningsföreläggande).",
        "assumption";
    payment_order_to_application_months: 2.0, "months", 1.0, 12.0, Assumption,
        "Months from payment order to the eviction application (decision to evict).",
        "assumption";
    application_to_execution_months: 2.0, "months", 1.0, 12.0, Assumption,
        "Months from eviction application to execution by Kronofogden.",
        "assumption";
    settle_rate_notice_per_month: 0.2985, "per month", 0.0, 1.0, Calibrated,
        "Monthly chance that a household under notice pays or settles its arrears (family, assistance, payment plan).",
        "calibrated (data/calibration/fitted-2026-12-01.toml, 2026-12-01): the second fit, to the targets of that date (data/calibration/targets.toml in the history); kept in the third and fourth fits";
    settle_rate_payment_order_per_month: 0.3142, "per month", 0.0, 1.0, Calibrated,
        "Monthly chance that a household with a payment order settles before the eviction application.",
        "calibrated (data/calibration/fitted-2026-12-01.toml, 2026-12-01): the second fit, to the targets of that date (data/calibration/targets.toml in the history); kept in the third and fourth fits";
    settle_rate_application_per_month: 0.4548, "per month", 0.0, 1.0, Calibrated,
        "Monthly chance that an eviction application is withdrawn because the debt is paid or settled.",
        "calibrated (data/calibration/fitted-2026-12-01.toml, 2026-12-01): the second fit, to the targets of that date (data/calibration/targets.toml in the history); kept in the third and fourth fits";
    settle_factor_support_needs: 0.5, "factor", 0.0, 1.0, Assumption,
        "Multiplier on the chances to settle for households with substance-use or psychiatric needs.",
        "assumption";
    settle_factor_families: 3.36, "factor", 1.0, 10.0, Calibrated,
        "Multiplier on the chances to settle for households with children (social services give priority to children; the monthly chance is capped at 0.95).",
        "calibrated (data/calibration/fitted-2026-12-01.toml, 2026-12-01): the second fit, to the targets of that date (data/calibration/targets.toml in the history); kept in the third and fourth fits";
    move_under_threat_rate_per_month: 0.07508, "per month", 0.0, 1.0, Calibrated,
        "Monthly chance that a household under notice or payment order moves out 'voluntarily'.",
        "calibrated (data/calibration/fitted-2026-12-01.toml, 2026-12-01): the second fit, to the targets of that date (data/calibration/targets.toml in the history); kept in the third and fourth fits";
    disturbance_eviction_rate_per_year: 0.002328, "per year", 0.0, 0.1, Calibrated,
        "Rate of eviction applications for reasons other than arrears (disturbance), among tenants with support needs.",
        "calibrated (data/calibration/fitted-2026-12-01.toml, 2026-12-01): the second fit, to the targets of that date (data/calibration/targets.toml in the history); kept in the third and fourth fits";
    remark_duration_months: 36.0, "months", 0.0, 120.0, Empirical,
        "Months a payment remark remains after the debt is settled.",
        "law: kreditupplysningslagen, three years (002 describes how remarks work)";
    enforcement_debt_repay_rate_per_year: 0.5, "per year", 0.0, 5.0, Assumption,
        "Rate at which a debt registered at Kronofogden is repaid (then the remark runs its three years).",
        "assumption: kronofogden_debtors.csv shows long-lived registers; parameters_misc.csv: 32% in register 10+ years";
    evicted_to_shelter_share: 0.35, "share", 0.0, 1.0, Assumption,
        "Share of evicted or displaced single adults with nowhere to go who end in emergency accommodation (situation 1).",
        "assumption";
    evicted_to_rough_share: 0.15, "share", 0.0, 1.0, Assumption,
        "Share of evicted or displaced single adults with support needs who sleep rough (families never do in the model).",
        "assumption";
    family_to_shelter_share: 0.5, "share", 0.0, 1.0, Assumption,
        "Share of evicted families with children placed in emergency accommodation (the rest stay with friends or family).",
        "assumption: 002 describes social services arranging emergency housing for families";

    // ---- Institutions ------------------------------------------------------
    institution_entry_rate_per_year: 0.04859, "per year", 0.0, 0.5, Calibrated,
        "Rate of institution stays (prison, treatment, care) that end the tenancy, among adults with support needs.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    institution_stay_months: 9.0, "months", 1.0, 60.0, Assumption,
        "Mean length of such a stay.",
        "assumption";
    institution_due_window_months: 3.0, "months", 1.0, 12.0, Empirical,
        "A person in an institution counts as homeless (situation 2) in the last months before release with no home.",
        "Socialstyrelsen's definition: due to leave within three months (homelessness_national_sweden.csv source)";

    // ---- Moves between homeless situations ---------------------------------
    friends_breakdown_rate_per_year: 0.5236, "per year", 0.0, 12.0, Calibrated,
        "Rate at which an arrangement with friends or family breaks down (situation 4 to 1, or rough for singles with needs).",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    shelter_to_friends_rate_per_year: 1.567, "per year", 0.0, 12.0, Calibrated,
        "Rate of moving from emergency accommodation to friends or family.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    rough_to_shelter_rate_per_year: 1.5, "per year", 0.0, 12.0, Assumption,
        "Rate at which a rough sleeper gets a shelter place.",
        "assumption: 280 rough sleepers vs 4500 in situation 1 (homelessness_national_sweden.csv, 2011) implies short spells";
    homeless_leave_rate_per_year: 0.5598, "per year", 0.0, 2.0, Calibrated,
        "Extra rate at which homeless households without a dwelling (situations 1, 2 and 4) leave the municipality.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";

    sublet_rent_premium: 0.3, "share", 0.0, 3.0, Assumption,
        "Rent of a private sublet above the first-hand rent of a comparable one-to-two-room flat.",
        "assumption";
    sublet_access_share: 0.9, "share", 0.0, 1.0, Assumption,
        "Chance that a household that can afford a private sublet finds one when it loses its home.",
        "assumption";
    threat_move_sublet_share: 0.6, "share", 0.0, 1.0, Assumption,
        "Share of households moving out under threat of eviction who arrange a sublet or lodging with a contract (the rest are displaced like evicted households).",
        "assumption: a 'voluntary' move is often a planned one";
    sublet_end_rate_per_year: 0.25, "per year", 0.0, 6.0, Assumption,
        "Rate at which a private sublet ends (sublets are mostly time-limited).",
        "assumption";

    // ---- Housing market --------------------------------------------------
    move_wish_rate_per_year: 0.07, "per year", 0.0, 0.5, Assumption,
        "Rate at which a housed household starts searching for another dwelling.",
        "assumption: about a tenth of rental and co-op dwellings change household a year (parameters_misc.csv)";
    search_give_up_months: 12.0, "months", 1.0, 60.0, Assumption,
        "Months after which a housed household stops searching.",
        "assumption";
    applicants_screened_per_vacancy: 12.0, "applicants", 1.0, 100.0, Assumption,
        "Largest number of applicants a landlord screens for one vacancy before leaving it for next month.",
        "assumption";
    queue_registered_share: 0.8, "share", 0.0, 1.0, Assumption,
        "Share of households whose head is registered in the public companies' housing queue (bostadskö); the public company offers its vacancies longest registration first.",
        "assumption: queues are open to all from 18 and most adults in the larger towns are registered (Boplats Göteborg, Uppsala bostadsförmedling); queue times at letting of 4-7 years in the eight towns (data/evidence/queue_times_sweden.csv) are checked in validation, not fitted";
    queue_registered_share_support_needs: 0.3, "share", 0.0, 1.0, Assumption,
        "Share of households with substance-use or psychiatric support needs registered in the queue (an active registration needs yearly renewal).",
        "assumption: services report that few of the homeless with support needs hold an active place in the queue (data/evidence/screening_rules_sweden.csv, queue_times_sweden.csv)";
    queue_registration_delay_years: 5.0, "years", 0.0, 40.0, Assumption,
        "Mean years after the head's 18th birthday before registering in the queue (exponential).",
        "assumption: many register at 18, others when they first need a flat";
    new_production_per_1000_residents_per_year: 4.0, "per 1000 residents and year", 0.0, 20.0, Policy,
        "Dwellings completed per year per 1000 residents (split by the preset's tenure mix).",
        "set for every place from its covariates (crate/place.rs): the completions that keep pace with its household growth plus demolitions, so that the market's balance is held when nothing changes; this default (4.0) applies only before that. For comparison, parameters_misc.csv: completions 42441 in 2016 (4.3 per 1000 residents); starts 48581-64083 (2017-2021)";
    demolition_rate_per_year: 0.001, "per year", 0.0, 0.05, Assumption,
        "Share of dwellings demolished or converted per year (vacant ones only).",
        "assumption";
    new_production_rent_premium: 0.35, "share", 0.0, 2.0, Assumption,
        "Rent of newly built rentals above the existing stock's (002: new production comes with higher rents).",
        "assumption";
    rent_base_sek_month: 2400.0, "SEK/month", 500.0, 10000.0, Assumption,
        "Rent component independent of size (2012 level).",
        "assumption: about 5000 SEK for two rooms";
    rent_per_room_sek_month: 1300.0, "SEK/month", 200.0, 5000.0, Assumption,
        "Rent per room (2012 level).",
        "assumption";
    rent_dispersion_sd_log: 0.15, "log SEK", 0.0, 1.0, Assumption,
        "Dispersion of rents around the size-based level.",
        "assumption";
    public_income_multiple: 2.5, "× rent", 0.0, 6.0, Empirical,
        "Income the public company requires, as a multiple of rent.",
        "parameters_misc.csv: 28% of municipal housing companies require 3x rent (2016); others less";
    private_large_income_multiple: 3.0, "× rent", 0.0, 6.0, Empirical,
        "Income large private landlords require, as a multiple of rent.",
        "002 (Nynäshamn section): a large private landlord requires a gross income of three times the rent";
    private_small_income_multiple: 2.5, "× rent", 0.0, 6.0, Assumption,
        "Income small private landlords require, as a multiple of rent.",
        "assumption";
    public_counts_assistance_prob: 0.5, "probability", 0.0, 1.0, Empirical,
        "Chance that the public company counts social assistance and housing allowance as income.",
        "parameters_misc.csv: about half of municipal housing companies do not count benefits as income (2016)";
    private_counts_assistance_prob: 0.2, "probability", 0.0, 1.0, Assumption,
        "Chance that a private landlord counts social assistance as income.",
        "assumption: 002 describes private landlords as stricter";
    public_rejects_remark_prob: 0.7, "probability", 0.0, 1.0, Assumption,
        "Chance that the public company rejects an applicant with a payment remark.",
        "assumption: 002 describes case-by-case exceptions at public companies";
    private_rejects_remark_prob: 0.95, "probability", 0.0, 1.0, Assumption,
        "Chance that a private landlord rejects an applicant with a payment remark.",
        "assumption: 002 (Nynäshamn section): no remarks accepted";
    private_large_requires_permanent_prob: 0.6, "probability", 0.0, 1.0, Assumption,
        "Chance that a large private landlord requires permanent employment or a pension.",
        "assumption: 002 (Nynäshamn section) gives an example landlord that does";
    private_small_requires_permanent_prob: 0.3, "probability", 0.0, 1.0, Assumption,
        "Chance that a small private landlord requires permanent employment or a pension.",
        "assumption";
    public_rejects_without_reference_prob: 0.3, "probability", 0.0, 1.0, Assumption,
        "Chance that the public company rejects an applicant without a reference from an earlier landlord (in emergency accommodation, sleeping rough or leaving an institution).",
        "assumption: 002 (Nynäshamn section) names missing references as a reason for refusal";
    private_rejects_without_reference_prob: 0.6, "probability", 0.0, 1.0, Assumption,
        "Chance that a private landlord rejects an applicant without a reference from an earlier landlord.",
        "assumption: 002 (Nynäshamn section)";
    rejects_current_arrears: 1.0, "probability", 0.0, 1.0, Assumption,
        "Chance that a landlord rejects an applicant who owes rent or is in the eviction pipeline.",
        "assumption";
    owner_entry_income_sek_month: 28000.0, "SEK/month", 0.0, 200000.0, Assumption,
        "Household income needed to buy an owner-occupied or tenant-owned dwelling.",
        "assumption";
    owner_price_relax_per_month: 0.1, "per month", 0.0, 1.0, Assumption,
        "How fast the income and savings needed to buy a vacant owned dwelling fall per month it stays unsold (prices adjust; floor 20% of the requirement).",
        "assumption: a stand-in for price adjustment, which the model does not otherwise represent";
    unsold_to_rental_months: 6.0, "months", 1.0, 120.0, Assumption,
        "Months after which an owned dwelling that has not sold is let out as a private rental instead.",
        "assumption: unsold flats are let rather than left empty";
    owner_entry_savings_sek: 150000.0, "SEK", 0.0, 5000000.0, Assumption,
        "Savings needed for the down payment on an owner-occupied or tenant-owned dwelling.",
        "assumption: 15% down payment rule (2010) on a modest flat";

    // ---- How a place's covariates set its flows (crate/place.rs) ----------
    covariate_newly_arrived_elasticity: 1.377, "elasticity", 0.0, 3.0, Calibrated,
        "Elasticity of the shares of newly arrived (among residents and in-migrants) with respect to the place's foreign-born share relative to Sweden's.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    covariate_assistance_elasticity: 1.31, "elasticity", 0.0, 3.0, Calibrated,
        "Elasticity of the initial shares on social assistance and unemployment benefit with respect to the place's social assistance relative to Sweden's.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    student_households_per_student: 0.5608, "households/student", 0.0, 2.0, Calibrated,
        "Young-adult households (head 18-25) added per university student above the national rate of students per resident.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    covariate_vacancy_elasticity: 0.4648, "elasticity", 0.0, 2.0, Calibrated,
        "Elasticity of the initial vacancy rate of rentals with respect to the place's public vacancy rate relative to Sweden's (clamped to a tenth to ten times).",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";
    covariate_acute_elasticity: 1.077, "elasticity", 0.0, 3.0, Calibrated,
        "Elasticity of the time spent in emergency accommodation (one over shelter_to_friends_rate_per_year) with respect to the place's share of its homeless in situation 1 relative to Sweden's.",
        "calibrated (data/calibration/fitted.toml, 2026-12-06): fitted to the targets in data/calibration/targets.toml";

    // ---- Costs and run settings ------------------------------------------
    emergency_cost_sek_night: 1100.0, "SEK/person-night", 0.0, 5000.0, Empirical,
        "Cost of one night in emergency accommodation (akutboende).",
        "costs_sweden.csv: Emergency accommodation per night, 1100 SEK, Helsingborg ~2018";
    burn_in_months: 24.0, "months", 0.0, 240.0, Assumption,
        "Months simulated before the scenario's start year and not reported, so that stocks settle from their synthesised start.",
        "assumption";
}
