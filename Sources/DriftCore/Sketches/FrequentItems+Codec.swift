// Binary format v1 of ``FrequentItems`` (little-endian), n kept items:
//
// | offset | size | field                                                                     |
// |-------:|-----:|---------------------------------------------------------------------------|
// | 0      | 5    | header: "DW", family 6 (frequent items), version 1, flags 0               |
// | 5      | 4    | capacity m (UInt32, 1...FrequentItems.maximumCapacity)                    |
// | 9      | 8    | total N (UInt64)                                                          |
// | 17     | 8    | maximum error e (UInt64); e·(m+1) ≤ N − Σcounts, and e ≥ 1 iff Σcounts < N |
// | 25     | 4    | n (UInt32, ≤ m)                                                           |
// | 29     | …    | n × (item: UInt32 byte length + UTF-8; count: UInt64 ≥ 1),                |
// |        |      | items strictly ascending by Swift `String` order (canonical bytes)        |

extension FrequentItems {
    /// The newest format version this build writes and reads.
    public static let codecVersion: UInt8 = 1

    /// Appends the v1 encoding to `writer`.
    ///
    /// - Complexity: O(m log m) for the canonical order.
    public func encode(into writer: inout ByteWriter) {
        writer.writeHeader(family: .frequentItems, version: FrequentItems.codecVersion)
        writer.write(UInt32(capacity))
        writer.write(storedTotal)
        writer.write(offset)
        FrequentItems.writeCounts(counters, into: &writer)
    }

    /// Writes `counts` as a `UInt32` count then (string, `UInt64`) pairs in ascending key order.
    static func writeCounts(_ counts: [String: UInt64], into writer: inout ByteWriter) {
        writer.write(UInt32(counts.count))
        for (key, count) in counts.sorted(by: { $0.key < $1.key }) {
            writer.write(key)
            writer.write(count)
        }
    }

    /// Reads what ``writeCounts(_:into:)`` wrote, checking order, counts and their sum.
    static func readCounts(
        from reader: inout ByteReader, family: CodecFamily, limit: Int
    ) throws(SketchCodecError) -> (counts: [String: UInt64], sum: UInt64) {
        let n = try reader.readCount(field: "entry count", family: family, limit: limit)
        // Each entry takes at least 12 bytes: refuse before reserving room the blob cannot back.
        guard reader.remaining >= 12 * n else {
            throw .truncated(field: "\(family) entries", needed: 12 * n, remaining: reader.remaining)
        }
        var counts: [String: UInt64] = [:]
        counts.reserveCapacity(n)
        var previous: String?
        var sum: UInt64 = 0
        for _ in 0..<n {
            let key = try reader.readString(field: "entry value", family: family)
            let count = try reader.readUInt64(field: "entry count")
            if let previous, !(previous < key) {
                throw .invalidField(
                    family: family, field: "entry value", expected: "a value after \"\(previous)\"", found: "\"\(key)\""
                )
            }
            guard count >= 1 else {
                throw .invalidField(family: family, field: "count of \"\(key)\"", expected: "at least 1", found: "0")
            }
            let (next, overflow) = sum.addingReportingOverflow(count)
            guard !overflow else {
                throw .invalidField(
                    family: family, field: "count of \"\(key)\"", expected: "a sum within UInt64",
                    found: "\(count) after \(sum)")
            }
            sum = next
            counts[key] = count
            previous = key
        }
        return (counts, sum)
    }

    /// The v1 encoding as a standalone blob.
    ///
    /// - Complexity: O(m log m).
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 29 + 24 * counters.count)
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes a summary from `reader`, leaving it after the summary's last byte.
    ///
    /// - Throws: ``SketchCodecError`` on a wrong header, a truncated blob, or a field out of range.
    /// - Complexity: O(n) entries.
    public init(from reader: inout ByteReader) throws(SketchCodecError) {
        let header = try reader.readHeader(family: .frequentItems, supportedVersion: FrequentItems.codecVersion)
        guard header.flags == 0 else {
            throw .invalidField(family: .frequentItems, field: "flags", expected: "0", found: "\(header.flags)")
        }
        let capacity = try reader.readCount(
            field: "capacity", family: .frequentItems, limit: FrequentItems.maximumCapacity)
        guard capacity >= 1 else {
            throw .invalidField(family: .frequentItems, field: "capacity", expected: "at least 1", found: "0")
        }
        let total = try reader.readUInt64(field: "frequent items total")
        let error = try reader.readUInt64(field: "frequent items maximum error")
        let (counts, sum) = try FrequentItems.readCounts(from: &reader, family: .frequentItems, limit: capacity)
        guard sum <= total else {
            throw .invalidField(
                family: .frequentItems, field: "total", expected: "at least the kept sum \(sum)", found: "\(total)")
        }
        let (bound, overflow) = error.multipliedReportingOverflow(by: UInt64(capacity) + 1)
        guard !overflow, bound <= total - sum, (error == 0) == (sum == total) else {
            throw .invalidField(
                family: .frequentItems, field: "maximum error",
                expected: "≥ 1 and ≤ (\(total) − \(sum)) / \(capacity + 1) when counts were dropped, else 0",
                found: "\(error)")
        }
        self.init(capacity: capacity)
        counters = counts
        storedTotal = total
        offset = error
    }

    /// Decodes a standalone blob, which must hold exactly one summary.
    ///
    /// - Throws: ``SketchCodecError`` as ``init(from:)``, or `trailingBytes` after a complete summary.
    /// - Complexity: O(n) entries.
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        var reader = ByteReader(bytes)
        try self.init(from: &reader)
        try reader.expectEnd(family: .frequentItems)
    }
}
