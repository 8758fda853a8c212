#!/usr/bin/env bash
# All tests: the Rust suite (unit, invariants, statistical, baseline, CLI,
# instruments, presets), then the native-versus-WebAssembly identity check.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release
bash scripts/wasm-identity.sh
