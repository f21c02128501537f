#!/usr/bin/env python3
"""Writes the hostile-input corpus Fixtures/bad/*.jsonl (deterministic; run from anywhere).

Each file puts hostile lines between good ones; EXPECTED.txt (written by hand, not by this
script) says how `driftwatch backfill` must count every file. The 10 MiB line is not committed:
HostileInputTests generates `ten_mib_line.jsonl` at test time, as `ten_mib_line()` below would.
Good lines are zero-config lines of model "fraud" in the hour 2026-11-01T00:00Z.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def good(minute, amount=1.5, country="DE"):
    return ('{"ts":"2026-11-01T00:%02d:00Z","model":"fraud","version":"1","features":{"amount":%s,"country":"%s"},"prediction":0.5}'
            % (minute, amount, country)).encode()


def with_ts(ts_json):
    return b'{"ts":' + ts_json + b',"model":"fraud","version":"1","features":{"amount":1},"prediction":0.5}'


def nested(depth):
    """A good line whose extra key holds `depth` nested arrays (the top-level object is depth 1)."""
    return good(3)[:-1] + b',"deep":' + b"[" * depth + b"]" * depth + b"}"


def ten_mib_line():
    return good(4)[:-1] + b',"blob":"' + b"x" * (10 << 20) + b'"}'


FILES = {
    # CRLF line ends: the \r is stripped, every line counts.
    "crlf.jsonl": b"\r\n".join([good(0), good(1), good(2)]) + b"\r\n",
    # Bytes that are not UTF-8 inside a string value and inside a key (an overlong '/').
    "invalid_utf8.jsonl": b"\n".join([
        good(0),
        b'{"ts":"2026-11-01T00:01:00Z","model":"fraud","features":{"country":"D\xffE"}}',
        good(2),
        b'{"ts":"2026-11-01T00:03:00Z","model":"fraud","features":{"a\xc0\xafb":1}}',
        good(4),
    ]) + b"\n",
    # A raw NUL inside a string and one between tokens: both break RFC 8259.
    "nul_bytes.jsonl": b"\n".join([
        good(0),
        b'{"ts":"2026-11-01T00:01:00Z","model":"fr\x00aud","features":{}}',
        b'{"ts":"2026-11-01T00:02:00Z",\x00"model":"fraud","features":{}}',
        good(3),
    ]) + b"\n",
    # Nesting 64 deep is accepted; 65 and 10 000 are refused without recursion trouble.
    "deep_nesting.jsonl": b"\n".join([good(0), nested(63), nested(64), nested(10000), good(5)]) + b"\n",
    # Out-of-range and non-numbers: 1e400 is +infinity (a non-finite observation, the line counts),
    # "NaN" as a string is a type mismatch of a numeric feature (counts), bare NaN is not JSON.
    "numbers.jsonl": b"\n".join([
        good(0),
        good(1, amount="1e400"),
        good(2, amount="-1e400"),
        good(3, amount='"NaN"'),
        good(4, amount="NaN"),
        good(5, amount="1e-400"),
        good(6),
    ]) + b"\n",
    # Duplicate keys: for a field path the last occurrence wins; within features the first does.
    "duplicate_keys.jsonl": b"\n".join([
        good(0),
        b'{"ts":"garbage","ts":"2026-11-01T00:01:00Z","model":"fraud","features":{"amount":1}}',
        b'{"ts":"2026-11-01T00:02:00Z","ts":"garbage","model":"fraud","features":{"amount":1}}',
        b'{"ts":"2026-11-01T00:03:00Z","model":"fraud","features":{"amount":1,"amount":"x"}}',
        good(4),
    ]) + b"\n",
    # Wrong JSON types where a timestamp, a model or an object is expected.
    "wrong_types.jsonl": b"\n".join([
        good(0),
        with_ts(b"true"),
        with_ts(b'{"s":1}'),
        with_ts(b"null"),
        b'{"ts":"2026-11-01T00:04:00Z","model":7,"features":{"amount":1}}',
        b'{"ts":"2026-11-01T00:05:00Z","model":"fraud","features":5}',
        b"[1,2]",
        b'"just a string"',
        good(8),
    ]) + b"\n",
    # Event times far in the future (refused: the clock cannot be that wrong), far in the past
    # (late: their windows closed long ago), and unparsable ones.
    "timestamps.jsonl": b"\n".join([
        good(0),
        with_ts(b'"9999-12-31T23:59:59Z"'),
        good(5),
        with_ts(b"8640000000000000"),
        with_ts(b'"0001-01-01T00:00:00Z"'),
        with_ts(b"0"),
        with_ts(b'"2026-02-30T00:00:00Z"'),
        with_ts(b'"+12026-11-01T00:00:00Z"'),
        with_ts(b"1e300"),
        good(6),
    ]) + b"\n",
    # An empty file.
    "empty.jsonl": b"",
    # The last line has no newline: it still counts.
    "no_final_newline.jsonl": good(0) + b"\n" + good(1),
    # Empty and whitespace-only lines.
    "blank_lines.jsonl": b"\n".join([good(0), b"", b"   ", b"\t", good(4)]) + b"\n",
    # Broken JSON.
    "invalid_json.jsonl": b"\n".join([
        good(0),
        b'{"ts":',
        b"{not json}",
        b'{"ts":"2026-11-01T00:03:00Z","model":"fraud","features":{"amount":01}}',
        good(4) + b" trailing",
        good(5),
    ]) + b"\n",
}

if __name__ == "__main__":
    for name, data in FILES.items():
        with open(os.path.join(HERE, name), "wb") as handle:
            handle.write(data)
