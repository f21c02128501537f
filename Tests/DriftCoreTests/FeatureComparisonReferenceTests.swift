import DriftTestSupport
import Foundation
import Testing

/// `Fixtures/reference/comparison/comparison_reference.json`, made by `make_comparison_reference.py`.
enum ComparisonReferenceFixture {
    /// Parsed once per test process.
    static let shared: ReferenceJSON? = {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference/comparison/comparison_reference.json").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return ReferenceJSON.parse(text)
    }()
}

/// The seeded samples of the comparison fixture, drawn exactly as its Python script draws them.
enum ComparisonSamples {
    /// A drawn sample.
    enum Sample {
        case numbers([Double])
        case categories([String])
    }

    /// The sample `generator` with `params` draws from `seed` (see `draw` in the Python script).
    static func draw(_ generator: String, _ params: [Double], seed: UInt64, count: Int) -> Sample? {
        var s = Sampler(seed: seed)
        switch generator {
        case "normal": return .numbers((0..<count).map { _ in s.normal(mean: params[0], sd: params[1]) })
        case "lognormal": return .numbers((0..<count).map { _ in s.lognormal(mu: params[0], sigma: params[1]) })
        case "duplicates":
            return .numbers((0..<count).map { _ in s.uniform() < params[0] ? 0 : (s.uniform() * 10).rounded(.down) })
        case "zipf":
            let cdf = Sampler.zipfCDF(n: Int(params[0]), s: params[1])
            return .categories((0..<count).map { _ in "c\(s.zipf(cdf: cdf))" })
        default: return nil
        }
    }

    /// Draws the side described by `spec` and checks it against the fixture's fingerprint.
    static func draw(_ spec: ReferenceJSON, count: Int) -> Sample? {
        guard
            let sample = draw(
                spec["generator"].string, spec["params"].doubles, seed: UInt64(spec["seed"].int), count: count)
        else { return nil }
        let fingerprint = spec["fingerprint"]
        switch sample {
        case .numbers(let values):
            let sum = values.reduce(0, +)
            let first = Array(values.prefix(3))
            guard first == fingerprint["first"].doubles, values.last == fingerprint["last"].double,
                sum == fingerprint["sum"].double
            else { return nil }
        case .categories(let values):
            guard Array(values.prefix(3)) == fingerprint["first"].array.map(\.string),
                values.last == fingerprint["last"].string, Set(values).count == fingerprint["distinct"].int
            else { return nil }
        }
        return sample
    }
}

/// FeatureComparison and CategoricalBuckets against numpy/scipy on seeded 20k-row samples.
struct FeatureComparisonReferenceTests {
    private static func cases(_ kind: String) throws -> [ReferenceJSON] {
        let fixture = try #require(ComparisonReferenceFixture.shared, "comparison_reference.json missing or invalid")
        return fixture["cases"].array.filter { $0["kind"].string == kind }
    }

