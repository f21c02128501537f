/// Counts of a categorical feature's values in bounded memory: exact up to `cap` distinct values, then a sketch.
///
/// While at most `cap` distinct values have been seen (``isExact``), it holds the exact count of
/// each. The first value beyond the cap (by insert or merge) converts it, for good, to a
/// ``FrequentItems`` summary of capacity `cap` (Misra–Gries), which keeps the most frequent values
/// with lower-bound counts and attributes the rest to ``otherCount``. A ``HyperLogLog`` of every
/// value's ``StableHash`` is always maintained, so ``distinctEstimate`` is right after the
/// conversion and after merges (exact count of keys while exact; the HLL estimate, ±1.6 % standard
/// error, afterwards).
///
/// Memory is bounded whatever the cardinality: at most `cap` kept strings and counters plus 4 KiB
/// of registers (the strings themselves are as long as the caller makes them).
///
/// **Guarantees after conversion**, with `N` = ``count`` (always exact):
/// - `count(of: v) ≤ true(v) ≤ count(of: v) + maximumError`, and `maximumError ≤ N / (cap + 1)`;
/// - every value with a true count above `N / (cap + 1)` is kept;
/// - `otherCount + Σ kept counts == N`.
///
/// **Merging.** While the union of the two key sets fits in the cap, merging adds exact counts
/// and is exactly associative and commutative, with `CategoricalSummary(cap:)` as identity.
/// Beyond it, merging is exactly commutative, the identity still holds, ``count`` and the HLL
/// (hence ``distinctEstimate``) are exactly associative, and the kept counts of different
/// groupings may differ, each within the guarantees above. Summaries with different caps merge
/// at the smaller cap.
///
/// Values are compared with Swift's `String` equality (canonical equivalence) but hashed by their
/// UTF-8 bytes: canonically equivalent values spelled with different bytes are one key and may
/// count as two distinct values in the HLL.
/// - Complexity: `insert(_:)` is O(length of the value) amortised; memory is O(cap).
public struct CategoricalSummary: Mergeable, Sendable, Equatable {
    /// The default number of distinct values counted exactly.
    public static let defaultCap = 1_000
    /// The largest cap accepted.
    public static let maximumCap = 1 << 20
    /// The precision of the distinct-count sketch (4096 registers, 1.6 % standard error).
    public static let hyperLogLogPrecision = 12

    /// Where the per-value counts live: exact until the cap is exceeded, a sketch afterwards.
    enum Storage: Sendable, Equatable {
        /// Exact counts of at most `cap` distinct values.
        case exact([String: UInt64])
        /// A Misra–Gries summary of capacity `cap` whose maximum error is at least 1.
        case sketch(FrequentItems)
    }

    /// A value with its count (exact, or a lower bound after conversion).
    public struct ValueCount: Sendable, Equatable, Hashable {
        /// The categorical value.
        public var value: String
        /// Its count.
        public var count: UInt64

        /// Creates a value with its count.
        public init(value: String, count: UInt64) {
            self.value = value
            self.count = count
        }
    }

    /// The number of distinct values counted exactly before converting to a sketch.
    public private(set) var cap: Int
    /// The exact number of inserted values.
    public private(set) var count: UInt64
    private(set) var storage: Storage
    /// The distinct-count sketch of every inserted value, kept up to date in both modes.
    public private(set) var distinctSketch: HyperLogLog

    /// Creates an empty summary.
    ///
    /// - Parameter cap: the number of distinct values counted exactly, in `1...maximumCap`.
    public init(cap: Int = CategoricalSummary.defaultCap) {
        precondition(
            cap >= 1 && cap <= CategoricalSummary.maximumCap,
            "CategoricalSummary: cap \(cap) not in 1...\(CategoricalSummary.maximumCap)")
        self.cap = cap
        self.count = 0
        self.storage = .exact([:])
        self.distinctSketch = HyperLogLog(precision: CategoricalSummary.hyperLogLogPrecision)
    }

    /// Creates a summary from decoded parts, unchecked; the codec validates before calling.
    init(cap: Int, count: UInt64, storage: Storage, distinctSketch: HyperLogLog) {
        self.cap = cap
        self.count = count
        self.storage = storage
        self.distinctSketch = distinctSketch
    }

    /// Whether the summary still holds the exact count of every value seen.
    public var isExact: Bool {
        if case .exact = storage { return true }
        return false
    }

    /// The number of distinct values: exact while ``isExact``, the HyperLogLog estimate afterwards.
    ///
    /// - Complexity: O(1) while exact, O(4096) afterwards.
    public var distinctEstimate: Double {
        switch storage {
        case .exact(let counts): Double(counts.count)
        case .sketch: distinctSketch.estimate()
        }
    }

    /// The largest amount by which ``count(of:)`` may be below the true count; 0 while exact.
    public var maximumError: UInt64 {
        switch storage {
        case .exact: 0
        case .sketch(let items): items.maximumError
        }
    }

    /// The kept values and their counts (all values seen, while exact).
    public var keptCounts: [String: UInt64] {
        switch storage {
        case .exact(let counts): counts
        case .sketch(let items): items.keptCounts
        }
    }

    /// The count of `value`: exact while ``isExact``, afterwards a lower bound at most ``maximumError`` below.
    public func count(of value: String) -> UInt64 {
        switch storage {
        case .exact(let counts): counts[value] ?? 0
        case .sketch(let items): items.count(of: value)
        }
    }

