/// Retention: deleting what has aged out of a ``RetentionPolicy`` in bounded batches, and giving
/// the space back.
///
/// Each batch is its own short transaction, so the live agent's checkpoints never wait long for
/// the lock, and a crash part-way leaves every deleted batch deleted and the rest as it was
/// (pruning again finishes the job). A file created by this driftwatch has
/// `auto_vacuum=INCREMENTAL`, and each prune shrinks it by the pages it freed; an older file keeps
/// its free pages for reuse (its size stops growing but does not fall) until ``vacuum()``.
extension Store {
    private static let lastPruneKey = "retention.last_prune_ms"
    private static let windowsKey = "retention.windows_pruned"
    private static let decisionsKey = "retention.decisions_pruned"
    private static let episodesKey = "retention.episodes_pruned"

    /// Deletes the windows, decisions and resolved episodes older than `policy` allows, then (unless
    /// `dryRun`) runs an incremental vacuum and a truncating WAL checkpoint, and adds the counts to
    /// ``retentionTotals()``.
    ///
    /// - Parameters:
    ///   - policy: the ages, the open windows to keep, the batch size.
    ///   - now: wall time recorded as the last prune, epoch milliseconds.
    ///   - dryRun: count what would go, in one transaction that is rolled back; nothing changes.
    /// - Returns: the counts and the file size.
    /// - Throws: ``StoreError``.
    /// - Complexity: O(windows + decisions) to find each model's reference time and the guards,
    ///   plus O(deleted rows × log(table size)).
    @discardableResult
    public func prune(_ policy: RetentionPolicy, now: Int64, dryRun: Bool = false) throws -> PruneOutcome {
        var outcome: PruneOutcome
        if dryRun {
            outcome = try connection.rolledBackTransaction { try deleteOld(policy, batched: false) }
        } else {
            outcome = try deleteOld(policy, batched: true)
            let totals = try retentionTotals()
            try connection.transaction {
                try setMeta(String(now), for: Self.lastPruneKey)
                try setMeta(String(totals.windows + Int64(outcome.windows)), for: Self.windowsKey)
                try setMeta(String(totals.decisions + Int64(outcome.decisions)), for: Self.decisionsKey)
                try setMeta(String(totals.episodes + Int64(outcome.episodes)), for: Self.episodesKey)
            }
            outcome.reclaimedBytes = try reclaimSpace()
        }
        outcome.fileBytes = try fileBytes()
        return outcome
    }

    /// What every prune of this file has deleted so far, and when the last one ran.
    public func retentionTotals() throws -> RetentionTotals {
        let number = { (key: String) throws -> Int64? in try self.meta(key).flatMap { Int64($0) } }
        return RetentionTotals(
            lastPruneMs: try number(Self.lastPruneKey), windows: try number(Self.windowsKey) ?? 0,
            decisions: try number(Self.decisionsKey) ?? 0, episodes: try number(Self.episodesKey) ?? 0)
    }

    /// The file's size in bytes: pages × page size, free pages included, the WAL excluded.
    public func fileBytes() throws -> Int64 {
        try connection.integer(Schema.pageCount) * connection.integer(Schema.pageSize)
    }

    /// Whether the file gives freed pages back (`auto_vacuum=INCREMENTAL`, set on files this
    /// driftwatch created).
    public func shrinksAfterPruning() throws -> Bool {
        try connection.integer(Schema.autoVacuum) == Schema.autoVacuumIncremental
    }

    /// Rewrites the whole file with `auto_vacuum=INCREMENTAL` (for a file created before it):
    /// afterwards every prune shrinks it. Needs free disk space about the file's size and holds
    /// the write lock throughout; stop `driftwatch run` first.
    /// - Throws: ``StoreError``.
    /// - Complexity: O(file size).
    public func vacuum() throws {
        try connection.execute(Schema.setAutoVacuumIncremental)
        try connection.execute(Schema.vacuum)
        try connection.execute(Schema.checkpointTruncate)
    }

    /// Truncates the free pages off the end of the file (when it is incremental) and the WAL.
    /// - Returns: how many bytes the file shrank by.
    private func reclaimSpace() throws -> Int64 {
        let before = try fileBytes()
        if try shrinksAfterPruning(), try connection.integer(Schema.freelistCount) > 0 {
            try connection.execute(Schema.incrementalVacuum)
        }
        try connection.execute(Schema.checkpointTruncate)
        return max(0, before - (try fileBytes()))
    }

    private func deleteOld(_ policy: RetentionPolicy, batched: Bool) throws -> PruneOutcome {
        let newest = try connection.withStatement(Schema.selectNewestWindowEnds) { statement in
            try statement.rows([]) { ($0.string(at: 0), $0.int64(at: 1)) }
        }
        let waiting = try connection.withStatement(Schema.selectPendingWindowFloors) { statement in
            try statement.rows([]) { ($0.string(at: 0), $0.int64(at: 1)) }
        }
        let floors = Dictionary(waiting, uniquingKeysWith: { min($0, $1) })
        var outcome = PruneOutcome()
        for (model, end) in newest {
            if let age = policy.windowsMaxAgeMs, case (let cutoff, false) = end.subtractingReportingOverflow(age) {
                let keepFrom = min(floors[model] ?? .max, policy.keepFrom[model] ?? .max)
                outcome.windows += try inBatches(policy.batchSize, batched: batched) { limit in
                    try connection.withStatement(Schema.deleteOldWindows) { statement in
                        try statement.run([.text(model), .integer(cutoff), .integer(keepFrom), .integer(limit)])
                    }
                }
            }
            if let age = policy.decisionsMaxAgeMs, case (let cutoff, false) = end.subtractingReportingOverflow(age) {
                outcome.episodes += try inBatches(.max, batched: batched) { _ in
                    try connection.withStatement(Schema.deleteOldEpisodes) { statement in
                        try statement.run([.text(model), .integer(cutoff)])
                    }
                }
                outcome.decisions += try inBatches(policy.batchSize, batched: batched) { limit in
                    try deleteOldDecisions(model: model, cutoff: cutoff, limit: limit)
                }
            }
        }
        return outcome
    }

    private func deleteOldDecisions(model: String, cutoff: Int64, limit: Int64) throws -> Int {
        let ids = try connection.withStatement(Schema.selectOldDecisions) { statement in
            try statement.rows([.text(model), .integer(cutoff), .integer(limit)]) { $0.int64(at: 0) }
        }
        for id in ids {
            try connection.withStatement(Schema.deleteHookRunsOfDecision) { _ = try $0.run([.integer(id)]) }
            try connection.withStatement(Schema.deleteDecision) { _ = try $0.run([.integer(id)]) }
        }
        return ids.count
    }

    /// Runs `batch` (which deletes at most `size` rows and returns how many) until it deletes
    /// fewer: each call in its own transaction when `batched`, else in the caller's.
    private func inBatches(_ size: Int, batched: Bool, _ batch: (Int64) throws -> Int) throws -> Int {
        let limit = Int64(size)
        var total = 0
        while true {
            let deleted = batched ? try connection.transaction { try batch(limit) } : try batch(limit)
            total += deleted
            if Int64(deleted) < limit || deleted == 0 { return total }
        }
    }
}
