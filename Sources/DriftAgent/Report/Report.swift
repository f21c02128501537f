import DriftCore

/// What `driftwatch report` shows: per stored window, its rows, bad lines, per-feature statistics
/// and verdicts, the model-level drift share and the performance figures when labels arrived.
///
/// Built from the store by ``ReportBuilder``; rendered by ``ReportRenderer`` as a terminal table or
/// as the JSON documented in docs/REPORT.md, whose keys are a contract: never renamed, only added.
public struct Report: Sendable, Equatable {
    /// The version of the JSON shape (bumped only for a breaking change, which the contract forbids).
    public static let schemaVersion = 1

    /// One line per model: how many windows, how many drifted, the time they cover.
    public var models: [ModelSummary]
    /// Every window in range, ordered by model, version and start.
    public var windows: [Window]
    /// The decisions recorded for those windows, oldest first (``Decision``).
    public var decisions: [Decision] = []
    /// Scoring horizons (`report --horizon`), by model, version and horizon; empty unless asked for.
    public var horizons: [Horizon] = []

    /// Creates a report.
    public init(models: [ModelSummary], windows: [Window]) {
        self.models = models
        self.windows = windows
    }

    /// A model's totals over the windows of the report.
    public struct ModelSummary: Sendable, Equatable {
        /// The model name.
        public var model: String
        /// The versions seen, sorted.
        public var versions: [String]
        /// Windows in the report.
        public var windows: Int
        /// Of those, windows whose model-level verdict is drift.
        public var driftedWindows: Int
        /// Rows over those windows.
        public var rows: Int64
        /// The earliest window start, epoch milliseconds.
        public var firstStartMs: Int64
        /// The latest window end, epoch milliseconds.
        public var lastEndMs: Int64
        /// Per-version figures, sorted by version.
        public var perVersion: [VersionSummary] = []
        /// Retraining cost against the budgets and guardrail denials (``Budget``).
        public var budget: Budget?
        /// Advice about the whole model, e.g. windows whose rows differ from the learned thresholds'
        /// chunks (``ChunkSizeCheck``); empty when there is none.
        public var warnings: [String] = []
    }

    /// One stored window of one model version.
    public struct Window: Scored, Sendable, Equatable {
        /// The model name.
        public var model: String
        /// The model version.
        public var version: String
        /// The window start (inclusive), epoch milliseconds UTC.
        public var startMs: Int64
        /// The window end (exclusive), epoch milliseconds UTC.
        public var endMs: Int64
        /// Rows folded into the window.
        public var rows: Int64
        /// Unusable lines attributed to the window, by reason, sorted by reason.
        public var badLines: [ReasonCount]
        /// Every feature, sorted by name (the prediction excluded).
        public var features: [Feature]
        /// The prediction scored like a feature, when the window had one.
        public var prediction: Feature?
        /// Features whose primary verdict is drift.
        public var driftedFeatures: Int
        /// Features with a verdict (drift or ok), i.e. not `insufficient_data`.
        public var scoredFeatures: Int
        /// The model's configured `drift_share`: the window drifts at or above it.
        public var driftShareThreshold: Double
        /// Performance over the window's labelled rows (binary classification), delayed labels included.
        public var performance: Performance
        /// Performance estimated from the window's scores alone.
        public var estimated = Estimated()
        /// The label scored like a feature against the baseline's labels (label drift), when the
        /// window has labels.
        public var label: Feature?
        /// How many times delayed labels revised the window (0: never).
        public var labelRevision: Int64 = 0
        /// Regression figures over the labelled rows, for a model predicting numbers.
        public var regression: RegressionAccumulator?
        /// Multiclass top-1 figures over the labelled rows, for a model predicting classes.
        public var multiclass: MulticlassAccumulator?
        /// The rows of the chunks the model's learned thresholds came from (``ChunkSizeCheck``);
        /// `nil` when the model uses no learned thresholds or its baseline has none.
        public var learnedChunkRows: Int64?
        /// Advice about the window, e.g. rows that differ from `learnedChunkRows` by more than a
        /// factor of 2; empty when there is none.
        public var warnings: [String] = []

