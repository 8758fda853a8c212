#!/usr/bin/env python3
"""Builds data/drivers/national.csv and data/drivers/places.csv from
data/covariates/*.csv (and, for places, data/municipalities-2012.csv).

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


def rows(name, place="Sweden"):
    with open(os.path.join(COV, name), newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["municipality"] == place]


def series(name, metric, place="Sweden"):
    out = {}
    for r in rows(name, place):
        if r["metric"] == metric:
            out[r["year"]] = (float(r["value"]), r["source"])
    return out


out = []


def emit(driver, year, value, unit, flag, source, note=""):
    # Four significant digits, but whole kronor for amounts of five digits.
    out.append([driver, year, f"{value:.4g}" if abs(value) < 1e4 else f"{value:.0f}", unit, flag, source, note])


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

# ---------------------------------------------------------------------------
# Household finances (issue 34): incomes by main source and the cost of
# living besides rent, all nominal (kronor or indices of their year; the
# model divides them by consumer prices). From household_finances.csv (the
# finances gathered for the project) and household_finances_extra.csv (the
# gaps filled by a later search); both have the columns
# scope,year,metric,value,unit,definition,flag,source (flag V: read in the
# source, D: derived there).
# ---------------------------------------------------------------------------
def finance(metric, files=("household_finances.csv", "household_finances_extra.csv")):
    found = {}
    for name in files:
        with open(os.path.join(COV, name), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["scope"] == "Sweden" and r["metric"] == metric:
                    found[r["year"]] = (float(r["value"]), f"{COV}/{name} ({r['source'].split(' ;')[0]})", r["flag"], r["definition"])
    return found


def chained(driver, unit, changes, what):
    """An index (2011 = 100) chained from yearly % changes {year: (change, source, flag, definition)}."""
    known = {FIRST: (100.0, "derived", changes.get("base_source", f"{COV}/household_finances.csv"), f"index base ({what})")}
    level = 100.0
    for y in range(FIRST + 1, LAST + 1):
        if y not in changes:
            break
        change, src, flag, definition = changes[y]
        level *= 1 + change / 100
        known[y] = (level, "derived", src, f"derived: {y - 1} index x (1 + {change}%){' (' + definition + ')' if definition else ''}")
    fill(driver, unit, known)


# Wages: nominal wage growth of the whole economy (Medlingsinstitutet,
# konjunkturlönestatistik), chained; moves the incomes of people in work.
g = finance("nominal_wage_growth")
g17 = finance("nominal_wage_growth_mi_2019")
g12 = finance("nominal_wage_growth_jan_jul_prelim")
g20 = finance("nominal_wage_growth_prelim")
changes = {}
for y in range(FIRST + 1, LAST + 1):
    k = str(y)
    if y == 2017 and k in g17:
        v, src, _, _ = g17[k]
        changes[y] = (v, src, "V", "MI's later figure for 2017; the earlier forecast was 2.5")
    elif y == 2012 and k in g12:
        v, src, _, _ = g12[k]
        changes[y] = (v, src, "V", "January-July, preliminary: the full year is not in the data")
    elif y == 2020 and k in g20:
        v, src, _, _ = g20[k]
        changes[y] = (v, src, "V", "preliminary")
    elif k in g:
        v, src, _, _ = g[k]
        changes[y] = (v, src, "V", "")
chained("wage_index", "index, 2011 = 100 (nominal)", changes, "nominal wages")

# Pensions: half the income pension's indexation (Pensionsmyndigheten) and
# half the guarantee pension, which follows the price base amount: the
# pensioners at risk of arrears have low pensions with a large guarantee
# part (assumption: equal weights).
idx = finance("income_pension_indexation")
pbb = finance("prisbasbelopp")
changes = {}
for y in range(FIRST + 1, LAST + 1):
    k = str(y)
    if k not in idx or k not in pbb:
        break
    guarantee = (pbb[k][0] / pbb[str(y - 1)][0] - 1) * 100
    v = 0.5 * idx[k][0] + 0.5 * guarantee
    changes[y] = (v, f"{idx[k][1]}; {pbb[k][1]}", "D",
                  f"assumption: 0.5 x income-pension indexation {idx[k][0]}% + 0.5 x guarantee pension (price base amount) {guarantee:.2f}%")
chained("pension_index", "index, 2011 = 100 (nominal)", changes, "pensions: half income pension, half guarantee pension")

# Sickness and activity compensation: the guaranteed level from age 30
# (Försäkringskassan; 2.40 price base amounts to 2020, 2.53 in 2021, 2.78
# from 2022, each year's row says which is read and which derived).
sick = finance("sjukersattning_garanti_30plus_month")
sick.update({y: v for y, v in finance("sjukersattning_garanti_30plus").items() if y not in sick})
known = {}
for y in range(FIRST, LAST + 1):
    k = str(y)
    if k in sick:
        v, src, flag, definition = sick[k]
        known[y] = (v, "observed" if flag == "V" else "derived", src, definition if flag != "V" else "")
fill("sickness_compensation_sek", "SEK/month (guarantee level, nominal)", known)

# Unemployment insurance (a-kassa): the benefit of a typical recipient, 80%
# of an earlier wage of 0.8 times the average wage (IAF: new claimants of
# 2021 had earned 29,600 a month against an average of 37,100), at most the
# highest daily benefit of days 1-100 for 22 days a month. The ceiling bound
# most recipients until it was raised in 2015 and 2020 (only 30% received
# 80% in 2019); a raise during a year counts for its months. The average
# wage is SCB's of 2012 moved with the wage index above.
cap = finance("akassa_max_daily_day1_100")
avg = finance("avg_monthly_wage")
wage_level = {}
for row in out:
    if row[0] == "wage_index":
        wage_level[row[1]] = float(row[2])
raised = {2015: (680.0, 910.0, 7 + 24 / 30, "raised from 680 to 910 on 7 September 2015"),
          2020: (910.0, 1200.0, 3 + 12 / 30, "raised from 910 to 1,200 on 13 April 2020"),
          2025: (1200.0, 1236.0, 7 + 3 / 31, "raised from 1,200 to 1,236 on 4 August 2025")}
known = {}
for y in range(FIRST, LAST + 1):
    k = str(y)
    if y in raised:
        old, new, months, what = raised[y]
        ceiling = (old * months + new * (12 - months)) / 12
        how = f"ceiling {what} (the year's mean over its months)"
    else:
        ceiling = cap[k][0]
        how = f"ceiling {ceiling:.0f} SEK a day"
    average = avg["2012"][0] * wage_level[y] / wage_level[2012]
    benefit = min(0.8 * 0.8 * average, 22 * ceiling)
    known[y] = (benefit, "derived", f"{cap[k][1]}; {avg['2012'][1]}; {COV}/household_finances_extra.csv (IAF 2021)",
                f"derived: min(0.8 x 0.8 x average wage {average:.0f}, 22 x {how})")
fill("unemployment_benefit_sek", "SEK/month (a typical recipient's benefit before tax, nominal)", known)

# The cost of living besides rent for a low-income household: food weighs
# about 0.4 of it and the rest follows consumer prices (assumption: food is
# the largest of Konsumentverket's calculated items, which cover about 40% of
# a household's costs besides housing and transport). Food: KPI group 01
# (food and soft drinks) 2011-2016, chained with KPI 01.1 (food) from 2017.
# No yearly household energy price series was found: energy enters through
# consumer prices only.
food01 = finance("kpi_food_nonalc_bev_index")
food011 = finance("kpi_food_index_0111")
food = {}
for y in range(FIRST, 2017):
    food[y] = (food01[str(y)][0] / food01[str(FIRST)][0] * 100, food01[str(y)][1])
for y in range(2017, LAST + 1):
    k, k0 = str(y), str(y - 1)
    if k not in food011 or k0 not in food011:
        break
    food[y] = (food[y - 1][0] * food011[k][0] / food011[k0][0], food011[k][1])
known = {}
for y in range(FIRST, LAST + 1):
    if y not in food or y not in kpi_known:
        break
    prices = kpi_known[y][0] / kpi_known[FIRST][0] * 100
    v = 0.4 * food[y][0] + 0.6 * prices
    known[y] = (v, "derived", f"{food[y][1]}; {COV}/prices_norms.csv (KPI)",
                f"derived: 0.4 x food index {food[y][0]:.1f} + 0.6 x consumer prices {prices:.1f} (2011 = 100; weights an assumption)")
fill("living_cost_index", "index, 2011 = 100 (nominal)", known)

os.makedirs("data/drivers", exist_ok=True)
with open("data/drivers/national.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["driver", "year", "value", "unit", "flag", "source", "note"])
    w.writerows(out)
print(f"data/drivers/national.csv: {len(out)} rows")


# ---------------------------------------------------------------------------
# Places: a place's own series where the data have one; every other year of
# that series is "chained": the national value of the year times the place's
# relation to the country, over all its years with data (population growth)
# or in the nearest year with data (assistance, newly arrived, rents). A
# driver without place data is not written: the place follows the country.
# ---------------------------------------------------------------------------
nat = {}
for d, y, v, *_ in out:
    nat.setdefault(d, {})[y] = float(v)

PLACES = ["Göteborg", "Jönköping", "Karlstad", "Norrköping", "Nynäshamn", "Södertälje", "Uppsala", "Västerås"]
with open("data/municipalities-2012.csv", newline="", encoding="utf-8") as f:
    POP2012 = {r["municipality"]: float(r["population"]) for r in csv.DictReader(f)}
PC = f"{COV}/population_construction.csv"
place_out = []


def place_fill(place, driver, unit, known, chain):
    """known: {year: (value, flag, source, note)}; other years: chain(year)."""
    for y in range(FIRST, LAST + 1):
        if y in known:
            v, flag, src, note = known[y]
        else:
            v, src, note = chain(y)
            flag = "chained"
        place_out.append([place, driver, y, f"{v:.4g}", unit, flag, src, note])


def ratio_chain(driver, known, what):
    """Chains a series by the mean ratio of the place's values to the
    national ones over the years it has data."""
    ys = sorted(known)
    k = sum(known[y][0] for y in ys) / sum(nat[driver][y] for y in ys)
    return lambda y: (nat[driver][y] * k, f"data/drivers/national.csv ({driver})",
                      f"national {y} x {k:.4f}, the place's {what} over the country's in its {len(ys)} years with data ({ys[0]}-{ys[-1]})")


def nearest_chain(driver, known, what):
    """Chains a series by the place's relation to the country in the
    nearest year with data, so that the series has no step where the data end."""
    def chain(y):
        near = min(known, key=lambda k: (abs(k - y), k))
        k = known[near][0] / nat[driver][near]
        return (nat[driver][y] * k, f"data/drivers/national.csv ({driver})",
                f"national {y} x {k:.4f}, the place's {what} over the country's in {near}")
    return chain


for place in PLACES:
    # Population (31 Dec): 2012 from data/municipalities-2012.csv, the rest
    # from population_construction.csv.
    points = {2012: (POP2012[place], "data/municipalities-2012.csv")}
    for y, (v, src) in series("population_construction.csv", "population", place).items():
        points[int(y)] = (v, f"{PC} ({src})")
    years = sorted(points)
    known = {}
    for y in range(max(FIRST, years[0] + 1), years[-1] + 1):
        a = max(k for k in years if k < y)
        b = min(k for k in years if k >= y)
        (pa, sa), (pb, sb) = points[a], points[b]
        g = 100 * ((pb / pa) ** (1 / (b - a)) - 1)
        if b - a == 1:
            known[y] = (g, "derived", f"{sb}; {sa}", f"derived: {pb:.0f} / {pa:.0f} - 1")
        else:
            known[y] = (g, "interpolated", f"{sb}; {sa}", f"geometric mean: ({pb:.0f} / {pa:.0f})^(1/{b - a}) - 1, {a}-{b}")
    # A year's growth in persons, where published, over the year before's
    # population (the points, or the series carried from the last point).
    persons = series("population_construction.csv", "population_growth", place)
    level = {y: v for y, (v, _) in points.items()}
    chain_growth = ratio_chain("population_growth_pct", known, "growth")
    for y in range(years[-1] + 1, LAST + 1):
        prev = level[y - 1]
        key = str(y) if str(y) in persons else f"Q3 {y - 1}-Q3 {y}" if f"Q3 {y - 1}-Q3 {y}" in persons else None
        if key is not None:
            n, src = persons[key]
            known[y] = (100 * n / prev, "derived", f"{PC} ({src})",
                        f"derived: {n:+.0f} persons ({key}) / {prev:.0f}, the population of {y - 1} carried from {years[-1]}")
        g = known[y][0] if y in known else chain_growth(y)[0]
        level[y] = prev * (1 + g / 100)
    if "2012" in persons and 2011 in points:
        n, src = persons["2012"]
        pa = points[2011][0]
        known[2012] = (100 * n / pa, "derived", f"{PC} ({src})",
                       f"derived: {n:+.0f} persons / {pa:.0f} (2011); the published change, preferred to the difference of the two population figures")
    place_fill(place, "population_growth_pct", "% per year", known, ratio_chain("population_growth_pct", known, "growth"))

    # The population in a year (31 Dec), from the growth series just written.
    grow = {r[2]: float(r[3]) for r in place_out if r[0] == place and r[1] == "population_growth_pct"}
    popl = {2012: POP2012[place]}
    for y in range(2013, LAST + 1):
        popl[y] = points[y][0] if y in points else popl[y - 1] * (1 + grow[y] / 100)
    popl[2011] = points[2011][0] if 2011 in points else POP2012[place] / (1 + grow[2012] / 100)

    # Households on social assistance per 1,000 residents.
    eb = series("social_assistance.csv", "eb_households", place)
    known = {}
    for y in range(FIRST, LAST + 1):
        if str(y) in eb:
            e, src = eb[str(y)]
            known[y] = (1000 * e / popl[y], "derived", f"{COV}/social_assistance.csv ({src})",
                        f"derived: {e:.0f} households / {popl[y]:.0f} residents x 1000")
    fam = series("social_assistance.csv", "eb_families_share", place)
    if known and len(fam) >= 2:
        # The share of families on assistance moves the households per 1,000
        # residents back from the year both are known.
        anchor = max(y for y in known if str(y) in fam)
        for fy, (share, src) in fam.items():
            fy = int(fy)
            if fy not in known:
                v = known[anchor][0] * share / fam[str(anchor)][0]
                known[fy] = (v, "derived", f"{COV}/social_assistance.csv ({src})",
                             f"derived: {anchor} value x {share} / {fam[str(anchor)][0]} (% of families on assistance, {fy} / {anchor})")
        ys = sorted(known)
        for y in range(ys[0] + 1, ys[-1]):
            if y not in known:
                lo = max(k for k in ys if k < y)
                hi = min(k for k in ys if k > y)
                v = known[lo][0] + (known[hi][0] - known[lo][0]) * (y - lo) / (hi - lo)
                known[y] = (v, "interpolated", f"{COV}/social_assistance.csv", f"linear between {lo} and {hi}")
    if known:
        place_fill(place, "assistance_households_per_1000", "households per 1,000 residents", known,
                   nearest_chain("assistance_households_per_1000", known, "rate"))

    # Newly arrived: the place's cost of targeted measures per inhabitant
    # over the country's, moving the national index (2011 = 100). After the
    # last year with both (2018), the place keeps its relation of that year.
    cost_p = series("migration_foreign_born.csv", "cost_targeted_measures_per_inh", place)
    both = [y for y in range(FIRST, LAST + 1) if str(y) in cost_p and str(y) in cost]
    if len(both) >= 2:
        rel0 = cost_p[str(both[0])][0] / cost[str(both[0])][0]
        known = {}
        for y in both:
            rel = cost_p[str(y)][0] / cost[str(y)][0]
            known[y] = (nat["newly_arrived_index"][y] * rel / rel0, "derived",
                        f"{COV}/migration_foreign_born.csv (regionfakta: {place} and riket, cost of targeted measures)",
                        f"derived: national index x ({cost_p[str(y)][0]:.0f} / {cost[str(y)][0]:.0f}) / ({cost_p[str(both[0])][0]:.0f} / {cost[str(both[0])][0]:.0f}), the place's cost over the country's relative to {both[0]}")

        def chain_arrived(y, both=both, rel0=rel0, place=place):
            near = min(both, key=lambda b: abs(b - y))
            rel = cost_p[str(near)][0] / cost[str(near)][0] / rel0
            return (nat["newly_arrived_index"][y] * rel, "data/drivers/national.csv (newly_arrived_index)",
                    f"national {y} x {rel:.4f}, the place's relation to the country in {near}"
                    + (f" (its costs for {', '.join(y2 for y2 in sorted(cost_p) if int(y2) > 2018)} are in the data, the country's are not)" if y > 2018 and any(int(y2) > 2018 for y2 in cost_p) else ""))
        place_fill(place, "newly_arrived_index", "index, 2011 = 100", known, chain_arrived)

    # Rents: the national index with the place's own change in the years it
    # is published (a municipal company's negotiated rise or SCB's region).
    own = {}
    for metric in ("rent_increase_negotiated", "rent_change"):
        for name in (place, f"{place} (Stor-{place})"):
            for y, (v, src) in series("rent.csv", metric, name).items():
                own[int(y.split("/")[-1])] = (v, f"{COV}/rent.csv ({src})", metric)
    if own:
        # The place's index over the national one: the product of the
        # place's own changes over the national ones, up to the year.
        scale, f = {}, 1.0
        for y in range(FIRST, LAST + 1):
            if y in own:
                f *= (1 + own[y][0] / 100) / (nat["rent_index"][y] / nat["rent_index"][y - 1])
            scale[y] = f
        known = {}
        for y, (change, src, metric) in own.items():
            national_change = 100 * (nat["rent_index"][y] / nat["rent_index"][y - 1] - 1)
            known[y] = (nat["rent_index"][y] * scale[y], "derived", src,
                        f"derived: {y - 1} index x (1 + {change}%), the place's own change ({metric}) in place of the national {national_change:.2f}%")

        def chain_rent(y, scale=scale):
            return (nat["rent_index"][y] * scale[y], "data/drivers/national.csv (rent_index)",
                    f"national {y} x {scale[y]:.4f}, the place's own changes so far over the national ones")
        place_fill(place, "rent_index", "index, 2011 = 100 (nominal)", known, chain_rent)

with open("data/drivers/places.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["place", "driver", "year", "value", "unit", "flag", "source", "note"])
    w.writerows(place_out)
print(f"data/drivers/places.csv: {len(place_out)} rows")
