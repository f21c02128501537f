/// Why two performance accumulators could not be merged.
///
/// Merging is only defined between accumulators that bin and threshold their rows the same
/// way; anything else would silently mix incomparable counts.
public enum PerformanceMergeError: Error, Equatable, Sendable {
    /// A configuration field differs between the two accumulators.
    case configurationMismatch(accumulator: String, field: String, expected: String, found: String)
    /// The merged accumulator would track more distinct classes than `limit`.
    case tooManyClasses(limit: Int, found: Int)
}

extension PerformanceMergeError: CustomStringConvertible {
    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case let .configurationMismatch(accumulator, field, expected, found):
            "cannot merge \(accumulator)s: \(field) expected \(expected), found \(found). "
                + "Only accumulators built with the same configuration can be combined."
        case let .tooManyClasses(limit, found):
            "cannot merge multiclass accumulators: the union has \(found) classes, expected at most \(limit). "
                + "Map rare labels to a shared \"other\" label before accumulating."
        }
    }
}
