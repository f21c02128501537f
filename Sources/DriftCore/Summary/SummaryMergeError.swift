/// Why two summaries could not be merged: they do not describe the same partition of values.
public enum SummaryMergeError: Error, Equatable, Sendable {
    /// Two ``BinnedCounts`` have different bin edges: counts in different bins cannot be added.
    ///
    /// `index` is the first edge that differs (or the shorter edge count when one list is a prefix).
    case edgesDiffer(ourEdgeCount: Int, theirEdgeCount: Int, index: Int)
    /// A feature is numeric on one side and categorical on the other.
    case kindsDiffer(String, String)
    /// Two performance accumulators were configured differently (threshold, bins).
    case accumulatorsDiffer(String)
}

extension SummaryMergeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .edgesDiffer(ours, theirs, index):
            "cannot merge binned counts: expected the same \(ours) bin edge(s), found \(theirs) differing at "
                + "edge \(index). Bin both windows with the baseline's edges."
        case let .kindsDiffer(ours, theirs):
            "cannot merge a \(ours) feature summary with a \(theirs) one: a feature keeps one kind."
        case let .accumulatorsDiffer(detail):
            "cannot merge performance accumulators: \(detail)"
        }
    }
}
