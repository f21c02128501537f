/// Aligned baseline/window category counts, with rare and unseen categories lumped.
///
/// The lumping rule (stated in docs/STATISTICS.md): a baseline category keeps its own bucket when
/// its baseline share is at least ``minimumShare`` (0.5 %), at most ``maximumBuckets`` (50) of
/// them, the most frequent first (ties by value ascending); every other baseline category — and
/// the baseline's uncounted "other" mass once its summary overflowed its cap — goes to one
/// **other** bucket; window values the baseline never saw go to one **unseen** bucket (or to
/// **other** when an overflowed baseline cannot rule out having seen them). Raw distances over thousands of rare
/// categories read as drift on sampling noise alone (Jensen–Shannon 0.24 on 20,000 Zipf ids with
/// no drift at all), which this rule removes, while a new category or a shift among the frequent
/// ones still shows in full.
public struct CategoricalBuckets: Sendable, Equatable {
    /// Smallest baseline share that keeps a category its own bucket.
    public static let minimumShare = 0.005
    /// Most categories that keep their own bucket.
    public static let maximumBuckets = 50

    /// Bucket names: the kept categories, then `"(other)"`, then `"(unseen)"`.
    public var names: [String]
    /// Baseline counts per bucket.
    public var baseline: [Double]
    /// Window counts per bucket.
    public var window: [Double]
    /// The window's share in categories the baseline never saw.
    public var unseenShare: Double
    /// Per-category counts over the union of categories (unlumped), for the χ² test, which lumps
    /// by its own expected-count rule.
    public var rawBaseline: [Double]
    /// The window's counts aligned with ``rawBaseline``.
    public var rawWindow: [Double]

    /// Buckets `window` against `baseline`.
    /// - Complexity: O(distinct categories kept by either summary).
    public init(baseline: CategoricalSummary, window: CategoricalSummary) {
        let baselineTotal = Double(baseline.count)
        let kept = baseline.topValues.prefix(Self.maximumBuckets).filter {
            baselineTotal > 0 && Double($0.count) / baselineTotal >= Self.minimumShare
        }
        names = kept.map(\.value) + ["(other)", "(unseen)"]
        let keptIndex = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1.value, $0) })
        let other = kept.count
        let unseen = kept.count + 1
        self.baseline = kept.map { Double($0.count) } + [baselineTotal - kept.reduce(0) { $0 + Double($1.count) }, 0]
        self.window = Array(repeating: 0, count: names.count)
        var baselineIndex: [String: Int] = [:]
        rawBaseline = []
        for entry in baseline.topValues {
            baselineIndex[entry.value] = rawBaseline.count
            rawBaseline.append(Double(entry.count))
        }
        if baseline.otherCount > 0 {
            baselineIndex["\u{0}(other)"] = rawBaseline.count
            rawBaseline.append(Double(baseline.otherCount))
        }
        rawWindow = Array(repeating: 0, count: rawBaseline.count)
        var unseenCount = 0.0
        for entry in window.topValues {
            let count = Double(entry.count)
            if let index = keptIndex[entry.value] {
                self.window[index] += count
            } else if baselineIndex[entry.value] != nil || (!baseline.isExact && baseline.count > 0) {
                // Seen by the baseline (or possibly seen: an overflowed baseline cannot rule it out).
                self.window[other] += count
            } else {
                self.window[unseen] += count
                unseenCount += count
            }
            if let raw = baselineIndex[entry.value] {
                rawWindow[raw] += count
            } else if let raw = baselineIndex["\u{0}(other)"] {
                rawWindow[raw] += count
            } else {
                rawBaseline.append(0)
                rawWindow.append(count)
            }
        }
        if window.otherCount > 0 {
            self.window[other] += Double(window.otherCount)
            rawBaseline.append(0)
            rawWindow.append(Double(window.otherCount))
        }
        let windowTotal = Double(window.count)
        unseenShare = windowTotal > 0 ? unseenCount / windowTotal : .nan
    }
}
