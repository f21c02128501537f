import DriftIngest
import Testing

/// The string scanner skips eight bytes at a time and jumps to the first byte that needs a look;
/// these tests put each kind of such byte at every offset of the first few words, where an
/// off-by-one in the jump would show. Oracles: the hand-known position of the planted byte.
struct JSONStringSkipTests {
    private static let scanner = JSONScanner(fields: [FieldPath("s")!])

    private static func scan(_ bytes: [UInt8]) -> (JSONScanResult, JSONValue) {
        var fields = scanner.makeFields()
        return bytes.withUnsafeBytes { line in
            let result = scanner.scan(line, into: &fields)
            return (result, fields.values[0])
        }
    }

    /// `{"s":"` + content + `"}`: the content starts at offset 6.
    private static func document(_ content: [UInt8]) -> [UInt8] {
        Array(#"{"s":""#.utf8) + content + Array(#""}"#.utf8)
    }

    @Test func plainStringsEndExactlyAtTheirQuote() {
        for length in 0..<40 {
            let content = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            let (result, value) = Self.scan(Self.document(content))
            #expect(result == .ok, "length \(length)")
            #expect(value == .string(StringRef(range: 6..<6 + length, hasEscapes: false)), "length \(length)")
        }
    }

    @Test func aControlByteIsRejectedAtItsOffset() {
        for position in 0..<24 {
            for control: UInt8 in [0x00, 0x09, 0x0A, 0x1F] {
                var content = [UInt8](repeating: UInt8(ascii: "x"), count: 30)
                content[position] = control
                let (result, _) = Self.scan(Self.document(content))
                #expect(
                    result == .bad(.invalidJSON(offset: 6 + position, .controlCharacterInString)),
                    "position \(position), byte \(control)")
            }
        }
    }

    @Test func escapesAndMultiByteCharactersAtEveryOffset() {
        for position in 0..<24 {
            var escaped = [UInt8](repeating: UInt8(ascii: "x"), count: 30)
            escaped.replaceSubrange(position..<position + 2, with: Array(#"\""#.utf8))
            let (result, value) = Self.scan(Self.document(escaped))
            #expect(result == .ok, "escape at \(position)")
            #expect(value == .string(StringRef(range: 6..<36, hasEscapes: true)), "escape at \(position)")

            var accented = [UInt8](repeating: UInt8(ascii: "x"), count: 30)
            accented.replaceSubrange(position..<position + 2, with: Array("é".utf8))
            let (accentedResult, accentedValue) = Self.scan(Self.document(accented))
            #expect(accentedResult == .ok, "é at \(position)")
            #expect(accentedValue == .string(StringRef(range: 6..<36, hasEscapes: false)), "é at \(position)")

            var broken = [UInt8](repeating: UInt8(ascii: "x"), count: 30)
            broken[position] = 0xC3  // a lead byte followed by ASCII
            let (brokenResult, _) = Self.scan(Self.document(broken))
            #expect(brokenResult == .bad(.invalidUTF8(offset: 6 + position)), "bad UTF-8 at \(position)")
        }
    }

    @Test func anUnterminatedStringEndsAtTheLineEnd() {
        for length in 0..<20 {
            let line = Array(#"{"s":""#.utf8) + [UInt8](repeating: UInt8(ascii: "y"), count: length)
            let (result, _) = Self.scan(line)
            #expect(result == .bad(.invalidJSON(offset: 6 + length, .unexpectedEnd)), "length \(length)")
        }
    }
}
