/// A monotone map from a binary classifier's score bin to the calibrated probability of the
/// positive class, learned from labelled scores (the baseline's ``ScoreHistogram``).
///
/// Isotonic regression by pool-adjacent-violators over the histogram's bins, each bin weighted by
/// its rows (the bins' positive rates are the observations); then, left to right, a block with
/// fewer than `minimumBlockRows` rows is pooled into the next one (the last into the one before),
/// which keeps the map monotone and gives every probability enough rows behind it. A bin without baseline rows takes the probability of
/// the nearest bin that has some (the lower one on a tie). With one distinct score per bin this is
/// scikit-learn's `IsotonicRegression(increasing=True)` fitted on (bin, positive rate, rows).
///
/// - Complexity: building is O(B) for B bins; ``probability(bin:)`` is O(1).
public struct ScoreCalibration: Sendable, Equatable {
    /// A run of adjacent bins sharing one calibrated probability.
    public struct Block: Sendable, Equatable {
        /// The first bin of the block.
        public var lowerBin: Int
        /// The last bin of the block (inclusive).
        public var upperBin: Int
        /// Baseline rows in the block.
        public var rows: UInt64
        /// Baseline positive rows in the block.
        public var positives: UInt64

        /// `positives / rows`, the calibrated P(y = 1) of every bin of the block.
        public var probability: Double { rows > 0 ? Double(positives) / Double(rows) : 0 }

        /// The variance of ``probability`` as an estimate from `rows` Bernoulli draws, with the
        /// Laplace-smoothed rate (positives + 1) / (rows + 2) so a block of all negatives (or all
        /// positives) is not taken as certain.
        public var probabilityVariance: Double {
            let n = Double(rows)
            let smoothed = (Double(positives) + 1) / (n + 2)
            return smoothed * (1 - smoothed) / Swift.max(n, 1)
        }
    }

    /// The default for `minimumBlockRows`.
    public static let defaultMinimumBlockRows: UInt64 = 30

    /// The number of score bins (equal-width on [0, 1], as in ``ScoreHistogram``).
    public let binCount: Int
    /// The blocks in ascending score order, covering bins `0..<binCount` between them.
    public let blocks: [Block]
    /// The block of each bin.
    public let blockOfBin: [Int]

    /// Learns the calibration from labelled scores.
    ///
    /// - Parameters:
    ///   - histogram: positive and negative rows per score bin (the baseline's).
    ///   - minimumBlockRows: blocks with fewer rows are pooled into a neighbour.
    /// - Returns: `nil` unless both classes occur (a map learned from one class says nothing).
    /// - Complexity: O(B).
    public init?(histogram: ScoreHistogram, minimumBlockRows: UInt64 = defaultMinimumBlockRows) {
        let (positives, negatives) = histogram.totals
        guard positives > 0, negatives > 0 else { return nil }
        binCount = histogram.binCount
        var stack: [Block] = []
        for bin in 0..<binCount {
            let rows = histogram.positiveCounts[bin] + histogram.negativeCounts[bin]
            guard rows > 0 else { continue }
            var block = Block(lowerBin: bin, upperBin: bin, rows: rows, positives: histogram.positiveCounts[bin])
            // Pool adjacent violators: the previous block must not have a higher rate.
            while let last = stack.last, Self.exceeds(last, block) {
                stack.removeLast()
                block = Self.pooled(last, block)
            }
            stack.append(block)
        }
        blocks = Self.poolSparse(stack, minimumRows: minimumBlockRows)
        var owner = Array(repeating: 0, count: binCount)
        // Bins without rows belong to the nearest block (the lower one on a tie).
        for (index, block) in blocks.enumerated() {
            for bin in block.lowerBin...block.upperBin { owner[bin] = index }
            if index + 1 < blocks.count {
                let next = blocks[index + 1].lowerBin
                for bin in (block.upperBin + 1)..<next {
                    owner[bin] = bin - block.upperBin <= next - bin ? index : index + 1
                }
            }
        }
        if let first = blocks.first { for bin in 0..<first.lowerBin { owner[bin] = 0 } }
        if let last = blocks.last { for bin in (last.upperBin + 1)..<binCount { owner[bin] = blocks.count - 1 } }
        blockOfBin = owner
    }

    /// The calibrated P(y = 1) of a score in `bin`.
    public func probability(bin: Int) -> Double { blocks[blockOfBin[bin]].probability }

    /// Baseline rows behind the calibration.
    public var rows: UInt64 { blocks.reduce(0) { $0 + $1.rows } }

    /// Whether `a`'s positive rate is higher than `b`'s, compared exactly (128-bit cross products).
    private static func exceeds(_ a: Block, _ b: Block) -> Bool {
        let left = a.positives.multipliedFullWidth(by: b.rows)
        let right = b.positives.multipliedFullWidth(by: a.rows)
        return (left.high, left.low) > (right.high, right.low)
    }

    private static func pooled(_ a: Block, _ b: Block) -> Block {
        Block(
            lowerBin: Swift.min(a.lowerBin, b.lowerBin), upperBin: Swift.max(a.upperBin, b.upperBin),
            rows: a.rows + b.rows, positives: a.positives + b.positives)
    }

    /// Pools every block with fewer than `minimumRows` rows into the block after it (the last
    /// one into the block before it), left to right: pooling adjacent blocks of a non-decreasing
    /// sequence keeps it non-decreasing.
    private static func poolSparse(_ input: [Block], minimumRows: UInt64) -> [Block] {
        var blocks: [Block] = []
        var carried: Block?
        for block in input {
            let merged = carried.map { pooled($0, block) } ?? block
            if merged.rows >= minimumRows {
                blocks.append(merged)
                carried = nil
            } else {
                carried = merged
            }
        }
        if let carried { blocks.append(blocks.popLast().map { pooled($0, carried) } ?? carried) }
        return blocks
    }
}
