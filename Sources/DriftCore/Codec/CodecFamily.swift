/// The kind of value a binary blob holds; the second field of every blob header.
///
/// Raw values are part of the on-disk format: never renumber a case, only add new ones.
public enum CodecFamily: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case kllSketch = 1
    case moments = 2
    case binnedCounts = 3
    case categoricalSummary = 4
    case hyperLogLog = 5
    case frequentItems = 6
    case featureSummary = 7
    case profile = 8
    case binaryClassification = 9
    case regression = 10
    case multiclass = 11

    public var description: String {
        switch self {
        case .kllSketch: "KLL sketch"
        case .moments: "moments"
        case .binnedCounts: "binned counts"
        case .categoricalSummary: "categorical summary"
        case .hyperLogLog: "HyperLogLog"
        case .frequentItems: "frequent items"
        case .featureSummary: "feature summary"
        case .profile: "profile"
        case .binaryClassification: "binary classification accumulator"
        case .regression: "regression accumulator"
        case .multiclass: "multiclass accumulator"
        }
    }
}
