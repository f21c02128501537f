#!/usr/bin/env python3
"""Writes cbpe_reference.json: confidence-based performance estimation (CBPE) checked against
realised performance under covariate shift and under concept shift.

Run from anywhere (needs numpy and scikit-learn; `pip install scikit-learn` in a virtualenv):

    python3 Fixtures/reference/cbpe/make_cbpe_reference.py

Everything is drawn from fixed seeds, so rerunning reproduces the file with the same numpy and
scikit-learn versions (recorded under "generator"). The Swift tests never run this script.

The world: a feature x, the true P(y = 1 | x) = sigmoid(1.5 x - 0.5), and a model whose score is
s = sigmoid(2.5 x - 0.8) — monotone in x but miscalibrated, so the calibration has work to do.
- baseline: x ~ N(0, 1), labelled (the calibration is learned here);
- covariate shift: x ~ N(mu, sigma) with P(y | x), hence P(y | s), unchanged — CBPE must track
  the realised figures;
- concept shift: x ~ N(0, 1) but P(y | x) changed — CBPE cannot see it.

The file holds, per window, its rows per score bin (B = 1000, bin = min(floor(s * B), B - 1),
exactly ScoreHistogram's rule), the realised figures over its labels (scikit-learn, threshold 0.5,
predicted positive when s >= 0.5), and the estimate of an independent numpy implementation of the
algorithm documented in ConfidenceBasedEstimator.swift (the isotonic step is checked against
scikit-learn's IsotonicRegression). "coverage" records, over many simulated covariate-shift
windows, the share whose realised figure lies within 2 standard errors of the estimate.
"""
import json
import math
import os

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.isotonic import IsotonicRegression

BINS = 1000
THRESHOLD = 0.5
MIN_BLOCK_ROWS = 30


def true_probability(x, shift=0.0, slope=1.5):
    return 1 / (1 + np.exp(-(slope * x - 0.5 + shift)))


def score(x):
    return 1 / (1 + np.exp(-(2.5 * x - 0.8)))


def draw(rng, n, mu, sigma, shift=0.0, slope=1.5):
    x = rng.normal(mu, sigma, n)
    y = (rng.random(n) < true_probability(x, shift, slope)).astype(np.int64)
    return score(x), y


def bins_of(s):
    return np.minimum(np.floor(s * BINS).astype(np.int64), BINS - 1)


def histogram(s, y):
    b = bins_of(s)
    pos = np.bincount(b[y == 1], minlength=BINS)
    neg = np.bincount(b[y == 0], minlength=BINS)
    return pos, neg


def calibrate(pos, neg):
    """PAVA over non-empty bins, then left-to-right pooling of blocks under MIN_BLOCK_ROWS rows."""
    stack = []  # [lower, upper, rows, positives]
    for b in range(BINS):
        n = int(pos[b] + neg[b])
        if n == 0:
            continue
        block = [b, b, n, int(pos[b])]
        while stack and stack[-1][3] * block[2] > block[3] * stack[-1][2]:
            last = stack.pop()
            block = [last[0], block[1], last[2] + block[2], last[3] + block[3]]
        stack.append(block)
    blocks, carried = [], None
    for block in stack:
        merged = block if carried is None else [carried[0], block[1], carried[2] + block[2], carried[3] + block[3]]
        if merged[2] >= MIN_BLOCK_ROWS:
            blocks.append(merged)
            carried = None
        else:
            carried = merged
    if carried is not None:
        if blocks:
            last = blocks.pop()
            blocks.append([last[0], carried[1], last[2] + carried[2], last[3] + carried[3]])
        else:
            blocks.append(carried)
    owner = np.zeros(BINS, dtype=np.int64)
    for k, (lo, hi, _, _) in enumerate(blocks):
        owner[lo:hi + 1] = k
        if k + 1 < len(blocks):
            nxt = blocks[k + 1][0]
            for b in range(hi + 1, nxt):
                owner[b] = k if b - hi <= nxt - b else k + 1
    owner[: blocks[0][0]] = 0
    owner[blocks[-1][1] + 1:] = len(blocks) - 1
    prob = np.array([p / n for (_, _, n, p) in blocks])
    smoothed = np.array([(p + 1) / (n + 2) for (_, _, n, p) in blocks])
    var = np.array([sm * (1 - sm) / max(n, 1) for sm, (_, _, n, _) in zip(smoothed, blocks)])
    return owner, prob, var, blocks


