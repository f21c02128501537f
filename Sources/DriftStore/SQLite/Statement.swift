import CSQLite

/// A value bound to a statement parameter: the five storage classes of SQLite.
enum SQLiteValue: Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null
}

/// One prepared SQLite statement: bind by index, step, read typed columns, reset.
///
/// A statement is a resource (it is finalized on `deinit`), prepared once by ``Connection`` and reused.
/// Parameter and column indices follow SQLite: parameters count from 1, columns from 0.
/// Strings are bound and read with explicit byte lengths, so embedded NUL bytes survive; an empty
/// `[UInt8]` is stored as an empty blob, never as NULL. NaN binds as NULL (SQLite has no NaN).
final class Statement {
    /// What one call to ``step()`` produced.
    enum Step: Equatable {
        /// A result row is available through the column getters.
        case row
        /// The statement has run to completion.
        case done
    }

    /// The SQL this statement was prepared from, for error messages.
    let sql: String
    private let path: String
    private let handle: OpaquePointer

    init(handle: OpaquePointer, sql: String, path: String) {
        self.handle = handle
        self.sql = sql
        self.path = path
    }

    deinit {
        sqlite3_finalize(handle)
    }

    // MARK: Binding

    /// Binds a 64-bit integer to parameter `index` (1-based).
    func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a double to parameter `index`; NaN is stored as NULL.
    func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds a string's UTF-8 bytes (copied) to parameter `index`.
    func bind(_ value: String, at index: Int32) throws {
        var copy = value
        let code = copy.withUTF8 { utf8 -> Int32 in
            guard let base = utf8.baseAddress, utf8.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
                sqlite3_bind_text64(handle, index, chars, UInt64(utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            }
        }
        try check(code)
    }

    /// Binds UTF-8 bytes to parameter `index` without copying them (`SQLITE_STATIC`).
    ///
    /// Lifetime rule: SQLite keeps the pointer, not the bytes. The memory must stay valid and
    /// unchanged until the parameter is bound again or the bindings are cleared — every step that
    /// reads the parameter comes before that. ``Connection/withStatement(_:_:)`` clears the
    /// bindings when its body returns, so binding from memory that outlives the body (e.g. inside
    /// `withUnsafeBytes` around the whole `withStatement` call) is safe. Empty text is copied.
    func bindText(_ bytes: UnsafeRawBufferPointer, at index: Int32) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            try check(sqlite3_bind_text(handle, index, "", 0, Self.transient))
            return
        }
        try check(
            sqlite3_bind_text64(
                handle, index, base.assumingMemoryBound(to: CChar.self), UInt64(bytes.count), nil, UInt8(SQLITE_UTF8)))
    }

    /// Binds bytes (copied) as a blob to parameter `index`; an empty array binds an empty blob.
    func bind(_ value: [UInt8], at index: Int32) throws {
        let code = value.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.baseAddress, raw.count > 0 else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return sqlite3_bind_blob64(handle, index, base, UInt64(raw.count), Self.transient)
        }
        try check(code)
    }

    /// Binds NULL to parameter `index`.
    func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds `value` to parameter `index` by its storage class.
    func bind(_ value: SQLiteValue, at index: Int32) throws {
        switch value {
        case let .integer(v): try bind(v, at: index)
        case let .real(v): try bind(v, at: index)
        case let .text(v): try bind(v, at: index)
        case let .blob(v): try bind(v, at: index)
        case .null: try bindNull(at: index)
        }
    }

    /// Binds `values` to parameters 1, 2, … in order.
    func bind(_ values: [SQLiteValue]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    // MARK: Running

    /// Advances to the next row, or reports that the statement is done.
    /// - Throws: ``StoreError/sqlite(path:sql:code:message:)`` with the extended result code.
    func step() throws -> Step {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return .row
        case SQLITE_DONE: return .done
        default: throw error(code)
        }
    }

    /// Sets every parameter to NULL (as after preparing), keeping the statement's position.
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Rewinds the statement and clears its bindings so it can be reused.
    func reset() {
        // The return value repeats the last step's error, which `step()` already threw.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds `values`, steps to completion, resets, and returns the number of rows changed.
    @discardableResult
    func run(_ values: [SQLiteValue]) throws -> Int {
        defer { reset() }
        try bind(values)
        while try step() == .row {}
        return Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    /// Calls `bind` to bind the parameters, steps to completion, rewinds, and returns the number of
    /// rows changed: for hot loops, where building a `[SQLiteValue]` per row would cost more than
    /// the binding. The bindings are kept (not cleared), so SQLite reuses their buffers: `bind`
    /// must bind every parameter, NULLs included.
    @discardableResult
    func run(binding bind: (Statement) throws -> Void) throws -> Int {
        defer { sqlite3_reset(handle) }
        try bind(self)
        while try step() == .row {}
        return Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    /// Binds `values`, maps every result row with `transform`, and resets.
    /// - Complexity: O(rows).
    func rows<T>(_ values: [SQLiteValue], _ transform: (Statement) throws -> T) throws -> [T] {
        defer { reset() }
        try bind(values)
        var result: [T] = []
        while try step() == .row {
            result.append(try transform(self))
        }
        return result
    }

    // MARK: Columns

    /// Whether column `index` (0-based) of the current row is NULL.
    func isNull(at index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Column `index` as a 64-bit integer (NULL reads as 0).
    func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Column `index` as a double (NULL reads as 0).
    func double(at index: Int32) -> Double {
        sqlite3_column_double(handle, index)
    }

    /// Column `index` as a double, or `nil` when NULL.
    func optionalDouble(at index: Int32) -> Double? {
        isNull(at: index) ? nil : double(at: index)
    }

    /// Column `index` as a string, decoded from its UTF-8 bytes (NULL reads as "").
    func string(at index: Int32) -> String {
        guard let text = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Column `index` as a string, or `nil` when NULL.
    func optionalString(at index: Int32) -> String? {
        isNull(at: index) ? nil : string(at: index)
    }

    /// Column `index` as bytes (NULL and the empty blob both read as `[]`).
    func bytes(at index: Int32) -> [UInt8] {
        guard let blob = sqlite3_column_blob(handle, index) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, index))
        return [UInt8](UnsafeRawBufferPointer(start: blob, count: count))
    }

    // MARK: Errors

    private func check(_ code: Int32) throws {
        if code != SQLITE_OK { throw error(code) }
    }

    private func error(_ code: Int32) -> StoreError {
        let db = sqlite3_db_handle(handle)
        let extended = db.map { sqlite3_extended_errcode($0) } ?? code
        let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown error"
        return .sqlite(path: path, sql: sql, code: extended, message: message)
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the bind call returns.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}
