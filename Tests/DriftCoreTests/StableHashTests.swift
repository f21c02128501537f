import DriftTestSupport
import Testing

struct StableHashTests {
    @Test func fnv1aMatchesPublishedVectors() {
        // Test vectors from the FNV reference (Fowler, Noll, Vo; draft-eastlake-fnv): FNV-1a 64.
        func fnv(_ s: String) -> UInt64 {
            Array(s.utf8).withUnsafeBytes { StableHash.fnv1a($0) }
        }
        #expect(fnv("") == 0xcbf2_9ce4_8422_2325)
        #expect(fnv("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(fnv("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func pinnedValuesNeverChange() {
        // From Fixtures/Summaries/golden_v1.py (an independent Python implementation). These values
        // are persisted inside HyperLogLog registers: changing them silently corrupts stored sketches.
        #expect(StableHash.hash("") == 0xf52a_15e9_a9b5_e89b)
        #expect(StableHash.hash("a") == 0x02c0_bdbf_4814_20f8)
        #expect(StableHash.hash("foobar") == 0x404d_a9e3_b740_78c2)
        #expect(StableHash.hash("grüße") == 0x589d_f077_cefd_19f3)
        #expect(StableHash.hash("id-42") == 0x8e98_0c09_4ef0_60bd)
    }

    @Test func bytesAndStringsAgree() {
        for s in ["", "a", "grüße", "日本語", String(repeating: "x", count: 1_000)] {
            let viaBytes = Array(s.utf8).withUnsafeBytes { StableHash.hash(bytes: $0) }
            #expect(viaBytes == StableHash.hash(s), "\(s)")
            #expect(viaBytes == SplitMix64.mix(Array(s.utf8).withUnsafeBytes { StableHash.fnv1a($0) }))
        }
        // A bridged-looking substring and its copy hash alike (hashing goes by bytes, not identity).
        let long = "prefix-value-suffix"
        #expect(StableHash.hash(String(long.dropFirst(7).dropLast(7))) == StableHash.hash("value"))
    }

    @Test func topBitsAreSpread() {
        // HyperLogLog reads the top 12 bits: 40 960 ids should fill 4096 buckets about evenly.
        var buckets = [Int](repeating: 0, count: 4096)
        var seen = Set<UInt64>()
        for i in 0..<40_960 {
            let h = StableHash.hash("user-\(i)")
            buckets[Int(h >> 52)] += 1
            seen.insert(h)
        }
        #expect(seen.count == 40_960, "no collisions among 40 960 short ids")
        // Chi-square with 4095 degrees of freedom: mean 4095, sd ≈ 90.5; allow 5 sd.
        let chiSquare = buckets.reduce(0.0) { $0 + (Double($1) - 10) * (Double($1) - 10) / 10 }
        #expect(abs(chiSquare - 4095) < 5 * 90.5, "chi-square \(chiSquare)")
    }
}
