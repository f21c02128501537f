// DriftStore: the only module that speaks SQL.
//
// What belongs here: the SQLite connection (system libsqlite3 through CSQLite), the schema and its
// migrations, prepared statements, transactions and typed reads and writes of windows, profiles,
// scores, baselines, ingest checkpoints and bad-line samples. What does not: parsing, windowing,
// scoring or policy. Blobs are DriftCore codec bytes, passed through undecoded.

/// A Driftwatch state file: windows, scores, baselines and ingest checkpoints in SQLite.
///
/// One `Store` is the file's one writer. It is not `Sendable`: own it from one task or actor.
/// Every write of the ingest path goes through ``commit(_:)``, one transaction per batch, so a
/// crash at any instant leaves the file at the last whole batch. Statements are prepared once
/// and reused.
public final class Store {
    /// The schema version this binary reads and writes (`PRAGMA user_version`).
    public static let supportedSchemaVersion: Int32 = Migrations.latestVersion

    /// The path the store was opened with.
    public var path: String { connection.path }

    let connection: Connection
    let configuration: Configuration

    /// Opens the state file at `path` (`":memory:"` for a throwaway store), creating and migrating it
    /// unless `options.isReadOnly`.
    ///
    /// - Parameters:
    ///   - path: the state file; its directory must exist.
    ///   - options: pragmas, read-only mode and the bad-line sample cap.
    /// - Throws: ``StoreError/cannotOpen(path:code:message:)``, ``StoreError/notADatabase(path:)``,
    ///   ``StoreError/schemaTooNew(path:found:supported:)``, or another ``StoreError``.
    public init(path: String, options: Configuration = Configuration()) throws {
        options.validate()
        configuration = options
        connection = try Connection(path: path, configuration: options)
        try Migrations.migrate(connection, isReadOnly: options.isReadOnly)
    }

    /// Every model with stored windows or baselines, sorted.
    /// - Complexity: O(windows + baselines).
    public func models() throws -> [String] {
        try connection.withStatement(Schema.selectModels) { statement in
            try statement.rows([]) { $0.string(at: 0) }
        }
    }

    /// Line totals over all sources, and unusable lines by reason, for `driftwatch status`.
    /// - Complexity: O(sources × reasons).
    public func counters() throws -> StoreCounters {
        let totals = try connection.withStatement(Schema.selectTotalLines) { statement in
            try statement.rows([]) { ($0.int64(at: 0), $0.int64(at: 1)) }
        }
        let byReason = try connection.withStatement(Schema.selectBadLinesByReason) { statement in
            try statement.rows([]) { StoreCounters.ReasonCount(reason: $0.string(at: 0), count: $0.int64(at: 1)) }
        }
        let (lines, bad) = totals.first ?? (0, 0)
        return StoreCounters(totalLines: lines, badLines: bad, badLinesByReason: byReason)
    }

    /// The value stored under `key` in the `meta` table, if any.
    public func meta(_ key: String) throws -> String? {
        try connection.withStatement(Schema.selectMeta) { statement in
            try statement.rows([.text(key)]) { $0.string(at: 0) }.first
        }
    }

    /// Stores `value` under `key` in the `meta` table, replacing any previous value.
    public func setMeta(_ value: String, for key: String) throws {
        try connection.withStatement(Schema.upsertMeta) { try $0.run([.text(key), .text(value)]) }
    }
}
