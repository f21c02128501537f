/// Every SQL statement DriftStore runs, as named constants.
///
/// Times are `INTEGER` epoch milliseconds (UTC). Blobs are DriftCore codec bytes that the store
/// never decodes. `UInt64` values (device, inode, tail hash) are stored as their `Int64` bit pattern.
/// Tables are `STRICT` (SQLite ≥ 3.37), so a wrongly typed value fails at write time.
/// Column lists of the `select*` constants are the order the row decoders in `Store+*.swift` read.
enum Schema {
    // MARK: Pragmas and transactions

    static let userVersion = "PRAGMA user_version"
    static func setUserVersion(_ version: Int32) -> String { "PRAGMA user_version = \(version)" }
    static let pageCount = "PRAGMA page_count"
    static let pageSize = "PRAGMA page_size"
    static func setPageSize(_ bytes: Int) -> String { "PRAGMA page_size = \(bytes)" }
    static let journalMode = "PRAGMA journal_mode"
    static func setJournalMode(_ mode: String) -> String { "PRAGMA journal_mode = \(mode)" }
    static func setSynchronous(_ level: String) -> String { "PRAGMA synchronous = \(level)" }
    static let enableForeignKeys = "PRAGMA foreign_keys = ON"
    /// Turns the evaluation of CHECK constraints off (`true`) or back on, for this connection.
    static func ignoreCheckConstraints(_ ignore: Bool) -> String {
        "PRAGMA ignore_check_constraints = \(ignore ? "ON" : "OFF")"
    }
    /// Every page, b-tree, freelist and index of the file; at most 10 problems, "ok" when none.
    static let integrityCheck = "PRAGMA integrity_check(10)"
    static let countSchemaObjects = "SELECT count(*) FROM sqlite_schema"
    static let beginImmediate = "BEGIN IMMEDIATE"
    static let commit = "COMMIT"
    static let rollback = "ROLLBACK"

    // MARK: Migrations

    /// Schema v1: windows with their bad-line counts and scores, baselines, ingest checkpoints,
    /// bad-line counters and samples, and a key-value table.
    static let createV1 = """
        CREATE TABLE windows (
            model      TEXT    NOT NULL,
            version    TEXT    NOT NULL,
            start_ms   INTEGER NOT NULL,
            end_ms     INTEGER NOT NULL,
            rows       INTEGER NOT NULL CHECK (rows >= 0),
            late_rows  INTEGER NOT NULL CHECK (late_rows >= 0),
            profile    BLOB    NOT NULL,
            updated_ms INTEGER NOT NULL,
            PRIMARY KEY (model, version, start_ms),
            CHECK (end_ms > start_ms)
        ) STRICT;
        CREATE TABLE window_bad_lines (
            model    TEXT    NOT NULL,
            version  TEXT    NOT NULL,
            start_ms INTEGER NOT NULL,
            reason   TEXT    NOT NULL,
            count    INTEGER NOT NULL CHECK (count >= 0),
            PRIMARY KEY (model, version, start_ms, reason),
            FOREIGN KEY (model, version, start_ms) REFERENCES windows (model, version, start_ms) ON DELETE CASCADE
        ) STRICT;
        CREATE TABLE window_scores (
            model      TEXT    NOT NULL,
            version    TEXT    NOT NULL,
            start_ms   INTEGER NOT NULL,
            feature    TEXT    NOT NULL,
            kind       TEXT    NOT NULL,
            test       TEXT    NOT NULL,
            value      REAL,  -- NULL stands for NaN
            threshold  REAL,  -- NULL stands for NaN
            p_value    REAL,  -- NULL when the test has no p-value
            verdict    TEXT    NOT NULL,
            is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
            PRIMARY KEY (model, version, start_ms, feature, test),
            FOREIGN KEY (model, version, start_ms) REFERENCES windows (model, version, start_ms) ON DELETE CASCADE
        ) STRICT;
        CREATE TABLE baselines (
            model      TEXT    NOT NULL,
            version    TEXT    NOT NULL,
            created_ms INTEGER NOT NULL,
            source     TEXT    NOT NULL,
            sha256     TEXT    NOT NULL,
            profile    BLOB    NOT NULL,
            document   TEXT    NOT NULL,  -- the JSON export
            PRIMARY KEY (model, version)
        ) STRICT;
        CREATE INDEX baselines_by_model_created ON baselines (model, created_ms);
        CREATE TABLE ingest_files (
            id          INTEGER PRIMARY KEY,
            path        TEXT    NOT NULL,
            device      INTEGER NOT NULL,
            inode       INTEGER NOT NULL,
            fingerprint TEXT    NOT NULL UNIQUE,  -- hash of the first bytes, from the caller
            size        INTEGER NOT NULL CHECK (size >= 0),
            offset      INTEGER NOT NULL CHECK (offset >= 0),  -- bytes fully ingested
            tail_hash   INTEGER NOT NULL,  -- hash of the bytes just before offset
            lines       INTEGER NOT NULL CHECK (lines >= 0),
            bad_lines   INTEGER NOT NULL CHECK (bad_lines >= 0),
            updated_ms  INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE ingest_bad_lines (
            file_id INTEGER NOT NULL REFERENCES ingest_files (id) ON DELETE CASCADE,
            reason  TEXT    NOT NULL,
            count   INTEGER NOT NULL CHECK (count >= 0),
            PRIMARY KEY (file_id, reason)
        ) STRICT;
        CREATE TABLE bad_line_samples (
            id         INTEGER PRIMARY KEY,
            path       TEXT    NOT NULL,
            line       INTEGER NOT NULL,
            reason     TEXT    NOT NULL,
            field      TEXT,
            excerpt    BLOB    NOT NULL CHECK (length(excerpt) <= 120),
            created_ms INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX bad_line_samples_by_path_reason ON bad_line_samples (path, reason);
        CREATE TABLE meta (
            key   TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        """