    @Test func numericStatisticsMatchNumpyAndScipy() throws {
        let cases = try Self.cases("numeric")
        #expect(cases.count == 4)
        for reference in cases {
            let name = reference["name"].string
            let expected = reference["expected"]
            let count = try #require(ComparisonReferenceFixture.shared)["rows"].int
            guard case .numbers(let baseline) = ComparisonSamples.draw(reference["baseline"], count: count),
                case .numbers(let window) = ComparisonSamples.draw(reference["window"], count: count)
            else {
                Issue.record("\(name): the Swift sampler does not reproduce the fixture's sample")
                continue
            }
            let sortedBaseline = baseline.sorted()
            let edges = QuantileBins.innerEdges(fromSortedBaseline: sortedBaseline)
            #expect(edges == expected["inner_edges"].doubles, "\(name): np.unique(np.quantile(deciles)) bit for bit")
            var baselineSummary = FeatureSummary(kind: .numeric, binEdges: edges)
            var windowSummary = FeatureSummary(kind: .numeric, binEdges: edges)
            for x in baseline { baselineSummary.insert(number: x) }
            for x in window { windowSummary.insert(number: x) }
            let comparison = try #require(FeatureComparison.compare(window: windowSummary, baseline: baselineSummary))
            #expect(comparison.binsAreExact, "\(name)")
            #expect(baselineSummary.bins?.counts.map(Int.init) == expected["baseline_bin_counts"].array.map(\.int))
            #expect(windowSummary.bins?.counts.map(Int.init) == expected["window_bin_counts"].array.map(\.int))
            for (test, key) in [(DriftTest.psi, "psi"), (.js, "js"), (.hellinger, "hellinger")] {
                let value = try #require(comparison.statistic(test)).value
                #expect(agrees(value, expected[key].double), "\(name) \(key): \(value) vs \(expected[key].double)")
                #expect(comparison.statistic(test)?.sketchError == 0, "\(name) \(key) is exact")
            }

            // The KS oracle itself: exact samples give scipy's D, and its p-value at scipy's en.
            let exactD = KolmogorovSmirnov.statistic(
                baseline: ScoresOracles.weighted(sortedBaseline), window: ScoresOracles.weighted(window.sorted()))
            #expect(agrees(exactD, expected["ks_d"].double, tolerance: 1e-12), "\(name)")
            let p = KolmogorovSmirnov.pValue(d: expected["ks_d"].double, n: count, m: count)
            #expect(agrees(p, expected["ks_p"].double), "\(name): p \(p) vs \(expected["ks_p"].double)")
            // From the sketches: within the sketches' error of scipy's exact D.
            let ks = try #require(comparison.statistic(.ks))
            #expect(abs(ks.value - expected["ks_d"].double) <= 0.015, "\(name): sketch D \(ks.value)")
            #expect(ks.sketchError == 2 * KLLSketch.rankErrorBound(k: KLLSketch.defaultK))
            let wasserstein = try #require(comparison.statistic(.wasserstein)).value
            // W₁ integrates the sketches' CDF errors over the whole range, so heavy tails cost the most:
            // measured 0.036 low (5 %) on the lognormal pair, 0.006 high on the stable normal pair.
            let exactW = expected["wasserstein_normalized"].double
            #expect(
                abs(wasserstein - exactW) <= 0.1 * exactW + 0.01, "\(name): sketch W₁/sd \(wasserstein) vs \(exactW)")
            #expect(agrees(baselineSummary.moments.standardDeviation, expected["baseline_sd"].double, tolerance: 1e-12))
            checkVerdict(comparison, drifted: reference["drifted"] == .bool(true), name)
        }
    }

    @Test func categoricalBucketsMatchTheIndependentRule() throws {
        let cases = try Self.cases("categorical")
        #expect(cases.count == 2)
        for reference in cases {
            let name = reference["name"].string
            let expected = reference["expected"]
            let count = try #require(ComparisonReferenceFixture.shared)["rows"].int
            guard case .categories(let baseline) = ComparisonSamples.draw(reference["baseline"], count: count),
                case .categories(let window) = ComparisonSamples.draw(reference["window"], count: count)
            else {
                Issue.record("\(name): the Swift sampler does not reproduce the fixture's sample")
                continue
            }
            var baselineSummary = FeatureSummary(kind: .categorical)
            var windowSummary = FeatureSummary(kind: .categorical)
            for c in baseline { baselineSummary.insert(category: c) }
            for c in window { windowSummary.insert(category: c) }
            #expect(baselineSummary.categories.isExact && windowSummary.categories.isExact, "\(name): under the cap")
            let buckets = CategoricalBuckets(baseline: baselineSummary.categories, window: windowSummary.categories)
            #expect(buckets.names == expected["bucket_names"].array.map(\.string), "\(name)")
            #expect(buckets.baseline == expected["baseline_buckets"].doubles, "\(name)")
            #expect(buckets.window == expected["window_buckets"].doubles, "\(name)")
            let comparison = try #require(FeatureComparison.compare(window: windowSummary, baseline: baselineSummary))
            for (test, key) in [
                (DriftTest.psi, "psi"), (.js, "js"), (.hellinger, "hellinger"), (.linf, "linf"),
                (.unseenShare, "unseen_share"),
            ] {
                let value = try #require(comparison.statistic(test)).value
                #expect(agrees(value, expected[key].double), "\(name) \(key): \(value) vs \(expected[key].double)")
            }
            checkVerdict(comparison, drifted: reference["drifted"] == .bool(true), name)
        }
    }

    /// PSI at 0.1 on at least 100 rows: drift exactly for the pairs the fixture marks drifted.
    private func checkVerdict(_ comparison: FeatureComparison, drifted: Bool, _ name: String) {
        let score = comparison.score(.psi, threshold: 0.1, minimumRows: 100)
        if drifted {
            #expect(score.verdict == .drift, "\(name): PSI \(score.value) should drift")
        } else {
            #expect(!score.isDrift, "\(name): PSI \(score.value) should not drift")
        }
    }
}
