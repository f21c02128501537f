import DriftCore
import DriftStore

/// Writes what the aggregator changed, scored, together with source checkpoints — one transaction.
///
/// This is the exactly-once primitive shared by backfill and the live agent: the windows' whole
/// profiles (stored content included), their scores, the bad-line counters and samples, and every
/// source's new position either all land or none do.
struct WindowCommitter {
    let configuration: Configuration
    let store: Store
    let now: () -> Int64
    /// Leaves the pending-prediction limits for later (a backfill with labels enforces them once
    /// its labels are joined, so history longer than `max_age` can still be labelled).
    var deferLabelLimits = false
    /// Enforces the pending-prediction limits in this commit if any prediction was added since
    /// they last were (otherwise every `max_pending / 16` predictions: enforcing scans the table).
    var enforceLabelLimits = false

    /// Drains `aggregator` and commits; returns the snapshots written (closed ones flagged).
    func commit(
        _ aggregator: inout WindowAggregator, sources: [IngestFileRecord], badLines: [IngestBadLineCount],
        samples: [BadLineSample], includeOpen: Bool
    ) throws -> [WindowSnapshot] {
        let (snapshots, late) = aggregator.drain(includeOpen: includeOpen)
        var batch = WindowBatch()
        if includeOpen {  // every window a pending prediction belongs to is in this drain
            batch.pendingRows = aggregator.drainPending()
            let limits = configuration.labels
            if limits.keepsPending, !deferLabelLimits, aggregator.pendingSinceLimits > 0,
                enforceLabelLimits || aggregator.pendingSinceLimits >= max(1, limits.maximumPending / 16)
            {
                batch.pendingLimits = limits.limits
                aggregator.pendingSinceLimits = 0
            }
        }
        let stamp = now()
        for snapshot in snapshots {
            let key = StoredWindowKey(
                model: snapshot.key.stream.model, version: snapshot.key.stream.version, startMs: snapshot.key.start)
            batch.windows.append(
                StoredWindow(
                    key: key, endMs: snapshot.end, rows: Int64(snapshot.profile.rows), lateRows: 0,
                    profile: snapshot.profile.encoded(), updatedMs: stamp))
            for (reason, count) in snapshot.badLines.sorted(by: { $0.key < $1.key }) {
                batch.windowBadLines.append(WindowBadLineCount(key: key, reason: reason, count: count))
            }
            let stream = aggregator.stream(snapshot.key.stream)
            batch.scores[key] = WindowScorer.scores(
                profile: snapshot.profile, baseline: stream?.baseline,
                model: stream?.model ?? configuration.model(named: snapshot.key.stream.model), learned: stream?.learned)
        }
        for (window, count) in late.sorted(by: { $0.key < $1.key }) {
            let key = StoredWindowKey(model: window.stream.model, version: window.stream.version, startMs: window.start)
            batch.lateLines.append(WindowBadLineCount(key: key, reason: "late", count: count))
        }
        batch.ingestFiles = sources
        batch.ingestBadLines = badLines
        batch.badLineSamples = samples
        guard !batch.isEmpty else { return snapshots }
        try store.commit(batch)
        if !batch.windows.isEmpty || !batch.pendingRows.isEmpty {
            // Labels that arrived before their prediction, or before its window was stored.
            _ = try LabelJoiner(configuration: configuration, store: store, now: now).joinWaiting()
        }
        return snapshots
    }
}
