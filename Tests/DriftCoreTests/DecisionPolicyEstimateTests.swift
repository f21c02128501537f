import DriftCore
import Testing

/// Floors and drops judged on estimated performance when labels are few, and on realised
/// performance once enough arrive (realised wins, as under concept shift it must).
struct DecisionPolicyEstimateTests {
    static let hour: Int64 = 3_600_000

    static func policy(floor: Double? = 0.7, drop: Double? = nil) -> DecisionPolicy {
        DecisionPolicy(
            minimumRows: 100, driftShare: 0.5, required: 2, lookback: 3, windowMilliseconds: hour,
            floor: floor.map { PerformanceLimit(metric: .accuracy, value: $0) },
            maximumDrop: drop.map { PerformanceLimit(metric: .accuracy, value: $0) }, minimumLabeledRows: 100)
    }

    static func window(labeled: UInt64, realised: Double?, estimated: Double?, std: Double = 0.01) -> WindowEvidence {
        var window = WindowEvidence(
            start: 5 * hour, end: 6 * hour, rows: 1000, features: [.init(name: "f", state: .ok)])
        if let realised {
            window.performance = .init(labeledRows: labeled, window: [.accuracy: realised], baseline: [.accuracy: 0.9])
        }
        if let estimated {
            window.estimated = .init(
                rows: 1000, window: [.accuracy: .init(value: estimated, standardError: std)], baseline: [.accuracy: 0.9]
            )
        }
        return window
    }

    @Test func withoutLabelsTheEstimateIsJudgedAndSaysSo() throws {
        let decision = Self.policy().decision(for: Self.window(labeled: 0, realised: nil, estimated: 0.6), history: [])
        #expect(decision.verdict == .block)
        let performance = try #require(decision.performance)
        #expect(performance.source == .estimated)
        #expect(performance.floorValue == 0.6)
        #expect(performance.floorStandardError == 0.01)
        #expect(decision.reasons.map(\.code) == [.labelsInsufficient, .performanceEstimated, .performanceFloor])
        #expect(decision.reasons.last?.message == "estimated accuracy 0.6 ± 0.01 < floor 0.7")
    }

    @Test func anEstimateWithinTwoStandardErrorsOfTheFloorDoesNotBlock() {
        // 0.69 + 2·0.01 = 0.71 ≥ 0.7: not clearly below.
        let near = Self.policy().decision(for: Self.window(labeled: 0, realised: nil, estimated: 0.69), history: [])
        #expect(near.verdict == .ok)
        #expect(near.performance?.source == .estimated)
        // 0.67 + 0.02 < 0.7: clearly below.
        let far = Self.policy().decision(for: Self.window(labeled: 0, realised: nil, estimated: 0.67), history: [])
        #expect(far.verdict == .block)
    }

    @Test func aDropIsJudgedOnTheEstimateMinusItsMargin() {
        let policy = Self.policy(floor: nil, drop: 0.05)
        // Baseline 0.9, estimate 0.8 ± 0.01: worse by 0.1, 0.08 beyond the margin > 0.05 → review.
        let decision = policy.decision(for: Self.window(labeled: 3, realised: 0.1, estimated: 0.8), history: [])
        #expect(decision.verdict == .review)
        #expect(decision.performance?.source == .estimated)
        #expect(decision.performance?.dropStandardError == 0.01)
        #expect(decision.reasons.last?.code == .performanceDrop)
    }

    @Test func realisedPerformanceWinsOnceEnoughLabelsArrive() {
        // Concept shift: the estimate looks fine, the labels say otherwise — the labels decide.
        let concept = Self.policy().decision(
            for: Self.window(labeled: 500, realised: 0.55, estimated: 0.85), history: [])
        #expect(concept.verdict == .block)
        #expect(concept.performance?.source == .realised)
        #expect(concept.performance?.floorStandardError == nil)
        #expect(concept.reasons.map(\.code) == [.performanceFloor])
        #expect(concept.reasons.first?.message == "realised accuracy 0.55 < floor 0.7")
        // And the other way round: a pessimistic estimate is overruled by good labels.
        let fine = Self.policy().decision(for: Self.window(labeled: 500, realised: 0.9, estimated: 0.5), history: [])
        #expect(fine.verdict == .ok)
        #expect(fine.performance?.source == .realised)
    }

    @Test func withoutAnEstimateOrWithEstimatesOffNothingIsJudged() {
        let none = Self.policy().decision(for: Self.window(labeled: 5, realised: 0.1, estimated: nil), history: [])
        #expect(none.verdict == .ok)
        #expect(none.performance?.source == nil)
        #expect(none.reasons.map(\.code) == [.labelsInsufficient, .noDrift])
        var off = Self.policy()
        off.usesEstimates = false
        let ignored = off.decision(for: Self.window(labeled: 0, realised: nil, estimated: 0.1), history: [])
        #expect(ignored.verdict == .ok)
        // A floor on a metric the estimate does not give (log loss) is not judged on it.
        var logLoss = Self.policy()
        logLoss.floor = PerformanceLimit(metric: .logLoss, value: 0.3)
        #expect(
            logLoss.decision(for: Self.window(labeled: 0, realised: nil, estimated: 0.1), history: []).performance?
                .source
                == nil)
    }
}
