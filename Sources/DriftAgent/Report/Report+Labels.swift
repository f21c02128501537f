import DriftCore

extension Report {
    /// A window's performance estimated from its scores alone (CBPE), each figure with its
    /// standard error; every figure `nil` when nothing could be estimated (no labelled baseline
    /// scores to calibrate on, or no numeric predictions).
    public struct Estimated: Sendable, Equatable {
        /// Window rows whose scores were used (0 when nothing was estimated).
        public var rows: Double = 0
        /// Labelled baseline rows the calibration was learned from (0 without one).
        public var baselineLabeledRows: UInt64 = 0
        /// Expected (TP + TN) / N.
        public var accuracy: EstimatedBinaryPerformance.Estimate?
        /// Expected TP / (TP + FP).
        public var precision: EstimatedBinaryPerformance.Estimate?
        /// Expected TP / (TP + FN).
        public var recall: EstimatedBinaryPerformance.Estimate?
        /// Expected F1.
        public var f1: EstimatedBinaryPerformance.Estimate?
        /// Expected ROC AUC.
        public var auc: EstimatedBinaryPerformance.Estimate?

        /// Nothing estimated.
        public init() {}

        /// The figures of `estimate`, calibrated on `baselineLabeledRows` rows.
        public init(_ estimate: EstimatedBinaryPerformance?, baselineLabeledRows: UInt64) {
            guard let estimate else { return }
            rows = estimate.rows
            self.baselineLabeledRows = baselineLabeledRows
            accuracy = estimate.accuracy
            precision = estimate.precision
            recall = estimate.recall
            f1 = estimate.f1
            auc = estimate.auc
        }
    }

    /// One model version's figures over the windows of the report, for side-by-side comparison
    /// during a rollout (canary or shadow traffic tagged by version).
    public struct VersionSummary: Sendable, Equatable {
        /// The model version.
        public var version: String
        /// Windows of this version.
        public var windows: Int
        /// Of those, drifted windows.
        public var driftedWindows: Int
        /// Rows over those windows.
        public var rows: Int64
        /// Realised performance pooled over the version's windows (their accumulators merged).
        public var performance: Performance
    }
}
