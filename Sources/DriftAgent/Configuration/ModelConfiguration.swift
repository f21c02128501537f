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
    /// `learned_thresholds`: use the baseline's learned threshold where no threshold is configured.
    public var learnedThresholds = false
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
    /// `horizons`: the scoring horizons `report` adds when no `--horizon` is given (docs/REPORT.md).
    public var horizons: [ReportBuilder.HorizonLength] = []

    /// Creates a model section with the documented defaults.
    public init(name: String) { self.name = name }

    /// Whether any feature of the model uses learned thresholds.
    public var usesLearnedThresholds: Bool {
        learnedThresholds || overrides.values.contains { $0.learnedThresholds == true }
    }

    /// Whether features are discovered from the log (none were listed).
    public var discoversFeatures: Bool { numeric.isEmpty && categorical.isEmpty }

    /// The statistic and threshold that decide `feature`'s verdict (ignoring learned thresholds).
    public func primaryTest(feature: String, kind: FeatureKind) -> (test: DriftTest, threshold: Double) {
        let test = primaryStatistic(feature: feature, kind: kind)
        return (test, threshold(for: test, feature: feature, isPrimary: true, learned: nil).value)
    }

    /// The statistic that decides `feature`'s verdict: its override's, else the model's for its kind.
    public func primaryStatistic(feature: String, kind: FeatureKind) -> DriftTest {
        overrides[feature]?.statistic ?? (kind == .numeric ? numericStatistic : categoricalStatistic)
    }

    /// The threshold used for `test` on `feature` (override, model threshold, then the default).
    public func threshold(for test: DriftTest, feature: String) -> Double {
        threshold(for: test, feature: feature, isPrimary: false, learned: nil).value
    }

    /// The threshold for `test` on `feature` and where it comes from, first match wins:
    /// the feature's override threshold (for its statistic, or for the primary one when the override
    /// names none) and then the model's `[thresholds]` (`config`); the baseline's learned threshold
    /// when `learned_thresholds` is on for the feature and one was learned (`learned`); the test's
    /// default (`default`).
    public func threshold(
        for test: DriftTest, feature: String, isPrimary: Bool, learned: LearnedThresholds?
    ) -> (value: Double, source: ThresholdSource) {
        let override = overrides[feature]
        if let override, let value = override.threshold, override.statistic.map({ $0 == test }) ?? isPrimary {
            return (value, .config)
        }
        if let value = thresholds[test] { return (value, .config) }
        if override?.learnedThresholds ?? learnedThresholds, let entry = learned?.entry(feature: feature, test: test) {
            return (entry.threshold, .learned)
        }
        return (test.defaultThreshold, .default)
    }
}

/// A feature's own choice of statistic and threshold.
public struct FeatureOverride: Sendable, Equatable {
    /// The statistic that decides this feature's verdict, when not the model's.
    public var statistic: DriftTest?
    /// The threshold for that statistic.
    public var threshold: Double?
    /// Whether the feature uses learned thresholds (nil: as the model says).
    public var learnedThresholds: Bool?

    /// Creates an override.
    public init(statistic: DriftTest? = nil, threshold: Double? = nil, learnedThresholds: Bool? = nil) {
        self.statistic = statistic
        self.threshold = threshold
        self.learnedThresholds = learnedThresholds
    }
}
