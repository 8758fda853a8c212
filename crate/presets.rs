//! Presets: the places a run can simulate.
//!
//! The eight case municipalities of the main seed (002) come from
//! `data/municipalities-2012.csv` (population and tenure mix from SCB 2012,
//! executed evictions from Kronofogden 2013, homeless per 10,000 from
//! Socialstyrelsen 2011); the national preset "Sverige" from
//! `data/presets-national.csv`, whose row names its sources. Both files are
//! compiled into the library, so presets work in the browser too.

use serde::Serialize;

const MUNICIPALITIES_CSV: &str = include_str!("../data/municipalities-2012.csv");
const NATIONAL_CSV: &str = include_str!("../data/presets-national.csv");

/// One place: its size, tenure mix and the observed figures used as the
/// starting stock of homelessness and as calibration targets.
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
    /// Homeless persons per 10,000 residents (May 2011).
    pub homeless_per_10k: f64,
    /// Where the row comes from.
    pub source: String,
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

fn parse_row(fields: &[&str], source: &str) -> Preset {
    let pct = |s: &str| s.trim().parse::<f64>().expect("bundled preset file is valid") / 100.0;
    let num = |s: &str| s.trim().parse::<f64>().expect("bundled preset file is valid");
    Preset {
        id: id_of(fields[0].trim()),
        name: fields[0].trim().to_string(),
        population: num(fields[1]) as u32,
        rental_share: pct(fields[2]),
        coop_share: pct(fields[3]),
        owner_share: pct(fields[4]),
        executed_evictions: num(fields[5]) as u32,
        homeless_per_10k: num(fields[6]),
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

/// The national preset (Sverige): its homeless rate is the starting level
/// of every place's synthesised population (see `model::synth`).
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
}
