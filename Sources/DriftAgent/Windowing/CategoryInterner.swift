import DriftCore

/// The distinct values of one categorical feature, each given a small id, looked up by raw UTF-8.
///
/// The hot path meets the same few thousand category strings millions of times. Looking them up
/// here by their bytes (a word-at-a-time hash and a compare) replaces building a `String` and
/// hashing it with `Hasher` per value; the `String` and its ``StableHash`` (for the HyperLogLog
/// of ``CategoricalSummary``) are computed once, when a value is first seen.
///
/// Open addressing with linear probing over a power-of-two table at most half full. Bounded: at
/// most ``maximumCount`` values are interned (a feature of unbounded cardinality, e.g. a user id,
/// must not grow memory without limit); after that, new values get no id and the caller takes
/// the ordinary path.
struct CategoryInterner {
    /// The most values interned per feature.
    static let maximumCount = 1 << 16

    /// The interned values, by id.
    private(set) var values: [String] = []
    /// `StableHash.hash(bytes:)` of each value, by id.
    private(set) var hashes: [UInt64] = []
    /// ``probeHash(_:)`` of each value, by id.
    private var probes: [UInt64] = []
    /// The UTF-8 bytes of every value, back to back; value `id` is `bytes[starts[id]..<starts[id + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open-addressing slots: an id, or -1 when empty.
    private var table = [Int32](repeating: -1, count: 64)

    /// The number of interned values.
    var count: Int { values.count }

    /// The id of the value whose UTF-8 is `raw`, interning it if new; nil when full and not found.
    ///
    /// `raw` must be valid UTF-8 (the scanner validated it).
    /// - Complexity: O(`raw.count`) expected.
    mutating func id(of raw: UnsafeRawBufferPointer) -> Int? {
        let probe = Self.probeHash(raw)
        let mask = table.count &- 1
        var position = Int(truncatingIfNeeded: probe) & mask
        while true {
            let id = Int(table[position])
            if id < 0 { break }
            if probes[id] == probe, matches(id, raw) { return id }
            position = (position &+ 1) & mask
        }
        guard values.count < Self.maximumCount else { return nil }
        let id = values.count
        values.append(String(decoding: raw, as: UTF8.self))
        hashes.append(StableHash.hash(bytes: raw))
        probes.append(probe)
        bytes.append(contentsOf: raw)
        starts.append(bytes.count)
        table[position] = Int32(id)
        if 2 * values.count > table.count { grow() }
        return id
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

    /// Doubles the table and reinserts every id.
    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for (id, hash) in probes.enumerated() {
            var position = Int(truncatingIfNeeded: hash) & mask
            while table[position] >= 0 { position = (position + 1) & mask }
            table[position] = Int32(id)
        }
    }
}
