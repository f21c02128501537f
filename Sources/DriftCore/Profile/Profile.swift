/// The summaries of one window of one model version: every feature, the prediction and the label,
/// plus performance accumulators when labels arrived.
///
/// Profiles merge: ``merge(_:)`` is associative and commutative (exactly for counters, moments,
/// bins, exact category counts and performance counts; within the sketches' stated error bounds
/// otherwise), and the empty profile `Profile()` is its identity. So stored windows combine into
/// any longer scoring horizon without reading the logs again.
public struct Profile: Mergeable, Sendable, Equatable {
    /// Lines that contributed to this profile.
    public var rows: UInt64 = 0
    /// Per-feature summaries by feature name.
    public var features: [String: FeatureSummary] = [:]
    /// The model's output: numeric (score/value) or categorical (class).
    public var prediction: FeatureSummary?
    /// Inline or joined ground truth.
    public var label: FeatureSummary?
    /// Binary classification performance over rows with a label and a probability prediction.
    public var binary: BinaryClassificationAccumulator?
    /// Regression performance over rows with a numeric label and prediction.
    public var regression: RegressionAccumulator?
    /// Multiclass top-1 performance over rows with a class prediction and label.
    public var multiclass: MulticlassAccumulator?

    /// Creates an empty profile: the identity of ``merge(_:)``.
    public init() {}

    /// Feature names in ascending order (the order of reports and of the codec).
    public var featureNames: [String] { features.keys.sorted() }

    /// Merges `other` into this profile.
    /// - Throws: ``SummaryMergeError`` when a feature is numeric on one side and categorical on the
    ///   other, or two performance accumulators were configured differently; `self` is then unchanged.
    public mutating func merge(_ other: Profile) throws(SummaryMergeError) {
        var merged = self
        merged.rows &+= other.rows  // 64-bit line counter
        for (name, theirs) in other.features {
            if var mine = merged.features[name] {
                try mine.merge(theirs)
                merged.features[name] = mine
            } else {
                merged.features[name] = theirs
            }
        }
        merged.prediction = try Self.merge(merged.prediction, other.prediction) { a, b throws(SummaryMergeError) in
            try a.merge(b)
        }
        merged.label = try Self.merge(merged.label, other.label) { a, b throws(SummaryMergeError) in try a.merge(b) }
        merged.binary = try Self.merge(merged.binary, other.binary) { a, b throws(SummaryMergeError) in
            do { try a.merge(b) } catch { throw .accumulatorsDiffer("\(error)") }
        }
        merged.regression = try Self.merge(merged.regression, other.regression) { a, b throws(SummaryMergeError) in
            do { try a.merge(b) } catch { throw .accumulatorsDiffer("\(error)") }
        }
        merged.multiclass = try Self.merge(merged.multiclass, other.multiclass) { a, b throws(SummaryMergeError) in
            do { try a.merge(b) } catch { throw .accumulatorsDiffer("\(error)") }
        }
        self = merged
    }

    /// Merges two optional parts: either side alone is kept, both are merged by `merge`.
    private static func merge<Part>(
        _ a: Part?, _ b: Part?, _ merge: (inout Part, Part) throws(SummaryMergeError) -> Void
    ) throws(SummaryMergeError) -> Part? {
        guard var a else { return b }
        guard let b else { return a }
        try merge(&a, b)
        return a
    }
}
