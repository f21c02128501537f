import DriftStore

extension Report {
    /// One recorded decision of a window in the report, with the guardrails that denied it and the
    /// retraining jobs it started (the `decisions` array of docs/REPORT.md).
    public struct Decision: Sendable, Equatable {
        /// The decision row, as `driftwatch decisions` prints it.
        public var decision: StoredDecision
        /// The guardrails whose verdict was `deny`, in ``DriftCore/Guardrail`` order.
        public var deniedBy: [String]
        /// The jobs the decision started, oldest first (their current status and cost).
        public var jobs: [StoredJob]

        /// Creates an entry.
        public init(decision: StoredDecision, deniedBy: [String], jobs: [StoredJob]) {
            self.decision = decision
            self.deniedBy = deniedBy
            self.jobs = jobs
        }
    }

    /// A model's retraining cost against its budgets, and how often its retrains were denied.
    public struct Budget: Sendable, Equatable {
        /// The model's `cost_estimate`: what one retrain reserves.
        public var costEstimate: Double
        /// The `daily_budget` configured now (shared by all models); `nil` when none.
        public var dailyBudget: Double?
        /// The `monthly_budget` configured now; `nil` when none.
        public var monthlyBudget: Double?
        /// The UTC days and months in which the model's retrains were considered or its jobs started.
        public var periods: [BudgetSpend]
        /// Guardrail name → how many of the model's decisions in the report it denied, by name.
        public var denials: [ReasonCount]

        /// Creates a budget summary.
        public init(
            costEstimate: Double, dailyBudget: Double?, monthlyBudget: Double?, periods: [BudgetSpend],
            denials: [ReasonCount]
        ) {
            self.costEstimate = costEstimate
            self.dailyBudget = dailyBudget
            self.monthlyBudget = monthlyBudget
            self.periods = periods
            self.denials = denials
        }
    }

    /// The cost ledger of one UTC day or month in one mode, as the budget guardrails count it.
    public struct BudgetSpend: Sendable, Equatable {
        /// `fire` or `backtest` (the two ledgers are separate).
        public var mode: String
        /// `day` or `month`.
        public var period: String
        /// The period start, epoch ms (inclusive).
        public var startMs: Int64
        /// The period end, epoch ms (exclusive).
        public var endMs: Int64
        /// The budget of such a period configured now; `nil` when none.
        public var budget: Double?
        /// Settled cost of jobs started in the period, all models.
        public var spent: Double
        /// Estimates reserved by jobs started in the period and not yet settled, all models.
        public var reserved: Double
        /// This model's jobs started in the period.
        public var jobs: Int

        /// Creates a period's spend.
        public init(
            mode: String, period: String, startMs: Int64, endMs: Int64, budget: Double?, spent: Double,
            reserved: Double, jobs: Int
        ) {
            self.mode = mode
            self.period = period
            self.startMs = startMs
            self.endMs = endMs
            self.budget = budget
            self.spent = spent
            self.reserved = reserved
            self.jobs = jobs
        }
    }
}
