import Testing

@testable import DriftStore

struct MigrationTests {
    @Test func emptyFileMigratesToVersionOne() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("state.db"))
        #expect(Store.supportedSchemaVersion == 1)
        #expect(try store.connection.userVersion() == 1)
        let tables = try store.connection.withStatement(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
        ) { try $0.rows([]) { $0.string(at: 0) } }
        #expect(
            tables == [
                "bad_line_samples", "baselines", "ingest_bad_lines", "ingest_files", "meta", "window_bad_lines",
                "window_scores", "windows",
            ])
    }

    @Test func inMemoryStoreMigrates() throws {
        let store = try Store(path: ":memory:")
        #expect(try store.connection.userVersion() == 1)
        #expect(try store.windows().isEmpty)
    }

    @Test func reopeningDoesNotMigrateAgain() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("state.db")
        try Store(path: path).setMeta("kept", for: "marker")
        let store = try Store(path: path)
        #expect(try store.connection.userVersion() == 1)
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
        #expect(error == .schemaTooNew(path: path, found: 99, supported: 1))
        #expect(error.description.contains("v99") && error.description.contains("up to v1"))
        // The refused file is untouched.
        let connection = try Connection(path: path, configuration: Store.Configuration(isReadOnly: true))
        #expect(try connection.userVersion() == 99)
    }

    @Test func readOnlyOpenOfAnOlderFileAsksForAMigration() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.db")
        do {
            let connection = try Connection(path: path, configuration: Store.Configuration())
            try connection.execute("CREATE TABLE placeholder (x INTEGER)")
        }
        let error = try #require(throws: StoreError.self) {
            try Store(path: path, options: Store.Configuration(isReadOnly: true))
        }
        #expect(error == .schemaNeedsMigration(path: path, found: 0, supported: 1))
    }

    @Test func failedMigrationLeavesTheFileAtItsOldVersion() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("clash.db")
        do {
            // A table named like one of v1's makes the v1 script fail half-way.
            let connection = try Connection(path: path, configuration: Store.Configuration())
            try connection.execute("CREATE TABLE meta (x INTEGER)")
        }
        let error = try #require(throws: StoreError.self) { try Store(path: path) }
        guard case let .migrationFailed(errorPath, version, cause) = error else {
            Issue.record("expected migrationFailed, got \(error)")
            return
        }
        #expect(errorPath == path && version == 1)
        #expect(cause.description.contains("already exists"))
        let connection = try Connection(path: path, configuration: Store.Configuration())
        #expect(try connection.userVersion() == 0)
        #expect(try connection.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'windows'") == 0)
    }
}
