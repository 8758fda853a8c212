#!/usr/bin/env bash
# The dashboard's tests: the page state's unit and property tests (fast-check)
# under Node's test runner (www/tests/state*.test.mjs), then the end-to-end tests in real headless
# Chromium (www/tests/e2e.mjs): builds the CLI (for the browser = `hemma run`
# check), the Wasm module and the page, then drives Debian's /usr/bin/chromium
# with playwright-core.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
(cd www && npm ci --no-audit --no-fund --loglevel=error && node --test tests/state.test.mjs tests/state.property.test.mjs tests/format.test.mjs tests/headline.test.mjs tests/validation.test.mjs)
bash scripts/build-wasm.sh
(cd www && npx vite build --logLevel warn && npm run --silent offline && node tests/e2e.mjs)
