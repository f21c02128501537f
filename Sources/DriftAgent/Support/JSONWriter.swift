/// Writes JSON text deterministically: keys in the order given, numbers in a stable shortest form.
///
/// Reports and baseline files are contracts read by scripts and diffed by people, so their bytes
/// must not depend on dictionary order or locale. Non-finite numbers are written as `null`.
public struct JSONWriter: Sendable {
    /// The text written so far.
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let indentUnit: String?

    /// Creates a writer; `pretty` indents nested values by two spaces.
    public init(pretty: Bool = false) { indentUnit = pretty ? "  " : nil }

    /// Writes `{`, calls `body` for the members, writes `}`.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        open("{")
        body(&self)
        close("}")
    }

    /// Writes `[`, calls `body` for the elements, writes `]`.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        open("[")
        body(&self)
        close("]")
    }

    /// Writes a member key; the next value written is its value.
    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        text += indentUnit == nil ? ":" : ": "
        needsComma[needsComma.count - 1] = false
        pendingKey = true
    }

    /// Writes a string value.
    public mutating func value(_ string: String) {
        separate()
        appendString(string)
    }

    /// Writes a number value (`null` if not finite).
    public mutating func value(_ number: Double) {
        separate()
        text += JSONWriter.format(number)
    }

    /// Writes an optional number (`null` when nil or not finite).
    public mutating func value(_ number: Double?) {
        if let number { value(number) } else { null() }
    }

    /// Writes an integer value.
    public mutating func value(_ number: Int64) {
        separate()
        text += String(number)
    }

    /// Writes an unsigned integer value.
    public mutating func value(_ number: UInt64) {
        separate()
        text += String(number)
    }

    /// Writes an integer value.
    public mutating func value(_ number: Int) { value(Int64(number)) }

    /// Writes a Boolean value.
    public mutating func value(_ flag: Bool) {
        separate()
        text += flag ? "true" : "false"
    }

    /// Writes already-serialised JSON text as a value, verbatim.
    public mutating func value(raw json: String) {
        separate()
        text += json
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        text += "null"
    }

    /// The JSON text of a number: integers without a fraction, others in Swift's shortest
    /// round-tripping form, non-finite values as `null`.
    public static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    private var pendingKey = false

    private mutating func separate() {
        if pendingKey {
            pendingKey = false
            needsComma[needsComma.count - 1] = true
            return
        }
        if needsComma[needsComma.count - 1] { text += "," }
        newline()
        needsComma[needsComma.count - 1] = true
    }

    private mutating func open(_ bracket: String) {
        separate()
        text += bracket
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadMembers = needsComma.removeLast()
        if hadMembers { newline() }
        text += bracket
    }

    private mutating func newline() {
        guard let indentUnit, needsComma.count > 1 || !text.isEmpty else { return }
        text += "\n" + String(repeating: indentUnit, count: needsComma.count - 1)
    }

    private mutating func appendString(_ string: String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
