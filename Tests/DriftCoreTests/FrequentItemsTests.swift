import DriftTestSupport
import Testing

/// A Zipf(1.1) stream over `ids` distinct strings, and its exact counts (the oracle).
private func zipfStream(draws: Int, ids: Int, seed: UInt64) -> (stream: [String], truth: [String: UInt64]) {
    let cdf = Sampler.zipfCDF(n: ids, s: 1.1)
    let names = (1...ids).map { "id\($0)" }
    var sampler = Sampler(seed: seed)
    var stream: [String] = []
    stream.reserveCapacity(draws)
    var truth: [String: UInt64] = [:]
    for _ in 0..<draws {
        let name = names[sampler.zipf(cdf: cdf) - 1]
        stream.append(name)
        truth[name, default: 0] += 1
    }
    return (stream, truth)
}

/// Checks the Misra–Gries guarantees of `summary` against exact counts.
private func checkBounds(_ summary: FrequentItems, truth: [String: UInt64], _ context: String) {
    let n = truth.values.reduce(0, +)
    #expect(summary.total == n, "\(context)")
    #expect(summary.keptCount <= summary.capacity, "\(context)")
    #expect(summary.maximumError <= n / UInt64(summary.capacity + 1), "\(context)")
    #expect(summary.maximumError * UInt64(summary.capacity + 1) <= n - summary.keptTotal, "\(context)")
    var violations = 0
    for (item, trueCount) in truth {
        let estimate = summary.count(of: item)
        if estimate > trueCount || estimate + summary.maximumError < trueCount { violations += 1 }
        if trueCount > n / UInt64(summary.capacity + 1) && estimate == 0 { violations += 1 }
    }
    for item in summary.keptCounts.keys where truth[item] == nil { violations += 1 }
    #expect(violations == 0, "\(context): \(violations) estimates outside [true − maximumError, true]")
}

struct FrequentItemsTests {
    @Test func handWorkedMisraGries() {
        var fi = FrequentItems(capacity: 2)
        for item in ["a", "b", "a", "c", "a"] { fi.insert(item) }
        // c meets the full table {a:2, b:1}: subtract min(1, 1) from all three → {a:1}.
        #expect(fi.items == [FrequentItems.Item(item: "a", count: 2)])
        #expect(fi.total == 5 && fi.maximumError == 1 && fi.keptTotal == 2)
        #expect(fi.count(of: "b") == 0 && fi.upperBound(of: "b") == 1)
        var weighted = FrequentItems(capacity: 2)
        weighted.insert("x", count: 10)
        weighted.insert("y", count: 3)
        weighted.insert("z", count: 5)  // subtract min(5, 3) → {x:7, z:2}
        #expect(weighted.items == [.init(item: "x", count: 7), .init(item: "z", count: 2)])
        #expect(weighted.maximumError == 3 && weighted.total == 18)
        weighted.insert("w", count: 0)
        #expect(weighted.total == 18 && weighted.keptCount == 2)
    }

    @Test func exactWhileWithinCapacity() {
        for seed in UInt64(1)...20 {
            var sampler = Sampler(seed: seed)
            var fi = FrequentItems(capacity: 50)
            var truth: [String: UInt64] = [:]
            for _ in 0..<sampler.int(below: 2_000) {
                let item = "v\(sampler.int(below: 50))"
                let weight = UInt64(1 + sampler.int(below: 3))
                fi.insert(item, count: weight)
                truth[item, default: 0] += weight
            }
            #expect(fi.keptCounts == truth && fi.maximumError == 0, "seed \(seed)")
            let expected = truth.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            #expect(fi.items.map(\.item) == expected.map(\.key), "seed \(seed): count desc, then item asc")
        }
    }

    @Test(arguments: [100, 1_000])
    func zipfBoundsHold(capacity: Int) {
        let (stream, truth) = zipfStream(draws: 200_000, ids: 20_000, seed: UInt64(capacity))
        var fi = FrequentItems(capacity: capacity)
        for item in stream { fi.insert(item) }
        checkBounds(fi, truth: truth, "capacity \(capacity)")
        let top = truth.max { $0.value < $1.value }?.key ?? ""
        #expect(fi.items.first?.item == top, "capacity \(capacity): the most frequent id comes first")
    }

    @Test func mergeBoundsHoldInAnyGrouping() {
        let (stream, truth) = zipfStream(draws: 100_000, ids: 20_000, seed: 42)
        for seed in UInt64(1)...3 {
            var sampler = Sampler(seed: seed)
            var parts = (0..<4).map { FrequentItems(capacity: 100 + 50 * $0) }
            for item in stream { parts[sampler.int(below: 4)].insert(item) }
            let left = parts[0].merging(parts[1]).merging(parts[2]).merging(parts[3])
            let right = parts[3].merging(parts[2].merging(parts[1].merging(parts[0])))
            #expect(left.capacity == 100 && right.capacity == 100, "seed \(seed): merges at the smaller capacity")
            checkBounds(left, truth: truth, "seed \(seed) left")
            checkBounds(right, truth: truth, "seed \(seed) right")
            #expect(parts[0].merging(parts[1]) == parts[1].merging(parts[0]), "seed \(seed): commutativity is exact")
            #expect(parts[2].merging(FrequentItems(capacity: 200)) == parts[2], "seed \(seed): identity")
        }
    }

