#!/usr/bin/env bash
# All tests: the Rust suite (unit, invariants, statistical, baseline, CLI,
# instruments, presets, robustness, sweeps); the invariants and robustness
# tests once more with overflow checks and debug assertions on; the
# national extremes run at full scale; the native-versus-WebAssembly identity
# check; a short run of every fuzz target
# (20 seconds each from the committed corpus, scripts/fuzz.sh); pandas
# reading a sweep's Parquet; the Python package's tests and notebook;
# a sweep through a real single-node Slurm cluster; and the dashboard in
# headless Chromium. Installs what they need first (scripts/setup-tests.sh).
# About 45 minutes on a fresh 2-core machine (wasm-bindgen-cli, cargo-fuzz,
# Chromium and the builds of the model), about 33 when those are in place
# (measured 2026-12-03: about 32 minutes for .ci/run on a fresh clone, 8 of
# them the full-scale extremes run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-tests.sh
cargo test --release
cargo test --test invariants --test robustness
# The country at full scale (about 5 million households) for 20 years with
# every instrument at its maximum: about 8 minutes and 1.8 GB (README, Tests).
HEMMA_EXTREME_SCALE=1 cargo test --release --test extremes -- --nocapture
bash scripts/wasm-identity.sh
bash scripts/fuzz.sh 20
target/py/bin/python scripts/parquet-check.py
# The Python package: its pytest suite (bit-identity with the CLI built
# above, GIL release, Ctrl-C) and the example notebook, executed.
HEMMA_BIN=target/release/hemma target/py/bin/python -m pytest -q python/tests
bash scripts/slurm-test.sh
bash scripts/browser-test.sh
