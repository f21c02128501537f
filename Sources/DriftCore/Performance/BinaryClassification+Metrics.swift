extension BinaryClassificationAccumulator {
    /// (TP + TN) / N; `nil` with no rows.
    public var accuracy: Double? {
        Self.ratio(truePositives + trueNegatives, count)
    }

    /// TP / (TP + FP); `nil` when nothing was predicted positive.
    public var precision: Double? {
        Self.ratio(truePositives, truePositives + falsePositives)
    }

    /// TP / (TP + FN); `nil` when no row is labelled positive.
    public var recall: Double? {
        Self.ratio(truePositives, truePositives + falseNegatives)
    }

    /// 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall; `nil` when no row is
    /// labelled or predicted positive (scikit-learn's formula: 0, not `nil`, when only one of
    /// precision and recall is undefined).
    public var f1: Double? {
        Self.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives)
    }

    /// The ROC AUC from the score histogram; `nil` unless both classes are present.
    ///
    /// Exact when each score bin holds one distinct score; otherwise within ``aucMaximumError``.
    /// - Complexity: O(`scoreBins`).
    public var auc: Double? { scoreHistogram.auc }

    /// The bound on |exact AUC − ``auc``| from pairs tied within a bin: (Σ_b pos_b·neg_b) / (2·P·N).
    ///
    /// 0 when ``auc`` is `nil`.
    /// - Complexity: O(`scoreBins`).
    public var aucMaximumError: Double { scoreHistogram.aucMaximumError }

    /// Mean of −[y·ln p + (1 − y)·ln(1 − p)] with p clipped to [1e-15, 1 − 1e-15]; `nil` with no rows.
    public var logLoss: Double? {
        count > 0 ? logLossSum.value / Double(count) : nil
    }

    /// Mean of (p − y)²; `nil` with no rows.
    public var brier: Double? {
        count > 0 ? brierSum.value / Double(count) : nil
    }

    /// Σ_b (n_b/N)·|mean(p)_b − mean(y)_b| over the calibration bins; `nil` with no rows.
    ///
    /// - Complexity: O(`calibrationBins`).
    public var expectedCalibrationError: Double? { calibration.expectedCalibrationError }

    private static func ratio(_ numerator: UInt64, _ denominator: UInt64) -> Double? {
        denominator > 0 ? Double(numerator) / Double(denominator) : nil
    }
}
