import DriftCore
import DriftTestSupport
import Foundation
import Testing

/// CBPE against `Fixtures/reference/cbpe` (an independent numpy implementation, and realised
/// figures from scikit-learn under covariate and concept shift), hand-worked numbers, and the
/// calibration's invariants over random histograms.
struct ConfidenceBasedEstimatorTests {
    static func reference() throws -> ReferenceJSON {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference/cbpe/cbpe_reference.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try #require(ReferenceJSON.parse(text))
    }

    /// A histogram with `positives[b]` and `negatives[b]` rows at the centre of bin b.
    static func histogram(positives: [Double], negatives: [Double]) -> ScoreHistogram {
        var histogram = ScoreHistogram(binCount: positives.count)
        let bins = Double(positives.count)
        for bin in positives.indices {
            let score = (Double(bin) + 0.5) / bins
            for _ in 0..<Int(positives[bin]) { histogram.insert(score: score, label: true) }
            for _ in 0..<Int(negatives[bin]) { histogram.insert(score: score, label: false) }
        }
        return histogram
    }

    static let figures = ["accuracy", "precision", "recall", "f1", "auc"]

    static func figure(_ estimate: EstimatedBinaryPerformance, _ name: String) -> EstimatedBinaryPerformance.Estimate? {
        switch name {
        case "accuracy": estimate.accuracy
        case "precision": estimate.precision
        case "recall": estimate.recall
        case "f1": estimate.f1
        default: estimate.auc
        }
    }

