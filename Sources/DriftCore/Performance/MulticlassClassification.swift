/// Accumulates a multiclass classifier's (predicted, actual) label pairs into a mergeable confusion table.
///
/// The classes are the union of every label seen as predicted or actual, as in scikit-learn's
/// `f1_score(average="macro")` with `labels=None`. Per-class precision and recall with no
/// denominator count 0 (scikit-learn's `zero_division=0`); aggregate metrics are `nil` with no
/// rows. Merging adds the counts, so it is exact, associative and commutative, and `init()` is
/// the identity.
///
/// At most ``maximumClasses`` distinct classes are tracked: a row that would add a class past
/// the limit is counted in ``rejectedCount`` and not inserted, and a merge whose union exceeds
/// the limit throws. Swift `String` equality (Unicode canonical equivalence) decides when two
/// labels are the same class.
///
/// - Complexity: ``insert(predicted:actual:)`` is O(label length); memory is O(occupied cells).
public struct MulticlassAccumulator: Mergeable, Sendable, Equatable {
    /// The most distinct classes an accumulator (and a decoded blob) may hold.
    public static let maximumClasses = 1_024

    /// One cell of the confusion table.
    struct Cell: Hashable, Sendable {
        var actual: String
        var predicted: String
    }

    /// Rows per (actual, predicted) pair; only occupied cells are present.
    private(set) var cells: [Cell: UInt64] = [:]
    /// Every class in `cells`, cached for the class limit.
    private var classSet: Set<String> = []
    /// Rows inserted.
    public private(set) var count: UInt64 = 0
    /// Rows not inserted because they would have added a class past ``maximumClasses``.
    public private(set) var rejectedCount: UInt64 = 0

    /// Creates an empty accumulator.
    public init() {}

    /// Restores an accumulator from decoded, validated cells.
    init(cells: [Cell: UInt64], classes: Set<String>, count: UInt64, rejectedCount: UInt64) {
        self.cells = cells
        self.classSet = classes
        self.count = count
        self.rejectedCount = rejectedCount
    }

    /// Counts one row.
    ///
    /// - Parameters:
    ///   - predicted: the label the model predicted.
    ///   - actual: the true label.
    public mutating func insert(predicted: String, actual: String) {
        let newClasses =
            (classSet.contains(predicted) ? 0 : 1) + (classSet.contains(actual) || actual == predicted ? 0 : 1)
        guard classSet.count + newClasses <= Self.maximumClasses else {
            rejectedCount += 1
            return
        }
        if newClasses > 0 {
            classSet.insert(predicted)
            classSet.insert(actual)
        }
        cells[Cell(actual: actual, predicted: predicted), default: 0] += 1
        count += 1
    }

    /// Adds every row of `other`.
    ///
    /// - Throws: ``PerformanceMergeError/tooManyClasses(limit:found:)`` when the union of classes
    ///   exceeds ``maximumClasses``; `self` is then unchanged.
    /// - Complexity: O(occupied cells of `other`).
    public mutating func merge(_ other: MulticlassAccumulator) throws(PerformanceMergeError) {
        let union = classSet.union(other.classSet)
        guard union.count <= Self.maximumClasses else {
            throw .tooManyClasses(limit: Self.maximumClasses, found: union.count)
        }
        classSet = union
        cells.merge(other.cells, uniquingKeysWith: +)
        count += other.count
        rejectedCount += other.rejectedCount
    }

    /// Every class seen as predicted or actual, in ascending `String` order.
    ///
    /// - Complexity: O(k log k) for k classes.
    public var classes: [String] { classSet.sorted() }

    /// Rows with this actual and predicted label.
    public func count(predicted: String, actual: String) -> UInt64 {
        cells[Cell(actual: actual, predicted: predicted)] ?? 0
    }

    /// The confusion matrix in ``classes`` order: row = actual class, column = predicted class
    /// (scikit-learn's `confusion_matrix` convention).
    ///
    /// - Complexity: O(k² + occupied cells).
    public var confusionMatrix: [[UInt64]] {
        let ordered = classes
        let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
        var matrix = Array(repeating: [UInt64](repeating: 0, count: ordered.count), count: ordered.count)
        for (cell, rows) in cells {
            if let row = position[cell.actual], let column = position[cell.predicted] {
                matrix[row][column] = rows
            }
        }
        return matrix
    }
}
