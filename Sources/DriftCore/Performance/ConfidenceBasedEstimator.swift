/// Confidence-based performance estimation (CBPE) of a binary probabilistic classifier: its
/// expected accuracy, precision, recall, F1 and ROC AUC in a window, from the window's scores
/// alone, given a ``ScoreCalibration`` learned on labelled baseline scores.
///
/// Each window row in score bin b is positive with the calibrated probability p_b. With n_b rows
/// per bin and "predicted positive" meaning the bin's lower edge is at or above the threshold:
/// TP = Σ_pos n_b·p_b, FN = Σ_neg n_b·p_b, FP = (rows predicted positive) − TP,
/// TN = (rows predicted negative) − FN; the figures are those of the expected confusion matrix.
/// The AUC is the Mann–Whitney statistic over the expected positive (n_b·p_b) and negative
/// (n_b·(1 − p_b)) rows per bin, ties within a bin counting ½.
///
/// The estimate is right when P(y | score) in the window is the baseline's — covariate shift,
/// where the scores move but what a score means does not. Under concept shift (P(y | score)
/// changed) it cannot see the change; only labels can.
///
/// Standard errors (delta method) add two variances: the window's labels as independent Bernoulli
/// draws given the scores (Var TP = Σ_pos n_b·p_b·(1 − p_b), likewise FN), and the calibration's
/// own uncertainty, each block's probability having variance p̃(1 − p̃)/m from its m baseline
/// rows (``ScoreCalibration/Block/probabilityVariance``); the AUC's sampling variance is Hanley and
/// McNeil's (1982). Sketch error in the window's bin counts is not included.
public enum ConfidenceBasedEstimator {
    /// Estimates a window's performance from its rows per score bin.
    ///
    /// - Parameters:
    ///   - binCounts: the window's rows per score bin, `calibration.binCount` bins (fractional
    ///     counts, as read off a sketch, are allowed).
    ///   - calibration: learned on the baseline's labelled scores.
    ///   - threshold: rows whose bin's lower edge is at least this are predicted positive
    ///     (exact when the threshold is a bin edge, as 0.5 is).
    /// - Returns: `nil` when the window has no rows.
    /// - Complexity: O(B + blocks).
    public static func estimate(
        binCounts: [Double], calibration: ScoreCalibration, threshold: Double = 0.5
    ) -> EstimatedBinaryPerformance? {
        precondition(binCounts.count == calibration.binCount, "bin counts must match the calibration's bins")
        let bins = calibration.binCount
        let blockCount = calibration.blocks.count
        var predictedPositive = Array(repeating: 0.0, count: blockCount)  // a_k
        var predictedNegative = Array(repeating: 0.0, count: blockCount)  // c_k
        var truePositives = 0.0
        var falseNegatives = 0.0
        var samplingTP = 0.0
        var samplingFN = 0.0
        for bin in 0..<bins where binCounts[bin] > 0 {
            let n = binCounts[bin]
            let block = calibration.blockOfBin[bin]
            let p = calibration.blocks[block].probability
            if Double(bin) / Double(bins) >= threshold {
                predictedPositive[block] += n
                truePositives += n * p
                samplingTP += n * p * (1 - p)
            } else {
                predictedNegative[block] += n
                falseNegatives += n * p
                samplingFN += n * p * (1 - p)
            }
        }
        let positives = predictedPositive.reduce(0, +)
        let negatives = predictedNegative.reduce(0, +)
        let rows = positives + negatives
        guard rows > 0 else { return nil }
        var varianceTP = samplingTP
        var varianceFN = samplingFN
        var covariance = 0.0
        for block in 0..<blockCount {
            let v = calibration.blocks[block].probabilityVariance
            varianceTP += predictedPositive[block] * predictedPositive[block] * v
            varianceFN += predictedNegative[block] * predictedNegative[block] * v
            covariance += predictedPositive[block] * predictedNegative[block] * v
        }
        func estimate(_ value: Double, _ dTP: Double, _ dFN: Double) -> EstimatedBinaryPerformance.Estimate {
            let variance = dTP * dTP * varianceTP + dFN * dFN * varianceFN + 2 * dTP * dFN * covariance
            return .init(value: value, standardError: Swift.max(0, variance).squareRoot())
        }
        let tp = truePositives
        let fn = falseNegatives
        var result = EstimatedBinaryPerformance(
            rows: rows, predictedPositives: positives, expectedPositives: tp + fn)
        result.accuracy = estimate((tp + negatives - fn) / rows, 1 / rows, -1 / rows)
        if positives > 0 { result.precision = estimate(tp / positives, 1 / positives, 0) }
        let expected = tp + fn
        if expected > 0 {
            result.recall = estimate(tp / expected, fn / (expected * expected), -tp / (expected * expected))
        }
        let f1Denominator = tp + fn + positives
        if f1Denominator > 0 {
            let d2 = f1Denominator * f1Denominator
            result.f1 = estimate(2 * tp / f1Denominator, 2 * (fn + positives) / d2, -2 * tp / d2)
        }
        result.auc = auc(binCounts: binCounts, calibration: calibration)
        return result
    }

