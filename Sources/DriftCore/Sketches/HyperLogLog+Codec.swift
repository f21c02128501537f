// Binary format v1 of ``HyperLogLog`` (little-endian), m = 2^p registers. Two layouts, chosen
// canonically: sparse exactly when it is shorter (4 + 3n < m for n non-zero registers), so equal
// sketches always give equal bytes; the decoder rejects the other choice.
//
// | offset | size | field                                                                   |
// |-------:|-----:|-------------------------------------------------------------------------|
// | 0      | 5    | header: "DW", family 5 (HyperLogLog), version 1, flags: bit 0 = sparse  |
// | 5      | 1    | precision p (4...16)                                                    |
// dense (flags 0):
// | 6      | m    | registers, one byte each, 0...(65 − p)                                  |
// sparse (flags 1):
// | 6      | 4    | n, the number of non-zero registers (UInt32)                            |
// | 10     | 3n   | n × (index UInt16, strictly increasing, < m; value UInt8, 1...(65 − p)) |

extension HyperLogLog {
    /// The newest format version this build writes and reads.
    public static let codecVersion: UInt8 = 1

    private static let sparseFlag: UInt8 = 1

    /// Appends the v1 encoding to `writer`.
    ///
    /// - Complexity: O(m).
    public func encode(into writer: inout ByteWriter) {
        let nonZero = cells.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
        let sparse = 4 + 3 * nonZero < cells.count
        writer.writeHeader(family: .hyperLogLog, version: HyperLogLog.codecVersion, flags: sparse ? 1 : 0)
        writer.write(UInt8(precision))
        if sparse {
            writer.write(UInt32(nonZero))
            for (i, value) in cells.enumerated() where value != 0 {
                writer.write(UInt16(i))
                writer.write(value)
            }
        } else {
            writer.write(raw: cells)
        }
    }

    /// The v1 encoding as a standalone blob.
    ///
    /// - Complexity: O(m).
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 10 + cells.count)
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes a sketch from `reader`, leaving it after the sketch's last byte.
    ///
    /// - Throws: ``SketchCodecError`` on a wrong header, a truncated blob, or a field out of range.
    /// - Complexity: O(m).
    public init(from reader: inout ByteReader) throws(SketchCodecError) {
        let header = try reader.readHeader(family: .hyperLogLog, supportedVersion: HyperLogLog.codecVersion)
        guard header.flags & ~HyperLogLog.sparseFlag == 0 else {
            throw .invalidField(family: .hyperLogLog, field: "flags", expected: "0 or 1", found: "\(header.flags)")
        }
        let p = Int(try reader.readUInt8(field: "HyperLogLog precision"))
        guard HyperLogLog.precisionRange.contains(p) else {
            throw .invalidField(family: .hyperLogLog, field: "precision", expected: "4...16", found: "\(p)")
        }
        let m = 1 << p
        let maximum = UInt8(65 - p)
        var cells = [UInt8](repeating: 0, count: m)
        if header.flags & HyperLogLog.sparseFlag != 0 {
            let n = try reader.readCount(field: "non-zero register count", family: .hyperLogLog, limit: m)
            guard 4 + 3 * n < m else {
                throw .invalidField(
                    family: .hyperLogLog, field: "non-zero register count",
                    expected: "fewer than \((m - 4 + 2) / 3) in the sparse layout", found: "\(n)")
            }
            var previous = -1
            for _ in 0..<n {
                let index = Int(try reader.readUInt16(field: "register index"))
                let value = try reader.readUInt8(field: "register value")
                guard index > previous, index < m else {
                    throw .invalidField(
                        family: .hyperLogLog, field: "register index",
                        expected: "above \(previous) and below \(m)", found: "\(index)")
                }
                guard value >= 1, value <= maximum else {
                    throw .invalidField(
                        family: .hyperLogLog, field: "register \(index)", expected: "1...\(maximum)", found: "\(value)")
                }
                cells[index] = value
                previous = index
            }
        } else {
            guard reader.remaining >= m else {
                throw .truncated(field: "HyperLogLog cells", needed: m, remaining: reader.remaining)
            }
            var nonZero = 0
            for i in 0..<m {
                let value = try reader.readUInt8(field: "HyperLogLog cells")
                guard value <= maximum else {
                    throw .invalidField(
                        family: .hyperLogLog, field: "register \(i)", expected: "0...\(maximum)", found: "\(value)")
                }
                cells[i] = value
                if value != 0 { nonZero += 1 }
            }
            guard 4 + 3 * nonZero >= m else {
                throw .invalidField(
                    family: .hyperLogLog, field: "flags", expected: "the sparse layout for \(nonZero) non-zero cells",
                    found: "the dense layout")
            }
        }
        self.init(precision: p, validatedRegisters: cells)
    }

    /// Decodes a standalone blob, which must hold exactly one sketch.
    ///
    /// - Throws: ``SketchCodecError`` as ``init(from:)``, or `trailingBytes` after a complete sketch.
    /// - Complexity: O(m).
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        var reader = ByteReader(bytes)
        try self.init(from: &reader)
        try reader.expectEnd(family: .hyperLogLog)
    }
}
