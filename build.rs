//! Names the git commit the build is made from, so that `hemma --version`
//! and every output (summary.json, sweep manifests, the page) can say which
//! code made them: `HEMMA_GIT_COMMIT` (12 hex digits, with "-modified" when
//! tracked files differ from the commit), or "unknown" outside a git
//! checkout. Setting `HEMMA_GIT_COMMIT` in the environment
//! overrides it (a build from a source archive).

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()).filter(|s| !s.is_empty())
}

fn main() {
    println!("cargo:rerun-if-env-changed=HEMMA_GIT_COMMIT");
    let commit = std::env::var("HEMMA_GIT_COMMIT").ok().filter(|s| !s.is_empty()).or_else(|| {
        let head = git(&["rev-parse", "--short=12", "HEAD"])?;
        // `git diff` compares without writing the index (which `git status` may rewrite).
        let modified = !Command::new("git").args(["diff", "--quiet", "HEAD", "--"]).status().is_ok_and(|s| s.success());
        Some(if modified { format!("{head}-modified") } else { head })
    });
    println!("cargo:rustc-env=HEMMA_GIT_COMMIT={}", commit.as_deref().unwrap_or("unknown"));
    // Look again when the compiled-in sources change (an edit makes the
    // build "-modified") or HEAD moves (a commit, a checkout).
    for dir in ["crate", "data", "scenarios", "Cargo.toml"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        let reference = git(&["symbolic-ref", "-q", "HEAD"]);
        // Only files that exist: a missing one would make every build rerun this.
        for file in ["HEAD".to_string(), "packed-refs".to_string()].into_iter().chain(reference) {
            let path = format!("{dir}/{file}");
            if std::path::Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
}
