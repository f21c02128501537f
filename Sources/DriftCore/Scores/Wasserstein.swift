/// The Wasserstein-1 (earth mover's) distance between two weighted samples on the real line.
///
///     W₁ = ∫ |F₁(x) − F₂(x)| dx
///
/// with F the weighted ECDFs: the sum over consecutive distinct values of the union of
/// |F₁ − F₂| times the gap. Equals `scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)`.
/// It is in the units of the feature, so drift scores use ``normalized(distance:baselineStandardDeviation:)``.
public enum Wasserstein {
    /// W₁ between two ascending weighted samples; NaN if either is empty.
    ///
    /// Worked example: {0, 1} vs {1, 2} (weight 1 each) → on [0, 1) F₁ = ½, F₂ = 0; on [1, 2)
    /// F₁ = 1, F₂ = ½; W₁ = ½·1 + ½·1 = 1 (every unit of mass moves by 1).
    /// - Precondition: both arrays ascending by `value` (checked in debug builds).
    /// - Complexity: O(n + m).
    public static func distance(baseline: [WeightedValue], window: [WeightedValue]) -> Double {
        KolmogorovSmirnov.checkAscending(baseline, "baseline")
        KolmogorovSmirnov.checkAscending(window, "window")
        let totals = (KolmogorovSmirnov.totalWeight(baseline), KolmogorovSmirnov.totalWeight(window))
        guard totals.0 > 0, totals.1 > 0 else { return .nan }
        var sum = 0.0
        var previous: Double? = nil
        var gap = 0.0  // |F₁ − F₂| on [previous, x)
        KolmogorovSmirnov.forEachStep(baseline, window, totals: totals) { x, ecdf1, ecdf2 in
            if let last = previous { sum += gap * (x - last) }
            gap = abs(ecdf1 - ecdf2)
            previous = x
        }
        return sum
    }

    /// W₁ divided by the baseline's standard deviation, so 0.1 means "a tenth of a baseline sd".
    ///
    /// Returns NaN when the baseline has no spread (sd 0 or not finite): the score is undefined and
    /// ``DriftScore/evaluate(test:value:threshold:pValue:baselineCount:windowCount:sketchError:)``
    /// turns it into `.insufficientData`.
    public static func normalized(distance: Double, baselineStandardDeviation sd: Double) -> Double {
        guard sd > 0, sd.isFinite else { return .nan }
        return distance / sd
    }

    /// The population standard deviation (divisor = total weight) of a weighted sample; NaN if empty.
    ///
    /// Two-pass (mean first), so it stays accurate when the mean is large relative to the spread.
    /// - Complexity: O(n).
    public static func standardDeviation(of values: [WeightedValue]) -> Double {
        let total = Double(KolmogorovSmirnov.totalWeight(values))
        guard total > 0 else { return .nan }
        let mean = values.reduce(0.0) { $0 + $1.value * Double($1.weight) } / total
        let squares = values.reduce(0.0) { $0 + Double($1.weight) * ($1.value - mean) * ($1.value - mean) }
        return (squares / total).squareRoot()
    }
}
