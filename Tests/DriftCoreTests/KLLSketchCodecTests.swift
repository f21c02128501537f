import DriftTestSupport
import Testing

@testable import DriftCore

struct KLLSketchCodecTests {
    /// Sketches in every state the codec must carry: empty, one item, exact, compacted, merged.
    static let samples: [(name: String, sketch: KLLSketch)] = [
        ("empty", KLLSketch()),
        ("empty k=65535", KLLSketch(k: 65_535)),
        ("one item", KLLSketch(k: 200, inserting: [-3.5])),
        ("exact", KLLSketch(k: 200, inserting: KLLTestStream.normal.values(count: 150, seed: 1))),
        ("compacted k=8", KLLSketch(k: 8, inserting: KLLTestStream.pareto1_1.values(count: 1_000, seed: 2))),
        ("compacted k=200", KLLSketch(k: 200, inserting: KLLTestStream.uniform.values(count: 20_000, seed: 3))),
        (
            "merged",
            KLLSketch(k: 50, inserting: KLLTestStream.lognormal.values(count: 3_000, seed: 4))
                .merging(KLLSketch(k: 50, inserting: KLLTestStream.tenDistinct.values(count: 900, seed: 5)))
        ),
    ]

    /// Sketch of 1…40 in a fixed scrambled order at k = 8 (three levels).
    static let goldenInput: [Double] = (1...40).map { Double($0 * 17 % 41) }

    /// The v1 encoding of `goldenInput`; recorded when v1 was released and never to be edited.
    static let goldenHex =
        "44570101000800032800000000000000855e936c49332ac4000000000000f03f0000000000004440020000000900000005000000"
        + "00000000000038400000000000001c40000000000000f03f000000000000144000000000000026400000000000002e40"
        + "000000000000354000000000000039400000000000003d40000000000000404000000000000043400000000000001840"
        + "000000000000284000000000000033400000000000003b400000000000804240"

    @Test func roundTripsEveryState() throws {
        for (name, sketch) in Self.samples {
            let bytes = sketch.encoded()
            let decoded = try KLLSketch(decoding: bytes)
            #expect(decoded == sketch, "\(name)")
            #expect(decoded.encoded() == bytes, "\(name)")
            #expect(decoded.quantiles(at: [0, 0.25, 0.5, 1]) == sketch.quantiles(at: [0, 0.25, 0.5, 1]), "\(name)")
            // The coin travels with the sketch: both continue identically.
            var continued = sketch
            var continuedDecoded = decoded
            for value in KLLTestStream.uniform.values(count: 2_000, seed: 6) {
                continued.insert(value)
                continuedDecoded.insert(value)
            }
            #expect(continued == continuedDecoded && continued.encoded() == continuedDecoded.encoded(), "\(name)")
        }
    }

    @Test func layoutMatchesTheTable() {
        let bytes = KLLSketch(k: 300, inserting: [2.5]).encoded()
        #expect(bytes.count == 5 + 2 + 1 + 8 + 8 + 16 + 4 + 8)
        #expect(Array(bytes[0..<8]) == [0x44, 0x57, 1, 1, 0, 0x2C, 0x01, 1])  // DW, family 1, v1, flags, k=300, H=1
        #expect(Array(bytes[8..<16]) == [1, 0, 0, 0, 0, 0, 0, 0])  // count
        #expect(Array(bytes[40..<44]) == [1, 0, 0, 0])  // level 0 size
        #expect(KLLSketch(k: 8).encoded().count == 5 + 2 + 1 + 8 + 8 + 4)  // no min/max when empty
    }

