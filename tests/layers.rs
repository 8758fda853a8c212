//! The library's modules import one way, from the foundations up to the
//! shells (ARCHITECTURE.md, "Layers"). This test reads the sources and fails
//! on an import that points up — a module naming one listed after it — so
//! that a circle like the one between the model, the instruments and the
//! results (issue 13) cannot come back unnoticed. Tests inside a module
//! (`#[cfg(test)] mod tests`) and comments may name anything.

use std::collections::BTreeSet;
use std::path::Path;

/// The library's top-level modules, lowest first. A module may import only
/// modules before it in this list.
const ORDER: &[&str] = &[
    // Foundations: units of measure, the calendar, random numbers.
    "units",
    "timeline",
    "rng",
    "sample",
    // The parameter table.
    "params",
    // Place data: the presets, custom places, the drivers by year.
    "presets",
    "place",
    "drivers",
    // The output table, and the observed points set beside its columns.
    "results",
    "observed",
    // The simulation: state, the monthly step, recording (phase 8), and the
    // hooks it declares for instruments.
    "model",
    // The instruments, implementing the model's hooks.
    "policy",
    // Scenario files and their validation.
    "scenario",
    // Running replications.
    "run",
    // Studies over runs.
    "aggregate",
    "compare",
    "sweep",
    "sensitivity",
    "effects",
    "calibrate",
    "tables",
    // Generated documentation and file reading for the shells.
    "docs",
    "files",
    // Shells inside the library (the CLI is the binary in crate/cli).
    "wasm",
    "python",
];

/// Items of `lib.rs` itself, which every module may use.
const ROOT_ITEMS: &[&str] = &["VERSION", "GIT_COMMIT", "LONG_VERSION"];

/// The source without comments and without `#[cfg(test)]` modules.
fn code(src: &str) -> String {
    let src = match src.find("#[cfg(test)]\nmod tests") {
        Some(i) => &src[..i],
        None => src,
    };
    src.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Top-level modules named by `crate::…` paths, including `crate::{a, b::c}`,
/// in a file at the crate's top level (`depth` 1: `crate/x.rs`,
/// `crate/x/mod.rs`).
fn imports(code: &str) -> BTreeSet<String> {
    imports_at(code, 1)
}

/// Top-level modules named by paths from the crate root in a file `depth`
/// modules below it: `crate::…`, and `super::` repeated `depth` times (from
/// `crate/x/y.rs`, depth 2, `super::super::z` is `crate::z`), so that a
/// file inside a directory module cannot reach past its layer by climbing.
fn imports_at(code: &str, depth: usize) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut roots: Vec<usize> = code.match_indices("crate::").map(|(k, _)| k + "crate::".len()).collect();
    let bytes = code.as_bytes();
    let mut k = 0;
    while let Some(at) = code[k..].find("super::") {
        let start = k + at;
        // Only the start of a chain counts (not `super::` inside one, or `xsuper::`).
        let starts_chain =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_' || bytes[start - 1] == b':');
        let mut end = start;
        let mut climbs = 0;
        while code[end..].starts_with("super::") {
            end += "super::".len();
            climbs += 1;
        }
        if starts_chain && climbs >= depth {
            roots.push(end);
        }
        k = end;
    }
    for k in roots {
        let rest = &code[k..];
        if let Some(group) = rest.strip_prefix('{') {
            // A group: the first name of each top-level entry.
            let mut depth = 0;
            let mut entry_start = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if entry_start && !name.is_empty() {
                            found.insert(std::mem::take(&mut name));
                        }
                        entry_start = true;
                    }
                    c if entry_start && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if entry_start && !name.is_empty() => {
                        found.insert(std::mem::take(&mut name));
                        entry_start = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                found.insert(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.insert(name);
        }
    }
    found
}

/// The top-level module a file under `crate/` belongs to and its depth
/// below the crate root: `scenario.rs` and `scenario/mod.rs` are module
/// `scenario` at depth 1, `scenario/check.rs` is at depth 2, `policy/setting/mod.rs` at 2.
fn module_of(rel: &Path) -> (String, usize) {
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().to_string()).collect();
    let top = parts[0].trim_end_matches(".rs").to_string();
    let depth = if parts.last().is_some_and(|f| f == "mod.rs") { parts.len() - 1 } else { parts.len() };
    (top, depth)
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_librarys_modules_import_one_way_from_foundations_to_shells() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crate");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for file in files {
        let rel = file.strip_prefix(&root).unwrap();
        let (top, depth) = module_of(rel);
        if top == "lib" || top == "cli" {
            continue;
        }
        let Some(rank) = ORDER.iter().position(|m| *m == top) else {
            problems.push(format!("crate/{}: module `{top}` is not in ORDER; add it at its layer", rel.display()));
            continue;
        };
        seen.insert(top.clone());
        let text = std::fs::read_to_string(&file).unwrap();
        for name in imports_at(&code(&text), depth) {
            if name == top || ROOT_ITEMS.contains(&name.as_str()) {
                continue;
            }
            match ORDER.iter().position(|m| *m == name) {
                Some(r) if r < rank => {}
                Some(_) => problems.push(format!("crate/{}: `{top}` imports `{name}`, which comes after it", rel.display())),
                None => problems.push(format!("crate/{}: imports `crate::{name}`, not a module in ORDER", rel.display())),
            }
        }
    }
    assert!(problems.is_empty(), "imports against the layer order:\n{}", problems.join("\n"));
    let listed: BTreeSet<String> = ORDER.iter().map(|s| s.to_string()).collect();
    assert_eq!(seen, listed, "every module in ORDER exists");
}

#[test]
fn the_import_reader_sees_paths_and_groups() {
    let found = imports(
        "use crate::model::World;\nuse crate::{policy::{Ctx, Policy}, results};\nlet x = crate::units::number(1.0);\nuse crate::{rng, sample};",
    );
    let want: BTreeSet<String> = ["model", "policy", "results", "rng", "sample", "units"].iter().map(|s| s.to_string()).collect();
    assert_eq!(found, want);
    assert!(code("use crate::a; // crate::b\n#[cfg(test)]\nmod tests { use crate::c; }").contains("crate::a"));
    assert!(!code("x // crate::b").contains("crate::b"));
}

#[test]
fn a_directory_module_is_one_module_and_climbing_out_of_it_is_an_import() {
    assert_eq!(module_of(Path::new("scenario.rs")), ("scenario".to_string(), 1));
    assert_eq!(module_of(Path::new("scenario/mod.rs")), ("scenario".to_string(), 1));
    assert_eq!(module_of(Path::new("scenario/check.rs")), ("scenario".to_string(), 2));
    assert_eq!(module_of(Path::new("policy/setting/mod.rs")), ("policy".to_string(), 2));
    assert_eq!(module_of(Path::new("policy/setting/declare.rs")), ("policy".to_string(), 3));
    let code = "use super::errors::PathPart;\nuse super::super::run::Simulation;\nuse super::super::{tables, docs::x};";
    let want: BTreeSet<String> = ["docs", "run", "tables"].iter().map(|s| s.to_string()).collect();
    assert_eq!(imports_at(code, 2), want, "from crate/x/y.rs, super::super:: is the crate root");
    assert!(imports_at(code, 3).is_empty(), "from crate/x/y/z.rs it is not");
    assert_eq!(imports_at("use super::model::World;", 1), ["model".to_string()].into_iter().collect(), "from crate/x.rs, super:: is");
}
