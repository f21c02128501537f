// Byte layout of a profile, format v1 (all integers little-endian):
//
// | field        | size | notes                                                   |
// |--------------|-----:|---------------------------------------------------------|
// | header       | 5    | "DW", family 8, version 1, flags                        |
// |              |      | bit 0 prediction, bit 1 label, bit 2 binary,            |
// |              |      | bit 3 regression, bit 4 multiclass present               |
// | rows         | 8    |                                                         |
// | featureCount | 4    | ≤ 100 000                                               |
// | features     | …    | featureCount × (name: u32 length + UTF-8, summary blob), |
// |              |      | names strictly ascending (canonical: equal profiles     |
// |              |      | encode to equal bytes)                                  |
// | prediction   | 4+n  | FeatureSummary blob, if flagged                         |
// | label        | 4+n  | FeatureSummary blob, if flagged                         |
// | binary       | 4+n  | BinaryClassificationAccumulator blob, if flagged        |
// | regression   | 4+n  | RegressionAccumulator blob, if flagged                  |
// | multiclass   | 4+n  | MulticlassAccumulator blob, if flagged                  |

extension Profile {
    static let formatVersion: UInt8 = 1
    static let maximumFeatures = 100_000

    /// Appends this profile's v1 encoding to `writer`.
    public func encode(into writer: inout ByteWriter) {
        var flags: UInt8 = 0
        if prediction != nil { flags |= 1 }
        if label != nil { flags |= 2 }
        if binary != nil { flags |= 4 }
        if regression != nil { flags |= 8 }
        if multiclass != nil { flags |= 16 }
        writer.writeHeader(family: .profile, version: Self.formatVersion, flags: flags)
        writer.write(rows)
        writer.write(UInt32(features.count))
        for name in featureNames {
            writer.write(name)
            if let summary = features[name] { writer.write(blob: summary.encoded()) }
        }
        if let prediction { writer.write(blob: prediction.encoded()) }
        if let label { writer.write(blob: label.encoded()) }
        if let binary { writer.write(blob: binary.encoded()) }
        if let regression { writer.write(blob: regression.encoded()) }
        if let multiclass { writer.write(blob: multiclass.encoded()) }
    }

    /// Decodes a profile from `reader`, checking every field.
    /// - Throws: ``SketchCodecError`` naming what was expected and what was found.
    public init(from reader: inout ByteReader) throws(SketchCodecError) {
        let family = CodecFamily.profile
        let (_, flags) = try reader.readHeader(family: family, supportedVersion: Self.formatVersion)
        guard flags & ~0x1F == 0 else {
            throw .invalidField(family: family, field: "flags", expected: "bits 0-4 only", found: "\(flags)")
        }
        self.init()
        rows = try reader.readUInt64(field: "rows")
        let count = try reader.readCount(field: "featureCount", family: family, limit: Self.maximumFeatures)
        var previous: String?
        for _ in 0..<count {
            let name = try reader.readString(field: "feature name", family: family)
            if let previous, !(previous < name) {
                throw .invalidField(
                    family: family, field: "feature names", expected: "strictly ascending after '\(previous)'",
                    found: "'\(name)'")
            }
            previous = name
            features[name] = try FeatureSummary(decoding: try reader.readBlob(field: "feature '\(name)'"))
        }
        if flags & 1 != 0 { prediction = try FeatureSummary(decoding: try reader.readBlob(field: "prediction")) }
        if flags & 2 != 0 { label = try FeatureSummary(decoding: try reader.readBlob(field: "label")) }
        if flags & 4 != 0 {
            binary = try BinaryClassificationAccumulator(decoding: try reader.readBlob(field: "binary"))
        }
        if flags & 8 != 0 { regression = try RegressionAccumulator(decoding: try reader.readBlob(field: "regression")) }
        if flags & 16 != 0 {
            multiclass = try MulticlassAccumulator(decoding: try reader.readBlob(field: "multiclass"))
        }
    }

    /// The v1 encoding of this profile.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 4096)
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes a complete blob, rejecting trailing bytes.
    /// - Throws: ``SketchCodecError``.
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        var reader = ByteReader(bytes)
        try self.init(from: &reader)
        try reader.expectEnd(family: .profile)
    }
}
