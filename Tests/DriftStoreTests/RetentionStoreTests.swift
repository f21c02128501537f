import DriftStore
import Glibc
import Testing

private typealias F = StoreFixtures

/// `Store.prune`: which windows, decisions and episodes go, which stay (each case worked out by
/// hand below), batching, dry runs, the totals, and the file shrinking to what it keeps.
struct RetentionStoreTests {
    static let hour: Int64 = 3_600_000

    /// Hourly windows of model `a` (version 1 for hours 0–23, version 2 for 24–47) and of model `b`
    /// (hours 0–9), with one score on each of a's first and last windows.
    static func windows(_ store: Store) throws {
        var batch = WindowBatch()
        for h in Int64(0)..<48 { batch.windows.append(F.window(F.key("a", h < 24 ? "1" : "2", start: h * hour))) }
        for h in Int64(0)..<10 { batch.windows.append(F.window(F.key("b", "1", start: h * hour))) }
        batch.scores[F.key("a", "1", start: 0)] = [F.score("x")]
        batch.scores[F.key("a", "2", start: 47 * hour)] = [F.score("x")]
        try store.commit(batch)
    }

    static func decision(_ store: Store, hour h: Int64) throws -> Int64 {
        try store.insertDecision(
            StoredDecision(
                mode: "fire", model: "a", version: "1", windowStartMs: h * hour, windowEndMs: (h + 1) * hour,
                decidedMs: 1, verdict: "ok", action: "none", reasons: "[]", guardrails: "[]", inputs: "{}"))
    }

