// DriftStore: the only module that speaks SQL.
//
// What belongs here: the SQLite connection (system libsqlite3 through CSQLite), the schema and its
// migrations, prepared statements, transactions and typed reads and writes of windows, profiles,
// scores, baselines, ingest checkpoints and bad-line samples. What does not: parsing, windowing,
// scoring or policy.
