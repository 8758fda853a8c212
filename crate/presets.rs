//! Places a run can simulate: the nine presets and custom places.
//!
//! The eight case municipalities of the main seed (002) come from
//! `data/municipalities-2012.csv` (population and tenure mix from SCB 2012,
//! executed evictions from Kronofogden 2013, homeless per 10,000 from
//! Socialstyrelsen 2011); the national preset "Sverige" from
//! `data/presets-national.csv`, whose row names its sources. Each place is
//! further described by covariates (`data/places/covariates.csv`: foreign-born
//! share, social assistance, students, population growth, public vacancies,
//! the share of its homeless in situation 1), every cell with its value, the
//! national value it is compared with, year, source and a [`Flag`] saying
//! whether it was observed, derived, assumed, or is the national value
//! standing in for a missing one. All files are compiled into the library,
//! so presets work in the browser too.
//!
//! A custom place ([`crate::place::PlaceSpec`], from a place file or a
//! scenario's `[place]` table) becomes a [`Preset`] as well; what it leaves
//! out is the national value, flagged [`Flag::National`].
//!
//! Each preset also has its *recorded instruments*: the instrument mix seed
//! 002 describes for it, as written in its scenario file `scenarios/<id>.toml`
//! (windows counted from January 2011, every setting citing the seed). A run
//! that starts after 2011 lives through the years before its start with these
//! ([`crate::timeline`]); a custom place has none.

use serde::Serialize;

const MUNICIPALITIES_CSV: &str = include_str!("../data/municipalities-2012.csv");
const NATIONAL_CSV: &str = include_str!("../data/presets-national.csv");
const COVARIATES_CSV: &str = include_str!("../data/places/covariates.csv");

/// The presets' scenario files, compiled in: (preset id, file text). Their
/// `[[instruments]]` are the places' recorded instruments
/// ([`crate::policy::recorded_instruments`]).
pub const RECORDED: &[(&str, &str)] = &[
    ("sverige", include_str!("../scenarios/sverige.toml")),
    ("goteborg", include_str!("../scenarios/goteborg.toml")),
    ("jonkoping", include_str!("../scenarios/jonkoping.toml")),
    ("karlstad", include_str!("../scenarios/karlstad.toml")),
    ("norrkoping", include_str!("../scenarios/norrkoping.toml")),
    ("nynashamn", include_str!("../scenarios/nynashamn.toml")),
    ("sodertalje", include_str!("../scenarios/sodertalje.toml")),
    ("uppsala", include_str!("../scenarios/uppsala.toml")),
    ("vasteras", include_str!("../scenarios/vasteras.toml")),
];

/// The default run of preset `id` as a scenario file (TOML): its history
/// from 2011 with its recorded instruments, then ten years from January of
/// the data year with the same instruments going on, at its scenario file's
/// scale; `None` for an unknown id. `hemma run karlstad` runs this.
pub fn default_scenario(id: &str) -> Option<String> {
    let preset = find(id)?;
    let (_, text) = RECORDED.iter().find(|(p, _)| *p == preset.id)?;
    let scale = toml::from_str::<toml::Table>(text).ok()?.get("scale").and_then(|v| v.as_float()).unwrap_or(1.0);
    Some(format!(
        "name = \"{name}, from {year}\"\npreset = \"{id}\"\nscale = {scale}\nstart_year = {year}\nhorizon_months = 120\nseed = {year}\nreplications = 10\n",
        name = preset.name,
        id = preset.id,
        year = crate::timeline::DATA_YEAR,
    ))
}

/// Where a value of a place comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Read from a source as it stands.
    Observed,
    /// Computed from sources (the note says how).
    Derived,
    /// An assumption, with its reasoning in the source.
    Assumption,
    /// The place has no value: the national value stands in.
    National,
    /// Given by the user in a place file or the page.
    User,
}

impl Flag {
    /// The flag as written in `data/places/covariates.csv`.
    pub fn parse(s: &str) -> Option<Flag> {
        Some(match s.trim() {
            "observed" => Flag::Observed,
            "derived" => Flag::Derived,
            "assumption" => Flag::Assumption,
            "national" => Flag::National,
            "user" => Flag::User,
            _ => return None,
        })
    }

    /// The flag as a word.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Observed => "observed",
            Flag::Derived => "derived",
            Flag::Assumption => "assumption",
            Flag::National => "national",
            Flag::User => "user",
        }
    }
}

