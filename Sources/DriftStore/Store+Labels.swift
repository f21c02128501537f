/// Delayed labels: pending predictions, waiting labels, per-window label revisions and counters.
///
/// The store keeps the bookkeeping; the agent decodes and merges the profiles. The methods that
/// change several rows run inside the caller's transaction when there is one (the label joiner
/// does its whole batch in one), else in their own.
extension Store {
    /// Runs `body` in the current transaction, or in a new one when none is open.
    func inTransaction<T>(_ body: () throws -> T) throws -> T {
        connection.isInTransaction ? try body() : try connection.transaction(body)
    }

    /// The first column of the first row of `sql` as an integer (0 without a row).
    func count(_ sql: String, _ values: [SQLiteValue]) throws -> Int64 {
        try connection.withStatement(sql) { statement in try statement.rows(values) { $0.int64(at: 0) }.first ?? 0 }
    }

    /// Raises the model's watermark (its newest event time) to `eventMs`; never lowers it.
    public func raiseWatermark(model: String, to eventMs: Int64) throws {
        try connection.withStatement(Schema.raiseWatermark) { try $0.run([.text(model), .integer(eventMs)]) }
    }

    /// Each model's watermark, by model.
    public func watermarks() throws -> [String: Int64] {
        let rows = try connection.withStatement(Schema.selectWatermarks) { statement in
            try statement.rows([]) { ($0.string(at: 0), $0.int64(at: 1)) }
        }
        return Dictionary(rows, uniquingKeysWith: { max($0, $1) })
    }

    /// Drops waiting labels older than the newest watermark minus the maximum age, then the oldest
    /// beyond the maximum count, counting each `unknown_id`.
    func enforceWaiting(_ limits: PendingLimits, newest: Int64?) throws {
        if let newest {
            let (cutoff, overflow) = newest.subtractingReportingOverflow(limits.maximumAgeMs)
            if !overflow {
                let old = try waitingLabels().filter { ($0.eventMs ?? .max) < cutoff }
                for label in old { try countUnknown(label) }
                _ = try connection.withStatement(Schema.expireWaitingOlderThan) { try $0.run([.integer(cutoff)]) }
            }
        }
        let excess = Int(try count(Schema.countWaitingLabels, [])) - limits.maximumPending
        guard excess > 0 else { return }
        for label in try waitingLabels().prefix(excess) { try countUnknown(label) }
        _ = try connection.withStatement(Schema.evictOldestWaiting) { try $0.run([.integer(Int64(excess))]) }
    }

    private func countUnknown(_ label: WaitingLabel) throws {
        try addLabelCount(model: label.model ?? "", reason: "unknown_id", count: 1)
    }

    // MARK: Waiting labels

    /// Keeps a label whose prediction has not been seen yet.
    public func insertWaitingLabel(_ label: WaitingLabel) throws {
        try connection.withStatement(Schema.insertWaitingLabel) { statement in
            _ = try statement.run([
                .text(label.id), .text(label.model), .text(label.version), .real(label.label), .text(label.text),
                .integer(label.eventMs),
            ])
        }
    }

    /// Every waiting label, oldest first.
    public func waitingLabels() throws -> [WaitingLabel] {
        try connection.withStatement(Schema.selectAllWaiting) { statement in
            try statement.rows([], WaitingLabel.init(row:))
        }
    }

    /// The waiting labels whose id now has a stored prediction, oldest first.
    /// - Complexity: O(waiting labels × log(predictions)).
    public func matchedWaitingLabels() throws -> [WaitingLabel] {
        try connection.withStatement(Schema.selectWaitingMatches) { statement in
            try statement.rows([], WaitingLabel.init(row:))
        }
    }

    /// Removes a waiting label.
    public func deleteWaitingLabel(seq: Int64) throws {
        try connection.withStatement(Schema.deleteWaitingLabel) { _ = try $0.run([.integer(seq)]) }
    }

    // MARK: Window labels and revisions

    /// The delayed labels credited to a window (a profile blob, `nil` when none) and its label
    /// revision; `nil` when the window is not stored.
    public func windowLabels(_ key: StoredWindowKey) throws -> (joined: [UInt8]?, revision: Int64)? {
        try connection.withStatement(Schema.selectWindowLabels) { statement in
            try statement.rows(key.values) { row in
                (row.isNull(at: 0) ? nil : row.bytes(at: 0), row.int64(at: 1))
            }.first
        }
    }

    /// Replaces a window's delayed-label profile, bumps its label revision and records the revision.
    /// - Returns: the new revision; `nil` when the window is not stored.
    @discardableResult
    public func reviseWindowLabels(_ key: StoredWindowKey, joined: [UInt8], labels: Int64, at revisedMs: Int64) throws
        -> Int64?
    {
        try inTransaction {
            guard let current = try windowLabels(key) else { return nil }
            let revision = current.revision + 1
            try connection.withStatement(Schema.updateWindowLabels) { statement in
                _ = try statement.run(key.values + [.blob(joined), .integer(revision)])
            }
            try connection.withStatement(Schema.insertWindowRevision) { statement in
                _ = try statement.run(key.values + [.integer(revision), .integer(labels), .integer(revisedMs)])
            }
            return revision
        }
    }

    /// A window's label revisions, oldest first.
    public func windowRevisions(_ key: StoredWindowKey) throws -> [WindowRevision] {
        try connection.withStatement(Schema.selectWindowRevisions) { statement in
            try statement.rows(key.values) {
                WindowRevision(revision: $0.int64(at: 0), labels: $0.int64(at: 1), revisedMs: $0.int64(at: 2))
            }
        }
    }

    // MARK: Counters

    /// Adds `count` to the counter (model, reason); zero is a no-op.
    public func addLabelCount(model: String, reason: String, count: Int64) throws {
        guard count != 0 else { return }
        try connection.withStatement(Schema.addLabelCount) { statement in
            _ = try statement.run([.text(model), .text(reason), .integer(count)])
        }
    }

    /// Every label counter, by model and reason.
    public func labelCounts() throws -> [LabelCount] {
        try connection.withStatement(Schema.selectLabelCounts) { statement in
            try statement.rows([]) {
                LabelCount(model: $0.string(at: 0), reason: $0.string(at: 1), count: $0.int64(at: 2))
            }
        }
    }

    /// How many labels wait for their prediction.
    public func waitingLabelCount() throws -> Int {
        Int(try count(Schema.countWaitingLabels, []))
    }
}

extension WaitingLabel {
    fileprivate init(row: Statement) {
        self.init(
            seq: row.int64(at: 0), id: row.string(at: 1), model: row.optionalString(at: 2),
            version: row.optionalString(at: 3), label: row.optionalDouble(at: 4), text: row.optionalString(at: 5),
            eventMs: row.isNull(at: 6) ? nil : row.int64(at: 6))
    }
}

extension Store {
    /// The start of the first stored window of a model version; `nil` when it has none.
    /// - Complexity: O(log windows).
    public func firstWindowStart(model: String, version: String) throws -> Int64? {
        try connection.withStatement(Schema.selectFirstWindowStart) { statement in
            try statement.rows([.text(model), .text(version)]) { $0.optionalInt64(at: 0) }.first ?? nil
        }
    }
}
