import DriftTestSupport
import Testing

@testable import DriftCore

/// The batch inserts of the numeric fold (`FeatureSummary.insert(numbers:)` and the parts'
/// `insert(contentsOf:)` / `insert(finite:)`) against the oracle of one `insert` per value in the
/// same order — the path every stored profile was built with — compared bit for bit through the
/// encoded bytes; the bins also against counts taken edge by edge from their definition.
struct NumericBatchTests {
    /// A stream mixing normal values with what needs care: ±0.0, NaN, ±∞, repeats, huge and
    /// tiny magnitudes (±1e300, or with `extremes` the largest finite ones, which overflow the
    /// moments to NaN), and values exactly on the bin edges.
    static func values(_ sampler: inout Sampler, count: Int, edges: [Double], extremes: Bool = false) -> [Double] {
        let huge = extremes ? Double.greatestFiniteMagnitude : 1e300
        return (0..<count).map { _ -> Double in
            let roll = sampler.uniform()
            switch roll {
            case ..<0.02: return .nan
            case ..<0.03: return .infinity
            case ..<0.04: return -.infinity
            case ..<0.07: return -0.0
            case ..<0.09: return 0.0
            case ..<0.12: return edges.isEmpty ? 1.5 : edges[sampler.int(below: edges.count)]
            case ..<0.13: return [huge, -huge, Double.leastNormalMagnitude / 3][sampler.int(below: 3)]
            case ..<0.20: return Double(sampler.int(below: 5))  // repeats
            default: return sampler.normal(mean: 3, sd: 2)
            }
        }
    }

    /// Strictly increasing edges, some of them 0.0 (whose −0.0 neighbour must bin above it).
    static func edges(_ sampler: inout Sampler, count: Int) -> [Double] {
        var set = Set<Double>()
        if count > 0 { set.insert(0.0) }
        while set.count < count { set.insert(sampler.normal(mean: 3, sd: 2) + 0.0) }
        return set.sorted()
    }

    /// Splits `values` into consecutive chunks of random sizes (empty ones included).
    static func chunks(_ sampler: inout Sampler, _ values: [Double]) -> [ArraySlice<Double>] {
        var out: [ArraySlice<Double>] = []
        var start = 0
        while start < values.count {
            let size = Swift.min(values.count - start, [0, 1, 2, 7, 64, 128, 300][sampler.int(below: 7)])
            out.append(values[start..<start + size])
            start += size
        }
        return out
    }

    @Test func summaryBatchesEqualOneInsertPerValue() {
        for seed: UInt64 in 1...12 {
            var sampler = Sampler(seed: seed)
            let edgeCount = [0, 1, 9, 31, 32, 33, 40][Int(seed) % 7]
            let edges = Self.edges(&sampler, count: edgeCount)
            let k = seed % 3 == 0 ? 200 : 8  // k = 8 compacts every few values
            let values = Self.values(&sampler, count: 3_000 + Int(seed) * 211, edges: edges)
            var oneByOne = FeatureSummary(kind: .numeric, binEdges: edges, sketchK: k)
            for value in values { oneByOne.insert(number: value) }
            var batched = FeatureSummary(kind: .numeric, binEdges: edges, sketchK: k)
            for chunk in Self.chunks(&sampler, values) {
                Array(chunk).withUnsafeBufferPointer { batched.insert(numbers: $0) }
            }
            #expect(batched == oneByOne, "seed \(seed)")
            #expect(batched.encoded() == oneByOne.encoded(), "seed \(seed)")
            #expect(batched.rows == UInt64(values.count), "seed \(seed)")
            #expect(batched.nonFinite == UInt64(values.filter { !$0.isFinite }.count), "seed \(seed)")
        }
    }

    @Test func sketchBatchesEqualOneInsertPerValue() {
        for seed: UInt64 in 20...27 {
            var sampler = Sampler(seed: seed)
            let values = Self.values(&sampler, count: 20_000, edges: [])
            for k in [8, 50, 200] {
                var oneByOne = KLLSketch(k: k)
                for value in values { oneByOne.insert(value) }
                var batched = KLLSketch(k: k)
                var inserted = 0
                for chunk in Self.chunks(&sampler, values) {
                    inserted += Array(chunk).withUnsafeBufferPointer { batched.insert(contentsOf: $0) }
                }
                #expect(inserted == values.filter(\.isFinite).count, "seed \(seed), k \(k)")
                #expect(batched == oneByOne, "seed \(seed), k \(k)")
                #expect(batched.encoded() == oneByOne.encoded(), "seed \(seed), k \(k)")
            }
        }
    }

