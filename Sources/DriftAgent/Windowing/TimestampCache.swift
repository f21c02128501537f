import DriftIngest

/// ``Timestamp/milliseconds(from:in:)`` with the date, hour and minute of the previous RFC 3339
/// timestamp remembered, so that consecutive lines (which share them) parse only the seconds.
///
/// A hit requires the first 16 bytes (`YYYY-MM-DDTHH:MM`) to equal those of an earlier timestamp
/// that parsed, and the rest to be exactly `:SS`, an optional `.` and digits, then `Z` or `z` —
/// the parser's own rules for that suffix (seconds up to 60, a leap second read as 59.999). Any
/// other text takes the full parser, so the result is always the full parser's.
struct TimestampCache {
    /// Bytes 0..<16 of the remembered timestamp, as two little-endian words.
    private var prefix: (UInt64, UInt64) = (0, 0)
    /// Milliseconds of the remembered prefix followed by `:00Z`.
    private var base: Int64 = 0
    private var isValid = false

    /// The event time of `value`, as ``Timestamp/milliseconds(from:in:)`` reads it.
    mutating func milliseconds(from value: JSONValue, in line: UnsafeRawBufferPointer) -> Int64? {
        guard case .string(let ref) = value, !ref.hasEscapes, ref.range.count >= 20, ref.range.lowerBound >= 0,
            ref.range.upperBound <= line.count, let start = line.baseAddress
        else { return Timestamp.milliseconds(from: value, in: line) }
        let text = UnsafeRawBufferPointer(start: start + ref.range.lowerBound, count: ref.range.count)
        let words = (text.loadUnaligned(as: UInt64.self), text.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if isValid, words == prefix, let rest = Self.secondsSuffix(text) { return base + rest }
        guard let full = Timestamp.milliseconds(from: value, in: line) else { return nil }
        var minute = Array(text[0..<16])
        minute += Array(":00Z".utf8)
        if let minuteBase = minute.withUnsafeBytes({ Timestamp.milliseconds(rfc3339: $0) }) {
            (prefix, base, isValid) = (words, minuteBase, true)
        }
        return full
    }

    /// Milliseconds of `:SS[.fraction](Z|z)` at offset 16, or nil for any other suffix.
    private static func secondsSuffix(_ text: UnsafeRawBufferPointer) -> Int64? {
        guard text[16] == UInt8(ascii: ":") else { return nil }
        let tens = text[17] &- UInt8(ascii: "0")
        let ones = text[18] &- UInt8(ascii: "0")
        guard tens < 10, ones < 10 else { return nil }
        let second = Int64(tens) * 10 + Int64(ones)
        var index = 19
        var millisecond: Int64 = 0
        if text[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < text.count, text[index] &- UInt8(ascii: "0") < 10 {
                if digits < 3 { millisecond = millisecond * 10 + Int64(text[index] &- UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millisecond *= 10 }
        }
        guard index == text.count - 1, text[index] | 0x20 == UInt8(ascii: "z"), second <= 60 else { return nil }
        return second == 60 ? 59_999 : second * 1000 + millisecond
    }
}
