import DriftCore

/// Why an operator command on decisions or jobs could not be carried out.
public enum DecisionError: Error, Equatable, Sendable {
    /// No decision has this id.
    case noDecision(id: Int64)
    /// The decision is not waiting for an approval (its action is `action`).
    case notAwaitingApproval(id: Int64, action: String)
    /// The decision was superseded by decision `by` (its window decided again, now `verdict` with
    /// action `action`): only a window's current decision can be approved.
    case superseded(id: Int64, by: Int64, verdict: String, action: String)
    /// No job has this id.
    case noJob(id: String)
    /// The job has already settled with `status`.
    case jobSettled(id: String, status: String)
}

extension DecisionError: CustomStringConvertible {
    /// What happened and what to do.
    public var description: String {
        switch self {
        case let .noDecision(id):
            "no decision #\(id); list them with `driftwatch decisions`"
        case let .notAwaitingApproval(id, action):
            "decision #\(id) is not awaiting approval (its action is \(action)); only a `review` decision can be approved"
        case let .superseded(id, by, verdict, action):
            "decision #\(id) was superseded by decision #\(by) (\(verdict) → \(action)) when its window was decided "
                + "again; only a window's current decision can be approved"
                + (action == DecisionAction.awaitingApproval.rawValue
                    ? ": approve #\(by) instead" : "; nothing was run")
        case let .noJob(id):
            "no job '\(id)'; `driftwatch explain DECISION` shows the job ids a decision started"
        case let .jobSettled(id, status):
            "job '\(id)' has already settled as \(status); nothing was changed"
        }
    }
}
