import DriftStore

/// `[labels]`: delayed labels joined to earlier predictions by request id (docs/CONFIG.md).
public struct LabelSettings: Sendable, Equatable {
    /// Predictions kept waiting for a label at most (0: keep none, delayed labels are off).
    public var maximumPending = 1_000_000
    /// How long a prediction waits for its label, in event time (the model's newest event time
    /// minus the prediction's).
    public var maximumAgeMilliseconds: Int64 = 30 * 86_400_000
    /// Labels logs the agent follows (globs), next to `run --labels`.
    public var sources: [String] = []
    /// Whether to estimate performance from scores alone (CBPE) where labels are missing, in
    /// reports and in decisions.
    public var estimate = true

    /// The defaults.
    public init() {}

    /// Whether predictions with an id and no inline label are kept.
    public var keepsPending: Bool { maximumPending > 0 }

    /// The limits the store enforces.
    public var limits: PendingLimits {
        PendingLimits(maximumPending: maximumPending, maximumAgeMs: maximumAgeMilliseconds)
    }
}
