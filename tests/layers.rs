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
    // The output table.
    "results",
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

/// Top-level modules named by `crate::…` paths, including `crate::{a, b::c}`.
fn imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (k, _) in code.match_indices("crate::") {
        let rest = &code[k + "crate::".len()..];
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
                    ',' if depth == 0 => entry_start = true,
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
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        if top == "lib" || top == "cli" {
            continue;
        }
        let Some(rank) = ORDER.iter().position(|m| *m == top) else {
            problems.push(format!("crate/{}: module `{top}` is not in ORDER; add it at its layer", rel.display()));
            continue;
        };
        seen.insert(top.clone());
        let text = std::fs::read_to_string(&file).unwrap();
        for name in imports(&code(&text)) {
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
    let found = imports("use crate::model::World;\nuse crate::{policy::{Ctx, Policy}, results};\nlet x = crate::units::number(1.0);");
    let want: BTreeSet<String> = ["model", "policy", "results", "units"].iter().map(|s| s.to_string()).collect();
    assert_eq!(found, want);
    assert!(code("use crate::a; // crate::b\n#[cfg(test)]\nmod tests { use crate::c; }").contains("crate::a"));
    assert!(!code("x // crate::b").contains("crate::b"));
}
