extension Store {
    /// Writes a whole batch in one transaction: the exactly-once primitive of ingest.
    ///
    /// Windows are upserted (profile, end, rows, late rows and update time replaced); window and
    /// source bad-line counts are added; each listed window's scores are replaced; source checkpoints
    /// are upserted by fingerprint; samples are inserted up to the per-(path, reason) cap, and their
    /// excerpts cut to ``BadLineSample/maximumExcerptBytes``. If any row fails, nothing of the batch
    /// is committed.
    /// - Throws: ``StoreError`` (a busy lock, a full disk, or a constraint broken by the batch).
    /// - Complexity: O(rows in the batch × log(table size)).
    public func commit(_ batch: WindowBatch) throws {
        guard !batch.isEmpty else { return }
        try connection.transaction { try write(batch) }
    }

    /// Writes a batch inside the caller's ``transaction(_:)`` (for writers that change other rows
    /// in the same transaction, such as the label joiner); outside one it is ``commit(_:)``.
    /// - Throws: ``StoreError``.
    public func apply(_ batch: WindowBatch) throws {
        guard !batch.isEmpty else { return }
        try inTransaction { try write(batch) }
    }

    private func write(_ batch: WindowBatch) throws {
        try upsert(batch.windows)
        try add(batch.windowBadLines)
        try add(batch.lateLines, sql: Schema.addLateLinesIfStored)
        try replaceScores(batch.scores)
        try insert(batch.pendingPredictions)
        try insert(batch.pendingRows)
        try upsert(batch.ingestFiles)
        try add(batch.ingestBadLines)
        try insert(batch.badLineSamples)
        if let limits = batch.pendingLimits { try enforce(limits) }
    }

    /// Stored windows, ordered by model, version and start.
    /// - Parameters:
    ///   - model: only this model's windows; `nil` for all.
    ///   - since: only windows starting at or after this time (epoch ms); `nil` for no lower bound.
    ///   - until: only windows starting before this time (epoch ms); `nil` for no upper bound.
    /// - Complexity: O(matching windows), plus a scan when `model` is `nil`.
    public func windows(model: String? = nil, since: Int64? = nil, until: Int64? = nil) throws -> [StoredWindow] {
        try connection.withStatement(Schema.selectWindows) { statement in
            try statement.rows([.text(model), .integer(since), .integer(until)], StoredWindow.init(row:))
        }
    }

    /// The stored window with this key, if any.
    public func window(model: String, version: String, start: Int64) throws -> StoredWindow? {
        try connection.withStatement(Schema.selectWindow) { statement in
            try statement.rows(StoredWindowKey(model: model, version: version, startMs: start).values) {
                StoredWindow(row: $0)
            }.first
        }
    }

    /// Deletes a model's windows starting in `[since, until)` with their scores, bad-line counts,
    /// credited labels and pending predictions (for `backfill --replace`), in one transaction.
    /// - Returns: how many windows were deleted.
    /// - Complexity: O(deleted rows).
    @discardableResult
    public func deleteWindows(model: String, since: Int64? = nil, until: Int64? = nil) throws -> Int {
        try connection.transaction {
            try deletePending(Schema.deletePendingOfWindows, [.text(model), .integer(since), .integer(until)])
            return try connection.withStatement(Schema.deleteWindows) { statement in
                try statement.run([.text(model), .integer(since), .integer(until)])
            }
        }
    }

    private func upsert(_ windows: [StoredWindow]) throws {
        guard !windows.isEmpty else { return }
        try connection.withStatement(Schema.upsertWindow) { statement in
            for window in windows {
                try statement.run(
                    window.key.values + [
                        .integer(window.endMs), .integer(window.rows), .integer(window.lateRows),
                        .blob(window.profile), .integer(window.updatedMs),
                    ])
            }
        }
    }

    private func add(_ counts: [WindowBadLineCount], sql: String = Schema.addWindowBadLines) throws {
        guard !counts.isEmpty else { return }
        try connection.withStatement(sql) { statement in
            for count in counts {
                try statement.run(count.key.values + [.text(count.reason), .integer(count.count)])
            }
        }
    }
}

extension StoredWindowKey {
    /// The key as the first three parameters of a statement: model, version, start.
    var values: [SQLiteValue] { [.text(model), .text(version), .integer(startMs)] }

    /// Reads a key from columns `first`, `first + 1` and `first + 2`.
    init(row: Statement, first: Int32 = 0) {
        self.init(model: row.string(at: first), version: row.string(at: first + 1), startMs: row.int64(at: first + 2))
    }
}

extension StoredWindow {
    /// Reads a row of `Schema.selectWindows`.
    fileprivate init(row: Statement) {
        self.init(
            key: StoredWindowKey(row: row), endMs: row.int64(at: 3), rows: row.int64(at: 4), lateRows: row.int64(at: 5),
            profile: row.bytes(at: 6), updatedMs: row.int64(at: 7), joined: row.isNull(at: 8) ? nil : row.bytes(at: 8),
            labelRevision: row.int64(at: 9))
    }
}

extension SQLiteValue {
    /// An integer, or NULL for `nil`.
    static func integer(_ value: Int64?) -> SQLiteValue { value.map { .integer($0) } ?? .null }
    /// Text, or NULL for `nil`.
    static func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
    /// A real, or NULL for `nil`.
    static func real(_ value: Double?) -> SQLiteValue { value.map { .real($0) } ?? .null }
}
