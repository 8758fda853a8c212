"""hemma.sweep: the tidy sweep table of `hemma sweep`, from a file or a dict; Sobol indices."""

import pandas as pd
import pytest

import hemma
from conftest import read_csv_exact, run_cli


def test_a_plan_file_gives_the_rows_of_the_cli(cli, root, tmp_path):
    plan = root / "examples" / "sweeps" / "tiny.toml"
    run_cli(cli, "sweep", str(plan), "-q", "-o", str(tmp_path / "sw"))
    expected = read_csv_exact(tmp_path / "sw" / "results.csv")
    got = hemma.sweep(plan, progress=False)
    assert list(got.results.columns) == list(expected.columns)
    assert (got.results["value"].to_numpy() == expected["value"].to_numpy()).all()
    assert list(got.results["time"]) == list(expected["time"])
    design = read_csv_exact(tmp_path / "sw" / "design.csv")
    assert (got.design.to_numpy()[:, 3:] == design.to_numpy()[:, 3:]).all()
    assert got.manifest["points"] == 6


SOBOL = {
    "name": "tiny Sobol",
    "design": "saltelli",
    "samples": 8,
    "replications": 1,
    "factors": [
        {"path": "params.shock_rate_per_year", "min": 0.2, "max": 0.5},
        {"path": "instruments.housing_first.places", "min": 0, "max": 30},
    ],
    "outputs": {"names": ["homeless_per_10k"], "period": "year", "summaries": ["mean"], "periods": False},
}


def test_a_plan_dict_and_sobol_indices(small):
    base = small.replace(instruments=[{"kind": "housing_first", "places": 10}])
    sw = hemma.sweep(SOBOL, base=base, progress=False)
    assert len(sw.design) == 8 * (2 + 2)
    idx = sw.sobol("homeless_per_10k", resamples=200)
    assert list(idx["factor"]) == ["params.shock_rate_per_year", "instruments.housing_first.places"]
    assert (idx["first_low"] <= idx["first_high"]).all() and (idx["total_low"] <= idx["total_high"]).all()


def test_bad_plans_and_requests_are_refused(small, root):
    with pytest.raises(ValueError, match="no `housing_first` instrument"):
        hemma.sweep(SOBOL, base=small, progress=False)
    base = small.replace(instruments=[{"kind": "housing_first", "places": 10}])
    with pytest.raises(ValueError, match="samples"):
        hemma.sweep({**SOBOL, "samples": 0}, base=base, progress=False)
    with pytest.raises(ValueError, match="base="):
        hemma.sweep(SOBOL, progress=False)
    sw = hemma.sweep(root / "examples" / "sweeps" / "tiny.toml", progress=False)
    with pytest.raises(ValueError, match="saltelli"):
        sw.sobol("homeless_per_10k")
