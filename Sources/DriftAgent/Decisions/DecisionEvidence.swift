import DriftCore
import DriftStore

/// Reads what the policy needs about a window and the windows before it from the store.
enum DecisionEvidence {
    /// The window `key`'s evidence and that of the `lookback − 1` window slots before it (same version).
    /// - Throws: ``StoreError``, ``AgentError/corruptWindow(model:version:start:reason:)``.
    static func load(
        _ window: StoredWindow, store: Store, policy: DecisionPolicy, baseline: BinaryClassificationAccumulator?
    ) throws -> (current: WindowEvidence, history: [WindowEvidence]) {
        let key = window.key
        let profile: Profile
        do {
            profile = try Profile(decoding: window.profile)
        } catch {
            throw AgentError.corruptWindow(model: key.model, version: key.version, start: key.startMs, reason: error)
        }
        var current = try evidence(window, store: store)
        if let binary = profile.binary, binary.count > 0 {
            current.performance = WindowEvidence.Performance(window: binary, baseline: baseline)
        }
        let earliest = key.startMs - Int64(policy.lookback - 1) * policy.windowMilliseconds
        var history: [WindowEvidence] = []
        for earlier in try store.windows(model: key.model, since: earliest, until: key.startMs)
        where earlier.key.version == key.version {
            history.append(try evidence(earlier, store: store))
        }
        return (current, history)
    }

    /// A window's rows and primary verdicts (no performance).
    private static func evidence(_ window: StoredWindow, store: Store) throws -> WindowEvidence {
        let key = window.key
        var features: [WindowEvidence.Feature] = []
        var prediction: WindowEvidence.FeatureState?
        for score in try store.scores(model: key.model, version: key.version, start: key.startMs) where score.isPrimary
        {
            let state: WindowEvidence.FeatureState =
                switch WindowScorer.verdictLabel(score.verdict) {
                case "drift": .drift
                case "ok": .ok
                default: .insufficientData
                }
            if score.feature == WindowScorer.predictionName {
                prediction = state
            } else {
                features.append(WindowEvidence.Feature(name: score.feature, state: state))
            }
        }
        return WindowEvidence(
            start: key.startMs, end: window.endMs, rows: UInt64(max(window.rows, 0)), features: features,
            prediction: prediction)
    }

    /// The binary-classification accumulator of the model's current baseline, if it has labels.
    static func baselinePerformance(model: String, store: Store) throws -> BinaryClassificationAccumulator? {
        guard let stored = try store.currentBaseline(model: model) else { return nil }
        do {
            return try Profile(decoding: stored.profile).binary
        } catch {
            throw AgentError.corruptBaseline(model: model, version: stored.version, reason: error)
        }
    }
}
