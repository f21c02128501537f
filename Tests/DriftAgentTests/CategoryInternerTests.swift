import DriftCore
import Testing

@testable import DriftAgent

/// The byte-keyed interner: ids are dense and stable, each value's `String` and `StableHash` are
/// those of its bytes (oracle: `String(decoding:)` and `StableHash.hash(_:)` of the string), and
/// the table stops growing at its bound.
struct CategoryInternerTests {
    private static func id(_ interner: inout CategoryInterner, _ text: String) -> Int? {
        Array(text.utf8).withUnsafeBytes { interner.id(of: $0) }
    }

    @Test func idsAreDenseStableAndByteExact() {
        var interner = CategoryInterner()
        // Lengths 0…40 around the 8-byte steps, prefixes of each other, and non-ASCII bytes.
        var texts = (0...40).map { String(repeating: "k", count: $0) }
        texts += ["a", "b", "ab", "ba", "é", "e\u{301}", "K", "\u{212A}", "region-01", "region-10"]
        // Equal first and last eight bytes, different middle (past 16 bytes) or length.
        texts += ["prefix01-X-suffix08", "prefix01-Y-suffix08", "prefix01suffix08", "prefix01Zsuffix08"]
        texts += ["\u{0}", "\u{0}\u{0}", "a\u{0}b"]  // decoded escapes may hold NUL bytes
        for round in 0..<3 {
            for (index, text) in texts.enumerated() {
                #expect(Self.id(&interner, text) == index, "round \(round), \(text.debugDescription)")
            }
        }
        #expect(interner.count == texts.count)
        for (index, text) in texts.enumerated() {
            #expect(interner.values[index].utf8.elementsEqual(text.utf8), "\(text.debugDescription)")
            #expect(interner.hashes[index] == StableHash.hash(text), "\(text.debugDescription)")
        }
    }

    @Test func fullInternerStillFindsItsValuesButAddsNone() {
        var interner = CategoryInterner()
        for i in 0..<CategoryInterner.maximumCount { _ = Self.id(&interner, "id-\(i)") }
        #expect(interner.count == CategoryInterner.maximumCount)
        #expect(Self.id(&interner, "id-12345") == 12_345)
        #expect(Self.id(&interner, "one too many") == nil)
        #expect(interner.count == CategoryInterner.maximumCount)
    }
}
