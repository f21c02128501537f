import DriftTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

private func sketch(_ hashes: some Sequence<UInt64>, precision: Int = 12) -> HyperLogLog {
    var hll = HyperLogLog(precision: precision)
    for h in hashes { hll.insert(hash: h) }
    return hll
}

/// `n` distinct pseudo-random 64-bit hashes for `seed`.
private func hashes(_ n: Int, seed: UInt64) -> [UInt64] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in rng.next() }
}

struct HyperLogLogTests {
    @Test func registerUpdateIsHandWorked() {
        var hll = HyperLogLog(precision: 4)
        hll.insert(hash: 0)  // index 0, no 1-bit in the low 60 bits: the saturated rank 65 − 4
        hll.insert(hash: 1 << 63)  // index 8, rest all zero: 61
        hll.insert(hash: 0x1 << 60 | 0x1 << 59)  // index 1, first rest bit set: rank 1
        hll.insert(hash: 0x2 << 60 | 0x1 << 50)  // index 2, nine zeros then a 1: rank 10
        #expect(hll.maximumRegisterValue == 61)
        #expect(hll.registers == [61, 1, 10, 0, 0, 0, 0, 0, 61, 0, 0, 0, 0, 0, 0, 0])
        #expect(HyperLogLog().estimate() == 0 && HyperLogLog().isEmpty)
    }

    @Test(arguments: [10, 1_000, 100_000])
    func estimateWithinThreeStandardErrors(n: Int) {
        for seed in UInt64(1)...6 {
            let hll = sketch(hashes(n, seed: seed &* 7_919 &+ UInt64(n)))
            let relative = abs(hll.estimate() - Double(n)) / Double(n)
            #expect(relative <= 3 * hll.standardError, "seed \(seed) n \(n): relative error \(relative)")
        }
    }

    @Test func estimateAcrossTheLinearCountingTransition() {
        // 2.5m … 5m (10 240 … 20 480 at p = 12) is where the classic estimator is biased; Ertl's is not.
        var totalRelative = 0.0
        for (i, n) in [6_000, 10_000, 14_000, 18_000, 22_000].enumerated() {
            for seed in UInt64(1)...4 {
                let hll = sketch(hashes(n, seed: seed &* 104_729 &+ UInt64(i)))
                let relative = (hll.estimate() - Double(n)) / Double(n)
                totalRelative += relative
                #expect(abs(relative) <= 3 * hll.standardError, "seed \(seed) n \(n): relative error \(relative)")
            }
        }
        #expect(abs(totalRelative / 20) < 0.01, "mean signed error over 20 sketches: \(totalRelative / 20)")
    }

    @Test func agreesWithClassicEstimatorsWhereTheyAreUnbiased() {
        // Linear counting m·ln(m/V) for small n; the raw harmonic-mean estimator (Flajolet et al.) for large n.
        let small = sketch(hashes(500, seed: 11))
        let m = Double(small.registerCount)
        let zeros = Double(small.registers.filter { $0 == 0 }.count)
        let linearCounting = m * log(m / zeros)
        #expect(abs(small.estimate() - linearCounting) / linearCounting < 0.002)

        let large = sketch(hashes(200_000, seed: 12))
        let alpha = 0.7213 / (1 + 1.079 / m)
        let raw = alpha * m * m / large.registers.reduce(0.0) { $0 + pow(2, -Double($1)) }
        #expect(abs(large.estimate() - raw) / raw < 0.002)
    }

    @Test func duplicatesDoNotCount() {
        var hll = HyperLogLog()
        for _ in 0..<1_000 { hll.insert(hash: StableHash.hash("same")) }
        #expect(abs(hll.estimate() - 1) < 0.01)
        let ids = sketch((0..<1_000).map { StableHash.hash("user-\($0)") })
        let twice = sketch((0..<2_000).map { StableHash.hash("user-\($0 % 1_000)") })
        #expect(ids == twice)
        #expect(abs(ids.estimate() - 1_000) / 1_000 < 3 * ids.standardError)
    }

    @Test func mergeEqualsSketchOfUnionAndObeysLaws() {
        for seed in UInt64(1)...20 {
            var rng = SplitMix64(seed: seed)
            let pool = hashes(3_000, seed: seed)
            var parts = Array(repeating: [UInt64](), count: 3)
            for h in pool { parts[Int(rng.next() % 3)].append(h) }
            parts[1] += parts[0].prefix(100)  // overlapping inputs
            let (a, b, c) = (sketch(parts[0]), sketch(parts[1]), sketch(parts[2]))
            #expect(a.merging(b).merging(c) == sketch(pool), "seed \(seed): merge equals the union's registers")
            #expect(a.merging(b.merging(c)) == a.merging(b).merging(c), "seed \(seed): associativity")
            #expect(a.merging(b) == b.merging(a), "seed \(seed): commutativity")
            #expect(a.merging(a) == a && a.merging(HyperLogLog()) == a, "seed \(seed): idempotence, identity")
        }
    }

