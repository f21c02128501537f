import DriftCore
import DriftStore

extension DecisionEngine {
    /// What is left of the shared cost budget (`[guardrails]`) in the current UTC period.
    public struct BudgetRemaining: Sendable, Equatable {
        /// `day` or `month` (``BudgetPeriod``).
        public var period: String
        /// The configured budget of the period.
        public var budget: Double
        /// The budget minus what was spent and what is reserved by jobs in flight, as the budget
        /// guardrail counts them; negative when a job's actual cost overran its estimate.
        public var remaining: Double

        /// What is left, `remaining`, of `budget` for `period`.
        public init(period: String, budget: Double, remaining: Double) {
            self.period = period
            self.budget = budget
            self.remaining = remaining
        }
    }

    /// The remaining day and month budgets at `now` in `mode`, read with the same ledger query the
    /// budget guardrail uses, so each is what the next retrain would be weighed against. A period
    /// without a configured budget has no entry.
    /// - Complexity: One ledger query per configured period.
    public func budgetRemaining(store: Store, now: Int64, mode: Mode) throws -> [BudgetRemaining] {
        let mode: Mode = configuration.guardrails.dryRun ? .backtest : mode
        let budgets = [
            (BudgetPeriod.day, configuration.guardrails.dailyBudget), (.month, configuration.guardrails.monthlyBudget),
        ]
        var remaining: [BudgetRemaining] = []
        for (period, budget) in budgets {
            guard let budget else { continue }
            let ledger = try store.jobCosts(mode: mode.rawValue, period: period, containing: now)
            remaining.append(
                BudgetRemaining(
                    period: period.rawValue, budget: budget, remaining: budget - ledger.spent - ledger.reserved))
        }
        return remaining
    }
}
