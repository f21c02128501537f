import DriftIngest
import DriftTestSupport
import Testing

/// Number conversion, bit for bit against the stdlib's correctly rounded `Double(String)`.
struct JSONNumberTests {
    private static let scanner = JSONScanner(fields: [FieldPath("x")!])

    private static func scanned(_ text: String) -> Double? {
        var fields = scanner.makeFields()
        let result = Array("{\"x\":\(text)}".utf8).withUnsafeBytes { scanner.scan($0, into: &fields) }
        guard result == .ok, case .number(let value) = fields.values[0] else { return nil }
        return value
    }

    private static func randomDecimal(_ sampler: inout Sampler) -> String {
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
}
