/// The policy's verdict for one window with the figures behind it.
public struct PolicyDecision: Sendable, Equatable {
    /// What the window calls for.
    public var verdict: DecisionVerdict
    /// Why, most decisive first.
    public var reasons: [DecisionReason]
    /// The drift condition of the window and how long it held.
    public var drift: DriftAssessment
    /// The performance checks, when a floor or a maximum drop is configured.
    public var performance: PerformanceAssessment?

    /// Creates a decision.
    public init(
        verdict: DecisionVerdict, reasons: [DecisionReason], drift: DriftAssessment,
        performance: PerformanceAssessment?
    ) {
        self.verdict = verdict
        self.reasons = reasons
        self.drift = drift
        self.performance = performance
    }
}

/// The drift condition of one window.
public struct DriftAssessment: Sendable, Equatable {
    /// Features with a `drift` or `ok` primary verdict.
    public var scoredFeatures = 0
    /// Names of the drifted features, sorted.
    public var driftedFeatures: [String] = []
    /// Importance-weighted share of drifted features; `nil` when none was scored.
    public var share: Double?
    /// Whether the prediction had a `drift` or `ok` verdict.
    public var predictionScored = false
    /// Whether the prediction drifted.
    public var predictionDrift = false
    /// Drifted features marked critical, sorted.
    public var criticalDrifted: [String] = []
    /// Whether this window meets the drift condition.
    public var isDrifting = false
    /// Windows of the last `lookback` (this one included) that met the condition.
    public var heldWindows = 0
    /// N of K-of-N.
    public var lookback = 0
    /// K of K-of-N.
    public var required = 0

    /// An assessment of nothing.
    public init() {}
}

/// Which performance a decision's floor and drop checks judged.
public enum PerformanceSource: String, Sendable, Equatable {
    /// The window's labelled rows.
    case realised
    /// The estimate from the window's scores alone (too few labels yet).
    case estimated
}

/// The performance checks of one window.
public struct PerformanceAssessment: Sendable, Equatable {
    /// Labelled rows in the window.
    public var labeledRows: UInt64
    /// What was judged: realised or estimated performance; `nil` when neither could be.
    public var source: PerformanceSource?
    /// The standard error of `floorValue`, when it is an estimate.
    public var floorStandardError: Double?
    /// The standard error of `drop`, when it is an estimate.
    public var dropStandardError: Double?
    /// The floor metric's value, when judged.
    public var floorValue: Double?
    /// How much worse than the baseline the drop metric is, when judged.
    public var drop: Double?
    /// Whether the floor was breached.
    public var breachesFloor = false
    /// Whether the drop exceeded the maximum.
    public var exceedsDrop = false
    /// Reasons from the checks (floor, drop, or too few labels).
    public var reasons: [DecisionReason] = []

    /// An assessment over `labeledRows` rows, nothing judged yet.
    public init(labeledRows: UInt64) { self.labeledRows = labeledRows }
}
