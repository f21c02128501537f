#if canImport(Glibc)
    import Glibc
#endif

/// Powers of ten that are exact in a `Double` (10^0 … 10^22).
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

extension JSONParser {
    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and converts it if asked.
    ///
    /// Conversion is correctly rounded. Fast path (Clinger 1990): when the decimal significand
    /// is at most 2^53 and the power of ten is at most 10^22, both are exact doubles and one
    /// IEEE multiplication or division rounds correctly. Otherwise `strtod` (correctly rounded
    /// in glibc) runs on a NUL-terminated copy, with the stdlib's `Double(String)` as a fallback
    /// should a locale make `strtod` stop early. Too large magnitudes give ±infinity.
    mutating func parseNumber(converting: Bool) throws(BadLineReason) -> JSONValue {
        if let value = parseShortNumber() { return .number(value) }
        return try parseAnyNumber(converting: converting)
    }

    /// The common short form — `-?[0-9]+(.[0-9]+)?` within eight bytes (after the sign), with no
    /// exponent — converted from one 8-byte word (SWAR), or `nil` with `index` unchanged for
    /// anything else (longer numbers, exponents, leading zeros, malformed numbers, the last
    /// bytes of the line), which ``parseAnyNumber(converting:)`` then parses and reports.
    ///
    /// The point is dropped by shifting the fraction's bytes down one place, so both runs are
    /// converted at once. At most 6 digits and a scale of at most 10^5: the significand is exact
    /// and one IEEE division is correctly rounded — the same `Double` as the general path.
    @inline(__always)
    mutating func parseShortNumber() -> Double? {
        var i = index
        let negative = base[i] == UInt8(ascii: "-")  // parseValue saw a byte here
        if negative { i &+= 1 }
        guard count &- i >= 8, let (magnitude, length) = Self.shortNumber(Self.word(base + i)) else { return nil }
        index = i &+ length
        return negative ? -magnitude : magnitude
    }

    /// The magnitude and length of the short number at the start of `word` (see
    /// ``parseShortNumber()``), or `nil`; bytes past the end of the line must read as zeros.
    @inline(__always)
    static func shortNumber(_ word: UInt64) -> (Double, Int)? {
        let wholeDigits = leadingDigitCount(word)
        // 1…7 digits, and no leading zero (a lone 0 is fine).
        guard UInt(bitPattern: wholeDigits &- 1) < 7, wholeDigits == 1 || word & 0xFF != UInt64(UInt8(ascii: "0"))
        else { return nil }
        var digits = wholeDigits
        var scale = 0
        var next = UInt8(truncatingIfNeeded: word >> (UInt64(wholeDigits) &* 8))
        var significandWord = word
        var length = wholeDigits
        if next == UInt8(ascii: ".") {
            // The top byte of `joined` is a zero shifted in: a run of fewer than 7 digits was
            // ended by a real byte of the line (or by its end).
            let below: UInt64 = (1 << (UInt64(wholeDigits) &* 8)) &- 1
            let joined = word & below | (word >> 8) & ~below
            digits = leadingDigitCount(joined)
            guard digits > wholeDigits, digits < 7 else { return nil }
            scale = digits &- wholeDigits
            significandWord = joined
            next = UInt8(truncatingIfNeeded: joined >> (UInt64(digits) &* 8))
            length = digits &+ 1
        }
        if next | 0x20 == UInt8(ascii: "e") { return nil }
        return (Double(digitsValue(significandWord, digits)) / exactPowersOfTen[scale], length)
    }

    /// How many of the eight bytes of `word` (the first in the low byte) are ASCII digits before
    /// the first one that is not (8 if all are).
    ///
    /// A byte b is a digit exactly when neither b − 0x30 nor b + 0x46 sets its high bit
    /// (b < 0x30 borrows to ≥ 0xD0; 0x3A…0xB9 carries to ≥ 0x80; ≥ 0xBA stays ≥ 0x8A after
    /// subtracting). Digits neither borrow nor carry, so the lowest non-digit byte is flagged
    /// exactly; bytes above it may be flagged wrongly, which does not matter.
    @inline(__always)
    static func leadingDigitCount(_ word: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let flagged = ((word &- ones &* 0x30) | (word &+ ones &* 0x46)) & (ones &* 0x80)
        return flagged.trailingZeroBitCount >> 3
    }

