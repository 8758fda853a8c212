#!/usr/bin/env bash
# Sets up and serves the dashboard: the model compiled to WebAssembly, the
# page built with Vite, served on http://127.0.0.1:8765/ (PORT to change),
# Karlstad by default. Installs what is missing: the wasm32 target,
# wasm-bindgen-cli (once, a few minutes) and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8765}
if command -v rustup >/dev/null 2>&1; then rustup target add wasm32-unknown-unknown >/dev/null; fi
bash scripts/npm-ready.sh
bash scripts/build-wasm.sh
(cd www && npx vite build --logLevel warn && npm run --silent offline)
echo "hemma dashboard: http://127.0.0.1:$port/  (Ctrl-C stops; www/dist/hemma-offline.html opens without a server)"
cd www && exec npx vite preview --port "$port" --strictPort --host 127.0.0.1
