#!/usr/bin/env python3
"""Independent reference for the v1 blobs of FeatureSummary (family 7) and Profile (family 8).

Builds the golden blobs of Tests/DriftCoreTests/ProfileTests.swift from the layout tables in
FeatureSummary+Codec.swift and Profile+Codec.swift, with every nested blob written out by hand
from its own layout table (Moments, KLLSketch, BinnedCounts, CategoricalSummary), so the golden
hex strings are not merely the Swift encoder's own output. The one nested blob taken verbatim is
the binary-classification accumulator, already pinned by PerformanceCodecTests.binaryV1.

Run: python3 Fixtures/Summaries/golden_profile_v1.py
"""
import struct

KLL_COIN = 0x4B4C4C636F696E31  # KLLSketch.initialCoinState, ASCII "KLLcoin1"


def header(family: int, flags: int = 0) -> bytes:
    return bytes([0x44, 0x57, family, 1, flags])


def blob(b: bytes) -> bytes:
    return struct.pack("<I", len(b)) + b


def string(s: str) -> bytes:
    return blob(s.encode("utf-8"))


def moments(count, shift, shifted_mean, m2, lo, hi) -> bytes:
    return header(2) + struct.pack("<Qddddd", count, shift, shifted_mean, m2, lo, hi)


def kll_exact(k: int, inserted) -> bytes:
    """A KLL sketch that never compacted: one level; level 0 is filled from the end of the buffer,
    so its buffer order is the reverse of the insertion order."""
    items = list(reversed(inserted))
    out = header(1) + struct.pack("<HBQQ", k, 1, len(items), KLL_COIN)
    out += struct.pack("<dd", min(items), max(items)) + struct.pack("<I", len(items))
    return out + struct.pack(f"<{len(items)}d", *items)


def binned(edges, counts) -> bytes:
    return header(3) + struct.pack("<I", len(edges)) + struct.pack(f"<{len(edges)}d", *edges) + struct.pack(
        f"<{len(counts)}Q", *counts)


def categorical_exact(cap: int, counts: dict) -> bytes:
    out = header(4, 0) + struct.pack("<IQB", cap, sum(counts.values()), 12) + struct.pack("<I", len(counts))
    for key in sorted(counts):  # ASCII and Latin-1 keys: Python's order is Swift's String order
        out += string(key) + struct.pack("<Q", counts[key])
    return out


def feature(kind: int, rows, missing, non_finite, mismatches, parts, has_bins=False) -> bytes:
    out = header(7, 1 if has_bins else 0) + bytes([kind]) + struct.pack("<QQQQ", rows, missing, non_finite, mismatches)
    for part in parts:
        out += blob(part)
    return out


# PerformanceCodecTests.binaryV1: threshold 0.5, 10 score bins, 4 calibration bins, scores
# (0.1, no) (0.4, no) (0.35, yes) (0.8, yes) (NaN, yes).
BINARY_V1 = bytes.fromhex(
    "4457090100000000000000e03f0a00000004000000010000000000000000000000000000000200000000000000010000"
    "000000000001000000000000004feef940f739fe3f00000000000090bc3e0ad7a3703de43f00000000000060bc040000"
    "000100000000000000000000000100000000000000030000000100000000000000000000000000000004000000000000"
    "000000000001000000000000000800000001000000000000000000000000000000030000000000000001000000000000"
    "0000000000000000009a9999999999b93f00000000000000000100000002000000000000000100000000000000000000"
    "000000e83f000000000000000003000000010000000000000001000000000000009a9999999999e93f00000000000000"
    "00")


def main():
    # "amount": numeric with bins [0, 1.5, 10]; observations 1, 2, 3, 4, NaN, missing, "x" (wrong type).
    # Moments (Welford with shift K = 1): y = 0, 1, 2, 3 → mean of y 1.5, M2 5. Bins by
    # np.searchsorted(side="right"): 1 → 1, 2/3/4 → 2, so counts [0, 1, 3, 0].
    amount = feature(0, 7, 1, 1, 1, [
        moments(4, 1.0, 1.5, 5.0, 1.0, 4.0),
        kll_exact(200, [1.0, 2.0, 3.0, 4.0]),
        binned([0.0, 1.5, 10.0], [0, 1, 3, 0]),
    ], has_bins=True)
    # "country": categorical, cap 1000; b, a, b, é, missing.
    country = feature(1, 5, 1, 0, 0, [categorical_exact(1000, {"a": 1, "b": 2, "é": 1})])
    # prediction: 0.25, 0.75 → K 0.25, y = 0, 0.5: mean of y 0.25, M2 = 0.5 · (0.5 − 0.25) = 0.125.
    prediction = feature(0, 2, 0, 0, 0, [moments(2, 0.25, 0.25, 0.125, 0.25, 0.75), kll_exact(200, [0.25, 0.75])])
    # label: 1, 0 → K 1, y = 0, −1: mean of y −0.5, M2 = (−1) · (−1 − (−0.5)) = 0.5.
    label = feature(0, 2, 0, 0, 0, [moments(2, 1.0, -0.5, 0.5, 0.0, 1.0), kll_exact(200, [1.0, 0.0])])

    print("feature amount:", amount.hex())
    print("feature country:", country.hex())
    # Profile: 7 rows, flags prediction | label | binary = 7, features by ascending name.
    profile = header(8, 7) + struct.pack("<QI", 7, 2)
    profile += string("amount") + blob(amount) + string("country") + blob(country)
    profile += blob(prediction) + blob(label) + blob(BINARY_V1)
    print("profile:", profile.hex())


if __name__ == "__main__":
    main()
