#!/usr/bin/env bash
# The dashboard's tests: the page's pure modules under Node's test runner
# (www/tests/*.test.mjs: state and links with fast-check, the store's topics, number formats, the
# headline in words, the validation line, the instruments' sources, the shared
# bad-value table), then the end-to-end tests in real headless
# Chromium (www/tests/e2e.mjs): builds the CLI (for the browser = `hemma run`
# check), the Wasm module and the page, then drives Debian's /usr/bin/chromium
# with playwright-core.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bash scripts/npm-ready.sh
bash scripts/build-wasm.sh
# The pure modules' unit tests (one reads the real catalogue from the Wasm build), then the browser.
(cd www && node --test tests/*.test.mjs)
(cd www && npx vite build --logLevel warn && npm run --silent offline && node tests/e2e.mjs)
