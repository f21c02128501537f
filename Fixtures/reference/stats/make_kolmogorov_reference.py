#!/usr/bin/env python3
"""Reference values for the exact Kolmogorov–Smirnov p-value at large effective sizes.

Writes kolmogorov_reference.json next to this script:
- "smirnov": scipy.special.smirnov(n, x), the one-sided tail P(Dn+ >= x) that scipy sums in
  double-double (Birnbaum–Tingey, exact for n <= 1e6), for n from 3 to 200,000 and x from p ~ 1
  down to p ~ 1e-300;
- "kstwo": scipy.stats.kstwo.sf(d, n), what ks_2samp(method="asymp") returns at n = round(en),
  for en ~ 33k–100k (the backfill windows) and p from ~1 down to ~1e-300, with the branch
  scipy takes ("smirnov" when n*d^2 >= 2.2, i.e. 2*smirnov(n, d)).

Run: python3 Fixtures/reference/stats/make_kolmogorov_reference.py
"""
import json
import os

import numpy as np
import scipy
from scipy import special, stats

# z = x * sqrt(n); p ~ exp(-2 z^2): 0.3 -> ~1, 18.5 -> ~1e-297 (scipy's smirnov is 0 past 2nx^2 > 708.4).
Z_GRID = [0.3, 0.8, 1.2, 1.5, 2.0, 3.0, 5.0, 8.0, 12.0, 15.0, 18.5]


def main():
    smirnov = []
    for n in [3, 7, 20, 140, 141, 1000, 4999, 33333, 50000, 100000, 200000]:
        xs = sorted({min(z / np.sqrt(n), 0.999) for z in Z_GRID} | {0.5, 0.75, 0.95})
        for x in xs:
            smirnov.append({"n": n, "x": float(x), "sf": float(special.smirnov(n, x))})
    kstwo = []
    for n in [33333, 50000, 66667, 100000]:
        for z in Z_GRID + [1.36, 1.63, 2.5, 4.0, 10.0]:
            d = float(z / np.sqrt(n))
            branch = "smirnov" if n * d * d >= 2.2 else "other"
            kstwo.append({"n": n, "d": d, "p": float(stats.kstwo.sf(d, n)), "branch": branch})
    out = {
        "generator": "make_kolmogorov_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "smirnov": smirnov,
        "kstwo": kstwo,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kolmogorov_reference.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
