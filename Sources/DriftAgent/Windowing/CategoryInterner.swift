import DriftCore

/// The distinct values of one categorical feature, each given a small id, looked up by raw UTF-8.
///
/// The hot path meets the same few thousand category strings millions of times. Looking them up
/// here by their bytes (a word-at-a-time hash and a compare) replaces building a `String` and
/// hashing it with `Hasher` per value; the `String` and its ``StableHash`` (for the HyperLogLog
/// of ``CategoricalSummary``) are computed once, when a value is first seen.
///
/// Open addressing with linear probing over a power-of-two table at most half full. A slot holds
/// the value's id, length and 32 bits of its hash next to its first eight bytes, so a value of at
/// most eight bytes (most category strings) is found by reading one slot: no second lookup in the
/// id-indexed arrays, whose random accesses were cache misses for features of thousands of
/// values. Bounded: at most ``limit`` (≤ ``maximumCount``) values are interned (a feature of unbounded
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
        /// The value's first eight bytes, zero-padded (a validated string holds no NUL byte).
        var head: UInt64 = 0
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
    /// `raw` must be valid UTF-8 without NUL bytes (the scanner validated it; escaped strings
    /// never come here).
    /// - Complexity: O(`raw.count`) expected.
    mutating func id(of raw: UnsafeRawBufferPointer) -> Int? {
        let probe = Self.probeHash(raw)
        let key = (probe & 0xFFFF_FFFF_0000_0000) | 0x8000_0000 | UInt64(Swift.min(raw.count, 0x7FFF)) << 16
        let head = Self.head(raw)
        let mask = table.count &- 1
        var position = Self.position(probe, mask: mask)
        let found: Int? = table.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[position]
                if slot.meta == 0 { return nil }
                if slot.meta & ~0xFFFF == key, slot.head == head {
                    let id = Int(truncatingIfNeeded: slot.meta & 0xFFFF)
                    if raw.count <= 8 || matches(id, raw) { return id }
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
        table[position] = Slot(meta: key | UInt64(id), head: head)
        if 2 * values.count > table.count { grow() }
        return id
    }

    /// The first eight bytes of `raw`, little-endian, zero-padded.
    @inline(__always)
    private static func head(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = raw.baseAddress else { return 0 }
        if raw.count >= 8 { return UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) }
        var word: UInt64 = 0
        for offset in 0..<raw.count {
            word |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << (8 * UInt64(offset))
        }
        return word
    }

    /// A quick hash for the table (eight bytes a step); the stored ``StableHash`` is computed
    /// only when a value is interned.
    @inline(__always)
    static func probeHash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: raw.count) &* multiplier
        guard let base = raw.baseAddress else { return h }
        var offset = 0
        while raw.count &- offset >= 8 {
            h = (h ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
            h ^= h >> 29
            offset &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < raw.count {
            tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
            shift &+= 8
            offset &+= 1
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