    /// The value of the first `digits` (1…8) bytes of `word`, all ASCII digits, the first one the
    /// most significant: the digits are moved to the top bytes (zeros in front), then combined in
    /// pairs, pairs of pairs and halves — three multiply-adds for up to eight digits.
    @inline(__always)
    static func digitsValue(_ word: UInt64, _ digits: Int) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        var value = (word &- ones &* 0x30) << (UInt64(8 &- digits) &* 8)
        value = (value &* 10 &+ (value >> 8)) & 0x00FF_00FF_00FF_00FF
        value = (value &* 100 &+ (value >> 16)) & 0x0000_FFFF_0000_FFFF
        return (value &* 10000 &+ (value >> 32)) & 0xFFFF_FFFF
    }

    /// Parses any number (the full grammar) and converts it if asked.
    @inline(never)
    mutating func parseAnyNumber(converting: Bool) throws(BadLineReason) -> JSONValue {
        // Within eight bytes of the end of the line (where the word path had no room), the same
        // word path on the line's last eight bytes, shifted so that zeros stand past its end.
        let signed = base[index] == UInt8(ascii: "-")
        let afterSign = signed ? index &+ 1 : index
        let room = count &- afterSign
        if room < 8, count >= 8,
            let (magnitude, length) = Self.shortNumber(Self.word(base + (count &- 8)) >> (UInt64(8 &- room) &* 8))
        {
            index = afterSign &+ length
            return .number(signed ? -magnitude : magnitude)
        }
        // A local cursor: `index` lives in `self`, and writing it back per digit costs a store each.
        let start = index
        let end = count
        var i = index
        let negative = base[i] == UInt8(ascii: "-")  // parseValue saw a byte here
        if negative { i &+= 1 }
        var significand: UInt64 = 0
        var digits = 0  // digits held in `significand`, leading zeros excluded
        var inexact = false  // a nonzero digit did not fit in `significand`
        var exponent = 0
        let first = i < end ? base[i] : 0
        if first == UInt8(ascii: "0") {
            i &+= 1
            if i < end, Self.isDigit(base[i]) { throw .invalidJSON(offset: i, .leadingZero) }
        } else if Self.isDigit(first) {
            while i < end {
                let digit = base[i] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                if digits < 19 {
                    significand = significand &* 10 &+ UInt64(digit)  // < 10^19 < 2^64: no overflow
                    digits &+= 1
                } else {
                    exponent &+= 1
                    inexact = inexact || digit != 0
                }
                i &+= 1
            }
        } else {
            index = i
            throw syntax(.badNumber)
        }
        if i < end, base[i] == UInt8(ascii: ".") {
            i &+= 1
            guard i < end, Self.isDigit(base[i]) else {
                index = i
                throw syntax(.badNumber)
            }
            while i < end {
                let digit = base[i] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                if significand == 0 && digit == 0 {
                    exponent &-= 1
                } else if digits < 19 {
                    significand = significand &* 10 &+ UInt64(digit)
                    digits &+= 1
                    exponent &-= 1
                } else {
                    inexact = inexact || digit != 0
                }
                i &+= 1
            }
        }
        if i < end, base[i] | 0x20 == UInt8(ascii: "e") {
            i &+= 1
            let sign = i < end ? base[i] : 0
            let negativeExponent = sign == UInt8(ascii: "-")
            if negativeExponent || sign == UInt8(ascii: "+") { i &+= 1 }
            guard i < end, Self.isDigit(base[i]) else {
                index = i
                throw syntax(.badNumber)
            }
            var written = 0
            while i < end, Self.isDigit(base[i]) {
                // Saturate: any |exponent| beyond 10^6 already means 0 or infinity.
                if written < 1_000_000 { written = written * 10 + Int(base[i] &- UInt8(ascii: "0")) }
                i &+= 1
            }
            exponent += negativeExponent ? -written : written
        }
        index = i
        guard converting else { return .number(0) }
        if significand == 0 { return .number(negative ? -0.0 : 0.0) }
        if !inexact, let value = Self.exactValue(significand, exponent) {
            return .number(negative ? -value : value)
        }
        return .number(slowValue(start..<index))
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// `significand × 10^exponent` when it can be computed with one correctly rounded operation.
    private static func exactValue(_ significand: UInt64, _ exponent: Int) -> Double? {
        let limit: UInt64 = 1 << 53
        guard significand <= limit else { return nil }
        let value = Double(significand)
        if exponent == 0 { return value }
        if exponent < 0 { return exponent >= -22 ? value / exactPowersOfTen[-exponent] : nil }
        if exponent <= 22 { return value * exactPowersOfTen[exponent] }
        // 123e25 = 123000e22: move surplus powers into the significand while it stays exact.
        let surplus = exponent - 22
        guard surplus <= 15 else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<surplus { scale *= 10 }
        guard significand <= limit / scale else { return nil }
        return Double(significand * scale) * exactPowersOfTen[22]
    }

    /// Correctly rounded conversion of the validated number text in `range`.
    private func slowValue(_ range: Range<Int>) -> Double {
        let length = range.count
        let parsed: Double? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            guard let text = buffer.baseAddress else { return nil }
            UnsafeMutableRawPointer(text).copyMemory(from: base + range.lowerBound, byteCount: length)
            text[length] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(text, &end)
            return end == text + length ? value : nil
        }
        if let parsed { return parsed }
        let text = String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: length), as: UTF8.self)
        return Double(text) ?? .nan
    }
}
