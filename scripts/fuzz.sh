#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer) of every parser and
# checker of user input: scenario files as any text (TOML and JSON) and as
# valid-shaped scenarios mutated (fuzz/fuzz_targets/scenario_shaped.rs),
# place files, sweep plans and calibration target files.
#
#   bash scripts/fuzz.sh                 30 seconds per target
#   bash scripts/fuzz.sh 20              20 seconds per target (the test command's short run)
#   bash scripts/fuzz.sh --runs 1000000  a million inputs per target (the long run in README)
#   bash scripts/fuzz.sh --runs 1000000 --save
#                                        ... then minimise the corpus (cargo fuzz cmin) and
#                                        write it to fuzz/corpus/<target>.tar.gz to commit
#
# Each target starts from its committed corpus (fuzz/corpus/<target>.tar.gz,
# minimised after the last long run), the repository's own files of its kind
# (scenarios/, examples/, data/calibration/) and a few hand-written seeds
# (fuzz/seeds/<target>/), gathered in target/fuzz-corpus/<target>; libFuzzer
# runs all of it before mutating, so every run replays the corpus. A crash or
# a hang stops the run: libFuzzer writes the input to fuzz/artifacts/<target>/;
# after the fix, commit it under fuzz/regressions/<target>/, where
# tests/fuzz_regressions.rs replays it on every `cargo test`. Runs on the
# stable toolchain: no sanitizer (-s none), debug assertions and overflow
# checks on (-a), and RUSTC_BOOTSTRAP=1, which cargo-fuzz's build flags need.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=(-max_total_time=30)
save=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) limit=(-runs="$2"); shift 2 ;;
    --save) save=1; shift ;;
    *) limit=(-max_total_time="$1"); shift ;;
  esac
done
want=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -q " $want\$"; then
  echo "fuzz: installing cargo-fuzz $want (about 3 minutes, once)" >&2
  cargo install --quiet cargo-fuzz --version "$want"
fi
export RUSTC_BOOTSTRAP=1
targets=(scenario_text scenario_shaped place_file sweep_plan calibration_targets)
(cd fuzz && cargo fuzz build -s none -a)
for t in "${targets[@]}"; do
  work="target/fuzz-corpus/$t"
  mkdir -p "$work" "fuzz/artifacts/$t"
  [ -f "fuzz/corpus/$t.tar.gz" ] && tar xzf "fuzz/corpus/$t.tar.gz" -C "$work"
  case "$t" in # the repository's own files of each kind are seeds too
    scenario_text) own=(scenarios/*.toml examples/*.toml) ;;
    place_file) own=(examples/places/*.toml) ;;
    sweep_plan) own=(examples/sweeps/*.toml) ;;
    calibration_targets) own=(data/calibration/targets.toml) ;;
    *) own=() ;;
  esac
  for f in "${own[@]}"; do cp "$f" "$work/seed-${f//\//-}"; done # the path in the name: two folders hold sverige.toml
  [ -d "fuzz/seeds/$t" ] && cp fuzz/seeds/"$t"/* "$work"/
  [ -d "fuzz/regressions/$t" ] && cp fuzz/regressions/"$t"/* "$work"/ 2>/dev/null
  echo "fuzz: $t (${limit[*]}, $(ls "$work" | wc -l) inputs to start from)" >&2
  log="$PWD/target/fuzz-$t.log"
  if ! (cd fuzz && cargo fuzz run -s none -a "$t" "../$work" -- "${limit[@]}" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1); then
    tail -40 "$log" >&2
    echo "fuzz: $t failed; the input is in fuzz/artifacts/$t/ (full log: $log)" >&2
    exit 1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^Done" "$log" | sed "s/^/fuzz: $t: /" >&2
  if [ "$save" = 1 ]; then
    (cd fuzz && cargo fuzz cmin -s none -a "$t" "../$work" >/dev/null 2>&1)
    tar czf "fuzz/corpus/$t.tar.gz" -C "$work" .
    echo "fuzz: $t: corpus minimised to $(ls "$work" | wc -l) inputs, fuzz/corpus/$t.tar.gz" >&2
  fi
done
echo "fuzz: no panics and no hangs" >&2
