"""Writes examples/python-tour.ipynb (without outputs) from the cells below,
so that the notebook's source is reviewable as plain Python. Run it after
changing a cell:  target/py/bin/python scripts/make-notebook.py
The tests execute the notebook (python/tests/test_notebook.py)."""

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    ("md", """# hemma from Python: Housing First in Norrköping

This notebook runs hemma's default scenario for Norrköping (the recorded
instruments continue; the history from 2011 comes first), compares it with the
same scenario plus *Bostad först* (Housing First), draws the fan chart and the
paired difference, and ends with a small Sobol study of what drives the result.

Install the package from the repository's root with `pip install ./python`
(plus `matplotlib` for the charts)."""),
    ("code", """import hemma
import matplotlib.pyplot as plt

print(hemma.__version__, hemma.__git_commit__)
hemma.presets()[["id", "name", "population", "homeless_per_10k", "homeless_flag", "executed_evictions"]]"""),
    ("md", """## Two scenarios

`hemma.Scenario("norrkoping")` is the preset's default run from the data year.
We run it at a fifth of the population (a quicker run; outputs per 10,000 and
the whole-population totals of `compare` are scaled back) with 10 replications.
The alternative adds 40 Housing First places: the settings and their sources
are in `hemma.instruments()`."""),
    ("code", """base = hemma.Scenario("norrkoping", scale=0.2, replications=10)
hemma.instruments().query("instrument == 'housing_first'")[["setting", "unit", "default", "min", "max", "source"]]"""),
    ("code", """housing_first = base.replace(name="Bostad först", instruments=[{"kind": "housing_first", "places": 40}])
cmp = hemma.compare(base, housing_first)
base, housing_first"""),
    ("md", "## The fan chart: homeless per 10,000 residents, mean with 50% and 90% bands over replications"),
    ("code", """fig, ax = plt.subplots(figsize=(9, 4.5))
for label, res, colour in [("Baseline", cmp.base, "tab:grey"), ("Bostad först", cmp.alternative, "tab:blue")]:
    y = res.yearly.query("output == 'homeless_per_10k'")
    ax.fill_between(y["year"], y["p5"], y["p95"], color=colour, alpha=0.15)
    ax.fill_between(y["year"], y["p25"], y["p75"], color=colour, alpha=0.3)
    ax.plot(y["year"], y["mean"], color=colour, label=label)
start = base.to_dict()["start_year"]
ax.axvline(start - 0.5, color="black", lw=0.8, ls=":")
ax.text(start - 0.4, ax.get_ylim()[1] * 0.95, "projection", va="top")
ax.set_xlabel("year (December)")
ax.set_ylabel("homeless per 10,000 residents")
ax.legend()
ax.set_title("Norrköping: baseline and Bostad först")"""),
    ("md", """## The paired difference

Replication *r* of both scenarios uses the same random numbers, so the
difference of each pair is far less noisy than the difference of two
independent runs; `paired_p5`/`paired_p95` is the 90% interval of the mean
difference."""),
    ("code", """d = cmp.differences.query("output == 'n_homeless' and period == 'projection'")
fig, ax = plt.subplots(figsize=(9, 4))
ax.errorbar(d["year"], d["difference"], yerr=[d["difference"] - d["paired_p5"], d["paired_p95"] - d["difference"]],
            fmt="o-", capsize=3, label="paired 90% interval")
ax.axhline(0, color="black", lw=0.8)
ax.set_xlabel("year")
ax.set_ylabel("homeless persons, Bostad först − baseline")
ax.set_title("Change in homeless persons (model population)")
ax.legend()
d[["year", "base", "alternative", "difference", "paired_p5", "paired_p95", "unpaired_p5", "unpaired_p95"]]"""),
    ("code", """e = cmp.effectiveness
print(f"extra cost over the projection: {e['extra_cost_sek']['mean'] / 1e6:.1f} MSEK "
      f"[{e['extra_cost_sek']['paired_low'] / 1e6:.1f}, {e['extra_cost_sek']['paired_high'] / 1e6:.1f}]")
print(f"homeless person-years: {e['homeless_person_years']['mean']:+.0f} "
      f"[{e['homeless_person_years']['paired_low']:+.0f}, {e['homeless_person_years']['paired_high']:+.0f}]")
print("SEK per homeless person-year avoided:", e["sek_per_homeless_year_avoided"])"""),
    ("md", """## A small Sobol study

How much of the uncertainty in the projection's mean homelessness comes from
the calibrated rate of income shocks, and how much from the number of Housing
First places? A Saltelli design (16 base samples × 4 blocks, one replication
per point: a demonstration, not a study) and first-order and total indices
with bootstrap intervals. `hemma sweep` and `hemma sensitivity` do the same
from a plan file."""),
    ("code", """plan = {
    "name": "Norrköping: shocks and Housing First places",
    "design": "saltelli",
    "samples": 16,
    "replications": 1,
    "factors": [
        {"path": "params.shock_rate_per_year", "min": 0.2, "max": 0.5},
        {"path": "instruments.housing_first.places", "min": 0, "max": 80},
    ],
    "outputs": {"names": ["homeless_per_10k"], "period": "year", "from": start + 1, "to": start + 9,
                "summaries": ["mean"], "periods": False},
}
sweep = hemma.sweep(plan, base=housing_first.replace(replications=1))
indices = sweep.sobol("homeless_per_10k", resamples=500)
indices"""),
    ("code", """fig, ax = plt.subplots(figsize=(7, 3))
y = range(len(indices))
ax.errorbar(indices["first"], [i + 0.1 for i in y], xerr=[indices["first"] - indices["first_low"], indices["first_high"] - indices["first"]],
            fmt="o", label="first order")
ax.errorbar(indices["total"], [i - 0.1 for i in y], xerr=[indices["total"] - indices["total_low"], indices["total_high"] - indices["total"]],
            fmt="s", label="total")
ax.set_yticks(list(y), indices["factor"])
ax.set_xlabel("Sobol index (95% bootstrap interval)")
ax.legend()"""),
    ("md", "## Step by step\n\n`hemma.Simulation` steps one replication month by month, for teaching and exploring."),
    ("code", """sim = hemma.Simulation(housing_first)
while not sim.finished:
    sim.step(24)
    now = sim.current()
    print(sim.date, f"homeless per 10,000 {now['homeless_per_10k']:5.1f}", f"Housing First tenancies {now['n_housing_first_tenancies']:4.0f}")
assert sim.fingerprint == cmp.alternative.fingerprints[0]  # the same run as replication 0 above"""),
]


def main() -> None:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in CELLS]
    out = pathlib.Path(__file__).resolve().parents[1] / "examples" / "python-tour.ipynb"
    nbformat.write(nb, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
