import DriftTestSupport
import Foundation
import Testing

@testable import DriftIngest

/// The key cache (``JSONKeyCache``) must never change a result: lines from a "producer" whose
/// keys repeat, drop out, reorder, change by one byte, gain escapes, control bytes or bad UTF-8,
/// or end mid-key are scanned with one reused ``JSONFields`` (the cache warm) and each with a fresh
/// one (cold: every key scanned in full). Oracles: the cold scan, equal in every value, member,
/// range and error offset; and, for good lines, the keys and numbers the generator wrote
/// (decoded key text in document order, `Double(text)` bit for bit).
struct JSONKeyCacheTests {
    private static let scanner = JSONScanner(
        fields: ["ts", "features.amount", "features.abcdefghi", "meta.model.name", "prediction"].compactMap(
            FieldPath.init),
        members: [FieldPath("features")!, FieldPath("meta")!])

    /// Feature keys (decoded text, JSON literal): lengths around the 8-byte word, escapes, UTF-8.
    private static let baseKeys: [(String, String)] = [
        ("amount", "\"amount\""), ("", "\"\""), ("a", "\"a\""), ("abcdefg", "\"abcdefg\""),
        ("abcdefgh", "\"abcdefgh\""), ("abcdefghi", "\"abcdefghi\""), ("abcdefghijklmnop", "\"abcdefghijklmnop\""),
        ("abcdefghijklmnopq", "\"abcdefghijklmnopq\""), ("transaction_amount_usd", "\"transaction_amount_usd\""),
        ("name", "\"n\\u0061me\""), ("caf\u{E9}", "\"caf\u{E9}\""), ("q\"uote", "\"q\\\"uote\""),
        ("\u{4E2D}\u{6587}", "\"\u{4E2D}\u{6587}\""), ("tab\tkey", "\"tab\\tkey\""),
    ]

    /// A generated line and what a correct scan reports for it when it is valid.
    private struct Line {
        var text: [UInt8]
        var keys: [String]  // the features' keys, decoded, in order
        var numbers: [Double?]  // the features' values when numbers
        var mutated: Bool  // a byte change that may make the line invalid
    }

    private static func line(_ sampler: inout Sampler) -> Line {
        var features = baseKeys
        // Absent members, one extra, a swap, a near-miss spelling, an escaped spelling.
        for _ in 0..<sampler.int(below: 3) where !features.isEmpty && sampler.int(below: 3) == 0 {
            features.remove(at: sampler.int(below: features.count))
        }
        let extras: [(String, String)] = [
            ("amoun", "\"amoun\""), ("amountX", "\"amountX\""), ("amount", "\"\\u0061mount\""),
            ("abcdefgi", "\"abcdefgi\""), ("new_key_\(sampler.int(below: 50))", ""), ("b", "\"b\""),
        ]
        if sampler.int(below: 4) == 0 {
            var extra = extras[sampler.int(below: extras.count)]
            if extra.1.isEmpty { extra.1 = "\"\(extra.0)\"" }
            if !features.contains(where: { $0.0 == extra.0 }) {
                features.insert(extra, at: sampler.int(below: features.count + 1))
            }
        }
        if sampler.int(below: 6) == 0, features.count > 1 {
            let at = sampler.int(below: features.count - 1)
            features.swapAt(at, at + 1)
        }
        var text = "{\"ts\":\"2026-11-01T00:00:00Z\","
        if sampler.int(below: 5) == 0 {
            // The same keys one level down: another trie node, so other children.
            text += "\"meta\":{\"model\":{\"name\":\"m\",\"amount\":1},\"amount\":{\"name\":2}},"
        }
        text += "\"features\":{"
        var numbers: [Double?] = []
        for (index, (_, literal)) in features.enumerated() {
            let space = sampler.int(below: 10) == 0 ? " " : ""
            let value: String
            if sampler.int(below: 5) == 0 {
                value = "\"v\(sampler.int(below: 100))\""
                numbers.append(nil)
            } else {
                value = JSONNumberTests.randomDecimal(&sampler)
                numbers.append(Double(value))
            }
            let comma = sampler.int(below: 10) == 0 ? " ,\n" : ","
            text += (index > 0 ? comma : "") + literal + space + ":" + space + value
        }
        text += "},\"prediction\":0.25}"
        var bytes = Array(text.utf8)
        var mutated = false
        switch sampler.int(below: 12) {
        case 0:
            // One byte of the line replaced, most often inside a key.
            let noise: [UInt8] = [
                UInt8(ascii: "x"), UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x01, 0x1F, 0x80, 0xC3, 0xFF,
            ]
            bytes[sampler.int(below: bytes.count)] = noise[sampler.int(below: noise.count)]
            mutated = true
        case 1:
            bytes.removeSubrange(sampler.int(below: bytes.count)...)
            mutated = true
        default:
            break
        }
        return Line(text: bytes, keys: features.map(\.0), numbers: numbers, mutated: mutated)
    }

    private static func scan(_ bytes: [UInt8], into fields: inout JSONFields) -> JSONScanResult {
        bytes.withUnsafeBytes { scanner.scan($0, into: &fields) }
    }

    /// Everything a scan reports, numbers by their bits.
    private static func same(_ a: JSONFields, _ b: JSONFields) -> Bool {
        func bits(_ value: JSONValue) -> JSONValue {
            if case .number(let number) = value { return .number(Double(bitPattern: number.bitPattern)) }
            return value
        }
        func numberBits(_ values: [JSONValue]) -> [UInt64?] {
            values.map { if case .number(let number) = $0 { number.bitPattern } else { nil } }
        }
        return a.values == b.values && a.members == b.members && numberBits(a.values) == numberBits(b.values)
            && numberBits(a.members.map(\.value)) == numberBits(b.members.map(\.value))
    }

