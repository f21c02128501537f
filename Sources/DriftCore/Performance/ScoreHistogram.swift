/// Counts of positive and negative rows per equal-width score bin on [0, 1], for ROC AUC.
///
/// Score `p` falls in bin `min(⌊p·B⌋, B − 1)`, so the last bin is closed on the right. The AUC is
/// the Mann–Whitney statistic over the binned scores: a positive above a negative counts 1, and
/// a positive and a negative in the same bin count ½ (their true order is unknown). When every
/// bin holds at most one distinct score (e.g. scores rounded to 3 decimals, at most 0.999, with
/// B = 1,000) this is exactly scikit-learn's `roc_auc_score`; otherwise the exact AUC lies within
/// ``aucMaximumError`` of ``auc``. Merging adds the counts, so it is exact.
///
/// - Complexity: memory is O(B); ``auc`` is O(B).
public struct ScoreHistogram: Sendable, Equatable {
    /// Positive rows per bin; `positiveCounts.count` is the number of bins.
    public private(set) var positiveCounts: [UInt64]
    /// Negative rows per bin.
    public private(set) var negativeCounts: [UInt64]

    /// Creates an empty histogram of `binCount` bins.
    ///
    /// - Complexity: O(`binCount`).
    public init(binCount: Int) {
        precondition(binCount >= 1, "ScoreHistogram needs at least one bin, got \(binCount)")
        positiveCounts = Array(repeating: 0, count: binCount)
        negativeCounts = Array(repeating: 0, count: binCount)
    }

    /// Restores a histogram from decoded counts of equal length.
    init(positiveCounts: [UInt64], negativeCounts: [UInt64]) {
        precondition(positiveCounts.count == negativeCounts.count && !positiveCounts.isEmpty)
        self.positiveCounts = positiveCounts
        self.negativeCounts = negativeCounts
    }

    /// The number of bins.
    public var binCount: Int { positiveCounts.count }

    /// The bin of `score`, which must lie in [0, 1].
    public func bin(of score: Double) -> Int {
        Self.bin(of: score, binCount: binCount)
    }

    /// The bin of a score in [0, 1] among `binCount` equal-width bins (the last one closed).
    static func bin(of score: Double, binCount: Int) -> Int {
        min(Int(score * Double(binCount)), binCount - 1)
    }

    /// Counts one row with `score` in [0, 1].
    public mutating func insert(score: Double, label: Bool) {
        let index = bin(of: score)
        if label {
            positiveCounts[index] += 1
        } else {
            negativeCounts[index] += 1
        }
    }

    /// Adds the counts of `other`, which must have the same number of bins.
    ///
    /// - Complexity: O(B).
    public mutating func merge(_ other: ScoreHistogram) {
        precondition(other.binCount == binCount, "merging score histograms of \(binCount) and \(other.binCount) bins")
        for index in 0..<binCount {
            positiveCounts[index] += other.positiveCounts[index]
            negativeCounts[index] += other.negativeCounts[index]
        }
    }

    /// The ROC AUC (Mann–Whitney U / (P·N), ties counting ½); `nil` when either class is absent.
    ///
    /// - Complexity: O(B).
    public var auc: Double? {
        let (positives, negatives) = totals
        guard positives > 0, negatives > 0 else { return nil }
        var negativesBelow = 0.0
        var wins = 0.0
        for index in 0..<binCount {
            let positivesHere = Double(positiveCounts[index])
            let negativesHere = Double(negativeCounts[index])
            wins += positivesHere * (negativesBelow + 0.5 * negativesHere)
            negativesBelow += negativesHere
        }
        return wins / (Double(positives) * Double(negatives))
    }

    /// The largest possible |exact AUC − ``auc``|: (Σ_b pos_b·neg_b) / (2·P·N); 0 when AUC is undefined.
    ///
    /// Pairs in different bins are ordered correctly by the bins; only pairs sharing a bin are
    /// unknown, and each is credited ½ where the truth is 0 or 1.
    /// - Complexity: O(B).
    public var aucMaximumError: Double {
        let (positives, negatives) = totals
        guard positives > 0, negatives > 0 else { return 0 }
        var tiedPairs = 0.0
        for index in 0..<binCount {
            tiedPairs += Double(positiveCounts[index]) * Double(negativeCounts[index])
        }
        return tiedPairs / (2 * Double(positives) * Double(negatives))
    }

    /// The total positive and negative rows.
    ///
    /// - Complexity: O(B).
    public var totals: (positives: UInt64, negatives: UInt64) {
        (positiveCounts.reduce(0, +), negativeCounts.reduce(0, +))
    }
}
