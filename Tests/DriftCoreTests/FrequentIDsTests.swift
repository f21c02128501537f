import DriftCore
import DriftTestSupport
import Testing

/// `FrequentIDs` against the oracle of `FrequentItems.insert(_:)` of each id's value, one per
/// occurrence, in the same order: after any prefix, `frequentItems(values:)` equals the string
/// summary (`==`: capacity, counters, total, maximum error) and encodes to the same bytes. Plus a
/// hand-worked Misra–Gries run and `CategoricalSummary.replaceSketch` against plain inserts.
struct FrequentIDsTests {
    private static let values = (0..<30_000).map { "value-\($0)" }

    /// Id streams: Zipf of several widths, every id new, round-robin over m + 1 ids (a decrement
    /// at every insert), exactly m ids then more, and bursts of one id between new ones.
    private static func stream(_ kind: Int, draws: Int, capacity: Int, seed: UInt64) -> [Int] {
        var sampler = Sampler(seed: seed)
        switch kind {
        case 0:
            let cdf = Sampler.zipfCDF(n: 20 * capacity, s: 1.1)
            return (0..<draws).map { _ in sampler.zipf(cdf: cdf) - 1 }
        case 1: return (0..<draws).map { $0 % 7 == 0 ? 0 : $0 }
        case 2: return (0..<draws).map { $0 % (capacity + 1) }
        case 3: return (0..<draws).map { $0 < capacity ? $0 : capacity + sampler.int(below: 3) }
        default:
            return (0..<draws).map { _ in
                sampler.uniform() < 0.5 ? sampler.int(below: 3) : 3 + sampler.int(below: 20_000)
            }
        }
    }

    @Test func sameMovesAsStringItems() {
        for seed: UInt64 in 1...12 {
            for kind in 0...4 {
                let capacity = [1, 2, 7, 50][Int(seed) % 4]
                let ids = Self.stream(kind, draws: 3_000, capacity: capacity, seed: seed)
                var items = FrequentItems(capacity: capacity)
                var counted = FrequentIDs(capacity: capacity)
                for (step, id) in ids.enumerated() {
                    items.insert(Self.values[id])
                    counted.insert(id)
                    if step % 97 == 0 || step == ids.count - 1 {
                        let made = counted.frequentItems(values: Self.values)
                        #expect(made == items, "seed \(seed), stream \(kind), step \(step)")
                        #expect(made.encoded() == items.encoded(), "seed \(seed), stream \(kind), step \(step)")
                    }
                }
                #expect(counted.total == UInt64(ids.count))
            }
        }
    }

    /// Taken over from a string summary halfway (ids from the values), then continued.
    @Test func continuesAStringSummary() throws {
        for seed: UInt64 in 1...10 {
            let ids = Self.stream(Int(seed) % 5, draws: 2_000, capacity: 20, seed: seed)
            var items = FrequentItems(capacity: 20)
            for id in ids[..<1_000] { items.insert(Self.values[id]) }
            var counted = try #require(FrequentIDs(items) { Int($0.dropFirst("value-".count)) })
            #expect(counted.frequentItems(values: Self.values) == items, "seed \(seed)")
            for id in ids[1_000...] {
                items.insert(Self.values[id])
                counted.insert(id)
            }
            #expect(counted.frequentItems(values: Self.values).encoded() == items.encoded(), "seed \(seed)")
        }
    }

    @Test func refusesItemsWithoutDistinctIDs() {
        var items = FrequentItems(capacity: 4)
        for item in ["a", "b", "c"] { items.insert(item) }
        #expect(FrequentIDs(items) { $0 == "c" ? nil : 1 } == nil)  // "c" has no id
        #expect(FrequentIDs(items) { _ in 3 } == nil)  // all share id 3
        #expect(FrequentIDs(items) { $0 == "a" ? -1 : 2 } == nil)
    }

    /// Capacity 2, ids 0 1 0 2 0 3 3: hand-worked Misra–Gries.
    @Test func handWorkedDecrements() {
        var counted = FrequentIDs(capacity: 2)
        for id in [0, 1, 0] { counted.insert(id) }  // {0: 2, 1: 1}
        counted.insert(2)  // full: all minus 1 → {0: 1}, error 1
        #expect(counted.count(of: 0) == 1 && counted.count(of: 1) == 0 && counted.keptCount == 1)
        #expect(counted.maximumError == 1)
        for id in [0, 3, 3] { counted.insert(id) }  // {0: 2, 3: 2}
        #expect(counted.count(of: 0) == 2 && counted.count(of: 3) == 2 && counted.total == 7)
        #expect(counted.maximumError == 1)
    }

    /// A summary past its cap continued by id and handed back equals one insert per value.
    @Test func replaceSketchEqualsPlainInserts() throws {
        for seed: UInt64 in 1...8 {
            let ids = Self.stream(0, draws: 3_000, capacity: 30, seed: seed)
            var plain = CategoricalSummary(cap: 30)
            for id in ids[..<500] { plain.insert(Self.values[id]) }
            var viaIDs = plain
            let sketch = try #require(viaIDs.sketch, "seed \(seed): still exact")
            var counted = try #require(FrequentIDs(sketch) { Int($0.dropFirst("value-".count)) })
            var hashes: [UInt64] = []
            for (step, id) in ids[500...].enumerated() {
                plain.insert(Self.values[id])
                counted.insert(id)
                hashes.append(StableHash.hash(Self.values[id]))
                if step % 400 == 0 {
                    viaIDs.replaceSketch(with: counted.frequentItems(values: Self.values), stableHashes: hashes)
                    hashes.removeAll()
                    #expect(viaIDs == plain, "seed \(seed), step \(step)")
                }
            }
            viaIDs.replaceSketch(with: counted.frequentItems(values: Self.values), stableHashes: hashes)
            #expect(viaIDs == plain, "seed \(seed)")
            #expect(viaIDs.encoded() == plain.encoded(), "seed \(seed)")
        }
    }
}
