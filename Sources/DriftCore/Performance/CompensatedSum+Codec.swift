// A compensated sum is persisted as its two parts, so a decoded accumulator equals the encoded
// one bit for bit:
//
// | size | field                          |
// |-----:|--------------------------------|
// | 8    | sum (Double, little-endian)    |
// | 8    | compensation (Double)          |

extension CompensatedSum {
    /// Appends both parts to `writer`.
    func write(to writer: inout ByteWriter) {
        writer.write(sum)
        writer.write(compensation)
    }

    /// Reads both parts; NaN in either is corruption (no sequence of inserts produces it).
    init(reading reader: inout ByteReader, field: String, family: CodecFamily) throws(SketchCodecError) {
        let sum = try reader.readDouble(field: "\(field) sum")
        let compensation = try reader.readDouble(field: "\(field) compensation")
        guard !sum.isNaN, !compensation.isNaN else {
            throw .invalidField(family: family, field: field, expected: "a number", found: "NaN")
        }
        self.init(sum: sum, compensation: compensation)
    }
}

extension ByteReader {
    /// Reads the header of a performance accumulator blob and rejects any flag bit (v1 defines none).
    mutating func readPerformanceHeader(family: CodecFamily) throws(SketchCodecError) {
        let (_, flags) = try readHeader(family: family, supportedVersion: 1)
        guard flags == 0 else {
            throw .invalidField(family: family, field: "flags", expected: "0", found: "\(flags)")
        }
    }
}

/// The largest row total a decoded accumulator may hold: no real stream nears 2⁶², and the
/// headroom lets two decoded accumulators merge without overflow (the KLL decoder's bound too).
let maximumDecodedTotal: UInt64 = 1 << 62

/// Adds counts read from a blob, reporting a total beyond ``maximumDecodedTotal`` (or an
/// overflow) as corruption instead of trapping later in a merge.
func checkedSum(
    _ values: UInt64..., field: String, family: CodecFamily
) throws(SketchCodecError) -> UInt64 {
    var total: UInt64 = 0
    for value in values {
        let (sum, overflow) = total.addingReportingOverflow(value)
        guard !overflow, sum <= maximumDecodedTotal else {
            throw .invalidField(
                family: family, field: field, expected: "a total at most 2^62",
                found: overflow ? "more than 2^64" : "\(sum)")
        }
        total = sum
    }
    return total
}
