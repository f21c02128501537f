import DriftCore
import Testing

/// Guardrail verdicts, the circuit breaker's state machine and UTC budget periods, by hand.
struct GuardrailPolicyTests {
    static let hour: Int64 = 3_600_000

    static func denied(_ policy: GuardrailPolicy, _ state: GuardrailState, at now: Int64) -> [Guardrail] {
        policy.verdicts(state: state, now: now).filter { $0.outcome == .deny }.map(\.guardrail)
    }

    @Test func freshStatePassesEveryConfiguredGuardrail() {
        let policy = GuardrailPolicy(
            cooldownMilliseconds: Self.hour, modelRate: .init(count: 1, periodMilliseconds: Self.hour),
            globalRate: .init(count: 5, periodMilliseconds: Self.hour), dailyBudget: 10, monthlyBudget: 100,
            costEstimate: 10)
        let verdicts = policy.verdicts(state: GuardrailState(), now: 0)
        #expect(verdicts.map(\.guardrail) == Guardrail.allCases)
        #expect(verdicts.allSatisfy { $0.outcome == .pass })
        #expect(GuardrailPolicy.permits(verdicts))
    }

    @Test func unconfiguredGuardrailsAreOff() {
        let verdicts = GuardrailPolicy(cooldownMilliseconds: 0).verdicts(state: GuardrailState(), now: 0)
        let off = verdicts.filter { $0.outcome == .off }.map(\.guardrail)
        #expect(off == [.cooldown, .modelRate, .globalRate, .dailyBudget, .monthlyBudget])
    }

    @Test func eachGuardrailDeniesOnItsOwnCondition() {
        let policy = GuardrailPolicy(
            cooldownMilliseconds: Self.hour, modelRate: .init(count: 2, periodMilliseconds: 24 * Self.hour),
            globalRate: .init(count: 3, periodMilliseconds: 24 * Self.hour), dailyBudget: 10, monthlyBudget: 25,
            costEstimate: 4)
        var state = GuardrailState()
        state.lastFiredMs = 0
        #expect(Self.denied(policy, state, at: Self.hour - 1) == [.cooldown])
        #expect(Self.denied(policy, state, at: Self.hour).isEmpty)
        state = GuardrailState()
        state.firedInModelPeriod = 2
        state.firedInGlobalPeriod = 3
        state.inFlight = 1
        #expect(Self.denied(policy, state, at: 0) == [.singleFlight, .modelRate, .globalRate])
        state = GuardrailState()
        state.daySpent = 3
        state.dayReserved = 3  // 3 + 3 + 4 = 10: exactly the budget is allowed
        #expect(Self.denied(policy, state, at: 0).isEmpty)
        state.daySpent = 3.5
        #expect(Self.denied(policy, state, at: 0) == [.dailyBudget])
        state = GuardrailState()
        state.monthSpent = 21.5
        #expect(Self.denied(policy, state, at: 0) == [.monthlyBudget])
        var killed = policy
        killed.killSwitch = true
        #expect(Self.denied(killed, GuardrailState(), at: 0) == [.killSwitch])
    }

    @Test func breakerOpensAfterThresholdThenHalfOpensThenCloses() {
        var breaker = CircuitBreaker()
        breaker.recordFailure(now: 10, threshold: 3)
        breaker.recordFailure(now: 20, threshold: 3)
        #expect(breaker.state == .closed(failures: 2))
        #expect(breaker.admission(now: 25, coolOffMilliseconds: 100).admits)
        breaker.recordFailure(now: 30, threshold: 3)
        #expect(breaker.state == .open(since: 30))
        #expect(breaker.admission(now: 129, coolOffMilliseconds: 100) == (false, .open(since: 30)))
        let trial = breaker.admission(now: 130, coolOffMilliseconds: 100)
        #expect(trial == (true, .halfOpen))
        breaker.state = trial.next
        #expect(!breaker.admission(now: 131, coolOffMilliseconds: 100).admits, "one trial at a time")
        breaker.recordFailure(now: 140, threshold: 3)
        #expect(breaker.state == .open(since: 140), "a failed trial reopens at once")
        breaker.state = .halfOpen
        breaker.recordSuccess()
        #expect(breaker.state == .closed(failures: 0))
        #expect(breaker.label == "closed")
    }

    @Test func breakerVerdictsNameTheState() {
        let policy = GuardrailPolicy(cooldownMilliseconds: 0, breakerCoolOffMilliseconds: 100)
        var state = GuardrailState()
        state.breaker = CircuitBreaker(state: .open(since: 0))
        #expect(Self.denied(policy, state, at: 99) == [.breaker])
        #expect(Self.denied(policy, state, at: 100).isEmpty)
        state.breaker = CircuitBreaker(state: .halfOpen)
        #expect(Self.denied(policy, state, at: 1_000) == [.breaker])
    }

    @Test func budgetPeriodsAreUTCDaysAndCalendarMonths() {
        // 2026-11-28T11:22:33Z = 1795864953000 ms (date -u -d @1795864953).
        let instant: Int64 = 1_795_864_953_000
        #expect(BudgetPeriod.day.start(containing: instant) == 1_795_824_000_000)  // 2026-11-28T00:00Z
        #expect(BudgetPeriod.day.end(containing: instant) == 1_795_910_400_000)
        #expect(BudgetPeriod.month.start(containing: instant) == 1_793_491_200_000)  // 2026-11-01
        #expect(BudgetPeriod.month.end(containing: instant) == 1_796_083_200_000)  // 2026-12-01
        // December rolls over into January; February of a leap year has 29 days.
        #expect(BudgetPeriod.month.end(containing: 1_796_083_200_000) == 1_798_761_600_000)  // 2027-01-01
        #expect(BudgetPeriod.month.start(containing: 1_709_164_800_000) == 1_706_745_600_000)  // 2024-02-29 → 02-01
        #expect(BudgetPeriod.month.end(containing: 1_709_164_800_000) == 1_709_251_200_000)  // 2024-03-01
        #expect(BudgetPeriod.day.start(containing: -1) == -86_400_000)
    }
}
