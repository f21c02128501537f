import DriftCore
import DriftStore

extension ReportBuilder {
    /// A scoring horizon to report: its label as given and its length.
    public struct HorizonLength: Sendable, Equatable {
        /// The horizon as given (`"24h"`).
        public var label: String
        /// Its length, milliseconds (positive).
        public var milliseconds: Int64

        /// Creates a horizon.
        public init(label: String, milliseconds: Int64) {
            self.label = label
            self.milliseconds = milliseconds
        }
    }

    /// Each horizon of each model version: the stored windows that start within `length` before
    /// the end of the version's latest window (of those selected by `model`/`until`) are merged —
    /// no log is read again — and the merged profile is scored against the version's baseline.
    ///
    /// Profile merging is exact for counts, bins and accumulators, so the merged performance equals
    /// the figures computed over the same lines at once, and a statistic computed from exact
    /// baseline-bin counts (a numeric feature's PSI, a categorical's) equals that of one window
    /// covering them; statistics read from KLL sketches (KS, Wasserstein, and the prediction, which
    /// has no baseline bins) agree within the sketch's error.
    /// - Throws: ``StoreError``, ``AgentError`` for a window that cannot be decoded or merged.
    /// - Complexity: O(windows in the horizons × profile size).
    public static func horizons(
        store: Store, configuration: Configuration, lengths: [HorizonLength], model: String? = nil,
        until: Int64? = nil
    ) throws -> [Report.Horizon] {
        guard !lengths.isEmpty else { return [] }
        let stored = try store.windows(model: model, since: nil, until: until)
        var byStream: [StreamKey: [StoredWindow]] = [:]
        for window in stored {
            byStream[StreamKey(model: window.key.model, version: window.key.version), default: []].append(window)
        }
        var baselines = BaselineCache()
        var horizons: [Report.Horizon] = []
        for stream in byStream.keys.sorted(by: { ($0.model, $0.version) < ($1.model, $1.version) }) {
            let windows = byStream[stream] ?? []
            guard let end = windows.map(\.endMs).max() else { continue }
            let baseline = try baselines.baseline(
                model: stream.model, version: stream.version, store: store,
                learn: configuration.model(named: stream.model).usesLearnedThresholds)
            for length in lengths {
                let inside = windows.filter { $0.key.startMs >= end - length.milliseconds }
                guard !inside.isEmpty else { continue }
                horizons.append(
                    try horizon(
                        inside, length: length, baseline: baseline, configuration: configuration))
            }
        }
        return horizons
    }

    private static func horizon(
        _ windows: [StoredWindow], length: HorizonLength,
        baseline: (profile: Profile?, calibration: ScoreCalibration?, learned: LearnedThresholds?),
        configuration: Configuration
    ) throws -> Report.Horizon {
        guard let first = windows.first else { preconditionFailure("a horizon merges at least one window") }
        var merged = try first.profileWithLabels()
        for window in windows.dropFirst() {
            do {
                try merged.merge(try window.profileWithLabels())
            } catch let error as SummaryMergeError {
                throw AgentError.windowsUnmergeable(
                    model: window.key.model, version: window.key.version, start: window.key.startMs, reason: error)
            }
        }
        let model = configuration.model(named: first.key.model)
        var features: [Report.Feature] = []
        var prediction: Report.Feature?
        for (name, rows) in group(
            WindowScorer.scores(
                profile: merged, baseline: baseline.profile, model: model, learned: baseline.learned))
        {
            let feature = self.feature(name: name, scores: rows)
            if name == WindowScorer.predictionName { prediction = feature } else { features.append(feature) }
        }
        let rows = windows.reduce(Int64(0)) { $0 + $1.rows }
        var horizon = Report.Horizon(
            model: first.key.model, version: first.key.version, label: length.label,
            lengthMilliseconds: length.milliseconds, startMs: windows.map(\.key.startMs).min() ?? first.key.startMs,
            endMs: windows.map(\.endMs).max() ?? first.endMs, windows: windows.count, rows: rows, features: features,
            prediction: prediction, driftedFeatures: features.count(where: \.drift),
            scoredFeatures: features.count(where: \.isScored), driftShareThreshold: model.driftShare,
            performance: performance(merged.binary, rows: rows))
        if configuration.labels.estimate {
            horizon.estimated = Report.Estimated(
                PerformanceEstimation.estimate(profile: merged, calibration: baseline.calibration),
                baselineLabeledRows: baseline.calibration?.rows ?? 0)
        }
        if model.usesLearnedThresholds,
            let warning = ChunkSizeCheck.warning(
                rows: rows, learned: baseline.learned, subject: "this \(length.label) horizon")
        {
            horizon.warnings.append(warning)
        }
        if let profile = baseline.profile {
            horizon.baselinePerformance = performance(profile.binary, rows: Int64(clamping: profile.rows))
        }
        return horizon
    }
}
