extension Store {
    /// The stored scores of one window, ordered by feature and test.
    /// - Complexity: O(scores of the window).
    public func scores(model: String, version: String, start: Int64) throws -> [StoredScore] {
        let key = StoredWindowKey(model: model, version: version, startMs: start)
        return try connection.withStatement(Schema.selectWindowScores) { statement in
            try statement.rows(key.values, StoredScore.init(row:))
        }
    }

    /// The bad-line counts attributed to one window, ordered by reason.
    /// - Complexity: O(reasons of the window).
    public func badLines(model: String, version: String, start: Int64) throws -> [WindowBadLineCount] {
        let key = StoredWindowKey(model: model, version: version, startMs: start)
        return try connection.withStatement(Schema.selectWindowBadLines) { statement in
            try statement.rows(key.values) { row in
                WindowBadLineCount(key: StoredWindowKey(row: row), reason: row.string(at: 3), count: row.int64(at: 4))
            }
        }
    }

    /// Replaces each listed window's scores; runs inside ``commit(_:)``'s transaction.
    func replaceScores(_ scores: [StoredWindowKey: [StoredScore]]) throws {
        guard !scores.isEmpty else { return }
        for (key, rows) in scores {
            try connection.withStatement(Schema.deleteWindowScores) { try $0.run(key.values) }
            guard !rows.isEmpty else { continue }
            try connection.withStatement(Schema.insertWindowScore) { statement in
                for score in rows {
                    try statement.run(key.values + score.values)
                }
            }
        }
    }
}

extension StoredScore {
    /// Parameters 4…12 of `Schema.insertWindowScore`; NaN binds as NULL.
    fileprivate var values: [SQLiteValue] {
        [
            .text(feature), .text(kind), .text(test), .real(value), .real(threshold), .real(pValue),
            .text(verdict), .integer(isPrimary ? 1 : 0), thresholdSource.map { .text($0) } ?? .null,
        ]
    }

    /// Reads a row of `Schema.selectWindowScores`; NULL value or threshold reads as NaN.
    fileprivate init(row: Statement) {
        self.init(
            feature: row.string(at: 3), kind: row.string(at: 4), test: row.string(at: 5),
            value: row.optionalDouble(at: 6) ?? .nan, threshold: row.optionalDouble(at: 7) ?? .nan,
            pValue: row.optionalDouble(at: 8), verdict: row.string(at: 9), isPrimary: row.int64(at: 10) != 0,
            thresholdSource: row.optionalString(at: 11))
    }
}
