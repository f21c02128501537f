import Testing

@testable import DriftStore

struct MigrationTests {
    @Test func emptyFileMigratesToTheLatestVersion() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("state.db"))
        #expect(Store.supportedSchemaVersion == 4)
        #expect(try store.connection.userVersion() == 4)
        let tables = try store.connection.withStatement(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
        ) { try $0.rows([]) { $0.string(at: 0) } }
        #expect(
            tables == [
                "bad_line_samples", "baselines", "breakers", "decisions", "episodes", "hook_runs", "ingest_bad_lines",
                "ingest_files", "jobs", "label_counts", "label_watermarks", "meta", "pending_predictions",
                "waiting_labels", "window_bad_lines", "window_revisions", "window_scores", "windows",
            ])
    }

    @Test func inMemoryStoreMigrates() throws {
        let store = try Store(path: ":memory:")
        #expect(try store.connection.userVersion() == 4)
        #expect(try store.windows().isEmpty)
    }

    @Test func reopeningDoesNotMigrateAgain() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("state.db")
        try Store(path: path).setMeta("kept", for: "marker")
        let store = try Store(path: path)
        #expect(try store.connection.userVersion() == 4)
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
        #expect(error == .schemaTooNew(path: path, found: 99, supported: 4))
        #expect(error.description.contains("v99") && error.description.contains("up to v4"))
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
        #expect(error == .schemaNeedsMigration(path: path, found: 0, supported: 4))
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