    static func calibration(_ reference: ReferenceJSON) throws -> ScoreCalibration {
        let baseline = reference["baseline"]
        return try #require(
            ScoreCalibration(
                histogram: histogram(
                    positives: baseline["positives"].doubles, negatives: baseline["negatives"].doubles),
                minimumBlockRows: UInt64(reference["min_block_rows"].int)))
    }

    @Test func matchesTheIndependentImplementation() throws {
        let reference = try Self.reference()
        let calibration = try Self.calibration(reference)
        #expect(calibration.blocks.count == reference["baseline"]["blocks"].int)
        let windows = reference["windows"].array
        #expect(windows.count == 10)
        for (index, window) in windows.enumerated() {
            let estimate = try #require(
                ConfidenceBasedEstimator.estimate(binCounts: window["counts"].doubles, calibration: calibration))
            let expected = window["estimate"]
            #expect(estimate.rows == expected["rows"].double)
            for name in Self.figures {
                let found = try #require(Self.figure(estimate, name), "window \(index) \(name)")
                let value = expected[name]["value"].double
                let std = expected[name]["std"].double
                #expect(abs(found.value - value) <= 1e-12, "window \(index) \(name): \(found.value) vs \(value)")
                #expect(
                    abs(found.standardError - std) <= 1e-9 * std,
                    "window \(index) \(name): \(found.standardError) vs \(std)"
                )
            }
        }
    }

    /// Covariate shift (P(y | score) unchanged): every figure within 3 standard errors of the
    /// realised one, and accuracy and AUC within 0.025 absolute.
    @Test func tracksRealisedPerformanceUnderCovariateShift() throws {
        let reference = try Self.reference()
        let calibration = try Self.calibration(reference)
        var checked = 0
        for (index, window) in reference["windows"].array.enumerated() where window["kind"].string == "covariate" {
            let estimate = try #require(
                ConfidenceBasedEstimator.estimate(binCounts: window["counts"].doubles, calibration: calibration))
            for name in Self.figures {
                let found = try #require(Self.figure(estimate, name))
                let realised = window["realised"][name].double
                let error = abs(found.value - realised)
                #expect(
                    error <= 3 * found.standardError, "window \(index) \(name): error \(error) ± \(found.standardError)"
                )
                if name == "accuracy" || name == "auc" {
                    #expect(error <= 0.025, "window \(index) \(name): error \(error)")
                }
                checked += 1
            }
        }
        #expect(checked == 35)
        // Over 400 simulated windows the realised figure fell within 2 standard errors about 95 % of the time.
        for name in Self.figures {
            let share = reference["coverage"]["within_2_std"][name].double
            #expect(share >= 0.93, "\(name) coverage \(share)")
        }
    }

    /// Concept shift (P(y | score) changed): the estimate cannot follow; some figure is off by
    /// more than 6 standard errors in every such window.
    @Test func cannotSeeConceptShift() throws {
        let reference = try Self.reference()
        let calibration = try Self.calibration(reference)
        for (index, window) in reference["windows"].array.enumerated() where window["kind"].string == "concept" {
            let estimate = try #require(
                ConfidenceBasedEstimator.estimate(binCounts: window["counts"].doubles, calibration: calibration))
            let worst =
                Self.figures.map { name -> Double in
                    guard let found = Self.figure(estimate, name) else { return 0 }
                    return abs(found.value - window["realised"][name].double) / found.standardError
                }.max() ?? 0
            #expect(worst > 6, "window \(index): largest error only \(worst) standard errors")
        }
    }

    /// Two bins, rates 0.2 and 0.7; the window has 10 rows in the low bin and 30 in the high one.
    @Test func handWorkedTwoBins() throws {
        let calibration = try #require(
            ScoreCalibration(histogram: Self.histogram(positives: [2, 7], negatives: [8, 3]), minimumBlockRows: 1))
        #expect(calibration.blocks.count == 2)
        let estimate = try #require(ConfidenceBasedEstimator.estimate(binCounts: [10, 30], calibration: calibration))
        // TP = 30·0.7 = 21, FP = 9, FN = 10·0.2 = 2, TN = 8.
        #expect(abs(try #require(estimate.accuracy).value - 29.0 / 40) < 1e-15)
        #expect(abs(try #require(estimate.precision).value - 0.7) < 1e-15)
        #expect(abs(try #require(estimate.recall).value - 21.0 / 23) < 1e-15)
        #expect(abs(try #require(estimate.f1).value - 42.0 / 53) < 1e-15)
        // W = 2·(½·8) + 21·(8 + ½·9) = 270.5 over 23·17 pairs.
        #expect(abs(try #require(estimate.auc).value - 270.5 / 391) < 1e-15)
        // Precision's variance: sampling 30·0.21 = 6.3, calibration 30²·p̃(1 − p̃)/10 with p̃ = 8/12; over 30².
        let smoothed = 8.0 / 12
        let precisionVariance = (6.3 + 900 * smoothed * (1 - smoothed) / 10) / 900
        #expect(abs(try #require(estimate.precision).standardError - precisionVariance.squareRoot()) < 1e-15)
        #expect(estimate.expectedPositives == 23)
        #expect(estimate.predictedPositives == 30)
    }

    @Test func undefinedFigures() throws {
        let calibration = try #require(
            ScoreCalibration(histogram: Self.histogram(positives: [2, 7], negatives: [8, 3]), minimumBlockRows: 1))
        let onlyLow = try #require(ConfidenceBasedEstimator.estimate(binCounts: [10, 0], calibration: calibration))
        #expect(onlyLow.precision == nil)  // nothing predicted positive
        #expect(onlyLow.accuracy != nil)
        #expect(ConfidenceBasedEstimator.estimate(binCounts: [0, 0], calibration: calibration) == nil)
        #expect(ScoreCalibration(histogram: Self.histogram(positives: [0, 0], negatives: [3, 4])) == nil)
    }

    @Test func poolsViolatorsAndSparseBins() throws {
        // Rates 0.5, 0.25 (a violator: pooled with the first to 3/8), then 0.9 over 10 rows.
        let calibration = try #require(
            ScoreCalibration(
                histogram: Self.histogram(positives: [2, 1, 0, 9], negatives: [2, 3, 0, 1]), minimumBlockRows: 1))
        #expect(calibration.blocks.map(\.rows) == [8, 10])
        #expect(calibration.probability(bin: 0) == 3.0 / 8)
        #expect(calibration.probability(bin: 1) == 3.0 / 8)
        #expect(calibration.probability(bin: 2) == 3.0 / 8)  // empty: nearest is bin 1 (tie → lower)
        #expect(calibration.probability(bin: 3) == 0.9)
        // With 9 rows a block minimum, the first block (8 rows) is pooled into the next.
        let pooled = try #require(
            ScoreCalibration(
                histogram: Self.histogram(positives: [2, 1, 0, 9], negatives: [2, 3, 0, 1]), minimumBlockRows: 9))
        #expect(pooled.blocks.count == 1)
        #expect(pooled.probability(bin: 0) == 12.0 / 18)
    }

    /// Random histograms: probabilities never decrease, blocks tile the bins, rows are kept, and
    /// every block has the minimum rows unless there is only one.
    @Test func calibrationInvariants() {
        for seed in UInt64(1)...60 {
            var sampler = Sampler(seed: seed)
            let bins = 1 + sampler.int(below: 60)
            var positives: [Double] = []
            var negatives: [Double] = []
            for _ in 0..<bins {
                positives.append(Double(sampler.int(below: 4) == 0 ? 0 : sampler.int(below: 12)))
                negatives.append(Double(sampler.int(below: 4) == 0 ? 0 : sampler.int(below: 12)))
            }
            let minimum = UInt64(1 + sampler.int(below: 40))
            let histogram = Self.histogram(positives: positives, negatives: negatives)
            guard let calibration = ScoreCalibration(histogram: histogram, minimumBlockRows: minimum) else {
                #expect(positives.reduce(0, +) == 0 || negatives.reduce(0, +) == 0, "seed \(seed)")
                continue
            }
            let probabilities = (0..<bins).map { calibration.probability(bin: $0) }
            #expect(zip(probabilities, probabilities.dropFirst()).allSatisfy { $0 <= $1 }, "seed \(seed)")
            #expect(calibration.rows == UInt64(positives.reduce(0, +) + negatives.reduce(0, +)), "seed \(seed)")
            #expect(
                calibration.blocks.reduce(0) { $0 + $1.positives } == UInt64(positives.reduce(0, +)), "seed \(seed)")
            for (a, b) in zip(calibration.blocks, calibration.blocks.dropFirst()) {
                #expect(a.upperBin < b.lowerBin, "seed \(seed)")
            }
            if calibration.blocks.count > 1 {
                #expect(calibration.blocks.allSatisfy { $0.rows >= minimum }, "seed \(seed)")
            }
        }
    }

    /// The sketch path: exact while the sketch holds every score; within the rank error otherwise.
    @Test func binCountsFromTheSketch() throws {
        var sampler = Sampler(seed: 11)
        var small = KLLSketch()
        var exact = Array(repeating: 0.0, count: 100)
        for _ in 0..<150 {
            let score = sampler.uniform()
            small.insert(score)
            exact[min(Int(score * 100), 99)] += 1
        }
        #expect(ConfidenceBasedEstimator.binCounts(of: small, binCount: 100) == exact)

        let reference = try Self.reference()
        let calibration = try Self.calibration(reference)
        var large = KLLSketch()
        var counts = Array(repeating: 0.0, count: 1_000)
        for _ in 0..<100_000 {
            let x = sampler.normal(mean: 0.4, sd: 1)
            let score = 1 / (1 + exp(-(2.5 * x - 0.8)))
            large.insert(score)
            counts[min(Int(score * 1_000), 999)] += 1
        }
        let fromSketch = try #require(
            ConfidenceBasedEstimator.estimate(
                binCounts: ConfidenceBasedEstimator.binCounts(of: large, binCount: 1_000), calibration: calibration))
        let fromCounts = try #require(ConfidenceBasedEstimator.estimate(binCounts: counts, calibration: calibration))
        let bound = 2 * large.normalizedRankError
        for name in ["accuracy", "auc"] {
            let a = try #require(Self.figure(fromSketch, name)).value
            let b = try #require(Self.figure(fromCounts, name)).value
            #expect(abs(a - b) <= bound, "\(name): sketch \(a) vs exact \(b), bound \(bound)")
        }
    }
}
