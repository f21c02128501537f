import DriftCore
import DriftTestSupport
import Testing

/// The branch-free bin search (all edges compared up to 32, a fixed-step search beyond) against
/// the oracle of its definition: the number of edges `e` with `!(x < e)`, counted one by one.
struct BinnedCountsSearchTests {
    private static func oracle(_ edges: [Double], _ x: Double) -> Int { edges.filter { !(x < $0) }.count }

    @Test func everyEdgeCountAndEveryKindOfValue() {
        for seed: UInt64 in 1...6 {
            var sampler = Sampler(seed: seed)
            for count in 0...70 {
                var edges = Set<Double>()
                while edges.count < count {
                    let scale = [1e-300, 1, 1e6, 1e300][Int(sampler.uniform() * 4)]
                    edges.insert(((sampler.uniform() - 0.5) * 2 * scale) + 0.0)
                }
                let sorted = edges.sorted()
                let bins = BinnedCounts(edges: sorted)
                var probes: [Double] = [
                    0, -0.0, .nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                    .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                ]
                for edge in sorted { probes += [edge, edge.nextUp, edge.nextDown] }
                for _ in 0..<50 { probes.append((sampler.uniform() - 0.5) * 4) }
                for x in probes {
                    #expect(bins.binIndex(of: x) == Self.oracle(sorted, x), "seed \(seed), \(count) edges, x \(x)")
                }
            }
        }
    }
}
