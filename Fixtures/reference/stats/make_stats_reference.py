#!/usr/bin/env python3
"""Reference values for DriftCore's drift statistics (Sources/DriftCore/Scores).

Run from the repository root:  python3 Fixtures/reference/stats/make_stats_reference.py
Writes stats_reference.json next to this script. numpy + scipy only, fixed seeds, so the
output is reproducible; the versions used are recorded in the JSON.

Every expected value comes from numpy/scipy directly, except two things written out here by
formula because no library function exists: PSI (floored shares, not renormalised) and the
category-lumping rule (an independent Python implementation of the rule documented in
CategoryLumping.swift).
"""
import json
import os

import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon

DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
PSI_FLOOR = 1e-4
MIN_EXPECTED = 5.0


def shares(counts):
    counts = np.asarray(counts, dtype=float)
    return counts / counts.sum()


def psi(base_counts, win_counts):
    p = np.maximum(shares(base_counts), PSI_FLOOR)
    q = np.maximum(shares(win_counts), PSI_FLOOR)
    return float(np.sum((q - p) * np.log(q / p)))


def hellinger(base_counts, win_counts):
    p, q = shares(base_counts), shares(win_counts)
    return float(np.sqrt(max(0.0, 1.0 - np.sum(np.sqrt(p * q)))))


def linf(base_counts, win_counts):
    return float(np.max(np.abs(shares(base_counts) - shares(win_counts))))


def distances(base_counts, win_counts):
    return {
        "psi": psi(base_counts, win_counts),
        "js": float(jensenshannon(base_counts, win_counts, base=2)),
        "hellinger": hellinger(base_counts, win_counts),
        "linf": linf(base_counts, win_counts),
    }


def chi2(table):
    res = stats.chi2_contingency(np.asarray(table, dtype=float), correction=False)
    return {"statistic": float(res.statistic), "dof": int(res.dof), "p": float(res.pvalue)}


def numeric_case(name, base, win, base_w=None, win_w=None):
    """base/win: raw samples (weights optional, integer)."""
    base = np.asarray(base, dtype=float)
    win = np.asarray(win, dtype=float)
    case = {"name": name, "baseline": base.tolist(), "window": win.tolist()}
    if base_w is not None:
        case["baseline_weights"] = [int(w) for w in base_w]
        case["window_weights"] = [int(w) for w in win_w]
        base_full = np.repeat(base, base_w)
        win_full = np.repeat(win, win_w)
    else:
        base_full, win_full = base, win
    edges = np.unique(np.quantile(base_full, DECILES))
    bc = np.bincount(np.searchsorted(edges, base_full, side="right"), minlength=len(edges) + 1)
    wc = np.bincount(np.searchsorted(edges, win_full, side="right"), minlength=len(edges) + 1)
    ks = stats.ks_2samp(base_full, win_full, method="asymp")
    wd = stats.wasserstein_distance(base, win, base_w, win_w)
    expected = {
        "deciles": np.quantile(base_full, DECILES).tolist(),
        "inner_edges": edges.tolist(),
        "baseline_bin_counts": bc.tolist(),
        "window_bin_counts": wc.tolist(),
        "ks_d": float(ks.statistic),
        "ks_p": float(ks.pvalue),
        "ks_en": float(np.round(len(base_full) * len(win_full) / (len(base_full) + len(win_full)))),
        "wasserstein": float(wd),
        "baseline_sd": float(np.std(base_full)),
        "wasserstein_normalized": float(wd / np.std(base_full)),
        "out_of_range_share": float(np.mean((win_full < base_full.min()) | (win_full > base_full.max()))),
    }
    expected.update(distances(bc, wc))
    case["expected"] = expected
    return case


def lump(base, win):
    """The rule of CategoryLumping.swift, written independently. Returns (b, w, members) or None."""
    base = [float(x) for x in base]
    win = [float(x) for x in win]
    cols = []  # (b, w, members)
    unseen = [i for i in range(len(base)) if base[i] == 0 and win[i] > 0]
    for i in range(len(base)):
        if base[i] > 0:
            cols.append((base[i], win[i], [i]))
    if unseen:
        cols.append((0.0, sum(win[i] for i in unseen), unseen))
    rb, rw = sum(c[0] for c in cols), sum(c[1] for c in cols)
    if rb == 0 or rw == 0:
        return None
    n = rb + rw

    def is_rare(c):
        total = c[0] + c[1]
        return min(rb * total / n, rw * total / n) < MIN_EXPECTED

    kept = [c for c in cols if not is_rare(c)]
    rare = [c for c in cols if is_rare(c)]
    if rare:
        merged = (sum(c[0] for c in rare), sum(c[1] for c in rare), sorted(sum((c[2] for c in rare), [])))
        if is_rare(merged) and kept:
            j = min(range(len(kept)), key=lambda k: (kept[k][0] + kept[k][1], k))
            k = kept[j]
            kept[j] = (k[0] + merged[0], k[1] + merged[1], sorted(k[2] + merged[2]))
        else:
            kept.append(merged)
    if len(kept) < 2:
        return None
    return [c[0] for c in kept], [c[1] for c in kept], [c[2] for c in kept]


