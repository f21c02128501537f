extension KLLSketch {
    /// The estimated fraction of inserted values that are `≤ value` (inclusive rank), in `[0, 1]`.
    ///
    /// Exactly 0 below ``min`` (and for NaN or an empty sketch) and exactly 1 at or above ``max``;
    /// otherwise within ``normalizedRankError`` of the true rank with 99% confidence.
    /// - Complexity: O(r) in the retained count `r`.
    public func rank(of value: Double) -> Double {
        guard storedCount > 0, value >= minimum else { return 0 }
        guard value < maximum else { return 1 }
        var weight: UInt64 = 0
        for index in levelRange(0) where items[index] <= value { weight += 1 }
        for height in 1..<levelCount {
            // Levels above 0 are sorted: count the prefix that is ≤ value by binary search.
            let range = levelRange(height)
            var low = range.lowerBound
            var high = range.upperBound
            while low < high {
                let middle = (low + high) / 2
                if items[middle] <= value { low = middle + 1 } else { high = middle }
            }
            weight += UInt64(low - range.lowerBound) << UInt64(height)
        }
        return Double(weight) / Double(storedCount)
    }

    /// The estimated value whose inclusive rank is `fraction`: the smallest retained value with at
    /// least `⌈fraction·count⌉` of the weight at or below it; `nil` when empty.
    ///
    /// `quantile(at: 0)` is the exact ``min`` and `quantile(at: 1)` the exact ``max``.
    /// - Parameter fraction: A fraction in `[0, 1]` (anything else is a programmer error).
    /// - Complexity: O(r log r) in the retained count `r`; use ``quantiles(at:)`` for several.
    public func quantile(at fraction: Double) -> Double? {
        precondition((0...1).contains(fraction), "KLLSketch quantile fraction must be in [0, 1], got \(fraction)")
        guard storedCount > 0 else { return nil }
        return quantiles(at: [fraction]).first
    }

    /// The estimated quantiles at each of `fractions` (see ``quantile(at:)``), in the same order;
    /// empty when the sketch is empty.
    /// - Complexity: O(r log r + f log r) for `r` retained values and `f` fractions.
    public func quantiles(at fractions: [Double]) -> [Double] {
        guard storedCount > 0 else { return [] }
        let view = sortedView()
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(view.count)
        var running: UInt64 = 0
        for entry in view {
            running += entry.weight
            cumulative.append(running)
        }
        return fractions.map { fraction in
            precondition((0...1).contains(fraction), "KLLSketch quantile fraction must be in [0, 1], got \(fraction)")
            if fraction == 0 { return minimum }
            if fraction == 1 { return maximum }
            let scaled = (fraction * Double(storedCount)).rounded(.up)
            let target = scaled >= Double(storedCount) ? storedCount : Swift.max(1, UInt64(scaled))
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] < target { low = middle + 1 } else { high = middle }
            }
            return view[low].value
        }
    }

    /// The retained values in ascending order, equal values combined, each with the number of
    /// inserted values it stands for; the weights sum to ``count``.
    /// - Complexity: O(r log r) in the retained count `r`.
    public func sortedView() -> [WeightedValue] {
        var entries: [WeightedValue] = []
        entries.reserveCapacity(retainedCount)
        for height in 0..<levelCount {
            for index in levelRange(height) {
                entries.append(WeightedValue(value: items[index], weight: 1 << UInt64(height)))
            }
        }
        entries.sort { $0.value < $1.value }
        var combined: [WeightedValue] = []
        combined.reserveCapacity(entries.count)
        for entry in entries {
            if let last = combined.last, last.value == entry.value {
                combined[combined.count - 1].weight += entry.weight
            } else {
                combined.append(entry)
            }
        }
        return combined
    }
}