    @Test func aWarmCacheChangesNothing() {
        var warm = Self.scanner.makeFields()
        var good = 0
        var bad = 0
        for seed in UInt64(0)..<6 {
            var sampler = Sampler(seed: seed)
            for step in 0..<400 {
                let line = Self.line(&sampler)
                let result = Self.scan(line.text, into: &warm)
                var cold = Self.scanner.makeFields()
                let coldResult = Self.scan(line.text, into: &cold)
                #expect(
                    result == coldResult, "seed \(seed) step \(step): \(String(decoding: line.text, as: UTF8.self))")
                #expect(Self.same(warm, cold), "seed \(seed) step \(step)")
                if result == .ok { good += 1 } else { bad += 1 }
                guard !line.mutated else { continue }
                // The generator's own account of the line.
                #expect(result == .ok, "seed \(seed) step \(step)")
                line.text.withUnsafeBytes { raw in
                    let features = warm.members.filter { $0.group == 0 }
                    #expect(features.map { $0.key.string(in: raw) } == line.keys, "seed \(seed) step \(step)")
                    for (member, expected) in zip(features, line.numbers) {
                        guard let expected else { continue }
                        guard case .number(let number) = member.value else {
                            Issue.record("seed \(seed) step \(step): \(member.value) for \(expected)")
                            continue
                        }
                        #expect(number.bitPattern == expected.bitPattern, "seed \(seed) step \(step)")
                    }
                }
            }
        }
        // Both kinds occurred, and the template holds a whole line's keys (so lookups hit).
        #expect(good > 1500 && bad > 100, "\(good) good, \(bad) bad")
        #expect(warm.keyCache.template.count >= Self.baseKeys.count)
    }

    /// A member's ``JSONMember/keyIndex`` names raw key bytes: under one ``JSONFields/keyGeneration``
    /// the same index always comes with the same raw bytes (oracle: the bytes of every earlier
    /// member reported with that generation and index, in any line and either group), over a
    /// producer whose keys drop out, reorder and change (new templates); and most keys hit.
    @Test func aKeyIndexNamesTheSameRawBytesWhileTheGenerationStays() {
        var fields = Self.scanner.makeFields()
        var seen: [UInt64: [Int32: [UInt8]]] = [:]
        var hits = 0
        var total = 0
        for seed in UInt64(10)..<14 {
            var sampler = Sampler(seed: seed)
            for step in 0..<400 {
                let line = Self.line(&sampler)
                guard Self.scan(line.text, into: &fields) == .ok else { continue }
                let generation = fields.keyGeneration
                for member in fields.members {
                    total += 1
                    guard member.keyIndex >= 0 else { continue }
                    hits += 1
                    let raw = Array(line.text[member.key.range])
                    if let earlier = seen[generation]?[member.keyIndex] {
                        #expect(earlier == raw, "seed \(seed) step \(step) index \(member.keyIndex)")
                    } else {
                        seen[generation, default: [:]][member.keyIndex] = raw
                    }
                }
            }
        }
        #expect(seen.count > 20, "\(seen.count) generations")
        #expect(hits * 2 > total, "\(hits) of \(total) keys matched the template")
    }

    /// Two scanners with different tries take turns on one `JSONFields`, and copies of it diverge:
    /// neither may use the other's remembered children.
    @Test func scannersAndCopiesDoNotShareChildren() {
        let a = JSONScanner(fields: [FieldPath("x.k")!])
        let b = JSONScanner(fields: [FieldPath("y.k")!])
        let lines = [#"{"x":{"k":1},"y":{"k":2}}"#, #"{"y":{"k":3},"x":{"k":4}}"#].map { Array($0.utf8) }
        var shared = a.makeFields()
        for round in 0..<6 {
            for (index, line) in lines.enumerated() {
                let scanner = round % 2 == 0 ? a : b
                _ = line.withUnsafeBytes { scanner.scan($0, into: &shared) }
                // Hand-known: x.k is 1 / 4 and y.k is 2 / 3 in the two lines.
                let expected: Double = round % 2 == 0 ? (index == 0 ? 1 : 4) : (index == 0 ? 2 : 3)
                #expect(shared.values == [.number(expected)], "round \(round) line \(index)")
            }
        }
        var copy = shared
        _ = lines[0].withUnsafeBytes { b.scan($0, into: &copy) }
        _ = lines[1].withUnsafeBytes { b.scan($0, into: &shared) }
        #expect(copy.values == [.number(2)] && shared.values == [.number(3)])
    }

    /// More members than the staging buffer holds, and members of nested requested objects,
    /// arrive complete and in document order.
    @Test func manyAndNestedMembersKeepTheirOrder() {
        let scanner = JSONScanner(fields: [], members: [FieldPath("f")!, FieldPath("f.g")!])
        let keys = (0..<150).map { "k\($0)" }
        let body = keys.enumerated().map { index, key in
            index == 70 ? "\"g\":{\"in1\":1,\"in2\":2}" : "\"\(key)\":\(index)"
        }.joined(separator: ",")
        let line = Array("{\"f\":{\(body)}}".utf8)
        var fields = scanner.makeFields()
        for _ in 0..<3 {
            let result = line.withUnsafeBytes { scanner.scan($0, into: &fields) }
            #expect(result == .ok)
            // Document order: the nested object's members come before `g` itself is reported.
            var expected = keys[0..<70].map { (0, $0) } + [(1, "in1"), (1, "in2"), (0, "g")]
            expected += keys[71...].map { (0, $0) }
            let actual = line.withUnsafeBytes { raw in fields.members.map { ($0.group, $0.key.string(in: raw)) } }
            #expect(actual.map(\.0) == expected.map(\.0) && actual.map(\.1) == expected.map(\.1))
        }
    }
}
