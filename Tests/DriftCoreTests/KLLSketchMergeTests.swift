import DriftTestSupport
import Testing

@testable import DriftCore

struct KLLSketchMergeTests {
    @Test(arguments: [KLLTestStream.uniform, .lognormal, .pareto1_1, .tenDistinct, .sortedUniform])
    func mergedPartsStayWithinBoundOfTheUnion(stream: KLLTestStream) {
        for seed: UInt64 in kllLongTests ? Array(1...6) : [5] {
            let values = stream.values(count: 100_000, seed: seed)
            let oracle = KLLExactRanks(values)
            let bound = KLLSketch.rankErrorBound(k: 200)
            // Two uneven parts (30% / 70%).
            let cut = 30_000
            let pair = KLLSketch(k: 200, inserting: values[..<cut]).merging(
                KLLSketch(k: 200, inserting: values[cut...]))
            // Ten parts, merged one after another and as a balanced tree.
            let parts = (0..<10).map { KLLSketch(k: 200, inserting: values[($0 * 10_000)..<(($0 + 1) * 10_000)]) }
            let chained = parts.dropFirst().reduce(parts[0]) { $0.merging($1) }
            var tree = parts
            while tree.count > 1 {
                tree = stride(from: 0, to: tree.count, by: 2).map {
                    $0 + 1 < tree.count ? tree[$0].merging(tree[$0 + 1]) : tree[$0]
                }
            }
            for (name, merged) in [("pair", pair), ("chained", chained), ("tree", tree[0])] {
                let worst = oracle.worstRankError(of: merged)
                #expect(worst <= bound, "\(stream) \(name) seed \(seed): error \(worst)")
                #expect(merged.count == 100_000 && merged.k == 200, "\(name) seed \(seed)")
                #expect(merged.min == oracle.sorted.first && merged.max == oracle.sorted.last, "\(name) seed \(seed)")
                #expect(merged.retainedCount <= KLLSketch.totalCapacity(k: 200, levelCount: merged.levelCount))
            }
        }
    }

    @Test func manySmallSketchesMergeWithinBound() {
        // 500 sketches of 200 values each: every one exact, the union far past the capacity.
        let values = KLLTestStream.normal.values(count: 100_000, seed: 9)
        var merged = KLLSketch(k: 100)
        for part in 0..<500 { merged.merge(KLLSketch(k: 100, inserting: values[(part * 200)..<((part + 1) * 200)])) }
        let worst = KLLExactRanks(values).worstRankError(of: merged)
        #expect(worst <= KLLSketch.rankErrorBound(k: 100), "seed 9: error \(worst)")
        #expect(merged.count == 100_000 && !merged.isExact)
    }

    @Test func mergeTakesTheSmallerK() {
        let values = KLLTestStream.studentT3.values(count: 60_000, seed: 4)
        let fine = KLLSketch(k: 200, inserting: values[..<30_000])
        let coarse = KLLSketch(k: 50, inserting: values[30_000...])
        for merged in [fine.merging(coarse), coarse.merging(fine)] {
            #expect(merged.k == 50 && merged.count == 60_000)
            let worst = KLLExactRanks(values).worstRankError(of: merged)
            #expect(worst <= KLLSketch.rankErrorBound(k: 50), "seed 4: error \(worst)")
        }
        // An empty sketch with a smaller k still lowers k.
        let lowered = fine.merging(KLLSketch(k: 50))
        #expect(lowered.k == 50 && lowered.count == fine.count && lowered.min == fine.min && lowered.max == fine.max)
    }

    @Test func emptyIsTheIdentity() {
        let exact = KLLSketch(k: 200, inserting: [3, 1, 2])
        let compacted = KLLSketch(k: 200, inserting: KLLTestStream.uniform.values(count: 5_000, seed: 2))
        for sketch in [KLLSketch(), exact, compacted] {
            #expect(sketch.merging(KLLSketch()) == sketch)
            #expect(KLLSketch().merging(sketch) == sketch)
            #expect(sketch.merging(KLLSketch(k: 400)) == sketch)
        }
    }

    @Test func mergeIsExactlyCommutativeAndDeterministic() {
        for seed: UInt64 in 1...6 {
            var sampler = Sampler(seed: seed)
            let left = KLLSketch(k: 64, inserting: (0..<(sampler.int(below: 5_000))).map { _ in sampler.normal() })
            let right = KLLSketch(k: 64, inserting: (0..<(sampler.int(below: 5_000))).map { _ in sampler.uniform() })
            let forward = left.merging(right)
            let backward = right.merging(left)
            #expect(forward == backward, "seed \(seed)")
            #expect(forward.encoded() == backward.encoded() && forward.encoded() == left.merging(right).encoded())
            #expect(forward.count == left.count + right.count, "seed \(seed)")
        }
    }

    @Test func exactSketchesThatFitStayExact() {
        let left: [Double] = [5, 1, 4, 4]
        let right: [Double] = [2, 4, 9]
        let merged = KLLSketch(k: 8, inserting: left).merging(KLLSketch(k: 8, inserting: right))
        #expect(merged.isExact && merged.count == 7 && merged.min == 1 && merged.max == 9)
        let expected: [WeightedValue] = [(1, 1), (2, 1), (4, 3), (5, 1), (9, 1)].map {
            WeightedValue(value: $0, weight: $1)
        }
        #expect(merged.sortedView() == expected)
        // One more value than the k = 8 buffer holds forces a compaction during the merge.
        let full = KLLSketch(k: 8, inserting: [1, 2, 3, 4, 5]).merging(KLLSketch(k: 8, inserting: [6, 7, 8, 9]))
        #expect(!full.isExact && full.count == 9 && full.sortedView().reduce(0) { $0 + $1.weight } == 9)
    }
}
