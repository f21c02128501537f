/// Why two summaries could not be merged: they do not describe the same partition of values.
public enum SummaryMergeError: Error, Equatable, Sendable {
    /// Two ``BinnedCounts`` have different bin edges: counts in different bins cannot be added.
    ///
    /// `index` is the first edge that differs (or the shorter edge count when one list is a prefix).
    case edgesDiffer(ourEdgeCount: Int, theirEdgeCount: Int, index: Int)
}

extension SummaryMergeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .edgesDiffer(ours, theirs, index):
            "cannot merge binned counts: expected the same \(ours) bin edge(s), found \(theirs) differing at "
                + "edge \(index). Bin both windows with the baseline's edges."
        }
    }
}
