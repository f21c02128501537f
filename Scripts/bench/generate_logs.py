#!/usr/bin/env python3
"""Generate realistic, seeded prediction logs for the Driftwatch benchmarks.

One JSON object per line, in the default (zero-config) log layout of docs/DESIGN:

    {"ts":"2026-11-01T00:00:00.036Z","model":"bench","version":"4.2.0","id":"req-000000001",
     "features":{...25 features...},"prediction":0.1234,"label":0}

Features (25): 19 numeric with normal, lognormal, uniform, Pareto, Student-t, Poisson and beta
distributions (four of them with ~2 % missing values, half written as null, half absent), and
6 categoricals with cardinalities 3, 12, 50, 1,000, 5,000 and 20,000, Zipf-distributed.
`prediction` is a probability from a logistic model of some features; `label` (0/1 drawn from it)
is on ~30 % of the lines. Timestamps advance by 3600 / --rows-per-hour seconds per line (with a
jitter inside the step, so they never go backwards), so a 1 h window holds --rows-per-hour lines.

From row --drift-from on: `amount` (lognormal, mu +0.4), `credit_score` (normal, mean -25),
`latency_ms` (Student-t, scale x1.8) and `utilisation` (uniform, range shifted +0.15) move;
`merchant_category` (12) and `region` (50) take a different popularity order; and the score's
logit rises by 0.6. The other features keep their distribution.

--train writes a training sample instead: no ts/model/version, a label on every line.

Usage:
    python3 Scripts/bench/generate_logs.py --rows 1000000 --seed 1 --out /tmp/p.jsonl
    python3 Scripts/bench/generate_logs.py --train --rows 50000 --seed 2 --out /tmp/train.jsonl

Output depends only on (--rows, --seed, --rows-per-hour, --drift-from, --train). Never commit
generated files; write them under /tmp.
"""
import argparse
import sys
import time
from datetime import datetime, timedelta, timezone

import numpy as np

BLOCK = 100_000
START = datetime(2026, 11, 1, tzinfo=timezone.utc)
MODEL = "bench"
VERSION = "4.2.0"
ZIPF_S = 1.1

DEVICES = ["ios", "android", "web"]
MERCHANT_CATEGORIES = [
    "grocery", "travel", "electronics", "fashion", "gaming", "fuel",
    "restaurants", "pharmacy", "utilities", "education", "health", "transport",
]
REGIONS = [f"region-{i:02d}" for i in range(50)]
MERCHANTS = [f"m-{i:04d}" for i in range(1000)]
PRODUCTS = [f"sku-{i:04d}" for i in range(5000)]
POSTCODES = [f"pc-{i:05d}" for i in range(20000)]


def zipf_cdf(n, s=ZIPF_S, order=None):
    """Cumulative probabilities of a Zipf(s) law over n categories, rank r at index order[r]."""
    weights = 1.0 / np.arange(1, n + 1) ** s
    if order is not None:
        permuted = np.empty(n)
        permuted[order] = weights
        weights = permuted
    cdf = np.cumsum(weights)
    return cdf / cdf[-1]


def draw(rng, cdf, size):
    """Category indices drawn from a precomputed CDF."""
    return np.minimum(np.searchsorted(cdf, rng.random(size), side="right"), len(cdf) - 1)


class Tables:
    """Precomputed Zipf tables and category name arrays."""

    def __init__(self):
        self.device = (np.array(DEVICES, dtype=object), np.array([0.55, 0.85, 1.0]))
        self.merchant_category = (np.array(MERCHANT_CATEGORIES, dtype=object), zipf_cdf(12))
        # Drifted: the popularity order reversed (the rarest category becomes the most common).
        self.merchant_category_drift = zipf_cdf(12, order=np.arange(12)[::-1])
        self.region = (np.array(REGIONS, dtype=object), zipf_cdf(50))
        self.region_drift = zipf_cdf(50, order=np.roll(np.arange(50), 17))
        self.merchant = (np.array(MERCHANTS, dtype=object), zipf_cdf(1000))
        self.product = (np.array(PRODUCTS, dtype=object), zipf_cdf(5000))
        self.postcode = (np.array(POSTCODES, dtype=object), zipf_cdf(20000))


