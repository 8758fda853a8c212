#!/usr/bin/env bash
# Native and WebAssembly runs of the same scenario and seed must give
# bit-identical results. Builds tests/wasm-fingerprint (a probe package) for
# wasm32-unknown-unknown, runs it in Node, and compares its fingerprint with
# the native one. Needs the wasm32-unknown-unknown target and node.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --manifest-path tests/wasm-fingerprint/Cargo.toml --target wasm32-unknown-unknown
native=$(cargo run --release --quiet --example fingerprint)
wasm=$(node -e '
  const fs = require("fs");
  const bytes = fs.readFileSync("tests/wasm-fingerprint/target/wasm32-unknown-unknown/release/hemma_wasm_fingerprint.wasm");
  WebAssembly.instantiate(bytes, {}).then(({ instance }) => {
    const e = instance.exports;
    const hex = (x) => (x >>> 0).toString(16).padStart(8, "0");
    console.log(hex(e.identity_fingerprint_high()) + hex(e.identity_fingerprint_low()));
  }).catch((err) => { console.error(err); process.exit(1); });
')
echo "native fingerprint: $native"
echo "wasm fingerprint:   $wasm"
if [ "$native" = "$wasm" ]; then
  echo "1 passed, 0 failed"
else
  echo "native and Wasm results differ" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
