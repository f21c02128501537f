/// The ordered schema migrations; `PRAGMA user_version` records how many a file has applied.
///
/// `scripts[i]` takes a file from schema v`i` to v`i + 1`. A released script is never edited: a schema
/// change appends a new script. Each migration runs in its own transaction together with the
/// `user_version` bump, so a crash leaves the file at a whole version.
enum Migrations {
    /// Migration scripts, oldest first.
    static let scripts: [String] = [
        Schema.createV1,
        Schema.createV2,
        Schema.createV3,
        Schema.createV4,
        Schema.createV5,
        Schema.createV6,
    ]

    /// The schema version this binary writes and reads.
    static var latestVersion: Int32 { Int32(scripts.count) }

    /// Brings the file behind `connection` up to the last version of `scripts`.
    ///
    /// A file at v0 must be empty: an SQLite file with tables but no version belongs to something else.
    /// - Parameter scripts: the migrations to apply; tests pass their own.
    /// - Throws: ``StoreError/schemaTooNew(path:found:supported:)`` when the file is newer than this
    ///   binary; ``StoreError/schemaNeedsMigration(path:found:supported:)`` when it is older but
    ///   `isReadOnly`; ``StoreError/foreignDatabase(path:)`` for a non-empty v0 file;
    ///   ``StoreError/migrationFailed(path:version:cause:)`` when a script fails.
    static func migrate(_ connection: Connection, isReadOnly: Bool, scripts: [String] = scripts) throws {
        let latest = Int32(scripts.count)
        let found = try connection.userVersion()
        try check(found, latest: latest, path: connection.path)
        guard found < latest else { return }
        if found == 0, try connection.integer(Schema.countSchemaObjects) > 0 {
            throw StoreError.foreignDatabase(path: connection.path)
        }
        guard !isReadOnly else {
            throw StoreError.schemaNeedsMigration(path: connection.path, found: found, supported: latest)
        }
        for version in (found + 1)...latest {
            try apply(version, script: scripts[Int(version) - 1], latest: latest, to: connection)
        }
    }

    private static func apply(_ version: Int32, script: String, latest: Int32, to connection: Connection) throws {
        do {
            try connection.transaction {
                // Another process may have migrated between our read and our write lock.
                let current = try connection.userVersion()
                try check(current, latest: latest, path: connection.path)
                guard current == version - 1 else { return }
                try connection.execute(script)
                try connection.execute(Schema.setUserVersion(version))
            }
        } catch let error as StoreError {
            if case .schemaTooNew = error { throw error }
            throw StoreError.migrationFailed(path: connection.path, version: version, cause: error)
        }
    }

    private static func check(_ found: Int32, latest: Int32, path: String) throws {
        if found > latest || found < 0 {
            throw StoreError.schemaTooNew(path: path, found: found, supported: latest)
        }
    }
}
