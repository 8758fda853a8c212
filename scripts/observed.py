#!/usr/bin/env python3
"""Builds data/evidence/observed_points.csv: every observed value the
project's data hold that a run's outputs can be set beside, in the output's
own unit, for Sverige and the eight municipalities.

Each row names the place (preset id), the output (a column of
docs/outputs.md), the year (and the month of a count), the value, and its
role:

  start   the run starts from it (the 2011 count and its situation split);
  fit     a calibration target of 2011-2013 (docs/odd.md section 4);
  check   an outcome after 2013: shown beside the history, never fitted;
  volume  an instrument's volume (contracts in force), which may drive a run.

Rates per 10,000 are over the residents at the end of the year before the
count (SCB, data/covariates/national_timeseries.csv; a municipality's from its
own figure or its population series in data/drivers/places.csv). Counts are
for the whole place. Each row keeps its source file and a caveat in English
and Swedish, which the validation report and the page show.

Run from the repository root: python3 scripts/observed.py
"""
import csv
import os

EV = "data/evidence"
ROWS = []


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def national_population():
    pop = {}
    for r in read("data/covariates/national_timeseries.csv"):
        if r["municipality"] == "Sweden" and r["metric"] == "population":
            pop[int(r["year"])] = float(r["value"])
    return pop


NAT_POP = national_population()


def place_population():
    """Each municipality's population at 31 Dec by year: 2012 from
    data/municipalities-2012.csv, other years chained with its own growth
    series in data/drivers/places.csv (the series the runs follow)."""
    base = {r["municipality"]: float(r["population"]) for r in read("data/municipalities-2012.csv")}
    growth = {}
    for r in read("data/drivers/places.csv"):
        if r["driver"] == "population_growth_pct":
            growth.setdefault(r["place"], {})[int(r["year"])] = float(r["value"])
    pop = {}
    for name, p2012 in base.items():
        years = {2012: p2012}
        for y in range(2013, 2026):
            years[y] = years[y - 1] * (1 + growth[name][y] / 100)
        for y in range(2012, 2010, -1):
            years[y - 1] = years[y] / (1 + growth[name][y] / 100)
        pop[name] = years
    return pop


PLACE_POP = place_population()
IDS = {"Sweden": "sverige", "Göteborg": "goteborg", "Jönköping": "jonkoping", "Karlstad": "karlstad",
       "Norrköping": "norrkoping", "Nynäshamn": "nynashamn", "Södertälje": "sodertalje", "Uppsala": "uppsala",
       "Västerås": "vasteras"}


def residents(place, year):
    """Residents at the end of the year before `year`."""
    if place == "Sweden":
        return NAT_POP[year - 1]
    return PLACE_POP[place][year - 1]


def add(place, output, year, month, value, role, source, en, sv):
    text = f"{value:.4g}" if abs(value) < 1e4 else f"{value:.0f}"
    ROWS.append([IDS[place], output, year, month, text, role, source, en, sv])


def per10k(place, year, count):
    return count * 10_000 / residents(place, year)


# ---- Homeless counts (Socialstyrelsen): the count takes in adults ---------
maps = {(int(r["year"]), r["metric"]): r for r in read(f"{EV}/homelessness_mappings.csv") if r["scope"] == "Sweden"}
src = f"{EV}/homelessness_mappings.csv"
add("Sweden", "homeless_per_10k", 2011, 5, 36.0, "start", src,
    "34,000 persons (adults) in May 2011: every run starts here",
    "34 000 personer (vuxna) i maj 2011: varje körning börjar här")
add("Sweden", "homeless_per_10k", 2017, 4, per10k("Sweden", 2017, 33250), "check", src,
    "33,250 in April 2017 as published; fewer municipalities took part than in 2011",
    "33 250 i april 2017 som publicerat; färre kommuner deltog än 2011")
add("Sweden", "homeless_per_10k", 2017, 4, per10k("Sweden", 2017, 30090), "check", src,
    "30,090: the 2017 count recomputed by the 2023 method, the figure to compare with 2023",
    "30 090: 2017 års kartläggning omräknad med 2023 års metod, den siffra som jämförs med 2023")
