import DriftAgent
import DriftStore
import Logging

/// Maps `LiveIngest`'s progress and totals onto the service's ``IngestProgress`` and
/// ``IngestCounters``, keeping the little state that needs: when each source was last caught up,
/// and the latest primary score per model and feature. Owned by the service's task, like the engine.
final class LiveIngestAdapter {
    private let ingest: LiveIngest
    private let store: Store
    private let wallNow: () -> Int64
    private let logger: Logger
    /// Per followed file, the wall time (ms) it was last read to its end.
    private var caughtUp: [String: Int64] = [:]
    /// Latest primary score per model, feature and statistic.
    private var scores: [String: IngestCounters.LatestScore] = [:]
    /// What retention deleted since start, and the file size after the last prune.
    private var pruned = (windows: Int64(0), decisions: Int64(0), fileBytes: Int64(0))
    /// Wall time (ms) of the next prune; the first checkpoint prunes.
    private var nextPrune = Int64.min

    init(ingest: LiveIngest, store: Store, wallNow: @escaping () -> Int64, logger: Logger) {
        self.ingest = ingest
        self.store = store
        self.wallNow = wallNow
        self.logger = logger
    }

    /// One poll, with each source's lag: unread bytes, and seconds since it was last read to its end.
    func poll() throws -> IngestProgress {
        let progress = try ingest.poll()
        for notice in ingest.takeNotices() {
            logger.warning("log source problem", metadata: ["ingest.notice": "\(notice)"])
        }
        let now = wallNow()
        let lag = ingest.lag()
        var sources: [IngestProgress.SourceLag] = []
        sources.reserveCapacity(lag.count)
        for source in lag {
            if source.bytes == 0 || caughtUp[source.path] == nil { caughtUp[source.path] = now }
            let behind = source.bytes == 0 ? 0 : Double(now - (caughtUp[source.path] ?? now)) / 1_000
            sources.append(.init(source: source.path, bytes: source.bytes, seconds: max(0, behind)))
        }
        if caughtUp.count > lag.count {
            let followed = Set(lag.map(\.path))
            caughtUp = caughtUp.filter { followed.contains($0.key) }
        }
        return IngestProgress(
            bytes: progress.bytes, lines: progress.lines, filesOpen: ingest.counters.filesOpen, sources: sources)
    }

    /// Commits, then drains the closed windows and records their primary scores.
    func checkpoint() throws -> [WindowSnapshot] {
        try ingest.checkpoint()
        return try drainClosed()
    }

    /// Prunes the store when `[retention]`'s interval has passed since the last prune (call it after
    /// a checkpoint), and logs what went.
    func pruneIfDue() throws {
        let settings = ingest.retention
        let now = wallNow()
        guard settings.isEnabled, now >= nextPrune else { return }
        nextPrune = now + settings.intervalMilliseconds
        let outcome = try ingest.prune(now: now)
        pruned.windows += Int64(outcome.windows)
        pruned.decisions += Int64(outcome.decisions)
        pruned.fileBytes = outcome.fileBytes
        guard outcome.deletedAnything || outcome.reclaimedBytes > 0 else { return }
        logger.info(
            "retention pruned",
            metadata: [
                "retention.windows": "\(outcome.windows)", "retention.decisions": "\(outcome.decisions)",
                "retention.episodes": "\(outcome.episodes)", "retention.reclaimed_bytes": "\(outcome.reclaimedBytes)",
                "retention.file_bytes": "\(outcome.fileBytes)",
            ])
    }

    /// The final checkpoint.
    func shutdown() throws -> [WindowSnapshot] {
        try ingest.shutdown()
        return try drainClosed()
    }

    /// Totals since start, with the latest scores.
    func counters() -> IngestCounters {
        let totals = ingest.counters
        var counters = IngestCounters(
            lines: totals.lines, bytes: totals.bytes, badLines: totals.badLines, windowsClosed: totals.windowsClosed,
            scores: scores.keys.sorted().compactMap { scores[$0] })
        counters.windowsPruned = pruned.windows
        counters.decisionsPruned = pruned.decisions
        counters.storeBytes = pruned.fileBytes
        return counters
    }

    private func drainClosed() throws -> [WindowSnapshot] {
        let closed = ingest.takeClosedWindows()
        for window in closed.sorted(by: { $0.key < $1.key }) {
            let stream = window.key.stream
            for score in try store.scores(model: stream.model, version: stream.version, start: window.key.start)
            where score.isPrimary {
                scores[stream.model + "\u{0}" + score.feature + "\u{0}" + score.test] = .init(
                    model: stream.model, feature: score.feature, statistic: score.test, value: score.value)
            }
        }
        return closed
    }
}
