#!/usr/bin/env python3
"""Writes Fixtures/cli/predictions.jsonl: the small log the driftwatch command-line tests replay.

Two models ("fraud" version "1", "churn" version "2"), three hourly windows from
2026-11-01T00:00:00Z, 150-249 rows per model and hour, numeric "amount" and categorical
"country"; fraud's amount shifts up in hour 2. Five bad lines: three invalid JSON, one without a
timestamp, one with an unparsable timestamp. Seeded: the file is reproducible byte for byte.
Run: python3 Fixtures/cli/make_cli_fixture.py
"""
import json
import os
import random
import time

START = 1793491200  # 2026-11-01T00:00:00Z
rng = random.Random(20261101)
lines = []
for hour in range(3):
    for model, version in (("fraud", "1"), ("churn", "2")):
        for index in range(rng.randrange(150, 250)):
            shift = 40.0 if (model == "fraud" and hour == 2) else 0.0
            ts = START + hour * 3600 + rng.randrange(0, 3600)
            line = {
                # fraud: RFC 3339 strings; churn: epoch seconds as a digit string.
                "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts)) if model == "fraud" else f"{ts}",
                "model": model,
                "version": version,
                "id": f"{model}-{hour}-{index}",
                "features": {
                    "amount": round(rng.gauss(100.0 + shift, 20.0), 2),
                    "country": rng.choices(["DE", "FR", "IT", "ES"], [0.4, 0.3, 0.2, 0.1])[0],
                },
                "prediction": round(rng.random(), 4),
            }
            lines.append((ts, json.dumps(line, separators=(",", ":"))))
lines.sort(key=lambda pair: pair[0])
text = [line for _, line in lines]
text.insert(100, "this is not json")
text.insert(200, '{"model":"fraud","version":"1","features":{"amount":1}}')
text.insert(300, '{"ts":"yesterday","model":"fraud","version":"1","features":{"amount":1}}')
text.insert(400, '{"ts":1793491200,"model":')
text.insert(500, '{"ts":1793491200,"model":"fraud","features":{"amount":1}')
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "predictions.jsonl")
with open(path, "w") as handle:
    handle.write("\n".join(text) + "\n")