add("Sweden", "homeless_per_10k", 2023, 4, per10k("Sweden", 2023, 27383), "check", src,
    "27,383 adults in April 2023 (a changed method: situation 3 from Boverket's survey)",
    "27 383 vuxna i april 2023 (ändrad metod: situation 3 från Boverkets enkät)")
situations = [("sit1_per_10k", "sit1_acute", "situation 1"), ("sit2_per_10k", "sit2_institution", "situation 2"),
              ("sit3_per_10k", "sit3_longterm", "situation 3"), ("sit4_per_10k", "sit4_shortterm_private", "situation 4")]
for year, month in ((2011, 5), (2017, 4), (2023, 4)):
    for output, metric, name in situations:
        r = maps.get((year, metric))
        if not r:
            continue
        role = "start" if year == 2011 and output in ("sit1_per_10k", "sit3_per_10k") else ("check" if year > 2013 else "fit")
        if year == 2011 and output in ("sit2_per_10k", "sit4_per_10k"):
            role = "check"
            en = f"{name}: about {r['value']} in 2011 (a secondary source; about 3,200 of the 34,000 had no situation)"
            sv = f"{name.replace('situation', 'situation')}: omkring {r['value']} år 2011 (sekundär källa; omkring 3 200 av 34 000 saknade situation)"
        else:
            en = f"{name}: {r['value']} in {year}" + (" (Boverket's survey, adults)" if year == 2023 and output == "sit3_per_10k" else "")
            sv = f"{name}: {r['value']} år {year}" + (" (Boverkets enkät, vuxna)" if year == 2023 and output == "sit3_per_10k" else "")
        add("Sweden", output, year, month, per10k("Sweden", year, float(r["value"])), role, src, en, sv)
for year in (2017, 2023):
    r = maps[(year, "children_with_homeless_parent")]
    add("Sweden", "children_with_homeless_parent_per_10k", year, 4, per10k("Sweden", year, float(r["value"])), "check", src,
        f"{'at least' if year == 2017 else 'over'} {r['value']} children with a homeless parent in {year}, reported apart from the count"
        + (" (including children who do not live with that parent)" if year == 2017 else ""),
        f"{'minst' if year == 2017 else 'över'} {r['value']} barn med en förälder i hemlöshet {year}, redovisade vid sidan av antalet")
add("Sweden", "n_rough_sleepers", 2011, 5, 280, "start", src, "280 sleeping rough in May 2011", "280 sov utomhus i maj 2011")
add("Sweden", "n_rough_sleepers", 2017, 4, 650, "check", src, "about 650 sleeping rough in April 2017", "omkring 650 sov utomhus i april 2017")

for r in read("data/municipalities-2012.csv"):
    add(r["municipality"], "homeless_per_10k", 2011, 5, float(r["homeless_per_10k"]), "start", "data/municipalities-2012.csv",
        "Socialstyrelsen's count of May 2011 (seed 002): every run starts here",
        "Socialstyrelsens kartläggning maj 2011 (seed 002): varje körning börjar här")
mun = read(f"{EV}/homelessness_municipal_counts.csv")
for r in mun:
    if r["year"] == "2017" and r["metric"] == "homeless_per_10k" and r["scope"] in IDS:
        add(r["scope"], "homeless_per_10k", 2017, 4, float(r["value"]), "check", f"{EV}/homelessness_municipal_counts.csv",
            "Socialstyrelsen's 2017 count (its municipal table, as reported); not comparable with 2011 in every place",
            "Socialstyrelsens kartläggning 2017 (kommuntabellen, som återgiven); inte jämförbar med 2011 överallt")

