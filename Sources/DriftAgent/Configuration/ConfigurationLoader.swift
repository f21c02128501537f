import DriftCore
import DriftIngest
import TOMLKit

/// Reads and validates a Driftwatch TOML configuration. Every key is documented in docs/CONFIG.md.
///
/// Validation is strict: unknown keys (usually typos) and wrong types are errors naming the file,
/// the line, the key path and what was expected, so a broken config never starts a half-configured
/// agent.
public enum ConfigurationLoader {
    /// Loads the file at `path`.
    /// - Throws: ``ConfigError``.
    public static func load(path: String) throws(ConfigError) -> Configuration {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadable(path: path, reason: "the file is not valid UTF-8")
        }
        return try parse(text: text, path: path)
    }

    /// Parses configuration `text`; `path` is used in error messages only.
    /// - Throws: ``ConfigError``.
    public static func parse(text: String, path: String) throws(ConfigError) -> Configuration {
        // A few invalid texts abort TOMLKit's parser instead of failing it: refuse those first.
        if let problem = TOMLPrecheck.problem(in: text) {
            throw .syntax(path: path, line: problem.line, column: problem.column, message: problem.message)
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(
                path: path, line: error.source.begin.line, column: error.source.begin.column,
                message: error.description)
        } catch {
            throw .syntax(path: path, line: 0, column: 0, message: "\(error)")
        }
        let reader = TableReader(table: root, keyPath: [], file: path, locator: KeyLocator(text: text))
        return try configuration(from: reader)
    }

    private static func configuration(from root: TableReader) throws(ConfigError) -> Configuration {
        try root.requireKnown([
            "state", "baselines_dir", "max_line_bytes", "checkpoint_interval", "fields", "defaults", "models",
            "guardrails", "hooks", "metrics", "labels", "retention",
        ])
        var config = Configuration()
        config.state = try root.string("state")
        config.baselinesDirectory = try root.string("baselines_dir") ?? config.baselinesDirectory
        if let bytes = try root.int("max_line_bytes", range: 1_024...(256 << 20)) { config.maximumLineBytes = bytes }
        if let fields = try root.table("fields") { config.fields = try fieldPaths(from: fields) }
        config.checkpointIntervalMilliseconds =
            try root.duration("checkpoint_interval") ?? config.checkpointIntervalMilliseconds
        if let metrics = try root.table("metrics") { config.metrics = try metricsConfiguration(from: metrics) }
        if let guardrails = try root.table("guardrails") { config.guardrails = try globalGuardrails(from: guardrails) }
        if let hooks = try root.table("hooks") { config.hooks = try hookSettings(from: hooks) }
        if let labels = try root.table("labels") { config.labels = try labelSettings(from: labels) }
        let retention = try root.table("retention")
        if let retention { config.retention = try retentionSettings(from: retention) }
        if let defaults = try root.table("defaults") {
            config.defaults = try model(from: defaults, base: ModelConfiguration(name: "*"), allowFeatures: false)
        }
        if let models = try root.table("models") {
            for name in models.keys.sorted() {
                guard let section = try models.table(name) else { continue }
                var base = config.defaults
                base.name = name
                config.models.append(try model(from: section, base: base, allowFeatures: true))
            }
        }
        try checkRetention(config, table: retention)
        return config
    }

    private static func labelSettings(from table: TableReader) throws(ConfigError) -> LabelSettings {
        try table.requireKnown(["max_pending", "max_age", "sources", "estimate"])
        var labels = LabelSettings()
        labels.maximumPending = try table.int("max_pending", range: 0...100_000_000) ?? labels.maximumPending
        labels.maximumAgeMilliseconds = try table.duration("max_age") ?? labels.maximumAgeMilliseconds
        labels.sources = try table.stringArray("sources") ?? labels.sources
        labels.estimate = try table.bool("estimate") ?? labels.estimate
        return labels
    }

    private static func fieldPaths(from table: TableReader) throws(ConfigError) -> FieldPaths {
        try table.requireKnown(["timestamp", "model", "version", "id", "prediction", "label"])
        var fields = FieldPaths()
        fields.timestamp = try table.path("timestamp") ?? fields.timestamp
        fields.model = try table.path("model") ?? fields.model
        fields.version = try table.path("version") ?? fields.version
        fields.id = try table.path("id") ?? fields.id
        fields.prediction = try table.path("prediction") ?? fields.prediction
        fields.label = try table.path("label") ?? fields.label
        return fields
    }

    private static func metricsConfiguration(from table: TableReader) throws(ConfigError) -> MetricsConfiguration {
        try table.requireKnown(["enabled", "address", "port"])
        var metrics = MetricsConfiguration()
        metrics.isEnabled = try table.bool("enabled") ?? metrics.isEnabled
        if let address = try table.string("address") {
            guard !address.isEmpty, !address.contains(where: \.isWhitespace) else {
                throw table.invalid("address", expected: "an IP address or host name", found: "\"\(address)\"")
            }
            metrics.address = address
        }
        metrics.port = try table.int("port", range: 0...65_535) ?? metrics.port
        return metrics
    }

    private static let modelKeys = [
        "window", "lateness", "idle_close", "min_rows", "numeric_statistic", "categorical_statistic", "drift_share",
        "category_cap", "sketch_k", "thresholds", "overrides", "policy", "guardrails", "hooks", "learned_thresholds",
        "horizons",
    ]

    private static func model(
        from table: TableReader, base: ModelConfiguration, allowFeatures: Bool
    ) throws(ConfigError) -> ModelConfiguration {
        let featureKeys = ["feature_root", "numeric", "categorical", "sources"]
        try table.requireKnown(modelKeys + (allowFeatures ? featureKeys : []))
        var model = base
        if allowFeatures {
            model.featureRoot = try table.path("feature_root") ?? model.featureRoot
            model.numeric = try table.stringArray("numeric") ?? []
            model.categorical = try table.stringArray("categorical") ?? []
            model.sources = try table.stringArray("sources") ?? []
            let both = Set(model.numeric).intersection(model.categorical)
            if let clash = both.sorted().first {
                throw table.invalid("categorical", expected: "features not also listed as numeric", found: "'\(clash)'")
            }
        }
        model.windowMilliseconds = try table.duration("window") ?? model.windowMilliseconds
        model.latenessMilliseconds = try table.duration("lateness", allowZero: true) ?? model.latenessMilliseconds
        model.idleCloseMilliseconds = try table.duration("idle_close", allowZero: true) ?? model.idleCloseMilliseconds
        model.minimumRows = try table.int("min_rows", range: 1...Int(Int32.max)) ?? model.minimumRows
        model.numericStatistic = try table.statistic("numeric_statistic", kind: .numeric) ?? model.numericStatistic
        model.categoricalStatistic =
            try table.statistic("categorical_statistic", kind: .categorical) ?? model.categoricalStatistic
        model.driftShare = try table.double("drift_share", range: 0...1) ?? model.driftShare
        model.categoryCap = try table.int("category_cap", range: 10...1_000_000) ?? model.categoryCap
        model.sketchK = try table.int("sketch_k", range: 8...65_535) ?? model.sketchK
        model.learnedThresholds = try table.bool("learned_thresholds") ?? model.learnedThresholds
        model.horizons = try table.durations("horizons") ?? model.horizons
        if let thresholds = try table.table("thresholds") {
            try thresholds.requireKnown(DriftTest.allCases.map(\.rawValue))
            for test in DriftTest.allCases {
                if let value = try thresholds.double(test.rawValue, range: 0...1e9) { model.thresholds[test] = value }
            }
        }
        if let overrides = try table.table("overrides") {
            for feature in overrides.keys.sorted() {
                guard let section = try overrides.table(feature) else { continue }
                try section.requireKnown(["statistic", "threshold", "learned_thresholds"])
                let override = FeatureOverride(
                    statistic: try section.statistic("statistic", kind: nil),
                    threshold: try section.double("threshold", range: 0...1e9),
                    learnedThresholds: try section.bool("learned_thresholds"))
                model.overrides[feature] = override
            }
        }
        try decisionSettings(from: table, into: &model)
        return model
    }
}
