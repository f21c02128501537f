import DriftTestSupport
import Testing

/// The "defaults that hold up": KS D from k = 200 sketches on 100k rows, and lumped
/// categorical distances on 20,000 Zipf ids.
struct FeatureComparisonDefaultsTests {
    private static func numericSummary(_ values: [Double]) -> FeatureSummary {
        var summary = FeatureSummary(kind: .numeric)
        for x in values { summary.insert(number: x) }
        return summary
    }

    @Test func ksFromSketchesIsWithin0_015OfTheExactDOn100kRows() throws {
        let rows = 100_000
        let pairs: [(String, (inout Sampler) -> Double, (inout Sampler) -> Double)] = [
            ("normal vs normal", { $0.normal() }, { $0.normal() }),
            ("normal vs shifted 0.1", { $0.normal() }, { $0.normal(mean: 0.1) }),
            ("lognormal vs wider", { $0.lognormal() }, { $0.lognormal(sigma: 1.2) }),
            (
                "pareto vs uniform mix", { $0.pareto(alpha: 1.5) },
                { $0.uniform() < 0.1 ? $0.uniform() : $0.pareto(alpha: 1.5) }
            ),
        ]
        for (index, (name, baselineDraw, windowDraw)) in pairs.enumerated() {
            let seed = UInt64(500 + index)
            var sampler = Sampler(seed: seed)
            let baseline = (0..<rows).map { _ in baselineDraw(&sampler) }
            let window = (0..<rows).map { _ in windowDraw(&sampler) }
            let comparison = try #require(
                FeatureComparison.compare(window: Self.numericSummary(window), baseline: Self.numericSummary(baseline)))
            let sketchD = try #require(comparison.statistic(.ks)).value
            let exactD = KolmogorovSmirnov.statistic(
                baseline: ScoresOracles.weighted(baseline), window: ScoresOracles.weighted(window))
            #expect(abs(sketchD - exactD) <= 0.015, "seed \(seed) \(name): sketch D \(sketchD), exact D \(exactD)")
        }
    }

    /// 20,000 ids; `shifted` moves mass within the top 10 (rank r ↔ 11 − r), which PSI must flag.
    private static func zipfSummary(rows: Int, seed: UInt64, names: [String], cdf: [Double], shifted: Bool)
        -> (FeatureSummary, [String: Double])
    {
        var sampler = Sampler(seed: seed)
        var summary = FeatureSummary(kind: .categorical)
        var exact: [String: Double] = [:]
        for _ in 0..<rows {
            var rank = sampler.zipf(cdf: cdf)
            if shifted && rank <= 10 { rank = 11 - rank }
            let name = names[rank - 1]
            summary.insert(category: name)
            exact[name, default: 0] += 1
        }
        return (summary, exact)
    }

    @Test func lumpedDistancesStayQuietOn20kZipfIdsWithoutDrift() throws {
        let ids = 20_000
        let cdf = Sampler.zipfCDF(n: ids, s: 1.1)
        let names = (1...ids).map { "id-\($0)" }
        let (baseline, baselineExact) = Self.zipfSummary(rows: 100_000, seed: 1, names: names, cdf: cdf, shifted: false)
        let (same, sameExact) = Self.zipfSummary(rows: 100_000, seed: 2, names: names, cdf: cdf, shifted: false)
        let (moved, _) = Self.zipfSummary(rows: 100_000, seed: 3, names: names, cdf: cdf, shifted: true)

        // The raw distance over every category (exact counts, union of keys) reads as drift on noise alone.
        let keys = Array(Set(baselineExact.keys).union(sameExact.keys))
        let rawJS = JensenShannon.distance(
            baseline: keys.map { baselineExact[$0] ?? 0 }, window: keys.map { sameExact[$0] ?? 0 })
        #expect(rawJS > 0.2, "raw JS over \(keys.count) categories: \(rawJS)")

        let quiet = try #require(FeatureComparison.compare(window: same, baseline: baseline))
        let flagged = try #require(FeatureComparison.compare(window: moved, baseline: baseline))
        for test in [DriftTest.psi, .js] {
            let score = quiet.score(test, threshold: 0.1, minimumRows: 100)
            #expect(score.value < 0.1 && !score.isDrift, "same distribution, lumped \(test.rawValue) \(score.value)")
            let shifted = flagged.score(test, threshold: 0.1, minimumRows: 100)
            #expect(shifted.verdict == .drift, "top-10 mass moved, lumped \(test.rawValue) \(shifted.value)")
        }
    }
}
