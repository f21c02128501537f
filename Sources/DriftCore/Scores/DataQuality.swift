/// The data-quality scores: missing-rate change, out-of-range share and unseen-category share.
///
/// Each takes counts the summaries already hold and returns a share in [0, 1], NaN when a
/// denominator is zero (turned into `.insufficientData` by `DriftScore.evaluate`).
public enum DataQuality {
    /// |window missing share − baseline missing share|.
    ///
    /// Worked example: 5 of 100 baseline rows missing, 30 of 200 window rows → |0.15 − 0.05| = 0.10.
    public static func missingRateChange(
        baselineMissing: Double, baselineTotal: Double, windowMissing: Double, windowTotal: Double
    ) -> Double {
        guard baselineTotal > 0, windowTotal > 0 else { return .nan }
        return abs(windowMissing / windowTotal - baselineMissing / baselineTotal)
    }

    /// The share of the window's values outside the baseline's [min, max].
    ///
    /// `outside` counts window values < baseline min or > baseline max; `total` counts the window's
    /// non-missing values. Worked example: 3 of 150 outside → 0.02.
    public static func outOfRangeShare(outside: Double, total: Double) -> Double {
        guard total > 0 else { return .nan }
        return outside / total
    }

    /// The share of window mass in categories the baseline never saw (baseline count 0).
    ///
    /// Worked example: baseline [5, 0, 3], window [2, 1, 1] → 1/4 = 0.25.
    /// - Complexity: O(categories).
    public static func unseenShare(baseline: [Double], window: [Double]) -> Double {
        checkCountPair(baseline, window, "DataQuality.unseenShare")
        let total = window.reduce(0, +)
        guard total > 0 else { return .nan }
        var unseen = 0.0
        for i in baseline.indices where baseline[i] == 0 { unseen += window[i] }
        return unseen / total
    }
}
