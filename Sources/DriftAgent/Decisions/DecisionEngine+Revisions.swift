import DriftCore
import DriftStore

extension DecisionEngine {
    /// A re-decision: the decision it supersedes and why.
    struct Supersession {
        /// The window's current decision, replaced (kept in the log) by the new one.
        var decision: StoredDecision
        /// `late_labels` (how many labels arrived and what changed) or `window_replaced`.
        var reason: DecisionReason
    }

    /// Decides again each window of `revisedWindows` whose delayed labels changed since its
    /// current decision in `mode` (its label revision is newer than the one the decision saw).
    ///
    /// A new decision is recorded only when the outcome changes: the verdict differs, or realised
    /// performance is now judged where the decision judged an estimate or nothing. It supersedes
    /// the earlier decision (which stays in the log), starts with the reason `late_labels`, and is
    /// recorded and acted on like any decision — in one transaction with its episode, guardrails
    /// and hook intents; hooks run only in `fire` mode. A re-decision of the same kind continues
    /// the superseded decision's episode, so an episode's action is never taken twice. A window
    /// without a decision in `mode` is not decided here (in `fire` mode windows skipped after
    /// downtime stay skipped).
    ///
    /// - Parameters:
    ///   - revisedWindows: windows whose labels a batch revised.
    ///   - now: the wall clock, epoch ms; a backtest re-decides at the model's watermark (the newest
    ///     event time, labels' included) when that is after the original decision.
    /// - Returns: the new decisions, in window order, as they stand after their hooks ran.
    /// - Throws: ``StoreError``, ``AgentError`` for an unreadable window or baseline.
    @discardableResult
    public func redecide(revisedWindows: [StoredWindowKey], store: Store, now: Int64, mode: Mode) throws
        -> [StoredDecision]
    {
        try redecide(revisedWindows, store: store, now: now, mode: mode) { judged, previous in
            guard judged.window.labelRevision > previous.labelRevision else { return nil }
            return try Self.lateLabelsReason(judged, previous: previous, store: store)
        }
    }

    /// Decides again each window of `replacedWindows` that `backfill --replace` deleted and
    /// ingested anew and that already had a decision in `mode`.
    ///
    /// A new decision is recorded only when the verdict changes; it supersedes the earlier one
    /// (kept in the log) with the first reason `window_replaced`, and is recorded and acted on like
    /// a re-decision after late labels (same episode rules, hooks only in `fire` mode). A window
    /// without a decision in `mode` is not decided here.
    /// - Returns: the new decisions, in window order, as they stand after their hooks ran.
    /// - Throws: ``StoreError``, ``AgentError`` for an unreadable window or baseline.
    @discardableResult
    public func redecide(replacedWindows: [StoredWindowKey], store: Store, now: Int64, mode: Mode) throws
        -> [StoredDecision]
    {
        try redecide(replacedWindows, store: store, now: now, mode: mode) { judged, previous in
            let verdict = judged.verdict.verdict.rawValue
            guard verdict != previous.verdict else { return nil }
            return DecisionReason(
                .windowReplaced,
                "window re-ingested with --replace (\(judged.rows) rows); supersedes decision #\(previous.id) "
                    + "(\(previous.verdict)), now \(verdict)")
        }
    }

    /// Judges each window of `windows` that has a decision in `mode` again and records a
    /// superseding decision when `reason` gives one for the judgement and the current decision.
    private func redecide(
        _ windows: [StoredWindowKey], store: Store, now: Int64, mode: Mode,
        reason: (Judgement, StoredDecision) throws -> DecisionReason?
    ) throws -> [StoredDecision] {
        let mode: Mode = configuration.guardrails.dryRun ? .backtest : mode
        let keys = Set(windows).sorted {
            ($0.model, $0.version, $0.startMs) < ($1.model, $1.version, $1.startMs)
        }
        var baselines: [String: DecisionEvidence.BaselinePerformance] = [:]
        var decided: [StoredDecision] = []
        for key in keys {
            guard let previous = try store.decision(mode: mode.rawValue, window: key),
                let judged = try judge(key, store: store, mode: mode, baselines: &baselines),
                let reason = try reason(judged, previous)
            else { continue }
            var at = now
            if mode == .backtest {
                at = max(previous.decidedMs, try store.watermarks()[key.model] ?? previous.decidedMs)
            }
            let supersession = Supersession(decision: previous, reason: reason)
            guard
                let plan = try record(
                    judged.verdict, window: judged.window, rows: judged.rows, at: at, judged.context, store: store,
                    supersession: supersession)
            else { continue }
            try run(plan.hooks, store: store, now: now)
            decided.append(try store.decision(id: plan.decision.id) ?? plan.decision)
        }
        return decided
    }

    /// The `late_labels` reason when the judgement changes `previous`'s outcome, else `nil`.
    private static func lateLabelsReason(_ judged: Judgement, previous: StoredDecision, store: Store) throws
        -> DecisionReason?
    {
        let before = PerformanceSource.judged(inputs: previous.inputs)
        let after = judged.verdict.performance?.source
        let verdict = judged.verdict.verdict.rawValue
        let nowRealised = after == .realised && before != .realised
        guard verdict != previous.verdict || nowRealised else { return nil }
        let labels = try store.labelsCredited(judged.window.key, after: previous.labelRevision)
        let what =
            switch (before, after) {
            case (.estimated, .realised): "realised performance from \(labels) late labels replaced the estimate"
            case (nil, .realised): "realised performance from \(labels) late labels is judged (nothing was before)"
            default: "\(labels) late labels revised the performance"
            }
        return DecisionReason(
            .lateLabels, "\(what); supersedes decision #\(previous.id) (\(previous.verdict)), now \(verdict)")
    }
}

extension PerformanceSource {
    /// The source a decision judged, read from its stored `inputs` JSON (`nil`: nothing judged).
    static func judged(inputs: String) -> PerformanceSource? {
        if inputs.contains("\"source\":\"realised\"") { return .realised }
        if inputs.contains("\"source\":\"estimated\"") { return .estimated }
        return nil
    }
}