def with_missing(rng, key, values, fmt):
    """Rendered `"key":value,` segments, ~1 % null and ~1 % absent (empty segment)."""
    u = rng.random(len(values))
    out = [f'"{key}":{v:{fmt}},' for v in values.tolist()]
    for i in np.flatnonzero(u < 0.02).tolist():
        out[i] = f'"{key}":null,' if u[i] < 0.01 else ""
    return out


def block(rng, tables, first, n, drift_from):
    """Draw one block of n rows starting at global row `first`; returns a dict of columns."""
    drifted = (np.arange(first, first + n) >= drift_from) if drift_from is not None else np.zeros(n, bool)
    c = {}
    c["amount"] = np.exp(rng.normal(3.6, 0.9, n) + 0.4 * drifted)
    c["age"] = np.clip(rng.normal(41, 12, n), 18, 95)
    c["account_tenure_days"] = rng.integers(0, 3650, n)
    c["session_s"] = 20.0 * rng.pareto(2.5, n) + 20.0
    c["income"] = rng.lognormal(10.6, 0.5, n)
    c["credit_score"] = np.clip(rng.normal(690, 55, n) - 25 * drifted, 300, 850)
    c["balance"] = rng.normal(1500, 2200, n)
    c["txn_24h"] = rng.poisson(3.2, n)
    c["latency_ms"] = 120 + 15 * rng.standard_t(3, n) * np.where(drifted, 1.8, 1.0)
    c["utilisation"] = rng.uniform(0, 0.85, n) + 0.15 * drifted
    c["distance_km"] = rng.lognormal(1.8, 1.3, n)
    c["hour"] = rng.integers(0, 24, n)
    c["basket"] = rng.pareto(1.8, n) * 10 + 1
    c["returns_pct"] = 5 + 2 * rng.standard_t(4, n)
    c["emb_0"] = rng.normal(0, 1, n)
    c["emb_1"] = rng.normal(0.3, 0.7, n)
    c["emb_2"] = rng.normal(-0.2, 1.4, n)
    c["discount"] = rng.beta(2, 8, n)
    c["items"] = rng.integers(1, 12, n)

    def cat(table, drift_cdf=None):
        names, cdf = table
        idx = draw(rng, cdf, n)
        if drift_cdf is not None:
            idx = np.where(drifted, draw(rng, drift_cdf, n), idx)
        return names[idx].tolist(), idx

    c["device"], dev = cat(tables.device)
    c["merchant_category"], mcat = cat(tables.merchant_category, tables.merchant_category_drift)
    c["region"], reg = cat(tables.region, tables.region_drift)
    c["merchant"], _ = cat(tables.merchant)
    c["product"], _ = cat(tables.product)
    c["postcode"], _ = cat(tables.postcode)

    z = (-3.6 + 0.45 * (np.log(c["amount"]) - 3.6) - 0.012 * (c["credit_score"] - 690)
         + 0.6 * (mcat == 1) + 0.3 * (dev == 2) + 0.4 * c["emb_0"] + 0.8 * (reg % 7 == 3)
         + 0.6 * drifted)
    p = 1.0 / (1.0 + np.exp(-z))
    c["prediction"] = p
    c["label"] = (rng.random(n) < p).astype(np.int64)
    c["has_label"] = rng.random(n) < 0.30
    return c


