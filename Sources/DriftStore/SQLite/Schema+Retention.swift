/// SQL of retention: finding each model's reference time, deleting old windows and decisions in
/// bounded batches, and giving the freed pages back to the file system.
///
/// A window or decision is old when its end is at or before the model's cutoff (`?2`); the
/// `start < end` check of both tables lets the `start_ms` indexes bound the scans. The
/// `NOT IN` subqueries are evaluated once per statement (SQLite builds an ephemeral index).
extension Schema {
    // MARK: Space

    static let autoVacuum = "PRAGMA auto_vacuum"
    /// Must run before the first table of a new file; an existing file keeps its mode (only
    /// `VACUUM` rebuilds it in the new mode).
    static let setAutoVacuumIncremental = "PRAGMA auto_vacuum = INCREMENTAL"
    /// `PRAGMA auto_vacuum` value of `INCREMENTAL`.
    static let autoVacuumIncremental: Int64 = 2
    static let freelistCount = "PRAGMA freelist_count"
    /// Moves every free page to the end of the file and truncates it (auto_vacuum=INCREMENTAL only).
    static let incrementalVacuum = "PRAGMA incremental_vacuum"
    /// Copies the WAL into the file and truncates the WAL to zero bytes when no reader holds it.
    static let checkpointTruncate = "PRAGMA wal_checkpoint(TRUNCATE)"
    static let vacuum = "VACUUM"

    // MARK: Reference times and guards

    /// `addWindowBadLines` for a window that may have been pruned since: a missing window adds nothing.
    static let addLateLinesIfStored = """
        INSERT INTO window_bad_lines (model, version, start_ms, reason, count)
        SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM windows WHERE model = ?1 AND version = ?2 AND start_ms = ?3)
        ON CONFLICT (model, version, start_ms, reason) DO UPDATE SET count = count + excluded.count
        """

    /// Each model's newest stored window end: the origin its retention ages are measured from.
    static let selectNewestWindowEnds = "SELECT model, max(end_ms) FROM windows GROUP BY model ORDER BY model"
    /// Per model, the earliest window of a prediction still waiting for its label.
    static let selectPendingWindowFloors = """
        SELECT model, min(start_ms) FROM pending_predictions WHERE state = 0 GROUP BY model
        """

    // MARK: Windows

    /// Up to `?4` windows of model `?1` ending at or before `?2` and starting before `?3` (the
    /// first window that must stay); their scores, bad-line counts and revisions cascade.
    static let deleteOldWindows = """
        DELETE FROM windows WHERE rowid IN (
            SELECT rowid FROM windows WHERE model = ?1 AND start_ms < min(?2, ?3) AND end_ms <= ?2 LIMIT ?4)
        """

    // MARK: Decisions and episodes

    /// Resolved episodes of `?1` none of whose decisions ends after `?2`.
    static let deleteOldEpisodes = """
        DELETE FROM episodes WHERE model = ?1 AND resolved_ms IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM decisions d
            WHERE d.id IN (episodes.first_decision_id, episodes.acted_decision_id, episodes.resolved_decision_id)
                AND d.window_end_ms > ?2)
        """
    /// Up to `?3` decisions of `?1` ending at or before `?2` that no job, episode, unfinished hook
    /// run or later decision (`supersedes`) refers to; a superseded one goes once its successor has.
    static let selectOldDecisions = """
        SELECT id FROM decisions
        WHERE model = ?1 AND window_start_ms < ?2 AND window_end_ms <= ?2
            AND id NOT IN (SELECT decision_id FROM jobs)
            AND id NOT IN (SELECT first_decision_id FROM episodes)
            AND id NOT IN (SELECT acted_decision_id FROM episodes WHERE acted_decision_id IS NOT NULL)
            AND id NOT IN (SELECT resolved_decision_id FROM episodes WHERE resolved_decision_id IS NOT NULL)
            AND id NOT IN (SELECT decision_id FROM hook_runs WHERE state = 'intent')
            AND id NOT IN (SELECT supersedes FROM decisions WHERE supersedes IS NOT NULL)
        LIMIT ?3
        """
    static let deleteHookRunsOfDecision = "DELETE FROM hook_runs WHERE decision_id = ?1"
    static let deleteDecision = "DELETE FROM decisions WHERE id = ?1"
}
