import DriftCore
import DriftStore

/// Verifies a state file for `driftwatch check --state`: every window profile and every baseline
/// profile decodes, and the line counters agree (``CounterCheck``).
public enum StateCheck {
    /// What was verified.
    public struct Summary: Sendable, Equatable {
        /// Models with windows or baselines.
        public var models: Int
        /// Window profiles decoded.
        public var windows: Int
        /// Baseline profiles decoded.
        public var baselines: Int
        /// The line counters, which agree (``CounterCheck``).
        public var counters: CounterCheck.Totals

        /// Creates a summary.
        public init(
            models: Int, windows: Int, baselines: Int,
            counters: CounterCheck.Totals = .init(files: 0, lines: 0, badLines: 0)
        ) {
            self.models = models
            self.windows = windows
            self.baselines = baselines
            self.counters = counters
        }
    }

    /// Checks the file's SQLite structure, decodes every stored profile, model by model, then
    /// checks the line counters.
    /// - Throws: ``StoreError`` (category `corrupt`) when SQLite finds a damaged page or index;
    ///   ``AgentError/corruptWindow(model:version:start:reason:)`` or
    ///   ``AgentError/corruptBaseline(model:version:reason:)`` for the first blob that does not
    ///   decode (in model, version, start order);
    ///   ``AgentError/inconsistentCounters(problems:)`` listing every counter that disagrees.
    /// - Complexity: O(file size + total profile bytes); holds one model's windows at a time.
    public static func run(store: Store) throws -> Summary {
        try store.checkIntegrity()
        let models = try store.models()
        var windows = 0
        for model in models {
            for window in try store.windows(model: model) {
                do {
                    _ = try Profile(decoding: window.profile)
                } catch {
                    throw AgentError.corruptWindow(
                        model: window.key.model, version: window.key.version, start: window.key.startMs, reason: error)
                }
                windows += 1
            }
        }
        let baselines = try store.baselines()
        for baseline in baselines {
            do {
                _ = try Profile(decoding: baseline.profile)
            } catch {
                throw AgentError.corruptBaseline(model: baseline.model, version: baseline.version, reason: error)
            }
        }
        let counters = try CounterCheck.verify(store: store)
        return Summary(models: models.count, windows: windows, baselines: baselines.count, counters: counters)
    }
}
