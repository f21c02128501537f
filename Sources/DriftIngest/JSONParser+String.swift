extension JSONParser {
    /// ``parseString()`` with its common case inline: a string whose first byte needing a look
    /// (see ``attentionMask(_:)``) is its closing quote, at least eight bytes before the end of
    /// the line. Anything else goes to ``parseString()`` from the opening quote again.
    @inline(__always)
    mutating func parsePlainString() throws(BadLineReason) -> StringRef {
        let start = index &+ 1
        var i = start
        while count &- i >= 8 {
            let mask = Self.attentionMask(Self.word(base + i))
            if mask != 0 {
                i &+= mask.trailingZeroBitCount >> 3
                guard base[i] == UInt8(ascii: "\"") else { break }
                index = i &+ 1
                return StringRef(range: start..<i, hasEscapes: false)
            }
            i &+= 8
        }
        return try parseString()
    }

    /// Validates the string whose opening quote is at `index` and returns its content range.
    ///
    /// Runs of plain ASCII are skipped eight bytes at a time, and the first byte that needs a look
    /// is found from the SWAR mask directly (its lowest flagged byte is exact), so the byte-wise
    /// checks run only on quotes, escapes, control bytes and non-ASCII. Escapes are checked
    /// (including surrogate pairing), raw bytes below 0x20 rejected, and multi-byte UTF-8
    /// validated per the Unicode Standard, Table 3-7 (no overlongs, no surrogates, nothing past
    /// U+10FFFF).
    @inline(never)
    mutating func parseString() throws(BadLineReason) -> StringRef {
        index += 1
        let start = index
        var hasEscapes = false
        while true {
            // A local cursor: `index` lives in `self`, and writing it back per word costs a store.
            var i = index
            while count &- i >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let mask = Self.attentionMask(word)
                if mask != 0 {
                    i &+= mask.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            index = i
            guard index < count else { throw .invalidJSON(offset: index, .unexpectedEnd) }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let range = start..<index
                index &+= 1
                return StringRef(range: range, hasEscapes: hasEscapes)
            } else if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try parseEscape()
            } else if byte < 0x20 {
                throw .invalidJSON(offset: index, .controlCharacterInString)
            } else if byte >= 0x80 {
                try validateUTF8Sequence()
            } else {
                index &+= 1
            }
        }
    }

    /// Whether any byte of `word` is `"`, `\`, below 0x20 or at least 0x80 (exact, SWAR).
    @inline(__always)
    static func needsAttention(_ word: UInt64) -> Bool { attentionMask(word) != 0 }

    /// The high bit of each byte of `word` (little-endian) that is `"`, `\`, below 0x20 or at
    /// least 0x80 — exact for the lowest flagged byte; bytes above a flagged one may be flagged
    /// spuriously (a borrow runs up), which never matters because scanning stops at the lowest.
    @inline(__always)
    static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        // (x - 1) & ~x has the high bit of a byte set for a zero byte; (x - 0x20) & ~x for a byte < 0x20.
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control | word) & highs
    }

    private mutating func parseEscape() throws(BadLineReason) {
        let at = index
        index += 1
        switch peek {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 1
        case UInt8(ascii: "u"):
            let line = UnsafeRawBufferPointer(start: base, count: count)
            guard let unit = StringRef.hex4(line, at: index + 1) else { throw .invalidJSON(offset: at, .badEscape) }
            index += 5
            switch unit {
            case 0xD800...0xDBFF:
                guard peek == UInt8(ascii: "\\"), index + 1 < count, base[index + 1] == UInt8(ascii: "u"),
                    let low = StringRef.hex4(line, at: index + 2), (0xDC00...0xDFFF).contains(low)
                else { throw .invalidJSON(offset: at, .loneSurrogate) }
                index += 6
            case 0xDC00...0xDFFF:
                throw .invalidJSON(offset: at, .loneSurrogate)
            default:
                break
            }
        default:
            throw .invalidJSON(offset: at, index < count ? .badEscape : .unexpectedEnd)
        }
    }

    /// Validates the multi-byte UTF-8 sequence starting at `index` (whose lead byte is ≥ 0x80).
    private mutating func validateUTF8Sequence() throws(BadLineReason) {
        let lead = base[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        default: throw .invalidUTF8(offset: index)
        }
        guard count - index >= length, secondRange.contains(base[index + 1]) else {
            throw .invalidUTF8(offset: index)
        }
        for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 {
            throw .invalidUTF8(offset: index)
        }
        index += length
    }
}
