"""hemma.run: bit-identical to `hemma run`, tidy frames, threads, the GIL, Ctrl-C, progress."""

import _thread
import json
import threading
import time

import pandas as pd
import polars as pl
import pytest

import hemma
from conftest import read_csv_exact, run_cli


def test_results_are_bit_identical_to_the_cli(cli, small, tmp_path):
    scenario_file = tmp_path / "s.json"
    scenario_file.write_text(small.to_json())
    out = tmp_path / "out"
    printed = run_cli(cli, "run", str(scenario_file), "--fingerprint", "-q", "-o", str(out))
    cli_prints = [int(line.split()[2], 16) for line in printed.splitlines() if line.startswith("fingerprint")]
    res = hemma.run(small, progress=False)
    assert res.fingerprints == cli_prints and len(cli_prints) == 3
    for name in ("replications", "aggregate", "yearly"):
        expected = read_csv_exact(out / f"{name}.csv")
        got = getattr(res, name)
        assert list(got.columns) == list(expected.columns), name
        for col in expected.columns:
            if expected[col].dtype.kind == "f":
                assert (got[col].to_numpy(dtype=float) == expected[col].to_numpy()).all(), (name, col)
            else:
                assert list(got[col].astype(str)) == list(expected[col]), (name, col)


def test_replications_argument_overrides_and_results_do_not_depend_on_threads(small):
    one = hemma.run(small, replications=4, threads=1, progress=False)
    two = hemma.run(small, replications=4, threads=2, progress=False)
    assert len(one.fingerprints) == 4 and one.fingerprints == two.fingerprints
    assert one.replications["replication"].nunique() == 4


def test_the_aggregate_layout_is_tidy(small):
    agg = hemma.run(small, progress=False).aggregate
    assert list(agg.columns[:9]) == ["date", "period", "output", "mean", "p5", "p25", "p50", "p75", "p95"]
    row = agg[(agg["date"] == "2011-06") & (agg["output"] == "homeless_per_10k")]
    assert len(row) == 1 and row["p5"].item() <= row["p50"].item() <= row["p95"].item()
    assert set(agg["hemma_version"]) == {hemma.__version__}


def test_polars_frames_hold_the_same_values(small):
    pd_res = hemma.run(small, progress=False)
    pl_res = hemma.run(small, progress=False, frame="polars")
    assert isinstance(pl_res.yearly, pl.DataFrame)
    assert pl_res.yearly["mean"].to_list() == pd_res.yearly["mean"].tolist()


def test_bad_arguments_raise_value_errors(small):
    with pytest.raises(ValueError, match="replications = 0"):
        hemma.run(small, replications=0, progress=False)
    with pytest.raises(ValueError, match="threads = 0"):
        hemma.run(small, threads=0, progress=False)
    with pytest.raises(ValueError, match="frame"):
        hemma.run(small, frame="excel", progress=False)
    with pytest.raises(TypeError):
        hemma.run(3.5)


def test_a_progress_callback_sees_the_months_advance_to_the_total(small):
    seen = []
    hemma.run(small, progress=lambda done, total: seen.append((done, total)))
    assert seen, "the callback was never called"
    total = small.months_per_replication * small.replications
    assert all(t == total for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == total


def test_an_exception_in_the_callback_stops_the_run(small):
    def fail(done, total):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        hemma.run(small.replace(horizon_months=240), progress=fail)


def long_scenario():
    return hemma.Scenario(preset="goteborg", scale=0.5, start_year=2011, horizon_months=600, seed=1, replications=4)


def test_other_python_threads_run_while_a_simulation_runs():
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.005)

    t = threading.Thread(target=count)
    t.start()
    started = time.monotonic()
    hemma.run(long_scenario().replace(horizon_months=60, replications=2), progress=False)
    took = time.monotonic() - started
    stop.set()
    t.join()
    during = [x for x in ticks if started <= x <= started + took]
    # The counting thread gets the GIL throughout: at least a tick per 50 ms of the run.
    assert took > 0.3, f"the run was too short to tell ({took:.2f} s)"
    assert len(during) >= took / 0.05, (len(during), took)


def test_ctrl_c_stops_a_run_within_a_second():
    fired = []

    def interrupt():
        fired.append(time.monotonic())
        _thread.interrupt_main()

    timer = threading.Timer(0.5, interrupt)
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        hemma.run(long_scenario(), progress=False)
    stopped = time.monotonic()
    timer.join()
    assert fired and stopped - fired[0] < 1.0, stopped - fired[0]


def test_a_progress_bar_is_drawn_on_stderr_unless_turned_off(small, capsys):
    hemma.run(small, progress=False)
    assert capsys.readouterr().err == ""
    hemma.run(small)
    assert "hemma nynashamn" in capsys.readouterr().err


def test_every_public_name_is_documented():
    for name in hemma.__all__:
        obj = getattr(hemma, name)
        assert obj.__doc__ and len(obj.__doc__.strip()) > 40, name
    for cls in (hemma.Scenario, hemma.Simulation):
        for attr, member in vars(cls).items():
            if not attr.startswith("_") and (callable(member) or isinstance(member, property)):
                assert getattr(member, "__doc__", None), f"{cls.__name__}.{attr}"