def categorical_case(name, base, win):
    base = np.asarray(base, dtype=float)
    win = np.asarray(win, dtype=float)
    expected = distances(base, win)
    expected["unseen_share"] = float(win[base == 0].sum() / win.sum())
    lumped = lump(base, win)
    if lumped is None:
        expected["lumped"] = None
    else:
        b, w, members = lumped
        expected["lumped"] = {"baseline": b, "window": w, "members": members, "chi2": chi2([b, w])}
    return {"name": name, "baseline": base.tolist(), "window": win.tolist(), "expected": expected}


def counts_of(draws, k):
    return np.bincount(draws, minlength=k)[:k].astype(float)


def main():
    rng = np.random.default_rng(20261128)
    numeric = [
        numeric_case("normal_vs_shifted", rng.normal(0, 1, 2000), rng.normal(0.3, 1, 1500)),
        numeric_case("normal_vs_same", rng.normal(0, 1, 2000), rng.normal(0, 1, 1000)),
        numeric_case("lognormal_vs_wider", rng.lognormal(0, 1, 3000), rng.lognormal(0.1, 1.2, 2000)),
        numeric_case("heavy_duplicates", rng.poisson(2.0, 2000), rng.poisson(2.3, 1500)),
        numeric_case("small_n", rng.normal(0, 1, 30), rng.normal(0.5, 1, 12)),
        numeric_case("pareto_tail", rng.pareto(1.5, 2500) + 1, rng.pareto(1.3, 2500) + 1),
    ]
    # A sketch-like sorted view: distinct ascending values with power-of-two weights.
    bv = np.sort(rng.normal(0, 1, 400))
    wv = np.sort(rng.normal(0.2, 1.1, 300))
    numeric.append(numeric_case("weighted_views", bv, wv, rng.choice([1, 2, 4, 8], 400), rng.choice([1, 2, 4], 300)))

    categorical = []
    # 8 common categories, 30 rare ones, 5 categories unseen in the baseline.
    common = np.array([3000, 2000, 1500, 1000, 800, 500, 300, 200], dtype=float)
    rare = rng.integers(0, 4, 30).astype(float)
    base = np.concatenate([common, rare, np.zeros(5)])
    wp = np.concatenate([common * 1.0, rng.integers(0, 4, 30), rng.integers(1, 3, 5)]).astype(float)
    win = rng.multinomial(6000, wp / wp.sum()).astype(float)
    categorical.append(categorical_case("rare_and_unseen", base, win))
    # Zipf over 300 categories; the baseline never saw categories past 200.
    k = 300
    zb = rng.zipf(1.3, 20000)
    zb = zb[zb <= 200] - 1
    zw = rng.zipf(1.25, 12000)
    zw = zw[zw <= k] - 1
    categorical.append(categorical_case("zipf", counts_of(zb, k), counts_of(zw, k)))
    # Stable: same multinomial twice.
    probs = np.array([0.4, 0.3, 0.2, 0.1])
    categorical.append(categorical_case("stable_four", rng.multinomial(5000, probs), rng.multinomial(2000, probs)))
    # The lumped rare column is still rare, so it merges into the smallest other column.
    categorical.append(categorical_case("rare_merges_into_smallest", [100, 60, 2, 1], [90, 50, 1, 0]))
    # Everything but one column is rare: fewer than two columns remain.
    categorical.append(categorical_case("insufficient", [500, 1, 1], [400, 0, 2]))

    # KS p-values over a grid covering every branch of scipy's kstwo.sf (via ks_2samp asymp).
    ks_grid = []
    for n, m in [(5, 7), (20, 30), (100, 150), (300, 250), (1000, 800), (5000, 4000), (60000, 50000),
                 (300000, 250000)]:
        en = n * m / (n + m)
        for z in [0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0, 3.0, 5.0]:
            d = min(z / np.sqrt(en), 0.999)
            ks_grid.append({"d": d, "n": n, "m": m, "p": float(stats.distributions.kstwo.sf(d, np.round(en)))})
        for d in [0.55, 0.75, 0.95]:
            ks_grid.append({"d": d, "n": n, "m": m, "p": float(stats.distributions.kstwo.sf(d, np.round(en)))})
    kstwobign = [{"z": z, "sf": float(stats.kstwobign.sf(z))} for z in [0.1, 0.3, 0.5, 0.8, 1.0, 1.36, 2.0, 3.0, 5.0]]
    chi2_sf = []
    for dof in [1, 2, 3, 5, 10, 37, 200, 1000]:
        for q in [0.001, 0.1, 0.5, 0.9, 0.999, 0.9999999]:
            x = float(stats.chi2.ppf(q, dof))
            chi2_sf.append({"x": x, "dof": dof, "sf": float(stats.chi2.sf(x, dof))})

    out = {
        "generator": "make_stats_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "psi_floor": PSI_FLOOR,
        "numeric": numeric,
        "categorical": categorical,
        "ks_pvalues": ks_grid,
        "kstwobign_sf": kstwobign,
        "chi2_sf": chi2_sf,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stats_reference.json")
    with open(path, "w") as fh:
        json.dump(out, fh, separators=(",", ":"))
        fh.write("\n")


if __name__ == "__main__":
    main()
