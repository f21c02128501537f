import DriftTestSupport
import Testing

/// Brute-force oracle: the bin of `x` is the number of edges `≤ x` (NaN: all of them, as numpy).
private func bruteForceBin(_ x: Double, _ edges: [Double]) -> Int {
    x.isNaN ? edges.count : edges.filter { $0 <= x }.count
}

struct BinnedCountsTests {
    @Test func handWorkedBins() {
        // np.searchsorted([0, 1.5, 10], [-3, 0, 0.5, 1.5, 1.5, 9.99, 10, 1e300], side="right")
        // == [0, 1, 1, 2, 2, 2, 3, 3]
        var bins = BinnedCounts(edges: [0, 1.5, 10])
        for x in [-3, 0, 0.5, 1.5, 1.5, 9.99, 10, 1e300] { bins.insert(x) }
        #expect(bins.counts == [1, 2, 3, 2])
        #expect(bins.total == 8)
        #expect(bins.binIndex(of: -.infinity) == 0 && bins.binIndex(of: .infinity) == 3)
        #expect(bins.binIndex(of: .nan) == 3)
        #expect(bins.binIndex(of: -0.0) == 1 && bins.binIndex(of: (0.0).nextDown) == 0)
        let single = BinnedCounts(edges: [])
        #expect(single.counts == [0] && single.binIndex(of: 5) == 0)
    }

    @Test func matchesBruteForceIncludingEdgesAndExtremes() {
        for seed in UInt64(1)...40 {
            var sampler = Sampler(seed: seed)
            let k = sampler.int(below: 30)
            var edgeSet = Set<Double>()
            while edgeSet.count < k { edgeSet.insert((sampler.normal(sd: 100) * 8).rounded() / 8) }
            let edges = edgeSet.sorted()
            var values: [Double] = [
                -.infinity, .infinity, -.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0, -0.0,
            ]
            for e in edges { values += [e, e.nextUp, e.nextDown] }
            for _ in 0..<500 { values.append(sampler.normal(sd: 150)) }
            var bins = BinnedCounts(edges: edges)
            var oracle = Array(repeating: UInt64(0), count: k + 1)
            for x in values {
                bins.insert(x)
                oracle[bruteForceBin(x, edges)] += 1
                #expect(bins.binIndex(of: x) == bruteForceBin(x, edges), "seed \(seed) x \(x)")
            }
            #expect(bins.counts == oracle, "seed \(seed)")
            #expect(bins.total == UInt64(values.count), "seed \(seed)")
        }
    }

    @Test func mergeAddsBinsAndObeysLaws() throws {
        let edges = [-1.0, 0, 2.5]
        for seed in UInt64(1)...30 {
            var sampler = Sampler(seed: seed)
            var parts = Array(repeating: BinnedCounts(edges: edges), count: 3)
            var whole = BinnedCounts(edges: edges)
            for _ in 0..<sampler.int(below: 300) {
                let x = sampler.normal(sd: 2)
                parts[sampler.int(below: 3)].insert(x)
                whole.insert(x)
            }
            let (a, b, c) = (parts[0], parts[1], parts[2])
            #expect(try a.merging(b).merging(c) == whole, "seed \(seed): merge equals the whole stream")
            #expect(try a.merging(b.merging(c)) == whole, "seed \(seed): associativity")
            #expect(try a.merging(b) == b.merging(a), "seed \(seed): commutativity")
            #expect(try a.merging(BinnedCounts(edges: edges)) == a, "seed \(seed): identity")
        }
    }

