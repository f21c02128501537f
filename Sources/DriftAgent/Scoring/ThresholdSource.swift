/// Where a score's threshold came from (the `threshold_source` of reports).
public enum ThresholdSource: String, Sendable, CaseIterable {
    /// The statistic's documented default (``DriftCore/DriftTest/defaultThreshold``).
    case `default`
    /// An explicit threshold in the configuration (`[…thresholds]` or a feature override).
    case config
    /// Learned from the baseline's chunks (`learned_thresholds = true`).
    case learned
}
