/// SQL of schema v6: pending predictions with a cheap state check, running counts, age bounds.
///
/// v3 wrote the state check as `CHECK (state IN (0, 1, 2))`, which SQLite 3.40 compiles into a
/// fresh ephemeral index per inserted row (~30,000 instructions); `BETWEEN` is two comparisons.
/// `pending_counts` keeps how many rows are in each state and `pending_bounds` a lower bound of
/// each model's event times (both updated by the store in the transaction that changes the rows),
/// so enforcing the limits costs nothing while no prediction can be due to expire or be evicted.
/// Expiring, evicting and purging still scan the table when they have work; an index on
/// (state, event_ms) would let them walk only the rows they change, but measured in both
/// placements (up front, or created the first time the limits had work) it cost more than it
/// saved: ~5,400 instructions per inserted prediction, and at 1M lines with `max_pending` =
/// 100,000 (eviction every commit) 7.7 CPU s and 55 MiB against 6.8 s and 44 MiB with the scans.
extension Schema {
    // MARK: Migration

    /// Schema v6: `pending_predictions` rebuilt (rows kept), `pending_counts`, `pending_bounds`.
    static let createV6 = """
        CREATE TABLE pending_predictions_v6 (
            id         TEXT    NOT NULL,
            model      TEXT    NOT NULL,
            version    TEXT    NOT NULL,
            start_ms   INTEGER NOT NULL,  -- the window of the prediction (not a foreign key: rows may
                                          -- land before their window, see Store.insert(_:))
            event_ms   INTEGER NOT NULL,
            score      REAL,              -- a numeric prediction
            class      TEXT,              -- a class prediction
            state      INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 2),
            PRIMARY KEY (id, model, version)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO pending_predictions_v6 (id, model, version, start_ms, event_ms, score, class, state)
            SELECT id, model, version, start_ms, event_ms, score, class, state FROM pending_predictions;
        DROP TABLE pending_predictions;
        ALTER TABLE pending_predictions_v6 RENAME TO pending_predictions;
        CREATE TABLE pending_counts (
            state INTEGER NOT NULL PRIMARY KEY CHECK (state BETWEEN 0 AND 2),
            count INTEGER NOT NULL CHECK (count >= 0)
        ) STRICT;
        WITH states (state) AS (VALUES (0), (1), (2))
        INSERT INTO pending_counts (state, count)
            SELECT state, (SELECT count(*) FROM pending_predictions p WHERE p.state = states.state) FROM states;
        CREATE TABLE pending_bounds (
            model     TEXT    NOT NULL PRIMARY KEY,
            oldest_ms INTEGER NOT NULL  -- no stored prediction of the model is older (lowered, never raised)
        ) STRICT;
        INSERT INTO pending_bounds (model, oldest_ms)
            SELECT model, min(event_ms) FROM pending_predictions GROUP BY model;
        """

    static let lowerPendingBound = """
        INSERT INTO pending_bounds (model, oldest_ms) VALUES (?1, ?2)
        ON CONFLICT (model) DO UPDATE SET oldest_ms = min(oldest_ms, excluded.oldest_ms)
        """
    static let selectPendingBounds = "SELECT model, oldest_ms FROM pending_bounds ORDER BY model"

    // MARK: Counts

    static let selectPendingCount = "SELECT count FROM pending_counts WHERE state = ?1"
    static let addPendingCount = "UPDATE pending_counts SET count = count + ?2 WHERE state = ?1"
    /// The state of one stored prediction (before changing it, to move its count).
    static let selectPendingState = """
        SELECT state FROM pending_predictions WHERE id = ?3 AND model = ?1 AND version = ?2
        """
    /// Counts by state from the rows themselves (tests and integrity checks; a scan).
    static let countPendingRowsByState = "SELECT count(*) FROM pending_predictions WHERE state = ?1"
}
