/// Thresholds learned from a baseline: per feature and statistic, the spread of the statistic
/// between consecutive chunks of the baseline and the whole baseline (``LearnedThreshold``).
///
/// Each chunk is compared with the whole baseline by ``FeatureComparison`` exactly as a window
/// would be, so every statistic that applies to the feature's kind gets a value per chunk. The
/// threshold is mean + `sigmas`·σ of those values (mean − `sigmas`·σ for a lower-means-drift
/// statistic), floored at ``floor`` so a constant feature (every chunk value 0) does not call
/// every window drifted. Fewer than ``minimumChunks`` finite chunk values learn nothing.
public struct LearnedThresholds: Sendable, Equatable {
    /// What was learned for one feature and statistic.
    public struct Entry: Sendable, Equatable {
        /// The mean of the chunk values.
        public var mean: Double
        /// Their population standard deviation.
        public var standardDeviation: Double
        /// How many chunk values were finite (and so counted).
        public var chunks: Int
        /// The learned threshold, floored.
        public var threshold: Double

        /// Creates an entry.
        public init(mean: Double, standardDeviation: Double, chunks: Int, threshold: Double) {
            self.mean = mean
            self.standardDeviation = standardDeviation
            self.chunks = chunks
            self.threshold = threshold
        }
    }

    /// The lowest learned threshold: below it any difference at all from the baseline would be drift.
    public static let floor = 1e-6
    /// The fewest chunk values that learn a threshold.
    public static let minimumChunks = LearnedThreshold.defaultMinimumChunks

    /// Chunks the baseline was split into (0 when it was too small to split).
    public var chunks: Int
    /// Rows of the smallest chunk.
    public var chunkRows: Int
    /// The lower median of the chunks' rows: the window size the thresholds suit (chunks of a
    /// training file differ by one row at most; stored windows used as chunks may differ more).
    public var medianChunkRows: Int
    /// The multiple of σ above the mean.
    public var sigmas: Double
    /// Why nothing was learned, when nothing was.
    public var note: String?
    /// Entries by feature name, then statistic.
    public var entries: [String: [DriftTest: Entry]]

    /// Creates a table.
    /// - Parameter medianChunkRows: the chunks' lower median rows; `nil`: `chunkRows`.
    public init(
        chunks: Int, chunkRows: Int, medianChunkRows: Int? = nil, sigmas: Double = 3, note: String? = nil,
        entries: [String: [DriftTest: Entry]] = [:]
    ) {
        self.chunks = chunks
        self.chunkRows = chunkRows
        self.medianChunkRows = medianChunkRows ?? chunkRows
        self.sigmas = sigmas
        self.note = note
        self.entries = entries
    }

    /// The entry for `test` on `feature`, if one was learned.
    public func entry(feature: String, test: DriftTest) -> Entry? { entries[feature]?[test] }

    /// One chunk: its row count and its summary of each feature.
    public typealias Chunk = (rows: UInt64, features: [String: FeatureSummary])

    /// Learns the table from `chunks` of a baseline whose features are `baseline` (``Learner``).
    ///
    /// A feature a chunk never saw counts as missing on every row of the chunk, as in a window.
    /// - Complexity: O(chunks × features × the cost of one ``FeatureComparison``).
    public static func learn(baseline: [String: FeatureSummary], chunks: [Chunk], sigmas: Double = 3)
        -> LearnedThresholds
    {
        var learner = Learner(baseline: baseline, sigmas: sigmas)
        for chunk in chunks { learner.add(chunk) }
        return learner.finish()
    }
}
