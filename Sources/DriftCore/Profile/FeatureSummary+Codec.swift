// Byte layout of a feature summary, format v1 (all integers little-endian):
//
// | field            | size | notes                                         |
// |------------------|-----:|-----------------------------------------------|
// | header           | 5    | "DW", family 7, version 1, flags              |
// |                  |      | flags bit 0: bins present                     |
// | kind             | 1    | 0 numeric, 1 categorical                      |
// | rows             | 8    |                                               |
// | missing          | 8    |                                               |
// | nonFinite        | 8    |                                               |
// | typeMismatches   | 8    |                                               |
// | numeric only:    |      |                                               |
// |   moments        | 4+n  | length-prefixed Moments blob                  |
// |   sketch         | 4+n  | length-prefixed KLL blob                      |
// |   bins           | 4+n  | length-prefixed BinnedCounts blob, if flagged |
// |                  |      | (sketch count and bins total = moments count) |
// | categorical only:|      |                                               |
// |   categories     | 4+n  | length-prefixed CategoricalSummary blob       |

extension FeatureSummary {
    static let formatVersion: UInt8 = 1

    /// Appends this summary's v1 encoding to `writer`.
    public func encode(into writer: inout ByteWriter) {
        writer.writeHeader(family: .featureSummary, version: Self.formatVersion, flags: bins == nil ? 0 : 1)
        writer.write(kind == .numeric ? UInt8(0) : UInt8(1))
        writer.write(rows)
        writer.write(missing)
        writer.write(nonFinite)
        writer.write(typeMismatches)
        switch kind {
        case .numeric:
            writer.write(blob: moments.encoded())
            writer.write(blob: sketch.encoded())
            if let bins { writer.write(blob: bins.encoded()) }
        case .categorical:
            writer.write(blob: categories.encoded())
        }
    }

    /// Decodes a summary from `reader`, checking every field.
    /// - Throws: ``SketchCodecError`` naming what was expected and what was found.
    public init(from reader: inout ByteReader) throws(SketchCodecError) {
        let family = CodecFamily.featureSummary
        let (_, flags) = try reader.readHeader(family: family, supportedVersion: Self.formatVersion)
        guard flags & ~1 == 0 else {
            throw .invalidField(family: family, field: "flags", expected: "only bit 0", found: "\(flags)")
        }
        let kindByte = try reader.readUInt8(field: "kind")
        guard kindByte <= 1 else {
            throw .invalidField(family: family, field: "kind", expected: "0 or 1", found: "\(kindByte)")
        }
        let kind: FeatureKind = kindByte == 0 ? .numeric : .categorical
        self.init(kind: kind)
        rows = try reader.readUInt64(field: "rows")
        missing = try reader.readUInt64(field: "missing")
        nonFinite = try reader.readUInt64(field: "nonFinite")
        typeMismatches = try reader.readUInt64(field: "typeMismatches")
        switch kind {
        case .numeric:
            moments = try Moments(decoding: try reader.readBlob(field: "moments"))
            sketch = try KLLSketch(decoding: try reader.readBlob(field: "sketch"))
            if flags & 1 != 0 { bins = try BinnedCounts(decoding: try reader.readBlob(field: "bins")) }
            // The three parts see the same finite values, so they hold the same count.
            guard sketch.count == moments.count else {
                throw .invalidField(
                    family: family, field: "sketch count", expected: "the moments' count \(moments.count)",
                    found: "\(sketch.count)")
            }
            if let bins, bins.total != moments.count {
                throw .invalidField(
                    family: family, field: "bins total", expected: "the moments' count \(moments.count)",
                    found: "\(bins.total)")
            }
        case .categorical:
            guard flags == 0 else {
                throw .invalidField(family: family, field: "flags", expected: "0 for categorical", found: "\(flags)")
            }
            categories = try CategoricalSummary(decoding: try reader.readBlob(field: "categories"))
        }
        let accounted = missing.addingReportingOverflow(nonFinite).partialValue
            .addingReportingOverflow(typeMismatches).partialValue
            .addingReportingOverflow(validCount).partialValue
        guard accounted == rows else {
            throw .invalidField(
                family: family, field: "rows", expected: "missing + nonFinite + typeMismatches + valid = \(accounted)",
                found: "\(rows)")
        }
    }

    /// The v1 encoding of this summary.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 512)
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes a complete blob, rejecting trailing bytes.
    /// - Throws: ``SketchCodecError``.
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        var reader = ByteReader(bytes)
        try self.init(from: &reader)
        try reader.expectEnd(family: .featureSummary)
    }
}
