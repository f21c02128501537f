/// The seed's decision for one model at one closed window, as a pure function of the evidence.
///
/// In order of precedence:
/// 1. fewer than `minimumRows` rows → `insufficient_data` (never `ok`);
/// 2. `floor` set, enough labels, and the window's metric is below it → `block`;
/// 3. `maximumDrop` set, enough labels, and the metric fell by more than it versus the baseline → `review`;
/// 4. no feature and no prediction could be scored → `insufficient_data`;
/// 5. the drift condition held in at least `required` of the last `lookback` windows → `retrain`;
/// 6. otherwise `ok`.
///
/// The drift condition of a window: at least one scored feature and the (importance-weighted)
/// share of drifted features ≥ `driftShare`, or the prediction drifted (with `predictionDrift`),
/// or any feature in `criticalFeatures` drifted; a window with fewer than `minimumRows` rows never
/// meets it. "The last `lookback` windows" are the window slots ending at the current one; a slot
/// with no stored window counts as not drifting. Too few labels is noted as a reason and does not
/// by itself make the verdict `insufficient_data` (labels usually arrive late).
public struct DecisionPolicy: Sendable, Equatable {
    /// Rows a window needs for any verdict but `insufficient_data`.
    public var minimumRows: Int
    /// A window drifts when at least this (weighted) share of its scored features drift.
    public var driftShare: Double
    /// Feature weights for the share; features not listed weigh 1.
    public var importance: [String: Double]
    /// Whether prediction drift alone meets the drift condition.
    public var predictionDrift: Bool
    /// Features whose drift alone meets the drift condition.
    public var criticalFeatures: Set<String>
    /// K: windows of the last `lookback` that must meet the drift condition.
    public var required: Int
    /// N: how many window slots, ending at the current one, are looked at.
    public var lookback: Int
    /// The window length, to find the last `lookback` slots.
    public var windowMilliseconds: Int64
    /// An absolute floor on a metric (`block` below it).
    public var floor: PerformanceLimit?
    /// The largest accepted drop of a metric versus the baseline (`review` beyond it).
    public var maximumDrop: PerformanceLimit?
    /// Labelled rows needed before realised performance is judged.
    public var minimumLabeledRows: Int
    /// Whether, with fewer labelled rows, the floor and drop are judged on performance estimated
    /// from the scores (when the evidence has an estimate).
    public var usesEstimates = true
    /// An estimate breaches only when it is this many standard errors past the limit.
    public var estimateMargin = 2.0

    /// Creates a policy; every parameter has the documented default (docs/CONFIG.md).
    public init(
        minimumRows: Int = 100, driftShare: Double = 0.3, importance: [String: Double] = [:],
        predictionDrift: Bool = true, criticalFeatures: Set<String> = [], required: Int = 2, lookback: Int = 3,
        windowMilliseconds: Int64 = 3_600_000, floor: PerformanceLimit? = nil, maximumDrop: PerformanceLimit? = nil,
        minimumLabeledRows: Int = 100
    ) {
        precondition(required >= 1 && required <= lookback, "need 1 <= required <= lookback")
        precondition(windowMilliseconds > 0, "windowMilliseconds must be positive")
        self.minimumRows = minimumRows
        self.driftShare = driftShare
        self.importance = importance
        self.predictionDrift = predictionDrift
        self.criticalFeatures = criticalFeatures
        self.required = required
        self.lookback = lookback
        self.windowMilliseconds = windowMilliseconds
        self.floor = floor
        self.maximumDrop = maximumDrop
        self.minimumLabeledRows = minimumLabeledRows
    }

    /// The decision for `current`, given earlier windows of the same model version.
    ///
    /// - Parameters:
    ///   - current: the window that just closed.
    ///   - history: earlier windows in any order; those outside the last `lookback` slots, and any at or
    ///     after `current.start`, are ignored.
    /// - Complexity: O((history + 1) × features).
    public func decision(for current: WindowEvidence, history: [WindowEvidence]) -> PolicyDecision {
        var drift = assessment(of: current)
        let earliest = current.start - Int64(lookback - 1) * windowMilliseconds
        var slots: Set<Int64> = drift.isDrifting ? [current.start] : []
        for window in history where window.start >= earliest && window.start < current.start {
            if assessment(of: window).isDrifting { slots.insert(window.start) }
        }
        drift.heldWindows = slots.count
        drift.lookback = lookback
        drift.required = required
        var decision = PolicyDecision(verdict: .ok, reasons: [], drift: drift, performance: nil)
        guard current.rows >= UInt64(max(minimumRows, 0)) else {
            decision.verdict = .insufficientData
            decision.reasons = [.init(.insufficientRows, "\(current.rows) rows < min_rows \(minimumRows)")]
            return decision
        }
        decision.performance = performanceAssessment(of: current)
        if let performance = decision.performance {
            decision.reasons += performance.reasons
            if performance.breachesFloor {
                decision.verdict = .block
                return decision
            }
            if performance.exceedsDrop {
                decision.verdict = .review
                return decision
            }
        }
        decision.reasons += driftReasons(drift)
        if drift.scoredFeatures == 0 && !drift.predictionScored {
            decision.verdict = .insufficientData
        } else if drift.heldWindows >= required {
            decision.verdict = .retrain
        }
        return decision
    }

