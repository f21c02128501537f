/// Every drift statistic of one feature in one window against the baseline's summary of it.
///
/// Numeric features: PSI, Jensen–Shannon and Hellinger on the baseline's bins — exact when both
/// summaries hold ``BinnedCounts`` with the same edges, else the window's bin shares are read off
/// its KLL sketch (and the baseline's edges, when it has none, from its sketch's deciles);
/// Kolmogorov–Smirnov D with its p-value and Wasserstein-1 (normalised by the baseline's standard
/// deviation) from the two sketches' sorted views; missing-rate change; the share of values
/// outside the baseline's [min, max].
///
/// Categorical features: categories are first lumped by ``CategoricalBuckets`` (the baseline's
/// frequent categories kept, its rare ones in one "other" bucket, categories the baseline never
/// saw in one "unseen" bucket), because raw distances over thousands of rare categories read as
/// drift on pure sampling noise; then PSI, Jensen–Shannon, Hellinger, L∞, the two-sample χ²
/// p-value (with ``CategoryLumping``'s expected-count rule), the unseen share and the
/// missing-rate change.
public struct FeatureComparison: Sendable, Equatable {
    /// One computed statistic before a threshold is applied.
    public struct Statistic: Sendable, Equatable {
        /// Which statistic.
        public var test: DriftTest
        /// Its value (NaN when undefined, e.g. no rows).
        public var value: Double
        /// Its p-value, for KS and χ².
        public var pValue: Double?
        /// The error the value may carry from sketches (sum of normalized rank errors), 0 if exact.
        public var sketchError: Double
    }

    /// Numeric or categorical.
    public var kind: FeatureKind
    /// Valid rows behind the baseline's distribution.
    public var baselineCount: Int
    /// Valid rows behind the window's distribution.
    public var windowCount: Int
    /// Whether the binned statistics came from exact counts on both sides.
    public var binsAreExact: Bool
    /// Every statistic that applies to the kind, in ``DriftTest`` order.
    public var statistics: [Statistic]

    /// The statistic named `test`, if it applies to this kind.
    public func statistic(_ test: DriftTest) -> Statistic? { statistics.first { $0.test == test } }

    /// Scores the statistic `test` against `threshold` with the rules of
    /// ``DriftScore/evaluate(test:value:threshold:pValue:baselineCount:windowCount:sketchError:)``.
    /// - Parameter minimumRows: rows both sides need before any verdict (the model's `min_rows`).
    public func score(_ test: DriftTest, threshold: Double, minimumRows: Int) -> DriftScore {
        guard let statistic = statistic(test) else {
            return DriftScore(
                test: test, value: .nan, threshold: threshold,
                verdict: .insufficientData(reason: "\(test.rawValue) does not apply to \(kind.rawValue) features"))
        }
        guard baselineCount >= minimumRows, windowCount >= minimumRows else {
            return DriftScore(
                test: test, value: statistic.value, threshold: threshold, pValue: statistic.pValue,
                verdict: .insufficientData(
                    reason: "\(Swift.min(baselineCount, windowCount)) rows < min_rows \(minimumRows)"))
        }
        return DriftScore.evaluate(
            test: test, value: statistic.value, threshold: threshold, pValue: statistic.pValue,
            baselineCount: baselineCount, windowCount: windowCount, sketchError: statistic.sketchError)
    }

    /// Compares `window` with `baseline`.
    /// - Returns: nil when the kinds differ (a feature must keep its kind).
    /// - Complexity: O(k log k) for numeric features (sketch sizes), O(categories) otherwise.
    public static func compare(window: FeatureSummary, baseline: FeatureSummary) -> FeatureComparison? {
        guard window.kind == baseline.kind else { return nil }
        switch window.kind {
        case .numeric: return numeric(window: window, baseline: baseline)
        case .categorical: return categorical(window: window, baseline: baseline)
        }
    }

    private static func missingRate(_ window: FeatureSummary, _ baseline: FeatureSummary) -> Statistic {
        let value = DataQuality.missingRateChange(
            baselineMissing: Double(baseline.missing), baselineTotal: Double(baseline.rows),
            windowMissing: Double(window.missing), windowTotal: Double(window.rows))
        return Statistic(test: .missingRate, value: value, pValue: nil, sketchError: 0)
    }

