extension KLLSketch {
    /// Folds `other` into this sketch, so that it summarises both streams.
    ///
    /// The result has `k = min(k, other.k)`, the exact combined count, min and max, and the rank
    /// error bound of that `k` for the union. Level by level the two sketches' items are combined
    /// (level 0 sorted), then the lowest over-full levels are compacted until the items fit the
    /// capacity. The coin of the result starts from the wrapping sum of both coins, so merging is
    /// deterministic and exactly commutative. An empty `other` whose `k` is at least `self.k`
    /// leaves the sketch unchanged.
    /// - Complexity: O((r₁ + r₂) log(r₁ + r₂)) in the retained counts.
    public mutating func merge(_ other: KLLSketch) {
        if other.isEmpty && other.k >= k { return }
        if isEmpty && k >= other.k {
            self = other
            return
        }
        var combined = KLLSketch.stacking(self, other)
        combined.compressToCapacity()
        combined.relayoutToCapacity()
        self = combined
        #if DRIFT_INTERNAL_CHECKS
            checkInvariants()
        #endif
    }

    /// A sketch whose buffer holds, level by level, the items of both sketches with no free space;
    /// it may hold more than its capacity until ``compressToCapacity()`` runs.
    private static func stacking(_ first: KLLSketch, _ second: KLLSketch) -> KLLSketch {
        var result = KLLSketch(k: Swift.min(first.k, second.k))
        let levelCount = Swift.max(first.levelCount, second.levelCount)
        var items: [Double] = []
        items.reserveCapacity(first.retainedCount + second.retainedCount)
        var levelEnds: [Int] = []
        for height in 0..<levelCount {
            let left = first.level(height)
            let right = second.level(height)
            if height == 0 {
                items.append(contentsOf: left)
                items.append(contentsOf: right)
                items[...].sort()  // sorting makes the result independent of the argument order
            } else {
                appendMerged(left, right, to: &items)
            }
            levelEnds.append(items.count)
        }
        result.items = items
        result.levelZeroStart = 0
        result.levelEnds = levelEnds
        result.storedCount = first.storedCount + second.storedCount
        result.minimum = Swift.min(first.minimum, second.minimum)
        result.maximum = Swift.max(first.maximum, second.maximum)
        result.coin = SplitMix64(seed: first.coin.state &+ second.coin.state)  // wrapping: any state is valid
        return result
    }

    /// The items of level `height` (empty above the top level).
    private func level(_ height: Int) -> ArraySlice<Double> {
        height < levelCount ? items[levelRange(height)] : []
    }

    /// Appends the merge of two sorted runs to `output`.
    private static func appendMerged(_ left: ArraySlice<Double>, _ right: ArraySlice<Double>, to output: inout [Double])
    {
        var leftIndex = left.startIndex
        var rightIndex = right.startIndex
        while leftIndex < left.endIndex && rightIndex < right.endIndex {
            if right[rightIndex] < left[leftIndex] {
                output.append(right[rightIndex])
                rightIndex += 1
            } else {
                output.append(left[leftIndex])
                leftIndex += 1
            }
        }
        output.append(contentsOf: left[leftIndex...])
        output.append(contentsOf: right[rightIndex...])
    }

    /// Compacts levels bottom-up, each one that has reached its capacity while the sketch is over
    /// its total capacity, until the retained items fit. Each pass compacts at least one level, as
    /// some level must be over capacity while the total is.
    private mutating func compressToCapacity() {
        while retainedCount > KLLSketch.totalCapacity(k: k, levelCount: levelCount) {
            var height = 0
            while height < levelCount {
                if retainedCount > KLLSketch.totalCapacity(k: k, levelCount: levelCount),
                    levelRange(height).count
                        >= KLLSketch.levelCapacity(k: k, levelCount: levelCount, height: height)
                {
                    if height == levelCount - 1 {
                        precondition(levelCount < KLLSketch.maximumLevelCount, "KLLSketch cannot grow past 64 levels")
                        levelEnds.append(items.count)
                    }
                    compact(height: height)
                }
                height += 1
            }
        }
    }

    /// Moves the items into a buffer of exactly the capacity of the current level count, free
    /// space first, as ``insert(_:)`` expects.
    private mutating func relayoutToCapacity() {
        let capacity = KLLSketch.totalCapacity(k: k, levelCount: levelCount)
        let shift = capacity - items.count
        var laidOut = [Double](repeating: 0, count: capacity)
        laidOut[(levelZeroStart + shift)...] = items[levelZeroStart...]
        items = laidOut
        levelZeroStart += shift
        for index in levelEnds.indices { levelEnds[index] += shift }
    }
}
