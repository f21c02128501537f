import DriftCore
import DriftStore

/// Reads stored windows, their scores and bad-line counts into a ``Report``.
///
/// Nothing is recomputed: the statistics are those the backfill (or the agent) stored when the
/// window was scored, so the report always agrees with what decisions were based on. Only the
/// model-level aggregation (drift share against the model's `drift_share`) and the performance
/// figures (from the stored profile's accumulators) are derived here.
public enum ReportBuilder {
    /// Builds the report of every stored window matching the filters.
    /// - Parameters:
    ///   - store: the state file.
    ///   - configuration: gives each model's `drift_share`.
    ///   - model: only this model; `nil` for all.
    ///   - since: only windows starting at or after this time (epoch ms).
    ///   - until: only windows starting before this time (epoch ms).
    ///   The decisions of those windows and each model's budget are added too.
    /// - Throws: ``StoreError``, or ``AgentError/corruptWindow(model:version:start:reason:)`` for a
    ///   profile that cannot be decoded.
    /// - Complexity: O(windows × scores per window).
    public static func build(
        store: Store, configuration: Configuration, model: String? = nil, since: Int64? = nil, until: Int64? = nil
    ) throws -> Report {
        let stored = try store.windows(model: model, since: since, until: until)
        var windows: [Report.Window] = []
        windows.reserveCapacity(stored.count)
        var baselines = BaselineCache()
        var pooled: [String: [String: BinaryClassificationAccumulator]] = [:]
        for window in stored {
            let profile = try window.profileWithLabels()
            windows.append(
                try self.window(
                    window, profile: profile, store: store, configuration: configuration, baselines: &baselines))
            if let binary = profile.binary {
                let version = window.key.version
                if var merged = pooled[window.key.model]?[version] {
                    if (try? merged.merge(binary)) != nil { pooled[window.key.model]?[version] = merged }
                } else {
                    pooled[window.key.model, default: [:]][version] = binary
                }
            }
        }
        var models = summaries(windows)
        for index in models.indices {
            let own = windows.filter { $0.model == models[index].model }
            models[index].perVersion = versionSummaries(own, pooled: pooled[models[index].model] ?? [:])
            models[index].warnings = chunkSizeWarnings(own)
        }
        var report = Report(models: models, windows: windows)
        try addDecisions(to: &report, store: store, configuration: configuration, since: since, until: until)
        return report
    }

    /// Baselines and their calibrations per model version, loaded once.
    struct BaselineCache {
        private var entries:
            [StreamKey: (profile: Profile?, calibration: ScoreCalibration?, learned: LearnedThresholds?)] = [:]

        /// The baseline a window of `model`/`version` is scored against, its calibration, and its
        /// learned thresholds when `learn` (the model uses them).
        mutating func baseline(
            model: String, version: String, store: Store, learn: Bool = false
        ) throws -> (profile: Profile?, calibration: ScoreCalibration?, learned: LearnedThresholds?) {
            let key = StreamKey(model: model, version: version)
            if let entry = entries[key] { return entry }
            let profile = try WindowAggregator.loadBaseline(store: store, key: key)
            let learned = learn ? try WindowAggregator.loadLearned(store: store, key: key) : nil
            let entry = (profile, PerformanceEstimation.calibration(baseline: profile), learned)
            entries[key] = entry
            return entry
        }
    }

    /// The report entry of one stored window.
    /// - Throws: ``StoreError``, ``AgentError/corruptWindow(model:version:start:reason:)``.
    public static func window(
        _ window: StoredWindow, store: Store, configuration: Configuration
    ) throws -> Report.Window {
        var baselines = BaselineCache()
        return try self.window(
            window, profile: try window.profileWithLabels(), store: store, configuration: configuration,
            baselines: &baselines)
    }

    private static func window(
        _ window: StoredWindow, profile: Profile, store: Store, configuration: Configuration,
        baselines: inout BaselineCache
    ) throws -> Report.Window {
        let key = window.key
        let scores = try store.scores(model: key.model, version: key.version, start: key.startMs)
        let bad = try store.badLines(model: key.model, version: key.version, start: key.startMs)
        var features: [Report.Feature] = []
        var prediction: Report.Feature?
        for (name, rows) in group(scores) {
            let feature = self.feature(name: name, scores: rows)
            if name == WindowScorer.predictionName { prediction = feature } else { features.append(feature) }
        }
        var report = Report.Window(
            model: key.model, version: key.version, startMs: key.startMs, endMs: window.endMs, rows: window.rows,
            badLines: bad.map { Report.ReasonCount(reason: $0.reason, count: $0.count) }
                .sorted { $0.reason < $1.reason },
            features: features, prediction: prediction,
            driftedFeatures: features.count(where: \.drift), scoredFeatures: features.count(where: \.isScored),
            driftShareThreshold: configuration.model(named: key.model).driftShare,
            performance: performance(profile.binary, rows: window.rows))
        report.labelRevision = window.labelRevision
        report.regression = profile.regression.flatMap { $0.count > 0 ? $0 : nil }
        report.multiclass = profile.multiclass.flatMap { $0.count > 0 ? $0 : nil }
        let settings = configuration.model(named: key.model)
        let baseline = try baselines.baseline(
            model: key.model, version: key.version, store: store, learn: settings.usesLearnedThresholds)
        if configuration.labels.estimate {
            report.estimated = Report.Estimated(
                PerformanceEstimation.estimate(profile: profile, calibration: baseline.calibration),
                baselineLabeledRows: baseline.calibration?.rows ?? 0)
        }
        if settings.usesLearnedThresholds, let chunkRows = ChunkSizeCheck.chunkRows(baseline.learned) {
            report.learnedChunkRows = chunkRows
            if let warning = ChunkSizeCheck.warning(rows: window.rows, learned: baseline.learned) {
                report.warnings.append(warning)
            }
        }
        if let label = profile.label, label.rows > 0 {
            let scores = WindowScorer.labelScores(
                label: label, baseline: baseline.profile, model: settings, learned: baseline.learned)
            report.label = feature(name: WindowScorer.labelName, scores: scores)
        }
        return report
    }

