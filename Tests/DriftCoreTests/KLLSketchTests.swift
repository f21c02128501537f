import DriftTestSupport
import Testing

@testable import DriftCore

struct KLLSketchTests {
    @Test func emptySketchAnswersNothing() {
        let sketch = KLLSketch()
        #expect(sketch.k == 200 && sketch.count == 0 && sketch.isEmpty && sketch.retainedCount == 0)
        #expect(sketch.min == nil && sketch.max == nil)
        #expect(sketch.rank(of: 1) == 0 && sketch.quantile(at: 0.5) == nil)
        #expect(sketch.quantiles(at: [0, 0.5, 1]).isEmpty && sketch.sortedView().isEmpty)
        #expect(sketch.isExact && sketch.normalizedRankError == 0)
    }

    @Test func rankErrorBoundIsDataSketchesFormula() {
        // Hand-computed 2.296 / k^0.9723 (python: 2.296 / 200 ** 0.9723 = 0.013294757...).
        #expect(abs(KLLSketch.rankErrorBound(k: 200) - 0.013_294_757) < 1e-8)
        #expect(abs(KLLSketch.rankErrorBound(k: 50) - 0.051_175_648) < 1e-8)
        #expect(abs(KLLSketch.rankErrorBound(k: 8) - 0.304_016_734) < 1e-8)
    }

    @Test func levelCapacitiesFollowTwoThirdsWithMinimumEight() {
        // round(200·(2/3)^d) = 200, 133, 89, 59, 40, 26, 18, 12, 8, then the minimum width 8.
        let expected = [8, 8, 12, 18, 26, 40, 59, 89, 133, 200]
        let capacities = (0..<10).map { KLLSketch.levelCapacity(k: 200, levelCount: 10, height: $0) }
        #expect(capacities == expected)
        #expect(KLLSketch.totalCapacity(k: 200, levelCount: 10) == expected.reduce(0, +))
        #expect(KLLSketch.levelCapacity(k: 65_535, levelCount: 64, height: 0) == 8)
        #expect(KLLSketch.totalCapacity(k: 200, levelCount: 64) == 1_025)
    }

    @Test func rejectsNaNAndInfinitiesWithoutCounting() {
        var sketch = KLLSketch(k: 8)
        #expect(!sketch.insert(.nan) && !sketch.insert(.infinity) && !sketch.insert(-.infinity))
        #expect(sketch.isEmpty)
        #expect(sketch.insert(-0.0) && sketch.insert(2))
        #expect(sketch.count == 2 && sketch.min?.sign == .plus && sketch.max == 2)
    }

    @Test func exactUntilTheBufferFills() {
        var sampler = Sampler(seed: 7)
        let values = (0..<200).map { _ in Double(sampler.int(below: 50)) }
        let sketch = KLLSketch(k: 200, inserting: values)
        let oracle = KLLExactRanks(values)
        #expect(sketch.isExact && sketch.retainedCount == 200 && sketch.normalizedRankError == 0)
        var expectedView: [WeightedValue] = []
        for value in oracle.sorted {
            if expectedView.last?.value == value {
                expectedView[expectedView.count - 1].weight += 1
            } else {
                expectedView.append(WeightedValue(value: value, weight: 1))
            }
        }
        #expect(sketch.sortedView() == expectedView)
        for probe in stride(from: -1.0, through: 51, by: 0.5) {
            #expect(sketch.rank(of: probe) == Double(oracle.countAtOrBelow(probe)) / 200, "probe \(probe)")
        }
        for percent in 0...100 {
            let fraction = Double(percent) / 100
            let expected = oracle.sorted[Swift.max(0, Int((fraction * 200).rounded(.up)) - 1)]
            #expect(sketch.quantile(at: fraction) == expected, "fraction \(fraction)")
        }
    }

    @Test func firstCompactionHalvesLevelZeroByTheCoin() throws {
        // k = 8: the buffer holds 8 values; the 9th insert sorts 1…8 and keeps the odd or even
        // positions at weight 2, chosen by the first SplitMix64 output from the fixed seed.
        var sketch = KLLSketch(k: 8, inserting: [5, 3, 8, 1, 7, 2, 6, 4])
        #expect(sketch.isExact)
        sketch.insert(9)
        var coin = SplitMix64(seed: KLLSketch.initialCoinState)
        let kept: [Double] = coin.next() & 1 == 0 ? [1, 3, 5, 7] : [2, 4, 6, 8]
        let expected = (kept.map { WeightedValue(value: $0, weight: 2) } + [WeightedValue(value: 9, weight: 1)])
        #expect(sketch.sortedView() == expected)
        #expect(!sketch.isExact && sketch.normalizedRankError == KLLSketch.rankErrorBound(k: 8))
        #expect(sketch.count == 9 && sketch.min == 1 && sketch.max == 9 && sketch.retainedCount == 5)
        #expect(sketch.quantile(at: 0) == 1 && sketch.quantile(at: 1) == 9)
    }

