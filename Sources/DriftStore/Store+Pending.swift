#if canImport(Glibc)
    import Glibc
#endif

/// Pending predictions (schema v6): inserted in key order with one reused statement, counted by
/// state in `pending_counts`, bounded in age by `pending_bounds`.
///
/// Every statement that adds, deletes or re-states rows of `pending_predictions` lives here and
/// moves `pending_counts` in the same transaction, so the counts are the table's by construction
/// (`pendingRowCount(_:)` counts the rows themselves, for tests).
extension Store {
    /// Inserts pending predictions (an id already stored for the model version is left as it is)
    /// and raises each model's watermark to their newest event time. Their windows need not be
    /// stored yet: a label for a prediction whose window is not stored waits until it is.
    ///
    /// The rows go in ordered by their key, so consecutive inserts land on the same or the next
    /// B-tree page (request ids in random order would otherwise touch a random page each); rows
    /// with the same key keep their order, so the first one wins as before.
    /// - Complexity: O(n log n) to order (O(n) when already in key order), O(n log table) to insert.
    func insert(_ pending: [PendingPrediction]) throws {
        guard !pending.isEmpty else { return }
        var inserted: Int64 = 0
        try pending.withUnsafeBufferPointer { rows in
            try connection.withStatement(Schema.insertPendingPrediction) { statement in
                func insert(_ row: PendingPrediction) throws {
                    inserted += Int64(try statement.run { try $0.bind(row) })
                }
                if let order = Self.keyOrder(rows) {
                    for index in order { try insert(rows[index]) }
                } else {
                    for row in rows { try insert(row) }
                }
            }
        }
        try addPendingCount(.pending, inserted)
        // Each model's oldest and newest event time; consecutive rows are almost always one model.
        var range: [String: (oldest: Int64, newest: Int64)] = [:]
        var run: (model: String, oldest: Int64, newest: Int64)?
        func flush() {
            guard let run else { return }
            let known = range[run.model] ?? (.max, .min)
            range[run.model] = (min(known.oldest, run.oldest), max(known.newest, run.newest))
        }
        for row in pending {
            if let current = run, current.model == row.model {
                run = (current.model, min(current.oldest, row.eventMs), max(current.newest, row.eventMs))
            } else {
                flush()
                run = (row.model, row.eventMs, row.eventMs)
            }
        }
        flush()
        for (model, times) in range.sorted(by: { $0.key < $1.key }) {
            try raiseWatermark(model: model, to: times.newest)
            try connection.withStatement(Schema.lowerPendingBound) {
                try $0.run([.text(model), .integer(times.oldest)])
            }
        }
    }

    /// The insertion order of `rows` by key (id, model, version, compared byte by byte as SQLite
    /// does), ties by position; `nil` when the rows are already in that order (sequential request
    /// ids: the usual case, checked in one pass).
    ///
    /// Each id's first 16 bytes are read once into two big-endian integers, so most comparisons
    /// are integer comparisons; only ids sharing those bytes are compared in full.
    static func keyOrder(_ rows: UnsafeBufferPointer<PendingPrediction>) -> [Int]? {
        guard rows.count > 1 else { return nil }
        let prefixes = rows.map { row in
            var id = row.id
            return id.withUTF8 { bytes -> (UInt64, UInt64) in
                var words: (UInt64, UInt64) = (0, 0)  // zero-padded, read as big-endian
                withUnsafeMutableBytes(of: &words) { raw in
                    raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes).prefix(16)))
                }
                return (UInt64(bigEndian: words.0), UInt64(bigEndian: words.1))
            }
        }
        func precedes(_ a: Int, _ b: Int) -> Bool {
            if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
            let x = rows[a]
            let y = rows[b]
            var order = compareBytes(x.id, y.id)
            if order == 0 { order = compareBytes(x.model, y.model) }
            if order == 0 { order = compareBytes(x.version, y.version) }
            return order == 0 ? a < b : order < 0
        }
        guard (1..<rows.count).contains(where: { precedes($0, $0 - 1) }) else { return nil }
        return rows.indices.sorted(by: precedes)
    }

    /// `memcmp` order of two strings' UTF-8 bytes (SQLite's BINARY collation): negative, 0, positive.
    static func compareBytes(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let order = memcmp(p, q, common)
                    if order != 0 { return Int(order) }
                }
                return x.count - y.count
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

extension Statement {
    /// Binds a pending prediction to `Schema.insertPendingPrediction`'s seven parameters.
    fileprivate func bind(_ row: PendingPrediction) throws {
        try bind(row.model, at: 1)
        try bind(row.version, at: 2)
        try bind(row.id, at: 3)
        try bind(row.windowStartMs, at: 4)
        try bind(row.eventMs, at: 5)
        if let score = row.score { try bind(score, at: 6) } else { try bindNull(at: 6) }
        if let predictedClass = row.predictedClass { try bind(predictedClass, at: 7) } else { try bindNull(at: 7) }
    }
}