    /// Scores grouped by feature, features sorted by name, each group in the store's test order.
    static func group(_ scores: [StoredScore]) -> [(String, [StoredScore])] {
        var byFeature: [String: [StoredScore]] = [:]
        for score in scores { byFeature[score.feature, default: []].append(score) }
        return byFeature.keys.sorted().map { ($0, byFeature[$0] ?? []) }
    }

    static func feature(name: String, scores: [StoredScore]) -> Report.Feature {
        let ordered = scores.sorted { order($0.test) < order($1.test) }
        let primaryScore = ordered.first(where: \.isPrimary) ?? ordered[0]
        let label = WindowScorer.verdictLabel(primaryScore.verdict)
        var reason: String?
        if let colon = primaryScore.verdict.firstIndex(of: ":") {
            reason = String(primaryScore.verdict[primaryScore.verdict.index(after: colon)...].drop { $0 == " " })
        }
        return Report.Feature(
            name: name, kind: primaryScore.kind,
            statistics: ordered.map { Report.Value(test: $0.test, value: $0.value) },
            pValues: ordered.compactMap { score in score.pValue.map { Report.Value(test: score.test, value: $0) } },
            primary: Report.Primary(
                statistic: primaryScore.test, value: primaryScore.value, threshold: primaryScore.threshold,
                verdict: label, reason: reason, thresholdSource: primaryScore.thresholdSource))
    }

    /// A test's position in ``DriftTest/allCases`` (unknown names last, by name).
    private static func order(_ test: String) -> Int {
        DriftTest(rawValue: test).flatMap { DriftTest.allCases.firstIndex(of: $0) } ?? DriftTest.allCases.count
    }

    static func performance(_ binary: BinaryClassificationAccumulator?, rows: Int64) -> Report.Performance {
        var performance = Report.Performance()
        performance.labelCoverage = rows > 0 ? Double(binary?.count ?? 0) / Double(rows) : nil
        guard let binary, binary.count > 0 else { return performance }
        performance.labeledRows = binary.count
        performance.accuracy = binary.accuracy
        performance.precision = binary.precision
        performance.recall = binary.recall
        performance.f1 = binary.f1
        performance.auc = binary.auc
        performance.logLoss = binary.logLoss
        performance.brier = binary.brier
        performance.calibrationError = binary.expectedCalibrationError
        return performance
    }

    private static func versionSummaries(
        _ windows: [Report.Window], pooled: [String: BinaryClassificationAccumulator]
    ) -> [Report.VersionSummary] {
        var byVersion: [String: Report.VersionSummary] = [:]
        for window in windows {
            var summary =
                byVersion[window.version]
                ?? Report.VersionSummary(
                    version: window.version, windows: 0, driftedWindows: 0, rows: 0, performance: Report.Performance())
            summary.windows += 1
            summary.driftedWindows += window.drift ? 1 : 0
            summary.rows += window.rows
            byVersion[window.version] = summary
        }
        return byVersion.keys.sorted().compactMap { version in
            guard var summary = byVersion[version] else { return nil }
            summary.performance = performance(pooled[version], rows: summary.rows)
            return summary
        }
    }

    private static func summaries(_ windows: [Report.Window]) -> [Report.ModelSummary] {
        var summaries: [Report.ModelSummary] = []
        for window in windows {
            if let last = summaries.indices.last, summaries[last].model == window.model {
                var summary = summaries[last]
                if !summary.versions.contains(window.version) { summary.versions.append(window.version) }
                summary.windows += 1
                summary.driftedWindows += window.drift ? 1 : 0
                summary.rows += window.rows
                summary.firstStartMs = min(summary.firstStartMs, window.startMs)
                summary.lastEndMs = max(summary.lastEndMs, window.endMs)
                summaries[last] = summary
            } else {
                summaries.append(
                    Report.ModelSummary(
                        model: window.model, versions: [window.version], windows: 1,
                        driftedWindows: window.drift ? 1 : 0, rows: window.rows, firstStartMs: window.startMs,
                        lastEndMs: window.endMs))
            }
        }
        for index in summaries.indices { summaries[index].versions.sort() }
        return summaries
    }
}
