#!/usr/bin/env bash
# A sweep submitted to a real Slurm cluster as a job array plus a dependent
# merge job gives exactly the one-machine result. Starts a throw-away
# single-node cluster with scripts/slurm-local.sh (installs slurm-wlm and
# munge with apt-get if missing; needs root), submits
# examples/slurm/submit.sh with three shards, waits for the merge, compares
# results.csv and results.parquet byte for byte, and stops the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
cluster=$(mktemp -d /tmp/hemma-slurm.XXXXXX)
work=$(mktemp -d /tmp/hemma-slurm-work.XXXXXX)
chmod 755 "$work"
cleanup() { bash scripts/slurm-local.sh down "$cluster" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release --quiet
export HEMMA="$root/target/release/hemma"
plan=examples/sweeps/tiny.toml
"$HEMMA" sweep "$plan" --out "$work/single" --quiet

if ! bash scripts/slurm-local.sh up "$cluster"; then
  echo "0 passed, 1 failed"
  exit 1
fi
export SLURM_CONF="$cluster/slurm.conf"
HEMMA_SUBMIT_WAIT=1 timeout 600 bash examples/slurm/submit.sh "$plan" "$work/cluster" 3
for f in results.csv results.parquet design.csv; do
  if ! cmp -s "$work/single/$f" "$work/cluster/$f"; then
    echo "slurm-test: $f differs between the cluster and the single-machine run" >&2
    ls -la "$work/cluster" "$work/cluster/chunks" >&2 || true
    cat "$work/cluster"/hemma-*.out >&2 || true
    echo "0 passed, 1 failed"
    exit 1
  fi
done
shards=$(ls "$work/cluster"/hemma-sweep-*.out | wc -l)
echo "slurm-test: $shards array tasks and the merge job ran; results equal the single-machine run"
echo "1 passed, 0 failed"
