"""Scenarios from a preset's id, a file, a dict or keywords; validated with the CLI's messages."""

import json

import pytest

import hemma


def test_a_presets_id_is_its_default_run_from_the_data_year():
    s = hemma.Scenario("karlstad")
    d = s.to_dict()
    assert s.place == "karlstad" and s.place_name == "Karlstad"
    assert d["start_year"] > 2011 and s.first_year == 2011


def test_a_file_a_dict_and_keywords_give_the_same_scenario(root):
    from_file = hemma.Scenario(root / "examples" / "sweeps" / "tiny-base.toml")
    d = from_file.to_dict()
    assert hemma.Scenario(d) == from_file
    assert hemma.Scenario(**d) == from_file
    assert hemma.Scenario.from_json(json.dumps(d)) == from_file
    toml = (root / "examples" / "sweeps" / "tiny-base.toml").read_text()
    assert hemma.Scenario.from_toml(toml) == from_file


def test_keywords_change_the_fields_of_a_preset_or_file():
    s = hemma.Scenario("uppsala", horizon_months=36, replications=4)
    assert s.to_dict()["horizon_months"] == 36 and s.replications == 4
    assert s.replace(seed=9).seed == 9 and s.seed != 9


def test_a_bad_value_names_the_field_the_value_and_what_is_allowed():
    with pytest.raises(ValueError) as e:
        hemma.Scenario(preset="karlstad", horizon_months=12, scale=2.0)
    msg = str(e.value)
    assert "scale" in msg and "2" in msg and "allowed" in msg


def test_an_unknown_place_or_parameter_is_refused_by_name():
    with pytest.raises(ValueError, match="lund"):
        hemma.Scenario(preset="lund", horizon_months=12)
    with pytest.raises(ValueError, match="no_such_parameter"):
        hemma.Scenario(preset="karlstad", horizon_months=12, params={"no_such_parameter": 1.0})
    with pytest.raises(ValueError, match="places"):
        hemma.Scenario(preset="karlstad", horizon_months=12, instruments=[{"kind": "housing_first", "places": -5}])


def test_a_missing_field_is_named():
    with pytest.raises(ValueError, match="horizon_months"):
        hemma.Scenario(preset="karlstad")


def test_wrong_types_raise_instead_of_crashing():
    with pytest.raises(ValueError, match="horizon_months"):
        hemma.Scenario(preset="karlstad", horizon_months="ten years")
    with pytest.raises(TypeError):
        hemma.Scenario(42)
    with pytest.raises(ValueError):
        hemma.Scenario(preset="karlstad", horizon_months=12, scale=float("nan"))
    with pytest.raises(ValueError, match="cannot read"):
        hemma.Scenario("no/such/file.toml")


def test_a_scenario_with_instruments_survives_a_round_trip_through_a_dict(root):
    for s in [hemma.Scenario("vasteras"), hemma.Scenario(root / "examples" / "karlstad-housing-first.toml")]:
        assert hemma.Scenario(s.to_dict()) == s
        assert hemma.Scenario.from_json(s.to_json()) == s


def test_flats_nobody_is_placed_in_are_warned_about_at_once():
    quota = {"kind": "vacancy_quota", "public_share": 0.1}
    with pytest.warns(UserWarning, match="places households"):
        s = hemma.Scenario("nynashamn", recorded_instruments="end", instruments=[quota])
    assert len(s.warnings) == 1 and s.warnings[0].startswith("instruments[0]")
    placed = hemma.Scenario("nynashamn", recorded_instruments="end", instruments=[quota, {"kind": "housing_first", "places": 5}])
    assert placed.warnings == []