    @Test func windowsOlderThanTheAgeGoExceptThoseStillNeeded() throws {
        let store = try Store(path: ":memory:")
        try Self.windows(store)
        // A prediction of a's window at hour 5 still waits for its label.
        var pending = WindowBatch()
        pending.pendingPredictions = [
            PendingPrediction(
                model: "a", version: "1", id: "r1", windowStartMs: 5 * Self.hour, eventMs: 5 * Self.hour + 1,
                score: 0.5, predictedClass: nil)
        ]
        try store.commit(pending)
        // b's window at hour 3 is open in the agent.
        let policy = RetentionPolicy(
            windowsMaxAgeMs: 4 * Self.hour, decisionsMaxAgeMs: nil, keepFrom: ["b": 3 * Self.hour], batchSize: 2)

        let dry = try store.prune(policy, now: 99, dryRun: true)
        #expect(try store.windows().count == 58)
        #expect(try store.retentionTotals() == RetentionTotals())

        let outcome = try store.prune(policy, now: 99)
        // a: newest end 48h, cutoff 44h: hours 0–43 are old, but the pending label keeps hour 5 on.
        // b: newest end 10h, cutoff 6h: hours 0–5 are old, but the open window keeps hour 3 on.
        #expect(outcome.windows == 5 + 3)
        #expect(dry.windows == outcome.windows)
        let remaining = try store.windows()
        #expect(remaining.filter { $0.key.model == "a" }.map { $0.key.startMs / Self.hour } == Array(5..<48))
        #expect(remaining.filter { $0.key.model == "b" }.map { $0.key.startMs / Self.hour } == Array(3..<10))
        #expect(try store.scores(model: "a", version: "1", start: 0).isEmpty)  // cascaded
        #expect(try store.scores(model: "a", version: "2", start: 47 * Self.hour).count == 1)
        #expect(try store.retentionTotals() == RetentionTotals(lastPruneMs: 99, windows: 8))

        // Once the label is in, hour 5 and on become prunable up to the cutoff; a second prune adds to the totals.
        try store.setState(.labelled, of: try #require(store.pendingPredictions(id: "r1").first))
        let again = try store.prune(policy, now: 100)
        #expect(again.windows == 44 - 5)
        #expect(try store.windows(model: "a").map { $0.key.startMs / Self.hour } == Array(44..<48))
        #expect(try store.retentionTotals() == RetentionTotals(lastPruneMs: 100, windows: 8 + 39))
    }

    @Test func decisionsGoUnlessAJobAnOpenEpisodeOrAnUnfinishedHookNeedsThem() throws {
        let store = try Store(path: ":memory:")
        try Self.windows(store)  // a's newest window end: 48h
        var ids: [Int64] = []
        for h in Int64(0)..<48 { ids.append(try Self.decision(store, hour: h)) }
        try store.insertJob(
            StoredJob(
                jobId: "j", mode: "fire", model: "a", decisionId: ids[1], status: "succeeded", estimate: 1, startedMs: 1
            ))
        // Open episode (first decision at 2h); resolved episode entirely old (3h..4h); resolved
        // episode that ends with a recent decision (30h..40h).
        try store.insertEpisode(
            StoredEpisode(id: 0, mode: "fire", model: "a", kind: "retrain", openedMs: 1, firstDecisionId: ids[2]))
        for (first, last) in [(3, 4), (30, 40)] {
            var episode = StoredEpisode(
                id: 0, mode: "fire", model: "a", kind: "review", openedMs: 1, firstDecisionId: ids[first])
            episode.id = try store.insertEpisode(episode)
            episode.resolvedMs = 2
            episode.resolvedDecisionId = ids[last]
            try store.updateEpisode(episode)
        }
        let unfinished = StoredHookRun(
            decisionId: ids[6], event: "alert", idempotencyKey: "k6", argv: "[]", attempt: 1, startedMs: 1, timeoutMs: 1
        )
        _ = try store.insertHookRun(unfinished)
        var finished = StoredHookRun(
            decisionId: ids[7], event: "alert", idempotencyKey: "k7", argv: "[]", attempt: 1, startedMs: 1, timeoutMs: 1
        )
        finished.id = try store.insertHookRun(finished)
        finished.state = "succeeded"
        _ = try store.finishHookRun(finished)

        // A re-decision of hour 9's window (after late labels), itself recent enough to stay.
        try store.insertDecision(
            StoredDecision(
                mode: "fire", model: "a", version: "1", windowStartMs: 9 * Self.hour, windowEndMs: 50 * Self.hour,
                decidedMs: 2, verdict: "ok", action: "none", reasons: "[]", guardrails: "[]", inputs: "{}",
                revision: 1, supersedes: ids[9]))
        let policy = RetentionPolicy(windowsMaxAgeMs: nil, decisionsMaxAgeMs: 10 * Self.hour, batchSize: 3)
        let outcome = try store.prune(policy, now: 5)
        // Cutoff 38h: decisions of hours 0–37 are old. Kept: 1 (job), 2 (open episode), 6 (hook
        // still running), 9 (superseded by a kept decision), 30 (its episode ends at 40h); plus the
        // recent ones, 38–47, and the re-decision of 9 (id order puts it last).
        let kept: [Int64] = [1, 2, 6, 9, 30] + Array(38..<48) + [9]
        #expect(try store.decisions().map { $0.windowStartMs / Self.hour } == kept)
        #expect(outcome.decisions == 49 - kept.count)
        #expect(outcome.episodes == 1)
        #expect(outcome.windows == 0)
        #expect(try store.windows().count == 58)
        #expect(try store.hookRuns(decisionId: ids[7]).isEmpty)
        #expect(try store.hookRuns(decisionId: ids[6]).count == 1)
    }

    @Test func lateLinesOfAPrunedWindowAreDroppedNotAnError() throws {
        let store = try Store(path: ":memory:")
        try store.commit(WindowBatch(windows: [F.window(F.key(start: 0))]))
        var batch = WindowBatch()
        batch.lateLines = [
            WindowBadLineCount(key: F.key(start: 0), reason: "late", count: 2),
            WindowBadLineCount(key: F.key(start: Self.hour), reason: "late", count: 5),  // not stored
        ]
        try store.commit(batch)
        #expect(try store.badLines(model: "fraud", version: "3.2.1", start: 0).map(\.count) == [2])
        #expect(try store.badLines(model: "fraud", version: "3.2.1", start: Self.hour).isEmpty)
    }

    /// The file after pruning is no larger than a fresh file holding only the kept windows, plus a
    /// few pages: incremental vacuum gave the rest back, and the WAL was truncated.
    @Test func theFileShrinksToWhatItKeeps() throws {
        let directory = TemporaryDirectory()
        let profile = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        func window(_ h: Int64) -> StoredWindow {
            var window = F.window(F.key(start: h * Self.hour))
            window.profile = profile
            return window
        }
        let store = try Store(path: directory.file("big.db"))
        for h in Int64(0)..<200 { try store.commit(WindowBatch(windows: [window(h)])) }
        #expect(try store.shrinksAfterPruning())
        let full = try store.fileBytes()
        let outcome = try store.prune(RetentionPolicy(windowsMaxAgeMs: 20 * Self.hour, decisionsMaxAgeMs: nil), now: 1)
        #expect(outcome.windows == 180)

        let fresh = try Store(path: directory.file("fresh.db"))
        for h in Int64(180)..<200 { try fresh.commit(WindowBatch(windows: [window(h)])) }
        let freshBytes = try fresh.fileBytes()
        let pageSize: Int64 = 8192
        #expect(full > 190 * 40_000)
        #expect(outcome.fileBytes <= freshBytes + 8 * pageSize, "\(outcome) vs \(freshBytes)")
        #expect(outcome.reclaimedBytes == full - outcome.fileBytes)
        #expect(Self.size(directory.file("big.db")) == outcome.fileBytes)
        #expect(Self.size(directory.file("big.db-wal")) == 0)
    }

    static func size(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : -1
    }
}
