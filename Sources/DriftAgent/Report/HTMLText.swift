import DriftIngest

#if canImport(Glibc)
    import Glibc
#endif

/// Text for the HTML report: escaping user data, and numbers formatted for people, for SVG
/// coordinates and for `data-*` attributes.
enum HTMLText {
    /// `text` safe as element content and inside a quoted attribute value: `&`, `<`, `>`, `"` and
    /// `'` become references, and C0 control characters (which HTML forbids) become U+FFFD.
    /// - Complexity: O(length of `text`).
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += "\u{FFFD}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// `text` shortened to at most `limit` characters, with `…` when cut.
    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// A number for people, to three significant digits: `0.254`, `12.3`, `1500`, `6.72e-28`;
    /// `–` when not finite.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let exponent = Int(floor(log10(magnitude)))
        if magnitude < 1e-3 || magnitude >= 1e7 {
            var mantissa = value / pow(10, Double(exponent))
            var power = exponent
            if abs((mantissa * 100).rounded()) >= 1000 {
                mantissa /= 10
                power += 1
            }
            return trimmed(ReportRenderer.fixed(mantissa, digits: 2)) + "e" + String(power)
        }
        return trimmed(ReportRenderer.fixed(value, digits: min(6, max(0, 2 - exponent))))
    }

    /// A share as a percentage for people: `12.3 %`; `–` when not finite.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        return ReportRenderer.fixed(share * 100, digits: 1) + " %"
    }

    /// An integer with thin-space thousands separators: `19 200`.
    static func count(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// An SVG coordinate rounded to 0.1: `12.3`, `40`.
    static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? sign + String(whole) : sign + String(whole) + "." + String(fraction)
    }

    /// A number for a `data-*` attribute: Swift's shortest round-tripping form, `NaN` when undefined.
    static func exact(_ value: Double) -> String { value.isNaN ? "NaN" : "\(value)" }

    /// A window time for people: `2026-11-01 12:00` (seconds only when not zero), UTC.
    static func time(_ milliseconds: Int64) -> String {
        var text = Timestamp.format(milliseconds: milliseconds)
        if text.hasSuffix("Z") { text.removeLast() }
        text = text.replacingFirst("T", with: " ")
        if text.hasSuffix(":00") { text.removeLast(3) }
        return text
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    fileprivate func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let index = firstIndex(of: target) else { return self }
        return String(self[..<index]) + replacement + String(self[self.index(after: index)...])
    }
}