    @Test func foldingEqualsBuildingAtTheLowerPrecision() {
        for seed in UInt64(1)...10 {
            let input = hashes(5_000, seed: seed)
            let fine = sketch(input, precision: 14)
            for p in [4, 9, 12, 14] {
                #expect(fine.folded(to: p) == sketch(input, precision: p), "seed \(seed) p \(p)")
            }
            let coarse = sketch(input.prefix(2_000), precision: 10)
            let mixed = sketch(input.suffix(3_000), precision: 12)
            #expect(coarse.merging(mixed) == sketch(input, precision: 10), "seed \(seed)")
            #expect(mixed.merging(coarse) == sketch(input, precision: 10), "seed \(seed)")
        }
        // Saturated registers fold to the saturated value of the lower precision.
        #expect(sketch([0], precision: 16).folded(to: 4) == sketch([0], precision: 4))
    }

    // Golden v1 blobs, produced independently by Fixtures/Summaries/golden_v1.py
    // (p = 4 over the stable hashes of "a"…"h": dense; p = 12 over "a", "b", "c": sparse).
    static let goldenDense = "44570501000403000001000200030000010001010000"
    static let goldenSparse = "44570501010c030000002c0005e30302b80701"
    static let goldenEmpty = "44570501010c00000000"

    @Test func goldenV1() throws {
        let dense = sketch("abcdefgh".map { StableHash.hash(String($0)) }, precision: 4)
        let sparse = sketch("abc".map { StableHash.hash(String($0)) })
        #expect(Hex.string(dense.encoded()) == Self.goldenDense)
        #expect(Hex.string(sparse.encoded()) == Self.goldenSparse)
        #expect(Hex.string(HyperLogLog().encoded()) == Self.goldenEmpty)
        #expect(try HyperLogLog(decoding: #require(Hex.bytes(Self.goldenDense))) == dense)
        #expect(try HyperLogLog(decoding: #require(Hex.bytes(Self.goldenSparse))) == sparse)
        #expect(try HyperLogLog(decoding: #require(Hex.bytes(Self.goldenEmpty))) == HyperLogLog())
    }

    @Test func codecRoundTripsBothLayoutsAndRejectsTruncation() throws {
        for (i, n) in [0, 1, 50, 1_364, 1_366, 20_000].enumerated() {
            let hll = sketch(hashes(n, seed: UInt64(i)))
            let blob = hll.encoded()
            #expect(try HyperLogLog(decoding: blob) == hll, "n \(n)")
            #expect(blob.count <= 10 + hll.registerCount, "n \(n): never larger than dense")
            for length in 0..<blob.count where length < 64 || length % 97 == 0 {
                #expect(throws: SketchCodecError.self, "n \(n) length \(length)") {
                    try HyperLogLog(decoding: Array(blob.prefix(length)))
                }
            }
        }
    }

    @Test func rejectsInvalidFields() throws {
        var dense = try #require(Hex.bytes(Self.goldenDense))
        dense[6] = 62  // above 65 − 4
        #expect(
            throws: SketchCodecError.invalidField(
                family: .hyperLogLog, field: "register 0", expected: "0...61", found: "62")
        ) {
            try HyperLogLog(decoding: dense)
        }
        var precision = try #require(Hex.bytes(Self.goldenDense))
        precision[5] = 17
        #expect(throws: SketchCodecError.self) { try HyperLogLog(decoding: precision) }
        // A dense blob for a sketch that the canonical encoder would write sparse.
        var nonCanonical = ByteWriter()
        nonCanonical.writeHeader(family: .hyperLogLog, version: 1)
        nonCanonical.write(UInt8(12))
        nonCanonical.write(raw: [UInt8](repeating: 0, count: 4096))
        #expect(throws: SketchCodecError.self) { try HyperLogLog(decoding: nonCanonical.bytes) }
        // Sparse indices must increase.
        var unordered = ByteWriter()
        unordered.writeHeader(family: .hyperLogLog, version: 1, flags: 1)
        unordered.write(UInt8(12))
        unordered.write(UInt32(2))
        unordered.write(UInt16(5))
        unordered.write(UInt8(1))
        unordered.write(UInt16(5))
        unordered.write(UInt8(2))
        #expect(throws: SketchCodecError.self) { try HyperLogLog(decoding: unordered.bytes) }
    }

    @Test func corruptionNeverCrashes() {
        for blob in [sketch(hashes(30, seed: 5)).encoded(), sketch(hashes(30, seed: 6), precision: 4).encoded()] {
            for seed in UInt64(1)...20 {
                for variant in BlobCorruption.variants(of: blob, seed: seed, trials: 100) {
                    if let decoded = try? HyperLogLog(decoding: variant) {
                        #expect(decoded.encoded() == variant, "seed \(seed): a decoded blob re-encodes to itself")
                    }
                }
            }
        }
    }
}
