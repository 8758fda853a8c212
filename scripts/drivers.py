#!/usr/bin/env python3
"""Builds data/drivers/national.csv from data/covariates/*.csv.

Every value of the drivers table keeps the file and row it comes from and a
flag saying how it was obtained: observed (read as is), derived (computed
from observed values; the note gives the arithmetic), interpolated (linear
between the neighbouring years), assumption (no data; the note says what is
assumed) or held (after the last observed year, the last value is kept).

Run from the repository root: python3 scripts/drivers.py
"""
import csv
import os

FIRST, LAST = 2011, 2025
COV = "data/covariates"


def rows(name):
    with open(os.path.join(COV, name), newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["municipality"] == "Sweden"]


def series(name, metric):
    out = {}
    for r in rows(name):
        if r["metric"] == metric:
            out[r["year"]] = (float(r["value"]), r["source"])
    return out


out = []


def emit(driver, year, value, unit, flag, source, note=""):
    out.append([driver, year, f"{value:.4g}", unit, flag, source, note])


def fill(driver, unit, known):
    """known: {year: (value, flag, source, note)}; interpolates gaps, holds the end."""
    years = sorted(known)
    for y in range(FIRST, LAST + 1):
        if y in known:
            v, flag, src, note = known[y]
            emit(driver, y, v, unit, flag, src, note)
        elif y > years[-1]:
            v = known[years[-1]][0]
            emit(driver, y, v, unit, "held", known[years[-1]][2], f"last observed year {years[-1]} held")
        else:
            lo = max(k for k in years if k < y)
            hi = min(k for k in years if k > y)
            v = known[lo][0] + (known[hi][0] - known[lo][0]) * (y - lo) / (hi - lo)
            emit(driver, y, v, unit, "interpolated", f"{COV}/ between {lo} and {hi}", f"linear between {lo} and {hi}")


# Population growth, % per year (31 Dec to 31 Dec).
pop = series("national_timeseries.csv", "population")
known = {}
for y in range(FIRST, LAST + 1):
    if str(y) in pop and str(y - 1) in pop:
        a, b = pop[str(y - 1)][0], pop[str(y)][0]
        known[y] = (100 * (b / a - 1), "derived", f"{COV}/national_timeseries.csv (SCB population 31 Dec)",
                    f"derived: {b:.0f} / {a:.0f} - 1")
fill("population_growth_pct", "% per year", known)

# Completions per 1,000 residents.
comp = series("national_timeseries.csv", "dwellings_completed")
per1000 = series("national_timeseries.csv", "dwellings_completed_per_1000_inh")
h1 = series("national_timeseries.csv", "dwellings_completed_h1")
known = {}
for y in range(2013, 2018):
    c = comp[str(y)][0]
    p = (pop[str(y)][0] + pop[str(y - 1)][0]) / 2
    known[y] = (1000 * c / p, "derived", f"{COV}/national_timeseries.csv (SCB completions)",
                f"derived: {c:.0f} completions / mean population {p:.0f} x 1000")
known[2018] = (per1000["2018"][0], "observed", f"{COV}/national_timeseries.csv ({per1000['2018'][1]})", "")
for y in (2020, 2021):
    c = h1[f"{y}H1"][0]
    p = pop[str(y)][0]
    known[y] = (2000 * c / p, "derived", f"{COV}/national_timeseries.csv (SCB completions first half-year)",
                f"derived: 2 x {c:.0f} (first half-year) / population {p:.0f} x 1000")
for y in (2011, 2012):
    known[y] = (known[2013][0], "assumption", f"{COV}/national_timeseries.csv",
                "assumption: as 2013 (no completion count for 2011-2012 in the data; starts were 26,062 in 2011 and 20,050 in 2012)")
fill("completions_per_1000", "dwellings per 1,000 residents per year", known)

# Unemployment, % of the labour force.
unemp = series("national_timeseries.csv", "unemployment_rate")
q = series("national_timeseries.csv", "unemployment_rate_quarter_nsa")
m = series("national_timeseries.csv", "unemployment_rate_month")
known = {}
for y in range(FIRST, 2021):
    known[y] = (unemp[str(y)][0], "observed", f"{COV}/national_timeseries.csv (SCB AKU, yearly)", "")
