import DriftCore

/// An open window's summaries, feature slots aligned with its stream's layout.
///
/// Slots avoid a dictionary lookup per feature per line; ``profile(names:)`` turns them into the
/// name-keyed ``Profile`` that is stored and merged.
struct WindowState {
    var rows: UInt64 = 0
    var features: [FeatureSummary]
    var prediction: FeatureSummary?
    var label: FeatureSummary?
    var binary: BinaryClassificationAccumulator?
    var regression: RegressionAccumulator?
    var multiclass: MulticlassAccumulator?
    /// Bad lines attributed to this window since the last commit, by reason label.
    var badLines: [String: Int64] = [:]
    /// Changed since the last commit.
    var isDirty = false
    /// Deferred category counts by feature slot (grown on demand; see ``CategoryBatch``).
    var categoryBatches: [CategoryBatch] = []
    /// Numbers not yet in their numeric summaries (see ``NumericColumns``).
    var numericColumns = NumericColumns()

    init(features: [FeatureSummary]) { self.features = features }

    /// Hands every deferred category count to its summary; call before reading `features`.
    mutating func flushCategories(interners: [CategoryInterner]) {
        for slot in categoryBatches.indices where slot < interners.count {
            categoryBatches[slot].flush(into: &features[slot], interner: interners[slot])
        }
    }

    /// Hands every buffered number to its summary; call before reading `features`.
    mutating func flushNumbers() { numericColumns.flush(into: &features) }

    /// The window as a stored profile (flush deferred category counts first).
    func profile(names: [String]) -> Profile {
        var profile = Profile()
        profile.rows = rows
        for (index, name) in names.enumerated() where index < features.count && features[index].rows > 0 {
            profile.features[name] = features[index]
        }
        profile.prediction = prediction
        profile.label = label
        profile.binary = binary
        profile.regression = regression
        profile.multiclass = multiclass
        return profile
    }
}
