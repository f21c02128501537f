#if DRIFT_INTERNAL_CHECKS
    extension KLLSketch {
        /// Traps unless the sketch's internal invariants hold (debug and CI builds only).
        ///
        /// - `8 ≤ k ≤ 65_535`; between 1 and 64 levels; the buffer is exactly the total capacity of
        ///   the level count, and the level boundaries rise from `levelZeroStart ≥ 0` to `items.count`;
        /// - the top level is not empty unless it is the only level;
        /// - levels above 0 are sorted ascending;
        /// - every retained item is finite and within `[min, max]`;
        /// - `count` equals the total weight `Σ size(h)·2^h`, and is 0 exactly when nothing is retained.
        ///
        /// - Parameter checkingItems: Whether to check the items (sortedness, range, finiteness)
        ///   besides the level structure and the weight.
        /// - Complexity: O(r) in the retained count `r`, or O(levels) without `checkingItems`.
        func checkInvariants(checkingItems: Bool = true) {
            precondition((8...65_535).contains(k), "k out of range: \(k)")
            precondition((1...KLLSketch.maximumLevelCount).contains(levelCount), "bad level count \(levelCount)")
            precondition(items.count == KLLSketch.totalCapacity(k: k, levelCount: levelCount), "buffer size mismatch")
            precondition(
                levelZeroStart >= 0 && levelEnds[levelCount - 1] == items.count, "level bounds outside the buffer")
            for height in 0..<levelCount {
                precondition(
                    levelRange(height).lowerBound <= levelEnds[height], "level boundaries not monotone at \(height)")
            }
            precondition(levelCount == 1 || !levelRange(levelCount - 1).isEmpty, "empty top level")
            var weight: UInt64 = 0
            for height in 0..<levelCount {
                let range = levelRange(height)
                for index in range where checkingItems {
                    let item = items[index]
                    precondition(item.isFinite && item >= minimum && item <= maximum, "item \(item) outside [min, max]")
                    if height > 0 && index > range.lowerBound {
                        precondition(items[index - 1] <= item, "level \(height) not sorted")
                    }
                }
                weight += UInt64(range.count) << UInt64(height)
            }
            precondition(weight == storedCount, "total weight \(weight) differs from count \(storedCount)")
        }
    }
#endif
