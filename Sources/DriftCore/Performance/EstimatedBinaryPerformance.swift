/// A binary classifier's performance in one window estimated from its scores alone (no labels),
/// each figure with its standard error.
///
/// Produced by ``ConfidenceBasedEstimator``. A figure is `nil` where it is undefined (precision
/// when no row is predicted positive, recall and AUC when no positive row is expected, …).
public struct EstimatedBinaryPerformance: Sendable, Equatable {
    /// One estimated figure.
    public struct Estimate: Sendable, Equatable {
        /// The estimate (the expected value of the figure under the calibration).
        public var value: Double
        /// Its standard error: the spread of the realised figure around `value` from the window's
        /// labels being Bernoulli draws, and from the calibration's finite baseline rows.
        public var standardError: Double

        /// Creates an estimate.
        public init(value: Double, standardError: Double) {
            self.value = value
            self.standardError = standardError
        }
    }

    /// Window rows whose scores the estimate used.
    public var rows: Double
    /// Rows predicted positive (score ≥ threshold).
    public var predictedPositives: Double
    /// The expected number of positive rows, Σ calibrated P(y = 1).
    public var expectedPositives: Double
    /// (TP + TN) / N.
    public var accuracy: Estimate?
    /// TP / (TP + FP).
    public var precision: Estimate?
    /// TP / (TP + FN).
    public var recall: Estimate?
    /// 2·TP / (2·TP + FP + FN).
    public var f1: Estimate?
    /// ROC AUC (Mann–Whitney over the expected positive and negative rows per score bin).
    public var auc: Estimate?

    /// Creates an estimate over `rows` rows with no figure yet.
    public init(rows: Double, predictedPositives: Double, expectedPositives: Double) {
        self.rows = rows
        self.predictedPositives = predictedPositives
        self.expectedPositives = expectedPositives
    }

    /// The estimate of `metric`, when it is one of the estimated figures.
    public subscript(metric: PerformanceMetric) -> Estimate? {
        switch metric {
        case .accuracy: accuracy
        case .precision: precision
        case .recall: recall
        case .f1: f1
        case .auc: auc
        case .logLoss, .brier: nil
        }
    }
}
