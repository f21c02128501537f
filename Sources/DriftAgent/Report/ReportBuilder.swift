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
    /// - Throws: ``StoreError``, or ``AgentError/corruptWindow(model:version:start:reason:)`` for a
    ///   profile that cannot be decoded.
    /// - Complexity: O(windows × scores per window).
    public static func build(
        store: Store, configuration: Configuration, model: String? = nil, since: Int64? = nil, until: Int64? = nil
    ) throws -> Report {
        let stored = try store.windows(model: model, since: since, until: until)
        var windows: [Report.Window] = []
        windows.reserveCapacity(stored.count)
        for window in stored {
            windows.append(try self.window(window, store: store, configuration: configuration))
        }
        return Report(models: summaries(windows), windows: windows)
    }

    /// The report entry of one stored window.
    /// - Throws: ``StoreError``, ``AgentError/corruptWindow(model:version:start:reason:)``.
    public static func window(
        _ window: StoredWindow, store: Store, configuration: Configuration
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
        let profile: Profile
        do {
            profile = try Profile(decoding: window.profile)
        } catch {
            throw AgentError.corruptWindow(model: key.model, version: key.version, start: key.startMs, reason: error)
        }
        return Report.Window(
            model: key.model, version: key.version, startMs: key.startMs, endMs: window.endMs, rows: window.rows,
            badLines: bad.map { Report.ReasonCount(reason: $0.reason, count: $0.count) }
                .sorted { $0.reason < $1.reason },
            features: features, prediction: prediction,
            driftedFeatures: features.count(where: \.drift), scoredFeatures: features.count(where: \.isScored),
            driftShareThreshold: configuration.model(named: key.model).driftShare,
            performance: performance(profile.binary))
    }

    /// Scores grouped by feature, features sorted by name, each group in the store's test order.
    private static func group(_ scores: [StoredScore]) -> [(String, [StoredScore])] {
        var byFeature: [String: [StoredScore]] = [:]
        for score in scores { byFeature[score.feature, default: []].append(score) }
        return byFeature.keys.sorted().map { ($0, byFeature[$0] ?? []) }
    }

    private static func feature(name: String, scores: [StoredScore]) -> Report.Feature {
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
                verdict: label, reason: reason))
    }

    /// A test's position in ``DriftTest/allCases`` (unknown names last, by name).
    private static func order(_ test: String) -> Int {
        DriftTest(rawValue: test).flatMap { DriftTest.allCases.firstIndex(of: $0) } ?? DriftTest.allCases.count
    }

    private static func performance(_ binary: BinaryClassificationAccumulator?) -> Report.Performance {
        var performance = Report.Performance()
        guard let binary, binary.count > 0 else { return performance }
        performance.labeledRows = binary.count
        performance.accuracy = binary.accuracy
        performance.precision = binary.precision
        performance.recall = binary.recall
        performance.f1 = binary.f1
        performance.auc = binary.auc
        performance.logLoss = binary.logLoss
        performance.brier = binary.brier
        return performance
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
