/// Totals since the service started, as `/metrics` and the STATUS line show them.
public struct IngestCounters: Sendable, Equatable {
    /// The latest score of one feature of one model.
    public struct LatestScore: Sendable, Equatable {
        /// The model.
        public var model: String
        /// The feature (or `prediction`).
        public var feature: String
        /// The deciding statistic (`psi`, `ks`, …).
        public var statistic: String
        /// Its value for the latest closed window.
        public var value: Double

        /// Creates a score.
        public init(model: String, feature: String, statistic: String, value: Double) {
            self.model = model
            self.feature = feature
            self.statistic = statistic
            self.value = value
        }
    }

    /// Lines read.
    public var lines: Int64
    /// Bytes read.
    public var bytes: Int64
    /// Unusable lines by reason (`bad_json`, `missing_field`, …).
    public var badLines: [String: Int64]
    /// Windows closed (and scored).
    public var windowsClosed: Int64
    /// The latest score per model, feature and statistic.
    public var scores: [LatestScore]
    /// Windows deleted by retention since start.
    public var windowsPruned: Int64 = 0
    /// Decisions deleted by retention since start.
    public var decisionsPruned: Int64 = 0
    /// The state file's size after the last prune (pages × page size; 0 before the first).
    public var storeBytes: Int64 = 0

    /// Creates counters; all zero by default.
    public init(
        lines: Int64 = 0, bytes: Int64 = 0, badLines: [String: Int64] = [:], windowsClosed: Int64 = 0,
        scores: [LatestScore] = []
    ) {
        self.lines = lines
        self.bytes = bytes
        self.badLines = badLines
        self.windowsClosed = windowsClosed
        self.scores = scores
    }

    /// All unusable lines, whatever the reason.
    public var badLineTotal: Int64 { badLines.values.reduce(0, +) }
}