/// One covariate of one place.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// The place's value.
    pub value: f64,
    /// The national value of the same year and definition, for comparison.
    pub national: f64,
    /// Unit and definition.
    pub unit: String,
    /// Year or period the value refers to.
    pub year: String,
    /// Observed, derived, assumed, national stand-in or user-given.
    pub flag: Flag,
    /// Where it comes from (and how it was derived).
    pub source: String,
}

impl Cell {
    /// The place relative to the country (1 = like the country).
    pub fn index(&self) -> f64 {
        if self.national > 0.0 { self.value / self.national } else { 1.0 }
    }
}

/// The covariates that set a place's flows beyond its size and tenure mix
/// (how the model uses each: [`crate::place::apply_covariates`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Covariates {
    /// Share of residents born abroad, %.
    pub foreign_born_pct: Cell,
    /// Social assistance relative to the country (1 = national).
    pub assistance_index: Cell,
    /// Full-year university students per 1,000 residents.
    pub students_per_1000: Cell,
    /// Population growth, % per year.
    pub population_growth_pct: Cell,
    /// Public rentals vacant and available, %.
    pub public_vacancy_pct: Cell,
    /// Share of the homeless in situation 1 (acute), %.
    pub acute_share_pct: Cell,
}

/// Names of the covariates, in [`Covariates`] order (as in the data file).
pub const COVARIATE_NAMES: [&str; 6] =
    ["foreign_born_pct", "assistance_index", "students_per_1000", "population_growth_pct", "public_vacancy_pct", "acute_share_pct"];

impl Covariates {
    /// The cells in [`COVARIATE_NAMES`] order.
    pub fn cells(&self) -> [(&'static str, &Cell); 6] {
        [
            (COVARIATE_NAMES[0], &self.foreign_born_pct),
            (COVARIATE_NAMES[1], &self.assistance_index),
            (COVARIATE_NAMES[2], &self.students_per_1000),
            (COVARIATE_NAMES[3], &self.population_growth_pct),
            (COVARIATE_NAMES[4], &self.public_vacancy_pct),
            (COVARIATE_NAMES[5], &self.acute_share_pct),
        ]
    }

    /// Mutable cell by name.
    pub fn cell_mut(&mut self, name: &str) -> Option<&mut Cell> {
        Some(match name {
            "foreign_born_pct" => &mut self.foreign_born_pct,
            "assistance_index" => &mut self.assistance_index,
            "students_per_1000" => &mut self.students_per_1000,
            "population_growth_pct" => &mut self.population_growth_pct,
            "public_vacancy_pct" => &mut self.public_vacancy_pct,
            "acute_share_pct" => &mut self.acute_share_pct,
            _ => return None,
        })
    }

    /// The country's own covariates, as national stand-ins for a place that
    /// has no value (flag [`Flag::National`], source naming the national row).
    pub fn national_stand_ins() -> Covariates {
        let mut c = national().covariates;
        for name in COVARIATE_NAMES {
            let cell = c.cell_mut(name).expect("known name");
            cell.value = cell.national;
            cell.flag = Flag::National;
            cell.source = format!("national value ({})", cell.source);
        }
        c
    }
}

/// One place: its size, tenure mix, covariates and the observed figures of
/// its starting state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preset {
    /// Identifier used in scenario files (lowercase ASCII, e.g. `goteborg`).
    pub id: String,
    /// Name as written in Swedish, e.g. `Göteborg`.
    pub name: String,
    /// Residents.
    pub population: u32,
    /// Share of dwellings that are rentals.
    pub rental_share: f64,
    /// Share of dwellings that are tenant-owned (bostadsrätt).
    pub coop_share: f64,
    /// Share of dwellings that are owner-occupied.
    pub owner_share: f64,
    /// Executed evictions in the target year (2013; 2011 for Sverige).
    pub executed_evictions: u32,
    /// Whether `executed_evictions` is the place's own figure.
    pub evictions_flag: Flag,
    /// Homeless persons per 10,000 residents, as Socialstyrelsen counts them
    /// (adults: [`crate::model::homeless::counted_persons`]), in
    /// [`Preset::count_year`] (May 2011 for the presets).
    pub homeless_per_10k: f64,
    /// Whether `homeless_per_10k` is the place's own count.
    pub homeless_flag: Flag,
    /// The year of the count `homeless_per_10k`. A run starts in January
    /// 2011 from [`Preset::start_per_10k`] and, for a later year, is aligned
    /// with the count again in April of that year
    /// ([`crate::model::start`]).
    pub count_year: i32,
    /// Covariates, each with its source and flag.
    pub covariates: Covariates,
    /// Where the row comes from.
    pub source: String,
}

