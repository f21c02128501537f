/// SQL of decision revisions (schema v5): a window decided again after late labels revised its
/// performance keeps its earlier decision; the new row supersedes it.
///
/// `decisions.revision` is 0 for the decision taken when the window closed and counts up with each
/// re-decision; `supersedes` names the decision it replaced; `label_revision` is the window's label
/// revision (`windows.label_revision`) the decision saw. The window's current decision in a mode
/// is the one with the highest revision, so the unique index now includes the revision.
extension Schema {
    /// Schema v5: decision revisions.
    static let createV5 = """
        ALTER TABLE decisions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
        ALTER TABLE decisions ADD COLUMN supersedes INTEGER REFERENCES decisions (id);
        ALTER TABLE decisions ADD COLUMN label_revision INTEGER NOT NULL DEFAULT 0;
        DROP INDEX decisions_by_window;
        CREATE UNIQUE INDEX decisions_by_window ON decisions (mode, model, version, window_start_ms, revision);
        CREATE INDEX decisions_by_supersedes ON decisions (supersedes) WHERE supersedes IS NOT NULL;
        """

    /// The decision that superseded `?1`, if any.
    static let selectSupersedingDecision = "SELECT \(decisionColumns) FROM decisions WHERE supersedes = ?1"
    /// The stored windows without a decision in mode `?1`, in window order; filters (NULL matches
    /// everything): model `?2`, version `?3`, window start at or before `?4`.
    static let selectUndecidedWindows = """
        SELECT w.model, w.version, w.start_ms FROM windows w
        WHERE (?2 IS NULL OR w.model = ?2) AND (?3 IS NULL OR w.version = ?3) AND (?4 IS NULL OR w.start_ms <= ?4)
            AND NOT EXISTS (
                SELECT 1 FROM decisions d
                WHERE d.mode = ?1 AND d.model = w.model AND d.version = w.version AND d.window_start_ms = w.start_ms)
        ORDER BY w.model, w.version, w.start_ms
        """
    /// The labels credited to a window after label revision `?4`.
    static let sumLabelsAfterRevision = """
        SELECT coalesce(sum(labels), 0) FROM window_revisions
        WHERE model = ?1 AND version = ?2 AND start_ms = ?3 AND revision > ?4
        """
}
