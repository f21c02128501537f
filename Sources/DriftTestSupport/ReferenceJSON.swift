/// A minimal JSON reader for reference fixtures, with correctly rounded numbers.
///
/// Foundation's `JSONSerialization` on Linux can misround a double by an ulp, which breaks
/// bit-for-bit comparisons with numpy; here every number goes through `Double(_: Substring)`
/// (correctly rounded). Only what fixtures need: no `\u` surrogate pairs beyond the BMP check.
public enum ReferenceJSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ReferenceJSON])
    case object([String: ReferenceJSON])

    /// Parses a complete JSON document; `nil` on any syntax error.
    public static func parse(_ text: String) -> ReferenceJSON? {
        var parser = Parser(bytes: Array(text.utf8))
        guard let value = parser.value() else { return nil }
        parser.skipSpace()
        return parser.index == parser.bytes.count ? value : nil
    }

    /// The member `key` of an object, or `.null`.
    public subscript(key: String) -> ReferenceJSON {
        if case .object(let members) = self { return members[key] ?? .null }
        return .null
    }

    /// The number, or NaN for anything else.
    public var double: Double { if case .number(let x) = self { x } else { .nan } }
    /// The number as an integer, or -1.
    public var int: Int { if case .number(let x) = self, let n = Int(exactly: x) { n } else { -1 } }
    /// The string, or "".
    public var string: String { if case .string(let s) = self { s } else { "" } }
    /// The elements of an array, or [].
    public var array: [ReferenceJSON] { if case .array(let a) = self { a } else { [] } }
    /// The numbers of an array (non-numbers read as NaN).
    public var doubles: [Double] { array.map(\.double) }
    /// Whether this is JSON `null` (or a missing member).
    public var isNull: Bool { self == .null }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func value() -> ReferenceJSON? {
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string().map(ReferenceJSON.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: String, _ result: ReferenceJSON) -> ReferenceJSON? {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected
            else { return nil }
            index += expected.count
            return result
        }

        mutating func number() -> ReferenceJSON? {
            let start = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            return Double(text).map(ReferenceJSON.number)
        }

        mutating func string() -> String? {
            index += 1
            var scalars: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
                if byte == UInt8(ascii: "\\") {
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count,
                            let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                            let scalar = Unicode.Scalar(code)
                        else { return nil }
                        index += 4
                        scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: scalars.append(escaped)
                    }
                } else {
                    scalars.append(byte)
                }
            }
            return nil
        }

        mutating func array() -> ReferenceJSON? {
            index += 1
            var elements: [ReferenceJSON] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                guard let element = value() else { return nil }
                elements.append(element)
                skipSpace()
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
                if bytes[index - 1] != UInt8(ascii: ",") { return nil }
            }
        }

        mutating func object() -> ReferenceJSON? {
            index += 1
            var members: [String: ReferenceJSON] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let member = value() else { return nil }
                members[key] = member
                skipSpace()
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
                if bytes[index - 1] != UInt8(ascii: ",") { return nil }
            }
        }
    }
}