    @Test func mergeWithOtherEdgesThrowsAndLeavesSelfUnchanged() {
        var a = BinnedCounts(edges: [0, 1, 2])
        a.insert(0.5)
        let before = a
        #expect(throws: SummaryMergeError.edgesDiffer(ourEdgeCount: 3, theirEdgeCount: 3, index: 1)) {
            try a.merge(BinnedCounts(edges: [0, 1.5, 2]))
        }
        #expect(throws: SummaryMergeError.edgesDiffer(ourEdgeCount: 3, theirEdgeCount: 2, index: 2)) {
            try a.merge(BinnedCounts(edges: [0, 1]))
        }
        #expect(a == before)
        let message = SummaryMergeError.edgesDiffer(ourEdgeCount: 3, theirEdgeCount: 2, index: 2).description
        #expect(message.contains("expected the same 3 bin edge(s), found 2"))
    }

    // Golden v1 blob, produced independently by Fixtures/Summaries/golden_v1.py.
    static let golden =
        "4457030100030000000000000000000000000000000000f83f000000000000244001000000000000000200000000000000"
        + "03000000000000000200000000000000"

    @Test func goldenV1() throws {
        var bins = BinnedCounts(edges: [0, 1.5, 10])
        for x in [-3, 0, 0.5, 1.5, 1.5, 9.99, 10, 1e300] { bins.insert(x) }
        #expect(Hex.string(bins.encoded()) == Self.golden)
        #expect(try BinnedCounts(decoding: #require(Hex.bytes(Self.golden))) == bins)
    }

    @Test func codecRoundTripsAndRejectsTruncation() throws {
        for seed in UInt64(1)...10 {
            var sampler = Sampler(seed: seed)
            let edges = (0..<sampler.int(below: 12)).map { Double($0) * 1.5 - 4 }
            var bins = BinnedCounts(edges: edges)
            for _ in 0..<sampler.int(below: 100) { bins.insert(sampler.normal(sd: 5)) }
            let blob = bins.encoded()
            #expect(try BinnedCounts(decoding: blob) == bins, "seed \(seed)")
            for length in 0..<blob.count {
                #expect(throws: SketchCodecError.self, "seed \(seed) length \(length)") {
                    try BinnedCounts(decoding: Array(blob.prefix(length)))
                }
            }
        }
        #expect(BinnedCounts(edges: [-0.0, 1]).encoded() == BinnedCounts(edges: [0.0, 1]).encoded())
    }

    @Test func rejectsInvalidFields() {
        func blob(_ edges: [Double], _ counts: [UInt64]) -> [UInt8] {
            var w = ByteWriter()
            w.writeHeader(family: .binnedCounts, version: 1)
            w.write(UInt32(edges.count))
            for e in edges { w.write(e) }
            for c in counts { w.write(c) }
            return w.bytes
        }
        #expect(throws: SketchCodecError.self) { try BinnedCounts(decoding: blob([1, 1], [0, 0, 0])) }
        #expect(throws: SketchCodecError.self) { try BinnedCounts(decoding: blob([2, 1], [0, 0, 0])) }
        #expect(throws: SketchCodecError.self) { try BinnedCounts(decoding: blob([.nan], [0, 0])) }
        #expect(throws: SketchCodecError.self) { try BinnedCounts(decoding: blob([.infinity], [0, 0])) }
        #expect(throws: SketchCodecError.self) { try BinnedCounts(decoding: blob([1], [.max, 1])) }
        var huge = ByteWriter()
        huge.writeHeader(family: .binnedCounts, version: 1)
        huge.write(UInt32.max)
        #expect(throws: SketchCodecError.self) { try BinnedCounts(decoding: huge.bytes) }
    }

    @Test func corruptionNeverCrashes() {
        var bins = BinnedCounts(edges: [-2, -1, 0, 1, 2])
        for x in stride(from: -3.0, through: 3, by: 0.25) { bins.insert(x) }
        let blob = bins.encoded()
        for seed in UInt64(1)...20 {
            for variant in BlobCorruption.variants(of: blob, seed: seed, trials: 100) {
                if let decoded = try? BinnedCounts(decoding: variant) {
                    #expect(decoded.encoded() == variant, "seed \(seed): a decoded blob re-encodes to itself")
                }
            }
        }
    }
}
