/// SQL of delayed labels (schema v3; v6 rebuilt `pending_predictions`, see Schema+PendingCounts.swift):
/// predictions waiting for their label, labels waiting for their prediction, the labels credited to each window, its revisions, and the counters.
///
/// `pending_predictions` is keyed by the request id first (labels name only the id) and has no
/// foreign key to its window, so the aggregator can flush captured predictions before their window
/// is committed (bounded memory); a replayed line re-inserts nothing (`ON CONFLICT DO NOTHING`).
/// `pending_predictions.state`: 0 pending (no label yet), 1 labelled, 2 expired (its label never
/// came within `max_age`, or it was evicted by `max_pending`). Labelled and expired rows stay as
/// tombstones — so a second label for an id, or one after expiry, is recognised — until they are
/// two `max_age`s old or outnumber `max_pending`.
extension Schema {
    // MARK: Migration

    /// Schema v3: delayed labels.
    static let createV3 = """
        ALTER TABLE windows ADD COLUMN joined BLOB;  -- profile of the delayed labels credited to the window
        ALTER TABLE windows ADD COLUMN label_revision INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE window_revisions (
            model      TEXT    NOT NULL,
            version    TEXT    NOT NULL,
            start_ms   INTEGER NOT NULL,
            revision   INTEGER NOT NULL CHECK (revision >= 1),
            labels     INTEGER NOT NULL CHECK (labels >= 0),  -- labels credited by this revision
            revised_ms INTEGER NOT NULL,
            PRIMARY KEY (model, version, start_ms, revision),
            FOREIGN KEY (model, version, start_ms) REFERENCES windows (model, version, start_ms) ON DELETE CASCADE
        ) STRICT;
        CREATE TABLE pending_predictions (
            id         TEXT    NOT NULL,
            model      TEXT    NOT NULL,
            version    TEXT    NOT NULL,
            start_ms   INTEGER NOT NULL,  -- the window of the prediction (not a foreign key: rows may
                                          -- land before their window, see Store.insert(_:))
            event_ms   INTEGER NOT NULL,
            score      REAL,              -- a numeric prediction
            class      TEXT,              -- a class prediction
            state      INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
            PRIMARY KEY (id, model, version)
        ) STRICT, WITHOUT ROWID;  -- no secondary index: each would cost ~1.7 µs per prediction;
                                  -- the limits are enforced by scans, every max_pending/16 predictions
        CREATE TABLE waiting_labels (
            seq      INTEGER PRIMARY KEY,
            id       TEXT    NOT NULL,
            model    TEXT,               -- NULL: the label line named no model
            version  TEXT,               -- NULL: the label line named no version
            label    REAL,               -- a numeric (or boolean) label
            text     TEXT,               -- a class label
            event_ms INTEGER             -- the label's own time, when it had one
        ) STRICT;
        CREATE INDEX waiting_labels_by_id ON waiting_labels (id);
        CREATE TABLE label_watermarks (
            model    TEXT    NOT NULL PRIMARY KEY,
            event_ms INTEGER NOT NULL  -- the newest event time seen for the model
        ) STRICT;
        CREATE TABLE label_counts (
            model  TEXT    NOT NULL,  -- '' for labels matched to no model
            reason TEXT    NOT NULL,
            count  INTEGER NOT NULL CHECK (count >= 0),
            PRIMARY KEY (model, reason)
        ) STRICT;
        """

    // MARK: Pending predictions

