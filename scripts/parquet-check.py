#!/usr/bin/env python3
"""A sweep's Parquet files are readable by pandas (through pyarrow) and hold
exactly the values of its CSV files. Runs examples/sweeps/tiny.toml with the
release binary into a temporary directory. Prints '1 passed, 0 failed'."""
import subprocess
import sys
import tempfile

import pandas as pd

with tempfile.TemporaryDirectory() as out:
    subprocess.run(["target/release/hemma", "sweep", "examples/sweeps/tiny.toml", "--quiet", "--out", out], check=True)
    for name, str_cols in [("results", ["output", "time", "statistic"]), ("design", ["block"])]:
        pq = pd.read_parquet(f"{out}/{name}.parquet")
        csv = pd.read_csv(f"{out}/{name}.csv", dtype={c: str for c in str_cols}, keep_default_na=False)
        if list(pq.columns) != list(csv.columns) or len(pq) != len(csv) or len(pq) == 0:
            print(f"{name}: columns or rows differ: {list(pq.columns)} {len(pq)} vs {list(csv.columns)} {len(csv)}")
            print("0 passed, 1 failed")
            sys.exit(1)
        for c in pq.columns:
            a, b = pq[c].tolist(), csv[c].tolist()
            if a != b:
                print(f"{name}.{c}: Parquet and CSV differ, e.g. {a[:3]} vs {b[:3]}")
                print("0 passed, 1 failed")
                sys.exit(1)
    print(f"parquet-check: pandas {pd.__version__} reads results.parquet and design.parquet; every value equals the CSV's")
print("1 passed, 0 failed")
