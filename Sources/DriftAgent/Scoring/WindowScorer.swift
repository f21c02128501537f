import DriftCore
import DriftStore

/// Scores a window's profile against its baseline with the model's statistics and thresholds.
///
/// Every applicable statistic of every feature is scored (and stored, for the audit trail); the
/// model's primary statistic per feature kind (or the feature's override) decides the feature's
/// verdict. The prediction is scored like a feature under the reserved name ``predictionName``.
/// Each threshold comes from ``ModelConfiguration/threshold(for:feature:isPrimary:learned:)``, and
/// the score records its source.
public enum WindowScorer {
    /// The reserved feature name under which the prediction's drift is stored.
    public static let predictionName = "@prediction"

    /// The reserved feature name under which label drift is reported.
    public static let labelName = "@label"

    /// The label's drift against the baseline's labels, scored like a feature (reports compute
    /// it when read, since delayed labels change it after the window was stored).
    public static func labelScores(
        label: FeatureSummary, baseline: Profile?, model: ModelConfiguration, learned: LearnedThresholds? = nil
    ) -> [StoredScore] {
        featureScores(
            name: labelName, window: label, baseline: baseline?.label, windowRows: label.rows, model: model,
            hasBaseline: baseline != nil, learned: learned)
    }

    /// The scores of every feature (and the prediction) of `profile`; `learned` is the baseline's
    /// learned thresholds, used where the model turns them on.
    public static func scores(
        profile: Profile, baseline: Profile?, model: ModelConfiguration, learned: LearnedThresholds? = nil
    ) -> [StoredScore] {
        var scores: [StoredScore] = []
        var names = Set(profile.features.keys)
        if let baseline { names.formUnion(baseline.features.keys) }
        for name in names.sorted() {
            scores += featureScores(
                name: name, window: profile.features[name], baseline: baseline?.features[name],
                windowRows: profile.rows, model: model, hasBaseline: baseline != nil, learned: learned)
        }
        if let prediction = profile.prediction {
            scores += featureScores(
                name: predictionName, window: prediction, baseline: baseline?.prediction, windowRows: profile.rows,
                model: model, hasBaseline: baseline != nil, learned: learned)
        }
        return scores
    }

    private static func featureScores(
        name: String, window: FeatureSummary?, baseline: FeatureSummary?, windowRows: UInt64,
        model: ModelConfiguration, hasBaseline: Bool, learned: LearnedThresholds?
    ) -> [StoredScore] {
        let kind = baseline?.kind ?? window?.kind ?? .numeric
        let test = model.primaryStatistic(feature: name, kind: kind)
        let resolved = model.threshold(for: test, feature: name, isPrimary: true, learned: learned)
        let primary = (test: test, threshold: resolved.value, source: resolved.source)
        guard let baseline else {
            let reason = hasBaseline ? "feature not in the baseline" : "no baseline for this model"
            return [unscored(name, kind, primary, reason)]
        }
        var window = window ?? FeatureSummary(kind: baseline.kind)
        if window.rows == 0, windowRows > 0 {  // absent from every line of the window: all missing
            window.rows = windowRows
            window.missing = windowRows
        }
        guard let comparison = FeatureComparison.compare(window: window, baseline: baseline) else {
            return [
                unscored(
                    name, kind, primary, "kind \(window.kind.rawValue) differs from the baseline's \(kind.rawValue)")
            ]
        }
        var scores: [StoredScore] = []
        for statistic in comparison.statistics {
            let test = statistic.test
            let threshold = model.threshold(for: test, feature: name, isPrimary: test == primary.test, learned: learned)
            let score = comparison.score(test, threshold: threshold.value, minimumRows: model.minimumRows)
            scores.append(
                StoredScore(
                    feature: name, kind: kind.rawValue, test: test.rawValue, value: score.value,
                    threshold: score.threshold, pValue: score.pValue, verdict: verdictText(score.verdict),
                    isPrimary: test == primary.test, thresholdSource: threshold.source.rawValue))
        }
        if !scores.contains(where: \.isPrimary) {
            scores.append(unscored(name, kind, primary, "\(primary.test.rawValue) does not apply to \(kind.rawValue)"))
        }
        return scores
    }

    private static func unscored(
        _ name: String, _ kind: FeatureKind, _ primary: (test: DriftTest, threshold: Double, source: ThresholdSource),
        _ reason: String
    ) -> StoredScore {
        StoredScore(
            feature: name, kind: kind.rawValue, test: primary.test.rawValue, value: .nan, threshold: primary.threshold,
            pValue: nil, verdict: verdictText(.insufficientData(reason: reason)), isPrimary: true,
            thresholdSource: primary.source.rawValue)
    }

    /// The stored form of a verdict: its label, and for insufficient data the reason after a colon.
    public static func verdictText(_ verdict: Verdict) -> String {
        if case .insufficientData(let reason) = verdict { return "\(verdict.label): \(reason)" }
        return verdict.label
    }

    /// The label part of a stored verdict (`drift`, `ok` or `insufficient_data`).
    public static func verdictLabel(_ text: String) -> String {
        String(text.prefix { $0 != ":" })
    }
}
