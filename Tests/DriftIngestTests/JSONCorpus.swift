import DriftTestSupport

/// A seeded generator of valid JSON lines with random nesting, whitespace, escapes, Unicode and numbers.
///
/// Each line is a log-like object with `ts`, `features` (a flat object), `meta.model.name`,
/// `prediction` and random extra members; keys within one object are distinct.
struct JSONCorpus {
    var sampler: Sampler

    init(seed: UInt64) { sampler = Sampler(seed: seed) }

    private mutating func chance(_ oneIn: Int) -> Bool { sampler.int(below: oneIn) == 0 }

    mutating func whitespace() -> String {
        guard chance(3) else { return "" }
        let pool = [" ", "\t", "  ", "\r", "\n", " \t "]
        return pool[sampler.int(below: pool.count)]
    }

    /// A random number text conforming to RFC 8259.
    mutating func numberText() -> String {
        var text = chance(3) ? "-" : ""
        if chance(4) {
            text += "0"
        } else {
            text += String(1 + sampler.int(below: 9))
            for _ in 0..<sampler.int(below: chance(5) ? 25 : 8) { text += String(sampler.int(below: 10)) }
        }
        if chance(2) {
            text += "."
            for _ in 0..<(1 + sampler.int(below: chance(5) ? 25 : 6)) { text += String(sampler.int(below: 10)) }
        }
        if chance(4) {
            text += chance(2) ? "e" : "E"
            let signs = ["", "+", "-"]
            text += signs[sampler.int(below: 3)]
            text += String(sampler.int(below: chance(5) ? 250 : 25))
        }
        return text
    }

    /// A random string value (the decoded text) with its JSON literal (escapes chosen at random).
    mutating func string() -> (text: String, literal: String) {
        let pool: [Unicode.Scalar] = [
            "a", "b", "z", "A", "0", " ", "_", ".", "\"", "\\", "/", "é", "ß", "中", "文", "😀", "🚀",
            "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\n", "\t", "\u{8}", "\u{C}", "\r", "\u{2028}", "\u{FFFF}",
            "\u{10FFFF}",
        ]
        var text = ""
        var literal = "\""
        for _ in 0..<sampler.int(below: 12) {
            let scalar = pool[sampler.int(below: pool.count)]
            text.unicodeScalars.append(scalar)
            literal += escape(scalar)
        }
        return (text, literal + "\"")
    }

    private mutating func escape(_ scalar: Unicode.Scalar) -> String {
        let forced = scalar.value < 0x20 || scalar == "\"" || scalar == "\\"
        if !forced && !chance(4) { return String(scalar) }
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "/" where chance(2): return "\\/"
        case "\n" where chance(2): return "\\n"
        case "\t" where chance(2): return "\\t"
        case "\r" where chance(2): return "\\r"
        case "\u{8}" where chance(2): return "\\b"
        case "\u{C}" where chance(2): return "\\f"
        default:
            return String(scalar).utf16.map { unit in
                let hex = String(unit, radix: 16, uppercase: chance(2))
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }.joined()
        }
    }

    /// A random JSON value nested at most `depth` more levels.
    mutating func value(depth: Int) -> String {
        switch sampler.int(below: depth > 0 ? 8 : 6) {
        case 0: return "null"
        case 1: return chance(2) ? "true" : "false"
        case 2, 3: return numberText()
        case 4, 5: return string().literal
        case 6: return object(depth: depth - 1, keys: [])
        default:
            let items = (0..<sampler.int(below: 4)).map { _ in whitespace() + value(depth: depth - 1) + whitespace() }
            return "[" + items.joined(separator: ",") + (items.isEmpty ? whitespace() : "") + "]"
        }
    }

    /// An object with the given (key literal, value) members first, then random distinct ones.
    mutating func object(depth: Int, keys fixed: [(String, String)]) -> String {
        var members = fixed
        var used = Set(fixed.map(\.0))
        for _ in 0..<sampler.int(below: 5) {
            let key = string()
            guard !used.contains(key.text) else { continue }
            used.insert(key.text)
            members.append((key.literal, value(depth: depth)))
        }
        let body = members.map { whitespace() + $0.0 + whitespace() + ":" + whitespace() + $0.1 + whitespace() }
        return "{" + body.joined(separator: ",") + (members.isEmpty ? whitespace() : "") + "}"
    }

    /// One log-like line.
    mutating func line() -> String {
        var features: [(String, String)] = []
        if !chance(4) { features.append(("\"amount\"", chance(5) ? value(depth: 1) : numberText())) }
        for index in 0..<sampler.int(below: 25) { features.append(("\"f\(index)\"", value(depth: chance(8) ? 2 : 0))) }
        var fixed: [(String, String)] = []
        if !chance(8) { fixed.append(("\"ts\"", chance(2) ? numberText() : string().literal)) }
        if !chance(8) { fixed.append(("\"features\"", object(depth: 0, keys: features))) }
        if !chance(4) {
            let model = object(depth: 1, keys: chance(5) ? [] : [("\"n\\u0061me\"", string().literal)])
            fixed.append(("\"meta\"", object(depth: 1, keys: [("\"model\"", model)])))
        }
        if chance(2) { fixed.append(("\"prediction\"", value(depth: 2))) }
        fixed.shuffle(using: &sampler.rng)
        return whitespace() + object(depth: 3, keys: fixed) + whitespace()
    }
}
