import DriftStore

/// What `driftwatch status` shows: per model and version the last window and its verdict, the
/// number of windows, the baseline in use; and the ingest counters over every source file.
public struct Status: Sendable, Equatable {
    /// One model version's state.
    public struct Stream: Sendable, Equatable {
        /// The model name.
        public var model: String
        /// The model version (`""` when the log has none).
        public var version: String
        /// Stored windows of this version.
        public var windows: Int
        /// Rows over those windows.
        public var rows: Int64
        /// The latest window (by start), with its verdict and drift share.
        public var last: Report.Window?
        /// The baseline this version is scored against, if any.
        public var baseline: Baseline?
    }

    /// The baseline a version is scored against.
    public struct Baseline: Sendable, Equatable {
        /// The version the baseline was built for (may differ: the model's current baseline is the fallback).
        public var version: String
        /// Its content hash, lowercase hex SHA-256.
        public var sha256: String
        /// What it was built from.
        public var source: String
    }

    /// Every model version, sorted by model then version; a model with a baseline but no
    /// windows appears once with version `""` and no windows.
    public var streams: [Stream]
    /// Ingest totals over every source file.
    public var counters: StoreCounters
    /// Source files recorded.
    public var files: Int
    /// Delayed labels: predictions waiting for a label, labels waiting for their prediction, and
    /// the counters by reason (over all models).
    public var labels = Labels()
    /// What retention has deleted from the file so far, and when it last ran.
    public var retention = RetentionTotals()
    /// The state file's size in bytes (pages × page size, the WAL excluded).
    public var fileBytes: Int64 = 0

    /// The delayed-label bookkeeping.
    public struct Labels: Sendable, Equatable {
        /// Predictions waiting for their label.
        public var pendingPredictions = 0
        /// Labels waiting for their prediction.
        public var waitingLabels = 0
        /// Counters by reason, summed over models, sorted by reason.
        public var counts: [Report.ReasonCount] = []
    }
}

/// Builds ``Status`` from the store.
public enum StatusBuilder {
    /// The status of every model in `store`.
    /// - Throws: ``StoreError``; ``AgentError/corruptWindow(model:version:start:reason:)`` when the
    ///   last window's profile cannot be decoded.
    /// - Complexity: O(windows) rows read (profiles included).
    public static func build(store: Store, configuration: Configuration) throws -> Status {
        var streams: [Status.Stream] = []
        for model in try store.models() {
            let windows = try store.windows(model: model)
            var versions: [String: [StoredWindow]] = [:]
            for window in windows { versions[window.key.version, default: []].append(window) }
            if versions.isEmpty {
                streams.append(
                    Status.Stream(
                        model: model, version: "", windows: 0, rows: 0, last: nil,
                        baseline: try baseline(store: store, model: model, version: "")))
            }
            for version in versions.keys.sorted() {
                let stored = versions[version] ?? []
                let last = try stored.max { $0.key.startMs < $1.key.startMs }.map {
                    try ReportBuilder.window($0, store: store, configuration: configuration)
                }
                streams.append(
                    Status.Stream(
                        model: model, version: version, windows: stored.count, rows: stored.reduce(0) { $0 + $1.rows },
                        last: last, baseline: try baseline(store: store, model: model, version: version)))
            }
        }
        var status = Status(streams: streams, counters: try store.counters(), files: try store.ingestFiles().count)
        status.labels.pendingPredictions = try store.pendingCount(.pending)
        status.labels.waitingLabels = try store.waitingLabelCount()
        var byReason: [String: Int64] = [:]
        for count in try store.labelCounts() { byReason[count.reason, default: 0] += count.count }
        status.labels.counts = byReason.keys.sorted().map { Report.ReasonCount(reason: $0, count: byReason[$0] ?? 0) }
        status.retention = try store.retentionTotals()
        status.fileBytes = try store.fileBytes()
        return status
    }

    /// The baseline scoring uses for a version: its own, else the model's current one.
    private static func baseline(store: Store, model: String, version: String) throws -> Status.Baseline? {
        let stored = try store.baseline(model: model, version: version) ?? store.currentBaseline(model: model)
        return stored.map { Status.Baseline(version: $0.version, sha256: $0.sha256, source: $0.source) }
    }
}
