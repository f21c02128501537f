import DriftTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hand-worked values, invalid-input policy and configuration errors of the performance accumulators.
struct PerformanceAccumulatorTests {
    /// scikit-learn's `roc_auc_score` doc example: AUC 0.75.
    static let scores = [0.1, 0.4, 0.35, 0.8]
    static let labels = [false, false, true, true]

    static func close(_ found: Double?, _ expected: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let found else { return false }
        return abs(found - expected) <= tolerance
    }

    @Test func binaryHandWorkedExample() {
        var accumulator = BinaryClassificationAccumulator(threshold: 0.5, scoreBins: 1_000, calibrationBins: 10)
        for (score, label) in zip(Self.scores, Self.labels) { accumulator.insert(score: score, label: label) }
        // Predicted positive: only 0.8. TP 1 (0.8), FN 1 (0.35), TN 2, FP 0.
        #expect(accumulator.truePositives == 1 && accumulator.falseNegatives == 1)
        #expect(accumulator.trueNegatives == 2 && accumulator.falsePositives == 0)
        #expect(accumulator.count == 4 && accumulator.positives == 2 && accumulator.negatives == 2)
        #expect(accumulator.accuracy == 0.75)
        #expect(accumulator.precision == 1)
        #expect(accumulator.recall == 0.5)
        #expect(Self.close(accumulator.f1, 2.0 / 3.0))
        #expect(Self.close(accumulator.auc, 0.75))
        #expect(accumulator.aucMaximumError == 0)
        let squaredMisses: [Double] = [0.01, 0.16, 0.4225, 0.04]
        #expect(Self.close(accumulator.brier, squaredMisses.reduce(0, +) / 4))
        let likelihoods: [Double] = [0.9, 0.6, 0.35, 0.8]
        #expect(Self.close(accumulator.logLoss, -likelihoods.map { log($0) }.reduce(0, +) / 4))
        // Every row alone in its bin: (0.1 + 0.4 + 0.65 + 0.2) / 4.
        #expect(Self.close(accumulator.expectedCalibrationError, 0.3375))
    }

    @Test func coarseBinsCreditTiesHalfAndBoundTheError() {
        var accumulator = BinaryClassificationAccumulator(scoreBins: 2)
        for (score, label) in zip(Self.scores, Self.labels) { accumulator.insert(score: score, label: label) }
        // Bin [0, 0.5) holds 0.1−, 0.4−, 0.35+: the positive ties 2 negatives (credit 1); 0.8+ wins 2.
        #expect(accumulator.auc == 0.75)
        #expect(accumulator.aucMaximumError == 2.0 / 8.0)
        #expect(accumulator.scoreHistogram.positiveCounts == [1, 1])
        #expect(accumulator.scoreHistogram.negativeCounts == [2, 0])
    }

    @Test func scoreOfOneFallsInTheLastBin() {
        var accumulator = BinaryClassificationAccumulator(scoreBins: 4, calibrationBins: 4)
        accumulator.insert(score: 1, label: true)
        accumulator.insert(score: 0, label: false)
        #expect(accumulator.scoreHistogram.positiveCounts == [0, 0, 0, 1])
        #expect(accumulator.scoreHistogram.negativeCounts == [1, 0, 0, 0])
        #expect(accumulator.calibration.bins.map(\.lowerEdge) == [0, 0.75])
        #expect(accumulator.auc == 1)
        #expect(accumulator.expectedCalibrationError == 0)
        // Clipped at 1e-15: −ln(1 − 1e-15) per row.
        #expect(Self.close(accumulator.logLoss, -log(1 - 1e-15), 1e-20))
    }

    @Test func invalidScoresAreCountedNotInserted() {
        var accumulator = BinaryClassificationAccumulator()
        for score in [Double.nan, -0.001, 1.000_001, .infinity, -.infinity] {
            accumulator.insert(score: score, label: true)
        }
        #expect(accumulator.invalidCount == 5)
        #expect(accumulator.count == 0)
        var onlyInvalid = BinaryClassificationAccumulator()
        for _ in 0..<5 { onlyInvalid.insert(score: .nan, label: false) }
        #expect(accumulator == onlyInvalid)
    }

    @Test func emptyAccumulatorsHaveNoMetrics() {
        let binary = BinaryClassificationAccumulator()
        let binaryMetrics = [
            binary.accuracy, binary.precision, binary.recall, binary.f1, binary.auc, binary.logLoss, binary.brier,
            binary.expectedCalibrationError,
        ]
        #expect(binaryMetrics.allSatisfy { $0 == nil })
        #expect(binary.aucMaximumError == 0)
        let multiclass = MulticlassAccumulator()
        let multiclassMetrics = [
            multiclass.accuracy, multiclass.macroF1, multiclass.macroPrecision, multiclass.macroRecall,
        ]
        #expect(multiclassMetrics.allSatisfy { $0 == nil })
        #expect(multiclass.classes.isEmpty)
        let regression = RegressionAccumulator()
        let regressionMetrics = [regression.mae, regression.rmse, regression.mape, regression.meanError]
        #expect(regressionMetrics.allSatisfy { $0 == nil })
    }

    @Test func f1IsZeroNotNilWhenOnlyPrecisionIsUndefined() {
        var accumulator = BinaryClassificationAccumulator(threshold: 0.9)
        accumulator.insert(score: 0.2, label: true)
        accumulator.insert(score: 0.3, label: false)
        #expect(accumulator.precision == nil)
        #expect(accumulator.recall == 0)
        #expect(accumulator.f1 == 0)
    }

