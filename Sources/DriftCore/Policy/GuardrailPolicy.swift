/// The rules that can veto a retrain, and their verdicts for one trigger.
///
/// Every guardrail is evaluated (none short-circuits) so the audit trail shows each verdict. A
/// trigger fires only when none denies. Budgets deny when spent + reserved + this estimate would
/// exceed the budget of the current UTC day or month. Dry run is not a guardrail: it is the
/// backtest mode of the engine.
public struct GuardrailPolicy: Sendable, Equatable {
    /// At most `count` retrains per sliding `periodMilliseconds`.
    public struct RateLimit: Sendable, Equatable {
        /// Retrains allowed in one period.
        public var count: Int
        /// The sliding period.
        public var periodMilliseconds: Int64

        /// Creates a rate limit.
        public init(count: Int, periodMilliseconds: Int64) {
            precondition(count >= 0 && periodMilliseconds > 0, "a rate limit needs count >= 0 and a positive period")
            self.count = count
            self.periodMilliseconds = periodMilliseconds
        }
    }

    /// Refuse every retrain (the global kill switch).
    public var killSwitch: Bool
    /// Minimum time between two retrains of the model; 0 disables.
    public var cooldownMilliseconds: Int64
    /// The model's rate limit.
    public var modelRate: RateLimit?
    /// The rate limit over all models.
    public var globalRate: RateLimit?
    /// Budget per UTC day (all models).
    public var dailyBudget: Double?
    /// Budget per UTC month (all models).
    public var monthlyBudget: Double?
    /// The cost reserved for one retrain before it fires.
    public var costEstimate: Double
    /// Consecutive hook or job failures that open the breaker.
    public var breakerThreshold: Int
    /// How long an open breaker refuses before a half-open trial.
    public var breakerCoolOffMilliseconds: Int64

    /// Creates guardrails; every parameter has the documented default (docs/CONFIG.md).
    public init(
        killSwitch: Bool = false, cooldownMilliseconds: Int64 = 86_400_000, modelRate: RateLimit? = nil,
        globalRate: RateLimit? = nil, dailyBudget: Double? = nil, monthlyBudget: Double? = nil,
        costEstimate: Double = 0, breakerThreshold: Int = 3, breakerCoolOffMilliseconds: Int64 = 3_600_000
    ) {
        self.killSwitch = killSwitch
        self.cooldownMilliseconds = cooldownMilliseconds
        self.modelRate = modelRate
        self.globalRate = globalRate
        self.dailyBudget = dailyBudget
        self.monthlyBudget = monthlyBudget
        self.costEstimate = costEstimate
        self.breakerThreshold = breakerThreshold
        self.breakerCoolOffMilliseconds = breakerCoolOffMilliseconds
    }

    /// Each guardrail's verdict for a retrain triggered at `now` in `state`.
    public func verdicts(state: GuardrailState, now: Int64) -> [GuardrailVerdict] {
        var verdicts: [GuardrailVerdict] = []
        verdicts.append(
            killSwitch ? .init(.killSwitch, .deny, "the kill switch is on") : .init(.killSwitch, .pass, "off"))
        verdicts.append(
            state.inFlight > 0
                ? .init(.singleFlight, .deny, "\(state.inFlight) retraining job(s) of this model still in flight")
                : .init(.singleFlight, .pass, "no job in flight"))
        verdicts.append(cooldown(state: state, now: now))
        verdicts.append(rate(.modelRate, modelRate, fired: state.firedInModelPeriod))
        verdicts.append(rate(.globalRate, globalRate, fired: state.firedInGlobalPeriod))
        verdicts.append(budget(.dailyBudget, dailyBudget, spent: state.daySpent, reserved: state.dayReserved))
        verdicts.append(budget(.monthlyBudget, monthlyBudget, spent: state.monthSpent, reserved: state.monthReserved))
        let admission = state.breaker.admission(now: now, coolOffMilliseconds: breakerCoolOffMilliseconds)
        switch (admission.admits, state.breaker.state) {
        case (true, .open): verdicts.append(.init(.breaker, .pass, "half-open: cool-off over, one trial admitted"))
        case (true, _): verdicts.append(.init(.breaker, .pass, "closed"))
        case (false, .halfOpen): verdicts.append(.init(.breaker, .deny, "half-open: a trial is already out"))
        case (false, _):
            verdicts.append(.init(.breaker, .deny, "open after \(breakerThreshold) failures; cool-off not over"))
        }
        return verdicts
    }

    /// Whether `verdicts` let the trigger fire (none denies).
    public static func permits(_ verdicts: [GuardrailVerdict]) -> Bool {
        !verdicts.contains { $0.outcome == .deny }
    }

    private func cooldown(state: GuardrailState, now: Int64) -> GuardrailVerdict {
        guard cooldownMilliseconds > 0 else { return .init(.cooldown, .off, "no cooldown") }
        guard let last = state.lastFiredMs else { return .init(.cooldown, .pass, "never fired") }
        let elapsed = now - last
        if elapsed < cooldownMilliseconds {
            return .init(
                .cooldown, .deny, "last retrain \(elapsed / 1000) s ago < cooldown \(cooldownMilliseconds / 1000) s")
        }
        return .init(.cooldown, .pass, "last retrain \(elapsed / 1000) s ago")
    }

    private func rate(_ guardrail: Guardrail, _ limit: RateLimit?, fired: Int) -> GuardrailVerdict {
        guard let limit else { return .init(guardrail, .off, "no limit") }
        let text = "\(fired) fired in the last \(limit.periodMilliseconds / 1000) s, limit \(limit.count)"
        return fired >= limit.count ? .init(guardrail, .deny, text) : .init(guardrail, .pass, text)
    }

    private func budget(_ guardrail: Guardrail, _ budget: Double?, spent: Double, reserved: Double) -> GuardrailVerdict
    {
        guard let budget else { return .init(guardrail, .off, "no budget") }
        let total = spent + reserved + costEstimate
        let text = "spent \(spent) + reserved \(reserved) + estimate \(costEstimate) = \(total), budget \(budget)"
        return total > budget ? .init(guardrail, .deny, text) : .init(guardrail, .pass, text)
    }
}

/// The guardrails, by stable name (the `guardrails[].name` of the decisions JSON).
public enum Guardrail: String, Sendable, CaseIterable, Equatable {
    /// The global kill switch.
    case killSwitch = "kill_switch"
    /// At most one retraining in flight per model.
    case singleFlight = "single_flight"
    /// Minimum time between two retrains of a model.
    case cooldown
    /// Retrains per sliding period, per model.
    case modelRate = "rate_model"
    /// Retrains per sliding period, all models.
    case globalRate = "rate_global"
    /// Cost budget of the UTC day.
    case dailyBudget = "budget_day"
    /// Cost budget of the UTC month.
    case monthlyBudget = "budget_month"
    /// The circuit breaker on hook and job failures.
    case breaker
}

/// One guardrail's verdict on one trigger.
public struct GuardrailVerdict: Sendable, Equatable {
    /// Whether the guardrail lets the trigger through.
    public enum Outcome: String, Sendable, Equatable {
        /// It allows the trigger.
        case pass
        /// It vetoes the trigger.
        case deny
        /// It is not configured.
        case off
    }

    /// Which guardrail.
    public var guardrail: Guardrail
    /// Its verdict.
    public var outcome: Outcome
    /// The figures behind it, one phrase.
    public var detail: String

    /// Creates a verdict.
    public init(_ guardrail: Guardrail, _ outcome: Outcome, _ detail: String) {
        self.guardrail = guardrail
        self.outcome = outcome
        self.detail = detail
    }
}