    @Test func mergeIsExactAndAssociativeWithinCapacity() {
        for seed in UInt64(1)...20 {
            var sampler = Sampler(seed: seed)
            var parts = Array(repeating: FrequentItems(capacity: 40), count: 3)
            var whole = FrequentItems(capacity: 40)
            for _ in 0..<sampler.int(below: 500) {
                let item = "k\(sampler.int(below: 40))"
                parts[sampler.int(below: 3)].insert(item)
                whole.insert(item)
            }
            let (a, b, c) = (parts[0], parts[1], parts[2])
            #expect(a.merging(b).merging(c) == whole, "seed \(seed)")
            #expect(a.merging(b.merging(c)) == whole, "seed \(seed)")
        }
    }

    // Golden v1 blob, produced independently by Fixtures/Summaries/golden_v1.py.
    static let golden = "445706010002000000050000000000000001000000000000000100000001000000610200000000000000"

    @Test func goldenV1() throws {
        var fi = FrequentItems(capacity: 2)
        for item in ["a", "b", "a", "c", "a"] { fi.insert(item) }
        #expect(Hex.string(fi.encoded()) == Self.golden)
        #expect(try FrequentItems(decoding: #require(Hex.bytes(Self.golden))) == fi)
    }

    @Test func codecIsCanonicalAndRejectsTruncation() throws {
        let (stream, _) = zipfStream(draws: 5_000, ids: 500, seed: 3)
        var forward = FrequentItems(capacity: 1_000)
        var backward = FrequentItems(capacity: 1_000)
        for item in stream { forward.insert(item) }
        for item in stream.reversed() { backward.insert(item) }
        #expect(forward == backward && forward.encoded() == backward.encoded(), "equal summaries, equal bytes")
        var small = FrequentItems(capacity: 30)
        for item in stream { small.insert(item) }
        for fi in [forward, small, FrequentItems(capacity: 7)] {
            let blob = fi.encoded()
            #expect(try FrequentItems(decoding: blob) == fi)
            for length in 0..<blob.count where length < 80 || length % 13 == 0 {
                #expect(throws: SketchCodecError.self, "length \(length)") {
                    try FrequentItems(decoding: Array(blob.prefix(length)))
                }
            }
        }
    }

    @Test func rejectsInvalidFields() {
        func blob(capacity: UInt32, total: UInt64, error: UInt64, _ entries: [(String, UInt64)]) -> [UInt8] {
            var w = ByteWriter()
            w.writeHeader(family: .frequentItems, version: 1)
            w.write(capacity)
            w.write(total)
            w.write(error)
            w.write(UInt32(entries.count))
            for (item, count) in entries {
                w.write(item)
                w.write(count)
            }
            return w.bytes
        }
        #expect(throws: SketchCodecError.self) {
            try FrequentItems(decoding: blob(capacity: 0, total: 0, error: 0, []))
        }
        #expect(throws: SketchCodecError.self) {
            try FrequentItems(decoding: blob(capacity: 4, total: 3, error: 0, [("b", 1), ("a", 2)]))
        }
        #expect(throws: SketchCodecError.self) {
            try FrequentItems(decoding: blob(capacity: 4, total: 3, error: 0, [("a", 3), ("b", 0)]))
        }
        #expect(throws: SketchCodecError.self) {
            try FrequentItems(decoding: blob(capacity: 1, total: 3, error: 0, [("a", 1), ("b", 2)]))
        }
        #expect(throws: SketchCodecError.self) {
            try FrequentItems(decoding: blob(capacity: 2, total: 5, error: 2, [("a", 2)]))  // 2·3 > 5 − 2
        }
        #expect(throws: SketchCodecError.self) {
            try FrequentItems(decoding: blob(capacity: 2, total: 5, error: 0, [("a", 2)]))  // mass lost, no error
        }
        #expect(throws: SketchCodecError.self) {
            try FrequentItems(decoding: blob(capacity: 2, total: 1, error: 0, [("a", 2)]))  // kept above total
        }
    }

    @Test func corruptionNeverCrashes() {
        var fi = FrequentItems(capacity: 4)
        for item in ["alpha", "beta", "alpha", "gamma", "delta", "alpha", "beta", "épsilon"] { fi.insert(item) }
        let blob = fi.encoded()
        for seed in UInt64(1)...20 {
            for variant in BlobCorruption.variants(of: blob, seed: seed, trials: 100) {
                if let decoded = try? FrequentItems(decoding: variant) {
                    #expect(decoded.encoded() == variant, "seed \(seed): a decoded blob re-encodes to itself")
                }
            }
        }
    }
}
