//! The validation report: every target with the model's median and P5–P95
//! over replications, the relative error of the median, and whether it
//! meets its goal — as Markdown (`docs/validation.md`) and as an SVG plot
//! (`docs/validation.svg`), and per place as JSON (`docs/validation.json`,
//! which the dashboard shows as "How well does the model fit?"). Rendering
//! only; the numbers come from the shell.

use serde::Serialize;
use std::fmt::Write as _;

/// One target's outcome.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetResult {
    /// Identifier.
    pub id: String,
    /// The run (a preset's id) whose place the target is about.
    pub run: String,
    /// Label.
    pub label: String,
    /// Group (a heading in the report).
    pub group: String,
    /// Observed value.
    pub observed: f64,
    /// Model median over replications.
    pub median: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest relative error of the median that meets the goal.
    pub goal: f64,
    /// Source of the observed value.
    pub source: String,
}

impl TargetResult {
    /// `median / observed − 1`.
    pub fn relative_error(&self) -> f64 {
        self.median / self.observed - 1.0
    }

    /// Whether the median lies within the goal.
    pub fn meets_goal(&self) -> bool {
        self.relative_error().abs() <= self.goal + 1e-12
    }
}

/// Why a place looks as it does: its start, its ten-year drift with nothing
/// changed, its flows at the start and the covariates that set them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceSummary {
    /// The run's id (a preset's id).
    pub id: String,
    /// Place name.
    pub name: String,
    /// Homeless per 10,000 counted (May 2011).
    pub observed: f64,
    /// Model, first reported month (mean over replications).
    pub start: f64,
    /// Model, mean of the tenth year (mean over replications).
    pub year_ten: f64,
    /// Entries into homelessness in the first year, households per 10,000 residents.
    pub entries_per_10k: f64,
    /// Exits from homelessness to housing in the first year, households per 10,000 residents.
    pub exits_per_10k: f64,
    /// Entries by pathway in the first year: (pathway, share of entries), largest first.
    pub pathways: Vec<(String, f64)>,
    /// The covariates that differ from the national value, in words.
    pub covariates: String,
}

impl PlaceSummary {
    /// `year_ten / start − 1`.
    pub fn drift(&self) -> f64 {
        self.year_ten / self.start - 1.0
    }
}

/// Everything the report shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// hemma version that produced it.
    pub version: String,
    /// Where the parameter defaults come from (e.g. the calibration file and its date).
    pub parameters_from: String,
    /// Replications per run.
    pub replications: u32,
    /// The command that regenerates it.
    pub command: String,
    /// The targets, in file order.
    pub targets: Vec<TargetResult>,
    /// One summary per run's place, in file order.
    pub places: Vec<PlaceSummary>,
    /// Each place's modelled history from 2011 to the data year beside
    /// its observed points ([`crate::calibrate::history`]; empty without runs).
    pub histories: Vec<crate::calibrate::history::PlaceHistory>,
}

/// A number with the digits its size warrants (three significant figures, whole above 100).
pub(crate) fn num(x: f64) -> String {
    let a = x.abs();
    if a >= 100.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else if a >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

fn pct(x: f64) -> String {
    format!("{:+.0}%", x * 100.0)
}

/// What the dashboard shows per place (`docs/validation.json`): the
/// report's provenance, and per run its start and ten-year drift and the
/// targets about it, each with whether it meets its goal.
pub fn json(r: &Report) -> String {
    #[derive(Serialize)]
    struct Target<'a> {
        #[serde(flatten)]
        target: &'a TargetResult,
        relative_error: f64,
        meets_goal: bool,
    }
    #[derive(Serialize)]
    struct Place<'a> {
        #[serde(flatten)]
        summary: &'a PlaceSummary,
        drift: f64,
        targets: Vec<Target<'a>>,
        /// The place's history beside its observed points, and the misses in sentences.
        history: Option<&'a crate::calibrate::history::PlaceHistory>,
        misses: Vec<String>,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        version: &'a str,
        command: &'a str,
        parameters_from: &'a str,
        replications: u32,
        places: Vec<Place<'a>>,
    }
    let places = r
        .places
        .iter()
        .map(|p| Place {
            summary: p,
            drift: p.drift(),
            targets: r
                .targets
                .iter()
                .filter(|t| t.run == p.id)
                .map(|t| Target { target: t, relative_error: t.relative_error(), meets_goal: t.meets_goal() })
                .collect(),
            history: r.histories.iter().find(|h| h.id == p.id),
            misses: r.histories.iter().find(|h| h.id == p.id).map(|h| h.misses()).unwrap_or_default(),
        })
        .collect();
    let out = Out { version: &r.version, command: &r.command, parameters_from: &r.parameters_from, replications: r.replications, places };
    serde_json::to_string_pretty(&out).expect("the report serialises") + "\n"
}

