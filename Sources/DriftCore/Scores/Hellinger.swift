/// The Hellinger distance between two binned distributions.
///
///     H = sqrt( max(0, 1 − Σᵢ sqrt(pᵢ · qᵢ)) )
///
/// with `p`, `q` the shares. In [0, 1]: 0 for equal distributions, 1 for disjoint ones. The clamp
/// absorbs rounding that would push the Bhattacharyya coefficient a hair above 1.
public enum Hellinger {
    /// The Hellinger distance between `baseline` and `window` counts over the same bins; NaN if either is empty.
    ///
    /// Worked example: [1, 1] vs [1, 0] → Σ sqrt(pq) = sqrt(0.5) = 0.707107, H = sqrt(0.292893) = 0.541196.
    /// - Complexity: O(bins).
    public static func distance(baseline: [Double], window: [Double]) -> Double {
        checkCountPair(baseline, window, "Hellinger.distance")
        let p = normalizedShares(baseline)
        let q = normalizedShares(window)
        var coefficient = 0.0
        for i in p.indices { coefficient += (p[i] * q[i]).squareRoot() }
        if coefficient.isNaN || p.isEmpty { return .nan }
        return max(0, 1 - coefficient).squareRoot()
    }
}
