#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Accumulates a binary classifier's scored, labelled rows into mergeable performance counts.
///
/// Each row is a score `p = P(positive)` in [0, 1] and a label. The accumulator keeps the
/// confusion counts at `threshold` (a row is predicted positive when `p >= threshold`), a
/// ``ScoreHistogram`` for ROC AUC, a ``CalibrationHistogram`` for calibration error, and
/// compensated sums of the per-row log loss and Brier score. Every metric matches scikit-learn
/// (see `Fixtures/reference/performance`); metrics scikit-learn leaves undefined (its
/// `zero_division` cases, or AUC with one class) are `nil` here, never 0.
///
/// A score that is NaN or outside [0, 1] is counted in ``invalidCount`` and not inserted.
/// Merging is exact for every count and adds the floating sums (compensated), so merged metrics
/// agree with one pass over all rows to ~1e-15 relative; `init()` with the same configuration
/// is the identity.
///
/// - Complexity: ``insert(score:label:)`` is O(1); memory is O(`scoreBins` + `calibrationBins`).
public struct BinaryClassificationAccumulator: Mergeable, Sendable, Equatable {
    /// The largest number of score bins an accumulator (and a decoded blob) may have.
    public static let maximumScoreBins = 1 << 20
    /// The largest number of calibration bins an accumulator (and a decoded blob) may have.
    public static let maximumCalibrationBins = 1 << 16
    /// Log loss clips `p` to [ε, 1 − ε] with this ε (scikit-learn's long-standing default).
    public static let logLossEpsilon = 1e-15

    /// Rows with `score >= threshold` are predicted positive.
    public let threshold: Double
    /// Rows labelled positive and predicted positive.
    public private(set) var truePositives: UInt64 = 0
    /// Rows labelled negative and predicted positive.
    public private(set) var falsePositives: UInt64 = 0
    /// Rows labelled negative and predicted negative.
    public private(set) var trueNegatives: UInt64 = 0
    /// Rows labelled positive and predicted negative.
    public private(set) var falseNegatives: UInt64 = 0
    /// Rows whose score was NaN or outside [0, 1]; they are in no other count.
    public private(set) var invalidCount: UInt64 = 0
    /// Positive and negative rows per score bin (for AUC and score-based estimates).
    public private(set) var scoreHistogram: ScoreHistogram
    /// Rows, positives and score sums per calibration bin.
    public private(set) var calibration: CalibrationHistogram
    /// Σ per-row log loss.
    private(set) var logLossSum = CompensatedSum()
    /// Σ (p − y)².
    private(set) var brierSum = CompensatedSum()

    /// Creates an empty accumulator.
    ///
    /// - Parameters:
    ///   - threshold: the decision threshold in [0, 1] for the confusion counts.
    ///   - scoreBins: equal-width bins of [0, 1] for AUC, 1…``maximumScoreBins``.
    ///   - calibrationBins: equal-width bins of [0, 1] for calibration error, 1…``maximumCalibrationBins``.
    /// - Complexity: O(`scoreBins` + `calibrationBins`).
    public init(threshold: Double = 0.5, scoreBins: Int = 1_000, calibrationBins: Int = 10) {
        precondition(threshold >= 0 && threshold <= 1, "threshold must lie in [0, 1], got \(threshold)")
        precondition(
            (1...Self.maximumScoreBins).contains(scoreBins),
            "scoreBins must lie in 1...\(Self.maximumScoreBins), got \(scoreBins)"
        )
        precondition(
            (1...Self.maximumCalibrationBins).contains(calibrationBins),
            "calibrationBins must lie in 1...\(Self.maximumCalibrationBins), got \(calibrationBins)"
        )
        self.threshold = threshold
        scoreHistogram = ScoreHistogram(binCount: scoreBins)
        calibration = CalibrationHistogram(binCount: calibrationBins)
    }

    /// Restores every field; used by the decoder, which has validated them.
    init(
        threshold: Double, confusion: (tp: UInt64, fp: UInt64, tn: UInt64, fn: UInt64), invalidCount: UInt64,
        scoreHistogram: ScoreHistogram, calibration: CalibrationHistogram,
        logLossSum: CompensatedSum, brierSum: CompensatedSum
    ) {
        self.threshold = threshold
        (truePositives, falsePositives, trueNegatives, falseNegatives) = confusion
        self.invalidCount = invalidCount
        self.scoreHistogram = scoreHistogram
        self.calibration = calibration
        self.logLossSum = logLossSum
        self.brierSum = brierSum
    }

    /// The number of score bins.
    public var scoreBins: Int { scoreHistogram.binCount }
    /// The number of calibration bins.
    public var calibrationBins: Int { calibration.binCount }

    /// Valid rows counted (``invalidCount`` excluded).
    public var count: UInt64 { truePositives + falsePositives + trueNegatives + falseNegatives }
    /// Valid rows labelled positive.
    public var positives: UInt64 { truePositives + falseNegatives }
    /// Valid rows labelled negative.
    public var negatives: UInt64 { falsePositives + trueNegatives }

    /// Counts one row; a NaN or out-of-range score is counted as invalid instead.
    ///
    /// - Parameters:
    ///   - score: the predicted probability of the positive class, in [0, 1].
    ///   - label: whether the row is actually positive.
    public mutating func insert(score: Double, label: Bool) {
        guard score >= 0, score <= 1 else {  // false for NaN too
            invalidCount += 1
            return
        }
        switch (label, score >= threshold) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1
        case (false, false): trueNegatives += 1
        case (true, false): falseNegatives += 1
        }
        scoreHistogram.insert(score: score, label: label)
        calibration.insert(score: score, label: label)
        let clipped = min(max(score, Self.logLossEpsilon), 1 - Self.logLossEpsilon)
        logLossSum.add(label ? -log(clipped) : -log(1 - clipped))
        let miss = score - (label ? 1 : 0)
        brierSum.add(miss * miss)
    }

    /// Adds every row of `other` to this accumulator.
    ///
    /// - Throws: ``PerformanceMergeError/configurationMismatch(accumulator:field:expected:found:)``
    ///   when the threshold or a bin count differs.
    /// - Complexity: O(`scoreBins` + `calibrationBins`).
    public mutating func merge(_ other: BinaryClassificationAccumulator) throws(PerformanceMergeError) {
        let name = "binary classification accumulator"
        guard other.threshold == threshold else {
            throw .configurationMismatch(
                accumulator: name, field: "threshold", expected: "\(threshold)", found: "\(other.threshold)")
        }
        guard other.scoreBins == scoreBins else {
            throw .configurationMismatch(
                accumulator: name, field: "scoreBins", expected: "\(scoreBins)", found: "\(other.scoreBins)")
        }
        guard other.calibrationBins == calibrationBins else {
            throw .configurationMismatch(
                accumulator: name, field: "calibrationBins", expected: "\(calibrationBins)",
                found: "\(other.calibrationBins)")
        }
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        trueNegatives += other.trueNegatives
        falseNegatives += other.falseNegatives
        invalidCount += other.invalidCount
        scoreHistogram.merge(other.scoreHistogram)
        calibration.merge(other.calibration)
        logLossSum.merge(other.logLossSum)
        brierSum.merge(other.brierSum)
    }
}
