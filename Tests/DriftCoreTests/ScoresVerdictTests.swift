import DriftTestSupport
import Testing

/// The vocabulary types and the rules of `DriftScore.evaluate`.
struct ScoresVerdictTests {
    @Test func rawValuesAndLabelsAreStable() {
        // These strings are config keys and JSON output: renaming one breaks users' scripts.
        #expect(
            DriftTest.allCases.map(\.rawValue) == [
                "psi", "ks", "js", "hellinger", "wasserstein", "chi2_p", "linf", "missing_rate", "out_of_range",
                "unseen_share",
            ])
        #expect(
            [Verdict.drift, .noDrift, .insufficientData(reason: "x")].map(\.label) == [
                "drift", "ok", "insufficient_data",
            ])
        #expect(FeatureKind.allCases.map(\.rawValue) == ["numeric", "categorical"])
    }

    @Test func everyTestStatesItsThresholdSourceKindsAndWarmUp() {
        for test in DriftTest.allCases {
            #expect(test.defaultThreshold > 0 && test.defaultThreshold < 1, "\(test)")
            #expect(test.thresholdSource.count > 20, "\(test)")
            #expect(!test.kinds.isEmpty, "\(test)")
            #expect(test.minimumCount >= 1, "\(test)")
            #expect(!test.displayName.isEmpty, "\(test)")
        }
        #expect(DriftTest.chi2.direction == .lowerMeansDrift)
        #expect(DriftTest.allCases.filter { $0.direction == .lowerMeansDrift } == [.chi2])
        #expect(DriftTest.psi.defaultThreshold == 0.1)
        #expect(DriftTest.ks.kinds == [.numeric] && DriftTest.chi2.kinds == [.categorical])
    }

    @Test func directionDecidesWhichSideDrifts() {
        let psi = DriftScore.evaluate(test: .psi, value: 0.2, baselineCount: 1000, windowCount: 1000)
        #expect(psi.verdict == .drift && psi.isDrift && psi.threshold == 0.1)
        let calm = DriftScore.evaluate(test: .psi, value: 0.004, baselineCount: 1000, windowCount: 1000)
        #expect(calm.verdict == .noDrift && !calm.isDrift)
        // The threshold itself counts as drift on both sides.
        #expect(DriftScore.evaluate(test: .psi, value: 0.1, baselineCount: 500, windowCount: 500).isDrift)
        let p = DriftScore.evaluate(test: .chi2, value: 0.01, pValue: 0.01, baselineCount: 500, windowCount: 500)
        #expect(p.isDrift)
        #expect(!DriftScore.evaluate(test: .chi2, value: 0.3, baselineCount: 500, windowCount: 500).isDrift)
        #expect(
            DriftScore.evaluate(test: .js, value: 0.2, threshold: 0.25, baselineCount: 500, windowCount: 500)
                .verdict == .noDrift)
    }

    @Test func tooFewRowsIsInsufficientNeverDrift() {
        let window = DriftScore.evaluate(test: .psi, value: 3, baselineCount: 10_000, windowCount: 99)
        #expect(window.verdict == .insufficientData(reason: "window rows 99 < 100"))
        #expect(!window.isDrift && window.value == 3)
        let baseline = DriftScore.evaluate(test: .psi, value: 3, baselineCount: 42, windowCount: 10_000)
        #expect(baseline.verdict == .insufficientData(reason: "baseline rows 42 < 100"))
    }

    @Test func undefinedValueIsInsufficient() {
        let score = DriftScore.evaluate(test: .wasserstein, value: .nan, baselineCount: 500, windowCount: 500)
        #expect(score.verdict.label == "insufficient_data" && !score.isDrift)
    }

    @Test func ksBelowSketchErrorIsInsufficientNeverDrift() {
        // D = 0.12 crosses 0.1 and p says drift, but two sketches of 1.33% error each cannot
        // resolve a gap of 0.12 ≤ 0.15 (a deliberately large error to exercise the rule).
        let blurred = DriftScore.evaluate(
            test: .ks, value: 0.12, pValue: 1e-6, baselineCount: 100_000, windowCount: 100_000, sketchError: 0.15)
        #expect(blurred.verdict == .insufficientData(reason: "difference below sketch error: D 0.12 <= 0.15"))
        let clear = DriftScore.evaluate(
            test: .ks, value: 0.12, pValue: 1e-6, baselineCount: 100_000, windowCount: 100_000, sketchError: 0.0266)
        #expect(clear.verdict == .drift)
    }

    @Test func ksLargeDOnASmallWindowNeedsSignificance() {
        // D = 0.12 on 150 rows against a big baseline: en ≈ 150, p ≈ 0.03 → drift; but at
        // p = 0.2 the window is too small to tell.
        let p = KolmogorovSmirnov.pValue(d: 0.12, n: 100_000, m: 150)
        #expect(p < 0.05)
        #expect(
            DriftScore.evaluate(test: .ks, value: 0.12, pValue: p, baselineCount: 100_000, windowCount: 150).isDrift)
        let weak = DriftScore.evaluate(test: .ks, value: 0.12, pValue: 0.2, baselineCount: 100_000, windowCount: 150)
        #expect(weak.verdict.label == "insufficient_data")
    }
}
