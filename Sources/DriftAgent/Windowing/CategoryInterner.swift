import DriftCore

/// The distinct values of one categorical feature, each given a small id, looked up by raw UTF-8.
///
/// The hot path meets the same few thousand category strings millions of times. Looking them up
/// here by their bytes (a word-at-a-time hash and a compare) replaces building a `String` and
/// hashing it with `Hasher` per value; the `String` and its ``StableHash`` (for the HyperLogLog
/// of ``CategoricalSummary``) are computed once, when a value is first seen.
///
/// Open addressing with linear probing over a power-of-two table at most half full. A slot holds
/// the value's id, length and 32 bits of its hash next to its first and last eight bytes, so a
/// value of at most 16 bytes (most category strings) is found by reading one slot: no second
/// lookup in the id-indexed arrays, whose random accesses were cache misses for features of
/// thousands of values. Bounded: at most ``limit`` (≤ ``maximumCount``) values are interned (a feature of unbounded
/// cardinality, e.g. a user id, must not grow memory without limit); after that, new values get
/// no id and the caller takes the ordinary path.
struct CategoryInterner {
    /// The most values interned per feature (ids fit the 16 low bits of ``Slot/meta``).
    static let maximumCount = 1 << 16

    /// One table entry; `meta == 0` when empty.
    private struct Slot {
        /// The probe hash's high 32 bits, an occupied bit (bit 31), the length capped at 0x7FFF
        /// (bits 16–30) and the id (bits 0–15).
        var meta: UInt64 = 0
        /// The value's first eight bytes, zero-padded.
        var head: UInt64 = 0
        /// The value's last eight bytes when it has at least eight, else 0.
        var tail: UInt64 = 0
    }

    /// The interned values, by id.
    private(set) var values: [String] = []
    /// `StableHash.hash(bytes:)` of each value, by id.
    private(set) var hashes: [UInt64] = []
    /// Whether each value is ASCII, by id (distinct ASCII values are distinct Swift strings).
    private(set) var isASCII: [Bool] = []
    /// The UTF-8 bytes of every value, back to back; value `id` is `bytes[starts[id]..<starts[id + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open-addressing slots.
    private var table = [Slot](repeating: Slot(), count: 64)
    /// The most values this interner takes, at most ``maximumCount``.
    let limit: Int

    /// Creates an empty interner taking at most `limit` values.
    init(limit: Int = CategoryInterner.maximumCount) {
        precondition(limit >= 0 && limit <= Self.maximumCount, "CategoryInterner: limit \(limit)")
        self.limit = limit
    }

    /// The number of interned values.
    var count: Int { values.count }

    /// The id of the value whose UTF-8 is `raw`, interning it if new; nil when full and not found.
    ///
    /// `raw` must be valid UTF-8 (escaped strings never come here: the caller decodes them).
    /// - Complexity: O(`raw.count`) expected.
    mutating func id(of raw: UnsafeRawBufferPointer) -> Int? {
        let (head, tail) = Self.words(raw)
        let probe = Self.probeHash(raw, head: head, tail: tail)
        let key = (probe & 0xFFFF_FFFF_0000_0000) | 0x8000_0000 | UInt64(Swift.min(raw.count, 0x7FFF)) << 16
        let mask = table.count &- 1
        var position = Self.position(probe, mask: mask)
        let found: Int? = table.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[position]
                if slot.meta == 0 { return nil }
                if slot.meta & ~0xFFFF == key, slot.head == head, slot.tail == tail {
                    let id = Int(truncatingIfNeeded: slot.meta & 0xFFFF)
                    if raw.count <= 16 || matches(id, raw) { return id }
                }
                position = (position &+ 1) & mask
            }
        }
        if let found { return found }
        guard values.count < limit else { return nil }
        let id = values.count
        values.append(String(decoding: raw, as: UTF8.self))
        hashes.append(StableHash.hash(bytes: raw))
        isASCII.append(raw.allSatisfy { $0 < 0x80 })
        bytes.append(contentsOf: raw)
        starts.append(bytes.count)
        table[position] = Slot(meta: key | UInt64(id), head: head, tail: tail)
        if 2 * values.count > table.count { grow() }
        return id
    }

    /// The first eight bytes of `raw` (zero-padded) and, when it has at least eight, its last
    /// eight (else 0), little-endian: with the length, they are the whole value up to 16 bytes.
    @inline(__always)
    static func words(_ raw: UnsafeRawBufferPointer) -> (head: UInt64, tail: UInt64) {
        guard let base = raw.baseAddress else { return (0, 0) }
        let count = raw.count
        if count >= 8 {
            return (
                UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)),
                UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
            )
        }
        var word: UInt64 = 0
        var offset = 0
        if count & 4 != 0 {
            word = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            offset = 4
        }
        if count & 2 != 0 {
            let half = UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            word |= UInt64(half) << (8 &* offset)
            offset &+= 2
        }
        if count & 1 != 0 { word |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << (8 &* offset) }
        return (word, 0)
    }

    /// A quick hash for the table from the length, the ``words(_:)`` and (past 16 bytes) the
    /// words between them; the stored ``StableHash`` is computed only when a value is interned.
    @inline(__always)
    static func probeHash(_ raw: UnsafeRawBufferPointer, head: UInt64, tail: UInt64) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = ((UInt64(truncatingIfNeeded: raw.count) &* multiplier) ^ head) &* multiplier
        h ^= h >> 29
        if raw.count > 16, let base = raw.baseAddress {
            var offset = 8
            while offset &+ 8 < raw.count {
                h = (h ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
                h ^= h >> 29
                offset &+= 8
            }
        }
        h = (h ^ tail) &* multiplier
        return h ^ (h >> 32)
    }

    private func matches(_ id: Int, _ raw: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id]
        let length = starts[id &+ 1] &- start
        guard length == raw.count else { return false }
        guard length > 0, let source = raw.baseAddress else { return true }
        return bytes.withUnsafeBytes { stored in
            guard let base = stored.baseAddress else { return false }
            return MemberKeyCache.equalBytes(base + start, source, length)
        }
    }

    /// The home slot of a value: the probe hash's high 32 bits (the ones a slot keeps in `meta`).
    @inline(__always)
    private static func position(_ bits: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: bits >> 32) & mask }

    /// Doubles the table and reinserts every slot.
    private mutating func grow() {
        let old = table
        table = [Slot](repeating: Slot(), count: table.count * 2)
        let mask = table.count - 1
        for slot in old where slot.meta != 0 {
            var position = Self.position(slot.meta, mask: mask)
            while table[position].meta != 0 { position = (position + 1) & mask }
            table[position] = slot
        }
    }
}
