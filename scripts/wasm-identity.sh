#!/usr/bin/env bash
# Native and WebAssembly runs of the same scenario and seed must give
# bit-identical results. Builds tests/wasm-fingerprint (a probe package) for
# wasm32-unknown-unknown, runs it in Node, and compares its fingerprint with
# the native one; and a run continued from a history computed for another
# scenario must equal the run from 2011 in Wasm too (the page reuses
# histories). Needs the wasm32-unknown-unknown target and node.
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
    console.log(hex(e.identity_fingerprint_high()) + hex(e.identity_fingerprint_low()) + " " +
      hex(e.identity_reuse_fingerprint_high()) + hex(e.identity_reuse_fingerprint_low()));
  }).catch((err) => { console.error(err); process.exit(1); });
')
reuse=${wasm#* }
wasm=${wasm% *}
echo "native fingerprint:                  $native"
echo "wasm fingerprint:                    $wasm"
echo "wasm, projection from a kept history: $reuse"
if [ "$native" = "$wasm" ] && [ "$wasm" = "$reuse" ]; then
  echo "1 passed, 0 failed"
else
  echo "native and Wasm results differ" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
