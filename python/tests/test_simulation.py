"""hemma.Simulation: stepping month by month reaches the same run as hemma.run."""

import pytest

import hemma


def test_stepping_to_the_horizon_is_the_same_run(small):
    sim = hemma.Simulation(small)
    assert sim.reported == 0 and sim.date is None
    start = sim.current()
    assert start["new_homeless"] == 0 and start["n_homeless"] > 0
    assert sim.step(5) == 5 and sim.date == "2011-05"
    while not sim.finished:
        sim.step(7)
    assert sim.step() == 0 and sim.reported == sim.total == 24
    res = hemma.run(small, replications=1, progress=False)
    assert sim.fingerprint == res.fingerprints[0]
    h = sim.history()
    assert len(h) == 24 and (h["n_homeless"].to_numpy() == res.replications["n_homeless"].to_numpy()).all()


def test_a_scenario_with_a_history_enters_the_projection_at_its_start_year():
    s = hemma.Scenario(preset="nynashamn", scale=0.2, start_year=2013, horizon_months=12, replications=1)
    sim = hemma.Simulation(s, replication=2)
    sim.step(24)
    assert sim.date == "2012-12" and sim.projecting
    sim.step(12)
    assert sim.finished and sim.history()["replication"].eq(2).all()


def test_negative_months_are_refused(small):
    with pytest.raises(ValueError, match="months"):
        hemma.Simulation(small).step(-1)
