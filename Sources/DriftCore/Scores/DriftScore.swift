/// One drift test's result for one feature in one window: the value, the threshold, and the verdict.
///
/// Build scores with ``evaluate(test:value:threshold:pValue:baselineCount:windowCount:sketchError:)``,
/// which applies the rules that keep a verdict honest about its limits.
public struct DriftScore: Sendable, Equatable {
    /// The statistic.
    public var test: DriftTest
    /// The statistic's value (see ``DriftTest`` for what it holds); `.nan` when it is undefined.
    public var value: Double
    /// The threshold `value` was compared with, in `test.direction`.
    public var threshold: Double
    /// The p-value, for tests that have one (`ks`, `chi2`).
    public var pValue: Double?
    /// The verdict.
    public var verdict: Verdict

    /// Whether the verdict is drift (never true for `.insufficientData`).
    public var isDrift: Bool { verdict == .drift }

    /// The significance level a p-value must reach before a test decided on an effect size
    /// (such as KS D) may say drift: without it, small windows would drift on noise.
    public static let significanceLevel = 0.05

    /// Creates a score from its parts, verbatim; prefer ``evaluate(test:value:threshold:pValue:baselineCount:windowCount:sketchError:)``.
    public init(test: DriftTest, value: Double, threshold: Double, pValue: Double? = nil, verdict: Verdict) {
        self.test = test
        self.value = value
        self.threshold = threshold
        self.pValue = pValue
        self.verdict = verdict
    }

    /// Scores `value` against `threshold`, applying the rules that know their limits.
    ///
    /// In order:
    /// 1. Fewer than `test.minimumCount` rows in the window or the baseline → insufficient data.
    /// 2. An undefined value (NaN, e.g. a zero-spread baseline for Wasserstein) → insufficient data.
    /// 3. The value is on the safe side of the threshold → no drift.
    /// 4. It crossed, but it is at most `sketchError` (KS D from sketches, whose CDFs are each only
    ///    known to within their normalized rank error) → insufficient data: a difference the sketches
    ///    cannot resolve is never reported as drift.
    /// 5. It crossed, the test decides on an effect size (direction `higherMeansDrift`) and a p-value
    ///    is given above ``significanceLevel`` → insufficient data: the window is too small to tell.
    /// 6. Otherwise → drift.
    /// - Parameters:
    ///   - test: the statistic.
    ///   - value: its value.
    ///   - threshold: the threshold; `nil` uses `test.defaultThreshold`.
    ///   - pValue: the p-value, when the test has one.
    ///   - baselineCount: rows behind the baseline's distribution.
    ///   - windowCount: rows behind the window's distribution.
    ///   - sketchError: the sum of the two sketches' normalized rank errors when `value` is a CDF
    ///     distance computed from sketches; 0 for exact inputs.
    public static func evaluate(
        test: DriftTest, value: Double, threshold: Double? = nil, pValue: Double? = nil,
        baselineCount: Int, windowCount: Int, sketchError: Double = 0
    ) -> DriftScore {
        let limit = threshold ?? test.defaultThreshold
        var score = DriftScore(test: test, value: value, threshold: limit, pValue: pValue, verdict: .noDrift)
        score.verdict = verdict(
            test: test, value: value, threshold: limit, pValue: pValue,
            baselineCount: baselineCount, windowCount: windowCount, sketchError: sketchError)
        return score
    }

    /// Whether `value` is on the drift side of `threshold` for `direction` (inclusive).
    public static func crosses(_ value: Double, _ threshold: Double, direction: ScoreDirection) -> Bool {
        switch direction {
        case .higherMeansDrift: value >= threshold
        case .lowerMeansDrift: value <= threshold
        }
    }

    private static func verdict(
        test: DriftTest, value: Double, threshold: Double, pValue: Double?,
        baselineCount: Int, windowCount: Int, sketchError: Double
    ) -> Verdict {
        let minimum = test.minimumCount
        if windowCount < minimum {
            return .insufficientData(reason: "window rows \(windowCount) < \(minimum)")
        }
        if baselineCount < minimum {
            return .insufficientData(reason: "baseline rows \(baselineCount) < \(minimum)")
        }
        guard !value.isNaN else {
            return .insufficientData(reason: "\(test.rawValue) is undefined for these inputs")
        }
        guard crosses(value, threshold, direction: test.direction) else { return .noDrift }
        if test == .ks && sketchError > 0 && value <= sketchError {
            return .insufficientData(
                reason: "difference below sketch error: D \(rounded(value)) <= \(rounded(sketchError))")
        }
        if test.direction == .higherMeansDrift, let p = pValue, !(p <= significanceLevel) {
            return .insufficientData(
                reason: "not significant: p \(rounded(p)) > \(significanceLevel) on \(windowCount) rows")
        }
        return .drift
    }

    /// `x` rounded to 4 significant decimals for reasons (DriftCore has no `String(format:)`).
    static func rounded(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        var scale = 1.0
        while abs(x) * scale < 1000 { scale *= 10 }
        return (x * scale).rounded() / scale
    }
}