/// The Markdown report.
pub fn markdown(r: &Report) -> String {
    let met = r.targets.iter().filter(|t| t.meets_goal()).count();
    let mut s = format!(
        "# Validation\n\n<!-- Generated by `{}` (hemma {}). Do not edit. -->\n\n\
         Each target is a figure observed in Sweden around 2011–2013 (sources in the last column, files under `data/`). \
         The model runs each preset scenario — its own population, tenure mix and instrument mix, with one parameter set \
         for all — from January 2011, {} replications each; the table gives the median over replications and the spread \
         P5–P95 (simulation spread, not a forecast interval), and the relative error of the median. \
         Parameter defaults: {}.\n\n\
         **{met} of {} targets meet their goal.**",
        r.command,
        r.version,
        r.replications,
        r.parameters_from,
        r.targets.len()
    );
    let misses: Vec<&TargetResult> = r.targets.iter().filter(|t| !t.meets_goal()).collect();
    if misses.is_empty() {
        s.push_str("\n\n");
    } else {
        let _ = write!(
            s,
            " Missed: {}. `docs/odd.md` (section 4) discusses why.\n\n",
            misses.iter().map(|t| t.label.as_str()).collect::<Vec<_>>().join("; ")
        );
    }
    s.push_str(
        "![Relative error of the model median (dot) and its P5–P95 spread (bar) per target; the shaded band is the goal](validation.svg)\n",
    );
    if !r.places.is_empty() {
        s.push_str(
            "\n## Why: each place's start, drift and flows\n\n\
             Each run starts in January 2011 from the place's own count (its situation-1 share where known, the national \
             shares otherwise) and the stocks its instruments had in force. *Drift* is the tenth year's mean against the \
             start with nothing changed (conditions of 2011 held, the preset's instruments unchanged; goal ±10%). \
             *Entries* and *exits* are households entering homelessness and leaving it for housing in the first year, per \
             10,000 residents; *pathways* the shares of entries by cause; *covariates* those that differ from Sweden's \
             (data/places/covariates.csv), which set the flows as docs/odd.md §3.1 describes.\n\n\
             | place | counted 2011 | model start | tenth year | drift | entries / exits per 10k | main pathways | covariates |\n\
             |---|---|---|---|---|---|---|---|\n",
        );
        for p in &r.places {
            let paths: Vec<String> = p.pathways.iter().take(3).map(|(k, v)| format!("{k} {:.0}%", v * 100.0)).collect();
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {}{} | {} / {} | {} | {} |",
                p.name,
                num(p.observed),
                num(p.start),
                num(p.year_ten),
                pct(p.drift()),
                if p.drift().abs() <= 0.10 { "" } else { " (**outside ±10%**)" },
                num(p.entries_per_10k),
                num(p.exits_per_10k),
                paths.join(", "),
                p.covariates
            );
        }
    }
    s.push_str(&crate::calibrate::history::markdown(&r.histories, r.replications));
    let mut groups: Vec<&str> = Vec::new();
    for t in &r.targets {
        if !groups.contains(&t.group.as_str()) {
            groups.push(&t.group);
        }
    }
    for g in groups {
        let _ = write!(
            s,
            "\n## {g}\n\n| target | observed | model median [P5–P95] | error of median | goal | meets goal | source |\n|---|---|---|---|---|---|---|\n"
        );
        for t in r.targets.iter().filter(|t| t.group == g) {
            let _ = writeln!(
                s,
                "| {} | {} | {} [{}–{}] | {} | ±{:.0}% | {} | {} |",
                t.label,
                num(t.observed),
                num(t.median),
                num(t.p5),
                num(t.p95),
                pct(t.relative_error()),
                t.goal * 100.0,
                if t.meets_goal() { "yes" } else { "**no**" },
                t.source
            );
        }
    }
    s
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The plot: one row per target, relative error from −100% to +100%
/// (clipped, with an arrow where a value lies beyond), the goal as a band.
/// Colours are from the Okabe–Ito palette and misses also differ in shape.
pub fn svg(r: &Report) -> String {
    let (left, width, row, top) = (330.0, 520.0, 22.0, 40.0);
    let height = top + row * r.targets.len() as f64 + 40.0;
    let total = left + width + 30.0;
    let x = |e: f64| left + (e.clamp(-1.0, 1.0) + 1.0) / 2.0 * width;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{total}\" height=\"{height}\" viewBox=\"0 0 {total} {height}\" \
         font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\" role=\"img\" aria-labelledby=\"title\">\n\
         <title id=\"title\">Relative error of the model median per validation target</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    for tick in [-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0] {
        let _ = writeln!(
            s,
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\"/><text x=\"{0}\" y=\"{4}\" text-anchor=\"middle\">{5}</text>",
            x(tick),
            top - 8.0,
            height - 30.0,
            if tick == 0.0 { "#444" } else { "#ddd" },
            top - 14.0,
            pct(tick)
        );
    }
    for (i, t) in r.targets.iter().enumerate() {
        let y = top + row * i as f64 + row / 2.0;
        let _ = writeln!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#009E73\" fill-opacity=\"0.15\"/>",
            x(-t.goal),
            y - row / 2.0 + 2.0,
            x(t.goal) - x(-t.goal),
            row - 4.0
        );
        let _ = writeln!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", left - 8.0, y + 4.0, escape(&t.label));
        let (lo, hi) = (t.p5 / t.observed - 1.0, t.p95 / t.observed - 1.0);
        let _ = writeln!(s, "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#555\" stroke-width=\"2\"/>", x(lo), x(hi));
        let e = t.relative_error();
        if t.meets_goal() {
            let _ = writeln!(
                s,
                "<circle cx=\"{}\" cy=\"{y}\" r=\"5\" fill=\"#0072B2\"><title>{}: {}</title></circle>",
                x(e),
                escape(&t.label),
                pct(e)
            );
        } else {
            let (cx, d) = (x(e), 5.0);
            let _ = writeln!(
                s,
                "<path d=\"M{} {} L{} {} M{} {} L{} {}\" stroke=\"#D55E00\" stroke-width=\"3\"><title>{}: {} (misses its goal)</title></path>",
                cx - d,
                y - d,
                cx + d,
                y + d,
                cx - d,
                y + d,
                cx + d,
                y - d,
                escape(&t.label),
                pct(e)
            );
        }
        if e.abs() > 1.0 {
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>",
                x(e) + e.signum() * 8.0,
                y + 4.0,
                if e > 0.0 { "start" } else { "end" },
                pct(e)
            );
        }
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">relative error of the model median (dot: meets goal, cross: misses); bar: P5–P95; band: goal</text>\n</svg>",
        left + width / 2.0,
        height - 10.0
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let t = |id: &str, group: &str, observed: f64, median: f64, goal: f64| TargetResult {
            id: id.into(),
            run: if id == "c" { "sverige".into() } else { "uppsala".into() },
            label: format!("{id} <label>"),
            group: group.into(),
            observed,
            median,
            p5: median * 0.8,
            p95: median * 1.2,
            goal,
            source: "file.csv: row".into(),
        };
        Report {
            version: "9.9.9".into(),
            parameters_from: "calibrated (fitted.toml, 2026-01-01)".into(),
            replications: 20,
            command: "hemma validate-report".into(),
            targets: vec![t("a", "Homeless", 64.0, 70.0, 0.15), t("b", "Homeless", 30.0, 45.0, 0.15), t("c", "Funnel", 0.65, 0.64, 0.2)],
            places: vec![PlaceSummary {
                id: "uppsala".into(),
                name: "Uppsala".into(),
                observed: 90.0,
                start: 89.0,
                year_ten: 101.0,
                entries_per_10k: 20.0,
                exits_per_10k: 18.0,
                pathways: vec![("arrival".into(), 0.5), ("institution".into(), 0.3)],
                covariates: "students 4.2× national".into(),
            }],
            histories: {
                // Three replications of 15 years, homeless 35 per 10,000 throughout.
                let runs: Vec<Vec<crate::results::Row>> = (0..3)
                    .map(|k| {
                        (0..180)
                            .map(|_| {
                                let mut row = crate::results::Row::zeros();
                                row.set(crate::results::Out::homeless_per_10k, 34.0 + k as f64);
                                row
                            })
                            .collect()
                    })
                    .collect();
                vec![crate::calibrate::history::place_history("sverige", "Sverige", 2011, 1.0, &runs)]
            },
        }
    }

    #[test]
    fn markdown_shows_every_target_with_its_error_and_verdict() {
        let md = markdown(&report());
        assert!(md.contains("**2 of 3 targets meet their goal.**"), "{md}");
        assert!(md.contains("Missed: b <label>."), "{md}");
        assert!(md.contains("| a <label> | 64.0 | 70.0 [56.0–84.0] | +9% | ±15% | yes | file.csv: row |"), "{md}");
        assert!(md.contains("| b <label> | 30.0 | 45.0 [36.0–54.0] | +50% | ±15% | **no** |"), "{md}");
        assert!(md.contains("## Homeless") && md.contains("## Funnel"));
        assert!(md.contains("## The history 2011–2025 beside what was observed") && md.contains("### Sverige"), "{md}");
        assert!(
            md.contains("| 2011 | 35.0 [34.0–36.0] |") && md.contains("homeless_per_10k in month 5 = 36.0 (*start*; model 35.0)"),
            "{md}"
        );
        assert!(md.contains("* 2023 homeless_per_10k: observed 26.0"), "{md}");
        assert!(md.contains("hemma 9.9.9") && md.contains("20 replications"));
        assert!(
            md.contains("| Uppsala | 90.0 | 89.0 | 101 | +13% (**outside ±10%**) | 20.0 / 18.0 | arrival 50%, institution 30% | students 4.2× national |"),
            "{md}"
        );
    }

    #[test]
    fn svg_has_a_row_per_target_escapes_labels_and_marks_misses() {
        let svg = svg(&report());
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("misses its goal").count(), 1);
        assert!(svg.contains("a &lt;label&gt;") && !svg.contains("<label>"));
    }

    #[test]
    fn json_groups_the_targets_by_the_place_they_are_about() {
        let v: serde_json::Value = serde_json::from_str(&json(&report())).unwrap();
        let places = v["places"].as_array().unwrap();
        assert_eq!(places.len(), 1);
        let uppsala = &places[0];
        assert_eq!(uppsala["name"], "Uppsala");
        // a and b are Uppsala's; c is the country's and has no place here.
        let ids: Vec<_> = uppsala["targets"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(uppsala["targets"][1]["meets_goal"], false, "45 against 30 misses a 15% goal");
        assert!((uppsala["drift"].as_f64().unwrap() - (101.0 / 89.0 - 1.0)).abs() < 1e-12);
        assert_eq!(v["version"], "9.9.9");
    }

    #[test]
    fn the_goal_is_inclusive() {
        let mut r = report();
        r.targets[0].median = 64.0 * 1.15;
        assert!(r.targets[0].meets_goal());
    }
}
