/// Baseline and window distributions of every feature in one chosen window: what the HTML report's
/// overlaid histograms and category bar charts draw.
///
/// Numeric features are shown as shares per baseline bin, the bins the binned statistics (PSI,
/// Jensen–Shannon, Hellinger) compare; categorical features as shares per ``DriftCore/CategoricalBuckets``
/// bucket, the kept categories then `(other)` and `(unseen)`. Both come from the stored profiles
/// with the same rules as the scores, so a bar chart shows exactly what the statistic saw.
public struct WindowDistributions: Sendable, Equatable {
    /// The model name.
    public var model: String
    /// The window's model version.
    public var version: String
    /// The window start, epoch milliseconds UTC.
    public var startMs: Int64
    /// The window end, epoch milliseconds UTC.
    public var endMs: Int64
    /// The baseline compared against, e.g. `for version 3.2.1, files: Fixtures/demo/train.jsonl`.
    public var baseline: String
    /// One entry per feature of the baseline (the prediction as `@prediction`), sorted by name.
    public var features: [Feature]

    /// Creates the distributions of one window.
    public init(model: String, version: String, startMs: Int64, endMs: Int64, baseline: String, features: [Feature]) {
        self.model = model
        self.version = version
        self.startMs = startMs
        self.endMs = endMs
        self.baseline = baseline
        self.features = features
    }

    /// One feature's aligned baseline and window shares.
    public struct Feature: Sendable, Equatable {
        /// The feature name (`@prediction` for the prediction).
        public var name: String
        /// `numeric` or `categorical`.
        public var kind: String
        /// Bucket labels: for numeric features the bin ranges (`< 1.5`, `1.5 – 2`, `≥ 9`), for
        /// categorical ones the category names, then `(other)` and `(unseen)`.
        public var buckets: [String]
        /// Numeric features: the inner bin edges (`buckets.count - 1` of them); empty otherwise.
        public var edges: [Double]
        /// The baseline's share in each bucket (sums to 1; NaN when the baseline has no values).
        public var baselineShares: [Double]
        /// The window's share in each bucket (sums to 1; NaN when the window has no values).
        public var windowShares: [Double]
        /// Values behind the baseline's shares.
        public var baselineCount: Double
        /// Values behind the window's shares.
        public var windowCount: Double
        /// Whether both sides' shares are exact counts (numeric: stored bins with equal edges;
        /// categorical: neither summary overflowed its cap) rather than read off a sketch.
        public var isExact: Bool

        /// Creates one feature's distributions.
        public init(
            name: String, kind: String, buckets: [String], edges: [Double], baselineShares: [Double],
            windowShares: [Double], baselineCount: Double, windowCount: Double, isExact: Bool
        ) {
            self.name = name
            self.kind = kind
            self.buckets = buckets
            self.edges = edges
            self.baselineShares = baselineShares
            self.windowShares = windowShares
            self.baselineCount = baselineCount
            self.windowCount = windowCount
            self.isExact = isExact
        }
    }
}
