/// What the policy knows about one closed window: rows, per-feature verdicts, performance.
///
/// Built by the agent from the stored scores and profile; the policy never reads the store.
public struct WindowEvidence: Sendable, Equatable {
    /// A feature's primary verdict in the window.
    public enum FeatureState: String, Sendable, Equatable {
        /// The primary statistic crossed its threshold.
        case drift
        /// It did not.
        case ok
        /// The feature could not be scored.
        case insufficientData = "insufficient_data"
    }

    /// One feature's primary verdict.
    public struct Feature: Sendable, Equatable {
        /// The feature name.
        public var name: String
        /// Its primary verdict.
        public var state: FeatureState

        /// Creates a feature verdict.
        public init(name: String, state: FeatureState) {
            self.name = name
            self.state = state
        }
    }

    /// Realised performance of the window next to the baseline's.
    public struct Performance: Sendable, Equatable {
        /// Labelled rows in the window.
        public var labeledRows: UInt64
        /// The window's metrics (undefined ones absent).
        public var window: [PerformanceMetric: Double]
        /// The baseline's metrics (undefined ones absent).
        public var baseline: [PerformanceMetric: Double]

        /// Creates performance evidence.
        public init(labeledRows: UInt64, window: [PerformanceMetric: Double], baseline: [PerformanceMetric: Double]) {
            self.labeledRows = labeledRows
            self.window = window
            self.baseline = baseline
        }

        /// Evidence from two accumulators; `baseline` may be `nil` (no labels in training data).
        public init(window: BinaryClassificationAccumulator, baseline: BinaryClassificationAccumulator?) {
            var windowValues: [PerformanceMetric: Double] = [:]
            var baselineValues: [PerformanceMetric: Double] = [:]
            for metric in PerformanceMetric.allCases {
                windowValues[metric] = metric.value(of: window)
                if let baseline { baselineValues[metric] = metric.value(of: baseline) }
            }
            self.init(labeledRows: window.count, window: windowValues, baseline: baselineValues)
        }
    }

    /// Performance estimated from the window's scores alone (CBPE), next to the baseline's realised figures.
    public struct Estimated: Sendable, Equatable {
        /// Window rows whose scores were used.
        public var rows: Double
        /// The estimated figures (accuracy, precision, recall, F1, AUC; undefined ones absent).
        public var window: [PerformanceMetric: EstimatedBinaryPerformance.Estimate]
        /// The baseline's realised figures (undefined ones absent).
        public var baseline: [PerformanceMetric: Double]

        /// Creates estimated evidence.
        public init(
            rows: Double, window: [PerformanceMetric: EstimatedBinaryPerformance.Estimate],
            baseline: [PerformanceMetric: Double]
        ) {
            self.rows = rows
            self.window = window
            self.baseline = baseline
        }

        /// Evidence from an estimate and the baseline's accumulator (`nil`: no baseline figures).
        public init(_ estimate: EstimatedBinaryPerformance, baseline: BinaryClassificationAccumulator?) {
            var window: [PerformanceMetric: EstimatedBinaryPerformance.Estimate] = [:]
            var reference: [PerformanceMetric: Double] = [:]
            for metric in PerformanceMetric.allCases {
                window[metric] = estimate[metric]
                if let baseline { reference[metric] = metric.value(of: baseline) }
            }
            self.init(rows: estimate.rows, window: window, baseline: reference)
        }
    }

    /// Window start, epoch milliseconds (inclusive).
    public var start: Int64
    /// Window end, epoch milliseconds (exclusive).
    public var end: Int64
    /// Rows folded into the window.
    public var rows: UInt64
    /// Every scored feature's primary verdict (the prediction excluded).
    public var features: [Feature]
    /// The prediction's primary verdict, when the model's output is profiled.
    public var prediction: FeatureState?
    /// Realised performance, when the window has labelled rows.
    public var performance: Performance?
    /// Estimated performance, when the baseline's labelled scores allow an estimate.
    public var estimated: Estimated?

    /// Creates the evidence of one window.
    public init(
        start: Int64, end: Int64, rows: UInt64, features: [Feature], prediction: FeatureState? = nil,
        performance: Performance? = nil
    ) {
        self.start = start
        self.end = end
        self.rows = rows
        self.features = features
        self.prediction = prediction
        self.performance = performance
    }
}
