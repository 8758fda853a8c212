#!/bin/bash
# Submits a hemma sweep to Slurm: a job array of SHARDS tasks (one shard each)
# and a merge job that starts when all of them have succeeded.
#
#   examples/slurm/submit.sh PLAN.toml OUTDIR [SHARDS] [extra sbatch options...]
#
# Prints the two job ids. With HEMMA_SUBMIT_WAIT=1 it waits for the merge job
# and exits with its status (used by the tests). OUTDIR must be visible from
# every node; PLAN's `base` path is resolved relative to PLAN.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
plan=${1:?usage: submit.sh PLAN.toml OUTDIR [SHARDS]}
out=${2:?usage: submit.sh PLAN.toml OUTDIR [SHARDS]}
shards=${3:-4}
shift $(( $# < 3 ? $# : 3 ))
case "$shards" in '' | *[!0-9]* | 0) echo "SHARDS must be a whole number from 1, not '$shards'" >&2; exit 2 ;; esac
mkdir -p "$out"
array=$(sbatch --parsable --array=0-$((shards - 1)) --chdir="$out" "$@" "$here/sweep.sbatch" "$(realpath "$plan")" "$(realpath "$out")")
array=${array%%;*}
echo "sweep: job array $array ($shards shards)"
wait=()
[ "${HEMMA_SUBMIT_WAIT:-0}" = 1 ] && wait=(--wait)
merge=$(sbatch --parsable "${wait[@]}" --dependency=afterok:"$array" --kill-on-invalid-dep=yes --chdir="$out" "$@" "$here/merge.sbatch" "$(realpath "$out")")
echo "merge: job ${merge%%;*} (after $array)"
