// DriftAgent: the engine between bytes and decisions.
//
// What belongs here: configuration (TOML, validated once), mapping a scanned line to a record,
// event-time windowing into profiles, scoring closed windows against baselines, backfill and
// reporting pipelines. What does not: SQL (DriftStore), byte scanning (DriftIngest), the maths of
// sketches and statistics (DriftCore), argument parsing (the driftwatch executable).
