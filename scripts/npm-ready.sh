#!/usr/bin/env bash
# The dashboard's npm packages (www/node_modules) as www/package-lock.json
# names them: runs `npm ci` only when the lock file differs from the one the
# installed packages came from (a stamp in www/node_modules), so that the
# test command and the dashboard's scripts install them at most once.
set -euo pipefail
cd "$(dirname "$0")/../www"
want=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.hemma-npm-ci
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
echo "$want" >"$stamp"
