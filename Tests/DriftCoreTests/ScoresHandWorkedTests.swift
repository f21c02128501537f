import DriftTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The worked examples of the doc comments, with the arithmetic done by hand in the comments.
struct ScoresHandWorkedTests {
    @Test func psiOfTwoBins() {
        // p = [.5, .5], q = [.3, .7]: (.3−.5)·ln(.6) + (.7−.5)·ln(1.4) = 0.1021651 + 0.0672944.
        let psi = PopulationStability.index(baseline: [50, 50], window: [30, 70])
        #expect(abs(psi - 0.169459572) < 1e-8)
        // Symmetric, and 0 for equal shares whatever the totals.
        #expect(psi == PopulationStability.index(baseline: [30, 70], window: [50, 50]))
        #expect(PopulationStability.index(baseline: [1, 2, 3], window: [10, 20, 30]) == 0)
    }

    @Test func psiFloorsEmptyBinsWithoutRenormalising() {
        // p = [1, 0] → [1, 1e-4]; q = [.5, .5]: (.5−1)·ln(.5) + (.5−1e-4)·ln(.5/1e-4)
        // = 0.3465736 + 0.4999·8.5171932 = 0.3465736 + 4.2577449 = 4.6043185.
        let psi = PopulationStability.index(baseline: [10, 0], window: [5, 5])
        #expect(abs(psi - 4.604318) < 1e-6)
        #expect(PopulationStability.index(baseline: [0, 0], window: [1, 1]).isNaN)
    }

    @Test func jensenShannonOfDisjointAndEqualIsOneAndZero() {
        // m = [½, ½]; KL(p‖m) = KL(q‖m) = log₂ 2 = 1; JS = sqrt((1 + 1)/2) = 1.
        #expect(abs(JensenShannon.distance(baseline: [1, 0], window: [0, 1]) - 1) < 1e-15)
        #expect(JensenShannon.distance(baseline: [2, 2], window: [5, 5]) == 0)
        #expect(JensenShannon.distance(baseline: [], window: []).isNaN)
    }

    @Test func hellingerAndLInfinityByHand() {
        // p = [½, ½], q = [1, 0]: Σ sqrt(pq) = sqrt(½) = 0.7071068; H = sqrt(0.2928932) = 0.5411961.
        #expect(abs(Hellinger.distance(baseline: [1, 1], window: [1, 0]) - 0.541196100) < 1e-9)
        #expect(Hellinger.distance(baseline: [1, 0], window: [0, 1]) == 1)
        // p = [.5, .25, .25], q = [.25, .25, .5] → max |p − q| = 0.25.
        #expect(LInfinity.distance(baseline: [2, 1, 1], window: [1, 1, 2]) == 0.25)
    }

    @Test func chiSquareOfASymmetricTwoByTwo() throws {
        // N = 60, every expected count 15, every |O − E| = 5: χ² = 4·25/15 = 6.6667, dof 1;
        // p = erfc(sqrt(χ²/2)) = erfc(1.8257) = 0.0098232 (scipy: 0.009823274507519235).
        let result = try #require(ChiSquare.test(baseline: [10, 20], window: [20, 10]))
        #expect(abs(result.statistic - 20.0 / 3) < 1e-12)
        #expect(result.degreesOfFreedom == 1)
        #expect(abs(result.pValue - 0.009823274507519235) < 1e-12)
        #expect(ChiSquare.test(baseline: [10], window: [5]) == nil)
        #expect(ChiSquare.test(baseline: [10, 0], window: [5, 0]) == nil)
    }

    @Test func chiSquareSurvivalWithTwoDegreesIsAnExponential() {
        // χ²₂ is Exponential(½): P(X ≥ x) = e^(−x/2).
        for x in [0.1, 1, 2, 10, 50] {
            let expected = exp(-x / 2)
            #expect(abs(SpecialFunctions.chiSquareSurvival(x, degreesOfFreedom: 2) - expected) <= 1e-14 * expected)
        }
    }

