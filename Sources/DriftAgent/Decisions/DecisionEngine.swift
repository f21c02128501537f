import DriftCore
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// Turns closed windows into recorded decisions and, in `fire` mode, into bounded actions.
///
/// The one entry point shared by `backfill` and the live agent is
/// ``evaluate(closedWindows:store:now:mode:)``. For each closed window it asks the model's
/// ``DecisionPolicy`` for a verdict, then — in ONE `BEGIN IMMEDIATE` transaction — records the
/// decision, opens, continues or resolves the model's episode, checks every guardrail against the
/// state in the store, reserves the retrain's estimated cost in the job ledger and records the
/// intent of every hook to run. Hooks run after that transaction commits, and their outcomes are
/// recorded in another. So concurrent triggers on two connections are serialised by SQLite and
/// can never both see room in a budget or an empty single-flight slot.
///
/// Each window is decided once per mode. In `fire` mode only the newest closed window of each
/// model in a call is decided: after downtime the agent judges the current state once instead
/// of replaying every missed window (the older windows still count in K-of-N). A `backtest`
/// decides every window at the instant it closed (its end plus the lateness), keeps guardrail
/// state of its own, and runs nothing; the `dry_run` setting turns `fire` into `backtest`.
public struct DecisionEngine: Sendable {
    /// Whether actions run.
    public enum Mode: String, Sendable, CaseIterable {
        /// Record what would have been decided and fired; run nothing.
        case backtest
        /// Run the hooks for real.
        case fire
    }

    /// The configuration: policy, guardrails and hooks per model.
    public let configuration: Configuration
    /// Runs the hooks.
    public var runner: HookRunner
    /// Waits between notification attempts, in milliseconds (tests pass a no-op).
    public var sleep: @Sendable (Int64) -> Void

    /// Creates an engine.
    public init(
        configuration: Configuration, runner: HookRunner = HookRunner(),
        sleep: @escaping @Sendable (Int64) -> Void = { usleep(UInt32(clamping: $0 * 1000)) }
    ) {
        self.configuration = configuration
        self.runner = runner
        self.sleep = sleep
    }

    /// Decides every window of `closedWindows` not yet decided in this mode (in `fire` mode, only
    /// each model's newest), records the decisions and, in `fire` mode, runs their hooks.
    ///
    /// A backtest also decides, first and in window order, every stored window of the same model
    /// and version that starts before one of `closedWindows` and has no backtest decision yet (it
    /// has closed too): a run interrupted between storing windows and deciding them leaves none
    /// undecided, and the resumed run decides exactly what an uninterrupted one does.
    ///
    /// - Parameters:
    ///   - closedWindows: windows that closed since the last call; their scores must be stored.
    ///   - store: the state file (this connection writes the decisions).
    ///   - now: the wall clock, epoch ms (used in `fire` mode; a backtest uses each window's close time).
    ///   - mode: `backtest` or `fire`.
    /// - Returns: the decisions recorded by this call, in order, as they stand after their hooks ran.
    /// - Throws: ``StoreError``, ``AgentError`` for an unreadable window or baseline.
    /// - Complexity: O(windows × lookback × features) plus the hooks' run time.
    @discardableResult
    public func evaluate(
        closedWindows: [StoredWindowKey], store: Store, now: Int64, mode: Mode
    ) throws -> [StoredDecision] {
        let mode: Mode = configuration.guardrails.dryRun ? .backtest : mode
        if mode == .fire { try reconcile(store: store, now: now) }
        try settleJobs(forNewVersionsIn: closedWindows, store: store, now: now, mode: mode)
        var windows = Set(closedWindows)
        if mode == .backtest { windows.formUnion(try undecidedBefore(windows, store: store)) }
        var keys = windows.sorted {
            ($0.model, $0.version, $0.startMs) < ($1.model, $1.version, $1.startMs)
        }
        if mode == .fire {
            var newest: [String: StoredWindowKey] = [:]
            for key in keys where (newest[key.model]?.startMs ?? .min) < key.startMs { newest[key.model] = key }
            keys = newest.values.sorted { $0.model < $1.model }
        }
        var baselines: [String: DecisionEvidence.BaselinePerformance] = [:]
        var decided: [StoredDecision] = []
        for key in keys {
            guard let judged = try judge(key, store: store, mode: mode, baselines: &baselines) else { continue }
            let at = mode == .backtest ? judged.window.endMs + judged.latenessMilliseconds : now
            guard
                let plan = try record(
                    judged.verdict, window: judged.window, rows: judged.rows, at: at, judged.context, store: store)
            else { continue }
            try run(plan.hooks, store: store, now: now)
            decided.append(try store.decision(id: plan.decision.id) ?? plan.decision)
        }
        return decided
    }

    /// Settles hook runs left open by a process that stopped mid-run: their intent is older than its
    /// timeout plus a minute, so no runner is still waiting for them. They are marked `interrupted`,
    /// never run again; a retrain's reserved job becomes `unknown` (still counted in flight and
    /// against budgets) until `driftwatch job complete` settles it.
    /// - Returns: how many runs were reconciled.
    @discardableResult
    public func reconcile(store: Store, now: Int64) throws -> Int {
        try store.transaction {
            var count = 0
            for var run in try store.openHookRuns() where run.startedMs + run.timeoutMs + 60_000 < now {
                run.state = "interrupted"
                run.finishedMs = now
                guard try store.finishHookRun(run) else { continue }
                count += 1
                guard run.event == HookEvent.retrain.rawValue else { continue }
                for var job in try store.jobs(decisionId: run.decisionId) where job.status == "reserved" {
                    job.status = "unknown"
                    try store.updateJob(job)
                }
            }
            return count
        }
    }

    /// A window judged by its model's policy: the verdict and what it was judged with.
    struct Judgement {
        var window: StoredWindow
        var verdict: PolicyDecision
        var rows: UInt64
        var context: Context
        var latenessMilliseconds: Int64
    }

    /// Judges the stored window `key` (`nil` when the model is not configured or the window is not
    /// stored); `baselines` caches each model's baseline performance across calls.
    func judge(
        _ key: StoredWindowKey, store: Store, mode: Mode,
        baselines: inout [String: DecisionEvidence.BaselinePerformance]
    ) throws -> Judgement? {
        guard configuration.accepts(model: key.model),
            let window = try store.window(model: key.model, version: key.version, start: key.startMs)
        else { return nil }
        let model = configuration.model(named: key.model)
        var policy = model.decisionPolicy
        policy.usesEstimates = configuration.labels.estimate
        if baselines[key.model] == nil {
            baselines[key.model] = try DecisionEvidence.baselinePerformance(model: key.model, store: store)
        }
        let (current, history) = try DecisionEvidence.load(
            window, store: store, policy: policy, baseline: baselines[key.model] ?? .init())
        let context = Context(
            mode: mode, model: key.model, policy: policy, guardrails: configuration.guardrailPolicy(model: key.model))
        return Judgement(
            window: window, verdict: policy.decision(for: current, history: history), rows: current.rows,
            context: context, latenessMilliseconds: model.latenessMilliseconds)
    }

    /// What one decision is judged with.
    struct Context {
        var mode: Mode
        var model: String
        var policy: DecisionPolicy
        var guardrails: GuardrailPolicy
    }
}

extension WindowSnapshot {
    /// The key the window is stored under.
    var storedKey: StoredWindowKey {
        StoredWindowKey(model: key.stream.model, version: key.stream.version, startMs: key.start)
    }
}