known[2021] = (q["2021Q1"][0], "derived", f"{COV}/national_timeseries.csv (SCB AKU)",
               "derived: first quarter, not seasonally adjusted (series break in 2021)")
known[2022] = ((q["2022Q1"][0] + q["2022Q2"][0]) / 2, "derived", f"{COV}/national_timeseries.csv (SCB AKU)",
               "derived: mean of the first two quarters, not seasonally adjusted")
known[2023] = (m["2023-12"][0], "derived", f"{COV}/national_timeseries.csv (secondary source)",
               "derived: December only; secondary source")
known[2024] = (q["2024Q1"][0], "derived", f"{COV}/national_timeseries.csv (SCB AKU)", "derived: first quarter, not seasonally adjusted")
known[2025] = (q["2025Q2"][0], "derived", f"{COV}/national_timeseries.csv (SCB AKU)", "derived: second quarter, not seasonally adjusted")
fill("unemployment_pct", "% of the labour force", known)

# Households on social assistance per 1,000 residents.
eb = series("social_assistance.csv", "eb_households")
known = {}
for y in range(FIRST, LAST + 1):
    if str(y) in eb and str(y) in pop:
        e, p = eb[str(y)][0], pop[str(y)][0]
        known[y] = (1000 * e / p, "derived", f"{COV}/social_assistance.csv (Socialstyrelsen) and national_timeseries.csv",
                    f"derived: {e:.0f} households / {p:.0f} residents x 1000")
fill("assistance_households_per_1000", "households per 1,000 residents", known)

# Newly arrived: an index (2011 = 100) of the municipalities' costs of
# targeted measures (the introduction of the newly arrived) per inhabitant,
# linked after 2018 to the numbers received and the settlement quotas.
cost = series("migration_foreign_born.csv", "cost_targeted_measures_per_inh")
recv = series("national_timeseries.csv", "newly_arrived_received")
quota = series("national_timeseries.csv", "newly_arrived_quota")
settle = series("migration_foreign_born.csv", "settlement_quota_national")
known = {}
for y in range(FIRST, 2019):
    known[y] = (cost[str(y)][0], "observed", f"{COV}/migration_foreign_born.csv (regionfakta, riket: cost of targeted measures)", "")
v2019 = cost["2017"][0] * recv["2019"][0] / recv["2017"][0]
known[2019] = (v2019, "derived", f"{COV}/national_timeseries.csv (newly arrived received)",
               f"derived: 2017 cost x {recv['2019'][0]:.0f} / {recv['2017'][0]:.0f} received (2019 vs 2017)")
for y in (2020, 2022):
    qv = quota[str(y)][0]
    known[y] = (v2019 * qv / settle["2019"][0], "derived", f"{COV}/national_timeseries.csv (settlement quotas)",
                f"derived: 2019 value x quota {qv:.0f} / 2019 quota {settle['2019'][0]:.0f}")
base = cost["2011"][0]
known = {y: (100 * v / base, flag, src, (note + "; " if note else "") + f"index: SEK per inhabitant / {base:.0f} (2011) x 100")
         for y, (v, flag, src, note) in known.items()}
fill("newly_arrived_index", "index, 2011 = 100", known)

# Consumer prices (KPI, 1980 = 100, yearly mean): the deflator of the
# nominal drivers below; the model's money is in the prices of 2011-2013.
kpi = series("prices_norms.csv", "kpi_annual_mean")
kpi_m = series("prices_norms.csv", "kpi_month")
kpi_c = series("prices_norms.csv", "kpi_12_month_change")
known = {}
for y in range(FIRST, 2024):
    known[y] = (kpi[str(y)][0], "observed", f"{COV}/prices_norms.csv (SCB KPI, yearly mean)", "")
m24 = [kpi_m[f"2023-{k:02d}"][0] * (1 + kpi_c[f"2024-{k:02d}"][0] / 100) for k in range(1, 13)]
known[2024] = (sum(m24) / 12, "derived", f"{COV}/prices_norms.csv (SCB KPI 2023 by month and the 12-month changes of 2024)",
               "derived: mean over the months of the 2023 index x (1 + the month's 12-month change in 2024)")