    @Test func lumpingMergesUnseenThenRareThenIntoTheSmallest() throws {
        // R_b = 163, R_w = 141, N = 304. Column 2 expects 141·3/304 = 1.39, column 3 0.46: rare,
        // lumped to [3, 1] expecting 1.86 (< 5) → into the smaller column 1: [60+3, 50+1].
        let table = try #require(CategoryLumping.lump(baseline: [100, 60, 2, 1], window: [90, 50, 1, 0]))
        #expect(table.baseline == [100, 63])
        #expect(table.window == [90, 51])
        #expect(table.members == [[0], [1, 2, 3]])
        // Unseen categories 2 and 3 (baseline 0) form one column of 12 window rows; it expects
        // 50·12/112 = 5.36 (≥ 5), so it stays. Category 4 (0 and 0) is dropped.
        let unseen = try #require(
            CategoryLumping.lump(baseline: [30, 20, 0, 0, 0], window: [20, 18, 7, 5, 0]))
        #expect(unseen.baseline == [30, 20, 0])
        #expect(unseen.window == [20, 18, 12])
        #expect(unseen.members == [[0], [1], [2, 3]])
        // One big column and rare crumbs: fewer than two columns → insufficient data.
        #expect(CategoryLumping.lump(baseline: [500, 1, 1], window: [400, 0, 2]) == nil)
    }

    @Test func kolmogorovSmirnovAndWassersteinByHand() {
        // {1,2,3} vs {2,3,4}: F₁ − F₂ at 1, 2, 3, 4 = 1/3, 1/3, 1/3, 0 → D = 1/3.
        let a = ScoresOracles.weighted([1, 2, 3])
        let b = ScoresOracles.weighted([2, 3, 4])
        // (At x = 3 the gap is 1 − 2/3 = 0.33333333333333337 in doubles, as in ks_2samp's asymp mode.)
        #expect(abs(KolmogorovSmirnov.statistic(baseline: a, window: b) - 1.0 / 3) < 1e-15)
        // {0,1} vs {1,2}: |F₁ − F₂| = ½ on [0,1) and on [1,2) → W₁ = 1.
        let c = ScoresOracles.weighted([0, 1])
        let d = ScoresOracles.weighted([1, 2])
        #expect(Wasserstein.distance(baseline: c, window: d) == 1)
        // Weights: {0 ×3, 10 ×1} vs {0 ×1, 10 ×3}: F jumps ¾ vs ¼ at 0 → D = ½, W₁ = ½·10 = 5.
        let e = [WeightedValue(value: 0, weight: 3), WeightedValue(value: 10, weight: 1)]
        let f = [WeightedValue(value: 0, weight: 1), WeightedValue(value: 10, weight: 3)]
        #expect(KolmogorovSmirnov.statistic(baseline: e, window: f) == 0.5)
        #expect(Wasserstein.distance(baseline: e, window: f) == 5)
        #expect(KolmogorovSmirnov.statistic(baseline: [], window: f).isNaN)
        // sd of {0 ×3, 10 ×1}: mean 2.5, variance (3·6.25 + 56.25)/4 = 18.75 → 4.330127.
        #expect(abs(Wasserstein.standardDeviation(of: e) - 18.75.squareRoot()) < 1e-12)
        #expect(Wasserstein.normalized(distance: 1, baselineStandardDeviation: 0).isNaN)
    }

    @Test func kolmogorovLimitAtTheFivePercentPoint() {
        // Q_KS(1.36) = 2(e^(−3.6992) − e^(−14.7968) + …) = 2(0.0247433 − 0.0000004) = 0.0494859.
        #expect(abs(SpecialFunctions.kolmogorovLimitSurvival(1.36) - 0.0494859) < 1e-6)
        #expect(SpecialFunctions.kolmogorovLimitSurvival(0) == 1)
    }

    @Test func quantilesInterpolateLikeNumpy() {
        // [1,2,3,4], p = 0.1: h = 3·0.1 = 0.3 → 1 + 0.3·1 = 1.3; p = 0.9: h = 2.7 → 4 − 1·0.3 = 3.7.
        #expect(QuantileBins.quantile(ofSorted: [1, 2, 3, 4], at: 0.1) == 1.3)
        #expect(QuantileBins.quantile(ofSorted: [1, 2, 3, 4], at: 0.9) == 3.7)
        #expect(QuantileBins.quantile(ofSorted: [7], at: 0.5) == 7)
        // Heavy duplicates: the deciles of [0×6, 1×4] dedup to three edges.
        let edges = QuantileBins.innerEdges(fromSortedBaseline: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
        // h = 9p: p ≤ 0.5 → index ≤ 4.5 → 0; p = 0.6 → h = 5.4 → 0 + 0.4·1 = 0.4 (up to rounding); p ≥ 0.7 → 1.
        #expect(edges == [0, 0.39999999999999947, 1])  // 9·0.6 rounds to 5.3999999999999995 (numpy agrees)
        // Left-closed bins: a value equal to an edge goes to the bin on its right.
        #expect(QuantileBins.binIndex(of: -1, innerEdges: [0, 1]) == 0)
        #expect(QuantileBins.binIndex(of: 0, innerEdges: [0, 1]) == 1)
        #expect(QuantileBins.binIndex(of: 1, innerEdges: [0, 1]) == 2)
        #expect(QuantileBins.innerEdges(fromQuantiles: [3, 1, 1, .nan, 2]) == [1, 2, 3])
    }

    @Test func dataQualitySharesByHand() {
        // 5/100 vs 30/200 missing → |0.15 − 0.05| = 0.10.
        #expect(
            abs(
                DataQuality.missingRateChange(
                    baselineMissing: 5, baselineTotal: 100, windowMissing: 30, windowTotal: 200) - 0.1) < 1e-15)
        #expect(DataQuality.outOfRangeShare(outside: 3, total: 150) == 0.02)
        #expect(DataQuality.unseenShare(baseline: [5, 0, 3], window: [2, 1, 1]) == 0.25)
        #expect(DataQuality.outOfRangeShare(outside: 0, total: 0).isNaN)
    }

    @Test func learnedThresholdIsMeanPlusThreeSigma() throws {
        // 1…10: mean 5.5, population variance 8.25, σ = 2.8722813 → 5.5 + 8.6168440 = 14.116844.
        let values = (1...10).map(Double.init)
        let upper = try #require(LearnedThreshold.threshold(chunkValues: values))
        #expect(abs(upper - 14.116843969807043) < 1e-12)
        let lower = try #require(LearnedThreshold.threshold(chunkValues: values, direction: .lowerMeansDrift))
        #expect(abs(lower - (5.5 - 3 * 8.25.squareRoot())) < 1e-12)
        #expect(LearnedThreshold.threshold(chunkValues: Array(values.prefix(9))) == nil)
    }
}
