/// What ``Store/prune(_:now:dryRun:)`` may delete: how old a window or a decision may get, per
/// model, measured back from that model's newest stored window end (event time, not the wall
/// clock, so a backfill of last year's logs keeps its newest stretch instead of vanishing).
///
/// Whatever the ages, pruning never deletes a baseline, a window at or after the start of a window
/// still open in the agent (``keepFrom``) or of a prediction still waiting for its label, a
/// decision that a job, an unresolved episode or an unfinished hook run refers to, nor the ingest
/// positions and line counters.
public struct RetentionPolicy: Equatable, Sendable {
    /// Windows whose end is at least this far before the model's newest window end are deleted,
    /// with their scores, bad-line counts and label revisions; `nil` keeps every window.
    public var windowsMaxAgeMs: Int64?
    /// Decisions whose window end is at least this far before the model's newest window end are
    /// deleted with their hook runs, as are resolved episodes all of whose decisions are that old;
    /// `nil` keeps every decision.
    public var decisionsMaxAgeMs: Int64?
    /// Per model, the earliest window start still open in memory: windows starting at or after it
    /// are kept whatever their age.
    public var keepFrom: [String: Int64]
    /// Rows deleted per transaction, so that the writer never holds the lock for long.
    public var batchSize: Int

    /// Creates a policy.
    public init(
        windowsMaxAgeMs: Int64?, decisionsMaxAgeMs: Int64?, keepFrom: [String: Int64] = [:], batchSize: Int = 500
    ) {
        precondition(batchSize > 0, "batchSize must be positive")
        precondition((windowsMaxAgeMs ?? 0) >= 0 && (decisionsMaxAgeMs ?? 0) >= 0, "ages must not be negative")
        self.windowsMaxAgeMs = windowsMaxAgeMs
        self.decisionsMaxAgeMs = decisionsMaxAgeMs
        self.keepFrom = keepFrom
        self.batchSize = batchSize
    }
}
