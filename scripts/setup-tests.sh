#!/usr/bin/env bash
# Installs what the full test suite needs beyond Rust and Node.js, on a fresh
# machine, and does nothing for what is already there:
#   - the wasm32-unknown-unknown target and wasm-bindgen-cli 0.2.130 (the
#     version pinned in Cargo.toml; compiling it takes about 4 minutes once);
#   - the npm packages of the dashboard (www/node_modules, from the lock file);
#   - pandas and pyarrow for the Parquet check, and the Python package
#     (python/, built by maturin) with its test dependencies, in a virtual
#     environment of the project's own (target/py; nothing is installed into
#     the system Python);
#   - Debian's Chromium for the browser tests (apt-get; needs root — otherwise
#     it stops with the command to run).
# The Slurm test installs slurm-wlm and munge itself (scripts/slurm-local.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'setup-tests: %s\n' "$*" >&2; }

if command -v rustup >/dev/null 2>&1; then
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown
fi
want=0.2.130
if ! command -v wasm-bindgen >/dev/null 2>&1 || ! wasm-bindgen --version | grep -q " $want\$"; then
  say "installing wasm-bindgen-cli $want (about 4 minutes, once)"
  cargo install --quiet wasm-bindgen-cli --version "$want"
fi

(cd www && npm ci --no-audit --no-fund --loglevel=error)

if ! target/py/bin/python -c 'import pandas, pyarrow' >/dev/null 2>&1; then
  say "creating target/py with pandas and pyarrow"
  rm -rf target/py
  python3 -m venv target/py
  target/py/bin/python -m pip install --quiet --disable-pip-version-check pandas pyarrow
fi
# The Python package from this checkout, with what its tests and the example
# notebook need (pytest, polars, tqdm, matplotlib, nbclient, ipykernel).
# pip rebuilds a local directory every time: maturin compiles the extension
# (about 2 minutes on 2 cores, less when cargo's target/ is warm).
say "installing the Python package (pip install ./python[test]) into target/py"
target/py/bin/python -m pip install --quiet --disable-pip-version-check './python[test]'

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "the browser tests need Debian's Chromium: run  sudo apt-get install chromium  and try again"
    exit 1
  fi
  say "installing Debian's Chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 || {
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null
  }
fi
say "ready"
