import DriftCore

extension Report {
    /// One scoring horizon of one model version: its stored windows merged into one profile
    /// (`report --horizon`), scored against the baseline as one big window would be, with the
    /// realised and estimated performance of the merged profile next to the baseline's.
    public struct Horizon: Scored, Sendable, Equatable {
        /// The model name.
        public var model: String
        /// The model version.
        public var version: String
        /// The horizon as given (`"24h"`, `"7d"`).
        public var label: String
        /// Its length, milliseconds.
        public var lengthMilliseconds: Int64
        /// The start of the earliest merged window (inclusive), epoch ms.
        public var startMs: Int64
        /// The end of the latest merged window (exclusive), epoch ms: the horizon ends there.
        public var endMs: Int64
        /// Windows merged.
        public var windows: Int
        /// Rows over those windows.
        public var rows: Int64
        /// Every feature of the merged profile scored against the baseline, sorted by name.
        public var features: [Feature]
        /// The prediction scored like a feature.
        public var prediction: Feature?
        /// Features whose primary verdict is drift.
        public var driftedFeatures: Int
        /// Features with a verdict (drift or ok).
        public var scoredFeatures: Int
        /// The model's `drift_share`.
        public var driftShareThreshold: Double
        /// Realised performance over the merged labelled rows (delayed labels included).
        public var performance: Performance
        /// Performance estimated from the merged scores.
        public var estimated = Estimated()
        /// The baseline's realised performance (its labelled rows).
        public var baselinePerformance = Performance()
        /// Advice about the horizon, e.g. rows that differ from the learned thresholds' chunks by
        /// more than a factor of 2 (``ChunkSizeCheck``); empty when there is none.
        public var warnings: [String] = []
    }
}
