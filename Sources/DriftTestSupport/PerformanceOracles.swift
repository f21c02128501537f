#if canImport(Glibc)
    import Glibc
#else
    import Foundation
#endif

/// Exact, naive computations of performance metrics over raw rows, as oracles for the accumulators.
///
/// Each is written straight from its definition with no binning and no shared code with
/// `DriftCore`, so agreement means something.
public enum PerformanceOracle {
    /// The Mann–Whitney AUC by brute force over every (positive, negative) pair, ties ½; `nil`
    /// unless both classes are present.
    ///
    /// - Complexity: O(P·N).
    public static func mannWhitneyAUC(scores: [Double], labels: [Bool]) -> Double? {
        let positives = zip(scores, labels).filter { $0.1 }.map(\.0)
        let negatives = zip(scores, labels).filter { !$0.1 }.map(\.0)
        guard !positives.isEmpty, !negatives.isEmpty else { return nil }
        var wins = 0.0
        for p in positives {
            for n in negatives {
                if p > n { wins += 1 } else if p == n { wins += 0.5 }
            }
        }
        return wins / (Double(positives.count) * Double(negatives.count))
    }

    /// Mean log loss with p clipped to [1e-15, 1 − 1e-15], summed naively; `nil` for no rows.
    public static func logLoss(scores: [Double], labels: [Bool]) -> Double? {
        guard !scores.isEmpty else { return nil }
        var total = 0.0
        for (score, label) in zip(scores, labels) {
            let p = min(max(score, 1e-15), 1 - 1e-15)
            total += label ? -log(p) : -log(1 - p)
        }
        return total / Double(scores.count)
    }

    /// Mean (p − y)²; `nil` for no rows.
    public static func brier(scores: [Double], labels: [Bool]) -> Double? {
        guard !scores.isEmpty else { return nil }
        let total = zip(scores, labels).reduce(0.0) { sum, row in
            let miss = row.0 - (row.1 ? 1 : 0)
            return sum + miss * miss
        }
        return total / Double(scores.count)
    }

    /// The equal-width expected calibration error, Σ (n_b/N)·|mean p_b − mean y_b|; `nil` for no rows.
    public static func expectedCalibrationError(scores: [Double], labels: [Bool], bins: Int) -> Double? {
        guard !scores.isEmpty else { return nil }
        var members = [[(Double, Bool)]](repeating: [], count: bins)
        for (score, label) in zip(scores, labels) {
            members[min(Int((score * Double(bins)).rounded(.down)), bins - 1)].append((score, label))
        }
        var total = 0.0
        for bin in members where !bin.isEmpty {
            let meanScore = bin.reduce(0.0) { $0 + $1.0 } / Double(bin.count)
            let meanLabel = Double(bin.filter { $0.1 }.count) / Double(bin.count)
            total += Double(bin.count) / Double(scores.count) * abs(meanScore - meanLabel)
        }
        return total
    }
}
