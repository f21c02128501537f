import DriftCore
import Testing

/// The decision table of `DecisionPolicy`, by hand-worked cases.
struct DecisionPolicyTests {
    static let hour: Int64 = 3_600_000

    /// A window at `hour` with `drifted` of `total` features drifting (named f0, f1, …).
    static func window(
        _ hour: Int64, drifted: Int, total: Int = 4, rows: UInt64 = 1000,
        prediction: WindowEvidence.FeatureState? = nil, performance: WindowEvidence.Performance? = nil
    ) -> WindowEvidence {
        let features = (0..<total).map {
            WindowEvidence.Feature(name: "f\($0)", state: $0 < drifted ? .drift : .ok)
        }
        return WindowEvidence(
            start: hour * Self.hour, end: (hour + 1) * Self.hour, rows: rows, features: features,
            prediction: prediction, performance: performance)
    }

    static let policy = DecisionPolicy(
        minimumRows: 100, driftShare: 0.5, required: 2, lookback: 3, windowMilliseconds: hour)

    @Test func stableWindowIsOk() {
        let decision = Self.policy.decision(for: Self.window(5, drifted: 1), history: [])
        #expect(decision.verdict == .ok)
        #expect(decision.reasons.map(\.code) == [.noDrift])
        #expect(decision.drift.share == 0.25)
    }

    @Test func oneDriftingWindowIsNotYetHeld() {
        let decision = Self.policy.decision(for: Self.window(5, drifted: 2), history: [Self.window(4, drifted: 0)])
        #expect(decision.verdict == .ok)
        #expect(decision.reasons.map(\.code) == [.driftNotHeld])
        #expect(decision.drift.isDrifting && decision.drift.heldWindows == 1)
    }

    @Test func driftInTwoOfTheLastThreeWindowsRetrains() {
        let history = [Self.window(3, drifted: 2), Self.window(4, drifted: 0)]
        let decision = Self.policy.decision(for: Self.window(5, drifted: 3), history: history)
        #expect(decision.verdict == .retrain)
        #expect(decision.reasons.map(\.code) == [.driftHeld])
        #expect(decision.drift.heldWindows == 2)
    }

    @Test func kOfNCountsSlotsNotStoredWindowsAndIgnoresOlderOnes() {
        // Hour 2 drifts but lies outside the last 3 slots (3, 4, 5); hour 4 is missing.
        let history = [Self.window(2, drifted: 4), Self.window(3, drifted: 0)]
        let decision = Self.policy.decision(for: Self.window(5, drifted: 4), history: history)
        #expect(decision.verdict == .ok)
        #expect(decision.drift.heldWindows == 1)
        // A later window in the history (a replay) is ignored too.
        let replay = Self.policy.decision(for: Self.window(5, drifted: 4), history: [Self.window(6, drifted: 4)])
        #expect(replay.drift.heldWindows == 1)
    }

    @Test func heldDriftPersistsOneWindowAfterItClears() {
        // K-of-N is a count: D D ok still holds 2 of 3.
        let history = [Self.window(3, drifted: 4), Self.window(4, drifted: 4)]
        #expect(Self.policy.decision(for: Self.window(5, drifted: 0), history: history).verdict == .retrain)
        let later = [Self.window(4, drifted: 4), Self.window(5, drifted: 0)]
        #expect(Self.policy.decision(for: Self.window(6, drifted: 0), history: later).verdict == .ok)
    }

    @Test func tooFewRowsIsInsufficientNeverOk() {
        let decision = Self.policy.decision(for: Self.window(5, drifted: 0, rows: 99), history: [])
        #expect(decision.verdict == .insufficientData)
        #expect(decision.reasons.map(\.code) == [.insufficientRows])
        // and a small window never counts as drifting in K-of-N
        let history = [Self.window(4, drifted: 4, rows: 10)]
        #expect(Self.policy.decision(for: Self.window(5, drifted: 4), history: history).verdict == .ok)
    }

    @Test func nothingScoredIsInsufficient() {
        var window = Self.window(5, drifted: 0)
        window.features = window.features.map { .init(name: $0.name, state: .insufficientData) }
        let decision = Self.policy.decision(for: window, history: [])
        #expect(decision.verdict == .insufficientData)
        #expect(decision.reasons.map(\.code) == [.notScored])
    }

    @Test func importanceWeightsTheShare() {
        var policy = Self.policy
        policy.importance = ["f0": 3]  // f0 weighs 3 of 3+1+1+1 = 6
        let window = Self.window(5, drifted: 1)
        #expect(policy.assessment(of: window).share == 0.5)
        #expect(Self.policy.assessment(of: window).share == 0.25)
        #expect(policy.assessment(of: window).isDrifting)
    }

