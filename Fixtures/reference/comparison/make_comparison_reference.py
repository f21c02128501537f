#!/usr/bin/env python3
"""Reference values for DriftCore's FeatureComparison and CategoricalBuckets (Sources/DriftCore/Comparison).

Run from the repository root:  python3 Fixtures/reference/comparison/make_comparison_reference.py
Writes comparison_reference.json next to this script; the numpy/scipy versions are recorded in it.

The samples are not stored: both this script and the Swift test draw them from the same seeded
generator (SplitMix64 and the Box-Muller / inverse-CDF samplers of DriftTestSupport's `Sampler`,
re-implemented below with the C library's log/cos/exp/pow, as Swift's Glibc calls them), so the
JSON holds only seeds, a fingerprint of each sample, and the expected statistics. The Swift test
first checks the fingerprint, so a generator mismatch cannot pass silently.

Expected values come from numpy/scipy, except two things written out here by formula because no
library function exists: PSI (shares floored at 1e-4, not renormalised) and the categorical
bucketing rule, an independent implementation of the rule written in CategoricalBuckets' doc
comment (keep a baseline category when its baseline share is >= 0.5 %, at most 50, most frequent
first — ties by value ascending; the rest of the baseline in "other"; window values the baseline
never saw in "unseen").
"""
import json
import math
import os

import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon

M64 = (1 << 64) - 1
DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
PSI_FLOOR = 1e-4
MIN_SHARE = 0.005
MAX_BUCKETS = 50
N = 20_000


class Sampler:
    """DriftTestSupport.Sampler over SplitMix64, operation for operation."""

    def __init__(self, seed):
        self.state = seed & M64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def uniform(self):
        return float(self.next() >> 11) * 2.0**-53

    def open_uniform(self):
        return (float(self.next() >> 11) + 0.5) * 2.0**-53

    def normal(self, mean=0.0, sd=1.0):
        u1 = self.open_uniform()
        u2 = self.uniform()
        return mean + sd * math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)

    def lognormal(self, mu, sigma):
        return math.exp(self.normal(mu, sigma))

    def zipf(self, cdf):
        u = self.uniform()
        lo, hi = 0, len(cdf) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cdf[mid] < u:
                lo = mid + 1
            else:
                hi = mid
        return lo + 1


def zipf_cdf(n, s):
    weights = [1 / math.pow(float(i), s) for i in range(1, n + 1)]
    total = 0.0
    for w in weights:
        total += w
    running = 0.0
    out = []
    for w in weights:
        running += w / total
        out.append(running)
    return out


# Generators, mirrored by `ComparisonSamples.draw` in Tests/DriftCoreTests/FeatureComparisonReferenceTests.swift.
def draw(generator, params, seed, count):
    s = Sampler(seed)
    if generator == "normal":
        return [s.normal(params[0], params[1]) for _ in range(count)]
    if generator == "lognormal":
        return [s.lognormal(params[0], params[1]) for _ in range(count)]
    if generator == "duplicates":  # a share params[0] of zeros, else an integer 0..9
        out = []
        for _ in range(count):
            out.append(0.0 if s.uniform() < params[0] else math.floor(s.uniform() * 10))
        return out
    if generator == "zipf":  # ids "c1".."c<n>", Zipf(params[1]) over params[0] ids
        cdf = zipf_cdf(int(params[0]), params[1])
        return ["c%d" % s.zipf(cdf) for _ in range(count)]
    raise ValueError(generator)


def fingerprint(values):
    if isinstance(values[0], str):
        return {"first": values[:3], "last": values[-1], "distinct": len(set(values))}
    total = 0.0
    for v in values:  # sequential float sum, as the Swift test computes it
        total += v
    return {"first": values[:3], "last": values[-1], "sum": total}


def psi(p_counts, q_counts):
    p = np.asarray(p_counts, float)
    q = np.asarray(q_counts, float)
    p = np.maximum(p / p.sum(), PSI_FLOOR)
    q = np.maximum(q / q.sum(), PSI_FLOOR)
    return float(np.sum((q - p) * np.log(q / p)))


def hellinger(p_counts, q_counts):
    p = np.asarray(p_counts, float)
    q = np.asarray(q_counts, float)
    p, q = p / p.sum(), q / q.sum()
    return float(np.sqrt(max(0.0, 1.0 - np.sum(np.sqrt(p * q)))))


