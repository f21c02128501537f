#!/usr/bin/env python3
"""Profile a generated prediction log per window with a peer tool, for Scripts/bench/compare-peers.

Runs inside the peer's throwaway virtual environment (never a Driftwatch dependency):

    peer_profile.py whylogs   --log L --rows-per-window N
    peer_profile.py evidently --log L --train T --rows-per-window N

Both read the same JSON-lines file Driftwatch reads (Scripts/bench/generate_logs.py), parse each
line with the standard library's json module, and cut it into windows of N consecutive lines
(the generator writes N lines per hour of event time, so these are Driftwatch's 1 h windows).
Each window's features and prediction become a pandas DataFrame, profiled the way each tool's
documentation shows:
  - whylogs: `why.log(pandas=df)` per window, then the profile view (its summary statistics);
  - Evidently: `Report([DataDriftPreset()]).run(current, reference)` per window, with the
    training sample as reference and the column types declared, then the result as a dict.
Prints one JSON object: rows, windows, and seconds spent parsing, building frames and profiling
(wall and CPU). Peak memory is measured from outside (/usr/bin/time -v).
"""
import argparse
import json
import sys
import time

NUMERIC = [
    "transaction_amount", "customer_age", "account_tenure_days", "session_duration_s", "annual_income",
    "credit_score", "account_balance", "transactions_24h", "upstream_latency_ms", "credit_utilisation",
    "distance_from_home_km", "local_hour", "basket_value", "returns_pct", "embedding_0", "embedding_1",
    "embedding_2", "discount_rate", "item_count",
]
CATEGORICAL = ["device_type", "merchant_category", "region", "merchant_id", "product_sku", "shipping_postcode"]


def windows(path, rows_per_window, limit):
    """Yields (rows, parse seconds) per window: each row a dict of features plus the prediction."""
    rows = []
    parse = 0.0
    seen = 0
    with open(path, "rb") as handle:
        for line in handle:
            if limit and seen >= limit:
                break
            start = time.perf_counter()
            record = json.loads(line)
            row = dict(record.get("features", {}))
            row["prediction"] = record.get("prediction")
            parse += time.perf_counter() - start
            rows.append(row)
            seen += 1
            if len(rows) == rows_per_window:
                yield rows, parse
                rows, parse = [], 0.0
    if rows:
        yield rows, parse


def frame(pd, rows):
    columns = NUMERIC + CATEGORICAL + ["prediction"]
    return pd.DataFrame.from_records(rows, columns=columns)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tool", choices=["whylogs", "evidently"])
    parser.add_argument("--log", required=True)
    parser.add_argument("--train")
    parser.add_argument("--rows-per-window", type=int, default=100_000)
    parser.add_argument("--limit", type=int, default=0, help="read at most this many lines")
    args = parser.parse_args()

    wall0, cpu0 = time.perf_counter(), time.process_time()
    import pandas as pd

    if args.tool == "whylogs":
        import whylogs as why

        def profile(df):
            return why.log(pandas=df).view().to_pandas()  # the per-column summary

    else:
        from evidently import DataDefinition, Dataset, Report
        from evidently.presets import DataDriftPreset

        definition = DataDefinition(
            numerical_columns=NUMERIC + ["prediction"], categorical_columns=CATEGORICAL)
        reference_rows = [json.loads(line) for line in open(args.train, "rb")]
        reference_frame = pd.DataFrame.from_records(
            [dict(r["features"], prediction=r.get("prediction")) for r in reference_rows],
            columns=NUMERIC + CATEGORICAL + ["prediction"])
        reference = Dataset.from_pandas(reference_frame, data_definition=definition)

        def profile(df):
            current = Dataset.from_pandas(df, data_definition=definition)
            return Report([DataDriftPreset()]).run(current, reference).dict()

    setup = time.perf_counter() - wall0
    totals = {"parse_s": 0.0, "frame_s": 0.0, "profile_s": 0.0}
    rows = 0
    count = 0
    for chunk, parse_s in windows(args.log, args.rows_per_window, args.limit):
        totals["parse_s"] += parse_s
        start = time.perf_counter()
        df = frame(pd, chunk)
        totals["frame_s"] += time.perf_counter() - start
        start = time.perf_counter()
        profile(df)
        totals["profile_s"] += time.perf_counter() - start
        rows += len(chunk)
        count += 1
    result = {
        "tool": args.tool,
        "rows": rows,
        "windows": count,
        "setup_s": round(setup, 3),
        **{k: round(v, 3) for k, v in totals.items()},
        "wall_s": round(time.perf_counter() - wall0, 3),
        "cpu_s": round(time.process_time() - cpu0, 3),
    }
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
