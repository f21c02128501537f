/// What one ``Store/prune(_:now:dryRun:)`` deleted (or, in a dry run, would delete) and the
/// space it gave back.
public struct PruneOutcome: Equatable, Sendable {
    /// Windows deleted (their scores, bad-line counts and label revisions went with them).
    public var windows = 0
    /// Decisions deleted (their hook runs went with them).
    public var decisions = 0
    /// Resolved episodes deleted.
    public var episodes = 0
    /// Bytes the file shrank by (incremental vacuum); 0 for a dry run, or a file created before
    /// auto-vacuum (its free pages are reused instead).
    public var reclaimedBytes: Int64 = 0
    /// The file's size afterwards (pages × page size, free pages included, the WAL excluded).
    public var fileBytes: Int64 = 0

    /// Creates an empty outcome.
    public init() {}

    /// Whether anything was (or would be) deleted.
    public var deletedAnything: Bool { windows + decisions + episodes > 0 }
}
