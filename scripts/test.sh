#!/usr/bin/env bash
# All tests: the Rust suite (unit, invariants, statistical, baseline, CLI,
# instruments, presets, robustness); the invariants and robustness tests once
# more with overflow checks and debug assertions on; then the
# native-versus-WebAssembly identity check.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release
cargo test --test invariants --test robustness
bash scripts/wasm-identity.sh