/// Socialstyrelsen's national counts, homeless persons (adults) per 10,000
/// residents: 34,000 in May 2011, 33,250 in April 2017 and 27,383 in April
/// 2023 (`data/evidence/homelessness_mappings.csv`; 2017 had fewer
/// municipalities taking part, 2023 a changed method).
pub const NATIONAL_COUNTS: [(i32, f64); 3] = [(2011, 36.0), (2017, 33.3), (2023, 26.0)];

/// The national count per 10,000 in `year`: linear between the counts of
/// [`NATIONAL_COUNTS`], the first before them and the last after.
pub fn national_count_per_10k(year: i32) -> f64 {
    let (first, last) = (NATIONAL_COUNTS[0], NATIONAL_COUNTS[NATIONAL_COUNTS.len() - 1]);
    if year <= first.0 {
        return first.1;
    }
    if year >= last.0 {
        return last.1;
    }
    let k = NATIONAL_COUNTS.windows(2).position(|w| year <= w[1].0).expect("inside the counts");
    let ((y0, v0), (y1, v1)) = (NATIONAL_COUNTS[k], NATIONAL_COUNTS[k + 1]);
    v0 + (v1 - v0) * (year - y0) as f64 / (y1 - y0) as f64
}

impl Preset {
    /// Homeless per 10,000 at the start of every run (January 2011): the
    /// place's count where it was made in 2011; for a count of a later
    /// year, that count moved back to 2011 as the country's count moved
    /// ([`national_count_per_10k`]; an assumption, stated in docs/odd.md
    /// §3.1), since the run is aligned with the count itself in its year.
    pub fn start_per_10k(&self) -> f64 {
        if self.count_year <= 2011 {
            self.homeless_per_10k
        } else {
            self.homeless_per_10k * national_count_per_10k(2011) / national_count_per_10k(self.count_year)
        }
    }
}

/// Turns a Swedish place name into its preset id: lowercase ASCII (å, ä → a; ö → o).
pub fn id_of(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c => c,
        })
        .collect()
}

/// Splits one CSV line into fields (double quotes around a field may hold commas).
pub(crate) fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    out.push(field);
    out
}

fn covariates_of(name: &str) -> Covariates {
    let mut cells: Vec<(String, Cell)> = Vec::new();
    for line in COVARIATES_CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f = csv_fields(line);
        if f[0] != name {
            continue;
        }
        let num = |s: &str| s.trim().parse::<f64>().expect("bundled covariates file is valid");
        let source = if f[8].trim().is_empty() { f[7].clone() } else { format!("{}; {}", f[7], f[8]) };
        cells.push((
            f[1].clone(),
            Cell {
                value: num(&f[2]),
                national: num(&f[3]),
                unit: f[4].clone(),
                year: f[5].clone(),
                flag: Flag::parse(&f[6]).expect("bundled covariates file has known flags"),
                source,
            },
        ));
    }
    let take = |key: &str| -> Cell {
        cells.iter().find(|(k, _)| k == key).map(|(_, c)| c.clone()).expect("every place has every covariate (tested)")
    };
    Covariates {
        foreign_born_pct: take("foreign_born_pct"),
        assistance_index: take("assistance_index"),
        students_per_1000: take("students_per_1000"),
        population_growth_pct: take("population_growth_pct"),
        public_vacancy_pct: take("public_vacancy_pct"),
        acute_share_pct: take("acute_share_pct"),
    }
}

fn parse_row(fields: &[&str], source: &str) -> Preset {
    let pct = |s: &str| s.trim().parse::<f64>().expect("bundled preset file is valid") / 100.0;
    let num = |s: &str| s.trim().parse::<f64>().expect("bundled preset file is valid");
    let name = fields[0].trim().to_string();
    Preset {
        id: id_of(&name),
        covariates: covariates_of(&name),
        name,
        population: num(fields[1]) as u32,
        rental_share: pct(fields[2]),
        coop_share: pct(fields[3]),
        owner_share: pct(fields[4]),
        executed_evictions: num(fields[5]) as u32,
        evictions_flag: Flag::Observed,
        homeless_per_10k: num(fields[6]),
        homeless_flag: Flag::Observed,
        count_year: 2011,
        source: source.to_string(),
    }
}

