import DriftCore

/// Performance estimated from scores alone (CBPE) for a stored window: the calibration comes from
/// the labelled scores of the window's baseline (its version's, else the model's current one),
/// the window's score distribution from its prediction sketch.
public enum PerformanceEstimation {
    /// The calibration learned from `baseline`'s labelled scores; `nil` without a binary
    /// accumulator holding both classes.
    /// - Complexity: O(score bins).
    public static func calibration(baseline: Profile?) -> ScoreCalibration? {
        guard let histogram = baseline?.binary?.scoreHistogram else { return nil }
        return ScoreCalibration(histogram: histogram)
    }

    /// The window's estimated performance; `nil` without a calibration or numeric predictions.
    /// - Complexity: O(r log r + score bins) for `r` values retained by the prediction sketch.
    public static func estimate(profile: Profile, calibration: ScoreCalibration?) -> EstimatedBinaryPerformance? {
        guard let calibration, let prediction = profile.prediction, prediction.kind == .numeric,
            !prediction.sketch.isEmpty
        else { return nil }
        let counts = ConfidenceBasedEstimator.binCounts(of: prediction.sketch, binCount: calibration.binCount)
        return ConfidenceBasedEstimator.estimate(
            binCounts: counts, calibration: calibration, threshold: profile.binary?.threshold ?? 0.5)
    }
}
