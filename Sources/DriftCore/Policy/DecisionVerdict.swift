/// What the policy calls for after a closed window: the seed's four outcomes, plus "cannot say".
///
/// Raw values are the stable labels of the `decisions` JSON contract (docs/DECISIONS.md).
public enum DecisionVerdict: String, Sendable, CaseIterable, Equatable {
    /// Nothing to do: enough data, no drift held, performance within range.
    case ok
    /// Performance dropped beyond the accepted range versus the baseline: a person decides.
    case review
    /// Drift held for K of the last N windows: retrain.
    case retrain
    /// Performance fell below its absolute floor: page someone (optionally roll back).
    case block
    /// Too little data to decide; never silently `ok`.
    case insufficientData = "insufficient_data"

    /// Whether the verdict asks for an action (it opens or continues an episode).
    public var isActionable: Bool {
        switch self {
        case .review, .retrain, .block: true
        case .ok, .insufficientData: false
        }
    }
}

/// What was done about a decision; raw values are the labels of the `decisions` JSON contract.
public enum DecisionAction: String, Sendable, CaseIterable, Equatable {
    /// Nothing was run: the verdict needs no action, or the episode's action was already taken.
    case none
    /// The action's hook was run for real.
    case fired
    /// A backtest or dry run: the action would have fired, nothing was run.
    case backtest
    /// A guardrail vetoed the action.
    case denied
    /// A `review` waits for `driftwatch approve ID`.
    case awaitingApproval = "awaiting_approval"
}

/// One reason behind a decision: a stable code for scripts and a sentence for people.
public struct DecisionReason: Sendable, Equatable {
    /// Stable reason codes (docs/DECISIONS.md lists each with its meaning).
    public enum Code: String, Sendable, CaseIterable, Equatable {
        /// The window has fewer rows than `min_rows`.
        case insufficientRows = "insufficient_rows"
        /// No feature could be scored (no baseline, or every feature lacked data).
        case notScored = "not_scored"
        /// The floor metric is below its floor.
        case performanceFloor = "performance_floor"
        /// The drop metric fell by more than `max_drop` versus the baseline.
        case performanceDrop = "performance_drop"
        /// Too few labelled rows to judge performance (noted; does not block other verdicts).
        case labelsInsufficient = "labels_insufficient"
        /// Performance was judged on the estimate from the window's scores (too few labels).
        case performanceEstimated = "performance_estimated"
        /// The drift condition held in at least K of the last N windows.
        case driftHeld = "drift_held"
        /// This window drifts, but not yet in K of the last N windows.
        case driftNotHeld = "drift_not_held"
        /// No drift condition is met in this window.
        case noDrift = "no_drift"
        /// The episode this verdict belongs to already had its action.
        case episodeOpen = "episode_open"
        /// The window was decided again because labels that arrived after its decision revised its
        /// realised performance (the decision supersedes the earlier one).
        case lateLabels = "late_labels"
        /// The window was decided again because `backfill --replace` ingested it anew and the
        /// verdict changed (the decision supersedes the earlier one).
        case windowReplaced = "window_replaced"
    }

    /// The stable code.
    public var code: Code
    /// One sentence with the figures.
    public var message: String

    /// Creates a reason.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
