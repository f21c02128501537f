#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz harness under Fuzz/corpus/TARGET/ (deterministic).

Seeds are small valid inputs (and a few near misses) from the project's own fixtures:
- codec: every golden v1 blob of Tests/DriftCoreTests (hex literals starting "4457"), the profile
  of Fuzz/corpus/small-baseline.json, and every length-prefixed blob nested inside those;
- baseline: Fuzz/corpus/small-baseline.json (made once by `driftwatch baseline create --model
  fraud --from` the first 30 lines of Fixtures/demo/train.jsonl reduced to two features, see
  make_small_baseline below; rerun with --baseline to remake it), raw (mode byte 0) and wrapped
  (mode byte 1: created_ms bits + the profile blob);
- json, timestamp, lines, csv, config: lines of Fixtures/cli and Fixtures/demo, the configs in
  Fixtures/, and hand-written edge cases.
Run from the repository root: python3 Fuzz/make_corpus.py [--baseline]
"""
import base64
import glob
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")


def write(target, name, data):
    directory = os.path.join(CORPUS, target)
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(directory, name), "wb") as handle:
        handle.write(data)


def golden_blobs():
    """Hex literals in the core tests that start with the codec magic 'DW' (0x4457)."""
    blobs = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests", "DriftCoreTests", "*.swift"))):
        text = open(path, encoding="utf-8").read()
        for match in re.finditer(r"static let (\w+)\s*=\s*((?:\"\"\"[\s\S]*?\"\"\")|(?:\"[0-9a-f]*\"(?:\s*\+\s*\"[0-9a-f]*\")*))", text):
            digits = re.sub(r"[\s\"+\\]", "", match.group(2))
            if re.fullmatch(r"(?:[0-9a-f]{2})+", digits) and digits.startswith("4457"):
                name = os.path.basename(path)[: -len("Tests.swift")] + "-" + match.group(1)
                blobs[name] = bytes.fromhex(digits)
    return blobs


def nested_blobs(blob):
    """Every 'DW…' blob inside `blob` that is preceded by its own UInt32 little-endian length."""
    found = []
    for index in range(4, len(blob) - 1):
        if blob[index : index + 2] == b"DW":
            (length,) = struct.unpack_from("<I", blob, index - 4)
            if 5 <= length <= len(blob) - index:
                found.append(blob[index : index + length])
    return found


def make_small_baseline(path):
    binary = os.path.join(ROOT, ".build", "debug", "driftwatch")
    with tempfile.TemporaryDirectory() as scratch:
        train = os.path.join(scratch, "train.jsonl")
        with open(os.path.join(ROOT, "Fixtures", "demo", "train.jsonl")) as source, open(train, "w") as out:
            for line in list(source)[:30]:
                row = json.loads(line)
                features = {k: v for k, v in row["features"].items() if k in ("amount", "country")}
                row["features"] = features
                out.write(json.dumps(row, separators=(",", ":")) + "\n")
        subprocess.run(
            [binary, "baseline", "create", "--state", os.path.join(scratch, "s.db"), "--model", "fraud",
             "--from", train, "--out", path], check=True)
    document = json.load(open(path))
    document["created"] = "2026-11-28T00:00:00Z"
    document["created_ms"] = 1795824000000
    document["source"] = "files: train.jsonl"
    with open(path, "w") as out:
        json.dump(document, out, indent=2)
        out.write("\n")


def codec_and_baseline():
    small = os.path.join(CORPUS, "small-baseline.json")
    if "--baseline" in sys.argv or not os.path.exists(small):
        os.makedirs(os.path.dirname(small), exist_ok=True)
        make_small_baseline(small)
    document = open(small, "rb").read()
    profile = base64.b64decode(json.loads(document)["profile"])
    blobs = golden_blobs()
    blobs["baseline-profile"] = profile
    seen = set()
    for name, blob in sorted(blobs.items()):
        for index, part in enumerate([blob] + nested_blobs(blob)):
            if part in seen:
                continue
            seen.add(part)
            write("codec", f"{name}-{index}", part)
    write("baseline", "raw-small", b"\x00" + document)
    write("baseline", "wrapped-small", b"\x01" + struct.pack("<d", 1795824000000.0) + profile)
    write("baseline", "wrapped-empty-profile", b"\x01" + struct.pack("<d", 0.0) + bytes.fromhex("4457080100") + bytes(12))
    write("baseline", "raw-not-json", b"\x00{\"format\":\"driftwatch-baseline\",")


def lines_of(path, count):
    with open(path, "rb") as handle:
        return [next(handle).rstrip(b"\n") for _ in range(count)]


JSON_EDGE = [
    b'{"ts":"2026-11-28T08:00:00.123Z","model":"fraud","version":"3.2.1","id":"req-8f2c","features":{"amount":182.5,"country":"DE"},"prediction":0.87,"label":1}',
    b'{"ts":1795824000123,"features":{"a":-0.0,"b":1e400,"c":"NaN","d":null,"e":true,"f":[1,{"g":2}]},"a":{"b":{"c":"x"}}}',
    b'{"ts":"\\u0032026-11-28T08:00:00Z","features":{"k\\u00e9y":"\\ud83d\\ude00","n":"\\n\\t\\"\\\\\\/"}}',
    b'{"ts":"1795824000.5","features":{"amount":1,"amount":2},"ts":"2026-11-28 08:00:00+05:30"}',
    b'{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}',
    b'  {"ts" : 12 , "features" : { } }  ',
    b'[1,2,3]',
    b'{"ts":"2026-02-30T00:00:00Z","x":01}',
    b'{"ts":"\xff\xfe","features":{"a":"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"}}',
    b'{"features":{"amount":123456789012345678901234567890e-10,"b":4.9e-324,"c":1.7976931348623157e308}}',
]

TIMESTAMP_EDGE = [
    "2026-11-28T08:00:00.123Z", "2026-11-28t08:00:00z", "2026-11-28 08:00:00+05:30", "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:60.999999999-23:59", "2024-02-29T12:00:00Z", "1795824000", "1795824000123",
    "-1.0005", "1795824000.123456", "99999999999999999", "30s", "2h30m", "500ms", "1w1d1h1m1s1ms",
    "999999999999999999w", "0s",
]

CSV_EDGE = [
    b"id,amount,country,prediction,label\nr1,1.5,DE,0.2,0\nr2,,\"F,R\",0.9,1\n",
    b"a,b\r\n\"x\"\"y\",\"multi\nline\"\r\n1,2",
    b"a\n\n\n",
    b"\"unterminated,field\n1,2\n",
]

CONFIG_EDGE = [
    b'state = "s.db"\nmax_line_bytes = 2048\n[fields]\ntimestamp = "meta.ts"\n[defaults]\nwindow = "15m"\nlateness = "0s"\n'
    b'[defaults.thresholds]\npsi = 0.3\n[models."fraud.v2"]\nnumeric = ["a"]\n[models."fraud.v2".overrides.a]\nstatistic = "ks"\nthreshold = 0.01\n',
    b'[models.x]\nwindow = "1h"\nnumeric = ["a", "b"]\ncategorical = ["b"]\n',
    b'title = """\nmulti\nline"""\n[defaults]\nwindow = 3\n',
]


def text_targets():
    json_lines = lines_of(os.path.join(ROOT, "Fixtures", "cli", "predictions.jsonl"), 3)
    json_lines += lines_of(os.path.join(ROOT, "Fixtures", "demo", "predictions.jsonl"), 2)
    for index, line in enumerate(json_lines + JSON_EDGE):
        write("json", f"line-{index:02d}", line)
    for index, text in enumerate(TIMESTAMP_EDGE):
        write("timestamp", f"text-{index:02d}", text)
    for index, text in enumerate(CSV_EDGE):
        write("csv", f"csv-{index:02d}", text)
    for path in sorted(glob.glob(os.path.join(ROOT, "Fixtures", "*.toml")) + glob.glob(os.path.join(ROOT, "Fixtures", "*", "*.toml"))):
        write("config", "fixture-" + os.path.basename(path), open(path, "rb").read())
    for index, text in enumerate(CONFIG_EDGE):
        write("config", f"edge-{index:02d}", text)
    # lines: byte 0 = cap, bytes 1-8 = chunking seed, then the stream.
    streams = [b"\n".join(json_lines[:3]) + b"\n", b"a\r\nbb\r\n\r\n\rccc\nno final newline", b"\n\n\r\n" + b"x" * 100]
    for index, stream in enumerate(streams):
        write("lines", f"stream-{index:02d}", bytes([16 if index else 200]) + struct.pack(">Q", 0x9E3779B97F4A7C15 + index) + stream)


if __name__ == "__main__":
    codec_and_baseline()
    text_targets()
