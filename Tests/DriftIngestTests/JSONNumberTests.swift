import DriftTestSupport
import Testing

@testable import DriftIngest

#if canImport(Glibc)
    import Glibc
#endif

/// Number conversion, bit for bit against the stdlib's correctly rounded `Double(String)`.
struct JSONNumberTests {
    private static let scanner = JSONScanner(fields: [FieldPath("x")!])

    private static func scanned(_ text: String) -> Double? {
        var fields = scanner.makeFields()
        let result = Array("{\"x\":\(text)}".utf8).withUnsafeBytes { scanner.scan($0, into: &fields) }
        guard result == .ok, case .number(let value) = fields.values[0] else { return nil }
        return value
    }

    static func randomDecimal(_ sampler: inout Sampler) -> String {
        var text = sampler.int(below: 2) == 0 ? "-" : ""
        let wholeDigits = [1, 1, 2, 3, 5, 8, 15, 16, 17, 19, 20, 25][sampler.int(below: 12)]
        text += sampler.int(below: 6) == 0 ? "0" : String(1 + sampler.int(below: 9))
        if !text.hasSuffix("0") {
            for _ in 1..<wholeDigits { text += String(sampler.int(below: 10)) }
        }
        if sampler.int(below: 2) == 0 {
            text += "."
            for _ in 0..<(1 + sampler.int(below: 22)) { text += String(sampler.int(below: 10)) }
        }
        if sampler.int(below: 2) == 0 {
            let range = [25, 330, 400][sampler.int(below: 3)]
            text += "e" + (sampler.int(below: 2) == 0 ? "-" : "+") + String(sampler.int(below: range))
        }
        return text
    }

