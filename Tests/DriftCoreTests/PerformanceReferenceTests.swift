import DriftTestSupport
import Foundation
import Testing

/// Agreement with scikit-learn on the cases in `Fixtures/reference/performance`, written by
/// `make_performance_reference.py` (inputs and sklearn's values), plus exact oracles computed here.
struct PerformanceReferenceTests {
    /// The parsed fixture (read per test: `[String: Any]` cannot be a shared static).
    static func reference() -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference/performance/performance_reference.json")
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }

    static func cases(_ kind: String) -> [[String: Any]] {
        reference()[kind] as? [[String: Any]] ?? []
    }

    /// |found − expected| ≤ 1e-9, relative above 1; both `nil` also agrees.
    static func agrees(_ found: Double?, _ expected: Any?, tolerance: Double = 1e-9) -> Bool {
        let expectedValue = expected as? Double
        guard let found, let expectedValue else { return found == nil && expectedValue == nil }
        return abs(found - expectedValue) <= tolerance * max(1, abs(expectedValue))
    }

    @Test func fixtureHasEveryCase() {
        #expect(Self.cases("binary").count == 7)
        #expect(Self.cases("multiclass").count == 3)
        #expect(Self.cases("regression").count == 4)
    }

    @Test func binaryMetricsMatchScikitLearn() throws {
        for testCase in Self.cases("binary") {
            let name = try #require(testCase["name"] as? String)
            let scores = try #require(testCase["scores"] as? [Double])
            let labels = try #require(testCase["labels"] as? [Int]).map { $0 == 1 }
            let expected = try #require(testCase["expected"] as? [String: Any])
            var accumulator = BinaryClassificationAccumulator(
                threshold: try #require(testCase["threshold"] as? Double),
                scoreBins: 1_000,
                calibrationBins: try #require(testCase["calibration_bins"] as? Int))
            for (score, label) in zip(scores, labels) { accumulator.insert(score: score, label: label) }

            #expect(accumulator.count == UInt64(scores.count), "\(name)")
            #expect(accumulator.invalidCount == 0, "\(name)")
            #expect(accumulator.truePositives == UInt64(try #require(expected["true_positives"] as? Int)), "\(name)")
            #expect(accumulator.falsePositives == UInt64(try #require(expected["false_positives"] as? Int)), "\(name)")
            #expect(accumulator.trueNegatives == UInt64(try #require(expected["true_negatives"] as? Int)), "\(name)")
            #expect(accumulator.falseNegatives == UInt64(try #require(expected["false_negatives"] as? Int)), "\(name)")
            #expect(Self.agrees(accumulator.accuracy, expected["accuracy"]), "\(name) accuracy")
            #expect(Self.agrees(accumulator.precision, expected["precision"]), "\(name) precision")
            #expect(Self.agrees(accumulator.recall, expected["recall"]), "\(name) recall")
            #expect(Self.agrees(accumulator.f1, expected["f1"]), "\(name) f1")
            #expect(Self.agrees(accumulator.logLoss, expected["log_loss"]), "\(name) log loss")
            #expect(Self.agrees(accumulator.brier, expected["brier"]), "\(name) brier")
            #expect(
                Self.agrees(accumulator.expectedCalibrationError, expected["ece"]),
                "\(name) ECE \(String(describing: accumulator.expectedCalibrationError))")
        }
    }

    @Test func aucIsExactForQuantisedScoresAndBoundedOtherwise() throws {
        var quantisedCases = 0
        for testCase in Self.cases("binary") {
            let name = try #require(testCase["name"] as? String)
            let scores = try #require(testCase["scores"] as? [Double])
            let labels = try #require(testCase["labels"] as? [Int]).map { $0 == 1 }
            let expected = try #require(testCase["expected"] as? [String: Any])
            var accumulator = BinaryClassificationAccumulator(scoreBins: 1_000)
            for (score, label) in zip(scores, labels) { accumulator.insert(score: score, label: label) }

            let bruteForce = PerformanceOracle.mannWhitneyAUC(scores: scores, labels: labels)
            #expect(Self.agrees(bruteForce, expected["roc_auc"]), "\(name): oracle vs sklearn")
            guard let exact = bruteForce else {
                #expect(accumulator.auc == nil, "\(name)")
                #expect(accumulator.aucMaximumError == 0, "\(name)")
                continue
            }
            let auc = try #require(accumulator.auc, "\(name)")
            if try #require(testCase["quantised"] as? Bool) {
                quantisedCases += 1
                #expect(Self.agrees(auc, exact), "\(name): \(auc) vs exact \(exact)")
            } else {
                #expect(accumulator.aucMaximumError <= 0.5, "\(name)")
                #expect(abs(auc - exact) <= accumulator.aucMaximumError, "\(name): \(auc) vs exact \(exact)")
            }
        }
        #expect(quantisedCases == 3)
    }

    @Test func multiclassMetricsMatchScikitLearn() throws {
        for testCase in Self.cases("multiclass") {
            let name = try #require(testCase["name"] as? String)
            let predicted = try #require(testCase["predicted"] as? [String])
            let actual = try #require(testCase["actual"] as? [String])
            let expected = try #require(testCase["expected"] as? [String: Any])
            var accumulator = MulticlassAccumulator()
            for (p, a) in zip(predicted, actual) { accumulator.insert(predicted: p, actual: a) }

            #expect(accumulator.count == UInt64(predicted.count), "\(name)")
            #expect(accumulator.classes == (try #require(expected["classes"] as? [String])), "\(name)")
            let matrix = try #require(expected["confusion_matrix"] as? [[Int]]).map { $0.map(UInt64.init) }
            #expect(accumulator.confusionMatrix == matrix, "\(name)")
            #expect(Self.agrees(accumulator.accuracy, expected["accuracy"]), "\(name) accuracy")
            #expect(Self.agrees(accumulator.macroF1, expected["macro_f1"]), "\(name) macro F1")
            #expect(Self.agrees(accumulator.macroPrecision, expected["macro_precision"]), "\(name) macro precision")
            #expect(Self.agrees(accumulator.macroRecall, expected["macro_recall"]), "\(name) macro recall")
        }
    }

    @Test func regressionMetricsMatchScikitLearn() throws {
        for testCase in Self.cases("regression") {
            let name = try #require(testCase["name"] as? String)
            let predicted = try #require(testCase["predicted"] as? [Double])
            let actual = try #require(testCase["actual"] as? [Double])
            let expected = try #require(testCase["expected"] as? [String: Any])
            var accumulator = RegressionAccumulator()
            for (p, a) in zip(predicted, actual) { accumulator.insert(predicted: p, actual: a) }

            #expect(accumulator.count == UInt64(predicted.count), "\(name)")
            #expect(Self.agrees(accumulator.mae, expected["mae"]), "\(name) MAE")
            #expect(Self.agrees(accumulator.rmse, expected["rmse"]), "\(name) RMSE")
            #expect(Self.agrees(accumulator.mape, expected["mape"]), "\(name) MAPE \(accumulator.mape ?? .nan)")
            // The mean error is a difference of large terms; compare on the scale of the MAE.
            let scale = max(1, try #require(expected["mae"] as? Double))
            #expect(
                Self.agrees(
                    accumulator.meanError.map { $0 / scale }, (expected["mean_error"] as? Double).map { $0 / scale }),
                "\(name) mean error")
        }
    }
}
