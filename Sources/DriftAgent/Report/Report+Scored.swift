extension Report {
    /// What a window and a horizon share: features scored against the baseline, the model-level
    /// drift verdict they add up to, and the performance realised and estimated over their rows.
    public protocol Scored {
        /// Every feature, sorted by name (the prediction excluded).
        var features: [Feature] { get }
        /// The prediction scored like a feature, when there was one.
        var prediction: Feature? { get }
        /// Features whose primary verdict is drift.
        var driftedFeatures: Int { get }
        /// Features with a verdict (drift or ok), i.e. not `insufficient_data`.
        var scoredFeatures: Int { get }
        /// The model's configured `drift_share`: drift at or above it.
        var driftShareThreshold: Double { get }
        /// Realised performance over the labelled rows (delayed labels included).
        var performance: Performance { get }
        /// Performance estimated from the scores alone.
        var estimated: Estimated { get }
    }
}

extension Report.Scored {
    /// `driftedFeatures / scoredFeatures`; `nil` when nothing was scored.
    public var driftShare: Double? {
        scoredFeatures > 0 ? Double(driftedFeatures) / Double(scoredFeatures) : nil
    }

    /// The model-level verdict: at least one scored feature and a drift share at or above the threshold.
    public var drift: Bool {
        guard let driftShare else { return false }
        return driftShare >= driftShareThreshold
    }
}
