/// Naive, obviously-correct versions of the drift statistics, for property tests of `Scores/`.
///
/// Quadratic where the real code is linear: each evaluates the definition directly.
public enum ScoresOracles {
    /// Exact samples as weight-1 values, sorted ascending.
    public static func weighted(_ values: [Double]) -> [WeightedValue] {
        values.sorted().map { WeightedValue(value: $0, weight: 1) }
    }

    /// Every value repeated `weight` times, ascending.
    public static func expanded(_ values: [WeightedValue]) -> [Double] {
        values.flatMap { Array(repeating: $0.value, count: Int($0.weight)) }.sorted()
    }

    /// The right-continuous ECDF of raw samples at `x`: count(≤ x) / n.
    public static func ecdf(_ samples: [Double], at x: Double) -> Double {
        Double(samples.filter { $0 <= x }.count) / Double(samples.count)
    }

    /// KS D by definition: max over every sample point of |F₁ − F₂|. O((n + m)²).
    public static func ksStatistic(_ a: [Double], _ b: [Double]) -> Double {
        (a + b).map { abs(ecdf(a, at: $0) - ecdf(b, at: $0)) }.max() ?? .nan
    }

    /// W₁ by definition: ∫|F₁ − F₂| over the gaps between consecutive distinct sample points. O((n + m)²).
    public static func wasserstein(_ a: [Double], _ b: [Double]) -> Double {
        let points = Array(Set(a + b)).sorted()
        var sum = 0.0
        for k in points.indices.dropLast() {
            sum += abs(ecdf(a, at: points[k]) - ecdf(b, at: points[k])) * (points[k + 1] - points[k])
        }
        return sum
    }
}