def render(rng, c, first, n, rows_per_hour, train):
    """Format one block of rows as JSON lines (one str)."""
    amount = c["amount"].tolist()
    age = with_missing(rng, "customer_age", c["age"], ".1f")
    tenure = c["account_tenure_days"].tolist()
    session = c["session_s"].tolist()
    income = with_missing(rng, "annual_income", c["income"], ".2f")
    credit = c["credit_score"].tolist()
    balance = c["balance"].tolist()
    txn = c["txn_24h"].tolist()
    latency = c["latency_ms"].tolist()
    util = with_missing(rng, "credit_utilisation", c["utilisation"], ".4f")
    dist = c["distance_km"].tolist()
    hour = c["hour"].tolist()
    basket = c["basket"].tolist()
    returns = c["returns_pct"].tolist()
    e0, e1, e2 = c["emb_0"].tolist(), c["emb_1"].tolist(), c["emb_2"].tolist()
    discount = with_missing(rng, "discount_rate", c["discount"], ".4f")
    items = c["items"].tolist()
    pred = c["prediction"].tolist()
    label = c["label"].tolist()
    has_label = c["has_label"].tolist()
    cols = (amount, age, tenure, session, income, credit, balance, txn, latency, util, dist, hour,
            basket, returns, e0, e1, e2, discount, items, c["device"], c["merchant_category"],
            c["region"], c["merchant"], c["product"], c["postcode"], pred, label, has_label)

    if train:
        heads = [f'{{"id":"train-{i:09d}",' for i in range(first, first + n)]
    else:
        # Milliseconds since START: evenly spaced, with a jitter inside each step (monotone).
        step = 3_600_000 / rows_per_hour
        rows = np.arange(first, first + n)
        ms = np.floor(rows * step + rng.random(n) * step * 0.999).astype(np.int64)
        days, rem = np.divmod(ms, 86_400_000)
        dates = {d: (START + timedelta(days=int(d))).strftime("%Y-%m-%d") for d in np.unique(days).tolist()}
        hh, rem = np.divmod(rem, 3_600_000)
        mm, rem = np.divmod(rem, 60_000)
        ss, mss = np.divmod(rem, 1000)
        heads = [
            f'{{"ts":"{dates[d]}T{h:02d}:{m:02d}:{s:02d}.{x:03d}Z","model":"{MODEL}",'
            f'"version":"{VERSION}","id":"req-{i:09d}",'
            for i, d, h, m, s, x in zip(range(first, first + n), days.tolist(), hh.tolist(),
                                        mm.tolist(), ss.tolist(), mss.tolist())
        ]

    out = []
    append = out.append
    for (head, a, ag, t, se, inc, cr, b, tx, la, u, di, ho, ba, r, x0, x1, x2, dc, it, dv, mc,
         rg, me, pr, pc, p, lb, hl) in zip(heads, *cols):
        tail = f',"label":{lb}}}\n' if (train or hl) else "}\n"
        append(
            f'{head}"features":{{"transaction_amount":{a:.2f},{ag}"account_tenure_days":{t},"session_duration_s":{se:.1f},'
            f'{inc}"credit_score":{cr:.1f},"account_balance":{b:.2f},"transactions_24h":{tx},"upstream_latency_ms":{la:.2f},'
            f'{u}"distance_from_home_km":{di:.3f},"local_hour":{ho},"basket_value":{ba:.2f},"returns_pct":{r:.3f},'
            f'"embedding_0":{x0:.5f},"embedding_1":{x1:.5f},"embedding_2":{x2:.5f},{dc}"item_count":{it},'
            f'"device_type":"{dv}","merchant_category":"{mc}","region":"{rg}","merchant_id":"{me}",'
            f'"product_sku":"{pr}","shipping_postcode":"{pc}"}},"prediction":{p:.4f}{tail}'
        )
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, required=True, help="number of lines to write")
    ap.add_argument("--seed", type=int, default=1, help="RNG seed (default 1)")
    ap.add_argument("--out", required=True, help="output path ('-' for stdout)")
    ap.add_argument("--rows-per-hour", type=int, default=100_000,
                    help="lines per hour of event time (default 100000)")
    ap.add_argument("--drift-from", type=int, default=None,
                    help="inject the drift from this row on (default: rows/2; -1 for none)")
    ap.add_argument("--train", action="store_true",
                    help="write a training sample: no ts/model/version, a label on every line")
    args = ap.parse_args()

    drift_from = args.drift_from
    if args.train or drift_from == -1:
        drift_from = None
    elif drift_from is None:
        drift_from = args.rows // 2

    rng = np.random.default_rng(args.seed)
    tables = Tables()
    started = time.perf_counter()
    written = 0
    out = sys.stdout.buffer if args.out == "-" else open(args.out, "wb", buffering=16 << 20)
    try:
        for first in range(0, args.rows, BLOCK):
            n = min(BLOCK, args.rows - first)
            columns = block(rng, tables, first, n, drift_from)
            data = render(rng, columns, first, n, args.rows_per_hour, args.train).encode()
            out.write(data)
            written += len(data)
    finally:
        if out is not sys.stdout.buffer:
            out.close()
    elapsed = time.perf_counter() - started
    print(
        f"wrote {args.rows} lines, {written} bytes ({written / max(args.rows, 1):.1f} B/line) "
        f"in {elapsed:.1f} s: {args.rows / elapsed:,.0f} lines/s, {written / elapsed / 1e6:.1f} MB/s"
        f"{'' if drift_from is None else f'; drift from row {drift_from}'}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
