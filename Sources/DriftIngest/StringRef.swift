/// A JSON string inside a scanned line: the byte range between its quotes.
///
/// When ``hasEscapes`` is `false` the raw bytes are the string's UTF-8 (validated by the scanner)
/// and can be used as they are, e.g. as a dictionary key, without building a `String`.
public struct StringRef: Hashable, Sendable {
    /// The bytes between the quotes, as offsets into the line.
    public var range: Range<Int>
    /// Whether the raw bytes contain backslash escapes that decoding would replace.
    public var hasEscapes: Bool

    /// Creates a reference to `range` of a line.
    public init(range: Range<Int>, hasEscapes: Bool) {
        self.range = range
        self.hasEscapes = hasEscapes
    }

    /// The raw bytes between the quotes, clamped to `line` (empty if the reference does not fit it).
    public func rawBytes(in line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let lower = min(max(range.lowerBound, 0), line.count)
        let upper = min(max(range.upperBound, lower), line.count)
        return UnsafeRawBufferPointer(rebasing: line[lower..<upper])
    }

    /// The decoded string.
    ///
    /// - Complexity: O(length of the string); allocates the `String` (and a buffer if escaped).
    public func string(in line: UnsafeRawBufferPointer) -> String {
        if !hasEscapes { return String(decoding: rawBytes(in: line), as: UTF8.self) }
        var bytes: [UInt8] = []
        decode(in: line, appendingTo: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the decoded UTF-8 to `output`: escapes replaced, `\uXXXX` surrogate pairs combined.
    ///
    /// Malformed escapes (impossible in a line the scanner accepted) decode to U+FFFD.
    /// - Complexity: O(length of the string).
    public func decode(in line: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        let raw = rawBytes(in: line)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.count else {
                output.append(byte)
                index += 1
                continue
            }
            let kind = raw[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"): Self.appendUTF8(of: Self.unicodeEscape(raw, &index), to: &output)
            default: output.append(kind)
            }
        }
    }

    /// Reads the code point of the `\u` escape whose hex digits start at `index`, pairing surrogates.
    private static func unicodeEscape(_ raw: UnsafeRawBufferPointer, _ index: inout Int) -> UInt32 {
        guard let unit = hex4(raw, at: index) else { return 0xFFFD }
        index += 4
        switch unit {
        case 0xD800...0xDBFF:
            guard index + 1 < raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                let low = hex4(raw, at: index + 2), (0xDC00...0xDFFF).contains(low)
            else { return 0xFFFD }
            index += 6
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF: return 0xFFFD
        default: return unit
        }
    }

    /// The value of four hex digits at `index`, or `nil` if they are not there.
    static func hex4(_ raw: UnsafeRawBufferPointer, at index: Int) -> UInt32? {
        guard index >= 0, index + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexDigit(raw[index + offset]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    /// The value of one hex digit, or `nil`.
    @inline(__always)
    static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func appendUTF8(of scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
