extension Store {
    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so two
    /// connections deciding at once are serialised and each sees the other's committed rows.
    ///
    /// Transactions do not nest; ``commit(_:)`` must not be called inside `body`.
    /// - Throws: whatever `body` throws (everything is rolled back), or ``StoreError``.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try connection.transaction(body)
    }

    // MARK: Decisions

    /// Inserts a decision and returns its id.
    /// - Throws: ``StoreError`` (a constraint error when the window was already decided in that mode).
    @discardableResult
    public func insertDecision(_ decision: StoredDecision) throws -> Int64 {
        try connection.withStatement(Schema.insertDecision) { statement in
            try statement.run([
                .text(decision.mode), .text(decision.model), .text(decision.version), .integer(decision.windowStartMs),
                .integer(decision.windowEndMs), .integer(decision.decidedMs), .text(decision.verdict),
                .text(decision.action), .text(decision.reasons), .text(decision.guardrails), .text(decision.inputs),
                .integer(decision.episodeId), .integer(decision.approvedMs), .integer(decision.revision),
                .integer(decision.supersedes), .integer(decision.labelRevision),
            ])
        }
        return try lastInsertedID()
    }

    /// Replaces a decision's action, guardrail verdicts, episode and approval time.
    public func updateDecisionOutcome(_ decision: StoredDecision) throws {
        try connection.withStatement(Schema.updateDecisionOutcome) { statement in
            try statement.run([
                .integer(decision.id), .text(decision.action), .text(decision.guardrails),
                .integer(decision.episodeId), .integer(decision.approvedMs),
            ])
        }
    }

    /// The decision with this id, if any.
    public func decision(id: Int64) throws -> StoredDecision? {
        try connection.withStatement(Schema.selectDecision) { statement in
            try statement.rows([.integer(id)], StoredDecision.init(row:)).first
        }
    }

    /// The decision taken for one window in one mode, if any.
    public func decision(mode: String, window key: StoredWindowKey) throws -> StoredDecision? {
        try connection.withStatement(Schema.selectDecisionByWindow) { statement in
            try statement.rows([.text(mode)] + key.values, StoredDecision.init(row:)).first
        }
    }

    /// The decision that superseded decision `id` (its window decided again after late labels), if any.
    public func supersedingDecision(of id: Int64) throws -> StoredDecision? {
        try connection.withStatement(Schema.selectSupersedingDecision) { statement in
            try statement.rows([.integer(id)], StoredDecision.init(row:)).first
        }
    }

    /// The stored windows that have no decision in `mode`, ordered by model, version and start;
    /// optionally of one model and version, and starting at or before `through`.
    /// - Complexity: O(windows matched), one index probe of the decisions each.
    public func undecidedWindows(mode: String, model: String? = nil, version: String? = nil, through: Int64? = nil)
        throws -> [StoredWindowKey]
    {
        try connection.withStatement(Schema.selectUndecidedWindows) { statement in
            try statement.rows([.text(mode), .text(model), .text(version), .integer(through)]) {
                StoredWindowKey(model: $0.string(at: 0), version: $0.string(at: 1), startMs: $0.int64(at: 2))
            }
        }
    }

    /// How many delayed labels were credited to a window after its label revision `revision`.
    public func labelsCredited(_ key: StoredWindowKey, after revision: Int64) throws -> Int64 {
        try connection.withStatement(Schema.sumLabelsAfterRevision) { statement in
            try statement.rows(key.values + [.integer(revision)]) { $0.int64(at: 0) }.first ?? 0
        }
    }

    /// Decisions in id order, filtered by model, window start (at or after `since`) and mode.
    /// - Complexity: O(decisions).
    public func decisions(model: String? = nil, since: Int64? = nil, mode: String? = nil) throws -> [StoredDecision] {
        try connection.withStatement(Schema.selectDecisions) { statement in
            try statement.rows([.text(model), .integer(since), .text(mode)], StoredDecision.init(row:))
        }
    }

    // MARK: Episodes

    /// Opens an episode and returns its id.
    /// - Throws: ``StoreError`` (a constraint error when one of that kind is already open).
    @discardableResult
    public func insertEpisode(_ episode: StoredEpisode) throws -> Int64 {
        try connection.withStatement(Schema.insertEpisode) { statement in
            try statement.run([
                .text(episode.mode), .text(episode.model), .text(episode.kind), .integer(episode.openedMs),
                .integer(episode.firstDecisionId),
            ])
        }
        return try lastInsertedID()
    }

    /// The model's unresolved episodes in one mode, oldest first.
    public func openEpisodes(mode: String, model: String) throws -> [StoredEpisode] {
        try connection.withStatement(Schema.selectOpenEpisodes) { statement in
            try statement.rows([.text(mode), .text(model)], StoredEpisode.init(row:))
        }
    }

    /// The episode with this id, if any.
    public func episode(id: Int64) throws -> StoredEpisode? {
        try connection.withStatement(Schema.selectEpisode) { statement in
            try statement.rows([.integer(id)], StoredEpisode.init(row:)).first
        }
    }

    /// Writes an episode's acted decision, denied-alert flag and resolution.
    public func updateEpisode(_ episode: StoredEpisode) throws {
        try connection.withStatement(Schema.updateEpisode) { statement in
            try statement.run([
                .integer(episode.id), .integer(episode.actedDecisionId), .integer(episode.deniedAlerted ? 1 : 0),
                .integer(episode.resolvedMs), .integer(episode.resolvedDecisionId),
            ])
        }
    }

    // MARK: Breakers

    /// A model's breaker in one mode; `nil` when it never failed (closed).
    public func breaker(mode: String, model: String) throws -> StoredBreaker? {
        try connection.withStatement(Schema.selectBreaker) { statement in
            try statement.rows([.text(mode), .text(model)]) {
                StoredBreaker(state: $0.string(at: 0), failures: $0.int64(at: 1), openedMs: $0.optionalInt64(at: 2))
            }.first
        }
    }

    /// Stores a model's breaker in one mode.
    public func setBreaker(_ breaker: StoredBreaker, mode: String, model: String) throws {
        try connection.withStatement(Schema.upsertBreaker) { statement in
            try statement.run([
                .text(mode), .text(model), .text(breaker.state), .integer(breaker.failures),
                .integer(breaker.openedMs),
            ])
        }
    }

    /// The rowid of the last insert on this connection.
    func lastInsertedID() throws -> Int64 {
        try connection.integer("SELECT last_insert_rowid()")
    }
}