    @Test func randomDecimalsMatchStdlibBitForBit() throws {
        for seed in UInt64(0)..<40 {
            var sampler = Sampler(seed: seed)
            for _ in 0..<1000 {
                let text = Self.randomDecimal(&sampler)
                let expected = try #require(Double(text))
                let actual = Self.scanned(text)
                #expect(
                    actual?.bitPattern == expected.bitPattern,
                    "seed \(seed): \(text) → \(String(describing: actual)) vs \(expected)")
            }
        }
    }

    /// Shortest round-trip representations (as Python or Swift print them) must come back exactly.
    @Test func shortestRepresentationsRoundTrip() {
        for seed in UInt64(0)..<20 {
            var sampler = Sampler(seed: seed)
            for _ in 0..<500 {
                let value = Double(bitPattern: sampler.rng.next())
                guard value.isFinite else { continue }
                let text = "\(value)"
                #expect(Self.scanned(text)?.bitPattern == value.bitPattern, "seed \(seed): \(text)")
            }
        }
    }

    @Test func boundaryValues() {
        let cases: [(String, Double)] = [
            ("9007199254740992", 9007199254740992), ("9007199254740993", 9007199254740992),
            ("9007199254740995", 9007199254740996), ("1e22", 1e22), ("1e23", 1e23), ("123e25", 1.23e27),
            ("4.9406564584124654e-324", .leastNonzeroMagnitude), ("2.4703282292062327e-324", 0),
            ("2.4703282292062328e-324", .leastNonzeroMagnitude),
            ("1.7976931348623157e308", .greatestFiniteMagnitude), ("1.7976931348623159e308", .infinity),
            ("0.000000000000000000000000000001", 1e-30), ("100000000000000000000000", 1e23),
            ("0e999999999999999999", 0), ("1e-999999999999999999", 0), ("1e999999999999999999", .infinity),
        ]
        for (text, expected) in cases {
            #expect(Self.scanned(text)?.bitPattern == expected.bitPattern, "\(text)")
        }
    }

    /// `strtod` on the text: glibc's correctly rounded conversion, independent of the scanner.
    private static func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    /// Numbers of every shape around the one-word fast path (1–9 whole digits, 0–8 fraction
    /// digits, signs, exponents), ending 0–9 bytes before the end of the line and followed by
    /// each kind of delimiter, bit for bit against `strtod`.
    @Test func numbersAroundTheWordFastPathMatchStrtod() {
        var sampler = Sampler(seed: 77)
        let delimiters = [",\"y\":0}", "}", " }", "\t}", "\n}", "\r}"]
        for _ in 0..<20_000 {
            var text = sampler.int(below: 3) == 0 ? "-" : ""
            let whole = 1 + sampler.int(below: 9)
            text += whole == 1 ? String(sampler.int(below: 10)) : String(1 + sampler.int(below: 9))
            for _ in 1..<whole { text += String(sampler.int(below: 10)) }
            let fraction = sampler.int(below: 9)
            if fraction > 0 {
                text += "."
                for _ in 0..<fraction { text += String(sampler.int(below: 10)) }
            }
            if sampler.int(below: 8) == 0 {
                text += ["e", "E"][sampler.int(below: 2)] + String(sampler.int(below: 30))
            }
            let line =
                "{\"x\":" + text + delimiters[sampler.int(below: delimiters.count)]
                + String(repeating: " ", count: sampler.int(below: 10))
            var fields = Self.scanner.makeFields()
            let result = Array(line.utf8).withUnsafeBytes { Self.scanner.scan($0, into: &fields) }
            guard result == .ok, case .number(let value) = fields.values[0] else {
                Issue.record("\(line.debugDescription): \(result)")
                continue
            }
            #expect(value.bitPattern == Self.strtodValue(text).bitPattern, "\(text)")
        }
    }

    /// Random strings over the number alphabet as the value: accepted exactly when they match the
    /// RFC 8259 number grammar (a regular expression), and then equal to `strtod` bit for bit.
    @Test func numberLikeStringsFollowTheGrammar() {
        var sampler = Sampler(seed: 91)
        let alphabet = Array("-0123456789.eE+") + Array("0123456789")
        var accepted = 0
        for _ in 0..<12_000 {
            let text = String(
                (0..<(1 + sampler.int(below: 11))).map { _ in alphabet[sampler.int(below: alphabet.count)] })
            let line = "{\"x\":" + text + "}" + String(repeating: " ", count: sampler.int(below: 9))
            var fields = Self.scanner.makeFields()
            let result = Array(line.utf8).withUnsafeBytes { Self.scanner.scan($0, into: &fields) }
            let valid = text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil
            #expect((result == .ok) == valid, "\(text): \(result)")
            if valid, case .number(let value) = fields.values[0] {
                accepted += 1
                #expect(value.bitPattern == Self.strtodValue(text).bitPattern, "\(text)")
            }
        }
        #expect(accepted > 1200, "\(accepted)")
    }

    /// Malformed numbers near the fast path's limits are reported where the general parser stops.
    @Test func malformedShortNumbersKeepTheirOffsets() {
        let cases: [(String, BadLineReason)] = [
            (#"{"x":01.5,"y":1}"#, .invalidJSON(offset: 6, .leadingZero)),
            (#"{"x":-00,"y":1}"#, .invalidJSON(offset: 7, .leadingZero)),
            (#"{"x":0.,"y":1111}"#, .invalidJSON(offset: 7, .badNumber)),
            (#"{"x":12.a,"y":111}"#, .invalidJSON(offset: 8, .badNumber)),
            (#"{"x":-.5,"y":1111}"#, .invalidJSON(offset: 6, .badNumber)),
            (#"{"x":12.5.6,"y":11}"#, .invalidJSON(offset: 9, .expectedCommaOrClose)),
            (#"{"x":1.5e,"y":1111}"#, .invalidJSON(offset: 9, .badNumber)),
            (#"{"x":123456.}"#, .invalidJSON(offset: 12, .badNumber)),
            (#"{"x":1x,"y":111111}"#, .invalidJSON(offset: 6, .expectedCommaOrClose)),
            (#"{"x":1.2"#, .invalidJSON(offset: 8, .unexpectedEnd)),
        ]
        for (text, reason) in cases {
            var fields = Self.scanner.makeFields()
            let result = Array(text.utf8).withUnsafeBytes { Self.scanner.scan($0, into: &fields) }
            #expect(result == .bad(reason), "\(text)")
        }
    }

    /// The SWAR helpers against byte-by-byte definitions: every byte value after every run length.
    @Test func digitHelpersMatchByteByByte() {
        var sampler = Sampler(seed: 5)
        for run in 0..<8 {
            for byte in 0...255 {
                var bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: sampler.rng.next()) }
                for index in 0..<run { bytes[index] = UInt8(ascii: "0") + UInt8(sampler.int(below: 10)) }
                bytes[run] = UInt8(byte)
                let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(UInt8(byte))
                let count = JSONParser.leadingDigitCount(word)
                #expect(isDigit ? count > run : count == run, "run \(run) byte \(byte)")
                if run > 0 {
                    let expected = bytes[0..<run].reduce(UInt64(0)) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
                    #expect(JSONParser.digitsValue(word, run) == expected, "run \(run) byte \(byte)")
                }
            }
        }
        let allDigits = Array("98765432".utf8).enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        #expect(JSONParser.leadingDigitCount(allDigits) == 8 && JSONParser.digitsValue(allDigits, 8) == 98_765_432)
    }
}
