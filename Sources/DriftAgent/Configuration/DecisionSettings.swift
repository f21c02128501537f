import DriftCore

/// A hook event: what a hook script is told happened (docs/EVENTS.md).
public enum HookEvent: String, Sendable, CaseIterable, Equatable {
    /// A retrain fired.
    case retrain
    /// Performance dropped: a person should review (then `driftwatch approve ID`).
    case review
    /// Performance below its floor.
    case block
    /// The fallback for every notification event without its own hook.
    case alert
    /// An episode cleared.
    case resolved
    /// A guardrail denied a retrain (sent once per episode).
    case denied

    /// Whether the event only notifies (retried with backoff, falls back to the `alert` hook).
    public var isNotification: Bool { self != .retrain }
}

/// `[models.NAME.policy]`: the decision settings of a model (docs/CONFIG.md).
public struct PolicySettings: Sendable, Equatable {
    /// Overrides the model's `min_rows` for decisions.
    public var minimumRows: Int?
    /// Overrides the model's `drift_share` for decisions.
    public var driftShare: Double?
    /// Feature weights for the drift share (unlisted: 1).
    public var importance: [String: Double] = [:]
    /// Whether prediction drift alone meets the drift condition.
    public var predictionDrift = true
    /// Features whose drift alone meets the drift condition.
    public var criticalFeatures: [String] = []
    /// K of K-of-N.
    public var driftWindows = 2
    /// N of K-of-N.
    public var lookbackWindows = 3
    /// The absolute floor (`block`).
    public var floor: PerformanceLimit?
    /// The maximum drop versus the baseline (`review`).
    public var maximumDrop: PerformanceLimit?
    /// Labelled rows needed to judge performance.
    public var minimumLabeledRows = 100

    /// The defaults.
    public init() {}
}

/// `[models.NAME.guardrails]` (and `[defaults.guardrails]`): a model's own guardrails.
public struct ModelGuardrails: Sendable, Equatable {
    /// Minimum time between two retrains.
    public var cooldownMilliseconds: Int64 = 86_400_000
    /// Retrains per sliding period.
    public var rateLimit: GuardrailPolicy.RateLimit?
    /// Cost reserved per retrain.
    public var costEstimate = 0.0
    /// Consecutive failures that open the breaker.
    public var breakerFailures = 3
    /// Open-breaker cool-off.
    public var breakerCoolOffMilliseconds: Int64 = 3_600_000

    /// The defaults.
    public init() {}
}

/// `[guardrails]`: what all models share.
public struct GlobalGuardrails: Sendable, Equatable {
    /// Refuse every retrain.
    public var killSwitch = false
    /// Decide and record, run nothing (like a backtest, even with `--fire`).
    public var dryRun = false
    /// Retrains per sliding period over all models.
    public var rateLimit: GuardrailPolicy.RateLimit?
    /// Budget per UTC day.
    public var dailyBudget: Double?
    /// Budget per UTC month.
    public var monthlyBudget: Double?

    /// The defaults.
    public init() {}
}

/// `[hooks]` (and `[models.NAME.hooks]`): the argv per event and how hooks run.
public struct HookSettings: Sendable, Equatable {
    /// The argv run for each event; a model's entry wins over the global one.
    public var commands: [HookEvent: [String]] = [:]
    /// Kill the hook's process group after this long.
    public var timeoutMilliseconds: Int64 = 60_000
    /// Attempts for notification events (retrain hooks run once).
    public var attempts = 3
    /// Delay before the second attempt; doubled for each further one.
    public var backoffMilliseconds: Int64 = 1_000

    /// The defaults.
    public init() {}
}

extension ModelConfiguration {
    /// The decision policy of this model: its `[policy]` settings over its `min_rows`, `drift_share`
    /// and window length.
    public var decisionPolicy: DecisionPolicy {
        DecisionPolicy(
            minimumRows: policy.minimumRows ?? minimumRows, driftShare: policy.driftShare ?? driftShare,
            importance: policy.importance, predictionDrift: policy.predictionDrift,
            criticalFeatures: Set(policy.criticalFeatures), required: policy.driftWindows,
            lookback: policy.lookbackWindows, windowMilliseconds: windowMilliseconds, floor: policy.floor,
            maximumDrop: policy.maximumDrop, minimumLabeledRows: policy.minimumLabeledRows)
    }
}

extension Configuration {
    /// The guardrails of `model`'s retrains: its own settings with the global ones.
    public func guardrailPolicy(model: String) -> GuardrailPolicy {
        let own = self.model(named: model).guardrails
        return GuardrailPolicy(
            killSwitch: guardrails.killSwitch, cooldownMilliseconds: own.cooldownMilliseconds, modelRate: own.rateLimit,
            globalRate: guardrails.rateLimit, dailyBudget: guardrails.dailyBudget,
            monthlyBudget: guardrails.monthlyBudget, costEstimate: own.costEstimate,
            breakerThreshold: own.breakerFailures, breakerCoolOffMilliseconds: own.breakerCoolOffMilliseconds)
    }

    /// The argv for `event` of `model`: the model's hook, else the global one, and for a
    /// notification without either, the `alert` hook; `nil` when none is configured.
    public func hookCommand(_ event: HookEvent, model: String) -> [String]? {
        let own = self.model(named: model).hooks
        if let argv = own[event] ?? hooks.commands[event] { return argv }
        guard event.isNotification else { return nil }
        return own[.alert] ?? hooks.commands[.alert]
    }
}