    /// The window's rows per score bin read off its prediction sketch: each retained value, with
    /// its weight, in bin `⌊v·B⌋` (clamped to the first and last bins).
    ///
    /// Exact while the sketch holds every value; otherwise each bin's share is within the sketch's
    /// rank error, and so is every estimated rate (they are sums of probabilities in [0, 1]).
    /// - Complexity: O(r log r + B) for `r` retained values.
    public static func binCounts(of sketch: KLLSketch, binCount: Int) -> [Double] {
        var counts = Array(repeating: 0.0, count: binCount)
        for entry in sketch.sortedView() {
            let scaled = entry.value * Double(binCount)
            let bin = scaled <= 0 ? 0 : Swift.min(Int(Swift.min(scaled, Double(binCount))), binCount - 1)
            counts[bin] += Double(entry.weight)
        }
        return counts
    }

    /// The expected AUC with its standard error; `nil` unless both classes are expected.
    private static func auc(
        binCounts: [Double], calibration: ScoreCalibration
    ) -> EstimatedBinaryPerformance.Estimate? {
        let bins = calibration.binCount
        var positive = Array(repeating: 0.0, count: bins)
        var negative = Array(repeating: 0.0, count: bins)
        for bin in 0..<bins where binCounts[bin] > 0 {
            let p = calibration.probability(bin: bin)
            positive[bin] = binCounts[bin] * p
            negative[bin] = binCounts[bin] * (1 - p)
        }
        let totalPositive = positive.reduce(0, +)
        let totalNegative = negative.reduce(0, +)
        guard totalPositive > 0, totalNegative > 0 else { return nil }
        // W = Σ_b P_b·(N_<b + ½·N_b); dW/dp_k = Σ_{b∈k} n_b·(N_<b + ½N_b) − Σ_{b∈k} n_b·(P_>b + ½P_b).
        var wins = 0.0
        var negativeBelow = 0.0
        var positiveAbove = totalPositive
        let blockCount = calibration.blocks.count
        var dWins = Array(repeating: 0.0, count: blockCount)
        var blockRows = Array(repeating: 0.0, count: blockCount)
        for bin in 0..<bins {
            positiveAbove -= positive[bin]
            let n = binCounts[bin]
            if n > 0 {
                let block = calibration.blockOfBin[bin]
                wins += positive[bin] * (negativeBelow + 0.5 * negative[bin])
                dWins[block] += n * (negativeBelow + 0.5 * negative[bin]) - n * (positiveAbove + 0.5 * positive[bin])
                blockRows[block] += n
            }
            negativeBelow += negative[bin]
        }
        let pairs = totalPositive * totalNegative
        let a = wins / pairs
        // Hanley & McNeil (1982), with the expected class sizes.
        let q1 = a / (2 - a)
        let q2 = 2 * a * a / (1 + a)
        var variance =
            (a * (1 - a) + Swift.max(totalPositive - 1, 0) * (q1 - a * a)
                + Swift.max(totalNegative - 1, 0) * (q2 - a * a)) / pairs
        for block in 0..<blockCount where blockRows[block] > 0 {
            let derivative =
                dWins[block] / pairs - wins * blockRows[block] * (totalNegative - totalPositive) / (pairs * pairs)
            variance += derivative * derivative * calibration.blocks[block].probabilityVariance
        }
        return .init(value: a, standardError: Swift.max(0, variance).squareRoot())
    }
}