    // MARK: Windows

    static let upsertWindow = """
        INSERT INTO windows (model, version, start_ms, end_ms, rows, late_rows, profile, updated_ms)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT (model, version, start_ms) DO UPDATE SET
            end_ms = excluded.end_ms, rows = excluded.rows, late_rows = excluded.late_rows,
            profile = excluded.profile, updated_ms = excluded.updated_ms
        """
    static let addWindowBadLines = """
        INSERT INTO window_bad_lines (model, version, start_ms, reason, count) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (model, version, start_ms, reason) DO UPDATE SET count = count + excluded.count
        """
    static let deleteWindowScores = "DELETE FROM window_scores WHERE model = ?1 AND version = ?2 AND start_ms = ?3"
    static let insertWindowScore = """
        INSERT INTO window_scores
            (model, version, start_ms, feature, kind, test, value, threshold, p_value, verdict, is_primary,
             threshold_source)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
        """
    private static let windowColumns = """
        model, version, start_ms, end_ms, rows, late_rows, profile, updated_ms, joined, label_revision
        """
    /// Bounds are on `start_ms`, half-open `[since, until)`; a NULL bound is open.
    static let selectWindows = """
        SELECT \(windowColumns) FROM windows
        WHERE (?1 IS NULL OR model = ?1) AND (?2 IS NULL OR start_ms >= ?2) AND (?3 IS NULL OR start_ms < ?3)
        ORDER BY model, version, start_ms
        """
    static let selectWindow = """
        SELECT \(windowColumns) FROM windows WHERE model = ?1 AND version = ?2 AND start_ms = ?3
        """
    static let deleteWindows = """
        DELETE FROM windows
        WHERE model = ?1 AND (?2 IS NULL OR start_ms >= ?2) AND (?3 IS NULL OR start_ms < ?3)
        """
    static let selectWindowScores = """
        SELECT model, version, start_ms, feature, kind, test, value, threshold, p_value, verdict, is_primary,
            threshold_source
        FROM window_scores WHERE model = ?1 AND version = ?2 AND start_ms = ?3
        ORDER BY feature, test
        """
    static let selectWindowBadLines = """
        SELECT model, version, start_ms, reason, count FROM window_bad_lines
        WHERE model = ?1 AND version = ?2 AND start_ms = ?3 ORDER BY reason
        """
    static let selectModels = "SELECT model FROM windows UNION SELECT model FROM baselines ORDER BY model"

