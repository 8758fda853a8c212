"""Shared fixtures: the repository, the `hemma` CLI built from the same
checkout (for bit-identity), and small scenarios that run in well under a
second."""

import os
import pathlib
import shutil
import subprocess

import pytest

import hemma

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    return ROOT


@pytest.fixture(scope="session")
def cli() -> str:
    """The `hemma` binary: $HEMMA_BIN, target/release/hemma, or `hemma` on PATH."""
    for candidate in (os.environ.get("HEMMA_BIN"), str(ROOT / "target" / "release" / "hemma"), shutil.which("hemma")):
        if candidate and os.path.exists(candidate):
            return candidate
    pytest.skip("no hemma CLI: build it with `cargo build --release` or set HEMMA_BIN")


def read_csv_exact(path) -> "pd.DataFrame":
    """A CSV file the CLI wrote, numbers parsed by Python's float (exact for
    Rust's shortest round-trip form, whatever pandas' own parser does)."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in df.columns:
        try:
            df[col] = [float(x) for x in df[col]]
        except ValueError:
            pass
    return df


def run_cli(cli: str, *args: str) -> str:
    done = subprocess.run([cli, *args], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def small() -> hemma.Scenario:
    """Nynäshamn at 20% scale, two years from the observed start, three replications."""
    return hemma.Scenario(preset="nynashamn", scale=0.2, start_year=2011, horizon_months=24, seed=5, replications=3)
