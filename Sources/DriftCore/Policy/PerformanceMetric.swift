/// A binary-classification metric the policy can hold a floor or a maximum drop on.
public enum PerformanceMetric: String, Sendable, CaseIterable, Equatable {
    /// (TP + TN) / N at threshold 0.5.
    case accuracy
    /// TP / (TP + FP) at threshold 0.5.
    case precision
    /// TP / (TP + FN) at threshold 0.5.
    case recall
    /// Harmonic mean of precision and recall at threshold 0.5.
    case f1
    /// ROC AUC.
    case auc
    /// Mean log loss (lower is better).
    case logLoss = "log_loss"
    /// Mean Brier score (lower is better).
    case brier

    /// Whether a larger value means a better model.
    public var isHigherBetter: Bool {
        switch self {
        case .logLoss, .brier: false
        default: true
        }
    }

    /// The metric over `accumulator`, `nil` where undefined.
    public func value(of accumulator: BinaryClassificationAccumulator) -> Double? {
        switch self {
        case .accuracy: accumulator.accuracy
        case .precision: accumulator.precision
        case .recall: accumulator.recall
        case .f1: accumulator.f1
        case .auc: accumulator.auc
        case .logLoss: accumulator.logLoss
        case .brier: accumulator.brier
        }
    }

    /// How much worse `value` is than `reference`: positive when worse, in the metric's units.
    public func degradation(of value: Double, from reference: Double) -> Double {
        isHigherBetter ? reference - value : value - reference
    }

    /// Whether `value` is on the wrong side of the floor `limit` (below it, or above for lower-is-better).
    public func breaches(floor limit: Double, value: Double) -> Bool {
        isHigherBetter ? value < limit : value > limit
    }
}

/// A metric with a number: a floor, or a maximum drop.
public struct PerformanceLimit: Sendable, Equatable {
    /// The metric.
    public var metric: PerformanceMetric
    /// The floor (for lower-is-better metrics, the ceiling), or the largest accepted drop.
    public var value: Double

    /// Creates a limit.
    public init(metric: PerformanceMetric, value: Double) {
        self.metric = metric
        self.value = value
    }
}