    @Test func sketchesConcatenateInOneStream() throws {
        var writer = ByteWriter()
        Self.samples[3].sketch.encode(into: &writer)
        Self.samples[4].sketch.encode(into: &writer)
        var reader = ByteReader(writer.bytes)
        #expect(try KLLSketch(from: &reader) == Self.samples[3].sketch)
        #expect(try KLLSketch(from: &reader) == Self.samples[4].sketch)
        try reader.expectEnd(family: .kllSketch)
        #expect(
            throws: SketchCodecError.trailingBytes(
                family: .kllSketch, count: writer.bytes.count - Self.samples[3].sketch.encoded().count)
        ) {
            try KLLSketch(decoding: writer.bytes)
        }
    }

    @Test func everyTruncationThrows() {
        for (name, sketch) in Self.samples {
            let bytes = sketch.encoded()
            for length in 0..<bytes.count {
                #expect(throws: SketchCodecError.self, "\(name) cut at \(length)") {
                    try KLLSketch(decoding: Array(bytes[..<length]))
                }
            }
        }
    }

    @Test func corruptedBytesThrowOrDecodeCanonically() {
        // Never a crash: each flipped blob either throws or decodes to a sketch whose invariants
        // hold (checked inside the decoder in debug builds) and that re-encodes to the same bytes.
        var sampler = Sampler(seed: 77)
        var decodedCount = 0
        let rounds = kllLongTests ? 16 : 1
        for (name, sketch) in Self.samples {
            let bytes = sketch.encoded()
            // Every byte of the header, sizes and small blobs; a seeded tenth of a large blob's items.
            let positions = bytes.indices.filter {
                $0 < 96 || bytes.count <= 600 || kllLongTests || sampler.int(below: 10) == 0
            }
            for position in positions {
                let random = (0..<rounds).map { _ in UInt8(truncatingIfNeeded: sampler.rng.next() | 1) }
                for mask: UInt8 in [0x01, 0x80, 0xFF] + random {
                    var corrupted = bytes
                    corrupted[position] ^= mask
                    if let decoded = try? KLLSketch(decoding: corrupted) {
                        decodedCount += 1
                        #expect(decoded.encoded() == corrupted, "\(name) byte \(position) mask \(mask)")
                    }
                }
            }
        }
        #expect(decodedCount > 0)  // flips of coin and low item bits are legitimately valid sketches
    }

    @Test func invalidFieldsSayExpectedAndFound() {
        func blob(_ edit: (inout [UInt8]) -> Void) -> [UInt8] {
            var bytes = KLLSketch(k: 8, inserting: [1, 2, 3]).encoded()
            edit(&bytes)
            return bytes
        }
        let cases: [(blob: [UInt8], error: SketchCodecError)] = [
            (blob { $0[4] = 2 }, .invalidField(family: .kllSketch, field: "flags", expected: "0", found: "2")),
            (blob { $0[5] = 7 }, .invalidField(family: .kllSketch, field: "k", expected: "8...65535", found: "7")),
            (
                blob { $0[7] = 0 },
                .invalidField(family: .kllSketch, field: "level count", expected: "1...64", found: "0")
            ),
            (
                blob { $0[7] = 65 },
                .invalidField(family: .kllSketch, field: "level count", expected: "1...64", found: "65")
            ),
            (
                blob { $0[15] = 0x80 },
                .invalidField(
                    family: .kllSketch, field: "count", expected: "at most 2^62", found: "\(UInt64(1) << 63 | 3)")
            ),
            (
                blob { $0[8] = 4 },
                .invalidField(family: .kllSketch, field: "count", expected: "the total level weight 3", found: "4")
            ),
            (
                blob { $0[40] = 9 },
                .invalidField(family: .kllSketch, field: "KLL level 0 size", expected: "at most 8", found: "9")
            ),
            (
                blob { $0.replaceSubrange(24..<32, with: KLLSketchCodecTests.littleEndian(5.0)) },
                .invalidField(
                    family: .kllSketch, field: "min/max", expected: "finite min ≤ max", found: "min 5.0, max 3.0")
            ),
            (
                blob { $0.replaceSubrange(44..<52, with: KLLSketchCodecTests.littleEndian(.nan)) },
                .invalidField(
                    family: .kllSketch, field: "item 0", expected: "a finite value in [min, max] = [1.0, 3.0]",
                    found: "nan")
            ),
            (
                blob { $0.replaceSubrange(24..<32, with: KLLSketchCodecTests.littleEndian(0.5)) },
                .invalidField(
                    family: .kllSketch, field: "min/max of an exact sketch", expected: "the smallest and largest item",
                    found: "min 0.5, max 3.0")
            ),
        ]
        for (bytes, error) in cases {
            #expect(throws: error) { try KLLSketch(decoding: bytes) }
        }
    }

    @Test func compactedLevelsMustBeSorted() throws {
        let sketch = KLLSketch(k: 8, inserting: (1...9).map(Double.init))  // level 1 holds 4 sorted items
        var bytes = sketch.encoded()
        let level1Start = 5 + 2 + 1 + 8 + 8 + 16 + 4 * 2 + 8 * 1
        bytes.replaceSubrange(
            level1Start..<(level1Start + 16),
            with: Array(bytes[(level1Start + 8)..<(level1Start + 16)]) + Array(bytes[level1Start..<(level1Start + 8)]))
        #expect(throws: SketchCodecError.self) { try KLLSketch(decoding: bytes) }
        do {
            _ = try KLLSketch(decoding: bytes)
        } catch {
            guard case let .invalidField(_, field, expected, _) = error else { Issue.record("\(error)"); return }
            #expect(field == "level 1 order" && expected == "ascending items")
        }
    }

    @Test func goldenV1BlobDecodesAndReencodes() throws {
        let expected = KLLSketch(k: 8, inserting: Self.goldenInput)
        guard !Self.goldenHex.isEmpty else {
            Issue.record("golden blob missing; record it as: \(Self.hex(expected.encoded()))")
            return
        }
        let bytes = try #require(Self.bytes(fromHex: Self.goldenHex))
        let decoded = try KLLSketch(decoding: bytes)
        #expect(decoded == expected)
        #expect(decoded.count == 40 && decoded.min == 1 && decoded.max == 40 && decoded.k == 8)
        // Level sizes 2, 9 and 5 at weights 1, 2 and 4: 2 + 18 + 20 = 40 values.
        #expect(Array(bytes[40..<52]) == [2, 0, 0, 0, 9, 0, 0, 0, 5, 0, 0, 0])
        #expect(decoded.encoded() == bytes)
    }

    static func littleEndian(_ value: Double) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt64($0))) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
        }
        return bytes
    }
}
