import DriftCore
import DriftStore

extension DecisionEngine {
    /// `driftwatch approve ID`: runs the retrain a `review` decision waits for, under the same
    /// guardrails as any retrain (checked now, in one transaction with the reservation).
    ///
    /// - Returns: the decision after approval: action `fired` (or `denied`, with the guardrail
    ///   verdicts), `approved_at` set.
    /// - Throws: ``DecisionError/noDecision(id:)``, ``DecisionError/superseded(id:by:verdict:action:)``
    ///   (a decision replaced after late labels or `--replace`),
    ///   ``DecisionError/notAwaitingApproval(id:action:)``, ``StoreError``.
    @discardableResult
    public func approve(decisionID: Int64, store: Store, now: Int64) throws -> StoredDecision {
        let plan = try store.transaction { () throws -> Plan in
            guard var decision = try store.decision(id: decisionID) else {
                throw DecisionError.noDecision(id: decisionID)
            }
            if let successor = try store.supersedingDecision(of: decisionID) {
                throw DecisionError.superseded(
                    id: decisionID, by: successor.id, verdict: successor.verdict, action: successor.action)
            }
            guard decision.action == DecisionAction.awaitingApproval.rawValue else {
                throw DecisionError.notAwaitingApproval(id: decisionID, action: decision.action)
            }
            let model = configuration.model(named: decision.model)
            let context = Context(
                mode: Mode(rawValue: decision.mode) ?? .fire, model: decision.model, policy: model.decisionPolicy,
                guardrails: configuration.guardrailPolicy(model: decision.model))
            decision.approvedMs = now
            let (permitted, jobRowID) = try triggerRetrain(&decision, context, store: store, at: now)
            try store.updateDecisionOutcome(decision)
            var approvedAt = decision
            approvedAt.decidedMs = now
            let hooks = try intents(
                for: [permitted ? .retrain : .denied], decision: approvedAt, jobRowID: jobRowID, context, store: store)
            return Plan(decision: decision, hooks: hooks)
        }
        try run(plan.hooks, store: store, now: now)
        return try store.decision(id: decisionID) ?? plan.decision
    }

    /// `driftwatch job complete ID`: settles a retraining job with its outcome and actual cost.
    ///
    /// A success settles at `cost` (else at its estimate) and closes the breaker; a failure settles
    /// at `cost` (else 0) and counts against the breaker.
    /// - Returns: the settled job.
    /// - Throws: ``DecisionError/noJob(id:)``, ``DecisionError/jobSettled(id:status:)``, ``StoreError``.
    @discardableResult
    public func completeJob(
        jobID: String, succeeded: Bool, cost: Double?, modelVersion: String?, store: Store, now: Int64
    ) throws -> StoredJob {
        try store.transaction {
            guard var job = try store.job(jobId: jobID) else { throw DecisionError.noJob(id: jobID) }
            guard ["reserved", "running", "unknown"].contains(job.status) else {
                throw DecisionError.jobSettled(id: jobID, status: job.status)
            }
            job.status = succeeded ? "succeeded" : "failed"
            job.cost = cost ?? (succeeded ? job.estimate : 0)
            job.finishedMs = now
            job.modelVersion = modelVersion ?? job.modelVersion
            try store.updateJob(job)
            var breaker = CircuitBreaker(try store.breaker(mode: job.mode, model: job.model))
            if succeeded {
                breaker.recordSuccess()
            } else {
                breaker.recordFailure(
                    now: now, threshold: configuration.guardrailPolicy(model: job.model).breakerThreshold)
            }
            try store.setBreaker(StoredBreaker(breaker.state), mode: job.mode, model: job.model)
            return job
        }
    }
}
