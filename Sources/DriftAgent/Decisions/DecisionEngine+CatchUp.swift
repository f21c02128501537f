import DriftStore

extension DecisionEngine {
    /// The end of a backfill: decides, in a backtest, every stored window of the configured models
    /// that has no backtest decision yet (the data is historical, so every window has closed), in
    /// window order. In `fire` mode it decides nothing: windows the live rule skipped (only each
    /// model's newest closed window is decided) stay skipped, as after downtime.
    ///
    /// This completes a backfill interrupted after storing windows but before deciding them (a
    /// full disk, a kill): re-running it decides them as an uninterrupted run would have.
    /// - Returns: the decisions recorded, in order.
    /// - Throws: ``StoreError``, ``AgentError`` for an unreadable window or baseline.
    @discardableResult
    public func decideUndecided(store: Store, now: Int64, mode: Mode) throws -> [StoredDecision] {
        let mode: Mode = configuration.guardrails.dryRun ? .backtest : mode
        guard mode == .backtest else { return [] }
        let undecided = try store.undecidedWindows(mode: mode.rawValue).filter {
            configuration.accepts(model: $0.model)
        }
        guard !undecided.isEmpty else { return [] }
        return try evaluate(closedWindows: undecided, store: store, now: now, mode: mode)
    }

    /// The stored windows without a decision in a backtest that start before (or at) the newest of
    /// `closed` of the same model and version: closed, since a stream's windows close in order.
    func undecidedBefore(_ closed: Set<StoredWindowKey>, store: Store) throws -> [StoredWindowKey] {
        var newest: [StreamID: Int64] = [:]
        for key in closed where configuration.accepts(model: key.model) {
            let stream = StreamID(model: key.model, version: key.version)
            newest[stream] = max(newest[stream] ?? .min, key.startMs)
        }
        var undecided: [StoredWindowKey] = []
        for (stream, through) in newest {
            undecided += try store.undecidedWindows(
                mode: Mode.backtest.rawValue, model: stream.model, version: stream.version, through: through)
        }
        return undecided
    }

    /// A model version: the windows of one stream.
    private struct StreamID: Hashable {
        var model: String
        var version: String
    }
}
