// DriftCore: the pure core of Driftwatch.
//
// What belongs here: value types that summarise a stream of observations (sketches, per-feature
// summaries, window profiles), the drift statistics computed between two summaries, performance
// metrics over mergeable accumulators, and the binary codec that persists all of them.
// What does not: I/O, clocks, logging, Foundation, SQL, configuration files. Errors here are
// closed sets thrown with typed throws; bad observations are counted, never thrown.
