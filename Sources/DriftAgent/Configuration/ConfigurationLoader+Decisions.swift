import DriftCore
import DriftIngest
import TOMLKit

/// Parsing of `[guardrails]`, `[hooks]` and each model's `[policy]`, `[guardrails]` and `[hooks]`.
extension ConfigurationLoader {
    static func globalGuardrails(from table: TableReader) throws(ConfigError) -> GlobalGuardrails {
        try table.requireKnown(["kill_switch", "dry_run", "rate_limit", "daily_budget", "monthly_budget"])
        var guardrails = GlobalGuardrails()
        guardrails.killSwitch = try table.bool("kill_switch") ?? false
        guardrails.dryRun = try table.bool("dry_run") ?? false
        guardrails.rateLimit = try table.rateLimit("rate_limit")
        guardrails.dailyBudget = try table.double("daily_budget", range: 0...1e15)
        guardrails.monthlyBudget = try table.double("monthly_budget", range: 0...1e15)
        return guardrails
    }

    static func hookSettings(from table: TableReader) throws(ConfigError) -> HookSettings {
        try table.requireKnown(HookEvent.allCases.map(\.rawValue) + ["timeout", "attempts", "backoff"])
        var hooks = HookSettings()
        hooks.commands = try table.hookCommands()
        hooks.timeoutMilliseconds = try table.duration("timeout") ?? hooks.timeoutMilliseconds
        hooks.attempts = try table.int("attempts", range: 1...10) ?? hooks.attempts
        hooks.backoffMilliseconds = try table.duration("backoff", allowZero: true) ?? hooks.backoffMilliseconds
        return hooks
    }

    static func decisionSettings(from table: TableReader, into model: inout ModelConfiguration) throws(ConfigError) {
        if let policy = try table.table("policy") { try policySettings(from: policy, into: &model.policy) }
        if let guardrails = try table.table("guardrails") {
            try guardrails.requireKnown([
                "cooldown", "rate_limit", "cost_estimate", "breaker_failures", "breaker_cool_off",
            ])
            model.guardrails.cooldownMilliseconds =
                try guardrails.duration("cooldown", allowZero: true) ?? model.guardrails.cooldownMilliseconds
            model.guardrails.rateLimit = try guardrails.rateLimit("rate_limit") ?? model.guardrails.rateLimit
            model.guardrails.costEstimate =
                try guardrails.double("cost_estimate", range: 0...1e15) ?? model.guardrails.costEstimate
            model.guardrails.breakerFailures =
                try guardrails.int("breaker_failures", range: 1...1000) ?? model.guardrails.breakerFailures
            model.guardrails.breakerCoolOffMilliseconds =
                try guardrails.duration("breaker_cool_off") ?? model.guardrails.breakerCoolOffMilliseconds
        }
        if let hooks = try table.table("hooks") {
            try hooks.requireKnown(HookEvent.allCases.map(\.rawValue))
            model.hooks.merge(try hooks.hookCommands()) { _, new in new }
        }
    }

    private static func policySettings(from table: TableReader, into policy: inout PolicySettings) throws(ConfigError) {
        try table.requireKnown([
            "min_rows", "drift_share", "importance", "prediction_drift", "critical", "drift_windows",
            "lookback_windows", "floor_metric", "floor", "drop_metric", "max_drop", "min_labeled_rows",
        ])
        policy.minimumRows = try table.int("min_rows", range: 1...Int(Int32.max)) ?? policy.minimumRows
        policy.driftShare = try table.double("drift_share", range: 0...1) ?? policy.driftShare
        if let importance = try table.table("importance") {
            for feature in importance.keys.sorted() {
                policy.importance[feature] = try importance.double(feature, range: 0...1e9)
            }
        }
        policy.predictionDrift = try table.bool("prediction_drift") ?? policy.predictionDrift
        policy.criticalFeatures = try table.stringArray("critical") ?? policy.criticalFeatures
        policy.lookbackWindows = try table.int("lookback_windows", range: 1...1000) ?? policy.lookbackWindows
        policy.driftWindows = try table.int("drift_windows", range: 1...1000) ?? policy.driftWindows
        if policy.driftWindows > policy.lookbackWindows {
            throw table.invalid(
                "drift_windows", expected: "at most lookback_windows (\(policy.lookbackWindows))",
                found: "\(policy.driftWindows)")
        }
        policy.floor = try table.limit(metric: "floor_metric", value: "floor", range: -1e9...1e9) ?? policy.floor
        policy.maximumDrop =
            try table.limit(metric: "drop_metric", value: "max_drop", range: 0...1e9) ?? policy.maximumDrop
        policy.minimumLabeledRows =
            try table.int("min_labeled_rows", range: 1...Int(Int32.max)) ?? policy.minimumLabeledRows
    }
}

extension TableReader {
    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let bool = value.bool else {
            throw invalid(key, expected: "true or false", found: value.debugDescription)
        }
        return bool
    }

    /// `"COUNT/DURATION"`, e.g. `"3/7d"`: at most COUNT per sliding DURATION.
    func rateLimit(_ key: String) throws(ConfigError) -> GuardrailPolicy.RateLimit? {
        guard let text = try string(key) else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), count >= 0,
            let period = Timestamp.parseDurationMilliseconds(String(parts[1])), period > 0
        else {
            throw invalid(key, expected: "COUNT/DURATION such as \"3/7d\" or \"10/1d\"", found: "\"\(text)\"")
        }
        return GuardrailPolicy.RateLimit(count: count, periodMilliseconds: period)
    }

    /// A metric name at `metric` with its number at `value`; both or neither.
    func limit(metric: String, value: String, range: ClosedRange<Double>) throws(ConfigError) -> PerformanceLimit? {
        let name = try string(metric)
        let number = try double(value, range: range)
        switch (name, number) {
        case (nil, nil): return nil
        case (.some(let name), .some(let number)):
            guard let parsed = PerformanceMetric(rawValue: name) else {
                let names = PerformanceMetric.allCases.map(\.rawValue).joined(separator: ", ")
                throw invalid(metric, expected: "one of \(names)", found: "\"\(name)\"")
            }
            return PerformanceLimit(metric: parsed, value: number)
        case (nil, .some): throw invalid(metric, expected: "a metric name next to '\(value)'", found: "nothing")
        case (.some, nil): throw invalid(value, expected: "a number next to '\(metric)'", found: "nothing")
        }
    }

    /// Every event key of this table as a non-empty argv.
    func hookCommands() throws(ConfigError) -> [HookEvent: [String]] {
        var commands: [HookEvent: [String]] = [:]
        for event in HookEvent.allCases {
            guard let argv = try stringArray(event.rawValue) else { continue }
            guard !argv.isEmpty else {
                throw invalid(event.rawValue, expected: "an argv: [\"/path/to/script\", \"arg\", …]", found: "[]")
            }
            if let problem = HookRunner.unsafeExecutable(argv[0]) {
                throw invalid(event.rawValue, expected: "a hook only its owner can modify", found: problem)
            }
            commands[event] = argv
        }
        return commands
    }
}