/// All presets: "Sverige" first, then the eight municipalities in file order.
pub fn all() -> Vec<Preset> {
    let mut out = Vec::new();
    for line in NATIONAL_CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        // The last column is a quoted source text that may contain commas.
        let (head, source) = line.split_once(",\"").expect("bundled preset file has a quoted source");
        let fields: Vec<&str> = head.split(',').collect();
        out.push(parse_row(&fields, source.trim_end_matches('"')));
    }
    for line in MUNICIPALITIES_CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        out.push(parse_row(
            &fields,
            "municipalities-2012.csv (002: SCB housing stock 31 Dec 2012; Kronofogden executed evictions 2013; Socialstyrelsen homeless count 2011)",
        ));
    }
    out
}

/// The national preset (Sverige): its values stand in where a place has none.
pub fn national() -> Preset {
    all().into_iter().next().expect("the national preset is bundled")
}

/// Finds a preset by id or by name (case-insensitive, å/ä/ö optional).
pub fn find(key: &str) -> Option<Preset> {
    let want = id_of(key.trim());
    all().into_iter().find(|p| p.id == want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_its_recorded_instruments_from_its_scenario_file() {
        for p in all() {
            let text = RECORDED.iter().find(|(id, _)| *id == p.id).map(|(_, t)| *t).expect("a scenario file per preset");
            assert!(text.contains("start_year = 2011"), "{}: the recorded windows count from January 2011", p.id);
        }
        let text = default_scenario("Karlstad").unwrap();
        assert!(text.contains("preset = \"karlstad\"") && text.contains("scale = 0.5") && text.contains("start_year = 2026"), "{text}");
        assert!(default_scenario("lund").is_none());
    }

    #[test]
    fn nine_presets_with_consistent_tenure_mix() {
        let all = all();
        assert_eq!(all.len(), 9);
        for p in &all {
            let total = p.rental_share + p.coop_share + p.owner_share;
            assert!((total - 1.0).abs() < 0.011, "{}: {total}", p.name);
            assert!(p.population > 10_000);
        }
    }

    #[test]
    fn found_by_name_or_id() {
        assert_eq!(find("Göteborg").unwrap().population, 526_089);
        assert_eq!(find("goteborg").unwrap().name, "Göteborg");
        assert_eq!(find("VÄSTERÅS").unwrap().id, "vasteras");
        assert_eq!(find("sverige").unwrap().homeless_per_10k, 36.0);
        assert!(find("Malmö").is_none());
    }

    #[test]
    fn every_place_has_every_covariate_with_a_source_and_national_stand_ins_are_the_national_value() {
        for p in all() {
            for (name, cell) in p.covariates.cells() {
                assert!(!cell.source.trim().is_empty(), "{} {name}", p.name);
                assert!(!cell.year.trim().is_empty(), "{} {name}", p.name);
                assert!(cell.value.is_finite() && cell.national > 0.0, "{} {name}", p.name);
                if cell.flag == Flag::National {
                    assert_eq!(cell.value, cell.national, "{} {name}: a stand-in is the national value", p.name);
                }
            }
        }
        assert_eq!(find("Uppsala").unwrap().covariates.students_per_1000.value, 126.0);
        assert_eq!(find("Karlstad").unwrap().covariates.students_per_1000.flag, Flag::National);
        let stand_ins = Covariates::national_stand_ins();
        assert!(stand_ins.cells().iter().all(|(_, c)| c.flag == Flag::National && c.value == c.national));
    }

    #[test]
    fn csv_fields_keep_commas_inside_quotes() {
        assert_eq!(csv_fields(r#"a,"b, c",d"#), vec!["a", "b, c", "d"]);
        assert_eq!(csv_fields(r#""say ""hi""",x"#), vec![r#"say "hi""#, "x"]);
    }

    #[test]
    fn the_national_count_is_read_in_its_years_and_interpolated_between() {
        assert_eq!(national_count_per_10k(2011), 36.0);
        assert_eq!(national_count_per_10k(2017), 33.3);
        assert_eq!(national_count_per_10k(2023), 26.0);
        assert_eq!(national_count_per_10k(2026), 26.0);
        assert!((national_count_per_10k(2014) - 34.65).abs() < 1e-9);
        let mut p = find("karlstad").unwrap();
        assert_eq!(p.start_per_10k(), 30.0, "a 2011 count is the start");
        p.count_year = 2023;
        p.homeless_per_10k = 26.0;
        assert_eq!(p.start_per_10k(), 36.0, "a later count moved back as the country's moved");
    }
}
