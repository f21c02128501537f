#!/usr/bin/env python3
"""Independent reference for the v1 blobs of DriftCore's summaries (Moments, BinnedCounts,
HyperLogLog, FrequentItems, CategoricalSummary) and for StableHash.

Re-implements the byte layouts and the HyperLogLog register update from their written
specifications (the layout tables in the Swift `+Codec.swift` files), so the golden hex strings
in Tests/DriftCoreTests/*Tests.swift are not merely the Swift encoder's own output.
Run: python3 Fixtures/Summaries/golden_v1.py
"""
import struct

M64 = (1 << 64) - 1


def fnv1a(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & M64
    return h


def mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def stable_hash(s: str) -> int:
    return mix(fnv1a(s.encode("utf-8")))


def header(family: int, flags: int = 0) -> bytes:
    return bytes([0x44, 0x57, family, 1, flags])


def hll_registers(p: int, hashes):
    regs = [0] * (1 << p)
    for h in hashes:
        idx = h >> (64 - p)
        rest = (h << p) & M64
        rank = 65 - p
        for i in range(64 - p):
            if rest & (1 << (63 - i)):
                rank = i + 1
                break
        regs[idx] = max(regs[idx], rank)
    return regs


def hll_blob(p: int, regs) -> bytes:
    nz = [(i, v) for i, v in enumerate(regs) if v]
    if 4 + 3 * len(nz) < len(regs):
        out = header(5, 1) + bytes([p]) + struct.pack("<I", len(nz))
        for i, v in nz:
            out += struct.pack("<HB", i, v)
        return out
    return header(5, 0) + bytes([p]) + bytes(regs)


def counts_blob(counts: dict) -> bytes:
    out = struct.pack("<I", len(counts))
    for k in sorted(counts):
        b = k.encode("utf-8")
        out += struct.pack("<I", len(b)) + b + struct.pack("<Q", counts[k])
    return out


def main():
    for s in ["", "a", "foobar", "grüße", "id-42"]:
        print(f"StableHash {s!r}: fnv1a=0x{fnv1a(s.encode()):016x} hash=0x{stable_hash(s):016x}")

    # Moments of [1, 2, 3, 4]: n 4, shift K = 1 (the first value), mean of x − K = 1.5, M2 5, min 1, max 4.
    # Empty: 0, 0, 0, 0, +inf, -inf.
    print("moments [1,2,3,4]:", (header(2) + struct.pack("<Qddddd", 4, 1.0, 1.5, 5.0, 1.0, 4.0)).hex())
    print("moments empty:", (header(2) + struct.pack("<Qddddd", 0, 0.0, 0.0, 0.0, float("inf"), float("-inf"))).hex())

    # BinnedCounts, edges [0, 1.5, 10], values -3, 0, 0.5, 1.5, 1.5, 9.99, 10, 1e300:
    # bins by np.searchsorted(side="right") are 0, 1, 1, 2, 2, 2, 3, 3 → counts [1, 2, 3, 2].
    edges = [0.0, 1.5, 10.0]
    counts = [1, 2, 3, 2]
    blob = header(3) + struct.pack("<I", len(edges)) + struct.pack("<3d", *edges) + struct.pack("<4Q", *counts)
    print("binned counts:", blob.hex())

    # HyperLogLog: p = 4 over the stable hashes of "a".."h" (dense); p = 12 over "a", "b", "c" (sparse).
    print("hll p4 a..h:", hll_blob(4, hll_registers(4, [stable_hash(c) for c in "abcdefgh"])).hex())
    print("hll p12 abc:", hll_blob(12, hll_registers(12, [stable_hash(c) for c in "abc"])).hex())
    print("hll p12 empty:", hll_blob(12, [0] * 4096).hex())

    # FrequentItems capacity 2 after a, b, a, c, a: total 5, maximum error 1, {a: 2} (hand-worked
    # Misra–Gries: c meets a full table {a:2, b:1}; subtract min(1, 1) = 1 → {a:1}; then a → {a:2}).
    fi = header(6) + struct.pack("<IQQ", 2, 5, 1) + counts_blob({"a": 2})
    print("frequent items:", fi.hex())

    # CategoricalSummary cap 4, exact: b, a, b, é → {a:1, b:2, é:1}, count 4, HLL precision 12.
    cs = header(4, 0) + struct.pack("<IQB", 4, 4, 12) + counts_blob({"a": 1, "b": 2, "é": 1})
    print("categorical exact:", cs.hex())

    # CategoricalSummary cap 2, sketch: a, b, c, a → at c, {a:1,b:1,c:1} reduces by the 3rd largest (1)
    # to {} with error 1; then a → {a:1}; total 4. HLL of a, b, c.
    inner = header(6) + struct.pack("<IQQ", 2, 4, 1) + counts_blob({"a": 1})
    hll = hll_blob(12, hll_registers(12, [stable_hash(c) for c in "abc"]))
    cs = header(4, 1) + struct.pack("<IQB", 2, 4, 12)
    cs += struct.pack("<I", len(inner)) + inner + struct.pack("<I", len(hll)) + hll
    print("categorical sketch:", cs.hex())


if __name__ == "__main__":
    main()
