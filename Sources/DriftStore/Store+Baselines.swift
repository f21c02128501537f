extension Store {
    /// Stores a baseline, replacing any with the same model and version.
    public func saveBaseline(_ baseline: StoredBaseline) throws {
        try connection.withStatement(Schema.upsertBaseline) { statement in
            try statement.run([
                .text(baseline.model), .text(baseline.version), .integer(baseline.createdMs), .text(baseline.source),
                .text(baseline.sha256), .blob(baseline.profile), .text(baseline.document),
            ])
        }
    }

    /// The baseline stored for this model version, if any.
    public func baseline(model: String, version: String) throws -> StoredBaseline? {
        try connection.withStatement(Schema.selectBaseline) { statement in
            try statement.rows([.text(model), .text(version)], StoredBaseline.init(row:)).first
        }
    }

    /// The model's current baseline: the one created last (on a tie, the one saved last).
    /// - Complexity: O(log baselines).
    public func currentBaseline(model: String) throws -> StoredBaseline? {
        try connection.withStatement(Schema.selectCurrentBaseline) { statement in
            try statement.rows([.text(model)], StoredBaseline.init(row:)).first
        }
    }

    /// Every stored baseline, ordered by model, then creation time.
    /// - Complexity: O(baselines).
    public func baselines() throws -> [StoredBaseline] {
        try connection.withStatement(Schema.selectBaselines) { statement in
            try statement.rows([], StoredBaseline.init(row:))
        }
    }
}

extension StoredBaseline {
    /// Reads a row of the `Schema.select*Baseline*` statements.
    fileprivate init(row: Statement) {
        self.init(
            model: row.string(at: 0), version: row.string(at: 1), createdMs: row.int64(at: 2),
            source: row.string(at: 3), sha256: row.string(at: 4), profile: row.bytes(at: 5),
            document: row.string(at: 6))
    }
}
