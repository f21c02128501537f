// Binary format v1 of ``BinnedCounts`` (little-endian), with k inner edges:
//
// | offset    | size    | field                                                         |
// |----------:|--------:|---------------------------------------------------------------|
// | 0         | 5       | header: "DW", family 3 (binned counts), version 1, flags 0    |
// | 5         | 4       | k, the edge count (UInt32, ≤ BinnedCounts.maximumEdgeCount)   |
// | 9         | 8k      | edges (Double), finite, strictly increasing, never -0.0       |
// | 9 + 8k    | 8(k+1)  | counts per bin (UInt64); their sum must fit in a UInt64       |

extension BinnedCounts {
    /// The newest format version this build writes and reads.
    public static let codecVersion: UInt8 = 1

    /// Appends the v1 encoding to `writer`.
    ///
    /// - Complexity: O(k).
    public func encode(into writer: inout ByteWriter) {
        writer.writeHeader(family: .binnedCounts, version: BinnedCounts.codecVersion)
        writer.write(UInt32(edges.count))
        for edge in edges { writer.write(edge) }
        for count in counts { writer.write(count) }
    }

    /// The v1 encoding as a standalone blob.
    ///
    /// - Complexity: O(k).
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 13 + 16 * edges.count)
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes bins from `reader`, leaving it after their last byte.
    ///
    /// - Throws: ``SketchCodecError`` on a wrong header, a truncated blob, or a field out of range.
    /// - Complexity: O(k).
    public init(from reader: inout ByteReader) throws(SketchCodecError) {
        let header = try reader.readHeader(family: .binnedCounts, supportedVersion: BinnedCounts.codecVersion)
        guard header.flags == 0 else {
            throw .invalidField(family: .binnedCounts, field: "flags", expected: "0", found: "\(header.flags)")
        }
        let k = try reader.readCount(field: "edge count", family: .binnedCounts, limit: BinnedCounts.maximumEdgeCount)
        // Check the length before allocating, so a corrupt k cannot reserve memory the blob does not back.
        guard reader.remaining >= 16 * k + 8 else {
            throw .truncated(field: "binned counts edges and counts", needed: 16 * k + 8, remaining: reader.remaining)
        }
        var edges: [Double] = []
        edges.reserveCapacity(k)
        for i in 0..<k {
            let edge = try reader.readDouble(field: "edges")
            guard edge.isFinite, edge.bitPattern != (-0.0).bitPattern, i == 0 || edges[i - 1] < edge else {
                let expected = i == 0 ? "a finite value other than -0.0" : "a finite value above \(edges[i - 1])"
                throw .invalidField(family: .binnedCounts, field: "edge \(i)", expected: expected, found: "\(edge)")
            }
            edges.append(edge)
        }
        var counts: [UInt64] = []
        counts.reserveCapacity(k + 1)
        var total: UInt64 = 0
        for i in 0...k {
            let count = try reader.readUInt64(field: "bin counts")
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else {
                throw .invalidField(
                    family: .binnedCounts, field: "count of bin \(i)", expected: "a total within UInt64",
                    found: "\(count) after \(total)")
            }
            total = sum
            counts.append(count)
        }
        self.init(validatedEdges: edges, counts: counts, total: total)
    }

    /// Decodes a standalone blob, which must hold exactly one value.
    ///
    /// - Throws: ``SketchCodecError`` as ``init(from:)``, or `trailingBytes` after a complete value.
    /// - Complexity: O(k).
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        var reader = ByteReader(bytes)
        try self.init(from: &reader)
        try reader.expectEnd(family: .binnedCounts)
    }
}