# ---- Kronofogden: executed evictions, applications, children ------------
funnel = read(f"{EV}/evictions_funnel_sweden.csv")
fsrc = f"{EV}/evictions_funnel_sweden.csv"
old_series = {2010: 3116}
for r in funnel:
    if r["scope"] != "Sweden" or not r["value"]:
        continue
    y, metric, v = int(r["year"]), r["metric"], float(r["value"])
    if metric == "executed_evictions" and y >= 2014:
        old = y < 2017
        add("Sweden", "executed_evictions_per_10k", y, 0, per10k("Sweden", y, v), "check", fsrc,
            f"{int(v):,} executed evictions" + (" (an older series, before Kronofogden's restatement: levels before 2017 are not comparable)" if old else ""),
            f"{int(v):,} verkställda avhysningar".replace(",", " ") + (" (äldre serie, före Kronofogdens omräkning: nivåer före 2017 är inte jämförbara)" if old else ""))
    if metric == "applications" and y >= 2014:
        add("Sweden", "new_eviction_applications", y, 0, v, "check", fsrc,
            f"{int(v):,} eviction applications in the year" + (" (older series)" if y < 2017 else ""),
            f"{int(v):,} ansökningar om avhysning under året".replace(",", " ") + (" (äldre serie)" if y < 2017 else ""))
    if metric == "payment_order_applications_eviction":
        add("Sweden", "new_payment_orders", y, 0, v, "check", fsrc,
            f"about {int(v):,} payment orders with eviction in the year", f"omkring {int(v):,} betalningsförelägganden med avhysning under året".replace(",", " "))
    if metric == "children_affected" and y >= 2014:
        add("Sweden", "new_children_affected", y, 0, v, "check", fsrc,
            f"{int(v)} children affected by an executed eviction", f"{int(v)} barn berörda av en verkställd avhysning")
add("Sweden", "executed_evictions_per_10k", 2011, 0, per10k("Sweden", 2011, 3260), "fit", f"{EV}/evictions_national_sweden.csv",
    "about 3,260 executed evictions in 2011 (older series)", "omkring 3 260 verkställda avhysningar 2011 (äldre serie)")
add("Sweden", "new_children_affected", 2011, 0, 663, "fit", f"{EV}/evictions_national_sweden.csv",
    "663 children affected by an executed eviction in 2011", "663 barn berörda av en verkställd avhysning 2011")
for r in read("data/municipalities-2012.csv"):
    v = float(r["executed_evictions"])
    add(r["municipality"], "executed_evictions_per_10k", 2013, 0, per10k(r["municipality"], 2013, v), "fit", "data/municipalities-2012.csv",
        f"{int(v)} executed evictions in 2013 (Kronofogden, seed 002)", f"{int(v)} verkställda avhysningar 2013 (Kronofogden, seed 002)")
for r in funnel:
    if r["scope"] in IDS and r["scope"] != "Sweden" and r["metric"] == "executed_evictions":
        y, v = int(r["year"]), float(r["value"])
        add(r["scope"], "executed_evictions_per_10k", y, 0, per10k(r["scope"], y, v), "check", fsrc,
            f"{int(v)} executed evictions in {y}", f"{int(v)} verkställda avhysningar {y}")

# ---- Social contracts in force (instrument volumes) ----------------------
for r in read("data/covariates/instrument_volumes.csv"):
    if r["metric"] in ("social_contracts_stock", "social_contracts_stock_hemhyra", "social_contracts_stock_boverket2015") and r["scope"] in IDS:
        y, v = int(r["year"]), float(r["value"])
        if y < 2011:
            continue
        compiled = {"social_contracts_stock": "Boverket", "social_contracts_stock_hemhyra": "Hem & Hyra's compilation of Boverket's survey",
                    "social_contracts_stock_boverket2015": "Boverket 2015"}[r["metric"]]
        sv_compiled = {"social_contracts_stock": "Boverket", "social_contracts_stock_hemhyra": "Hem & Hyras sammanställning av Boverkets enkät",
                       "social_contracts_stock_boverket2015": "Boverket 2015"}[r["metric"]]
        add(r["scope"], "n_social_contracts", y, 0, v, "volume", "data/covariates/instrument_volumes.csv",
            f"{int(v):,} social contracts ({compiled}; counts differ in coverage: from 2016 they include housing for the newly arrived)",
            f"{int(v):,} sociala kontrakt ({sv_compiled}; räkningarna skiljer sig i täckning: från 2016 ingår bostäder för nyanlända)".replace(",", " "))

ROWS.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
path = f"{EV}/observed_points.csv"
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["place", "output", "year", "month", "value", "role", "source", "note_en", "note_sv"])
    w.writerows(ROWS)
print(f"{path}: {len(ROWS)} rows")
