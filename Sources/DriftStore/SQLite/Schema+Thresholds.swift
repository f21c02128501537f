/// SQL of threshold provenance (schema v4).
extension Schema {
    // MARK: Migration

    /// Schema v4: where each score's threshold came from (`default`, `config` or `learned`);
    /// NULL for the rows scored before.
    static let createV4 = """
        ALTER TABLE window_scores ADD COLUMN threshold_source TEXT
            CHECK (threshold_source IS NULL OR threshold_source IN ('default', 'config', 'learned'));
        """
}
