/// One row of `decisions`: the policy's verdict for one window, what was done, and why.
public struct StoredDecision: Equatable, Sendable {
    /// Row id (0 before insertion); `driftwatch explain ID` takes it.
    public var id: Int64
    /// `"fire"` or `"backtest"`.
    public var mode: String
    /// The model.
    public var model: String
    /// The model version of the window.
    public var version: String
    /// Window start, epoch ms (inclusive).
    public var windowStartMs: Int64
    /// Window end, epoch ms (exclusive).
    public var windowEndMs: Int64
    /// When the decision was taken (wall clock when firing, the window's close time in a backtest).
    public var decidedMs: Int64
    /// `ok`, `review`, `retrain`, `block` or `insufficient_data`.
    public var verdict: String
    /// `none`, `fired`, `backtest`, `denied` or `awaiting_approval`.
    public var action: String
    /// JSON array of `{code, message}`.
    public var reasons: String
    /// JSON array of `{name, verdict, detail}` (empty when no guardrail was consulted).
    public var guardrails: String
    /// JSON object: the figures and thresholds the policy used.
    public var inputs: String
    /// The episode the decision opened or continued.
    public var episodeId: Int64?
    /// When `driftwatch approve` approved it.
    public var approvedMs: Int64?
    /// 0 for the decision taken when the window closed; one more for each re-decision after late labels.
    public var revision: Int64
    /// The decision of the same window and mode this one replaced (revision > 0).
    public var supersedes: Int64?
    /// The window's label revision the decision saw (the delayed labels credited to it so far).
    public var labelRevision: Int64

    /// Creates a decision row.
    public init(
        id: Int64 = 0, mode: String, model: String, version: String, windowStartMs: Int64, windowEndMs: Int64,
        decidedMs: Int64, verdict: String, action: String, reasons: String, guardrails: String, inputs: String,
        episodeId: Int64? = nil, approvedMs: Int64? = nil, revision: Int64 = 0, supersedes: Int64? = nil,
        labelRevision: Int64 = 0
    ) {
        self.id = id
        self.mode = mode
        self.model = model
        self.version = version
        self.windowStartMs = windowStartMs
        self.windowEndMs = windowEndMs
        self.decidedMs = decidedMs
        self.verdict = verdict
        self.action = action
        self.reasons = reasons
        self.guardrails = guardrails
        self.inputs = inputs
        self.episodeId = episodeId
        self.approvedMs = approvedMs
        self.revision = revision
        self.supersedes = supersedes
        self.labelRevision = labelRevision
    }
}

/// One row of `episodes`: consecutive actionable verdicts of one kind, acted on once.
public struct StoredEpisode: Equatable, Sendable {
    /// Row id.
    public var id: Int64
    /// `"fire"` or `"backtest"`.
    public var mode: String
    /// The model.
    public var model: String
    /// The verdict that opened it: `retrain`, `review` or `block`.
    public var kind: String
    /// Start of the window that opened it, epoch ms.
    public var openedMs: Int64
    /// The decision that opened it.
    public var firstDecisionId: Int64
    /// The decision whose action fired (or awaits approval), once one did.
    public var actedDecisionId: Int64?
    /// Whether the `denied` event was already sent for this episode.
    public var deniedAlerted: Bool
    /// Start of the window that resolved it.
    public var resolvedMs: Int64?
    /// The decision that resolved it.
    public var resolvedDecisionId: Int64?

    /// Creates an episode row.
    public init(
        id: Int64, mode: String, model: String, kind: String, openedMs: Int64, firstDecisionId: Int64,
        actedDecisionId: Int64? = nil, deniedAlerted: Bool = false, resolvedMs: Int64? = nil,
        resolvedDecisionId: Int64? = nil
    ) {
        self.id = id
        self.mode = mode
        self.model = model
        self.kind = kind
        self.openedMs = openedMs
        self.firstDecisionId = firstDecisionId
        self.actedDecisionId = actedDecisionId
        self.deniedAlerted = deniedAlerted
        self.resolvedMs = resolvedMs
        self.resolvedDecisionId = resolvedDecisionId
    }
}

