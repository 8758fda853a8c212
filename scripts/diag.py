#!/usr/bin/env python3
"""Print yearly means over replications of selected outputs from a run's replications.csv.
Usage: scripts/diag.py out/DIR [col ...]"""
import csv, sys, collections
d = sys.argv[1]
cols = sys.argv[2:] or ["homeless_per_10k","sit1_per_10k","sit2_per_10k","sit4_per_10k","n_rough_sleepers","executed_evictions_per_10k",
  "payment_orders_per_1000_rentals","new_payment_orders","new_eviction_applications","new_withdrawn","new_executed_evictions","new_moves_under_threat","new_executed_disturbance",
  "remark_share_adults","vacancy_rate","n_searching","n_sublet","n_parental_home","new_housed","mean_search_months","n_households","n_dwellings","n_residents","new_homeless","new_homeless_from_eviction","new_homeless_from_threat_move","new_homeless_from_separation","new_homeless_from_young_adult","new_homeless_from_arrival","new_homeless_from_sublet_end","new_homeless_from_institution","new_homeless_exits","mean_months_homeless_at_exit","n_in_arrears"]
acc = collections.defaultdict(lambda: collections.defaultdict(list))
reps=set()
with open(f"{d}/replications.csv") as f:
    for r in csv.DictReader(f):
        y = r["date"][:4]; reps.add(r["replication"])
        for c in cols: acc[c][y].append(float(r[c]))
years = sorted(acc[cols[0]])
print(f"{'output':36}" + "".join(f"{y:>10}" for y in years))
for c in cols:
    print(f"{c:36}" + "".join(f"{sum(acc[c][y])/len(acc[c][y]):10.3f}" for y in years))