    static let insertPendingPrediction = insertPendingPredictions(rows: 1)
    /// Rows per statement of ``Store/insert(_:)-(PendingPredictionRows)`` (one VDBE program, one
    /// cursor and one statement halt for this many rows; 1 for the rest of a model version's rows).
    static let pendingRowsPerInsert = 32
    static let insertPendingPredictionChunk = insertPendingPredictions(rows: pendingRowsPerInsert)
    /// Inserts `rows` pending predictions of one model version (`?1`, `?2`): row `r` binds its id,
    /// start, event time, score and class to `?(3 + 5r)` … `?(7 + 5r)`. Each row is inserted before
    /// the next is read, so a later row with the key of an earlier one is left out (first wins).
    ///
    /// `OR IGNORE` is there for speed, not for its meaning: with the default `ABORT`, a statement
    /// that writes several rows needs a statement journal (to undo its earlier rows should a later
    /// one fail a constraint), and that journal spilled to a temporary file past 64 KiB — ~7
    /// `pwrite`s per statement, 160,000 system calls per million lines. Nothing here can fail a
    /// constraint: the NOT NULL columns are always bound, every bind has its column's STRICT type,
    /// `state` takes its default, and key conflicts are `DO NOTHING` either way.
    static func insertPendingPredictions(rows: Int) -> String {
        let values = (0..<rows).map { row in
            let p = 3 + 5 * row
            return "(?1, ?2, ?\(p), ?\(p + 1), ?\(p + 2), ?\(p + 3), ?\(p + 4))"
        }
        return """
            INSERT OR IGNORE INTO pending_predictions (model, version, id, start_ms, event_ms, score, class)
            VALUES \(values.joined(separator: ", ")) ON CONFLICT (id, model, version) DO NOTHING
            """
    }
    static let selectPendingByID = """
        SELECT model, version, id, start_ms, event_ms, score, class, state FROM pending_predictions
        WHERE id = ?1 AND (?2 IS NULL OR model = ?2) AND (?3 IS NULL OR version = ?3)
        ORDER BY model, version
        """
    static let setPendingState = """
        UPDATE pending_predictions SET state = ?4 WHERE id = ?3 AND model = ?1 AND version = ?2
        """
    /// Expires the pending predictions of `?1` older than `?2`; then `countExpiredByModel` is not needed:
    /// the statement's changes are the count.
    static let expirePendingOlderThan = """
        UPDATE pending_predictions SET state = 2 WHERE state = 0 AND event_ms < ?2 AND model = ?1
        """
    /// The models of the `?1` oldest pending predictions, to count them before evicting.
    static let selectOldestPendingModels = """
        SELECT model, count(*) FROM
            (SELECT model FROM pending_predictions WHERE state = 0 ORDER BY event_ms, id LIMIT ?1)
        GROUP BY model ORDER BY model
        """
    static let evictOldestPending = """
        UPDATE pending_predictions SET state = 2 WHERE (id, model, version) IN
            (SELECT id, model, version FROM pending_predictions WHERE state = 0 ORDER BY event_ms, id LIMIT ?1)
        """
    /// The pending predictions of a model's windows starting in `[?2, ?3)` (NULL: open), for `--replace`.
    static let deletePendingOfWindows = """
        DELETE FROM pending_predictions
        WHERE model = ?1 AND (?2 IS NULL OR start_ms >= ?2) AND (?3 IS NULL OR start_ms < ?3)
        RETURNING state
        """
    static let purgeSettledOlderThan = """
        DELETE FROM pending_predictions WHERE state IN (1, 2) AND event_ms < ?2 AND model = ?1 RETURNING state
        """
    static let purgeOldestSettled = """
        DELETE FROM pending_predictions WHERE (id, model, version) IN
            (SELECT id, model, version FROM pending_predictions WHERE state IN (1, 2) ORDER BY event_ms, id LIMIT ?1)
        RETURNING state
        """

    // MARK: Waiting labels

    static let insertWaitingLabel = """
        INSERT INTO waiting_labels (id, model, version, label, text, event_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        """
    static let selectWaitingMatches = """
        SELECT w.seq, w.id, w.model, w.version, w.label, w.text, w.event_ms FROM waiting_labels w
        WHERE EXISTS (
            SELECT 1 FROM pending_predictions p
            WHERE p.id = w.id AND (w.model IS NULL OR p.model = w.model) AND (w.version IS NULL OR p.version = w.version))
        ORDER BY w.seq
        """
    static let selectAllWaiting = """
        SELECT seq, id, model, version, label, text, event_ms FROM waiting_labels ORDER BY seq
        """
    static let deleteWaitingLabel = "DELETE FROM waiting_labels WHERE seq = ?1"
    static let countWaitingLabels = "SELECT count(*) FROM waiting_labels"
    /// Waiting labels with a time older than `?1`.
    static let expireWaitingOlderThan = "DELETE FROM waiting_labels WHERE event_ms < ?1"
    static let evictOldestWaiting = """
        DELETE FROM waiting_labels WHERE seq IN (SELECT seq FROM waiting_labels ORDER BY seq LIMIT ?1)
        """

    // MARK: Watermarks, counters, revisions

    static let raiseWatermark = """
        INSERT INTO label_watermarks (model, event_ms) VALUES (?1, ?2)
        ON CONFLICT (model) DO UPDATE SET event_ms = max(event_ms, excluded.event_ms)
        """
    static let selectWatermarks = "SELECT model, event_ms FROM label_watermarks ORDER BY model"
    static let addLabelCount = """
        INSERT INTO label_counts (model, reason, count) VALUES (?1, ?2, ?3)
        ON CONFLICT (model, reason) DO UPDATE SET count = count + excluded.count
        """
    static let selectLabelCounts = "SELECT model, reason, count FROM label_counts ORDER BY model, reason"
    static let selectWindowLabels = """
        SELECT joined, label_revision FROM windows WHERE model = ?1 AND version = ?2 AND start_ms = ?3
        """
    static let updateWindowLabels = """
        UPDATE windows SET joined = ?4, label_revision = ?5 WHERE model = ?1 AND version = ?2 AND start_ms = ?3
        """
    static let insertWindowRevision = """
        INSERT INTO window_revisions (model, version, start_ms, revision, labels, revised_ms)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        """
    static let selectWindowRevisions = """
        SELECT revision, labels, revised_ms FROM window_revisions
        WHERE model = ?1 AND version = ?2 AND start_ms = ?3 ORDER BY revision
        """
}

extension Schema {
    /// The first window start of a model version (the primary key's prefix answers it).
    static let selectFirstWindowStart = "SELECT min(start_ms) FROM windows WHERE model = ?1 AND version = ?2"
}
