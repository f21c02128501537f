// Binary format v1 of ``CategoricalSummary`` (little-endian):
//
// | offset | size | field                                                                      |
// |-------:|-----:|----------------------------------------------------------------------------|
// | 0      | 5    | header: "DW", family 4 (categorical summary), version 1,                   |
// |        |      | flags: bit 0 = sketch mode (0 = exact)                                     |
// | 5      | 4    | cap (UInt32, 1...CategoricalSummary.maximumCap)                            |
// | 9      | 8    | count N (UInt64)                                                           |
// | 17     | 1    | HyperLogLog precision (12)                                                 |
// exact mode (flag 0):
// | 18     | 4    | n distinct values (UInt32, ≤ cap)                                          |
// | 22     | …    | n × (value: UInt32 byte length + UTF-8; count: UInt64 ≥ 1), values         |
// |        |      | strictly ascending by Swift `String` order; the counts sum to N            |
// sketch mode (flag 1):
// | 18     | 4+…  | FrequentItems v1 blob (UInt32 length + bytes): capacity = cap, total = N,  |
// |        |      | maximum error ≥ 1                                                          |
// | …      | 4+…  | HyperLogLog v1 blob (UInt32 length + bytes), precision as above            |
//
// In exact mode the HyperLogLog is not stored: it is exactly the sketch of the n keys' stable
// hashes (counts do not change registers), so the decoder rebuilds it.

extension CategoricalSummary {
    /// The newest format version this build writes and reads.
    public static let codecVersion: UInt8 = 1

    private static let sketchFlag: UInt8 = 1

    /// Appends the v1 encoding to `writer`; equal summaries give equal bytes.
    ///
    /// - Complexity: O(cap log cap).
    public func encode(into writer: inout ByteWriter) {
        let flags: UInt8 = isExact ? 0 : CategoricalSummary.sketchFlag
        writer.writeHeader(family: .categoricalSummary, version: CategoricalSummary.codecVersion, flags: flags)
        writer.write(UInt32(cap))
        writer.write(count)
        writer.write(UInt8(distinctSketch.precision))
        switch storage {
        case .exact(let counts):
            FrequentItems.writeCounts(counts, into: &writer)
        case .sketch(let items):
            writer.write(blob: items.encoded())
            writer.write(blob: distinctSketch.encoded())
        }
    }

    /// The v1 encoding as a standalone blob.
    ///
    /// - Complexity: O(cap log cap).
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 256)
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes a summary from `reader`, leaving it after the summary's last byte.
    ///
    /// - Throws: ``SketchCodecError`` on a wrong header, a truncated blob, or a field out of range,
    ///   including inconsistencies between the nested blobs and the outer fields.
    /// - Complexity: O(cap) entries.
    public init(from reader: inout ByteReader) throws(SketchCodecError) {
        let family = CodecFamily.categoricalSummary
        let header = try reader.readHeader(family: family, supportedVersion: CategoricalSummary.codecVersion)
        guard header.flags & ~CategoricalSummary.sketchFlag == 0 else {
            throw .invalidField(family: family, field: "flags", expected: "0 or 1", found: "\(header.flags)")
        }
        let cap = try reader.readCount(field: "cap", family: family, limit: CategoricalSummary.maximumCap)
        guard cap >= 1 else { throw .invalidField(family: family, field: "cap", expected: "at least 1", found: "0") }
        let count = try reader.readUInt64(field: "categorical count")
        let precision = Int(try reader.readUInt8(field: "HyperLogLog precision"))
        guard precision == CategoricalSummary.hyperLogLogPrecision else {
            throw .invalidField(
                family: family, field: "HyperLogLog precision",
                expected: "\(CategoricalSummary.hyperLogLogPrecision)", found: "\(precision)")
        }
        if header.flags & CategoricalSummary.sketchFlag == 0 {
            let (counts, sum) = try FrequentItems.readCounts(from: &reader, family: family, limit: cap)
            guard sum == count else {
                throw .invalidField(
                    family: family, field: "count", expected: "the sum of counts \(sum)", found: "\(count)")
            }
            var sketch = HyperLogLog(precision: precision)
            for key in counts.keys { sketch.insert(hash: StableHash.hash(key)) }
            self.init(cap: cap, count: count, storage: .exact(counts), distinctSketch: sketch)
        } else {
            var inner = ByteReader(try reader.readBlob(field: "frequent items blob"))
            let items = try FrequentItems(from: &inner)
            try inner.expectEnd(family: .frequentItems)
            guard items.capacity == cap, items.total == count, items.maximumError >= 1 else {
                throw .invalidField(
                    family: family, field: "frequent items",
                    expected: "capacity \(cap), total \(count), maximum error ≥ 1",
                    found: "capacity \(items.capacity), total \(items.total), maximum error \(items.maximumError)")
            }
            inner = ByteReader(try reader.readBlob(field: "HyperLogLog blob"))
            let sketch = try HyperLogLog(from: &inner)
            try inner.expectEnd(family: .hyperLogLog)
            guard sketch.precision == precision else {
                throw .invalidField(
                    family: family, field: "HyperLogLog blob precision", expected: "\(precision)",
                    found: "\(sketch.precision)")
            }
            self.init(cap: cap, count: count, storage: .sketch(items), distinctSketch: sketch)
        }
    }

    /// Decodes a standalone blob, which must hold exactly one summary.
    ///
    /// - Throws: ``SketchCodecError`` as ``init(from:)``, or `trailingBytes` after a complete summary.
    /// - Complexity: O(cap) entries.
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        var reader = ByteReader(bytes)
        try self.init(from: &reader)
        try reader.expectEnd(family: .categoricalSummary)
    }
}
