/// Pending predictions (schema v6): inserted in key order with one reused statement, counted by
/// state in `pending_counts`, bounded in age by `pending_bounds`.
///
/// Every statement that adds, deletes or re-states rows of `pending_predictions` lives here and
/// moves `pending_counts` in the same transaction, so the counts are the table's by construction
/// (`pendingRowCount(_:)` counts the rows themselves, for tests).
extension Store {
    /// Inserts pending predictions (an id already stored for the model version is left as it is)
    /// and raises each model's watermark to their newest event time; see
    /// ``insert(_:)-(PendingPredictionRows)``.
    func insert(_ pending: [PendingPrediction]) throws {
        try insert(PendingPredictionRows(pending))
    }

    /// Inserts pending predictions (an id already stored for the model version is left as it is;
    /// of rows sharing a key the first wins) and raises each model's watermark to their newest
    /// event time. Their windows need not be stored yet: a label for a prediction whose window is
    /// not stored waits until it is.
    ///
    /// The rows go in ordered by key (``PendingPredictionRows/insertionOrder()``), so consecutive
    /// inserts land on the same or the next B-tree page (request ids in random order would
    /// otherwise touch a random page each), ``Schema/pendingRowsPerInsert`` rows per statement:
    /// one VDBE program, one cursor (which stays on the page it last wrote) and one statement halt
    /// for all of them. Ids and classes are bound in place from the rows' arena; the model and
    /// version once per model version, start times and NULLs only when they change.
    /// - Complexity: O(n log n) to order (O(n) when already in key order), O(n log table) to insert.
    func insert(_ batch: PendingPredictionRows) throws {
        guard !batch.isEmpty else { return }
        let order = batch.insertionOrder()
        var inserted: Int64 = 0
        try batch.bytes.withUnsafeBytes { arena in
            // Lifetime of the in-place (SQLITE_STATIC) binds: `arena` outlives both statement
            // bodies below, and `withStatement` clears the bindings when a body returns.
            try connection.withStatement(Schema.insertPendingPredictionChunk) { chunk in
                try connection.withStatement(Schema.insertPendingPrediction) { single in
                    var chunkSlots = PendingSlots(statement: chunk, slots: Schema.pendingRowsPerInsert)
                    var singleSlots = PendingSlots(statement: single, slots: 1)
                    let rows = batch.rows
                    let count = rows.count
                    var position = 0
                    while position < count {
                        let key = rows[order?[position] ?? position].key
                        var end = position + 1
                        while end < count, rows[order?[end] ?? end].key == key { end += 1 }
                        while end - position >= Schema.pendingRowsPerInsert {
                            inserted += Int64(
                                try chunk.run { _ in
                                    try chunkSlots.bind(key: key, of: batch)
                                    for slot in 0..<Schema.pendingRowsPerInsert {
                                        let index = order?[position + slot] ?? (position + slot)
                                        try chunkSlots.bind(rows[index], arena, slot: slot)
                                    }
                                })
                            position += Schema.pendingRowsPerInsert
                        }
                        while position < end {
                            let index = order?[position] ?? position
                            inserted += Int64(
                                try single.run { _ in
                                    try singleSlots.bind(key: key, of: batch)
                                    try singleSlots.bind(rows[index], arena, slot: 0)
                                })
                            position += 1
                        }
                    }
                }
            }
        }
        try addPendingCount(.pending, inserted)
        // Each model's oldest and newest event time, over its versions' keys.
        var oldest = [Int64](repeating: .max, count: batch.keys.count)
        var newest = [Int64](repeating: .min, count: batch.keys.count)
        for row in batch.rows {
            let key = Int(row.key)
            oldest[key] = min(oldest[key], row.eventMs)
            newest[key] = max(newest[key], row.eventMs)
        }
        var range: [String: (oldest: Int64, newest: Int64)] = [:]
        for (index, key) in batch.keys.enumerated() where oldest[index] <= newest[index] {
            let known = range[key.model] ?? (.max, .min)
            range[key.model] = (min(known.oldest, oldest[index]), max(known.newest, newest[index]))
        }
        for (model, times) in range.sorted(by: { $0.key < $1.key }) {
            try raiseWatermark(model: model, to: times.newest)
            try connection.withStatement(Schema.lowerPendingBound) {
                try $0.run([.text(model), .integer(times.oldest)])
            }
        }
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

    /// Sets the state of one stored prediction (nothing when it is not stored).
    public func setState(_ state: PendingPrediction.State, of prediction: PendingPrediction) throws {
        let key: [SQLiteValue] = [.text(prediction.model), .text(prediction.version), .text(prediction.id)]
        try inTransaction {
            let stored = try connection.withStatement(Schema.selectPendingState) { statement in
                try statement.rows(key) { $0.int64(at: 0) }.first
            }
            guard let stored, stored != state.rawValue else { return }
            try connection.withStatement(Schema.setPendingState) { _ = try $0.run(key + [.integer(state.rawValue)]) }
            try addPendingCount(stored, -1)
            try addPendingCount(state, 1)
        }
    }

    /// How many stored predictions are in `state`.
    /// - Complexity: O(1) (`pending_counts`).
    public func pendingCount(_ state: PendingPrediction.State) throws -> Int {
        Int(try count(Schema.selectPendingCount, [.integer(state.rawValue)]))
    }

    /// How many rows of `pending_predictions` are in `state`, counted row by row.
    /// - Complexity: O(stored predictions).
    func pendingRowCount(_ state: PendingPrediction.State) throws -> Int {
        Int(try count(Schema.countPendingRowsByState, [.integer(state.rawValue)]))
    }

    /// Applies the limits: expires pending predictions older than their model's watermark minus
    /// the maximum age (`expired`), evicts the oldest beyond the maximum count (`evicted`), purges
    /// tombstones older than two maximum ages or beyond the maximum count, and drops waiting labels
    /// older than the newest watermark minus the maximum age or beyond the maximum count
    /// (`unknown_id`). Every count is added to the label counters.
    /// - Complexity: O(models) while no prediction is due to expire and the counts are within the
    ///   limit (`pending_counts`, `pending_bounds`); otherwise a scan per step that has work (and a
    ///   sort of the k oldest for eviction and purging). Plus the waiting labels.
    public func enforce(_ limits: PendingLimits) throws {
        try inTransaction {
            let marks = try watermarks()
            let bounds = try pendingBounds()
            for (model, mark) in marks.sorted(by: { $0.key < $1.key }) {
                let (cutoff, overflow) = mark.subtractingReportingOverflow(limits.maximumAgeMs)
                // No stored prediction of the model is older than its bound: none is due (and no
                // tombstone, which would be older still).
                guard !overflow, let oldest = bounds[model], oldest < cutoff else { continue }
                let expired = try connection.withStatement(Schema.expirePendingOlderThan) {
                    try $0.run([.text(model), .integer(cutoff)])
                }
                try movePending(Int64(expired), to: .expired)
                try addLabelCount(model: model, reason: "expired", count: Int64(expired))
                let (purgeBefore, purgeOverflow) = cutoff.subtractingReportingOverflow(limits.maximumAgeMs)
                if !purgeOverflow {
                    try deletePending(Schema.purgeSettledOlderThan, [.text(model), .integer(purgeBefore)])
                }
            }
            let excess = try pendingCount(.pending) - limits.maximumPending
            if excess > 0 {
                let byModel = try connection.withStatement(Schema.selectOldestPendingModels) { statement in
                    try statement.rows([.integer(Int64(excess))]) { ($0.string(at: 0), $0.int64(at: 1)) }
                }
                for (model, count) in byModel { try addLabelCount(model: model, reason: "evicted", count: count) }
                let evicted = try connection.withStatement(Schema.evictOldestPending) {
                    try $0.run([.integer(Int64(excess))])
                }
                try movePending(Int64(evicted), to: .expired)
            }
            let settledExcess = try pendingCount(.labelled) + pendingCount(.expired) - limits.maximumPending
            if settledExcess > 0 {
                try deletePending(Schema.purgeOldestSettled, [.integer(Int64(settledExcess))])
            }
            try enforceWaiting(limits, newest: marks.values.max())
        }
    }

    /// Each model's bound: no stored prediction of the model is older.
    func pendingBounds() throws -> [String: Int64] {
        let rows = try connection.withStatement(Schema.selectPendingBounds) { statement in
            try statement.rows([]) { ($0.string(at: 0), $0.int64(at: 1)) }
        }
        return Dictionary(rows, uniquingKeysWith: { min($0, $1) })
    }

    /// Runs a `DELETE … RETURNING state` on `pending_predictions` and takes the deleted rows off
    /// `pending_counts`, inside the caller's transaction.
    func deletePending(_ sql: String, _ values: [SQLiteValue]) throws {
        let states = try connection.withStatement(sql) { statement in try statement.rows(values) { $0.int64(at: 0) } }
        var deleted: [Int64: Int64] = [:]
        for state in states { deleted[state, default: 0] += 1 }
        for (state, count) in deleted.sorted(by: { $0.key < $1.key }) { try addPendingCount(state, -count) }
    }

    /// Moves `count` rows' worth of count from `pending` to `state`.
    private func movePending(_ count: Int64, to state: PendingPrediction.State) throws {
        try addPendingCount(.pending, -count)
        try addPendingCount(state, count)
    }

    private func addPendingCount(_ state: PendingPrediction.State, _ delta: Int64) throws {
        try addPendingCount(state.rawValue, delta)
    }

    private func addPendingCount(_ state: Int64, _ delta: Int64) throws {
        guard delta != 0 else { return }
        try connection.withStatement(Schema.addPendingCount) { _ = try $0.run([.integer(state), .integer(delta)]) }
    }
}
