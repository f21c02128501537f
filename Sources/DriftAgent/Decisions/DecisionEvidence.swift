import DriftCore
import DriftStore

/// Reads what the policy needs about a window and the windows before it from the store.
enum DecisionEvidence {
    /// The window `key`'s evidence and that of the `lookback − 1` window slots before it (same version).
    /// - Throws: ``StoreError``, ``AgentError/corruptWindow(model:version:start:reason:)``.
    static func load(
        _ window: StoredWindow, store: Store, policy: DecisionPolicy, baseline: BaselinePerformance
    ) throws -> (current: WindowEvidence, history: [WindowEvidence]) {
        let key = window.key
        let profile = try window.profileWithLabels()  // delayed labels credited so far included
        var current = try evidence(window, store: store)
        if let binary = profile.binary, binary.count > 0 {
            current.performance = WindowEvidence.Performance(window: binary, baseline: baseline.accumulator)
        }
        if policy.usesEstimates,
            let estimate = PerformanceEstimation.estimate(profile: profile, calibration: baseline.calibration)
        {
            current.estimated = WindowEvidence.Estimated(estimate, baseline: baseline.accumulator)
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

    /// The labelled performance of a model's current baseline and the calibration it gives.
    struct BaselinePerformance {
        /// The baseline's binary-classification accumulator, if it has labels.
        var accumulator: BinaryClassificationAccumulator?
        /// Learned from its labelled scores, for estimates.
        var calibration: ScoreCalibration?
    }

    /// The binary-classification accumulator of the model's current baseline, if it has labels,
    /// and the calibration learned from it.
    static func baselinePerformance(model: String, store: Store) throws -> BaselinePerformance {
        guard let stored = try store.currentBaseline(model: model) else { return BaselinePerformance() }
        do {
            let profile = try Profile(decoding: stored.profile)
            return BaselinePerformance(
                accumulator: profile.binary, calibration: PerformanceEstimation.calibration(baseline: profile))
        } catch {
            throw AgentError.corruptBaseline(model: model, version: stored.version, reason: error)
        }
    }
}