    /// A run of non-finite values when the buffer is full must not compact (insert(_:) rejects
    /// them before it looks at the buffer), so the coin is where one-by-one inserts leave it.
    @Test func nonFiniteTailOnAFullBufferDoesNotCompact() {
        var oneByOne = KLLSketch(k: 8)
        var batched = KLLSketch(k: 8)
        var values = (0..<oneByOne.items.count).map { Double($0) }
        values += [.nan, .infinity, -.infinity]
        for value in values { oneByOne.insert(value) }
        values.withUnsafeBufferPointer { _ = batched.insert(contentsOf: $0) }
        #expect(oneByOne.levelZeroStart == 0)
        #expect(batched == oneByOne)
        #expect(batched.encoded() == oneByOne.encoded())
    }

    @Test func momentsBatchesEqualOneInsertPerValue() {
        for seed: UInt64 in 30...35 {
            var sampler = Sampler(seed: seed)
            let values = Self.values(&sampler, count: 5_000, edges: []).filter(\.isFinite).map {
                seed % 2 == 0 ? $0 : 1e9 + $0  // a large shift
            }
            var oneByOne = Moments()
            for value in values { oneByOne.insert(value) }
            var batched = Moments()
            for chunk in Self.chunks(&sampler, values) {
                let extremes = Array(chunk).withUnsafeBufferPointer { batched.insert(contentsOf: $0) }
                let normalised = chunk.map { $0 + 0.0 }
                #expect(extremes.min == normalised.min() ?? .infinity, "seed \(seed)")
                #expect(extremes.max == normalised.max() ?? -.infinity, "seed \(seed)")
            }
            #expect(batched.encoded() == oneByOne.encoded(), "seed \(seed)")
            #expect(batched.mean.bitPattern == oneByOne.mean.bitPattern, "seed \(seed)")
            #expect(batched.m2.bitPattern == oneByOne.m2.bitPattern, "seed \(seed)")
        }
    }

    /// Past 2⁵² values the running count is no longer carried as a `Double`: the one-by-one path.
    @Test func momentsBatchNearTheCountLimit() {
        var sampler = Sampler(seed: 36)
        let values = Self.values(&sampler, count: 300, edges: []).filter(\.isFinite)
        for start: UInt64 in [(1 << 52) - 100, 1 << 52, (1 << 53) + 7] {
            var oneByOne = Moments(count: start, shift: 2.5, shiftedMean: 0.25, m2: 1e6, min: -3, max: 9)
            var batched = oneByOne
            for value in values { oneByOne.insert(value) }
            for chunk in Self.chunks(&sampler, values) {
                Array(chunk).withUnsafeBufferPointer { _ = batched.insert(contentsOf: $0) }
            }
            #expect(batched.encoded() == oneByOne.encoded(), "count \(start)")
        }
    }

    /// The chunked, edge-by-edge binning against the definition: bin = number of edges `≤ x`.
    @Test func binBatchesCountEdgesAtOrBelow() {
        for seed: UInt64 in 40...45 {
            var sampler = Sampler(seed: seed)
            for edgeCount in [0, 1, 2, 9, 32, 33, 70] {
                let edges = Self.edges(&sampler, count: edgeCount)
                let values = Self.values(&sampler, count: 1_000, edges: edges, extremes: true).filter(\.isFinite)
                var expected = [UInt64](repeating: 0, count: edgeCount + 1)
                for x in values { expected[edges.filter { $0 <= x }.count] += 1 }
                var bins = BinnedCounts(edges: edges)
                for chunk in Self.chunks(&sampler, values) {
                    Array(chunk).withUnsafeBufferPointer { bins.insert(finite: $0) }
                }
                #expect(bins.counts == expected, "seed \(seed), \(edgeCount) edges")
                #expect(bins.total == UInt64(values.count), "seed \(seed), \(edgeCount) edges")
            }
        }
    }
}
