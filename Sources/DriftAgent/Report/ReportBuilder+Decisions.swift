import DriftCore
import DriftStore

extension ReportBuilder {
    /// Adds the decisions recorded for the report's windows (same model, window start in
    /// `[since, until)`) and each model's ``Report/Budget``.
    ///
    /// A budget period is a UTC day or month in which one of the model's retrains was weighed by
    /// the guardrails or one of its jobs started; its `spent` and `reserved` are read with the same
    /// query the budget guardrails use (all models of that mode), so they are what a retrain at the
    /// end of the period would be judged against.
    /// - Throws: ``StoreError``.
    /// - Complexity: O(decisions + jobs) plus two ledger queries per period.
    static func addDecisions(
        to report: inout Report, store: Store, configuration: Configuration, since: Int64?, until: Int64?
    ) throws {
        for index in report.models.indices {
            let model = report.models[index].model
            let jobs = try store.jobs(model: model)
            let byDecision = Dictionary(grouping: jobs, by: \.decisionId)
            let decisions = try store.decisions(model: model, since: since)
                .filter { decision in until.map { decision.windowStartMs < $0 } ?? true }
                .map { decision in
                    Report.Decision(
                        decision: decision, deniedBy: DecisionRenderer.deniedGuardrails(decision),
                        jobs: byDecision[decision.id] ?? [])
                }
            report.decisions += decisions
            report.models[index].budget = try budget(
                model: model, decisions: decisions, jobs: jobs, store: store, configuration: configuration)
        }
        report.decisions.sort { $0.decision.id < $1.decision.id }
    }

    private static func budget(
        model: String, decisions: [Report.Decision], jobs: [StoredJob], store: Store, configuration: Configuration
    ) throws -> Report.Budget {
        let guardrails = configuration.guardrailPolicy(model: model)
        let weighed = decisions.map(\.decision).filter { $0.guardrails.contains("\"name\"") }
        let selected = Set(decisions.map(\.decision.id))
        var instants = weighed.map { ($0.mode, $0.decidedMs) }
        instants += jobs.filter { selected.contains($0.decisionId) }.map { ($0.mode, $0.startedMs) }
        var periods: [Report.BudgetSpend] = []
        var seen: Set<String> = []
        for (kind, budget) in [(BudgetPeriod.day, guardrails.dailyBudget), (.month, guardrails.monthlyBudget)] {
            for (mode, instant) in instants {
                let start = kind.start(containing: instant)
                guard seen.insert("\(mode) \(kind.rawValue) \(start)").inserted else { continue }
                let end = kind.end(containing: instant)
                let ledger = try store.jobCosts(mode: mode, from: start, until: end)
                periods.append(
                    Report.BudgetSpend(
                        mode: mode, period: kind.rawValue, startMs: start, endMs: end, budget: budget,
                        spent: ledger.spent, reserved: ledger.reserved,
                        jobs: jobs.count { $0.mode == mode && start <= $0.startedMs && $0.startedMs < end }))
            }
        }
        periods.sort { ($0.mode, $0.period, $0.startMs) < ($1.mode, $1.period, $1.startMs) }
        var denials: [String: Int64] = [:]
        for decision in decisions {
            for name in decision.deniedBy { denials[name, default: 0] += 1 }
        }
        return Report.Budget(
            costEstimate: guardrails.costEstimate, dailyBudget: guardrails.dailyBudget,
            monthlyBudget: guardrails.monthlyBudget, periods: periods,
            denials: denials.keys.sorted().map { Report.ReasonCount(reason: $0, count: denials[$0] ?? 0) })
    }
}