    @Test func levelZeroSortMatchesTheStandardSort() {
        // The compaction's in-place sort against `sorted()`: random, few distinct, ascending,
        // descending and organ-pipe runs of every length up to 80 and a few longer, inside a buffer.
        var sampler = Sampler(seed: 12)
        for length in Array(0...80) + [127, 200, 513, 2_000] {
            let patterns: [[Double]] = [
                (0..<length).map { _ in sampler.normal() },
                (0..<length).map { _ in Double(sampler.int(below: 3)) },
                (0..<length).map(Double.init),
                (0..<length).map { Double(-$0) },
                (0..<length).map { Double(Swift.min($0, length - $0)) },
            ]
            for (pattern, run) in patterns.enumerated() {
                var buffer = [-1.0] + run + [-2.0]
                buffer.withUnsafeMutableBufferPointer { pointer in
                    guard let base = pointer.baseAddress else { return }
                    KLLSketch.sort(base, from: 1, to: length + 1)
                }
                #expect(buffer == [-1.0] + run.sorted() + [-2.0], "seed 12 length \(length) pattern \(pattern)")
            }
        }
    }

    @Test(arguments: KLLTestStream.allCases)
    func rankErrorStaysWithinBound(stream: KLLTestStream) {
        let count = kllLongTests ? 1_000_000 : 100_000
        let seeds: [UInt64] = kllLongTests ? Array(1...8) : [1, 2]
        for seed in seeds {
            let values = stream.values(count: count, seed: seed)
            let oracle = KLLExactRanks(values)
            for k in [50, 200] {
                let sketch = KLLSketch(k: k, inserting: values)
                let worst = oracle.worstRankError(of: sketch)
                #expect(worst <= KLLSketch.rankErrorBound(k: k), "\(stream) seed \(seed) k \(k): error \(worst)")
                #expect(sketch.count == UInt64(count), "\(stream) seed \(seed)")
                #expect(sketch.min == oracle.sorted.first && sketch.max == oracle.sorted.last, "seed \(seed)")
                #expect(!sketch.isExact && sketch.normalizedRankError == KLLSketch.rankErrorBound(k: k))
                let view = sketch.sortedView()
                #expect(view.reduce(0) { $0 + $1.weight } == sketch.count, "seed \(seed)")
                #expect(zip(view, view.dropFirst()).allSatisfy { $0.value < $1.value }, "seed \(seed)")
                #expect(sketch.quantiles(at: [0, 1]) == [oracle.sorted[0], oracle.sorted[count - 1]])
            }
        }
    }

    @Test func retainedItemsStayWithinTheLevelCapacity() {
        // The buffer is the sum of the level capacities: 617 slots in 13 levels after 1M inserts at k = 200.
        var sketch = KLLSketch()
        var sampler = Sampler(seed: 3)
        for _ in 0..<(kllLongTests ? 1_000_000 : 200_000) { sketch.insert(sampler.uniform()) }
        let levelCount = sketch.levelCount
        #expect(sketch.items.count == KLLSketch.totalCapacity(k: 200, levelCount: levelCount))
        #expect(sketch.retainedCount <= sketch.items.count && sketch.items.count <= 1_025)
        #expect(sketch.items.count < 3 * 200 + 8 * levelCount)
        if kllLongTests { #expect(levelCount == 13 && sketch.items.count == 617) }
    }

    @Test func sameInputGivesIdenticalSketchesAndBytes() {
        let values = KLLTestStream.lognormal.values(count: 30_000, seed: 11)
        let first = KLLSketch(k: 64, inserting: values)
        let second = KLLSketch(k: 64, inserting: values)
        #expect(first == second && first.encoded() == second.encoded())
        #expect(first.coin.state != KLLSketch.initialCoinState)
        var reordered = values
        reordered.swapAt(0, values.count - 1)
        #expect(KLLSketch(k: 64, inserting: reordered).count == first.count)
    }
}
