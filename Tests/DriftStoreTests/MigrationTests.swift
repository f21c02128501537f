import Testing

@testable import DriftStore

struct MigrationTests {
    @Test func emptyFileMigratesToTheLatestVersion() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("state.db"))
        #expect(Store.supportedSchemaVersion == 6)
        #expect(try store.connection.userVersion() == 6)
        let tables = try store.connection.withStatement(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
        ) { try $0.rows([]) { $0.string(at: 0) } }
        #expect(
            tables == [
                "bad_line_samples", "baselines", "breakers", "decisions", "episodes", "hook_runs", "ingest_bad_lines",
                "ingest_files", "jobs", "label_counts", "label_watermarks", "meta", "pending_bounds",
                "pending_counts", "pending_predictions", "waiting_labels", "window_bad_lines", "window_revisions",
                "window_scores", "windows",
            ])
    }

    @Test func versionThreeScoresUpgradeWithoutAThresholdSource() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("v3.db")
        do {
            let connection = try Connection(path: path, configuration: Store.Configuration())
            try Migrations.migrate(
                connection, isReadOnly: false, scripts: [Schema.createV1, Schema.createV2, Schema.createV3])
            try connection.execute(
                "INSERT INTO windows (model, version, start_ms, end_ms, rows, late_rows, profile, updated_ms) "
                    + "VALUES ('fraud', '1', 0, 3600000, 10, 0, x'01', 1);"
                    + "INSERT INTO window_scores VALUES ('fraud', '1', 0, 'amount', 'numeric', 'psi', 0.5, 0.1, NULL, "
                    + "'drift', 1)")
        }
        let store = try Store(path: path)
        #expect(try store.connection.userVersion() == 6)
        let old = try #require(try store.scores(model: "fraud", version: "1", start: 0).first)
        #expect(old.thresholdSource == nil && old.threshold == 0.1 && old.verdict == "drift")
        // New rows carry their source, and the column refuses anything but the three names.
        var batch = WindowBatch()
        let key = StoredWindowKey(model: "fraud", version: "1", startMs: 0)
        var score = old
        score.thresholdSource = "learned"
        batch.scores[key] = [score]
        try store.commit(batch)
        #expect(try store.scores(model: "fraud", version: "1", start: 0) == [score])
        score.thresholdSource = "guessed"
        batch.scores[key] = [score]
        #expect(throws: StoreError.self) { try store.commit(batch) }
    }

    @Test func versionFivePendingPredictionsSurviveTheRebuildWithTheirCounts() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("v5.db")
        let scripts = [Schema.createV1, Schema.createV2, Schema.createV3, Schema.createV4, Schema.createV5]
        let rows = [
            "('a', 'fraud', '1', 0, 10, 0.25, NULL, 0)", "('b', 'fraud', '1', 0, 11, NULL, 'spam', 1)",
            "('b', 'fraud', '2', 0, 12, 1.0, NULL, 2)", "('c', 'churn', '', 3600000, 3600001, 0.5, NULL, 0)",
            "('d', 'fraud', '1', 0, 13, NULL, NULL, 2)",
        ]
        do {
            let connection = try Connection(path: path, configuration: Store.Configuration())
            try Migrations.migrate(connection, isReadOnly: false, scripts: scripts)
            try connection.execute(
                "INSERT INTO pending_predictions (id, model, version, start_ms, event_ms, score, class, state) VALUES "
                    + rows.joined(separator: ", "))
        }
        let store = try Store(path: path)
        #expect(try store.connection.userVersion() == 6)
        let dump =
            "SELECT id, model, version, start_ms, event_ms, quote(score), quote(class), state "
            + "FROM pending_predictions ORDER BY id, model, version"
        let kept = try store.connection.withStatement(dump) { statement in
            try statement.rows([]) { row in
                "('\(row.string(at: 0))', '\(row.string(at: 1))', '\(row.string(at: 2))', \(row.int64(at: 3)), "
                    + "\(row.int64(at: 4)), \(row.string(at: 5)), \(row.string(at: 6)), \(row.int64(at: 7)))"
            }
        }
        // quote() spells the inserted literals back: 0.25, 1.0 and 0.5 round-trip exactly.
        #expect(kept == rows)
        // Counted from the rows above: two pending (a, c), one labelled (b/1), two expired (b/2, d).
        #expect(
            try [store.pendingCount(.pending), store.pendingCount(.labelled), store.pendingCount(.expired)] == [
                2, 1, 2,
            ])
        #expect(try store.pendingBounds() == ["churn": 3_600_001, "fraud": 10])
        // The state check is two comparisons now: no ephemeral index in the insert program.
        let program = try store.connection.withStatement("EXPLAIN " + Schema.insertPendingPrediction) { statement in
            try statement.rows([]) { $0.string(at: 1) }
        }
        #expect(program.contains("Insert") || program.contains("IdxInsert"))
        #expect(!program.contains("OpenEphemeral"))
        #expect(throws: StoreError.self) {
            try store.connection.execute("UPDATE pending_predictions SET state = 3 WHERE id = 'a'")
        }
    }

    @Test func inMemoryStoreMigrates() throws {
        let store = try Store(path: ":memory:")
        #expect(try store.connection.userVersion() == 6)
        #expect(try store.windows().isEmpty)
    }

    @Test func reopeningDoesNotMigrateAgain() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("state.db")
        try Store(path: path).setMeta("kept", for: "marker")
        let store = try Store(path: path)
        #expect(try store.connection.userVersion() == 6)
        #expect(try store.meta("marker") == "kept")
    }

    @Test func newerSchemaIsRefusedWithBothVersions() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("future.db")
        do {
            let connection = try Connection(path: path, configuration: Store.Configuration())
            try connection.execute("CREATE TABLE from_the_future (x INTEGER); PRAGMA user_version = 99")
        }
        let error = try #require(throws: StoreError.self) { try Store(path: path) }
        #expect(error == .schemaTooNew(path: path, found: 99, supported: 6))
        #expect(error.description.contains("v99") && error.description.contains("up to v6"))
        // The refused file is untouched.
        let connection = try Connection(path: path, configuration: Store.Configuration(isReadOnly: true))
        #expect(try connection.userVersion() == 99)
    }

    @Test func readOnlyOpenOfAnOlderFileAsksForAMigration() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.db")
        do {
            // An empty file at v0: what a crash right after creation leaves.
            let connection = try Connection(path: path, configuration: Store.Configuration())
            try connection.execute("PRAGMA user_version = 0")
        }
        let error = try #require(throws: StoreError.self) {
            try Store(path: path, options: Store.Configuration(isReadOnly: true))
        }
        #expect(error == .schemaNeedsMigration(path: path, found: 0, supported: 6))
    }

    @Test func anotherProgramsDatabaseIsLeftAlone() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("other.db")
        do {
            let connection = try Connection(path: path, configuration: Store.Configuration())
            try connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
        }
        #expect(throws: StoreError.foreignDatabase(path: path)) { try Store(path: path) }
        let connection = try Connection(path: path, configuration: Store.Configuration())
        #expect(try connection.integer(Schema.countSchemaObjects) == 1)
    }

    @Test func failedMigrationLeavesTheFileAtItsPreviousVersion() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("clash.db")
        let connection = try Connection(path: path, configuration: Store.Configuration())
        // v2 adds a table and then clashes with v1's `windows`, so it fails half-way.
        let scripts = [Schema.createV1, "CREATE TABLE extra (x INTEGER); CREATE TABLE windows (x INTEGER)"]
        let error = try #require(throws: StoreError.self) {
            try Migrations.migrate(connection, isReadOnly: false, scripts: scripts)
        }
        guard case let .migrationFailed(errorPath, version, cause) = error else {
            Issue.record("expected migrationFailed, got \(error)")
            return
        }
        #expect(errorPath == path && version == 2)
        #expect(cause.description.contains("already exists"))
        #expect(try connection.userVersion() == 1, "v1 committed on its own")
        #expect(try connection.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'") == 0)
        #expect(!connection.isInTransaction)
    }
}