    private static func numeric(window: FeatureSummary, baseline: FeatureSummary) -> FeatureComparison {
        let (_, baselineCounts, windowCounts, exact) = binnedCounts(window: window, baseline: baseline)
        let binError = exact ? 0 : window.sketch.normalizedRankError + baseline.sketch.normalizedRankError
        var statistics: [Statistic] = [
            Statistic(
                test: .psi, value: PopulationStability.index(baseline: baselineCounts, window: windowCounts),
                pValue: nil, sketchError: binError),
            Statistic(
                test: .js, value: JensenShannon.distance(baseline: baselineCounts, window: windowCounts),
                pValue: nil, sketchError: binError),
            Statistic(
                test: .hellinger, value: Hellinger.distance(baseline: baselineCounts, window: windowCounts),
                pValue: nil, sketchError: binError),
        ]
        let baselineView = baseline.sketch.sortedView()
        let windowView = window.sketch.sortedView()
        let sketchError = window.sketch.normalizedRankError + baseline.sketch.normalizedRankError
        let n = Int(baseline.sketch.count)
        let m = Int(window.sketch.count)
        if n > 0, m > 0 {
            let d = KolmogorovSmirnov.statistic(baseline: baselineView, window: windowView)
            statistics.append(
                Statistic(
                    test: .ks, value: d, pValue: KolmogorovSmirnov.pValue(d: d, n: n, m: m), sketchError: sketchError))
            let distance = Wasserstein.distance(baseline: baselineView, window: windowView)
            let normalized = Wasserstein.normalized(
                distance: distance, baselineStandardDeviation: baseline.moments.standardDeviation)
            statistics.append(Statistic(test: .wasserstein, value: normalized, pValue: nil, sketchError: 0))
        } else {
            statistics.append(Statistic(test: .ks, value: .nan, pValue: nil, sketchError: 0))
            statistics.append(Statistic(test: .wasserstein, value: .nan, pValue: nil, sketchError: 0))
        }
        statistics.append(missingRate(window, baseline))
        statistics.append(outOfRange(window: window, baseline: baseline))
        return FeatureComparison(
            kind: .numeric, baselineCount: n, windowCount: m, binsAreExact: exact,
            statistics: statistics.sorted { order($0.test) < order($1.test) })
    }

    private static func outOfRange(window: FeatureSummary, baseline: FeatureSummary) -> Statistic {
        guard let low = baseline.moments.min, let high = baseline.moments.max, window.sketch.count > 0 else {
            return Statistic(test: .outOfRange, value: .nan, pValue: nil, sketchError: 0)
        }
        let below = window.sketch.rank(of: low.nextDown)
        let above = 1 - window.sketch.rank(of: high)
        let share = DataQuality.outOfRangeShare(outside: Swift.max(0, below + above), total: 1)
        return Statistic(test: .outOfRange, value: share, pValue: nil, sketchError: window.sketch.normalizedRankError)
    }

    /// Aligned bin counts for the binned statistics: the baseline's edges (its stored bins', else
    /// its sketch's deciles), and exact counts when both sides hold bins with those edges, else
    /// counts read off the sketches' ranks.
    public static func binnedCounts(
        window: FeatureSummary, baseline: FeatureSummary
    ) -> (edges: [Double], baseline: [Double], window: [Double], exact: Bool) {
        if let theirs = baseline.bins, let mine = window.bins, theirs.edges == mine.edges {
            return (theirs.edges, theirs.counts.map { Double($0) }, mine.counts.map { Double($0) }, true)
        }
        let edges =
            baseline.bins?.edges
            ?? QuantileBins.innerEdges(fromQuantiles: baseline.sketch.quantiles(at: QuantileBins.deciles))
        let baselineCounts =
            baseline.bins.map { $0.counts.map { Double($0) } } ?? sketchCounts(baseline.sketch, edges: edges)
        return (edges, baselineCounts, sketchCounts(window.sketch, edges: edges), false)
    }

    /// Estimated counts of `sketch` in the left-closed bins of `edges`.
    public static func sketchCounts(_ sketch: KLLSketch, edges: [Double]) -> [Double] {
        let total = Double(sketch.count)
        guard total > 0 else { return Array(repeating: 0, count: edges.count + 1) }
        var counts: [Double] = []
        counts.reserveCapacity(edges.count + 1)
        var previous = 0.0
        for edge in edges {
            let below = sketch.rank(of: edge.nextDown)  // share < edge: the bins are left-closed
            counts.append(Swift.max(0, below - previous) * total)
            previous = Swift.max(previous, below)
        }
        counts.append(Swift.max(0, 1 - previous) * total)
        return counts
    }

    private static func categorical(window: FeatureSummary, baseline: FeatureSummary) -> FeatureComparison {
        let buckets = CategoricalBuckets(baseline: baseline.categories, window: window.categories)
        let rawChiSquare = ChiSquare.lumpedTest(baseline: buckets.rawBaseline, window: buckets.rawWindow)
        let statistics: [Statistic] = [
            Statistic(
                test: .psi, value: PopulationStability.index(baseline: buckets.baseline, window: buckets.window),
                pValue: nil, sketchError: 0),
            Statistic(
                test: .js, value: JensenShannon.distance(baseline: buckets.baseline, window: buckets.window),
                pValue: nil, sketchError: 0),
            Statistic(
                test: .hellinger, value: Hellinger.distance(baseline: buckets.baseline, window: buckets.window),
                pValue: nil, sketchError: 0),
            Statistic(
                test: .chi2, value: rawChiSquare?.pValue ?? .nan, pValue: rawChiSquare?.pValue, sketchError: 0),
            Statistic(
                test: .linf, value: LInfinity.distance(baseline: buckets.baseline, window: buckets.window),
                pValue: nil, sketchError: 0),
            missingRate(window, baseline),
            Statistic(test: .unseenShare, value: buckets.unseenShare, pValue: nil, sketchError: 0),
        ]
        return FeatureComparison(
            kind: .categorical, baselineCount: Int(baseline.categories.count),
            windowCount: Int(window.categories.count),
            binsAreExact: baseline.categories.isExact && window.categories.isExact,
            statistics: statistics.sorted { order($0.test) < order($1.test) })
    }

    private static func order(_ test: DriftTest) -> Int { DriftTest.allCases.firstIndex(of: test) ?? 0 }
}
