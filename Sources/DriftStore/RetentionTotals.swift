/// What pruning has deleted over the life of a state file, kept in its `meta` table.
public struct RetentionTotals: Equatable, Sendable {
    /// When the last prune (that was not a dry run) finished, epoch milliseconds.
    public var lastPruneMs: Int64?
    /// Windows deleted by every prune so far.
    public var windows: Int64 = 0
    /// Decisions deleted by every prune so far.
    public var decisions: Int64 = 0
    /// Episodes deleted by every prune so far.
    public var episodes: Int64 = 0

    /// Creates totals; zero by default.
    public init(lastPruneMs: Int64? = nil, windows: Int64 = 0, decisions: Int64 = 0, episodes: Int64 = 0) {
        self.lastPruneMs = lastPruneMs
        self.windows = windows
        self.decisions = decisions
        self.episodes = episodes
    }
}
