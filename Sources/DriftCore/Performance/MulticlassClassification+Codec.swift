// Binary layout of a MulticlassAccumulator, format v1 (family 11). Little-endian.
//
// | offset | size | field                                                                   |
// |-------:|-----:|-------------------------------------------------------------------------|
// | 0      | 5    | header: "DW", family 11, version 1, flags 0                             |
// | 5      | 8    | rejected count (UInt64)                                                 |
// | 13     | 4    | K: classes (UInt32, ≤ 1,024)                                            |
// | 17     | …    | K labels: UInt32 byte length + UTF-8, strictly ascending (String `<`)   |
// | …      | 4    | M: occupied cells (UInt32, ≤ K²)                                        |
// | …      | 16·M | per cell: actual index, predicted index (UInt32 each, < K), rows        |
// |        |      | (UInt64, > 0); strictly ascending by (actual, predicted)                |
//
// Sorted labels and cells make the encoding canonical. Every label must occur in some cell
// (a class exists only because a row named it); the row count is the sum of the cells.

extension MulticlassAccumulator {
    private static let family = CodecFamily.multiclass

    /// The canonical v1 encoding of this accumulator.
    ///
    /// - Complexity: O(k log k + m log m) for k classes and m occupied cells.
    public func encoded() -> [UInt8] {
        let ordered = classes
        let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, UInt32($0)) })
        var writer = ByteWriter(capacity: 32 + 16 * ordered.count + 16 * cells.count)
        writer.writeHeader(family: Self.family, version: 1)
        writer.write(rejectedCount)
        writer.write(UInt32(ordered.count))
        for label in ordered { writer.write(label) }
        var indexed: [(actual: UInt32, predicted: UInt32, rows: UInt64)] = []
        indexed.reserveCapacity(cells.count)
        for (cell, rows) in cells {
            if let actual = position[cell.actual], let predicted = position[cell.predicted] {
                indexed.append((actual, predicted, rows))
            }
        }
        indexed.sort { ($0.actual, $0.predicted) < ($1.actual, $1.predicted) }
        writer.write(UInt32(indexed.count))
        for cell in indexed {
            writer.write(cell.actual)
            writer.write(cell.predicted)
            writer.write(cell.rows)
        }
        return writer.bytes
    }

    /// Decodes a blob written by ``encoded()``, checking every field.
    ///
    /// - Throws: ``SketchCodecError`` ("expected X, found Y") for a truncated, corrupt or
    ///   non-canonical blob, or one of another family or a newer version.
    /// - Complexity: O(blob size).
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        let family = Self.family
        var reader = ByteReader(bytes)
        try reader.readPerformanceHeader(family: family)
        let rejected = try reader.readUInt64(field: "rejected count")
        let classCount = try reader.readCount(field: "class count", family: family, limit: Self.maximumClasses)
        var labels: [String] = []
        labels.reserveCapacity(classCount)
        for _ in 0..<classCount {
            let label = try reader.readString(field: "class label", family: family)
            if let last = labels.last, !(last < label) {
                throw .invalidField(
                    family: family, field: "class label", expected: "a label after \"\(last)\"", found: "\"\(label)\"")
            }
            labels.append(label)
        }
        let cellCount = try reader.readCount(field: "cell count", family: family, limit: classCount * classCount)
        var cells: [Cell: UInt64] = [:]
        cells.reserveCapacity(cellCount)
        var used = [Bool](repeating: false, count: classCount)
        var previous: (UInt32, UInt32)?
        var total: UInt64 = 0
        for _ in 0..<cellCount {
            let actual = try reader.readUInt32(field: "cell actual index")
            let predicted = try reader.readUInt32(field: "cell predicted index")
            let rows = try reader.readUInt64(field: "cell rows")
            guard Int(actual) < classCount, Int(predicted) < classCount, rows > 0 else {
                throw .invalidField(
                    family: family, field: "cell", expected: "indices < \(classCount) and rows > 0",
                    found: "(\(actual), \(predicted)) with \(rows) rows")
            }
            if let previous, !(previous < (actual, predicted)) {
                throw .invalidField(
                    family: family, field: "cell order", expected: "a cell after \(previous)",
                    found: "(\(actual), \(predicted))")
            }
            previous = (actual, predicted)
            used[Int(actual)] = true
            used[Int(predicted)] = true
            total = try checkedSum(total, rows, field: "row count", family: family)
            cells[Cell(actual: labels[Int(actual)], predicted: labels[Int(predicted)])] = rows
        }
        try reader.expectEnd(family: family)
        _ = try checkedSum(total, rejected, field: "row counts", family: family)
        if let unused = used.firstIndex(of: false) {
            throw .invalidField(
                family: family, field: "class \"\(labels[unused])\"", expected: "a class with rows", found: "no cell")
        }
        self.init(cells: cells, classes: Set(labels), count: total, rejectedCount: rejected)
    }
}
