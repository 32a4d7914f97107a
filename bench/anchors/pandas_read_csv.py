"""Anchor for `npm run bench -- ingest`: pandas read_csv of a raw CEAP file (all columns as str).

Usage: python3 pandas_read_csv.py FILE RUNS  -> prints one JSON line {"median_s":..., "rows":...}
Benchmarks only; never a runtime dependency (Debian's python3-pandas).
"""
import json
import statistics
import sys
import time

import pandas as pd

path, runs = sys.argv[1], int(sys.argv[2])
times = []
rows = 0
for _ in range(runs + 1):  # first run is a warm-up
    t0 = time.perf_counter()
    df = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    times.append(time.perf_counter() - t0)
    rows = len(df)
    del df
print(json.dumps({"median_s": statistics.median(times[1:]), "rows": rows}))
