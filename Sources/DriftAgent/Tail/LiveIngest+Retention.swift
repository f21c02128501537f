import DriftStore

extension LiveIngest {
    /// The running configuration's `[retention]` (a reload may change it).
    public var retention: RetentionSettings { configuration.retention }

    /// Prunes the store under `[retention]`, keeping every window still open in memory, and
    /// forgets which closed windows it knew to be stored (some may be gone now). Call it right
    /// after ``checkpoint()``: then nothing waits to be written to a window that pruning deletes.
    /// - Parameter now: wall time, epoch milliseconds (recorded as the last prune).
    /// - Returns: what was deleted and the file's size.
    /// - Throws: ``StoreError``.
    public func prune(now: Int64) throws -> PruneOutcome {
        var keepFrom: [String: Int64] = [:]
        for stream in aggregator.streams {
            guard let first = stream.starts.min() else { continue }
            keepFrom[stream.key.model] = min(keepFrom[stream.key.model] ?? .max, first)
        }
        defer { aggregator.knownStored.removeAll() }  // also when a later batch fails
        return try store.prune(configuration.retention.policy(keepFrom: keepFrom), now: now)
    }
}
