/// A threshold learned from the baseline itself: the statistic's spread between baseline chunks.
///
/// Split the baseline into chunks, score each chunk against the whole baseline, and set the
/// threshold at mean + 3σ of those values (population σ; mean − 3σ for a `lowerMeansDrift` test):
/// a stable window then crosses it rarely (about 0.13% under normality). Below `minimumChunks`
/// values the spread estimate is too noisy, so there is no learned threshold.
public enum LearnedThreshold {
    /// The fewest chunk values that give a threshold.
    public static let defaultMinimumChunks = 10

    /// The threshold from `chunkValues`, or `nil` with fewer than `minimumChunks` finite values.
    ///
    /// Worked example: values [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] → mean 5.5, σ = sqrt(8.25) = 2.872281,
    /// higher-means-drift threshold 5.5 + 3·2.872281 = 14.116844.
    /// - Complexity: O(n).
    public static func threshold(
        chunkValues: [Double], direction: ScoreDirection = .higherMeansDrift, sigmas: Double = 3,
        minimumChunks: Int = defaultMinimumChunks
    ) -> Double? {
        guard let spread = spread(chunkValues: chunkValues, minimumChunks: minimumChunks) else { return nil }
        switch direction {
        case .higherMeansDrift: return spread.mean + sigmas * spread.standardDeviation
        case .lowerMeansDrift: return spread.mean - sigmas * spread.standardDeviation
        }
    }

    /// The mean and population standard deviation of the finite `chunkValues`, and how many there
    /// were; `nil` with fewer than `minimumChunks`.
    /// - Complexity: O(n).
    public static func spread(chunkValues: [Double], minimumChunks: Int = defaultMinimumChunks) -> (
        mean: Double, standardDeviation: Double, count: Int
    )? {
        let values = chunkValues.filter(\.isFinite)
        guard values.count >= max(minimumChunks, 1) else { return nil }
        let count = Double(values.count)
        let mean = values.reduce(0, +) / count
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        return (mean, variance.squareRoot(), values.count)
    }
}
