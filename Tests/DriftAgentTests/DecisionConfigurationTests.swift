import DriftAgent
import DriftCore
import Testing

/// `[guardrails]`, `[hooks]` and each model's `[policy]`, `[guardrails]` and `[hooks]`.
struct DecisionConfigurationTests {
    static let text = """
        [guardrails]
        kill_switch = false
        dry_run = true
        rate_limit = "10/1d"
        daily_budget = 100
        monthly_budget = 1500.5

        [hooks]
        alert = ["/hooks/alert", "--loud"]
        retrain = ["/hooks/submit"]
        timeout = "30s"
        attempts = 4
        backoff = "2s"

        [defaults.guardrails]
        cooldown = "12h"

        [models.fraud]
        numeric = ["amount"]
        [models.fraud.policy]
        drift_share = 0.25
        prediction_drift = false
        critical = ["amount"]
        drift_windows = 3
        lookback_windows = 4
        floor_metric = "auc"
        floor = 0.7
        drop_metric = "log_loss"
        max_drop = 0.1
        min_labeled_rows = 50
        [models.fraud.policy.importance]
        amount = 2.5
        [models.fraud.guardrails]
        rate_limit = "3/7d"
        cost_estimate = 40
        breaker_failures = 5
        breaker_cool_off = "2h"
        [models.fraud.hooks]
        retrain = ["/hooks/fraud-submit", "$(not a shell)"]

        [models.churn]
        numeric = ["x"]
        """

    @Test func everyDecisionKeyIsRead() throws {
        let config = try ConfigurationLoader.parse(text: Self.text, path: "d.toml")
        #expect(config.guardrails.dryRun && !config.guardrails.killSwitch)
        #expect(config.guardrails.rateLimit == GuardrailPolicy.RateLimit(count: 10, periodMilliseconds: 86_400_000))
        #expect(config.guardrails.dailyBudget == 100 && config.guardrails.monthlyBudget == 1500.5)
        #expect(config.hooks.timeoutMilliseconds == 30_000 && config.hooks.attempts == 4)
        #expect(config.hooks.backoffMilliseconds == 2_000)
        let fraud = config.model(named: "fraud")
        let policy = fraud.decisionPolicy
        #expect(policy.driftShare == 0.25 && !policy.predictionDrift && policy.criticalFeatures == ["amount"])
        #expect(policy.required == 3 && policy.lookback == 4 && policy.importance == ["amount": 2.5])
        #expect(policy.floor == PerformanceLimit(metric: .auc, value: 0.7))
        #expect(policy.maximumDrop == PerformanceLimit(metric: .logLoss, value: 0.1))
        #expect(policy.minimumLabeledRows == 50 && policy.minimumRows == 100)
        let guardrails = config.guardrailPolicy(model: "fraud")
        #expect(guardrails.cooldownMilliseconds == 43_200_000, "inherited from [defaults.guardrails]")
        #expect(guardrails.modelRate == GuardrailPolicy.RateLimit(count: 3, periodMilliseconds: 7 * 86_400_000))
        #expect(guardrails.globalRate?.count == 10 && guardrails.costEstimate == 40)
        #expect(guardrails.breakerThreshold == 5 && guardrails.breakerCoolOffMilliseconds == 7_200_000)
        // The model's hook wins; a notification without its own hook falls back to `alert`.
        #expect(config.hookCommand(.retrain, model: "fraud") == ["/hooks/fraud-submit", "$(not a shell)"])
        #expect(config.hookCommand(.retrain, model: "churn") == ["/hooks/submit"])
        #expect(config.hookCommand(.denied, model: "churn") == ["/hooks/alert", "--loud"])
        #expect(config.model(named: "churn").decisionPolicy == DecisionPolicy(minimumRows: 100, driftShare: 0.3))
    }

    @Test func defaultsNeedNoSection() throws {
        let config = try ConfigurationLoader.parse(text: "", path: "empty.toml")
        let guardrails = config.guardrailPolicy(model: "any")
        #expect(guardrails == GuardrailPolicy())
        #expect(config.hookCommand(.retrain, model: "any") == nil && config.hookCommand(.alert, model: "any") == nil)
        #expect(config.model(named: "any").decisionPolicy.required == 2)
    }

    @Test(arguments: [
        (
            "[models.m.policy]\ndrift_windws = 2",
            "unknown key 'models.m.policy.drift_windws'. Did you mean 'drift_windows'?"
        ),
        (
            "[models.m.policy]\ndrift_windows = 4",
            "'models.m.policy.drift_windows': expected at most lookback_windows (3)"
        ),
        ("[models.m.policy]\nfloor = 0.5", "'models.m.policy.floor_metric': expected a metric name next to 'floor'"),
        (
            "[models.m.policy]\nfloor_metric = \"gini\"\nfloor = 0.5",
            "expected one of accuracy, precision, recall, f1, auc, log_loss, brier"
        ),
        ("[guardrails]\nrate_limit = \"3 per day\"", "expected COUNT/DURATION such as \"3/7d\""),
        ("[guardrails]\nkill_switch = \"yes\"", "'guardrails.kill_switch': expected true or false"),
        ("[hooks]\nretrain = []", "'hooks.retrain': expected an argv"),
        ("[hooks]\nretrain = \"/bin/sh -c 'x'\"", "'hooks.retrain' must be an array of strings"),
        ("[models.m.guardrails]\ncooldown = \"soon\"", "'models.m.guardrails.cooldown': expected a duration"),
    ])
    func badValuesAreRefusedWithTheKeyAndWhatWasExpected(text: String, message: String) {
        #expect {
            _ = try ConfigurationLoader.parse(text: "[models.m]\n" + text, path: "bad.toml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