def check_isotonic(pos, neg):
    """Our PAVA (before sparse pooling) equals scikit-learn's isotonic fit on (bin, rate, rows)."""
    n = pos + neg
    nz = np.nonzero(n)[0]
    rates = pos[nz] / n[nz]
    fit = IsotonicRegression(increasing=True).fit(nz, rates, sample_weight=n[nz]).predict(nz)
    stack = []
    for b in nz:
        block = [b, b, int(n[b]), int(pos[b])]
        while stack and stack[-1][3] * block[2] > block[3] * stack[-1][2]:
            last = stack.pop()
            block = [last[0], block[1], last[2] + block[2], last[3] + block[3]]
        stack.append(block)
    ours = np.empty(len(nz))
    for lo, hi, rows, p in stack:
        ours[(nz >= lo) & (nz <= hi)] = p / rows
    assert np.max(np.abs(ours - fit)) < 1e-12, np.max(np.abs(ours - fit))


def estimate(counts, owner, prob, var):
    counts = counts.astype(np.float64)
    p = prob[owner]
    is_pos = np.arange(BINS) / BINS >= THRESHOLD
    k_count = len(prob)
    a = np.bincount(owner, weights=np.where(is_pos, counts, 0), minlength=k_count)
    c = np.bincount(owner, weights=np.where(is_pos, 0, counts), minlength=k_count)
    tp = float(np.sum(np.where(is_pos, counts * p, 0)))
    fn = float(np.sum(np.where(is_pos, 0, counts * p)))
    n_pos, n_neg = float(a.sum()), float(c.sum())
    rows = n_pos + n_neg
    v_tp = float(np.sum(np.where(is_pos, counts * p * (1 - p), 0)) + np.sum(a * a * var))
    v_fn = float(np.sum(np.where(is_pos, 0, counts * p * (1 - p))) + np.sum(c * c * var))
    cov = float(np.sum(a * c * var))

    def est(value, d_tp, d_fn):
        v = d_tp * d_tp * v_tp + d_fn * d_fn * v_fn + 2 * d_tp * d_fn * cov
        return {"value": value, "std": math.sqrt(max(v, 0.0))}

    out = {"rows": rows, "accuracy": est((tp + n_neg - fn) / rows, 1 / rows, -1 / rows)}
    out["precision"] = est(tp / n_pos, 1 / n_pos, 0) if n_pos > 0 else None
    e = tp + fn
    out["recall"] = est(tp / e, fn / e**2, -tp / e**2) if e > 0 else None
    d = tp + fn + n_pos
    out["f1"] = est(2 * tp / d, 2 * (fn + n_pos) / d**2, -2 * tp / d**2) if d > 0 else None
    # AUC over expected positive / negative masses per bin.
    P = counts * p
    N = counts * (1 - p)
    tot_p, tot_n = P.sum(), N.sum()
    below = np.concatenate([[0.0], np.cumsum(N)[:-1]])
    above = tot_p - np.cumsum(P)
    wins = float(np.sum(P * (below + 0.5 * N)))
    pairs = tot_p * tot_n
    A = wins / pairs
    q1, q2 = A / (2 - A), 2 * A * A / (1 + A)
    v = (A * (1 - A) + max(tot_p - 1, 0) * (q1 - A * A) + max(tot_n - 1, 0) * (q2 - A * A)) / pairs
    d_w = np.bincount(owner, weights=counts * (below + 0.5 * N) - counts * (above + 0.5 * P), minlength=k_count)
    m = np.bincount(owner, weights=counts, minlength=k_count)
    deriv = d_w / pairs - wins * m * (tot_n - tot_p) / pairs**2
    v += float(np.sum(np.where(m > 0, deriv * deriv * var, 0)))
    out["auc"] = {"value": A, "std": math.sqrt(max(v, 0.0))}
    return out