extension Statement {
    /// Column `index` as an integer, or `nil` when NULL.
    func optionalInt64(at index: Int32) -> Int64? {
        isNull(at: index) ? nil : int64(at: index)
    }
}

extension StoredDecision {
    /// Reads a row of `Schema.decisionColumns`.
    fileprivate init(row: Statement) {
        self.init(
            id: row.int64(at: 0), mode: row.string(at: 1), model: row.string(at: 2), version: row.string(at: 3),
            windowStartMs: row.int64(at: 4), windowEndMs: row.int64(at: 5), decidedMs: row.int64(at: 6),
            verdict: row.string(at: 7), action: row.string(at: 8), reasons: row.string(at: 9),
            guardrails: row.string(at: 10), inputs: row.string(at: 11), episodeId: row.optionalInt64(at: 12),
            approvedMs: row.optionalInt64(at: 13), revision: row.int64(at: 14), supersedes: row.optionalInt64(at: 15),
            labelRevision: row.int64(at: 16))
    }
}

extension StoredEpisode {
    /// Reads a row of `Schema.episodeColumns`.
    fileprivate init(row: Statement) {
        self.init(
            id: row.int64(at: 0), mode: row.string(at: 1), model: row.string(at: 2), kind: row.string(at: 3),
            openedMs: row.int64(at: 4), firstDecisionId: row.int64(at: 5), actedDecisionId: row.optionalInt64(at: 6),
            deniedAlerted: row.int64(at: 7) != 0, resolvedMs: row.optionalInt64(at: 8),
            resolvedDecisionId: row.optionalInt64(at: 9))
    }
}
