import DriftTestSupport
import Testing

private func summary(_ values: some Sequence<String>, cap: Int = CategoricalSummary.defaultCap) -> CategoricalSummary {
    var s = CategoricalSummary(cap: cap)
    for v in values { s.insert(v) }
    return s
}

private func zipfIDs(draws: Int, ids: Int, seed: UInt64) -> [String] {
    let cdf = Sampler.zipfCDF(n: ids, s: 1.1)
    let names = (1...ids).map { "cat-\($0)" }
    var sampler = Sampler(seed: seed)
    return (0..<draws).map { _ in names[sampler.zipf(cdf: cdf) - 1] }
}

private func counts(_ values: [String]) -> [String: UInt64] {
    values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}

/// The guarantees that hold after conversion, checked against exact counts.
private func checkBounds(_ s: CategoricalSummary, truth: [String: UInt64], _ context: String) {
    let n = truth.values.reduce(0, +)
    #expect(s.count == n, "\(context)")
    #expect(s.keptCounts.count <= s.cap, "\(context)")
    #expect(s.otherCount + s.keptCounts.values.reduce(0, +) == n, "\(context)")
    #expect(s.maximumError <= n / UInt64(s.cap + 1), "\(context)")
    let outside = truth.filter { s.count(of: $0.key) > $0.value || s.count(of: $0.key) + s.maximumError < $0.value }
    #expect(outside.isEmpty, "\(context): \(outside.count) counts outside [true − maximumError, true]")
}

struct CategoricalSummaryTests {
    @Test func exactModeEqualsDictionaryOracle() {
        for seed in UInt64(1)...30 {
            var sampler = Sampler(seed: seed)
            let values = (0..<sampler.int(below: 3_000)).map { _ in "v\(sampler.int(below: 1 + Int(seed) * 30))" }
            let s = summary(values)
            let truth = counts(values)
            #expect(s.isExact && s.keptCounts == truth && s.count == UInt64(values.count), "seed \(seed)")
            #expect(s.distinctEstimate == Double(truth.count) && s.maximumError == 0 && s.otherCount == 0)
            #expect(truth.allSatisfy { s.count(of: $0.key) == $0.value } && s.count(of: "absent") == 0)
            let sorted = truth.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            #expect(s.topValues == sorted.map { .init(value: $0.key, count: $0.value) }, "seed \(seed)")
        }
    }

    @Test func convertsAtTheCapHandWorked() {
        var s = summary(["a", "b", "c"], cap: 3)
        #expect(s.isExact)
        s.insert("d")  // {a,b,c,d: 1 each} reduce by the 4th largest count (1): nothing kept, error 1
        #expect(!s.isExact && s.keptCounts.isEmpty && s.maximumError == 1 && s.otherCount == 4 && s.count == 4)
        s.insert("a")
        s.insert("a")
        #expect(s.count(of: "a") == 2 && s.otherCount == 4 && abs(s.distinctEstimate - 4) < 0.01)

        // Two exact summaries whose union exceeds the cap: a:5 b:4 c:3 | d:2 e:1 f:1, cap 5.
        let left = summary(Array(repeating: "a", count: 5) + Array(repeating: "b", count: 4) + ["c", "c", "c"], cap: 5)
        let right = summary(["d", "d", "e", "f"], cap: 5)
        let merged = left.merging(right)
        #expect(!merged.isExact && merged.maximumError == 1 && merged.count == 16)
        #expect(merged.keptCounts == ["a": 4, "b": 3, "c": 2, "d": 1] && merged.otherCount == 6)
    }

    @Test func highCardinalityIsBoundedAndAccurate() throws {
        for seed in UInt64(1)...3 {
            let values = zipfIDs(draws: 150_000, ids: 30_000, seed: seed)
            let truth = counts(values)
            let s = summary(values)
            #expect(!s.isExact, "seed \(seed)")
            checkBounds(s, truth: truth, "seed \(seed)")
            let encoded = s.encoded()
            #expect(encoded.count < 100 * 1_024, "seed \(seed): \(encoded.count) bytes at cap 1000")
            let top = truth.sorted { $0.value > $1.value }.prefix(20).map(\.key)
            let kept = Set(s.topValues.prefix(40).map(\.value))
            #expect(top.allSatisfy { kept.contains($0) }, "seed \(seed): the 20 most frequent are among the top kept")
            #expect(s.topValues.first?.value == top.first, "seed \(seed)")
            let relative = abs(s.distinctEstimate - Double(truth.count)) / Double(truth.count)
            #expect(relative < 0.05, "seed \(seed): distinct \(s.distinctEstimate) vs \(truth.count)")
            #expect(try CategoricalSummary(decoding: encoded) == s, "seed \(seed)")
        }
    }

