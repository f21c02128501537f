#!/usr/bin/env python3
"""Reference values for learned thresholds (BaselineBuilder + DriftCore's LearnedThresholds).

Run from the repository root:  python3 Fixtures/reference/learned/make_learned_reference.py
Reads baseline.jsonl next to this script (committed; `--make-data` regenerates it from a seeded
numpy generator) and writes learned_reference.json; the numpy/scipy versions are recorded in it.

The method, exactly as docs/STATISTICS.md ("Learned thresholds") states it, written out here
independently of the Swift code:
- the N usable rows (in file order) are split into C = 10 chunks of consecutive rows, chunk i
  holding rows floor(i*N/C) .. floor((i+1)*N/C) - 1;
- every chunk is scored against the WHOLE baseline, on the baseline's bins: inner edges are
  np.unique(np.quantile(valid values, deciles)) (numpy's default linear interpolation), bins
  left-closed; PSI with shares floored at 1e-4 and not renormalised; Jensen-Shannon distance
  base 2 (scipy); missing-rate change |missing_chunk/rows_chunk - missing_base/rows_base|;
- per feature and statistic: mean and population standard deviation (ddof = 0) of the C chunk
  values, threshold = max(mean + 3 * std, 1e-6).

Features: `ar` an AR(1) series (phi 0.95: strongly autocorrelated, so consecutive chunks
differ more than random samples would), `iid` lognormal with about 5 % nulls, `flat` a constant
(every chunk statistic 0: the threshold is the floor), `cat` a categorical (not checked here).
"""
import json
import os
import sys

import numpy as np
import scipy

from learned_common import DECILES, FLOOR, NUMERIC, SIGMAS, score_chunks, write

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "baseline.jsonl")
OUT = os.path.join(HERE, "learned_reference.json")
CHUNKS = 10
ROWS = 2003  # not a multiple of CHUNKS: chunk sizes differ by one


def make_data():
    rng = np.random.default_rng(20261128)
    ar = np.empty(ROWS)
    ar[0] = 0.0
    noise = rng.normal(0.0, 1.0, ROWS)
    for t in range(1, ROWS):
        ar[t] = 0.95 * ar[t - 1] + noise[t]
    iid = rng.lognormal(3.0, 0.7, ROWS)
    missing = rng.random(ROWS) < 0.05
    cats = rng.choice(["a", "b", "c", "d"], size=ROWS, p=[0.4, 0.3, 0.2, 0.1])
    with open(DATA, "w") as f:
        for t in range(ROWS):
            a = round(float(ar[t]), 6)
            i = "null" if missing[t] else repr(round(float(iid[t]), 4))
            f.write('{"features":{"ar":%r,"iid":%s,"flat":7.5,"cat":"%s"}}\n' % (a, i, cats[t]))


def read_rows():
    rows = []
    with open(DATA) as f:
        for line in f:
            rows.append(json.loads(line)["features"])
    return rows


def main():
    if "--make-data" in sys.argv:
        make_data()
    rows = read_rows()
    n = len(rows)
    starts = [i * n // CHUNKS for i in range(CHUNKS + 1)]
    out = {
        "generator": "Fixtures/reference/learned/make_learned_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "data": "baseline.jsonl",
        "rows": n,
        "chunks": CHUNKS,
        "chunk_starts": starts[:-1],
        "smallest_chunk": min(starts[i + 1] - starts[i] for i in range(CHUNKS)),
        "sigmas": SIGMAS,
        "floor": FLOOR,
        "features": {},
    }
    for name in NUMERIC:
        column = [r.get(name) for r in rows]
        valid = np.array([v for v in column if v is not None], dtype=float)
        edges = np.unique(np.quantile(valid, DECILES))
        chunks = [(starts[i], starts[i + 1]) for i in range(CHUNKS)]
        _, scores = score_chunks(column, edges, chunks)
        out["features"][name] = {"edges": [float(e) for e in edges], **scores}
    write(out, OUT)


if __name__ == "__main__":
    main()
