import DriftTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Merge laws of the performance accumulators: random splits merged equal the whole (counts
/// exactly, floating metrics within 1e-12), the empty accumulator is an exact identity, and
/// merge order does not matter. Whole-data metrics are also checked against the naive oracles.
struct PerformanceMergeTests {
    static let seeds: Range<UInt64> = 0..<40

    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-12) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// Rows of a binary classifier: a random positive rate, scores continuous or on a 2-decimal grid.
    static func binaryRows(_ sampler: inout Sampler) -> [(score: Double, label: Bool)] {
        let count = 50 + sampler.int(below: 600)
        let positiveRate = 0.02 + 0.96 * sampler.uniform()
        let grid = sampler.int(below: 2) == 0
        return (0..<count).map { _ in
            let label = sampler.uniform() < positiveRate
            let logit = sampler.normal(mean: label ? 1 : -1, sd: 1.5)
            var score = 1 / (1 + exp(-logit))
            if grid { score = (score * 100).rounded() / 100 }
            return (score, label)
        }
    }

    /// Assigns each row to one of `parts` groups at random.
    static func split<Row>(_ rows: [Row], parts: Int, _ sampler: inout Sampler) -> [[Row]] {
        var groups = [[Row]](repeating: [], count: parts)
        for row in rows { groups[sampler.int(below: parts)].append(row) }
        return groups
    }

    /// `rows` folded into one accumulator, and folded part by part (1 to 6 random parts) then merged.
    static func wholeAndMerged<Row, Accumulator: Mergeable>(
        _ rows: [Row], _ sampler: inout Sampler, empty: () -> Accumulator, insert: (inout Accumulator, Row) -> Void
    ) throws(Accumulator.MergeFailure) -> (whole: Accumulator, merged: Accumulator) {
        var whole = empty()
        for row in rows { insert(&whole, row) }
        var merged = empty()
        for part in split(rows, parts: 1 + sampler.int(below: 6), &sampler) {
            var piece = empty()
            for row in part { insert(&piece, row) }
            try merged.merge(piece)
        }
        return (whole, merged)
    }

    @Test func binarySplitsMergeToTheWhole() throws {
        for seed in Self.seeds {
            var sampler = Sampler(seed: seed)
            let rows = Self.binaryRows(&sampler)
            let empty = { BinaryClassificationAccumulator(threshold: 0.4, scoreBins: 200, calibrationBins: 12) }
            let (whole, merged) = try Self.wholeAndMerged(rows, &sampler, empty: empty) {
                $0.insert(score: $1.score, label: $1.label)
            }
            #expect(merged.count == whole.count, "seed \(seed)")
            #expect(
                merged.truePositives == whole.truePositives && merged.falsePositives == whole.falsePositives,
                "seed \(seed)")
            #expect(
                merged.trueNegatives == whole.trueNegatives && merged.falseNegatives == whole.falseNegatives,
                "seed \(seed)")
            #expect(merged.scoreHistogram == whole.scoreHistogram, "seed \(seed)")
            #expect(merged.auc == whole.auc && merged.aucMaximumError == whole.aucMaximumError, "seed \(seed)")
            #expect(Self.close(merged.logLoss, whole.logLoss), "seed \(seed)")
            #expect(Self.close(merged.brier, whole.brier), "seed \(seed)")
            #expect(Self.close(merged.expectedCalibrationError, whole.expectedCalibrationError), "seed \(seed)")

            let scores = rows.map(\.score)
            let labels = rows.map(\.label)
            let exact = PerformanceOracle.mannWhitneyAUC(scores: scores, labels: labels)
            if let exact, let auc = whole.auc {
                #expect(abs(auc - exact) <= whole.aucMaximumError + 1e-12, "seed \(seed): \(auc) vs \(exact)")
            } else {
                #expect(exact == nil && whole.auc == nil, "seed \(seed)")
            }
            #expect(
                Self.close(whole.logLoss, PerformanceOracle.logLoss(scores: scores, labels: labels), 1e-10),
                "seed \(seed)")
            #expect(
                Self.close(whole.brier, PerformanceOracle.brier(scores: scores, labels: labels), 1e-10), "seed \(seed)")
            let ece = PerformanceOracle.expectedCalibrationError(scores: scores, labels: labels, bins: 12)
            #expect(Self.close(whole.expectedCalibrationError, ece, 1e-10), "seed \(seed)")
        }
    }

    @Test func binaryMergeIsOrderFreeWithAnExactIdentity() throws {
        for seed in Self.seeds {
            var sampler = Sampler(seed: seed)
            let parts = Self.split(Self.binaryRows(&sampler), parts: 3, &sampler).map { part in
                var piece = BinaryClassificationAccumulator()
                for row in part { piece.insert(score: row.score, label: row.label) }
                return piece
            }
            let empty = BinaryClassificationAccumulator()
            #expect(try parts[0].merging(empty) == parts[0], "seed \(seed)")
            #expect(try empty.merging(parts[0]) == parts[0], "seed \(seed)")
            let left = try parts[0].merging(parts[1]).merging(parts[2])
            let right = try parts[2].merging(parts[1].merging(parts[0]))
            #expect(left.scoreHistogram == right.scoreHistogram && left.count == right.count, "seed \(seed)")
            #expect(Self.close(left.logLoss, right.logLoss) && Self.close(left.brier, right.brier), "seed \(seed)")
            #expect(Self.close(left.expectedCalibrationError, right.expectedCalibrationError), "seed \(seed)")
        }
    }

    @Test func multiclassSplitsMergeExactly() throws {
        let labels = ["ant", "bee", "cat", "dog", "eel", "Ému", "日本"]
        for seed in Self.seeds {
            var sampler = Sampler(seed: seed)
            let classCount = 2 + sampler.int(below: labels.count - 1)
            let rows = (0..<(20 + sampler.int(below: 400))).map { _ in
                let actual = labels[sampler.int(below: classCount)]
                let predicted = sampler.uniform() < 0.6 ? actual : labels[sampler.int(below: classCount)]
                return (predicted: predicted, actual: actual)
            }
            let (whole, merged) = try Self.wholeAndMerged(rows, &sampler, empty: MulticlassAccumulator.init) {
                $0.insert(predicted: $1.predicted, actual: $1.actual)
            }
            #expect(merged == whole, "seed \(seed)")
            #expect(merged.macroF1 == whole.macroF1 && merged.accuracy == whole.accuracy, "seed \(seed)")
            #expect(try MulticlassAccumulator().merging(whole) == whole, "seed \(seed)")

            // Oracle: accuracy straight from the rows.
            let correct = rows.filter { $0.predicted == $0.actual }.count
            #expect(whole.accuracy == Double(correct) / Double(rows.count), "seed \(seed)")
        }
    }

    @Test func regressionSplitsMergeToTheWhole() throws {
        for seed in Self.seeds {
            var sampler = Sampler(seed: seed)
            let rows = (0..<(10 + sampler.int(below: 800))).map { _ in
                let actual = sampler.uniform() < 0.05 ? 0 : sampler.lognormal(mu: 2, sigma: 1.5)
                return (predicted: actual + sampler.normal(sd: 3), actual: actual)
            }
            let (whole, merged) = try Self.wholeAndMerged(rows, &sampler, empty: RegressionAccumulator.init) {
                $0.insert(predicted: $1.predicted, actual: $1.actual)
            }
            #expect(merged.count == whole.count, "seed \(seed)")
            #expect(Self.close(merged.mae, whole.mae), "seed \(seed)")
            #expect(Self.close(merged.rmse, whole.rmse), "seed \(seed)")
            #expect(Self.close(merged.mape, whole.mape), "seed \(seed)")
            #expect(Self.close(merged.meanError, whole.meanError, 1e-9), "seed \(seed)")
            #expect(try RegressionAccumulator().merging(whole) == whole, "seed \(seed)")
            #expect(try whole.merging(RegressionAccumulator()) == whole, "seed \(seed)")

            // Oracle: naive means over the rows.
            let n = Double(rows.count)
            let mae = rows.map { abs($0.predicted - $0.actual) }.reduce(0, +) / n
            let mse = rows.map { ($0.predicted - $0.actual) * ($0.predicted - $0.actual) }.reduce(0, +) / n
            #expect(
                Self.close(whole.mae, mae, 1e-10) && Self.close(whole.rmse, mse.squareRoot(), 1e-10), "seed \(seed)")
        }
    }

    @Test func compensatedSumsBeatNaiveSummation() {
        // 1 followed by a million 1e-16s: a naive sum stays at 1, the exact sum is 1 + 1e-10.
        var accumulator = RegressionAccumulator()
        accumulator.insert(predicted: 1, actual: 0)
        for _ in 0..<1_000_000 { accumulator.insert(predicted: 1e-16, actual: 0) }
        let exactMean = (1 + 1e-10) / 1_000_001
        #expect(abs((accumulator.mae ?? 0) - exactMean) <= 1e-15 * exactMean)
    }
}
