#!/usr/bin/env bash
# How many replications make the sign of the headline's lead figure stable
# (www/README.md, "How many replications"): Norrköping as the page runs it
# with Housing First 30 + outreach from 2027, `hemma compare` at each
# replication count in $COUNTS for 8 seeds; prints one line per run:
#   replications seed mean low high certainty
# (the lead figure: homeless person-years over the projection,
# alternative − baseline, with its 90% paired interval). Needs
# target/release/hemma and python3. Run it under `nice`; -j 1.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=${COUNTS:-"6 10 12 24"}
SCALE=${SCALE:-0.5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head="format = 3
preset = \"norrkoping\"
scale = $SCALE
start_year = 2026
horizon_months = 120
replications = 6"
for R in $COUNTS; do
  for seed in 2011 2012 2013 2014 2015 2016 2017 2018; do
    printf '%s\nname = "Norrköping"\nseed = %s\n' "$head" "$seed" > "$work/base.toml"
    printf '%s\nname = "HF 30 + outreach 2027"\nseed = %s\n[[instruments]]\nkind = "housing_first"\nplaces = 30\nstart_month = 12\n[[instruments]]\nkind = "outreach"\nstart_month = 12\n' \
      "$head" "$seed" > "$work/alt.toml"
    target/release/hemma compare "$work/base.toml" "$work/alt.toml" -r "$R" -j 1 -q -o "$work/out"
    python3 -c "
import json, sys
c = json.load(open('$work/out/comparison.json'))['headline']['homeless_person_years']
print($R, $seed, round(c['mean'], 1), round(c['low'], 1), round(c['high'], 1), c['certainty'])"
  done
done
