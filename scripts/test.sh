#!/usr/bin/env bash
# The tests, in two tiers.
#
#   bash scripts/test.sh --quick   for a change to the model or the page:
#     the Rust unit tests and every integration test but the slow ones (the
#     extremes, the fuzz targets, Slurm, the Python package: below), the
#     page's Node unit tests and one browser smoke test (a scenario with an
#     instrument compared with the baseline, in headless Chromium). Under 5
#     minutes on a warm 2-core machine (README, Contributing).
#   bash scripts/test.sh           everything (what CI runs, .ci/run): the
#     quick tier first, then the rest of `cargo test --release` and the
#     invariant and robustness tests again with overflow checks and debug
#     assertions on; the national extremes at full scale; the native-versus-
#     WebAssembly identity check; a short run of every fuzz target (20 s each
#     from the committed corpus, scripts/fuzz.sh); pandas reading a sweep's
#     Parquet; the Python package's tests and notebook; a sweep through a
#     real single-node Slurm cluster; and every browser test.
#
# Installs what the tier needs first (scripts/setup-tests.sh: `npm ci` and
# the Python package only when their sources changed). Every part runs even
# when one before it failed; the failed parts are listed at the end and the
# exit status is then 1.
#
# Time of the full tier: about 45 minutes on a fresh 2-core machine
# (wasm-bindgen-cli, cargo-fuzz, Chromium and the builds of the model),
# about 33 when those are in place (measured 2026-12-03: about 32 minutes
# for .ci/run on a fresh clone, 8 of them the full-scale extremes run).
set -uo pipefail
cd "$(dirname "$0")/.."

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: bash scripts/test.sh [--quick]" >&2; exit 2 ;;
esac

# Integration tests (tests/*.rs) the quick tier leaves to the full one:
# the country's extremes, every preset for 100 years (tests/start.rs, about
# 85 s) and the sweeps (a killed sweep resumed, shards merged, Slurm-like
# arrays: about 40 s). Every other test file is quick, a new one too
# (measured 2026-12-06: none over 40 s).
SLOW_TESTS="extremes start sweep"
# The browser smoke test of the quick tier (a test name of www/tests/e2e.mjs).
SMOKE="an instrument added in a scenario is compared with the baseline"

failed=()
started=$SECONDS
# part NAME COMMAND…: runs one part with its time; a failure is noted, and the next part runs.
part() {
  local name=$1 t0=$SECONDS
  shift
  printf '\n=== %s\n' "$name"
  if "$@"; then
    printf '=== %s: ok (%d s)\n' "$name" $((SECONDS - t0))
  else
    printf '=== %s: FAILED (%d s)\n' "$name" $((SECONDS - t0))
    failed+=("$name")
  fi
}
sh_() { bash -euo pipefail -c "$1"; }

# --no-fail-fast: every test file runs, whichever fails before it.
quick_rust() {
  local args=(--lib --bins) t
  for f in tests/*.rs; do
    t=$(basename "$f" .rs)
    case " $SLOW_TESTS " in *" $t "*) ;; *) args+=(--test "$t") ;; esac
  done
  cargo test --release --no-fail-fast "${args[@]}"
}

slow_rust() {
  local args=(--examples) t
  for t in $SLOW_TESTS; do args+=(--test "$t"); done
  local rc=0
  cargo test --release --no-fail-fast "${args[@]}" || rc=1
  cargo test --release --doc || rc=1
  return $rc
}

quick_tier() {
  part "quick: setup (npm ci and Chromium when missing)" bash scripts/setup-tests.sh --quick
  part "quick: Rust unit tests and the quick integration tests (all but: $SLOW_TESTS)" quick_rust
  part "quick: the model for WebAssembly (www/src/pkg)" bash scripts/build-wasm.sh
  part "quick: the page's Node unit tests (www/tests/*.test.mjs)" sh_ 'cd www && node --test tests/*.test.mjs'
  part "quick: one browser smoke test" sh_ "cd www && npx vite build --logLevel warn && E2E_ONLY='$SMOKE' node tests/e2e.mjs"
}

quick_tier
if [ "$quick" = 0 ]; then
  part "full: setup (the Python package when its sources changed)" bash scripts/setup-tests.sh
  # With the quick tier's, these make `cargo test --release`: the slow test
  # files, the examples built, the doc tests.
  part "full: the slow integration tests ($SLOW_TESTS), the examples built, the doc tests" slow_rust
  part "full: invariants and robustness with overflow checks and debug assertions" cargo test --test invariants --test robustness
  # The country at full scale (about 5 million households) for 20 years with
  # every instrument at its maximum: about 8 minutes and 1.8 GB (README, Tests).
  part "full: extremes at full scale" sh_ 'HEMMA_EXTREME_SCALE=1 cargo test --release --test extremes -- --nocapture'
  part "full: native = WebAssembly fingerprints" bash scripts/wasm-identity.sh
  part "full: fuzz targets, 20 s each" bash scripts/fuzz.sh 20
  part "full: pandas reads a sweep's Parquet" target/py/bin/python scripts/parquet-check.py
  # The Python package: its pytest suite (bit-identity with the CLI built
  # above, GIL release, Ctrl-C) and the example notebook, executed.
  part "full: the Python package's tests and notebook" sh_ 'HEMMA_BIN=target/release/hemma target/py/bin/python -m pytest -q python/tests'
  part "full: a sweep through a single-node Slurm cluster" bash scripts/slurm-test.sh
  part "full: the dashboard (Node unit tests and every browser test)" bash scripts/browser-test.sh
fi

tier=$([ "$quick" = 1 ] && echo "quick tier" || echo "all tests")
minutes=$(( (SECONDS - started) / 60 ))
seconds=$(( (SECONDS - started) % 60 ))
if [ ${#failed[@]} -gt 0 ]; then
  printf '\n=== %s: %d part(s) FAILED in %d min %d s:\n' "$tier" ${#failed[@]} "$minutes" "$seconds"
  printf '  - %s\n' "${failed[@]}"
  exit 1
fi
printf '\n=== %s: every part passed in %d min %d s\n' "$tier" "$minutes" "$seconds"
