"""The catalogue tables: parameters, outputs, presets and instruments, with units and sources."""

import polars as pl

import hemma


def test_parameters_have_default_unit_range_and_source():
    p = hemma.parameters()
    assert list(p.columns) == ["name", "default", "unit", "min", "max", "kind", "description", "source"]
    assert len(p) > 50
    assert (p["min"] <= p["default"]).all() and (p["default"] <= p["max"]).all()
    assert p["source"].str.len().min() > 0 and p["unit"].str.len().min() > 0


def test_outputs_are_stocks_flows_cumulatives_and_rates():
    o = hemma.outputs()
    assert set(o["kind"]) <= {"stock", "flow", "cumulative", "rate"}
    assert "homeless_per_10k" in set(o["name"])
    assert o.loc[o["name"] == "new_executed_evictions", "kind"].item() == "flow"


def test_presets_name_the_nine_places_with_flagged_covariates():
    p = hemma.presets()
    assert len(p) == 9 and "karlstad" in set(p["id"])
    assert set(p["homeless_flag"]) <= {"observed", "derived", "assumption", "national"}
    assert abs((p["rental_share"] + p["coop_share"] + p["owner_share"]) - 1).max() < 1e-6


def test_instruments_list_every_setting_with_its_source():
    i = hemma.instruments()
    assert "housing_first" in set(i["instrument"]) and "rent_guarantee" in set(i["instrument"])
    assert i["source"].str.len().min() > 0
    hf = i[(i["instrument"] == "housing_first") & (i["setting"] == "places")]
    assert len(hf) == 1 and hf["min"].item() <= hf["default"].item() <= hf["max"].item()


def test_tables_come_as_polars_and_arrow_too():
    assert isinstance(hemma.outputs(frame="polars"), pl.DataFrame)
    assert hemma.outputs(frame="arrow").num_rows == len(hemma.outputs())
