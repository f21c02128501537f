import DriftAgent
import DriftCore
import DriftStore
import Testing

/// Model versions: a new version settles the retraining job in flight; the report pools each
/// version's performance side by side.
struct ModelVersionTests {
    static let hour: Int64 = 3_600_000

    static func window(version: String, hour: Int64, binary: BinaryClassificationAccumulator? = nil) -> StoredWindow {
        var profile = Profile()
        profile.rows = 100
        profile.binary = binary
        return StoredWindow(
            key: StoredWindowKey(model: "m", version: version, startMs: hour * Self.hour),
            endMs: (hour + 1) * Self.hour, rows: 100, lateRows: 0, profile: profile.encoded(), updatedMs: 0)
    }

    static func job(_ store: Store, status: String, startedMs: Int64) throws -> StoredJob {
        let decision = StoredDecision(
            mode: "fire", model: "m", version: "1", windowStartMs: 0, windowEndMs: Self.hour, decidedMs: startedMs,
            verdict: "retrain", action: "fired", reasons: "[]", guardrails: "[]", inputs: "{}")
        let decisionID = try store.insertDecision(decision)
        var job = StoredJob(
            jobId: "job-\(decisionID)", mode: "fire", model: "m", decisionId: decisionID, status: status, estimate: 12,
            startedMs: startedMs)
        job.id = try store.insertJob(job)
        return job
    }

    @Test func theFirstWindowOfANewVersionSettlesTheJobInFlight() throws {
        let store = try Store(path: ":memory:")
        let engine = DecisionEngine(configuration: .zeroConfig, sleep: { _ in })
        try store.commit(
            WindowBatch(windows: [Self.window(version: "1", hour: 0), Self.window(version: "1", hour: 1)]))
        let job = try Self.job(store, status: "running", startedMs: 2 * Self.hour)
        // Another window of the old version settles nothing.
        try store.commit(WindowBatch(windows: [Self.window(version: "1", hour: 3)]))
        let none = try engine.settleJobs(
            forNewVersionsIn: [StoredWindowKey(model: "m", version: "1", startMs: 3 * Self.hour)], store: store, now: 9,
            mode: .fire)
        #expect(none.isEmpty)
        // Version 2's first window (hour 4) ends after the job started: the job produced it.
        try store.commit(
            WindowBatch(windows: [Self.window(version: "2", hour: 4), Self.window(version: "2", hour: 5)]))
        let keys = [4, 5].map { StoredWindowKey(model: "m", version: "2", startMs: Int64($0) * Self.hour) }
        let settled = try engine.settleJobs(forNewVersionsIn: keys, store: store, now: 99, mode: .fire)
        #expect(settled.map(\.jobId) == [job.jobId])
        let stored = try #require(try store.job(jobId: job.jobId))
        #expect(stored.status == "succeeded")
        #expect(stored.modelVersion == "2")
        #expect(stored.cost == 12)
        #expect(stored.finishedMs == 99)
        #expect(stored.decisionId == job.decisionId)
        // Settled once: evaluating the same windows again changes nothing.
        #expect(try engine.settleJobs(forNewVersionsIn: keys, store: store, now: 100, mode: .fire).isEmpty)
    }

    @Test func aJobStartedAfterTheVersionAppearedIsNotItsJob() throws {
        let store = try Store(path: ":memory:")
        let engine = DecisionEngine(configuration: .zeroConfig, sleep: { _ in })
        try store.commit(WindowBatch(windows: [Self.window(version: "2", hour: 4)]))
        _ = try Self.job(store, status: "reserved", startedMs: 10 * Self.hour)
        let key = StoredWindowKey(model: "m", version: "2", startMs: 4 * Self.hour)
        #expect(try engine.settleJobs(forNewVersionsIn: [key], store: store, now: 1, mode: .fire).isEmpty)
        #expect(try engine.settleJobs(forNewVersionsIn: [key], store: store, now: 1, mode: .backtest).isEmpty)
    }

    @Test func theReportPoolsEachVersionSideBySide() throws {
        var a = BinaryClassificationAccumulator()
        var b = BinaryClassificationAccumulator()
        var c = BinaryClassificationAccumulator()
        for (score, label) in [(0.9, true), (0.2, false), (0.7, false)] { a.insert(score: score, label: label) }
        for (score, label) in [(0.8, true), (0.4, true)] { b.insert(score: score, label: label) }
        for (score, label) in [(0.6, true), (0.1, false), (0.3, false), (0.95, true)] {
            c.insert(score: score, label: label)
        }
        let store = try Store(path: ":memory:")
        try store.commit(
            WindowBatch(windows: [
                Self.window(version: "1", hour: 0, binary: a), Self.window(version: "1", hour: 1, binary: b),
                Self.window(version: "2", hour: 1, binary: c), Self.window(version: "2", hour: 2),
            ]))
        let report = try ReportBuilder.build(store: store, configuration: .zeroConfig)
        let versions = try #require(report.models.first?.perVersion)
        #expect(versions.map(\.version) == ["1", "2"])
        #expect(versions.map(\.windows) == [2, 2])
        #expect(versions.map(\.rows) == [200, 200])
        // Version 1: TP 0.9, 0.8; FN 0.4; TN 0.2; FP 0.7 → accuracy 3/5. Version 2: all 4 right.
        #expect(versions[0].performance.labeledRows == 5)
        #expect(versions[0].performance.accuracy == 3.0 / 5)
        #expect(versions[0].performance.labelCoverage == 5.0 / 200)
        #expect(versions[1].performance.accuracy == 1)
        #expect(report.windows.map(\.performance.labelCoverage) == [0.03, 0.02, 0.04, 0])
        #expect(ReportRenderer.json(report).contains("\"per_version\""))
        #expect(ReportRenderer.table(report).contains("version 2: 2 windows, 0 drifted, 200 rows, 4 labelled"))
    }
}
