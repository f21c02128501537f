#if canImport(Glibc)
    import Glibc
#endif

/// The Population Stability Index between two binned distributions.
///
/// With `p` the baseline's shares and `q` the window's (counts normalised to sum 1), each floored
/// at `floor` and **not** renormalised afterwards:
///
///     PSI = Σᵢ (qᵢ − pᵢ) · ln(qᵢ / pᵢ),   pᵢ = max(pᵢ, floor), qᵢ = max(qᵢ, floor)
///
/// Every term is ≥ 0, so PSI ≥ 0, and it is symmetric in the two sides. The floor (1e-4 by
/// default) keeps an empty bin from making PSI infinite: an empty bin contributes at most about
/// `q · ln(q / 1e-4)`. Bins are the baseline's deciles for numeric features (``QuantileBins``)
/// and the categories for categorical ones.
public enum PopulationStability {
    /// The default share floor.
    public static let defaultFloor = 1e-4

    /// The PSI between `baseline` and `window` counts over the same bins; NaN if either side is empty.
    ///
    /// Worked example: baseline counts [50, 50], window [30, 70] → p = [0.5, 0.5], q = [0.3, 0.7];
    /// PSI = (0.3 − 0.5)·ln(0.6) + (0.7 − 0.5)·ln(1.4) = 0.102165 + 0.067294 = 0.169459.
    /// - Complexity: O(bins).
    public static func index(baseline: [Double], window: [Double], floor: Double = defaultFloor) -> Double {
        checkCountPair(baseline, window, "PopulationStability.index")
        let p = normalizedShares(baseline)
        let q = normalizedShares(window)
        if p.isEmpty || p[0].isNaN || q[0].isNaN { return .nan }
        var sum = 0.0
        for i in p.indices {
            let pi = max(p[i], floor)
            let qi = max(q[i], floor)
            sum += (qi - pi) * log(qi / pi)
        }
        return sum
    }
}
