import DriftCore

extension BaselineBuilder {
    /// How `baseline create` splits the training rows into chunks to learn thresholds
    /// (docs/STATISTICS.md, "Learned thresholds").
    public struct Learning: Sendable, Equatable {
        /// The default number of chunks.
        public static let defaultChunks = 10
        /// The default fewest rows per chunk: a chunk is scored like a window, which needs 100 rows
        /// (``DriftCore/DriftTest/minimumCount``) before its binned statistics mean anything.
        public static let defaultMinimumChunkRows = 100
        /// The most chunks (each is a whole profile held in memory until the read ends).
        public static let maximumChunks = 1000

        /// Chunks to split the rows into; 0 learns nothing (no `learned_thresholds` member).
        public var chunks: Int
        /// Rows per chunk instead of a count (the count becomes ⌊rows / chunkRows⌋).
        public var chunkRows: Int?
        /// The fewest rows a chunk may have; fewer, and nothing is learned (and the document says why).
        public var minimumChunkRows: Int
        /// The multiple of σ above the chunk mean.
        public var sigmas: Double

        /// Creates the settings; the defaults split into 10 chunks of at least 100 rows, at 3σ.
        public init(
            chunks: Int = defaultChunks, chunkRows: Int? = nil, minimumChunkRows: Int = defaultMinimumChunkRows,
            sigmas: Double = 3
        ) {
            self.chunks = chunks
            self.chunkRows = chunkRows
            self.minimumChunkRows = minimumChunkRows
            self.sigmas = sigmas
        }

        /// The chunk count for `rows`, or why there is none (`nil`, `nil` when learning is off).
        func plan(rows: UInt64) -> (chunks: Int?, note: String?) {
            let count = chunkRows.map { Int(rows) / max($0, 1) } ?? chunks
            if chunkRows == nil, chunks == 0 { return (nil, nil) }
            let minimum = LearnedThresholds.minimumChunks
            guard count >= minimum, Int(rows) / count >= minimumChunkRows else {
                return (
                    nil,
                    "nothing learned: \(rows) rows do not make \(max(count, minimum)) chunks of at least "
                        + "\(minimumChunkRows) rows (at least \(minimum) chunks are needed)"
                )
            }
            return (min(count, Self.maximumChunks), nil)
        }

        /// The summaries of `profile` by the names scores use: its features, and the prediction and
        /// label under ``WindowScorer/predictionName`` and ``WindowScorer/labelName``.
        static func named(_ profile: Profile) -> [String: FeatureSummary] {
            var named = profile.features
            if let prediction = profile.prediction { named[WindowScorer.predictionName] = prediction }
            if let label = profile.label { named[WindowScorer.labelName] = label }
            return named
        }
    }
}
