/// Event times: parsing RFC 3339 and epoch values to epoch milliseconds (UTC), and formatting them.
///
/// Accepted RFC 3339 form: `YYYY-MM-DD(T|t|space)HH:MM:SS(.fraction)?(Z|z|±HH:MM)`. Fractions
/// of any length are truncated to milliseconds; a leap second (`:60`) is clamped to `:59.999`.
/// Ranges are checked: month 1–12, day within the month (Gregorian leap years), hour ≤ 23,
/// minute ≤ 59, second ≤ 60, offset ≤ ±23:59.
///
/// Epoch values (a JSON number, or a string of digits with optional sign and fraction) are
/// read as **milliseconds when their magnitude is at least 10^11** (10^11 s is the year 5138,
/// 10^11 ms is 1973-03-03) and as seconds otherwise. Sub-millisecond parts are floored.
/// Results are limited to ±8.64 × 10^15 ms (the ECMAScript date range, ±273,790 years).
public enum Timestamp {
    /// The magnitude from which an epoch value is taken to be in milliseconds rather than seconds.
    public static let millisecondsThreshold: Double = 1e11
    /// The largest magnitude of a result, in milliseconds.
    public static let limit: Int64 = 8_640_000_000_000_000

    /// Parses an RFC 3339 date-time given as UTF-8 bytes; `nil` if malformed or out of range.
    /// - Complexity: O(`text.count`).
    public static func milliseconds(rfc3339 text: UnsafeRawBufferPointer) -> Int64? {
        var reader = DigitReader(text: text)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
            let day = reader.number(2), reader.skip("T") || reader.skip("t") || reader.skip(" "),
            let hour = reader.number(2), reader.skip(":"), let minute = reader.number(2), reader.skip(":"),
            var second = reader.number(2)
        else { return nil }
        var millisecond = 0
        if reader.skip(".") {
            var digits = 0
            while let digit = reader.number(1) {
                if digits < 3 { millisecond = millisecond * 10 + digit }
                digits += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millisecond *= 10 }
        }
        var offsetMinutes = 0
        if !(reader.skip("Z") || reader.skip("z")) {
            let sign = reader.skip("+") ? 1 : reader.skip("-") ? -1 : 0
            guard sign != 0, let offsetHour = reader.number(2), reader.skip(":"), let offsetMinute = reader.number(2),
                offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        }
        guard reader.isAtEnd, (1...12).contains(month), day >= 1, day <= daysInMonth(year, month),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        if second == 60 { (second, millisecond) = (59, 999) }
        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetMinutes * 60)
        return seconds * 1000 + Int64(millisecond)
    }

    /// Parses an RFC 3339 date-time string; `nil` if malformed or out of range.
    public static func milliseconds(rfc3339 text: String) -> Int64? {
        var text = text
        return text.withUTF8 { milliseconds(rfc3339: UnsafeRawBufferPointer($0)) }
    }

    /// Converts an epoch value in seconds or milliseconds (by magnitude) to milliseconds.
    ///
    /// A product within a few ulps of a whole millisecond is taken as that millisecond, so
    /// `1732780800.123` gives `…123` although the double is slightly below it.
    /// - Returns: `nil` for NaN, infinities and values beyond ``limit``.
    public static func milliseconds(epoch value: Double) -> Int64? {
        guard value.isFinite else { return nil }
        let scaled = value.magnitude >= millisecondsThreshold ? value : value * 1000
        let nearest = scaled.rounded()
        let result = (scaled - nearest).magnitude <= 4 * nearest.ulp ? nearest : scaled.rounded(.down)
        guard result.magnitude <= Double(limit) else { return nil }
        return Int64(result)
    }

    /// Parses an epoch value written as text, `-?[0-9]+(.[0-9]+)?`, exactly (no floating point).
    public static func milliseconds(epochText text: UnsafeRawBufferPointer) -> Int64? {
        var reader = DigitReader(text: text)
        let negative = reader.skip("-")
        var whole: Int64 = 0
        var wholeDigits = 0
        while let digit = reader.number(1) {
            guard wholeDigits < 17 else { return nil }
            whole = whole * 10 + Int64(digit)
            wholeDigits += 1
        }
        guard wholeDigits > 0 else { return nil }
        let inMilliseconds = Double(whole) >= millisecondsThreshold
        var result = inMilliseconds ? whole : whole * 1000
        var remainderIsZero = true
        if reader.skip(".") {
            var fractionDigits = 0
            var scale: Int64 = inMilliseconds ? 0 : 100
            while let digit = reader.number(1) {
                result += Int64(digit) * scale
                if scale == 0 && digit != 0 { remainderIsZero = false }
                scale /= 10
                fractionDigits += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        guard reader.isAtEnd, result <= limit else { return nil }
        // Floor: a negative time with a sub-millisecond remainder moves one millisecond earlier.
        return negative ? -result - (remainderIsZero ? 0 : 1) : result
    }

    /// The event time in a scanned field: an epoch number, or a string holding RFC 3339 or epoch digits.
    ///
    /// - Returns: `nil` for any other value (the caller tells `.missing`/`.null` from bad values).
    public static func milliseconds(from value: JSONValue, in line: UnsafeRawBufferPointer) -> Int64? {
        switch value {
        case .number(let number):
            return milliseconds(epoch: number)
        case .string(let reference) where reference.hasEscapes:
            var text = reference.string(in: line)
            return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
        case .string(let reference):
            return parse(reference.rawBytes(in: line))
        default:
            return nil
        }
    }

    private static func parse(_ text: UnsafeRawBufferPointer) -> Int64? {
        milliseconds(epochText: text) ?? milliseconds(rfc3339: text)
    }
}

/// Reads fixed-width decimal fields and punctuation from the front of a byte buffer.
private struct DigitReader {
    let text: UnsafeRawBufferPointer
    var index = 0

    var isAtEnd: Bool { index == text.count }

    /// Consumes `width` decimal digits and returns their value, or consumes nothing and returns `nil`.
    mutating func number(_ width: Int) -> Int? {
        guard text.count - index >= width else { return nil }
        var value = 0
        for offset in 0..<width {
            let digit = text[index + offset] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        index += width
        return value
    }

    /// Consumes `character` if it is next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < text.count, text[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }
}