    /// The count not attributed to any kept value (`count − Σ kept counts`); 0 while exact.
    ///
    /// - Complexity: O(cap).
    public var otherCount: UInt64 {
        switch storage {
        case .exact: 0
        case .sketch(let items): count - items.keptTotal
        }
    }

    /// The kept values by count descending, then value ascending.
    ///
    /// - Complexity: O(cap log cap).
    public var topValues: [ValueCount] {
        keptCounts.map { ValueCount(value: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value
        }
    }

    /// Counts one occurrence of `value`.
    ///
    /// - Complexity: O(length of `value`) amortised.
    public mutating func insert(_ value: String) {
        insert(value, stableHash: StableHash.hash(value))
    }

    /// Counts one occurrence of `value` whose ``StableHash`` the caller already has.
    ///
    /// - Parameter stableHash: `StableHash.hash(value)` (equal to the hash of its UTF-8 bytes).
    /// - Complexity: O(length of `value`) amortised.
    public mutating func insert(_ value: String, stableHash: UInt64) {
        count += 1
        distinctSketch.insert(hash: stableHash)
        switch storage {
        case .exact(var counts):
            storage = .exact([:])  // release the payload so the dictionary is mutated in place, not copied
            if let index = counts.index(forKey: value) {
                counts.values[index] += 1
                storage = .exact(counts)
            } else if counts.count < cap {
                counts[value] = 1
                storage = .exact(counts)
            } else {
                counts[value] = 1
                storage = .sketch(FrequentItems(counts: counts, total: count, capacity: cap))
            }
        case .sketch(var items):
            storage = .exact([:])
            items.insert(value)
            storage = .sketch(items)
        }
    }

    /// Counts `count` occurrences of each value, as that many ``insert(_:)`` calls would.
    ///
    /// While the summary stays exact (the values already kept plus the new ones fit in the cap),
    /// the result is the same whatever the order of the inserts, so each value is counted in one
    /// step. A value that would exceed the cap is inserted one occurrence at a time instead, in
    /// the order given, which is then the order the result stands for.
    /// - Parameter values: each value with its count (≥ 1) and `StableHash.hash(value)`.
    /// - Complexity: O(values) amortised while exact.
    public mutating func insert(exactCounts values: [(value: String, count: UInt64, stableHash: UInt64)]) {
        for entry in values where entry.count > 0 {
            guard case .exact(var counts) = storage else {
                for _ in 0..<entry.count { insert(entry.value, stableHash: entry.stableHash) }
                continue
            }
            storage = .exact([:])  // release the payload so the dictionary is mutated in place
            if let index = counts.index(forKey: entry.value) {
                counts.values[index] += entry.count
            } else if counts.count < cap {
                counts[entry.value] = entry.count
            } else {
                storage = .exact(counts)
                for _ in 0..<entry.count { insert(entry.value, stableHash: entry.stableHash) }
                continue
            }
            storage = .exact(counts)
            count += entry.count
            distinctSketch.insert(hash: entry.stableHash)
        }
    }

    /// The Misra–Gries sketch the summary holds past its cap; nil while ``isExact``.
    public var sketch: FrequentItems? {
        if case .sketch(let items) = storage { return items }
        return nil
    }

    /// Replaces the sketch with `items`, which continues it: ``sketch`` after `items.total − count`
    /// further inserts counted elsewhere (e.g. by id in ``FrequentIDs``), whose values' stable
    /// hashes are `stableHashes` (any order, repeats allowed). The summary is then what those
    /// inserts would have made it.
    ///
    /// - Complexity: O(stable hashes).
    public mutating func replaceSketch(with items: FrequentItems, stableHashes: some Sequence<UInt64>) {
        precondition(!isExact, "CategoricalSummary: replaceSketch on an exact summary")
        precondition(
            items.capacity == cap && items.total >= count && items.maximumError >= maximumError,
            "CategoricalSummary: replaceSketch with a sketch that does not continue this one")
        for hash in stableHashes { distinctSketch.insert(hash: hash) }
        count = items.total
        storage = .sketch(items)
    }

    /// Folds `other` in; see the type's notes for what holds exactly and what within bounds.
    ///
    /// - Complexity: O((n₁ + n₂) log(n₁ + n₂)) kept entries, plus O(4096) for the HLL.
    public mutating func merge(_ other: CategoricalSummary) {
        let newCap = Swift.min(cap, other.cap)
        let newCount = count + other.count
        distinctSketch.merge(other.distinctSketch)
        switch (storage, other.storage) {
        case (.exact(var mine), .exact(let theirs)):
            storage = .exact([:])
            mine.merge(theirs, uniquingKeysWith: +)
            storage =
                mine.count <= newCap
                ? .exact(mine) : .sketch(FrequentItems(counts: mine, total: newCount, capacity: newCap))
        default:
            var items = sketchView(capacity: newCap)
            storage = .exact([:])
            items.merge(other.sketchView(capacity: newCap))
            storage = .sketch(items)
        }
        cap = newCap
        count = newCount
    }

    /// The counts as a Misra–Gries summary of the given capacity (exact counts reduce if they do not fit).
    private func sketchView(capacity: Int) -> FrequentItems {
        switch storage {
        case .exact(let counts):
            return FrequentItems(counts: counts, total: count, capacity: capacity)
        case .sketch(var items):
            if items.capacity > capacity { items.merge(FrequentItems(capacity: capacity)) }
            return items
        }
    }
}