        /// Total unusable lines attributed to the window.
        public var badLineTotal: Int64 { badLines.reduce(0) { $0 + $1.count } }
    }

    /// A count of unusable lines for one reason.
    public struct ReasonCount: Sendable, Equatable {
        /// The reason label (e.g. `bad_json`, `late`).
        public var reason: String
        /// How many lines.
        public var count: Int64

        /// Creates a pair.
        public init(reason: String, count: Int64) {
            self.reason = reason
            self.count = count
        }
    }

    /// One feature's statistics and verdict in one window.
    public struct Feature: Sendable, Equatable {
        /// The feature name (`@prediction` for the prediction).
        public var name: String
        /// `numeric` or `categorical`.
        public var kind: String
        /// Every stored statistic by ``DriftCore/DriftTest`` raw value, in `DriftTest` order; NaN when undefined.
        public var statistics: [Value]
        /// p-values by test, for the tests that have one (`ks`, `chi2_p`).
        public var pValues: [Value]
        /// The statistic that decides the verdict.
        public var primary: Primary

        /// Whether the primary verdict is drift.
        public var drift: Bool { primary.verdict == "drift" }

        /// Whether the primary verdict is drift or ok (not `insufficient_data`).
        public var isScored: Bool { primary.verdict == "drift" || primary.verdict == "ok" }

        /// The value of statistic `test`, if stored.
        public func statistic(_ test: String) -> Double? { statistics.first { $0.test == test }?.value }
    }

    /// A named number.
    public struct Value: Sendable, Equatable {
        /// The statistic's raw name.
        public var test: String
        /// Its value; NaN when undefined (rendered as `null`).
        public var value: Double

        /// Equal when names match and values are equal or both NaN.
        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.test == rhs.test && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
        }
    }

    /// The deciding statistic of a feature and its verdict.
    public struct Primary: Sendable, Equatable {
        /// The statistic's raw name.
        public var statistic: String
        /// Its value; NaN when it could not be computed.
        public var value: Double
        /// The threshold it was compared against.
        public var threshold: Double
        /// `drift`, `ok` or `insufficient_data`.
        public var verdict: String
        /// Why there is no verdict, for `insufficient_data`.
        public var reason: String?
        /// Where the threshold came from: `default`, `config` or `learned` (nil: scored before it was recorded).
        public var thresholdSource: String? = nil

        /// Equal when every field is equal, NaN equal to NaN.
        public static func == (lhs: Self, rhs: Self) -> Bool {
            func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
            return lhs.statistic == rhs.statistic && same(lhs.value, rhs.value) && same(lhs.threshold, rhs.threshold)
                && lhs.verdict == rhs.verdict && lhs.reason == rhs.reason && lhs.thresholdSource == rhs.thresholdSource
        }
    }

    /// Binary-classification performance over a window's labelled rows; every figure `nil` without labels.
    public struct Performance: Sendable, Equatable {
        /// Rows that had both a label and a probability prediction.
        public var labeledRows: UInt64 = 0
        /// (TP + TN) / N.
        public var accuracy: Double?
        /// TP / (TP + FP).
        public var precision: Double?
        /// TP / (TP + FN).
        public var recall: Double?
        /// 2·TP / (2·TP + FP + FN).
        public var f1: Double?
        /// ROC AUC.
        public var auc: Double?
        /// Mean log loss.
        public var logLoss: Double?
        /// Mean Brier score.
        public var brier: Double?
        /// Labelled rows over the window's rows; `nil` for a window without rows.
        public var labelCoverage: Double?
        /// Expected calibration error over 10 equal-width score bins.
        public var calibrationError: Double?

        /// No labelled rows.
        public init() {}
    }
}
