import DriftCore
import DriftStore

extension ReportBuilder {
    /// The window the HTML report details when none is named: the model's latest drifted window,
    /// else its latest window; `nil` when the report has no window of `model`.
    /// - Complexity: O(windows).
    public static func detailWindow(of report: Report, model: String) -> Report.Window? {
        let windows = report.windows.filter { $0.model == model }
        func later(_ a: Report.Window, _ b: Report.Window) -> Bool {
            a.startMs != b.startMs ? a.startMs < b.startMs : a.version < b.version
        }
        return windows.filter(\.drift).max(by: later) ?? windows.max(by: later)
    }

    /// The baseline and window distributions of every feature of `window`, for the HTML report.
    ///
    /// The baseline is the one the window was scored against: the model version's own, else the
    /// model's current one. Shares are aligned exactly as ``DriftCore/FeatureComparison`` aligns
    /// them: numeric features on the baseline's bins (the window's stored bins when their edges
    /// match, else its sketch's ranks at the edges), categorical ones in
    /// ``DriftCore/CategoricalBuckets``.
    /// - Returns: `nil` when no baseline is stored for the model or the window is gone.
    /// - Throws: ``StoreError``, ``AgentError/corruptBaseline(model:version:reason:)``,
    ///   ``AgentError/corruptWindow(model:version:start:reason:)``.
    /// - Complexity: O(features × (bins + categories + sketch size)).
    public static func distributions(store: Store, window: Report.Window) throws -> WindowDistributions? {
        guard
            let storedBaseline = try store.baseline(model: window.model, version: window.version)
                ?? store.currentBaseline(model: window.model),
            let stored = try store.window(model: window.model, version: window.version, start: window.startMs)
        else { return nil }
        let baseline = try Baseline(stored: storedBaseline)
        let profile: Profile
        do {
            profile = try Profile(decoding: stored.profile)
        } catch {
            throw AgentError.corruptWindow(
                model: window.model, version: window.version, start: window.startMs, reason: error)
        }
        var features: [WindowDistributions.Feature] = []
        for name in baseline.profile.featureNames {
            guard let reference = baseline.profile.features[name] else { continue }
            if let feature = distribution(name: name, window: profile.features[name], baseline: reference) {
                features.append(feature)
            }
        }
        if let reference = baseline.profile.prediction,
            let feature = distribution(
                name: WindowScorer.predictionName, window: profile.prediction, baseline: reference)
        {
            features.append(feature)
        }
        let label = storedBaseline.version.isEmpty ? "for all versions" : "for version \(storedBaseline.version)"
        return WindowDistributions(
            model: window.model, version: window.version, startMs: window.startMs, endMs: window.endMs,
            baseline: "\(label), \(storedBaseline.source)", features: features)
    }

    /// One feature's aligned shares; `nil` when the window's kind differs from the baseline's.
    static func distribution(
        name: String, window: FeatureSummary?, baseline: FeatureSummary
    ) -> WindowDistributions.Feature? {
        let window = window ?? FeatureSummary(kind: baseline.kind)
        guard window.kind == baseline.kind else { return nil }
        switch baseline.kind {
        case .numeric:
            let (edges, reference, current, exact) = FeatureComparison.binnedCounts(window: window, baseline: baseline)
            return WindowDistributions.Feature(
                name: name, kind: baseline.kind.rawValue, buckets: binLabels(edges), edges: edges,
                baselineShares: shares(reference), windowShares: shares(current),
                baselineCount: reference.reduce(0, +), windowCount: current.reduce(0, +), isExact: exact)
        case .categorical:
            let buckets = CategoricalBuckets(baseline: baseline.categories, window: window.categories)
            return WindowDistributions.Feature(
                name: name, kind: baseline.kind.rawValue, buckets: buckets.names, edges: [],
                baselineShares: shares(buckets.baseline), windowShares: shares(buckets.window),
                baselineCount: buckets.baseline.reduce(0, +), windowCount: buckets.window.reduce(0, +),
                isExact: baseline.categories.isExact && window.categories.isExact)
        }
    }

    private static func shares(_ counts: [Double]) -> [Double] {
        let total = counts.reduce(0, +)
        return counts.map { total > 0 ? $0 / total : .nan }
    }

    /// `< e0`, `e0 – e1`, …, `≥ eN` (one bin, `all values`, without edges).
    static func binLabels(_ edges: [Double]) -> [String] {
        guard let first = edges.first, let last = edges.last else { return ["all values"] }
        var labels = ["< " + HTMLText.number(first)]
        for index in edges.indices.dropLast() {
            labels.append(HTMLText.number(edges[index]) + " – " + HTMLText.number(edges[index + 1]))
        }
        labels.append("≥ " + HTMLText.number(last))
        return labels
    }
}