    @Test func exactMergeLaws() {
        for seed in UInt64(1)...30 {
            var sampler = Sampler(seed: seed)
            var parts = Array(repeating: [String](), count: 3)
            for _ in 0..<sampler.int(below: 600) { parts[sampler.int(below: 3)].append("k\(sampler.int(below: 60))") }
            let (a, b, c) = (summary(parts[0], cap: 60), summary(parts[1], cap: 60), summary(parts[2], cap: 60))
            let whole = summary(parts.flatMap { $0 }, cap: 60)
            #expect(a.merging(b).merging(c) == whole, "seed \(seed): merge equals the whole stream")
            #expect(a.merging(b.merging(c)) == whole, "seed \(seed): associativity")
            #expect(a.merging(b) == b.merging(a), "seed \(seed): commutativity")
            #expect(a.merging(CategoricalSummary(cap: 60)) == a, "seed \(seed): identity")
        }
    }

    @Test func mergeAfterOverflowKeepsBoundsAndExactParts() {
        for seed in UInt64(1)...4 {
            let values = zipfIDs(draws: 40_000, ids: 5_000, seed: seed)
            var sampler = Sampler(seed: seed)
            var parts = Array(repeating: [String](), count: 3)
            for v in values { parts[sampler.int(below: 3)].append(v) }
            let (a, b, c) = (summary(parts[0], cap: 200), summary(parts[1], cap: 300), summary(parts[2], cap: 200))
            let left = a.merging(b).merging(c)
            let right = a.merging(b.merging(c))
            let truth = counts(values)
            checkBounds(left, truth: truth, "seed \(seed) left")
            checkBounds(right, truth: truth, "seed \(seed) right")
            #expect(left.cap == 200, "seed \(seed): merges at the smaller cap")
            #expect(a.merging(b) == b.merging(a), "seed \(seed): commutativity is exact")
            #expect(a.merging(CategoricalSummary(cap: 200)) == a, "seed \(seed): identity")
            let whole = summary(values, cap: 200)
            #expect(left.distinctSketch == whole.distinctSketch && right.distinctSketch == whole.distinctSketch)
            #expect(abs(left.distinctEstimate - Double(truth.count)) / Double(truth.count) < 0.05, "seed \(seed)")
        }
    }

    // Golden v1 blobs, produced independently by Fixtures/Summaries/golden_v1.py.
    static let goldenExact =
        "44570401000400000004000000000000000c030000000100000061010000000000000001000000620200000000000000"
        + "02000000c3a90100000000000000"
    static let goldenSketch =
        "44570401010200000004000000000000000c2a000000445706010002000000040000000000000001000000000000000100"
        + "0000010000006101000000000000001300000044570501010c030000002c0005e30302b80701"

    @Test func goldenV1() throws {
        let exact = summary(["b", "a", "b", "é"], cap: 4)
        let sketch = summary(["a", "b", "c", "a"], cap: 2)
        #expect(Hex.string(exact.encoded()) == Self.goldenExact)
        #expect(Hex.string(sketch.encoded()) == Self.goldenSketch)
        #expect(try CategoricalSummary(decoding: #require(Hex.bytes(Self.goldenExact))) == exact)
        #expect(try CategoricalSummary(decoding: #require(Hex.bytes(Self.goldenSketch))) == sketch)
    }

    @Test func codecIsCanonicalAndRejectsTruncation() throws {
        let values = zipfIDs(draws: 3_000, ids: 400, seed: 9)
        let forward = summary(values)
        let backward = summary(values.reversed())
        #expect(forward == backward && forward.encoded() == backward.encoded(), "equal summaries, equal bytes")
        for s in [forward, summary(values, cap: 50), CategoricalSummary()] {
            let blob = s.encoded()
            #expect(try CategoricalSummary(decoding: blob) == s)
            for length in 0..<blob.count where length < 100 || length % 11 == 0 {
                #expect(throws: SketchCodecError.self, "length \(length)") {
                    try CategoricalSummary(decoding: Array(blob.prefix(length)))
                }
            }
        }
    }

    @Test func rejectsInconsistentFields() throws {
        var badCount = try #require(Hex.bytes(Self.goldenExact))
        badCount[9] = 5  // count 5, but the entries sum to 4
        #expect(throws: SketchCodecError.self) { try CategoricalSummary(decoding: badCount) }
        var overCap = try #require(Hex.bytes(Self.goldenExact))
        overCap[5] = 2  // cap 2, three entries
        #expect(throws: SketchCodecError.self) { try CategoricalSummary(decoding: overCap) }
        var badPrecision = try #require(Hex.bytes(Self.goldenExact))
        badPrecision[17] = 14
        #expect(throws: SketchCodecError.self) { try CategoricalSummary(decoding: badPrecision) }
        var capMismatch = try #require(Hex.bytes(Self.goldenSketch))
        capMismatch[5] = 3  // outer cap 3, inner capacity 2
        #expect(throws: SketchCodecError.self) { try CategoricalSummary(decoding: capMismatch) }
    }

    @Test func corruptionNeverCrashes() {
        for blob in [
            summary(["x", "y", "x", "zz", "é"]).encoded(), summary(["a", "b", "c", "a", "d"], cap: 2).encoded(),
        ] {
            for seed in UInt64(1)...20 {
                for variant in BlobCorruption.variants(of: blob, seed: seed, trials: 100) {
                    if let decoded = try? CategoricalSummary(decoding: variant) {
                        #expect(decoded.encoded() == variant, "seed \(seed): a decoded blob re-encodes to itself")
                    }
                }
            }
        }
    }
}
