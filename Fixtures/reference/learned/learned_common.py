"""What make_learned_reference.py and make_windows_reference.py share: the constants of
docs/STATISTICS.md ("Learned thresholds") and the scoring of row chunks against a whole baseline.

Written out independently of the Swift code: bins are left-closed on inner `edges`; PSI with shares
floored at 1e-4 and not renormalised; Jensen-Shannon distance base 2 (scipy); missing-rate change
|missing_chunk/rows_chunk - missing_base/rows_base|; per statistic the mean and population standard
deviation (ddof = 0) of the chunk values, threshold = max(mean + 3 * std, 1e-6).
"""
import json

import numpy as np
from scipy.spatial.distance import jensenshannon

DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
PSI_FLOOR = 1e-4
SIGMAS = 3.0
FLOOR = 1e-6
NUMERIC = ["ar", "iid", "flat"]


def psi(base_counts, counts):
    p = np.maximum(base_counts / base_counts.sum(), PSI_FLOOR)
    q = np.maximum(counts / counts.sum(), PSI_FLOOR)
    return float(np.sum((q - p) * np.log(q / p)))


def bincount(edges, values):
    return np.bincount(np.searchsorted(edges, values, side="right"), minlength=len(edges) + 1)


def score_chunks(column, edges, chunks):
    """Per test, every chunk's statistic against the whole `column` (None: missing) and the
    learned threshold; `chunks` are (start, end) row ranges."""
    valid = np.array([v for v in column if v is not None], dtype=float)
    base_counts = bincount(edges, valid)
    base_missing = sum(v is None for v in column) / len(column)
    per_test = {"psi": [], "js": [], "missing_rate": []}
    for a, b in chunks:
        part = column[a:b]
        counts = bincount(edges, np.array([v for v in part if v is not None], dtype=float))
        per_test["psi"].append(psi(base_counts, counts))
        per_test["js"].append(float(jensenshannon(base_counts, counts, base=2)))
        per_test["missing_rate"].append(abs(sum(v is None for v in part) / len(part) - base_missing))
    entry = {}
    for test, values in per_test.items():
        values = np.array(values)
        mean = float(np.mean(values))
        std = float(np.std(values))  # population (ddof = 0)
        entry[test] = {
            "values": [float(v) for v in values],
            "mean": mean,
            "std": std,
            "threshold": max(mean + SIGMAS * std, FLOOR),
        }
    return base_counts, entry


def write(out, path):
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
