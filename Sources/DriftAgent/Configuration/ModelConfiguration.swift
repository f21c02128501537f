import DriftCore

/// The settings of one monitored model: its features, windows and drift thresholds.
public struct ModelConfiguration: Sendable, Equatable {
    /// The model's name as it appears in the log's model field.
    public var name: String
    /// The object whose members are features (dotted path); feature names are relative to it.
    public var featureRoot: String = "features"
    /// Numeric features by name. Empty with `categorical` empty: discover every member of `featureRoot`.
    public var numeric: [String] = []
    /// Categorical features by name.
    public var categorical: [String] = []
    /// Window length in milliseconds (tumbling, event time).
    public var windowMilliseconds: Int64 = 3_600_000
    /// How far behind the latest event time a line may arrive and still count in its window.
    public var latenessMilliseconds: Int64 = 300_000
    /// Wall time without any new line after which open windows close anyway (0: never).
    public var idleCloseMilliseconds: Int64 = 0
    /// Rows a window needs before any verdict is given (fewer: `insufficient_data`).
    public var minimumRows: Int = 100
    /// The statistic that decides a numeric feature's verdict.
    public var numericStatistic: DriftTest = .psi
    /// The statistic that decides a categorical feature's verdict.
    public var categoricalStatistic: DriftTest = .psi
    /// Thresholds overriding each statistic's default.
    public var thresholds: [DriftTest: Double] = [:]
    /// Per-feature statistic/threshold overrides.
    public var overrides: [String: FeatureOverride] = [:]
    /// Model-level drift when at least this share of features drifted.
    public var driftShare: Double = 0.3
    /// Exact distinct categories kept per feature and window before sketching.
    public var categoryCap: Int = CategoricalSummary.defaultCap
    /// KLL accuracy parameter for numeric features.
    public var sketchK: Int = KLLSketch.defaultK
    /// Log files (globs) tailed by `driftwatch run` for this model.
    public var sources: [String] = []
    /// `[policy]`: when a window calls for retrain, review or block (docs/CONFIG.md).
    public var policy = PolicySettings()
    /// `[guardrails]`: the model's own limits on retraining.
    public var guardrails = ModelGuardrails()
    /// `[hooks]`: the model's own hook per event (over the global `[hooks]`).
    public var hooks: [HookEvent: [String]] = [:]

    /// Creates a model section with the documented defaults.
    public init(name: String) { self.name = name }

    /// Whether features are discovered from the log (none were listed).
    public var discoversFeatures: Bool { numeric.isEmpty && categorical.isEmpty }

    /// The statistic and threshold that decide `feature`'s verdict.
    public func primaryTest(feature: String, kind: FeatureKind) -> (test: DriftTest, threshold: Double) {
        let override = overrides[feature]
        let test = override?.statistic ?? (kind == .numeric ? numericStatistic : categoricalStatistic)
        let threshold = override?.threshold ?? thresholds[test] ?? test.defaultThreshold
        return (test, threshold)
    }

    /// The threshold used for `test` on `feature` (override, model threshold, then the default).
    public func threshold(for test: DriftTest, feature: String) -> Double {
        if let override = overrides[feature], override.statistic == test, let value = override.threshold {
            return value
        }
        return thresholds[test] ?? test.defaultThreshold
    }
}

/// A feature's own choice of statistic and threshold.
public struct FeatureOverride: Sendable, Equatable {
    /// The statistic that decides this feature's verdict, when not the model's.
    public var statistic: DriftTest?
    /// The threshold for that statistic.
    public var threshold: Double?

    /// Creates an override.
    public init(statistic: DriftTest? = nil, threshold: Double? = nil) {
        self.statistic = statistic
        self.threshold = threshold
    }
}