/// One row of `jobs`, the cost ledger: a retraining job from reservation to settlement.
public struct StoredJob: Equatable, Sendable {
    /// Row id.
    public var id: Int64
    /// The pipeline's job id (from the hook's output), else `driftwatch-<decision id>`.
    public var jobId: String
    /// `"fire"` or `"backtest"`.
    public var mode: String
    /// The model.
    public var model: String
    /// The decision that started it.
    public var decisionId: Int64
    /// `reserved`, `running`, `unknown`, `succeeded` or `failed`.
    public var status: String
    /// The cost reserved before firing.
    public var estimate: Double
    /// The settled cost, once reported.
    public var cost: Double?
    /// When it was reserved, epoch ms.
    public var startedMs: Int64
    /// When it settled.
    public var finishedMs: Int64?
    /// The model version it produced.
    public var modelVersion: String?

    /// Creates a job row.
    public init(
        id: Int64 = 0, jobId: String, mode: String, model: String, decisionId: Int64, status: String,
        estimate: Double, cost: Double? = nil, startedMs: Int64, finishedMs: Int64? = nil, modelVersion: String? = nil
    ) {
        self.id = id
        self.jobId = jobId
        self.mode = mode
        self.model = model
        self.decisionId = decisionId
        self.status = status
        self.estimate = estimate
        self.cost = cost
        self.startedMs = startedMs
        self.finishedMs = finishedMs
        self.modelVersion = modelVersion
    }
}

/// One row of `hook_runs`: an intent recorded before a hook runs, completed with its outcome.
public struct StoredHookRun: Equatable, Sendable {
    /// Row id.
    public var id: Int64
    /// The decision it belongs to.
    public var decisionId: Int64
    /// The event: `retrain`, `review`, `block`, `alert`, `resolved` or `denied`.
    public var event: String
    /// The event's idempotency key (the same for every attempt).
    public var idempotencyKey: String
    /// The argv, as a JSON array.
    public var argv: String
    /// 1 for the first attempt.
    public var attempt: Int64
    /// `intent`, `succeeded`, `failed`, `timed_out`, `spawn_failed` or `interrupted`.
    public var state: String
    /// When the intent was recorded, epoch ms.
    public var startedMs: Int64
    /// The run's timeout in ms.
    public var timeoutMs: Int64
    /// When the outcome was recorded.
    public var finishedMs: Int64?
    /// The exit status, when the hook exited.
    public var exitCode: Int64?
    /// The signal that ended it, when one did.
    public var signal: Int64?
    /// Captured standard output (capped).
    public var stdout: [UInt8]
    /// Captured standard error (capped).
    public var stderr: [UInt8]
    /// Bytes of standard output beyond the cap, dropped.
    public var stdoutDropped: Int64
    /// Bytes of standard error beyond the cap, dropped.
    public var stderrDropped: Int64

    /// Creates a hook-run row.
    public init(
        id: Int64 = 0, decisionId: Int64, event: String, idempotencyKey: String, argv: String, attempt: Int64,
        state: String = "intent", startedMs: Int64, timeoutMs: Int64, finishedMs: Int64? = nil, exitCode: Int64? = nil,
        signal: Int64? = nil, stdout: [UInt8] = [], stderr: [UInt8] = [], stdoutDropped: Int64 = 0,
        stderrDropped: Int64 = 0
    ) {
        self.id = id
        self.decisionId = decisionId
        self.event = event
        self.idempotencyKey = idempotencyKey
        self.argv = argv
        self.attempt = attempt
        self.state = state
        self.startedMs = startedMs
        self.timeoutMs = timeoutMs
        self.finishedMs = finishedMs
        self.exitCode = exitCode
        self.signal = signal
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutDropped = stdoutDropped
        self.stderrDropped = stderrDropped
    }
}

/// One row of `breakers`: a model's circuit breaker.
public struct StoredBreaker: Equatable, Sendable {
    /// `closed`, `open` or `half_open`.
    public var state: String
    /// Consecutive failures while closed.
    public var failures: Int64
    /// When it opened, epoch ms.
    public var openedMs: Int64?

    /// Creates a breaker row.
    public init(state: String, failures: Int64, openedMs: Int64?) {
        self.state = state
        self.failures = failures
        self.openedMs = openedMs
    }
}
