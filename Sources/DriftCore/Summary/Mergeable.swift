/// A summary that combines with another of its kind as if it had seen both inputs: ``merge(_:)``
/// in place, ``merging(_:)`` into a copy.
public protocol Mergeable {
    /// What ``merge(_:)`` throws: `Never` for summaries that always merge.
    associatedtype MergeFailure: Error

    /// Folds `other` into this summary.
    mutating func merge(_ other: Self) throws(MergeFailure)
}

extension Mergeable {
    /// This summary merged with `other`; throws what ``merge(_:)`` throws, with `self` unchanged.
    @inlinable
    public func merging(_ other: Self) throws(MergeFailure) -> Self {
        var copy = self
        try copy.merge(other)
        return copy
    }
}
