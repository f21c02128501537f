extension LearnedThresholds {
    /// Learns a table one chunk at a time, so chunks need not all be held in memory (stored
    /// windows used as chunks are decoded, compared and dropped one by one).
    public struct Learner: Sendable {
        /// The whole baseline's summaries by name.
        private let baseline: [String: FeatureSummary]
        /// The multiple of σ above the mean.
        private let sigmas: Double
        /// Chunk values by feature, then statistic, in chunk order.
        private var values: [String: [DriftTest: [Double]]] = [:]
        /// Every chunk's rows.
        private var sizes: [Int] = []

        /// Starts learning against `baseline` (summaries by name) at `sigmas`.
        public init(baseline: [String: FeatureSummary], sigmas: Double = 3) {
            self.baseline = baseline
            self.sigmas = sigmas
        }

        /// Chunks added so far.
        public var chunks: Int { sizes.count }

        /// Compares `chunk` with the whole baseline, feature by feature, and keeps every statistic.
        /// A feature the chunk never saw counts as missing on every row of the chunk, as in a window.
        public mutating func add(_ chunk: Chunk) {
            sizes.append(Int(chunk.rows))
            for (name, whole) in baseline {
                var part = chunk.features[name] ?? FeatureSummary(kind: whole.kind)
                if part.rows == 0, chunk.rows > 0 {
                    part.rows = chunk.rows
                    part.missing = chunk.rows
                }
                guard let comparison = FeatureComparison.compare(window: part, baseline: whole) else { continue }
                for statistic in comparison.statistics {
                    values[name, default: [:]][statistic.test, default: []].append(statistic.value)
                }
            }
        }

        /// The table: per feature and statistic with at least ``minimumChunks`` finite values,
        /// mean, σ and the floored threshold; `chunkRows` the smallest chunk, `medianChunkRows`
        /// the lower median.
        public func finish() -> LearnedThresholds {
            var entries: [String: [DriftTest: Entry]] = [:]
            for (name, tests) in values {
                for (test, chunkValues) in tests {
                    guard
                        let spread = LearnedThreshold.spread(chunkValues: chunkValues, minimumChunks: minimumChunks),
                        let raw = LearnedThreshold.threshold(
                            chunkValues: chunkValues, direction: test.direction, sigmas: sigmas,
                            minimumChunks: minimumChunks)
                    else { continue }
                    entries[name, default: [:]][test] = Entry(
                        mean: spread.mean, standardDeviation: spread.standardDeviation, chunks: spread.count,
                        threshold: Swift.max(raw, floor))
                }
            }
            let sorted = sizes.sorted()
            return LearnedThresholds(
                chunks: sizes.count, chunkRows: sorted.first ?? 0,
                medianChunkRows: sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2], sigmas: sigmas,
                entries: entries)
        }
    }
}
