import DriftIngest
import DriftTestSupport
import Foundation
import Testing

struct JSONScannerTests {
    private static let paths = ["ts", "features.amount", "meta.model.name", "prediction", "features", "nope.x", "meta"]
    private static let scanner = JSONScanner(
        fields: paths.compactMap(FieldPath.init), members: [FieldPath("features")!])

    /// Scans `text` and hands the result and the line's bytes to `body`.
    private static func scan<R>(
        _ text: String, with scanner: JSONScanner = scanner,
        _ body: (JSONScanResult, JSONFields, UnsafeRawBufferPointer) -> R
    ) -> R {
        var fields = scanner.makeFields()
        return Array(text.utf8).withUnsafeBytes { line in body(scanner.scan(line, into: &fields), fields, line) }
    }

    /// Whether the scanner's value equals the oracle's (`JSONSerialization`) value.
    private static func same(_ value: JSONValue, _ oracle: Any?, _ line: UnsafeRawBufferPointer) -> Bool {
        switch value {
        case .missing: return oracle == nil
        case .null: return oracle is NSNull
        case .bool(let flag): return (oracle as? Bool) == flag
        case .number(let number):
            // JSONSerialization keeps long numbers as Decimal and drops the sign of -0, so it is a
            // close but not bit-exact oracle; JSONNumberTests compares bits with Double(String).
            guard let oracle = (oracle as? NSNumber)?.doubleValue else { return false }
            return oracle == number || (oracle - number).magnitude <= 1e-14 * max(oracle.magnitude, number.magnitude)
        case .string(let reference): return (oracle as? String) == reference.string(in: line)
        case .object: return oracle is [String: Any]
        case .array: return oracle is [Any]
        }
    }

    private static func lookup(_ object: Any?, _ path: String) -> Any? {
        path.split(separator: ".").reduce(object) { ($0 as? [String: Any])?[String($1)] }
    }

