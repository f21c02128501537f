import DriftCore
import DriftTestSupport
import Testing

/// `insert(exactCounts:)` and `insert(_:stableHash:)` against the oracle of one `insert(_:)` per
/// occurrence: equal summaries (`==`, which compares counts, cap, mode and HLL registers) and
/// equal encoded bytes.
struct CategoricalSummaryBatchTests {
    private static func zipfValues(draws: Int, ids: Int, seed: UInt64) -> [String] {
        let cdf = Sampler.zipfCDF(n: ids, s: 1.1)
        var sampler = Sampler(seed: seed)
        return (0..<draws).map { _ in "v-\(sampler.zipf(cdf: cdf))" }
    }

    @Test func knownHashInsertEqualsPlainInsert() {
        for seed: UInt64 in 1...20 {
            let values = Self.zipfValues(draws: 500, ids: 80, seed: seed)
            var plain = CategoricalSummary(cap: 16)
            var hashed = CategoricalSummary(cap: 16)
            for value in values {
                plain.insert(value)
                hashed.insert(value, stableHash: StableHash.hash(value))
            }
            #expect(plain == hashed, "seed \(seed)")
            #expect(plain.encoded() == hashed.encoded(), "seed \(seed)")
        }
    }

    /// While the keys fit in the cap, counts handed over in one step equal any order of single inserts.
    @Test func exactCountsWithinTheCapEqualSingleInserts() {
        for seed: UInt64 in 1...30 {
            let values = Self.zipfValues(draws: 400, ids: 30, seed: seed)
            var sequential = CategoricalSummary(cap: 40)
            for value in values { sequential.insert(value) }
            var order: [String] = []
            var counts: [String: UInt64] = [:]
            for value in values {
                if counts[value] == nil { order.append(value) }
                counts[value, default: 0] += 1
            }
            // Two batches, as a mid-window snapshot would hand them over.
            let half = order.count / 2
            var batched = CategoricalSummary(cap: 40)
            batched.insert(exactCounts: order[..<half].map { ($0, counts[$0] ?? 0, StableHash.hash($0)) })
            batched.insert(exactCounts: order[half...].map { ($0, counts[$0] ?? 0, StableHash.hash($0)) })
            #expect(batched == sequential, "seed \(seed)")
            #expect(batched.isExact, "seed \(seed)")
        }
    }

    /// A value beyond the cap is inserted one occurrence at a time, in the given order.
    @Test func exactCountsPastTheCapFallBackToOrderedInserts() {
        let entries: [(value: String, count: UInt64, stableHash: UInt64)] = [
            ("a", 5, StableHash.hash("a")), ("b", 3, StableHash.hash("b")), ("c", 2, StableHash.hash("c")),
            ("a", 1, StableHash.hash("a")),
        ]
        var batched = CategoricalSummary(cap: 2)
        batched.insert(exactCounts: entries)
        var sequential = CategoricalSummary(cap: 2)
        for entry in entries { for _ in 0..<entry.count { sequential.insert(entry.value) } }
        #expect(batched == sequential)
        #expect(!batched.isExact)
        // Hand-worked: {a:5, b:3} then c arrives on a full table: c:1 → reduce by the 3rd largest
        // (1): a:4, b:2, offset 1; c again: decrement by min(1, 2) = 1: a:3, b:1, offset 2; then a: a:4.
        #expect(batched.keptCounts == ["a": 4, "b": 1])
        #expect(batched.maximumError == 2)
        #expect(batched.count == 11)
    }
}