    // MARK: Baselines

    private static let baselineColumns = "model, version, created_ms, source, sha256, profile, document"
    static let upsertBaseline = """
        INSERT INTO baselines (\(baselineColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT (model, version) DO UPDATE SET
            created_ms = excluded.created_ms, source = excluded.source, sha256 = excluded.sha256,
            profile = excluded.profile, document = excluded.document
        """
    static let selectBaseline = "SELECT \(baselineColumns) FROM baselines WHERE model = ?1 AND version = ?2"
    /// The current baseline of a model is the one created last (ties: the one written last).
    static let selectCurrentBaseline = """
        SELECT \(baselineColumns) FROM baselines WHERE model = ?1 ORDER BY created_ms DESC, rowid DESC LIMIT 1
        """
    static let selectBaselines = "SELECT \(baselineColumns) FROM baselines ORDER BY model, created_ms, version"

    // MARK: Ingest

    private static let ingestFileColumns = """
        path, device, inode, fingerprint, size, offset, tail_hash, lines, bad_lines, updated_ms
        """
    static let upsertIngestFile = """
        INSERT INTO ingest_files (\(ingestFileColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        ON CONFLICT (fingerprint) DO UPDATE SET
            path = excluded.path, device = excluded.device, inode = excluded.inode, size = excluded.size,
            offset = excluded.offset, tail_hash = excluded.tail_hash, lines = excluded.lines,
            bad_lines = excluded.bad_lines, updated_ms = excluded.updated_ms
        """
    static let selectIngestFile = "SELECT \(ingestFileColumns) FROM ingest_files WHERE fingerprint = ?1"
    static let selectIngestFiles = "SELECT \(ingestFileColumns) FROM ingest_files ORDER BY path, fingerprint"
    /// An unknown fingerprint yields a NULL `file_id`, which the NOT NULL constraint rejects.
    static let addIngestBadLines = """
        INSERT INTO ingest_bad_lines (file_id, reason, count)
        VALUES ((SELECT id FROM ingest_files WHERE fingerprint = ?1), ?2, ?3)
        ON CONFLICT (file_id, reason) DO UPDATE SET count = count + excluded.count
        """
    static let selectIngestBadLines = """
        SELECT f.fingerprint, b.reason, b.count FROM ingest_bad_lines b JOIN ingest_files f ON f.id = b.file_id
        WHERE f.fingerprint = ?1 ORDER BY b.reason
        """
    /// Inserts a sample only while its (path, reason) has fewer than `?7` samples: the cap lives here.
    static let insertBadLineSample = """
        INSERT INTO bad_line_samples (path, line, reason, field, excerpt, created_ms)
        SELECT ?1, ?2, ?3, ?4, ?5, ?6
        WHERE (SELECT count(*) FROM bad_line_samples WHERE path = ?1 AND reason = ?3) < ?7
        """
    static let selectBadLineSamples = """
        SELECT path, line, reason, field, excerpt, created_ms FROM bad_line_samples
        WHERE (?1 IS NULL OR path = ?1) AND (?2 IS NULL OR reason = ?2)
        ORDER BY path, reason, line, id
        """
    /// Every source file's counters with the sum of its per-reason bad-line counts.
    static let selectIngestFileTallies = """
        SELECT f.path, f.fingerprint, f.lines, f.bad_lines,
            coalesce((SELECT sum(b.count) FROM ingest_bad_lines b WHERE b.file_id = f.id), 0)
        FROM ingest_files f ORDER BY f.path, f.fingerprint
        """
    static let selectTotalLines = "SELECT coalesce(sum(lines), 0), coalesce(sum(bad_lines), 0) FROM ingest_files"
    static let selectBadLinesByReason = """
        SELECT reason, sum(count) FROM ingest_bad_lines GROUP BY reason ORDER BY reason
        """

    // MARK: Meta

    static let upsertMeta = """
        INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """
    static let selectMeta = "SELECT value FROM meta WHERE key = ?1"
}
