// Binary layout of a RegressionAccumulator, format v1 (family 10). Little-endian; 85 bytes.
//
// | offset | size | field                                              |
// |-------:|-----:|----------------------------------------------------|
// | 0      | 5    | header: "DW", family 10, version 1, flags 0        |
// | 5      | 8    | count (UInt64)                                     |
// | 13     | 8    | invalid count (UInt64)                             |
// | 21     | 16   | Σ |e| (sum, compensation: Double, Double)          |
// | 37     | 16   | Σ e²                                               |
// | 53     | 16   | Σ |e| / max(|y|, ε)                                |
// | 69     | 16   | Σ e                                                |

extension RegressionAccumulator {
    private static let family = CodecFamily.regression

    /// The v1 encoding of this accumulator.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 85)
        writer.writeHeader(family: Self.family, version: 1)
        writer.write(count)
        writer.write(invalidCount)
        for sum in [absoluteErrorSum, squaredErrorSum, percentageErrorSum, errorSum] {
            sum.write(to: &writer)
        }
        return writer.bytes
    }

    /// Decodes a blob written by ``encoded()``, checking every field.
    ///
    /// - Throws: ``SketchCodecError`` ("expected X, found Y") for a truncated or corrupt blob,
    ///   or one of another family or a newer version.
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        let family = Self.family
        var reader = ByteReader(bytes)
        try reader.readPerformanceHeader(family: family)
        let count = try reader.readUInt64(field: "count")
        let invalid = try reader.readUInt64(field: "invalid count")
        _ = try checkedSum(count, invalid, field: "row counts", family: family)
        let absolute = try CompensatedSum(reading: &reader, field: "absolute error sum", family: family)
        let squared = try CompensatedSum(reading: &reader, field: "squared error sum", family: family)
        let percentage = try CompensatedSum(reading: &reader, field: "percentage error sum", family: family)
        let error = try CompensatedSum(reading: &reader, field: "error sum", family: family)
        try reader.expectEnd(family: family)
        for (name, sum) in [
            ("absolute error sum", absolute), ("squared error sum", squared), ("percentage error sum", percentage),
        ]
        where sum.value < 0 || (count == 0 && sum.value != 0) {
            throw .invalidField(
                family: family, field: name, expected: count == 0 ? "0 with no rows" : "a sum ≥ 0",
                found: "\(sum.value)")
        }
        guard count > 0 || error.value == 0 else {
            throw .invalidField(family: family, field: "error sum", expected: "0 with no rows", found: "\(error.value)")
        }
        self.init(
            count: count, invalidCount: invalid, absoluteErrorSum: absolute, squaredErrorSum: squared,
            percentageErrorSum: percentage, errorSum: error)
    }
}
