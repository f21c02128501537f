/// Everything that can go wrong while opening, migrating, reading or writing a Driftwatch state file.
///
/// Each case carries the state file's path and, where SQLite reported the failure, the statement
/// that failed, SQLite's extended result code and its `sqlite3_errmsg` text. `description` says what
/// happened and what to do about it.
public enum StoreError: Error, Equatable, Sendable {
    /// The file could not be opened or created (missing directory, permissions, a directory in the way).
    case cannotOpen(path: String, code: Int32, message: String)
    /// The file exists but is not an SQLite database (its header does not match).
    case notADatabase(path: String)
    /// The file is an SQLite database with tables but no driftwatch schema version: another program's.
    case foreignDatabase(path: String)
    /// The file was written by a newer driftwatch whose schema this binary does not know.
    case schemaTooNew(path: String, found: Int32, supported: Int32)
    /// The file has an older schema and was opened read-only, so it cannot be migrated.
    case schemaNeedsMigration(path: String, found: Int32, supported: Int32)
    /// A schema migration failed; nothing of that migration was applied.
    indirect case migrationFailed(path: String, version: Int32, cause: StoreError)
    /// SQLite failed to prepare, bind or run a statement.
    case sqlite(path: String, sql: String, code: Int32, message: String)

    /// The broad kind of failure, for callers that react differently (retry when busy, stop when full).
    public enum Category: Sendable, Equatable {
        /// The disk holding the file is full.
        case diskFull
        /// The file or its directory is not writable.
        case readOnly
        /// Another connection holds a lock longer than the busy timeout.
        case busy
        /// The file's content is damaged or not a database.
        case corrupt
        /// The operating system reported an I/O error.
        case ioError
        /// The file could not be opened.
        case cannotOpen
        /// A write broke a schema constraint (a bug in the caller).
        case constraint
        /// The schema version does not match this binary.
        case schema
        /// Anything else.
        case other
    }

    /// The broad kind of this failure.
    public var category: Category {
        switch self {
        case .cannotOpen: .cannotOpen
        case .notADatabase: .corrupt
        case .foreignDatabase: .schema
        case .schemaTooNew, .schemaNeedsMigration: .schema
        case let .migrationFailed(_, _, cause): cause.category
        case let .sqlite(_, _, code, _): Self.category(ofSQLiteCode: code)
        }
    }

    /// Maps an SQLite (extended) result code to a category using its primary code (the low byte).
    static func category(ofSQLiteCode code: Int32) -> Category {
        switch code & 0xff {
        case 13: .diskFull  // SQLITE_FULL
        case 8, 3, 23: .readOnly  // SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH
        case 5, 6: .busy  // SQLITE_BUSY, SQLITE_LOCKED
        case 11, 26: .corrupt  // SQLITE_CORRUPT, SQLITE_NOTADB
        case 10: .ioError  // SQLITE_IOERR
        case 14: .cannotOpen  // SQLITE_CANTOPEN
        case 19: .constraint  // SQLITE_CONSTRAINT
        default: .other
        }
    }
}

extension StoreError: CustomStringConvertible {
    /// What happened and what to do, in one or two sentences.
    public var description: String {
        switch self {
        case let .cannotOpen(path, code, message):
            "Cannot open state file \(path) (\(message), SQLite code \(code)); check that its directory exists and is "
                + "writable by this user, or pass --state <path>."
        case let .notADatabase(path):
            "\(path) is not a driftwatch state file (not an SQLite database); pass the right --state path, "
                + "or move this file away to start a new state."
        case let .foreignDatabase(path):
            "\(path) is an SQLite database of another program (it has tables but no driftwatch schema version); "
                + "driftwatch leaves it untouched. Pass the right --state path."
        case let .schemaTooNew(path, found, supported):
            "State file \(path) has schema v\(found); this driftwatch reads up to v\(supported). "
                + "Upgrade driftwatch or pass --state <new file>."
        case let .schemaNeedsMigration(path, found, supported):
            "State file \(path) has schema v\(found) and needs migrating to v\(supported), but it was opened "
                + "read-only; run a writing command (e.g. `driftwatch status`) with write access first."
        case let .migrationFailed(path, version, cause):
            "Migrating state file \(path) to schema v\(version) failed and was rolled back: \(cause)"
        case let .sqlite(path, sql, code, message):
            Self.describe(path: path, sql: sql, code: code, message: message)
        }
    }

    private static func describe(path: String, sql: String, code: Int32, message: String) -> String {
        let statement = abbreviated(sql)
        return switch category(ofSQLiteCode: code) {
        case .diskFull:
            "The disk holding \(path) is full; free space and re-run — nothing committed was lost."
        case .readOnly:
            "State file \(path) is read-only (\(message)); check the permissions of the file and its directory "
                + "(WAL needs to create \(path)-wal and \(path)-shm), or run as its owner."
        case .busy:
            "State file \(path) stayed locked by another process past the busy timeout (\(message)); stop the "
                + "other driftwatch writing to it, or raise the busy timeout — nothing committed was lost."
        case .corrupt:
            "State file \(path) is damaged (\(message)); run `driftwatch check --state \(path)`, "
                + "or restore it from a backup."
        case .ioError:
            "An I/O error hit \(path) (\(message), SQLite code \(code)); check the disk and re-run — "
                + "nothing committed was lost."
        case .cannotOpen:
            "Cannot open \(path) or its journal (\(message)); check that the directory exists and is writable."
        case .constraint:
            "A write to \(path) broke a constraint (\(message)) in `\(statement)`; the whole batch was rolled "
                + "back. This is a bug in the caller: please report it."
        case .schema, .other:
            "SQLite failed on \(path) (\(message), code \(code)) while running `\(statement)`."
        }
    }

    /// The statement on one line, cut to 160 characters, for messages.
    private static func abbreviated(_ sql: String) -> String {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        let line = words.joined(separator: " ")
        return line.count <= 160 ? line : String(line.prefix(157)) + "..."
    }
}
