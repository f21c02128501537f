/// The two-sample Kolmogorov–Smirnov test between two weighted samples.
///
/// D = supₓ |F₁(x) − F₂(x)|, with F the right-continuous weighted ECDF (the share of weight at
/// values ≤ x). Exact samples (weight 1 each) give `scipy.stats.ks_2samp(...).statistic`
/// bit for bit; a KLL sketch's `sortedView()` gives D to within the sum of the two sketches'
/// normalized rank errors, which is why ``DriftScore/evaluate(test:value:threshold:pValue:baselineCount:windowCount:sketchError:)``
/// takes a `sketchError`.
public enum KolmogorovSmirnov {
    /// D between two ascending weighted samples; NaN if either is empty (or has zero total weight).
    ///
    /// Worked example: {1, 2, 3} vs {2, 3, 4} → at x = 1: F₁ = 1/3, F₂ = 0; at 2: 2/3 vs 1/3;
    /// at 3: 1 vs 2/3; at 4: 1 vs 1 → D = 1/3.
    /// - Precondition: both arrays ascending by `value`, no NaN (checked in debug builds).
    /// - Complexity: O(n + m).
    public static func statistic(baseline: [WeightedValue], window: [WeightedValue]) -> Double {
        checkAscending(baseline, "baseline")
        checkAscending(window, "window")
        let totals = (totalWeight(baseline), totalWeight(window))
        guard totals.0 > 0, totals.1 > 0 else { return .nan }
        var largest = 0.0
        forEachStep(baseline, window, totals: totals) { _, ecdf1, ecdf2 in largest = max(largest, abs(ecdf1 - ecdf2)) }
        return largest
    }

    /// Walks the distinct values x of both samples' union in ascending order, calling `body` with x
    /// and the two ECDFs there (F₁(x), F₂(x): the share of each sample's weight at values ≤ x).
    /// - Precondition: both arrays ascending by `value`; `totals` their positive ``totalWeight(_:)``.
    /// - Complexity: O(n + m).
    static func forEachStep(
        _ baseline: [WeightedValue], _ window: [WeightedValue], totals: (UInt64, UInt64),
        _ body: (Double, Double, Double) -> Void
    ) {
        let total1 = Double(totals.0)
        let total2 = Double(totals.1)
        var i = 0
        var j = 0
        var cumulative1: UInt64 = 0
        var cumulative2: UInt64 = 0
        while i < baseline.count || j < window.count {
            // The next distinct value of the union; consume every entry equal to it on both sides.
            let x: Double
            if j >= window.count || (i < baseline.count && baseline[i].value <= window[j].value) {
                x = baseline[i].value
            } else {
                x = window[j].value
            }
            while i < baseline.count && baseline[i].value <= x {
                cumulative1 += baseline[i].weight
                i += 1
            }
            while j < window.count && window[j].value <= x {
                cumulative2 += window[j].weight
                j += 1
            }
            body(x, Double(cumulative1) / total1, Double(cumulative2) / total2)
        }
    }

    /// The two-sided p-value of D for samples of `n` and `m` rows, as `ks_2samp(method="asymp")`.
    ///
    /// scipy's "asymp" two-sided p-value is not the limiting Q_KS(sqrt(en)·D): it is the exact
    /// one-sample Kolmogorov distribution at the effective size, `kstwo.sf(D, round(en))` with
    /// en = n·m/(n + m) (scipy/stats/_stats_py.py, `ks_2samp`). This returns the same, via
    /// ``KolmogorovDistribution``; for large en both agree closely (use
    /// ``SpecialFunctions/kolmogorovLimitSurvival(_:)`` for the limit). NaN when round(en) < 1.
    /// - Complexity: at most O(en), see ``KolmogorovDistribution/survival(n:x:)``.
    public static func pValue(d: Double, n: Int, m: Int) -> Double {
        guard n > 0, m > 0, !d.isNaN else { return .nan }
        let en = (Double(n) * Double(m) / (Double(n) + Double(m))).rounded(.toNearestOrEven)
        guard en >= 1 else { return .nan }
        return KolmogorovDistribution.survival(n: Int(en), x: d)
    }

    /// The total weight of a weighted sample.
    static func totalWeight(_ values: [WeightedValue]) -> UInt64 {
        values.reduce(0) { $0 + $1.weight }
    }

    static func checkAscending(_ values: [WeightedValue], _ side: StaticString) {
        #if DRIFT_INTERNAL_CHECKS
            for k in values.indices.dropFirst() {
                precondition(values[k - 1].value <= values[k].value, "KolmogorovSmirnov: \(side) not ascending at \(k)")
            }
            precondition(!values.contains { $0.value.isNaN }, "KolmogorovSmirnov: \(side) contains NaN")
        #endif
    }
}
