#!/usr/bin/env bash
# Where the WebAssembly build spends its time (issue 17): builds the probe
# in tests/wasm-fingerprint for wasm32-unknown-unknown, runs Göteborg at
# full scale for 10 years from 2011 (the scenario of www/tests/bench.mjs)
# in Node with V8's sampling profiler, and prints each function's share of
# the run's time (self time). The native counterpart:
#   perf record -F 999 target/release/hemma run <the same scenario> -j 1 -q
#   perf report --no-children --sort symbol
# Needs the wasm32-unknown-unknown target and node. Timing, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --manifest-path tests/wasm-fingerprint/Cargo.toml --target wasm32-unknown-unknown
dir=$(mktemp -d)
node --cpu-prof --cpu-prof-dir="$dir" --cpu-prof-interval 500 -e '
  const bytes = require("fs").readFileSync("tests/wasm-fingerprint/target/wasm32-unknown-unknown/release/hemma_wasm_fingerprint.wasm");
  WebAssembly.instantiate(bytes, {}).then(({ instance }) => {
    const t = performance.now();
    const low = instance.exports.benchmark_fingerprint_low() >>> 0;
    console.log(`Göteborg, full scale, 10 years: ${((performance.now() - t) / 1000).toFixed(2)} s in Wasm (fingerprint ...${low.toString(16).padStart(8, "0")})`);
  }).catch((err) => { console.error(err); process.exit(1); });
'
node -e '
  const fs = require("fs");
  const dir = process.argv[1];
  const p = JSON.parse(fs.readFileSync(dir + "/" + fs.readdirSync(dir)[0]));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  p.samples.forEach((id, k) => {
    const name = byId.get(id).callFrame.functionName || "(anonymous)";
    const dt = p.timeDeltas[k] || 0;
    self.set(name, (self.get(name) || 0) + dt);
    total += dt;
  });
  // Rust symbols are mangled (_ZN5hemma5model6market4step17h...E): show the path.
  const readable = (s) => {
    const m = s.match(/^_ZN(.*)17h[0-9a-f]{16}E$/);
    if (!m) return s;
    const parts = [];
    for (let r = m[1]; r.length; ) {
      const n = parseInt(r, 10);
      const digits = String(n).length;
      parts.push(r.slice(digits, digits + n));
      r = r.slice(digits + n);
    }
    return parts.join("::");
  };
  console.log("share of the run (self time), top 25:");
  for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${((100 * t) / total).toFixed(1).padStart(6)}%  ${readable(name)}`);
  }
' "$dir"
rm -rf "$dir"
