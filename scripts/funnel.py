#!/usr/bin/env python3
"""Eviction funnel and key rates of a run, for calibration checks.
Usage: scripts/funnel.py out/DIR"""
import csv, sys
rows = list(csv.DictReader(open(f"{sys.argv[1]}/replications.csv")))
def tot(c): return sum(float(r[c]) for r in rows)
po, app, wd, ex = tot('new_payment_orders'), tot('new_eviction_applications'), tot('new_withdrawn'), tot('new_executed_evictions')
mv, dist, ch = tot('new_moves_under_threat'), tot('new_executed_disturbance'), tot('new_children_affected')
print(f"applications/payment orders {app/po:.2f}  withdrawn/app {wd/app:.2f}  executed/app {ex/app:.2f}  "
      f"moves/evictions {mv/ex:.2f}  arrears share {(ex-dist)/ex:.2f}  children/eviction {ch/ex:.2f}")
def mean(c): return sum(float(r[c]) for r in rows) / len(rows)
for c in ['homeless_per_10k', 'executed_evictions_per_10k', 'payment_orders_per_1000_rentals', 'remark_share_adults',
          'sit1_per_10k', 'sit2_per_10k', 'sit4_per_10k', 'n_rough_sleepers', 'vacancy_rate', 'mean_search_months']:
    print(f"{c:35} {mean(c):.3f}")
