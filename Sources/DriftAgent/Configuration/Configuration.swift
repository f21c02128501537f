import DriftCore

/// Everything a `driftwatch` invocation needs to know, validated once at startup.
///
/// Built from a TOML file by ``ConfigurationLoader`` or, with no file, by ``Configuration/zeroConfig``:
/// the default log line of the design (every key under `features` is a feature, kinds decided from
/// the baseline or from the value's JSON type).
public struct Configuration: Sendable, Equatable {
    /// Where the log line's shared fields are found (dotted paths).
    public var fields: FieldPaths
    /// The models named in the file; empty means "any model seen in the logs, with `defaults`".
    public var models: [ModelConfiguration]
    /// The template for models that appear in the logs but are not named in the file.
    public var defaults: ModelConfiguration
    /// The SQLite state file named in the config, if any (`--state` wins over it).
    public var state: String?
    /// Where baseline JSON files are written and read.
    public var baselinesDirectory: String
    /// Longest accepted line in bytes; longer lines are counted as `too_long`.
    public var maximumLineBytes: Int
    /// How often `driftwatch run` commits open windows and source positions (`checkpoint_interval`).
    public var checkpointIntervalMilliseconds: Int64 = 5_000
    /// The Prometheus endpoint of `driftwatch run` (`[metrics]`).
    public var metrics = MetricsConfiguration()
    /// `[guardrails]`: the kill switch, dry run, global rate limit and budgets.
    public var guardrails = GlobalGuardrails()
    /// `[hooks]`: the global hook per event, timeout and retries.
    public var hooks = HookSettings()
    /// `[labels]`: delayed labels and performance estimation.
    public var labels = LabelSettings()
    /// `[retention]`: how long windows and decisions are kept.
    public var retention = RetentionSettings()

    /// Creates a configuration; defaults are those of the zero-config mode.
    public init(
        fields: FieldPaths = FieldPaths(),
        models: [ModelConfiguration] = [],
        defaults: ModelConfiguration = ModelConfiguration(name: "*"),
        state: String? = nil,
        baselinesDirectory: String = "Baselines",
        maximumLineBytes: Int = 1 << 20
    ) {
        self.fields = fields
        self.models = models
        self.defaults = defaults
        self.state = state
        self.baselinesDirectory = baselinesDirectory
        self.maximumLineBytes = maximumLineBytes
    }

    /// The configuration used when no `--config` is given.
    public static let zeroConfig = Configuration()

    /// The settings for `model`: its own section when named, else the defaults under its name.
    public func model(named model: String) -> ModelConfiguration {
        if let named = models.first(where: { $0.name == model }) { return named }
        var template = defaults
        template.name = model
        return template
    }

    /// Whether lines of `model` are accepted: any model when the file names none.
    public func accepts(model: String) -> Bool {
        models.isEmpty || models.contains { $0.name == model }
    }
}

/// Dotted JSON paths of the fields every log line shares.
public struct FieldPaths: Sendable, Equatable {
    /// Event time: RFC 3339 or epoch seconds/milliseconds.
    public var timestamp = "ts"
    /// The model's name; routes the line to a model section.
    public var model = "model"
    /// The model version; windows are kept per version.
    public var version = "version"
    /// The request id, used to join delayed labels.
    public var id = "id"
    /// The model's output: a probability/score (binary), a class (string), or a value (regression).
    public var prediction = "prediction"
    /// The ground truth when it arrives inline.
    public var label = "label"

    /// Creates the default paths of the design's log line.
    public init() {}
}