    @Test func extractedValuesMatchJSONSerialization() throws {
        var present = Array(repeating: 0, count: Self.paths.count)
        for seed in UInt64(0)..<1500 {
            var corpus = JSONCorpus(seed: seed)
            let text = corpus.line()
            let oracle = try JSONSerialization.jsonObject(with: Data(text.utf8))
            Self.scan(text) { result, fields, line in
                #expect(result == .ok, "seed \(seed): \(text)")
                for (index, path) in Self.paths.enumerated() {
                    if fields.values[index] != .missing { present[index] += 1 }
                    let expected = Self.lookup(oracle, path)
                    #expect(
                        Self.same(fields.values[index], expected, line),
                        "seed \(seed) path \(path): \(fields.values[index]) vs \(String(describing: expected))")
                }
                let features = Self.lookup(oracle, "features") as? [String: Any] ?? [:]
                #expect(fields.members.count == features.count, "seed \(seed)")
                for member in fields.members {
                    let key = member.key.string(in: line)
                    #expect(
                        member.group == 0 && Self.same(member.value, features[key], line), "seed \(seed) member \(key)")
                }
            }
        }
        // The corpus must exercise every path except the absent one, including the escaped `n\u0061me`.
        #expect(zip(Self.paths, present).allSatisfy { $0 == "nope.x" ? $1 == 0 : $1 > 300 }, "\(present)")
    }

    @Test func validEdgeCases() {
        let one = JSONScanner(fields: [FieldPath("a")!])
        let cases: [(String, JSONValue)] = [
            (#"{"a":-0}"#, .number(-0.0)),
            (#"{"a":1E+2}"#, .number(100)),
            (#"{"a":1e400}"#, .number(.infinity)),
            (#"{"a":-1e400}"#, .number(-.infinity)),
            (#"{"a":1e-400}"#, .number(0)),
            (#"{"a":0.1}"#, .number(0.1)),
            (#"{"a":123456789012345678901234567890}"#, .number(123456789012345678901234567890.0)),
            (#"{"a":true,"a":null}"#, .null),
            (#"{}"#, .missing),
            (" \t\r\n{ \"a\" \n:\t[ ] , \"b\" : { } }\r ", .array(13..<16)),
            (#"{"a":{"a":1}}"#, .object(5..<12)),
            (#"{"\u0061":false}"#, .bool(false)),
        ]
        for (text, expected) in cases {
            Self.scan(text, with: one) { result, fields, _ in
                #expect(result == .ok, "\(text)")
                #expect(
                    fields.values[0] == expected && fields.values[0].signBitMatches(expected),
                    "\(text): \(fields.values[0])")
            }
        }
        Self.scan(#"{"a":"\ud83d\ude00 \u00e9\n\/"}"#, with: one) { result, fields, line in
            guard case .string(let reference) = fields.values[0] else { Issue.record("not a string"); return }
            #expect(result == .ok && reference.hasEscapes && reference.string(in: line) == "😀 é\n/")
        }
        Self.scan(#"{"a":"plain é"}"#, with: one) { _, fields, line in
            guard case .string(let reference) = fields.values[0] else { Issue.record("not a string"); return }
            #expect(!reference.hasEscapes && reference.string(in: line) == "plain é" && reference.range == 6..<14)
        }
        let deep = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        Self.scan("{\"a\":\(deep)}", with: one) { result, _, _ in #expect(result == .ok) }
    }

    @Test func invalidDocumentsAreRejectedWithTheirReason() {
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        let cases: [(String, BadLineReason)] = [
            ("", .empty),
            (" \t ", .empty),
            ("[1,2]", .notAnObject),
            ("42", .notAnObject),
            (#"{"a":1} x"#, .invalidJSON(offset: 8, .trailingCharacters)),
            (#"{"a":1}{}"#, .invalidJSON(offset: 7, .trailingCharacters)),
            (#"{"a":01}"#, .invalidJSON(offset: 6, .leadingZero)),
            (#"{"a":-01}"#, .invalidJSON(offset: 7, .leadingZero)),
            (#"{"a":1.}"#, .invalidJSON(offset: 7, .badNumber)),
            (#"{"a":.5}"#, .invalidJSON(offset: 5, .unexpectedCharacter)),
            (#"{"a":1e}"#, .invalidJSON(offset: 7, .badNumber)),
            (#"{"a":-}"#, .invalidJSON(offset: 6, .badNumber)),
            (#"{"a":+1}"#, .invalidJSON(offset: 5, .unexpectedCharacter)),
            (#"{"a":"\x"}"#, .invalidJSON(offset: 6, .badEscape)),
            (#"{"a":"\u12G4"}"#, .invalidJSON(offset: 6, .badEscape)),
            (#"{"a":"\ud800"}"#, .invalidJSON(offset: 6, .loneSurrogate)),
            (#"{"a":"\ud800\u0041"}"#, .invalidJSON(offset: 6, .loneSurrogate)),
            (#"{"a":"\udc00\ud800"}"#, .invalidJSON(offset: 6, .loneSurrogate)),
            ("{\"a\":\"x\ty\"}", .invalidJSON(offset: 7, .controlCharacterInString)),
            (#"{"a":"abc"#, .invalidJSON(offset: 9, .unexpectedEnd)),
            (#"{"a":1"#, .invalidJSON(offset: 6, .unexpectedEnd)),
            (#"{"a" 1}"#, .invalidJSON(offset: 5, .expectedColon)),
            (#"{a:1}"#, .invalidJSON(offset: 1, .expectedKey)),
            (#"{"a":1,}"#, .invalidJSON(offset: 7, .expectedKey)),
            (#"{"a":[1,]}"#, .invalidJSON(offset: 8, .unexpectedCharacter)),
            (#"{"a":[1 2]}"#, .invalidJSON(offset: 8, .expectedCommaOrClose)),
            (#"{"a":tru}"#, .invalidJSON(offset: 5, .badLiteral)),
            (#"{"a":nul"#, .invalidJSON(offset: 5, .badLiteral)),
            (#"{"a":NaN}"#, .invalidJSON(offset: 5, .unexpectedCharacter)),
            ("{\"a\":1}\u{0}", .invalidJSON(offset: 7, .trailingCharacters)),
            ("{\"a\":\(deep)}", .nestingTooDeep(offset: 68)),
        ]
        for (text, reason) in cases {
            Self.scan(text) { result, fields, _ in
                #expect(result == .bad(reason), "\(text.debugDescription)")
                #expect(fields.values.allSatisfy { $0 == .missing } && fields.members.isEmpty)
            }
        }
    }

    @Test func invalidUTF8IsRejected() {
        let bad: [[UInt8]] = [
            [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0x80],
        ]
        for bytes in bad {
            let line = Array(#"{"a":"x"#.utf8) + bytes + Array(#""}"#.utf8)
            var fields = Self.scanner.makeFields()
            let result = line.withUnsafeBytes { Self.scanner.scan($0, into: &fields) }
            #expect(result == .bad(.invalidUTF8(offset: 7)), "\(bytes)")
        }
        var fields = Self.scanner.makeFields()
        let outside = Array("{\"a\":1,\u{E9}:2}".utf8).withUnsafeBytes { Self.scanner.scan($0, into: &fields) }
        #expect(outside == .bad(.invalidJSON(offset: 7, .expectedKey)))
    }

    /// Random byte mutations of valid lines: never a trap, and whatever the scanner accepts is
    /// accepted by `JSONSerialization` too (the scanner is at least as strict).
    @Test func mutatedLinesNeverTrapAndAcceptanceImpliesValidity() {
        var fields = Self.scanner.makeFields()
        let noise: [UInt8] = Array("{}[]\",:\\u0e-+. \u{1}".utf8) + [0x80, 0xC3, 0xED, 0xF0, 0xFF]
        for seed in UInt64(0)..<800 {
            var corpus = JSONCorpus(seed: seed)
            var bytes = Array(corpus.line().utf8)
            for _ in 0..<(1 + corpus.sampler.int(below: 3)) where !bytes.isEmpty {
                let at = corpus.sampler.int(below: bytes.count)
                switch corpus.sampler.int(below: 3) {
                case 0: bytes[at] = noise[corpus.sampler.int(below: noise.count)]
                case 1: bytes.remove(at: at)
                default: bytes.removeSubrange(at...)
                }
            }
            let result = bytes.withUnsafeBytes { Self.scanner.scan($0, into: &fields) }
            if result == .ok {
                let parsed = try? JSONSerialization.jsonObject(with: Data(bytes))
                #expect(parsed != nil, "seed \(seed): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    @Test func labelsAreStable() {
        let reasons: [BadLineReason] = [
            .invalidJSON(offset: 0, .badNumber), .invalidUTF8(offset: 0), .nestingTooDeep(offset: 0), .notAnObject,
            .tooLong(length: 0), .empty, .missingTimestamp, .badTimestamp, .missingField, .wrongType,
        ]
        #expect(
            reasons.map(\.label) == [
                "invalid_json", "invalid_utf8", "nesting_too_deep", "not_an_object", "too_long", "empty",
                "missing_timestamp", "bad_timestamp", "missing_field", "wrong_type",
            ])
    }
}

extension JSONValue {
    /// For numbers, whether the sign bits agree too (so `-0` is told from `0`).
    fileprivate func signBitMatches(_ other: JSONValue) -> Bool {
        if case .number(let a) = self, case .number(let b) = other { return a.sign == b.sign }
        return true
    }
}