def realised(s, y):
    pred = (s >= THRESHOLD).astype(np.int64)
    return {
        "rows": int(len(y)),
        "accuracy": float(metrics.accuracy_score(y, pred)),
        "precision": float(metrics.precision_score(y, pred, zero_division=np.nan)),
        "recall": float(metrics.recall_score(y, pred, zero_division=np.nan)),
        "f1": float(metrics.f1_score(y, pred, zero_division=np.nan)),
        "auc": float(metrics.roc_auc_score(y, s)),
    }


FIGURES = ["accuracy", "precision", "recall", "f1", "auc"]


def main():
    rng = np.random.default_rng(20261106)
    base_s, base_y = draw(rng, 20_000, 0.0, 1.0)
    pos, neg = histogram(base_s, base_y)
    check_isotonic(pos, neg)
    owner, prob, var, blocks = calibrate(pos, neg)

    windows = []
    cases = [("covariate", mu, sigma, 0.0, 1.5) for mu, sigma in
             [(0.0, 1.0), (0.5, 1.0), (1.0, 1.0), (-0.5, 1.0), (-1.0, 1.0), (0.3, 0.6), (-0.2, 1.5)]]
    cases += [("concept", 0.0, 1.0, shift, slope) for shift, slope in [(-1.5, 1.5), (0.0, 0.3), (1.2, 1.5)]]
    for kind, mu, sigma, shift, slope in cases:
        s, y = draw(rng, 5_000, mu, sigma, shift, slope)
        counts = np.bincount(bins_of(s), minlength=BINS)
        windows.append({
            "kind": kind, "mu": mu, "sigma": sigma, "shift": shift, "slope": slope,
            "counts": counts.tolist(),
            "realised": realised(s, y),
            "estimate": estimate(counts, owner, prob, var),
        })

    # Coverage: over many covariate-shift windows, how often |realised - estimate| <= 2 std,
    # and the largest absolute error.
    sim = np.random.default_rng(7)
    hits = {f: 0 for f in FIGURES}
    worst = {f: 0.0 for f in FIGURES}
    trials = 400
    for _ in range(trials):
        mu, sigma = sim.uniform(-1.0, 1.0), sim.uniform(0.6, 1.4)
        s, y = draw(sim, 5_000, mu, sigma)
        est = estimate(np.bincount(bins_of(s), minlength=BINS), owner, prob, var)
        real = realised(s, y)
        for f in FIGURES:
            err = abs(real[f] - est[f]["value"])
            worst[f] = max(worst[f], err)
            hits[f] += err <= 2 * est[f]["std"]

    document = {
        "generator": {
            "script": "make_cbpe_reference.py", "numpy": np.__version__, "sklearn": sklearn.__version__,
            "seed": 20261106,
        },
        "bins": BINS, "threshold": THRESHOLD, "min_block_rows": MIN_BLOCK_ROWS,
        "baseline": {"positives": pos.tolist(), "negatives": neg.tolist(), "blocks": len(blocks),
                     "realised": realised(base_s, base_y)},
        "windows": windows,
        "coverage": {
            "trials": trials, "rows": 5_000,
            "within_2_std": {f: hits[f] / trials for f in FIGURES},
            "max_abs_error": worst,
        },
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "cbpe_reference.json"), "w") as out:
        json.dump(document, out, indent=1, allow_nan=False)
        out.write("\n")


if __name__ == "__main__":
    main()
