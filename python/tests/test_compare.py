"""hemma.compare: paired differences identical to `hemma compare`."""

import pandas as pd
import pytest

import hemma
from conftest import read_csv_exact, run_cli


def housing_first(s):
    return s.replace(name="Housing First", instruments=[{"kind": "housing_first", "places": 10}])


def test_differences_are_identical_to_the_cli(cli, small, tmp_path):
    alt = housing_first(small)
    (tmp_path / "base.json").write_text(small.to_json())
    (tmp_path / "alt.json").write_text(alt.to_json())
    run_cli(cli, "compare", str(tmp_path / "base.json"), str(tmp_path / "alt.json"), "-q", "-o", str(tmp_path / "cmp"))
    expected = read_csv_exact(tmp_path / "cmp" / "comparison.csv")
    c = hemma.compare(small, alt, progress=False)
    assert list(c.differences.columns) == list(expected.columns)
    for col in ["difference", "paired_p5", "paired_p95", "base", "alternative"]:
        assert (c.differences[col].to_numpy() == expected[col].to_numpy()).all(), col


def test_a_comparison_carries_both_runs_and_the_effectiveness(small):
    alt = housing_first(small)
    c = hemma.compare(small, alt, progress=False)
    assert c.base.fingerprints != c.alternative.fingerprints
    assert set(c.effectiveness) >= {"extra_cost_sek", "homeless_person_years", "executed_evictions"}
    assert c.effectiveness["extra_cost_sek"]["mean"] > 0
    hf = c.differences.query("output == 'n_housing_first_tenancies' and year == 2012")
    assert hf["difference"].item() > 0


def test_scenarios_that_cannot_be_paired_are_refused(small):
    with pytest.raises(ValueError, match="seed"):
        hemma.compare(small, small.replace(seed=99), progress=False)
    with pytest.raises(ValueError, match="replications = 1"):
        hemma.compare(small, small, replications=1, progress=False)


def test_the_headline_and_why_are_the_clis(cli, small, tmp_path):
    """The same library function as `hemma compare`: comparison.json's
    headline and why, and the lines the CLI prints."""
    import json

    alt = housing_first(small)
    (tmp_path / "base.json").write_text(small.to_json())
    (tmp_path / "alt.json").write_text(alt.to_json())
    out = run_cli(cli, "compare", str(tmp_path / "base.json"), str(tmp_path / "alt.json"), "-o", str(tmp_path / "cmp"))
    expected = json.loads((tmp_path / "cmp" / "comparison.json").read_text())
    c = hemma.compare(small, alt, progress=False)
    assert c.headline == expected["headline"]
    assert c.why == expected["why"]
    assert c.headline["lead"] in {"fewer", "more", "no_difference", "too_uncertain"}
    assert c.headline["adds"] == ["housing_first"]
    assert c.headline_lines[0].startswith("Headline, whole population")
    printed = out if isinstance(out, str) else getattr(out, "stdout", "")
    for line in c.headline_lines + ["  " + w for w in c.why_lines]:
        assert line in printed, line
    parts = c.why
    assert abs(parts["direct"]["mean"] + parts["counting"]["mean"] + parts["others"]["mean"] - parts["total"]["mean"]) < 1e-9
    assert set(c.effects["part"]) == {"direct", "counting", "others", "total"}
