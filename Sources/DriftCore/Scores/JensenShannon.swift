#if canImport(Glibc)
    import Glibc
#endif

/// The Jensen–Shannon distance (base 2) between two binned distributions.
///
/// With `p`, `q` the shares and `m = (p + q) / 2`:
///
///     JS = sqrt( (KL(p‖m) + KL(q‖m)) / 2 ),   KL(a‖b) = Σᵢ aᵢ · log₂(aᵢ / bᵢ),  0·log 0 = 0
///
/// This is `scipy.spatial.distance.jensenshannon(p, q, base=2)`: a metric in [0, 1], 0 for equal
/// distributions and 1 for disjoint ones. No smoothing is needed, since `m > 0` wherever `p` or `q` is.
public enum JensenShannon {
    /// The JS distance between `baseline` and `window` counts over the same bins; NaN if either is empty.
    ///
    /// Worked example: [1, 0] vs [0, 1] → m = [½, ½], KL(p‖m) = KL(q‖m) = log₂ 2 = 1, JS = sqrt(1) = 1.
    /// - Complexity: O(bins).
    public static func distance(baseline: [Double], window: [Double]) -> Double {
        checkCountPair(baseline, window, "JensenShannon.distance")
        let p = normalizedShares(baseline)
        let q = normalizedShares(window)
        if p.isEmpty { return .nan }
        var left = 0.0
        var right = 0.0
        for i in p.indices {
            let m = (p[i] + q[i]) / 2
            if p[i] > 0 { left += p[i] * log(p[i] / m) }
            if q[i] > 0 { right += q[i] * log(q[i] / m) }
            if p[i].isNaN || q[i].isNaN { return .nan }
        }
        let divergence = (left + right) / log(2.0)
        return (max(divergence, 0) / 2).squareRoot()
    }
}
