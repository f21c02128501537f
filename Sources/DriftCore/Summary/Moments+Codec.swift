// Binary format v1 of ``Moments`` (little-endian, 53 bytes):
//
// | offset | size | field                                                                |
// |-------:|-----:|----------------------------------------------------------------------|
// | 0      | 5    | header: "DW", family 2 (moments), version 1, flags 0                 |
// | 5      | 8    | count n (UInt64)                                                     |
// | 13     | 8    | shift K (Double, finite; 0 when n is 0)                              |
// | 21     | 8    | mean of x − K (Double, finite; 0 when n is 0); the mean is their sum |
// | 29     | 8    | M2, sum of squared deviations (Double ≥ 0; 0 when n is 0)            |
// | 37     | 8    | min (Double, never -0.0; +infinity when n is 0)                      |
// | 45     | 8    | max (Double ≥ min, never -0.0; -infinity when n is 0)                |

extension Moments {
    /// The newest format version this build writes and reads.
    public static let codecVersion: UInt8 = 1

    /// Appends the v1 encoding of this summary to `writer`.
    public func encode(into writer: inout ByteWriter) {
        writer.writeHeader(family: .moments, version: Moments.codecVersion)
        writer.write(count)
        writer.write(shift)
        writer.write(shiftedMean)
        writer.write(m2)
        writer.write(lowest)
        writer.write(highest)
    }

    /// The v1 encoding of this summary as a standalone blob.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 53)
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes a summary from `reader`, leaving it after the summary's last byte.
    ///
    /// - Throws: ``SketchCodecError`` on a wrong header, a truncated blob, or a field out of range.
    public init(from reader: inout ByteReader) throws(SketchCodecError) {
        let header = try reader.readHeader(family: .moments, supportedVersion: Moments.codecVersion)
        try Moments.check(header.flags == 0, "flags", "0", "\(header.flags)")
        let count = try reader.readUInt64(field: "moments count")
        let shift = try reader.readDouble(field: "moments shift")
        let mean = try reader.readDouble(field: "moments shifted mean")
        let m2 = try reader.readDouble(field: "moments M2")
        let min = try reader.readDouble(field: "moments min")
        let max = try reader.readDouble(field: "moments max")
        if count == 0 {
            try Moments.check(shift.bitPattern == 0, "shift", "0 for an empty summary", "\(shift)")
            try Moments.check(mean.bitPattern == 0, "shifted mean", "0 for an empty summary", "\(mean)")
            try Moments.check(m2.bitPattern == 0, "M2", "0 for an empty summary", "\(m2)")
            try Moments.check(min == .infinity, "min", "+infinity for an empty summary", "\(min)")
            try Moments.check(max == -.infinity, "max", "-infinity for an empty summary", "\(max)")
        } else {
            try Moments.check(shift.isFinite, "shift", "a finite value", "\(shift)")
            try Moments.check(mean.isFinite, "shifted mean", "a finite value", "\(mean)")
            try Moments.check(m2.isFinite && m2 >= 0, "M2", "a finite value ≥ 0", "\(m2)")
            try Moments.check(min.isFinite, "min", "a finite value", "\(min)")
            try Moments.check(max.isFinite && max >= min, "max", "a finite value ≥ min \(min)", "\(max)")
            try Moments.check(min.bitPattern != (-0.0).bitPattern, "min", "+0.0 rather than -0.0", "-0.0")
            try Moments.check(max.bitPattern != (-0.0).bitPattern, "max", "+0.0 rather than -0.0", "-0.0")
        }
        self.init(count: count, shift: shift, shiftedMean: mean, m2: m2, min: min, max: max)
    }

    /// Decodes a standalone blob, which must hold exactly one summary.
    ///
    /// - Throws: ``SketchCodecError`` as ``init(from:)``, or `trailingBytes` after a complete summary.
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        var reader = ByteReader(bytes)
        try self.init(from: &reader)
        try reader.expectEnd(family: .moments)
    }

    private static func check(
        _ condition: Bool, _ field: String, _ expected: String, _ found: @autoclosure () -> String
    ) throws(SketchCodecError) {
        guard condition else {
            throw .invalidField(family: .moments, field: field, expected: expected, found: found())
        }
    }
}
