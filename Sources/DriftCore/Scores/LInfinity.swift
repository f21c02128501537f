/// The L∞ (Chebyshev) distance between two binned distributions: `maxᵢ |pᵢ − qᵢ|` over the shares.
///
/// The largest change of any one category's share; in [0, 1]. TFDV uses it for categorical skew.
public enum LInfinity {
    /// The L∞ distance between `baseline` and `window` counts over the same bins; NaN if either is empty.
    ///
    /// Worked example: [2, 1, 1] vs [1, 1, 2] → p = [.5, .25, .25], q = [.25, .25, .5], L∞ = 0.25.
    /// - Complexity: O(bins).
    public static func distance(baseline: [Double], window: [Double]) -> Double {
        checkCountPair(baseline, window, "LInfinity.distance")
        let p = normalizedShares(baseline)
        let q = normalizedShares(window)
        var largest = p.isEmpty ? Double.nan : 0
        for i in p.indices {
            let gap = abs(p[i] - q[i])
            if gap.isNaN { return .nan }
            largest = max(largest, gap)
        }
        return largest
    }
}
