import Glibc
import Testing

@testable import DriftStore

struct ConnectionTests {
    @Test func newFileGetsWALAndEightKiBPages() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("state.db")
        do {
            let store = try Store(path: path)
            #expect(try store.connection.text(Schema.journalMode) == "wal")
        }
        // Reopen: both settings are properties of the file, not of the connection.
        let reopened = try Store(path: path)
        #expect(try reopened.connection.integer(Schema.pageSize) == 8192)
        #expect(try reopened.connection.text(Schema.journalMode) == "wal")
        #expect(try reopened.connection.integer("PRAGMA synchronous") == 1)  // NORMAL
        #expect(try reopened.connection.integer("PRAGMA foreign_keys") == 1)
        #expect(try reopened.connection.integer("PRAGMA busy_timeout") == 5000)
    }

    @Test func configuredPragmasAreApplied() throws {
        let dir = TemporaryDirectory()
        let options = Store.Configuration(
            journalMode: .delete, synchronous: .full, busyTimeoutMilliseconds: 250, pageSize: 4096)
        let store = try Store(path: dir.file("state.db"), options: options)
        #expect(try store.connection.text(Schema.journalMode) == "delete")
        #expect(try store.connection.integer("PRAGMA synchronous") == 2)  // FULL
        #expect(try store.connection.integer("PRAGMA busy_timeout") == 250)
        #expect(try store.connection.integer(Schema.pageSize) == 4096)
    }

    @Test func pageSizeIsNotChangedOnAnExistingFile() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("state.db")
        _ = try Store(path: path, options: Store.Configuration(pageSize: 4096))
        let reopened = try Store(path: path)  // asks for 8192
        #expect(try reopened.connection.integer(Schema.pageSize) == 4096)
    }

    @Test func statementRoundTripsEveryStorageClass() throws {
        let connection = try Connection(path: ":memory:", configuration: Store.Configuration())
        try connection.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n ANY) STRICT")
        let text = "a\u{0}b — ünïcödé 🚀"
        let blob: [UInt8] = [0, 1, 0, 255, 0]
        let insert = try connection.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        try insert.bind(Int64.min, at: 1)
        try insert.bind(-0.125, at: 2)
        try insert.bind(text, at: 3)
        try insert.bind(blob, at: 4)
        try insert.bindNull(at: 5)
        #expect(try insert.step() == .done)
        insert.reset()
        try insert.run([.integer(Int64.max), .real(.infinity), .text(""), .blob([]), .real(Double.nan)])

        let select = try connection.prepare("SELECT i, r, s, b, n, typeof(s), typeof(b) FROM t ORDER BY i")
        #expect(try select.step() == .row)
        #expect(select.int64(at: 0) == Int64.min)
        #expect(select.double(at: 1) == -0.125)
        #expect(select.string(at: 2) == text)
        #expect(select.string(at: 2).utf8.count == text.utf8.count)
        #expect(select.bytes(at: 3) == blob)
        #expect(select.isNull(at: 4))
        #expect(try select.step() == .row)
        #expect(select.int64(at: 0) == Int64.max)
        #expect(select.double(at: 1) == .infinity)
        #expect(select.string(at: 2) == "")
        #expect(select.bytes(at: 3) == [])
        #expect(select.isNull(at: 4), "NaN binds as NULL")
        #expect(select.string(at: 5) == "text", "an empty string stays text, not NULL")
        #expect(select.string(at: 6) == "blob", "an empty array stays a blob, not NULL")
        #expect(try select.step() == .done)
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        let connection = try Connection(path: ":memory:", configuration: Store.Configuration())
        try connection.execute("CREATE TABLE t (x INTEGER NOT NULL) STRICT")
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Abort()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.integer("SELECT count(*) FROM t") == 0)
        try connection.transaction { try connection.execute("INSERT INTO t VALUES (2)") }
        #expect(try connection.integer("SELECT sum(x) FROM t") == 2)
    }

    @Test func cachedStatementsAreReused() throws {
        let connection = try Connection(path: ":memory:", configuration: Store.Configuration())
        for expected in 1...3 {
            let value = try connection.withStatement("SELECT ?1 + 1") { statement in
                try statement.rows([.integer(Int64(expected))]) { $0.int64(at: 0) }
            }
            #expect(value == [Int64(expected) + 1])
        }
    }

    @Test func textFileIsNotADatabase() throws {
        let dir = TemporaryDirectory()
        let path = dir.write(
            Array("{\"ts\": 1, \"model\": \"fraud\"}\nthis is a log, not a database\n".utf8), to: "log.db")
        #expect(throws: StoreError.notADatabase(path: path)) { try Store(path: path) }
        #expect(throws: StoreError.notADatabase(path: path)) {
            try Store(path: path, options: Store.Configuration(isReadOnly: true))
        }
        let tiny = dir.write(Array("hi".utf8), to: "tiny.db")  // shorter than an SQLite header
        #expect(throws: StoreError.notADatabase(path: tiny)) { try Store(path: tiny) }
        let message = StoreError.notADatabase(path: path).description
        #expect(message.contains(path) && message.contains("not an SQLite database"))
    }

    @Test func missingDirectoryGivesCannotOpen() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("no/such/dir/state.db")
        let error = try #require(throws: StoreError.self) { try Store(path: path) }
        guard case let .cannotOpen(errorPath, code, _) = error else {
            Issue.record("expected cannotOpen, got \(error)")
            return
        }
        #expect(errorPath == path)
        #expect(code == 14)  // SQLITE_CANTOPEN
        #expect(error.category == .cannotOpen)
        #expect(error.description.contains("check that its directory exists and is writable"))
    }

    @Test func readOnlyOpenOfMissingFileGivesCannotOpen() throws {
        let dir = TemporaryDirectory()
        let error = try #require(throws: StoreError.self) {
            try Store(path: dir.file("absent.db"), options: Store.Configuration(isReadOnly: true))
        }
        #expect(error.category == .cannotOpen)
    }

    @Test func writingThroughAReadOnlyStoreSaysReadOnly() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("state.db")
        _ = try Store(path: path)
        let store = try Store(path: path, options: Store.Configuration(isReadOnly: true))
        let error = try #require(throws: StoreError.self) { try store.setMeta("1", for: "k") }
        #expect(error.category == .readOnly, "\(error)")
        #expect(error.description.contains("read-only"))
        #expect(try store.meta("k") == nil)
    }

    // Root ignores directory permissions, so this case cannot fail as root and is skipped there.
    @Test(.enabled(if: geteuid() != 0, "running as root: chmod 0500 does not block root"))
    func unwritableDirectoryGivesAClearError() throws {
        let dir = TemporaryDirectory()
        let locked = dir.file("locked")
        #expect(mkdir(locked, 0o500) == 0)
        defer { chmod(locked, 0o700) }
        let error = try #require(throws: StoreError.self) { try Store(path: locked + "/state.db") }
        #expect(error.category == .cannotOpen || error.category == .readOnly, "\(error)")
        #expect(error.description.contains(locked + "/state.db"))
    }
}