c25 = [kpi_c[f"2025-{k:02d}"][0] for k in range(1, 9)]
known[2025] = (known[2024][0] * (1 + sum(c25) / len(c25) / 100), "derived",
               f"{COV}/prices_norms.csv (SCB 12-month changes January-August 2025)",
               f"derived: 2024 mean x (1 + mean 12-month change of January-August 2025, {sum(c25) / len(c25):.3f}%); September-December not in the data")
kpi_known = known
fill("consumer_prices_index", "index, 1980 = 100 (yearly mean)", known)

# Rents, nominal index (2011 = 100), chained from the yearly change of
# rents for the same flats (SCB) and, where SCB's figure is not in the data,
# the negotiated average (Hyresgästföreningen).
def rent_rows(metric):
    """Rent changes by year; "2010/2011" counts as 2011."""
    return {int(y.split("/")[-1]): v for y, v in series("rent.csv", metric).items()}


scb = rent_rows("rent_change_scb")
negotiated = rent_rows("rent_increase_negotiated_avg")
known = {}
level = 100.0
for y in range(FIRST, LAST + 1):
    if y > FIRST:
        if y in scb:
            change, flag, src = scb[y][0], "derived", f"{COV}/rent.csv (SCB rent change for the same flats, {y - 1}/{y} or {y})"
        else:
            change, flag, src = negotiated[y][0], "derived", f"{COV}/rent.csv (negotiated average, Hyresgästföreningen; SCB's change not in the data)"
        level *= 1 + change / 100
        known[y] = (level, flag, src, f"derived: {y - 1} index x (1 + {change}%)")
    else:
        known[y] = (level, "derived", f"{COV}/rent.csv", f"index base; the {y - 1}/{y} change was {scb[y][0]}% (SCB)")
fill("rent_index", "index, 2011 = 100 (nominal)", known)

# The social assistance norm (riksnorm) for a single adult, nominal SEK per
# month: personal costs plus the common household costs of one person.
norm = series("prices_norms.csv", "riksnorm_single_adult")
norm_c = series("prices_norms.csv", "riksnorm_change")
src = f"{COV}/prices_norms.csv"
known = {}
for y in (2013, 2014, 2019, 2023):
    known[y] = (norm[str(y)][0], "observed", f"{src} ({norm[str(y)][1]})", "")
known[2018] = (norm["2019"][0] / (1 + norm_c["2019"][0] / 100), "derived", src,
               f"derived: 2019 amount / (1 + {norm_c['2019'][0]}%), the 2019 raise")
known[2022] = (norm["2023"][0] / (1 + norm_c["2023"][0] / 100), "derived", src,
               f"derived: 2023 amount / (1 + {norm_c['2023'][0]}%), the 2023 raise")
known[2024] = (norm["2023"][0] * (1 + norm_c["2024"][0] / 100), "derived", src,
               f"derived: 2023 amount x (1 + {norm_c['2024'][0]}%), the 2024 raise")
for y in (2011, 2012):
    known[y] = (norm["2013"][0] * kpi_known[y][0] / kpi_known[2013][0], "assumption", src,
                f"assumption: the 2013 amount moved back with prices (KPI {y} / 2013); earlier amounts not in the data")
fill("assistance_norm_sek", "SEK/month (single adult, nominal)", known)

# Housing allowance (bostadsbidrag): its income and housing-cost limits have
# stood still in kronor since 1997, so their real value falls with prices.
known = {y: (100.0, "observed", f"{COV}/prices_norms.csv (housing_allowance_limits_unchanged: three sources)",
             "limits unchanged in kronor since 1997; temporary supplements are not included") for y in range(FIRST, 2024)}
fill("housing_allowance_index", "index, limits of 2011 = 100 (nominal)", known)

os.makedirs("data/drivers", exist_ok=True)
with open("data/drivers/national.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["driver", "year", "value", "unit", "flag", "source", "note"])
    w.writerows(out)
print(f"data/drivers/national.csv: {len(out)} rows")