    @Test func binaryMergeRejectsDifferentConfigurations() throws {
        var base = BinaryClassificationAccumulator(threshold: 0.5, scoreBins: 100, calibrationBins: 10)
        base.insert(score: 0.7, label: true)
        let before = base
        #expect(
            throws: PerformanceMergeError.configurationMismatch(
                accumulator: "binary classification accumulator", field: "threshold", expected: "0.5", found: "0.6")
        ) { try base.merge(BinaryClassificationAccumulator(threshold: 0.6, scoreBins: 100)) }
        #expect(throws: PerformanceMergeError.self) { try base.merge(BinaryClassificationAccumulator(scoreBins: 99)) }
        #expect(throws: PerformanceMergeError.self) {
            try base.merge(BinaryClassificationAccumulator(scoreBins: 100, calibrationBins: 5))
        }
        #expect(base == before)
    }

    @Test func multiclassHandWorkedExample() {
        // scikit-learn's f1_score doc example: macro F1 = 0.2666…
        let actual = ["0", "1", "2", "0", "1", "2"]
        let predicted = ["0", "2", "1", "0", "0", "1"]
        var accumulator = MulticlassAccumulator()
        for (p, a) in zip(predicted, actual) { accumulator.insert(predicted: p, actual: a) }
        #expect(accumulator.classes == ["0", "1", "2"])
        #expect(accumulator.confusionMatrix == [[2, 0, 0], [1, 0, 1], [0, 2, 0]])
        #expect(accumulator.count(predicted: "2", actual: "1") == 1)
        #expect(accumulator.count(predicted: "9", actual: "1") == 0)
        #expect(Self.close(accumulator.accuracy, 2.0 / 6.0))
        // Class 0: P 2/3, R 1, F1 0.8; classes 1 and 2: 0.
        #expect(Self.close(accumulator.macroF1, 0.8 / 3))
        #expect(Self.close(accumulator.macroPrecision, (2.0 / 3.0) / 3))
        #expect(Self.close(accumulator.macroRecall, 1.0 / 3))
        #expect(accumulator.classCounts["0"] == .init(truePositives: 2, predicted: 3, actual: 2))
    }

    @Test func multiclassClassLimitRejectsRowsAndMerges() throws {
        var full = MulticlassAccumulator()
        for index in 0..<MulticlassAccumulator.maximumClasses {
            full.insert(predicted: "c\(index)", actual: "c\(index)")
        }
        #expect(full.classes.count == MulticlassAccumulator.maximumClasses && full.rejectedCount == 0)
        full.insert(predicted: "c1", actual: "new")
        full.insert(predicted: "new", actual: "new")
        full.insert(predicted: "c1", actual: "c2")  // known classes only: accepted
        #expect(full.rejectedCount == 2)
        #expect(full.count == UInt64(MulticlassAccumulator.maximumClasses) + 1)

        var other = MulticlassAccumulator()
        other.insert(predicted: "new", actual: "c0")
        let before = full
        #expect(
            throws: PerformanceMergeError.tooManyClasses(
                limit: MulticlassAccumulator.maximumClasses, found: MulticlassAccumulator.maximumClasses + 1)
        ) { try full.merge(other) }
        #expect(full == before)
    }

    @Test func regressionHandWorkedExample() {
        // scikit-learn's doc example: MAE 0.5, MSE 0.375, MAPE 0.3273…
        let actual = [3, -0.5, 2, 7]
        let predicted = [2.5, 0.0, 2, 8]
        var accumulator = RegressionAccumulator()
        for (p, a) in zip(predicted, actual) { accumulator.insert(predicted: p, actual: a) }
        #expect(accumulator.count == 4)
        #expect(accumulator.mae == 0.5)
        #expect(Self.close(accumulator.rmse, 0.375.squareRoot()))
        let percentages: [Double] = [0.5 / 3, 0.5 / 0.5, 0, 1.0 / 7]
        #expect(Self.close(accumulator.mape, percentages.reduce(0, +) / 4))
        #expect(Self.close(accumulator.meanError, 0.25))  // (−0.5 + 0.5 + 0 + 1) / 4
    }

    @Test func regressionZeroActualUsesMachineEpsilon() {
        var accumulator = RegressionAccumulator()
        accumulator.insert(predicted: 1, actual: 0)
        #expect(accumulator.mape == 1 / Double.ulpOfOne)
    }

    @Test func regressionRejectsNonFinitePairs() {
        var accumulator = RegressionAccumulator()
        accumulator.insert(predicted: .nan, actual: 1)
        accumulator.insert(predicted: 1, actual: .infinity)
        accumulator.insert(predicted: 1e200, actual: -1e200)  // squared error overflows
        #expect(accumulator.invalidCount == 3)
        #expect(accumulator.count == 0 && accumulator.mae == nil)
    }

    @Test func mergeErrorsDescribeTheFix() {
        let mismatch = PerformanceMergeError.configurationMismatch(
            accumulator: "binary classification accumulator", field: "scoreBins", expected: "1000", found: "10")
        #expect(mismatch.description.contains("scoreBins expected 1000, found 10"))
        #expect(PerformanceMergeError.tooManyClasses(limit: 2, found: 3).description.contains("expected at most 2"))
    }
}
