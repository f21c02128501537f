/// Per-bin row counts, positive counts and score sums on equal-width bins of [0, 1], for calibration.
///
/// Score `p` falls in bin `min(⌊p·B⌋, B − 1)`. The expected calibration error is
/// Σ_b (n_b/N)·|mean(p)_b − mean(y)_b| = Σ_b |Σp_b − pos_b| / N (Naeini, Cooper, Hauskrecht 2015,
/// "Obtaining Well Calibrated Probabilities Using Bayesian Binning", equal-width variant).
/// Merging adds counts exactly and score sums as compensated sums.
///
/// - Complexity: memory is O(B).
public struct CalibrationHistogram: Sendable, Equatable {
    /// One bin of the reliability diagram.
    public struct Bin: Sendable, Equatable {
        /// The bin's score interval's lower edge.
        public var lowerEdge: Double
        /// Rows in the bin.
        public var count: UInt64
        /// Mean score of the bin's rows.
        public var meanScore: Double
        /// Fraction of the bin's rows that are positive.
        public var positiveRate: Double
    }

    /// Rows per bin.
    private(set) var counts: [UInt64]
    /// Positive rows per bin.
    private(set) var positives: [UInt64]
    /// Sum of scores per bin.
    private(set) var scoreSums: [CompensatedSum]

    /// Creates an empty histogram of `binCount` bins.
    ///
    /// - Complexity: O(`binCount`).
    public init(binCount: Int) {
        precondition(binCount >= 1, "CalibrationHistogram needs at least one bin, got \(binCount)")
        counts = Array(repeating: 0, count: binCount)
        positives = Array(repeating: 0, count: binCount)
        scoreSums = Array(repeating: CompensatedSum(), count: binCount)
    }

    /// Restores a histogram from decoded per-bin values of equal length.
    init(counts: [UInt64], positives: [UInt64], scoreSums: [CompensatedSum]) {
        precondition(counts.count == positives.count && counts.count == scoreSums.count && !counts.isEmpty)
        self.counts = counts
        self.positives = positives
        self.scoreSums = scoreSums
    }

    /// The number of bins.
    public var binCount: Int { counts.count }

    /// Counts one row with `score` in [0, 1].
    public mutating func insert(score: Double, label: Bool) {
        let index = ScoreHistogram.bin(of: score, binCount: binCount)
        counts[index] += 1
        if label { positives[index] += 1 }
        scoreSums[index].add(score)
    }

    /// Adds the bins of `other`, which must have the same number of bins.
    ///
    /// - Complexity: O(B).
    public mutating func merge(_ other: CalibrationHistogram) {
        precondition(
            other.binCount == binCount, "merging calibration histograms of \(binCount) and \(other.binCount) bins")
        for index in 0..<binCount {
            counts[index] += other.counts[index]
            positives[index] += other.positives[index]
            scoreSums[index].merge(other.scoreSums[index])
        }
    }

    /// The expected calibration error; `nil` with no rows.
    ///
    /// - Complexity: O(B).
    public var expectedCalibrationError: Double? {
        var total: UInt64 = 0
        var gap = CompensatedSum()
        for index in 0..<binCount where counts[index] > 0 {
            total += counts[index]
            gap.add((scoreSums[index].value - Double(positives[index])).magnitude)
        }
        guard total > 0 else { return nil }
        return gap.value / Double(total)
    }

    /// The non-empty bins in ascending score order (the points of a reliability diagram).
    ///
    /// - Complexity: O(B).
    public var bins: [Bin] {
        (0..<binCount).filter { counts[$0] > 0 }.map { index in
            let n = Double(counts[index])
            return Bin(
                lowerEdge: Double(index) / Double(binCount),
                count: counts[index],
                meanScore: scoreSums[index].value / n,
                positiveRate: Double(positives[index]) / n
            )
        }
    }
}
