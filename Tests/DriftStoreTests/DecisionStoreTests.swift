import Testing

@testable import DriftStore

/// Schema v2: the upgrade from v1, and the decision, ledger and hook-run rows.
struct DecisionStoreTests {
    @Test func versionOneFileUpgradesAndKeepsItsData() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("v1.db")
        do {
            let connection = try Connection(path: path, configuration: Store.Configuration())
            try Migrations.migrate(connection, isReadOnly: false, scripts: [Schema.createV1])
            try connection.execute("INSERT INTO meta (key, value) VALUES ('marker', 'kept')")
            #expect(try connection.userVersion() == 1)
        }
        let store = try Store(path: path)
        #expect(try store.connection.userVersion() == Store.supportedSchemaVersion)
        #expect(try store.meta("marker") == "kept")
        #expect(try store.decisions().isEmpty)
    }

    static func decision(start: Int64, mode: String = "fire") -> StoredDecision {
        StoredDecision(
            mode: mode, model: "m", version: "1", windowStartMs: start, windowEndMs: start + 10, decidedMs: start + 20,
            verdict: "retrain", action: "fired", reasons: "[]", guardrails: "[]", inputs: "{}")
    }

    @Test func decisionRoundTripsAndAWindowIsDecidedOncePerMode() throws {
        let store = try Store(path: ":memory:")
        var row = Self.decision(start: 0)
        row.id = try store.insertDecision(row)
        #expect(try store.decision(id: row.id) == row)
        #expect(try store.decision(mode: "fire", window: StoredWindowKey(model: "m", version: "1", startMs: 0)) == row)
        #expect(throws: StoreError.self) { try store.insertDecision(Self.decision(start: 0)) }
        try store.insertDecision(Self.decision(start: 0, mode: "backtest"))
        #expect(try store.decisions(mode: "backtest").count == 1)
        #expect(try store.decisions(model: "m", since: 1).isEmpty)
    }

    @Test func ledgerSumsSettledCostsAndReservedEstimatesByPeriod() throws {
        let store = try Store(path: ":memory:")
        let decision = try store.insertDecision(Self.decision(start: 0))
        func job(_ id: String, _ status: String, estimate: Double, cost: Double?, at start: Int64) throws {
            try store.insertJob(
                StoredJob(
                    jobId: id, mode: "fire", model: "m", decisionId: decision, status: status, estimate: estimate,
                    cost: cost, startedMs: start))
        }
        try job("a", "succeeded", estimate: 5, cost: 3, at: 10)  // settled: 3
        try job("b", "succeeded", estimate: 4, cost: nil, at: 20)  // settled at its estimate: 4
        try job("c", "failed", estimate: 9, cost: nil, at: 30)  // failed without cost: 0
        try job("d", "running", estimate: 7, cost: nil, at: 40)  // reserved: 7
        try job("e", "unknown", estimate: 2, cost: nil, at: 50)  // reserved: 2
        try job("f", "reserved", estimate: 100, cost: nil, at: 1_000)  // outside [0, 100)
        let (spent, reserved) = try store.jobCosts(mode: "fire", from: 0, until: 100)
        #expect(spent == 7 && reserved == 9)
        #expect(try store.jobsInFlight(mode: "fire", model: "m") == 3)
        #expect(try store.jobCount(mode: "fire", model: "m", since: 30) == 4)
        #expect(try store.jobCount(mode: "backtest", model: nil, since: 0) == 0)
        #expect(try store.lastJobStart(mode: "fire", model: "m") == 1_000)
        #expect(try store.lastJobStart(mode: "fire", model: "other") == nil)
    }

    @Test func hookRunIntentIsFinishedOnce() throws {
        let store = try Store(path: ":memory:")
        let decision = try store.insertDecision(Self.decision(start: 0))
        var run = StoredHookRun(
            decisionId: decision, event: "retrain", idempotencyKey: "k", argv: "[\"x\"]", attempt: 1, startedMs: 5,
            timeoutMs: 9)
        run.id = try store.insertHookRun(run)
        #expect(try store.openHookRuns().map(\.id) == [run.id])
        run.state = "succeeded"
        run.exitCode = 0
        run.stdout = Array("out".utf8)
        run.finishedMs = 7
        #expect(try store.finishHookRun(run))
        #expect(try !store.finishHookRun(run), "an outcome is recorded once")
        #expect(try store.hookRuns(decisionId: decision) == [run])
        #expect(try store.openHookRuns().isEmpty)
    }
}