def numeric_expected(base, win):
    base = np.asarray(base)
    win = np.asarray(win)
    edges = np.unique(np.quantile(base, DECILES))
    bc = np.bincount(np.searchsorted(edges, base, side="right"), minlength=len(edges) + 1)
    wc = np.bincount(np.searchsorted(edges, win, side="right"), minlength=len(edges) + 1)
    ks = stats.ks_2samp(base, win, method="asymp")
    w1 = stats.wasserstein_distance(base, win)
    sd = float(np.std(base))  # population sd, as Moments.standardDeviation
    return {
        "inner_edges": edges.tolist(),
        "baseline_bin_counts": bc.tolist(),
        "window_bin_counts": wc.tolist(),
        "psi": psi(bc, wc),
        "js": float(jensenshannon(bc, wc, base=2)),
        "hellinger": hellinger(bc, wc),
        "ks_d": float(ks.statistic),
        "ks_p": float(ks.pvalue),
        "wasserstein": float(w1),
        "baseline_sd": sd,
        "wasserstein_normalized": float(w1 / sd),
    }


def buckets(base, win):
    """The CategoricalBuckets rule, from its doc comment."""
    bcount, wcount = {}, {}
    for v in base:
        bcount[v] = bcount.get(v, 0) + 1
    for v in win:
        wcount[v] = wcount.get(v, 0) + 1
    total = len(base)
    ranked = sorted(bcount.items(), key=lambda kv: (-kv[1], kv[0]))
    kept = [v for v, c in ranked if c / total >= MIN_SHARE][:MAX_BUCKETS]
    names = kept + ["(other)", "(unseen)"]
    b = [bcount[v] for v in kept] + [total - sum(bcount[v] for v in kept), 0]
    w = [wcount.get(v, 0) for v in kept]
    w.append(sum(c for v, c in wcount.items() if v in bcount and v not in kept))
    w.append(sum(c for v, c in wcount.items() if v not in bcount))
    return names, b, w


def categorical_expected(base, win):
    names, b, w = buckets(base, win)
    p = np.asarray(b, float) / sum(b)
    q = np.asarray(w, float) / sum(w)
    return {
        "bucket_names": names,
        "baseline_buckets": b,
        "window_buckets": w,
        "psi": psi(b, w),
        "js": float(jensenshannon(b, w, base=2)),
        "hellinger": hellinger(b, w),
        "linf": float(np.max(np.abs(p - q))),
        "unseen_share": w[-1] / sum(w),
    }


CASES = [
    # name, kind, baseline and window (generator, params, seed), whether PSI on deciles should flag it at 0.1
    ("normal_stable", "numeric", ("normal", [0.0, 1.0], 101), ("normal", [0.0, 1.0], 102), False),
    ("normal_shifted", "numeric", ("normal", [0.0, 1.0], 101), ("normal", [0.5, 1.0], 103), True),
    ("lognormal_spread", "numeric", ("lognormal", [0.0, 1.0], 104), ("lognormal", [0.3, 1.3], 105), True),
    ("heavy_duplicates", "numeric", ("duplicates", [0.6], 106), ("duplicates", [0.4], 107), True),
    ("categorical_stable", "categorical", ("zipf", [300, 1.1], 108), ("zipf", [300, 1.1], 109), False),
    ("categorical_rare_unseen", "categorical", ("zipf", [300, 1.1], 108), ("zipf", [330, 0.9], 110), True),
]


def main():
    out = {
        "generated_by": "Fixtures/reference/comparison/make_comparison_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "rows": N,
        "cases": [],
    }
    for name, kind, (bg, bp, bs), (wg, wp, ws), drifted in CASES:
        base = draw(bg, bp, bs, N)
        win = draw(wg, wp, ws, N)
        case = {
            "name": name,
            "kind": kind,
            "drifted": drifted,
            "baseline": {"generator": bg, "params": bp, "seed": bs, "fingerprint": fingerprint(base)},
            "window": {"generator": wg, "params": wp, "seed": ws, "fingerprint": fingerprint(win)},
            "expected": numeric_expected(base, win) if kind == "numeric" else categorical_expected(base, win),
        }
        out["cases"].append(case)
        e = case["expected"]
        print(name, {k: round(v, 5) for k, v in e.items() if isinstance(v, float)})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "comparison_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
