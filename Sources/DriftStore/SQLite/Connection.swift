import CSQLite

#if canImport(Glibc)
    import Glibc
#endif

/// One SQLite connection to a state file, owned by a single writer.
///
/// Opened without SQLite's own mutex (`SQLITE_OPEN_NOMUTEX`): the owner never shares it between
/// threads, which the non-`Sendable` class enforces. On open it applies, in this order: the busy
/// timeout; a header check (reading `user_version`, far cheaper than `quick_check`, and enough to
/// tell a non-database file apart); `page_size` and `auto_vacuum=INCREMENTAL` (only on a new, empty
/// file, before the first table, so that retention can give freed pages back); the journal mode; `synchronous`; `foreign_keys=ON`. Statements are prepared once and cached.
final class Connection {
    /// The path the connection was opened with (`:memory:` for an in-memory database).
    let path: String
    private let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    /// Opens (creating it unless `configuration.isReadOnly`) the database at `path`.
    /// - Throws: ``StoreError/cannotOpen(path:code:message:)``, ``StoreError/notADatabase(path:)``, or
    ///   ``StoreError/sqlite(path:sql:code:message:)`` when a pragma fails.
    init(path: String, configuration: Store.Configuration) throws {
        self.path = path
        let mode = configuration.isReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let flags = mode | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if !configuration.isReadOnly { Self.createPrivately(path) }
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw StoreError.cannotOpen(path: path, code: code, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        try configure(configuration)
    }

    /// Creates `path` empty with mode 0600 when it does not exist yet, so that SQLite — which would
    /// create it 0644 under the usual umask — opens a file only its owner can read. SQLite gives
    /// the `-wal` and `-shm` files the database file's mode. An existing file keeps its mode; a
    /// failure here (a missing directory) is left for `sqlite3_open_v2` to report precisely.
    private static func createPrivately(_ path: String) {
        guard !path.isEmpty, path != ":memory:" else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    deinit {
        // Finalize cached statements first; close_v2 then frees the handle (or defers until any
        // statement still referenced elsewhere is finalized).
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    private func configure(_ configuration: Store.Configuration) throws {
        sqlite3_busy_timeout(handle, configuration.busyTimeoutMilliseconds)
        do {
            _ = try userVersion()
        } catch let error as StoreError {
            if case let .sqlite(_, _, code, _) = error, code & 0xff == SQLITE_NOTADB {
                throw StoreError.notADatabase(path: path)
            }
            throw error
        }
        if !configuration.isReadOnly {
            if try integer(Schema.pageCount) == 0 {
                try execute(Schema.setPageSize(configuration.pageSize))
                try execute(Schema.setAutoVacuumIncremental)
            }
            // journal_mode answers with a row; an in-memory database keeps "memory" whatever is asked.
            _ = try text(Schema.setJournalMode(configuration.journalMode.rawValue))
        }
        try execute(Schema.setSynchronous(configuration.synchronous.rawValue))
        try execute(Schema.enableForeignKeys)
    }

    // MARK: Running SQL

    /// Runs one or more `;`-separated statements that return no rows worth reading.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            throw StoreError.sqlite(path: path, sql: sql, code: sqlite3_extended_errcode(handle), message: text)
        }
    }

    /// Prepares a new statement that the caller owns.
    func prepare(_ sql: String) throws -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            let message = String(cString: sqlite3_errmsg(handle))
            throw StoreError.sqlite(path: path, sql: sql, code: sqlite3_extended_errcode(handle), message: message)
        }
        return Statement(handle: statement, sql: sql, path: path)
    }

    /// Runs `body` with the cached statement for `sql` (prepared on first use), then resets it.
    @discardableResult
    func withStatement<T>(_ sql: String, _ body: (Statement) throws -> T) throws -> T {
        let statement: Statement
        if let cached = cache[sql] {
            statement = cached
        } else {
            statement = try prepare(sql)
            cache[sql] = statement
        }
        defer { statement.reset() }
        return try body(statement)
    }

    /// The first column of the first row of `sql`, as an integer (0 when there is no row).
    func integer(_ sql: String) throws -> Int64 {
        try withStatement(sql) { try $0.step() == .row ? $0.int64(at: 0) : 0 }
    }

    /// The first column of the first row of `sql`, as text ("" when there is no row).
    func text(_ sql: String) throws -> String {
        try withStatement(sql) { try $0.step() == .row ? $0.string(at: 0) : "" }
    }

    /// The schema version recorded in the file header (`PRAGMA user_version`).
    func userVersion() throws -> Int32 {
        Int32(truncatingIfNeeded: try integer(Schema.userVersion))
    }

    // MARK: Transactions

    /// Whether a transaction is open on this connection.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if `body` or the commit throws.
    ///
    /// `IMMEDIATE` takes the write lock up front, so a busy database fails at `BEGIN` (after the busy
    /// timeout) rather than half-way through the batch. Transactions do not nest.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        precondition(!isInTransaction, "Connection.transaction does not nest")
        try withStatement(Schema.beginImmediate) { _ = try $0.step() }
        do {
            let result = try body()
            try withStatement(Schema.commit) { _ = try $0.step() }
            return result
        } catch {
            // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL); keep the cause.
            if isInTransaction {
                try? withStatement(Schema.rollback) { _ = try $0.step() }
            }
            throw error
        }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … ROLLBACK`: what it changes is seen by `body` alone and
    /// then undone (a dry run). Transactions do not nest.
    func rolledBackTransaction<T>(_ body: () throws -> T) throws -> T {
        precondition(!isInTransaction, "Connection.rolledBackTransaction does not nest")
        try withStatement(Schema.beginImmediate) { _ = try $0.step() }
        defer {
            if isInTransaction { try? withStatement(Schema.rollback) { _ = try $0.step() } }
        }
        return try body()
    }
}
