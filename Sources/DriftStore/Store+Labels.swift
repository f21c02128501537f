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
    private func count(_ sql: String, _ values: [SQLiteValue]) throws -> Int64 {
        try connection.withStatement(sql) { statement in try statement.rows(values) { $0.int64(at: 0) }.first ?? 0 }
    }

    /// Inserts pending predictions (an id already stored for the model version is left as it is)
    /// and raises each model's watermark to their newest event time. Their windows need not be
    /// stored yet: a label for a prediction whose window is not stored waits until it is.
    ///
    /// The rows are inserted with `PRAGMA ignore_check_constraints` on: SQLite (3.40) compiles the
    /// table's `CHECK (state IN (0, 1, 2))` into a fresh ephemeral index per inserted row, which
    /// cost ~30,000 instructions a row — more than folding the whole line into its window. The
    /// insert leaves `state` at its default 0, so the check could not fail; NOT NULL, STRICT types
    /// and the key are still enforced. (Flipping the flag re-prepares cached statements once.)
    func insert(_ pending: [PendingPrediction]) throws {
        guard !pending.isEmpty else { return }
        var newest: [String: Int64] = [:]
        var run: (model: String, newest: Int64)?  // consecutive rows are almost always one model
        try connection.execute(Schema.ignoreCheckConstraints(true))
        defer { try? connection.execute(Schema.ignoreCheckConstraints(false)) }
        try connection.withStatement(Schema.insertPendingPrediction) { statement in
            for row in pending {
                try statement.run([
                    .text(row.model), .text(row.version), .text(row.id), .integer(row.windowStartMs),
                    .integer(row.eventMs), .real(row.score), .text(row.predictedClass),
                ])
                if let current = run, current.model == row.model {
                    run?.newest = max(current.newest, row.eventMs)
                } else {
                    if let current = run { newest[current.model] = max(newest[current.model] ?? .min, current.newest) }
                    run = (row.model, row.eventMs)
                }
            }
        }
        if let current = run { newest[current.model] = max(newest[current.model] ?? .min, current.newest) }
        for (model, time) in newest.sorted(by: { $0.key < $1.key }) { try raiseWatermark(model: model, to: time) }
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

    /// The stored predictions with request id `id` in any state, optionally of one model/version.
    public func pendingPredictions(id: String, model: String? = nil, version: String? = nil) throws
        -> [PendingPrediction]
    {
        try connection.withStatement(Schema.selectPendingByID) { statement in
            try statement.rows([.text(id), .text(model), .text(version)]) { row in
                PendingPrediction(
                    model: row.string(at: 0), version: row.string(at: 1), id: row.string(at: 2),
                    windowStartMs: row.int64(at: 3), eventMs: row.int64(at: 4), score: row.optionalDouble(at: 5),
                    predictedClass: row.optionalString(at: 6),
                    state: PendingPrediction.State(rawValue: row.int64(at: 7)) ?? .expired)
            }
        }
    }

    /// Sets the state of one stored prediction.
    public func setState(_ state: PendingPrediction.State, of prediction: PendingPrediction) throws {
        try connection.withStatement(Schema.setPendingState) { statement in
            _ = try statement.run([
                .text(prediction.model), .text(prediction.version), .text(prediction.id), .integer(state.rawValue),
            ])
        }
    }

    /// How many stored predictions are in `state`.
    /// - Complexity: O(stored predictions) (a scan).
    public func pendingCount(_ state: PendingPrediction.State) throws -> Int {
        Int(try count(Schema.countPendingByState, [.integer(state.rawValue)]))
    }

    /// Applies the limits: expires pending predictions older than their model's watermark minus
    /// the maximum age (`expired`), evicts the oldest beyond the maximum count (`evicted`), purges
    /// tombstones older than two maximum ages or beyond the maximum count, and drops waiting labels
    /// older than the newest watermark minus the maximum age or beyond the maximum count
    /// (`unknown_id`). Every count is added to the label counters.
    /// - Complexity: a few scans of the stored predictions and waiting labels (O(n log k) for the
    ///   k evicted); callers enforce every `maximumPending / 16` new predictions, not every commit.
    public func enforce(_ limits: PendingLimits) throws {
        try inTransaction {
            let marks = try watermarks()
            for (model, mark) in marks.sorted(by: { $0.key < $1.key }) {
                let (cutoff, overflow) = mark.subtractingReportingOverflow(limits.maximumAgeMs)
                guard !overflow else { continue }
                let expired = try connection.withStatement(Schema.expirePendingOlderThan) {
                    try $0.run([.text(model), .integer(cutoff)])
                }
                try addLabelCount(model: model, reason: "expired", count: Int64(expired))
                let (purgeBefore, purgeOverflow) = cutoff.subtractingReportingOverflow(limits.maximumAgeMs)
                if !purgeOverflow {
                    _ = try connection.withStatement(Schema.purgeSettledOlderThan) {
                        try $0.run([.text(model), .integer(purgeBefore)])
                    }
                }
            }
            let excess = try pendingCount(.pending) - limits.maximumPending
            if excess > 0 {
                let byModel = try connection.withStatement(Schema.selectOldestPendingModels) { statement in
                    try statement.rows([.integer(Int64(excess))]) { ($0.string(at: 0), $0.int64(at: 1)) }
                }
                for (model, count) in byModel { try addLabelCount(model: model, reason: "evicted", count: count) }
                _ = try connection.withStatement(Schema.evictOldestPending) { try $0.run([.integer(Int64(excess))]) }
            }
            let settledExcess = Int(try count(Schema.countSettledPending, [])) - limits.maximumPending
            if settledExcess > 0 {
                _ = try connection.withStatement(Schema.purgeOldestSettled) {
                    try $0.run([.integer(Int64(settledExcess))])
                }
            }
            try enforceWaiting(limits, newest: marks.values.max())
        }
    }

    private func enforceWaiting(_ limits: PendingLimits, newest: Int64?) throws {
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
