#!/usr/bin/env bash
# Builds the model for the browser: the library with feature `wasm` for
# wasm32-unknown-unknown, wasm-bindgen's ES-module glue into www/src/pkg/,
# then binaryen's wasm-opt -O3 (from npm; Debian's binaryen breaks
# wasm-bindgen output). Needs: rustup target wasm32-unknown-unknown,
# wasm-bindgen-cli 0.2.130 (the version pinned in Cargo.toml), npm ci in www/.
set -euo pipefail
cd "$(dirname "$0")/.."
want=0.2.130
if ! command -v wasm-bindgen >/dev/null 2>&1 || ! wasm-bindgen --version | grep -q " $want\$"; then
  echo "build-wasm: installing wasm-bindgen-cli $want (a few minutes, once)" >&2
  cargo install wasm-bindgen-cli --version "$want"
fi
cargo build --release --lib --target wasm32-unknown-unknown --no-default-features --features wasm
# The glue and the optimised module are made again only when cargo's module
# changed (or wasm-opt arrived): a stamp with its hash beside them.
wasm=target/wasm32-unknown-unknown/release/hemma.wasm
made="$(sha256sum "$wasm" | cut -d' ' -f1) opt=$([ -x www/node_modules/.bin/wasm-opt ] && echo 1 || echo 0)"
if [ "$(cat www/src/pkg/.hemma-wasm 2>/dev/null)" != "$made" ] || [ "$(cat www/src/pkg-nm/.hemma-wasm 2>/dev/null)" != "$made" ]; then
  # ES-module glue for the served page; classic-script glue for the offline single file.
  wasm-bindgen --target web --out-dir www/src/pkg --out-name hemma "$wasm"
  wasm-bindgen --target no-modules --out-dir www/src/pkg-nm --out-name hemma "$wasm"
  for dir in www/src/pkg www/src/pkg-nm; do
    if [ -x www/node_modules/.bin/wasm-opt ]; then
      www/node_modules/.bin/wasm-opt -O3 "$dir/hemma_bg.wasm" -o "$dir/hemma_bg.wasm"
    fi
    echo "$made" >"$dir/.hemma-wasm"
  done
fi
ls -l www/src/pkg/hemma_bg.wasm www/src/pkg-nm/hemma_bg.wasm
