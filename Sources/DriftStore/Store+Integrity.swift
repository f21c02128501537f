extension Store {
    /// The SQLite result code of a damaged database (`SQLITE_CORRUPT`).
    static let corruptCode: Int32 = 11

    /// Verifies the whole file with SQLite's `PRAGMA integrity_check`: every page, b-tree,
    /// freelist and index, including tables no command happens to read.
    ///
    /// Reading commands notice a damaged page only when they touch it; `driftwatch check --state`
    /// calls this so that a damaged index or a table of decisions is found before it is needed.
    /// - Throws: ``StoreError/sqlite(path:sql:code:message:)`` with `SQLITE_CORRUPT` (category
    ///   ``StoreError/Category/corrupt``) listing up to 10 problems, or the error SQLite gave when
    ///   the damage stopped the check itself.
    /// - Complexity: O(file size).
    public func checkIntegrity() throws {
        let problems = try connection.withStatement(Schema.integrityCheck) { statement in
            try statement.rows([]) { $0.string(at: 0) }
        }
        guard problems != ["ok"] else { return }
        throw StoreError.sqlite(
            path: path, sql: Schema.integrityCheck, code: Self.corruptCode,
            message: problems.isEmpty ? "integrity_check returned nothing" : problems.joined(separator: "; "))
    }
}
