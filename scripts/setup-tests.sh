#!/usr/bin/env bash
# Installs what the full test suite needs beyond Rust and Node.js, on a fresh
# machine, and does nothing for what is already there:
#   - the wasm32-unknown-unknown target and wasm-bindgen-cli 0.2.130 (the
#     version pinned in Cargo.toml; compiling it takes about 4 minutes once);
#   - the npm packages of the dashboard (www/node_modules, from the lock
#     file; `npm ci` only when the lock file changed: scripts/npm-ready.sh);
#   - pandas and pyarrow for the Parquet check, and the Python package
#     (python/, built by maturin) with its test dependencies, in a virtual
#     environment of the project's own (target/py; nothing is installed into
#     the system Python) — rebuilt only when what goes into it changed
#     (a stamp with a hash of python/, crate/, data/, scenarios/ and the
#     cargo files);
#   - Debian's Chromium for the browser tests (apt-get; needs root — otherwise
#     it stops with the command to run).
# The Slurm test installs slurm-wlm and munge itself (scripts/slurm-local.sh).
# With --quick (the quick tier, scripts/test.sh --quick): no Python.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'setup-tests: %s\n' "$*" >&2; }
quick=0
[ "${1:-}" = --quick ] && quick=1

if command -v rustup >/dev/null 2>&1; then
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown
fi
want=0.2.130
if ! command -v wasm-bindgen >/dev/null 2>&1 || ! wasm-bindgen --version | grep -q " $want\$"; then
  say "installing wasm-bindgen-cli $want (about 4 minutes, once)"
  cargo install --quiet wasm-bindgen-cli --version "$want"
fi

bash scripts/npm-ready.sh

if [ "$quick" = 0 ] && ! target/py/bin/python -c 'import pandas, pyarrow' >/dev/null 2>&1; then
  say "creating target/py with pandas and pyarrow"
  rm -rf target/py
  python3 -m venv target/py
  target/py/bin/python -m pip install --quiet --disable-pip-version-check pandas pyarrow
fi
# The Python package from this checkout, with what its tests and the example
# notebook need (pytest, polars, tqdm, matplotlib, nbclient, ipykernel).
# pip rebuilds a local directory every time (maturin compiles the extension:
# about 2 minutes on 2 cores), so it runs only when the sources that go into
# the package differ from those of the last install (the stamp's hash).
if [ "$quick" = 0 ]; then
  # The files git would keep (tracked or new, not ignored: no caches, no builds).
  files() { git ls-files -z --cached --others --exclude-standard -- python crate data scenarios Cargo.toml Cargo.lock build.rs 2>/dev/null \
    || find python crate data scenarios Cargo.toml Cargo.lock build.rs -type f ! -path '*/__pycache__/*' ! -path '*/.pytest_cache/*' -print0; }
  # (A tracked file deleted in the checkout hashes as sha256sum's complaint.)
  sources=$( (files | sort -z | xargs -0 sha256sum 2>&1 || true) | sha256sum | cut -d' ' -f1)
  stamp=target/py/.hemma-package
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sources" ] && target/py/bin/python -c 'import hemma' >/dev/null 2>&1; then
    say "the Python package in target/py is from these sources; not reinstalled"
  else
    say "installing the Python package (pip install ./python[test]) into target/py"
    target/py/bin/python -m pip install --quiet --disable-pip-version-check './python[test]'
    echo "$sources" >"$stamp"
  fi
fi

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