    @Test func predictionDriftAndCriticalFeaturesAloneMeetTheCondition() {
        let byPrediction = Self.window(5, drifted: 0, prediction: .drift)
        #expect(Self.policy.assessment(of: byPrediction).isDrifting)
        var ignoring = Self.policy
        ignoring.predictionDrift = false
        #expect(!ignoring.assessment(of: byPrediction).isDrifting)
        var critical = Self.policy
        critical.criticalFeatures = ["f0"]
        let one = Self.window(5, drifted: 1)
        #expect(critical.assessment(of: one).isDrifting && critical.assessment(of: one).criticalDrifted == ["f0"])
        #expect(!Self.policy.assessment(of: one).isDrifting)
    }

    static func performance(auc: Double, baseline: Double, rows: UInt64 = 500) -> WindowEvidence.Performance {
        WindowEvidence.Performance(
            labeledRows: rows, window: [.auc: auc, .logLoss: 1 - auc],
            baseline: [.auc: baseline, .logLoss: 1 - baseline])
    }

    @Test func floorBlocksBeforeAnythingElse() {
        var policy = Self.policy
        policy.floor = PerformanceLimit(metric: .auc, value: 0.7)
        policy.maximumDrop = PerformanceLimit(metric: .auc, value: 0.05)
        let history = [Self.window(4, drifted: 4)]
        let window = Self.window(5, drifted: 4, performance: Self.performance(auc: 0.65, baseline: 0.9))
        let decision = policy.decision(for: window, history: history)
        #expect(decision.verdict == .block)
        #expect(decision.reasons.map(\.code) == [.performanceFloor, .performanceDrop])
    }

    @Test func dropBeyondRangeAsksForReview() {
        var policy = Self.policy
        policy.floor = PerformanceLimit(metric: .auc, value: 0.7)
        policy.maximumDrop = PerformanceLimit(metric: .auc, value: 0.05)
        let drop = policy.decision(
            for: Self.window(5, drifted: 0, performance: Self.performance(auc: 0.80, baseline: 0.9)), history: [])
        #expect(drop.verdict == .review)
        #expect(drop.performance?.drop.map { abs($0 - 0.1) < 1e-12 } == true)
        let within = policy.decision(
            for: Self.window(5, drifted: 0, performance: Self.performance(auc: 0.86, baseline: 0.9)), history: [])
        #expect(within.verdict == .ok)
    }

    @Test func lowerIsBetterMetricsCompareTheOtherWay() {
        var policy = Self.policy
        policy.floor = PerformanceLimit(metric: .logLoss, value: 0.3)  // a ceiling for log loss
        // auc 0.65 → log loss 0.35 > 0.3: breached
        let bad = policy.decision(
            for: Self.window(5, drifted: 0, performance: Self.performance(auc: 0.65, baseline: 0.9)), history: [])
        #expect(bad.verdict == .block)
        let good = policy.decision(
            for: Self.window(5, drifted: 0, performance: Self.performance(auc: 0.75, baseline: 0.9)), history: [])
        #expect(good.verdict == .ok)
        #expect(PerformanceMetric.logLoss.degradation(of: 0.4, from: 0.3) > 0)
        #expect(PerformanceMetric.auc.degradation(of: 0.8, from: 0.9) > 0)
    }

    @Test func tooFewLabelsIsNotedAndDoesNotBlock() {
        var policy = Self.policy
        policy.floor = PerformanceLimit(metric: .auc, value: 0.7)
        let window = Self.window(5, drifted: 0, performance: Self.performance(auc: 0.1, baseline: 0.9, rows: 20))
        let decision = policy.decision(for: window, history: [])
        #expect(decision.verdict == .ok)
        #expect(decision.reasons.map(\.code) == [.labelsInsufficient, .noDrift])
    }

    @Test func performanceEvidenceFromAccumulators() {
        var window = BinaryClassificationAccumulator()
        window.insert(score: 0.9, label: true)
        window.insert(score: 0.2, label: false)
        window.insert(score: 0.7, label: false)
        window.insert(score: 0.4, label: true)
        let evidence = WindowEvidence.Performance(window: window, baseline: nil)
        #expect(evidence.labeledRows == 4)
        #expect(evidence.window[.accuracy] == 0.5)  // TP 0.9, TN 0.2; FP 0.7, FN 0.4
        #expect(evidence.baseline.isEmpty)
    }
}
