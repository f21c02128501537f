#!/usr/bin/env python3
"""Reference values for thresholds learned from stored windows (`baseline create --from-windows`).

Run from the repository root:  python3 Fixtures/reference/learned/make_windows_reference.py
Reads windows.jsonl next to this script (committed; `--make-data` regenerates it from a seeded
numpy generator) and baseline.jsonl (the training file of make_learned_reference.py), and writes
windows_reference.json; the numpy/scipy versions are recorded in it.

The scenario, as the Swift test runs it: a baseline is built from baseline.jsonl, so the windows
that `backfill` stores from windows.jsonl are binned on its deciles; `baseline create
--from-windows` then merges every stored window into a new baseline (whose bins are those same
edges, merged exactly) and learns thresholds with each window as one chunk. Written out here
independently of the Swift code, as docs/STATISTICS.md ("Learned thresholds") states it:
- the windows are the hours of the `ts` field: window i holds the rows whose ts falls in hour i,
  i.e. known consecutive row ranges of windows.jsonl (`window_starts`);
- the merged baseline is every row of every window; a window with fewer than 100 rows (the last
  one here) is part of it but is no chunk;
- every chunk is scored against the WHOLE merged baseline on the training edges
  (np.unique(np.quantile(valid training values, deciles)), numpy's linear interpolation, bins
  left-closed): PSI with shares floored at 1e-4, Jensen-Shannon distance base 2 (scipy),
  missing-rate change |missing_chunk/rows_chunk - missing_merged/rows_merged|;
- per feature and statistic: mean and population standard deviation (ddof = 0) of the chunk
  values, threshold = max(mean + 3 * std, 1e-6); chunk_rows is the smallest chunk's rows and
  chunk_rows_median the lower median of the chunks' rows.
"""
import json
import os
import sys

import numpy as np
import scipy

from learned_common import DECILES, FLOOR, NUMERIC, SIGMAS, score_chunks, write

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.join(HERE, "baseline.jsonl")
DATA = os.path.join(HERE, "windows.jsonl")
OUT = os.path.join(HERE, "windows_reference.json")
MINIMUM_CHUNK_ROWS = 100
T0 = 1_793_836_800_000  # 2026-11-05T00:00:00Z
HOUR = 3_600_000
# Rows per hourly window: 12 windows of 150..400 rows, then one of 60 (under the 100-row minimum).
WINDOW_ROWS = [180, 240, 150, 400, 310, 220, 275, 190, 330, 260, 205, 350, 60]


def make_data():
    rng = np.random.default_rng(20261205)
    with open(DATA, "w") as f:
        ar = 0.0
        for hour, rows in enumerate(WINDOW_ROWS):
            # Spread the rows over the hour, in time order; each hour's iid level wanders a little.
            offsets = np.sort(rng.integers(0, HOUR, size=rows))
            level = 3.0 + 0.15 * rng.normal()
            for offset in offsets:
                ar = 0.9 * ar + rng.normal()
                iid = "null" if rng.random() < 0.04 + 0.02 * (hour % 3) else repr(
                    round(float(rng.lognormal(level, 0.7)), 4))
                cat = rng.choice(["a", "b", "c", "d"], p=[0.4, 0.3, 0.2, 0.1])
                f.write('{"ts":%d,"model":"ref","features":{"ar":%r,"iid":%s,"flat":7.5,"cat":"%s"}}\n'
                        % (T0 + hour * HOUR + int(offset), round(float(ar), 6), iid, cat))


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def main():
    if "--make-data" in sys.argv:
        make_data()
    training = [line["features"] for line in read(TRAINING)]
    lines = read(DATA)
    hours = [(line["ts"] - T0) // HOUR for line in lines]
    assert hours == sorted(hours), "windows.jsonl must be in time order"
    starts = [hours.index(h) for h in sorted(set(hours))] + [len(lines)]
    rows = [line["features"] for line in lines]
    chunks = [(starts[i], starts[i + 1]) for i in range(len(starts) - 1)
              if starts[i + 1] - starts[i] >= MINIMUM_CHUNK_ROWS]
    sizes = sorted(b - a for a, b in chunks)
    out = {
        "generator": "Fixtures/reference/learned/make_windows_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "training": "baseline.jsonl",
        "data": "windows.jsonl",
        "t0": T0,
        "rows": len(rows),
        "windows": len(starts) - 1,
        "window_starts": starts[:-1],
        "chunks": len(chunks),
        "chunk_rows": sizes[0],
        "chunk_rows_median": sizes[(len(sizes) - 1) // 2],
        "sigmas": SIGMAS,
        "floor": FLOOR,
        "features": {},
    }
    for name in NUMERIC:
        trained = np.array([r[name] for r in training if r.get(name) is not None], dtype=float)
        edges = np.unique(np.quantile(trained, DECILES))
        column = [r.get(name) for r in rows]
        base_counts, scores = score_chunks(column, edges, chunks)
        out["features"][name] = {
            "edges": [float(e) for e in edges], "merged_counts": [int(c) for c in base_counts], **scores}
    write(out, OUT)


if __name__ == "__main__":
    main()
