import DriftAgent
import DriftStore
import Testing

/// `DecisionEngine.budgetRemaining`: what the `driftwatch_budget_remaining` gauge shows.
struct BudgetRemainingTests {
    @Test func remainingIsBudgetMinusSpentAndReservedInTheCurrentUTCPeriod() throws {
        let scenario = try DecisionScenario(
            """
            [guardrails]
            daily_budget = 20
            monthly_budget = 50
            [models.m]
            numeric = ["f0"]
            """)
        let store = scenario.store
        let key = try scenario.addWindow(0, drifted: 0)
        let decision = try store.insertDecision(
            StoredDecision(
                mode: "fire", model: "m", version: "1", windowStartMs: key.startMs, windowEndMs: key.startMs + 1,
                decidedMs: key.startMs, verdict: "retrain", action: "retrain", reasons: "[]", guardrails: "[]",
                inputs: "{}"))
        // 2026-11-15 12:00Z; the day is [15th 00:00, 16th 00:00), the month November.
        let now: Int64 = 1_794_744_000_000
        let day: Int64 = 86_400_000
        let jobs: [(String, String, Double, Double?, Int64, String)] = [
            ("a", "succeeded", 5, 3, now - 3_600_000, "fire"),  // today, settled at 3
            ("b", "running", 4, nil, now - 60_000, "fire"),  // today, reserves 4
            ("c", "succeeded", 6, 6, now - 3 * day, "fire"),  // this month, not today: 6
            ("d", "succeeded", 9, 9, now - 20 * day, "fire"),  // October: neither
            ("e", "succeeded", 7, 7, now, "backtest"),  // another mode: neither
        ]
        for (id, status, estimate, cost, started, mode) in jobs {
            try store.insertJob(
                StoredJob(
                    jobId: id, mode: mode, model: "m", decisionId: decision, status: status, estimate: estimate,
                    cost: cost, startedMs: started))
        }
        let remaining = try scenario.engine.budgetRemaining(store: store, now: now, mode: .fire)
        // Day: spent 3 + reserved 4 = 7. Month: 3 + 4 + 6 = 13.
        let expected: [DecisionEngine.BudgetRemaining] = [
            .init(period: "day", budget: 20, remaining: 13), .init(period: "month", budget: 50, remaining: 37),
        ]
        #expect(remaining == expected)
        // Backtest jobs have their own ledger: only job e, 7.
        let backtest = try scenario.engine.budgetRemaining(store: store, now: now, mode: .backtest)
        #expect(backtest.map(\.remaining) == [13, 43])
    }
}
