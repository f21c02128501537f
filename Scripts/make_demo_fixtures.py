#!/usr/bin/env python3
"""Generate the bundled demo data: a training sample and a day of prediction logs with a drift.

Seeded, so re-running it reproduces Fixtures/demo/ byte for byte:

    python3 Scripts/make_demo_fixtures.py

Model "fraud" scores card transactions. From hour DRIFT_HOUR on, three inputs move:
`amount` grows (lognormal mu +0.5), `country` shifts mass from DE/FR to BR/IN/NG plus a new
country never seen in training ("ZZ"), and `session_seconds` becomes heavier-tailed. `age`,
`tenure_days`, `device` and `merchant_category` stay stable, so a correct monitor flags exactly
the three drifted features (and, through them, the prediction) from DRIFT_HOUR on.
A handful of malformed lines are mixed in to show the bad-line counters.
"""
import json
import math
import random
from datetime import datetime, timedelta, timezone

SEED = 20261128
TRAIN_ROWS = 8000
HOURS = 24
ROWS_PER_HOUR = 800
DRIFT_HOUR = 12
START = datetime(2026, 11, 1, tzinfo=timezone.utc)

COUNTRIES = ["DE", "FR", "US", "GB", "ES", "IT", "NL", "PL", "SE", "BR", "IN", "NG", "JP", "CA", "AU"]
BASE_W = [30, 18, 12, 9, 7, 6, 4, 3, 3, 2, 2, 1, 1, 1, 1]
DRIFT_W = [14, 8, 12, 9, 7, 6, 4, 3, 3, 10, 9, 6, 1, 1, 1]
MERCHANTS = ["grocery", "travel", "electronics", "fashion", "gaming", "fuel", "restaurants", "pharmacy"]
DEVICES = ["ios", "android", "web"]


def row(rng, drifted):
    amount = math.exp(rng.gauss(3.6 + (0.5 if drifted else 0.0), 0.9))
    age = rng.gauss(41, 12)
    tenure = rng.uniform(0, 3650)
    alpha = 1.6 if drifted else 2.5
    session = 20 * (rng.random() ** (-1 / alpha))
    country = rng.choices(COUNTRIES + (["ZZ"] if drifted else []), (DRIFT_W + [4]) if drifted else BASE_W)[0]
    features = {
        "amount": round(amount, 2),
        "age": round(min(max(age, 18), 95), 1),
        "tenure_days": int(tenure),
        "session_seconds": round(session, 1),
        "country": country,
        "merchant_category": rng.choice(MERCHANTS),
        "device": rng.choices(DEVICES, [45, 40, 15])[0],
    }
    if rng.random() < 0.02:
        features["age"] = None  # missing value
    z = -4.2 + 0.55 * math.log(amount) + 0.8 * (country in ("NG", "BR", "ZZ")) - 0.00015 * tenure
    p = 1 / (1 + math.exp(-z))
    label = 1 if rng.random() < p else 0
    return features, round(p, 4), label


def fmt(ts):
    return ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"


def main():
    rng = random.Random(SEED)
    with open("Fixtures/demo/train.jsonl", "w") as out:
        for i in range(TRAIN_ROWS):
            features, p, label = row(rng, False)
            line = {"id": f"train-{i}", "features": features, "prediction": p, "label": label}
            out.write(json.dumps(line, separators=(",", ":")) + "\n")

    bad = [
        '{"ts":"2026-11-01T03:10:00Z","model":"fraud","features":{"amount":12.5,',  # truncated JSON
        "not json at all",
        '{"model":"fraud","version":"3.2.1","features":{"amount":1.0}}',  # no timestamp
        '{"ts":"2026-13-01T00:00:00Z","model":"fraud","features":{"amount":1.0}}',  # month 13
        '{"ts":"2026-11-01T05:00:00Z","model":"fraud","version":"3.2.1","features":{"amount":"lots"}}',
    ]
    with open("Fixtures/demo/predictions.jsonl", "w") as out:
        n = 0
        for hour in range(HOURS):
            for j in range(ROWS_PER_HOUR):
                ts = START + timedelta(hours=hour, seconds=rng.uniform(0, 3600))
                features, p, label = row(rng, hour >= DRIFT_HOUR)
                line = {"ts": fmt(ts), "model": "fraud", "version": "3.2.1", "id": f"req-{n:06d}",
                        "features": features, "prediction": p}
                if rng.random() < 0.3:
                    line["label"] = label  # a share of labels arrives inline
                out.write(json.dumps(line, separators=(",", ":")) + "\n")
                n += 1
            if hour % 5 == 2:
                out.write(bad[(hour // 5) % len(bad)] + "\n")


if __name__ == "__main__":
    main()