    /// The drift condition of one window (the held count is left at 0).
    /// - Complexity: O(features).
    public func assessment(of window: WindowEvidence) -> DriftAssessment {
        var result = DriftAssessment()
        var scoredWeight = 0.0
        var driftedWeight = 0.0
        for feature in window.features where feature.state != .insufficientData {
            let weight = importance[feature.name] ?? 1
            result.scoredFeatures += 1
            scoredWeight += weight
            if feature.state == .drift {
                result.driftedFeatures.append(feature.name)
                driftedWeight += weight
                if criticalFeatures.contains(feature.name) { result.criticalDrifted.append(feature.name) }
            }
        }
        result.driftedFeatures.sort()
        result.criticalDrifted.sort()
        result.share = scoredWeight > 0 ? driftedWeight / scoredWeight : nil
        result.predictionScored = window.prediction == .drift || window.prediction == .ok
        result.predictionDrift = window.prediction == .drift
        let enoughRows = window.rows >= UInt64(max(minimumRows, 0))
        let shareMet = result.scoredFeatures > 0 && (result.share ?? 0) >= driftShare
        result.isDrifting =
            enoughRows && (shareMet || (predictionDrift && result.predictionDrift) || !result.criticalDrifted.isEmpty)
        return result
    }

    private func driftReasons(_ drift: DriftAssessment) -> [DecisionReason] {
        let share = drift.share.map { "\(Self.rounded($0))" } ?? "n/a"
        var causes: [String] = []
        if drift.scoredFeatures > 0, (drift.share ?? 0) >= driftShare {
            causes.append("drift share \(share) ≥ \(driftShare) (\(drift.driftedFeatures.joined(separator: ", ")))")
        }
        if predictionDrift && drift.predictionDrift { causes.append("prediction drift") }
        if !drift.criticalDrifted.isEmpty {
            causes.append("critical \(drift.criticalDrifted.joined(separator: ", "))")
        }
        let held = "\(drift.heldWindows) of the last \(lookback) windows (need \(required))"
        if drift.scoredFeatures == 0 && !drift.predictionScored {
            return [.init(.notScored, "no feature or prediction could be scored")]
        }
        if drift.heldWindows >= required {
            return [
                .init(
                    .driftHeld,
                    "drift held in \(held): " + (causes.isEmpty ? "earlier windows" : causes.joined(separator: "; ")))
            ]
        }
        if drift.isDrifting {
            return [.init(.driftNotHeld, "drift in this window only \(held): " + causes.joined(separator: "; "))]
        }
        return [.init(.noDrift, "drift share \(share) < \(driftShare), \(drift.scoredFeatures) features scored")]
    }

    private func performanceAssessment(of window: WindowEvidence) -> PerformanceAssessment? {
        guard floor != nil || maximumDrop != nil else { return nil }
        var result = PerformanceAssessment(labeledRows: window.performance?.labeledRows ?? 0)
        if let performance = window.performance, performance.labeledRows >= UInt64(max(minimumLabeledRows, 1)) {
            result.source = .realised
            judge(
                window: { performance.window[$0].map { ($0, 0) } }, baseline: { performance.baseline[$0] },
                margin: 0, into: &result)
            return result
        }
        guard usesEstimates, let estimated = window.estimated,
            [floor?.metric, maximumDrop?.metric].contains(where: { $0.map { estimated.window[$0] != nil } ?? false })
        else {
            result.reasons.append(
                .init(
                    .labelsInsufficient,
                    "\(result.labeledRows) labelled rows < \(minimumLabeledRows): performance not judged"))
            return result
        }
        result.source = .estimated
        result.reasons.append(
            .init(
                .labelsInsufficient,
                "\(result.labeledRows) labelled rows < \(minimumLabeledRows): judged on performance estimated from scores"
            ))
        result.reasons.append(
            .init(
                .performanceEstimated,
                "estimated from the scores of \(Int(estimated.rows)) rows (confidence-based; breaches only beyond "
                    + "\(estimateMargin) standard errors; realised labels replace it once \(minimumLabeledRows) arrive)"
            ))
        judge(
            window: { estimated.window[$0].map { ($0.value, $0.standardError) } }, baseline: { estimated.baseline[$0] },
            margin: estimateMargin, into: &result)
        return result
    }

    /// The floor and drop checks on one source of figures: `window` gives a metric's value and
    /// standard error (0 when realised); a check fails only beyond `margin` standard errors.
    private func judge(
        window: (PerformanceMetric) -> (value: Double, error: Double)?, baseline: (PerformanceMetric) -> Double?,
        margin: Double, into result: inout PerformanceAssessment
    ) {
        let source = result.source?.rawValue ?? "realised"
        func figure(_ value: Double, _ error: Double) -> String {
            error > 0 ? "\(Self.rounded(value)) ± \(Self.rounded(error))" : "\(Self.rounded(value))"
        }
        if let floor, let (value, error) = window(floor.metric) {
            result.floorValue = value
            if result.source == .estimated { result.floorStandardError = error }
            let bound = floor.metric.isHigherBetter ? value + margin * error : value - margin * error
            if floor.metric.breaches(floor: floor.value, value: bound) {
                result.breachesFloor = true
                let side = floor.metric.isHigherBetter ? "<" : ">"
                result.reasons.append(
                    .init(
                        .performanceFloor,
                        "\(source) \(floor.metric.rawValue) \(figure(value, error)) \(side) floor \(floor.value)"))
            }
        }
        if let maximumDrop, let (value, error) = window(maximumDrop.metric),
            let reference = baseline(maximumDrop.metric)
        {
            let drop = maximumDrop.metric.degradation(of: value, from: reference)
            result.drop = drop
            if result.source == .estimated { result.dropStandardError = error }
            if drop - margin * error > maximumDrop.value {
                result.exceedsDrop = true
                result.reasons.append(
                    .init(
                        .performanceDrop,
                        "\(source) \(maximumDrop.metric.rawValue) \(figure(value, error)) vs baseline "
                            + "\(Self.rounded(reference)): worse by \(Self.rounded(drop)) > max_drop \(maximumDrop.value)"
                    ))
            }
        }
    }

    /// `value` to 4 significant decimals, for messages.
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
