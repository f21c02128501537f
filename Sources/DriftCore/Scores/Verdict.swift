/// What a score says about a window: drift, no drift, or not enough evidence to say.
public enum Verdict: Sendable, Equatable {
    /// The statistic crossed its threshold, on enough data and above the sketches' error.
    case drift
    /// The statistic stayed on the safe side of its threshold.
    case noDrift
    /// The test cannot decide; `reason` says why in one sentence (rows, sketch error, significance).
    case insufficientData(reason: String)

    /// A stable identifier for JSON and the store: `"drift"`, `"ok"` or `"insufficient_data"`.
    public var label: String {
        switch self {
        case .drift: "drift"
        case .noDrift: "ok"
        case .insufficientData: "insufficient_data"
        }
    }
}
