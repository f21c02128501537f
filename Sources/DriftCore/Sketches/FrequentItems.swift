/// Finds the most frequent strings of a stream with at most `capacity` counters (Misra–Gries).
///
/// The Misra & Gries (1982) summary, with the weighted updates and the mergeable combination of
/// Agarwal, Cormode, Huang, Phillips, Wei & Yi (2012), "Mergeable summaries". With capacity `m`
/// and `N` the total count inserted:
/// - every estimate is a lower bound: `count(of: x) ≤ true(x)`;
/// - it is at most ``maximumError`` below: `true(x) − maximumError ≤ count(of: x)`, and
///   `maximumError ≤ (N − Σ kept counts) / (m + 1) ≤ N / (m + 1)`;
/// - so every item with a true count above `N / (m + 1)` is kept.
///
/// These bounds hold after any sequence of inserts and merges (in any grouping).
///
/// **Merging.** Counters are added, then, if more than `m` remain, the `(m+1)`-th largest count
/// is subtracted from all of them and the non-positive ones are dropped (Agarwal et al., §3).
/// Merge is exactly commutative, and the empty summary (same or larger capacity) is an exact
/// identity. While no counter has ever been dropped (``maximumError`` is 0) the summary holds the
/// exact counts and merging is exactly associative too; afterwards different groupings may keep
/// different counts, each within the bounds above. Two summaries of different capacity merge at
/// the smaller one, and the bounds hold with that `m`.
///
/// Items are compared with Swift's `String` equality (canonical equivalence).
/// - Complexity: `insert` is O(1) amortised (a full pass over the `m` counters happens at most
///   `N / (m + 1)` times); `merge` is O(m log m); memory is O(m) counters plus the strings.
public struct FrequentItems: Mergeable, Sendable, Equatable {
    /// An item with its estimated count.
    public struct Item: Sendable, Equatable, Hashable {
        /// The item.
        public var item: String
        /// Its estimated count: a lower bound on the true count.
        public var count: UInt64

        /// Creates an item with its count.
        public init(item: String, count: UInt64) {
            self.item = item
            self.count = count
        }
    }

    /// The largest capacity accepted (bounds decoding).
    public static let maximumCapacity = 1 << 24

    /// The maximum number of counters kept, `m`.
    public private(set) var capacity: Int
    @usableFromInline var counters: [String: UInt64]
    @usableFromInline var storedTotal: UInt64
    /// The sum of all amounts subtracted from every counter: the largest possible undercount.
    @usableFromInline var offset: UInt64

    /// Creates an empty summary.
    ///
    /// - Parameter capacity: the number of counters `m`, in `1...maximumCapacity`.
    public init(capacity: Int) {
        precondition(
            capacity >= 1 && capacity <= FrequentItems.maximumCapacity,
            "FrequentItems: capacity \(capacity) not in 1...\(FrequentItems.maximumCapacity)")
        self.capacity = capacity
        counters = [:]
        storedTotal = 0
        offset = 0
    }

    /// Creates a summary from exact counts, reducing them to `capacity` counters if there are more.
    ///
    /// - Parameters:
    ///   - counts: exact (or already bounded) counts, all ≥ 1.
    ///   - total: the total count they stand for, ≥ their sum.
    ///   - maximumError: the undercount already carried by `counts` (0 for exact counts).
    ///   - capacity: the number of counters `m`.
    /// - Complexity: O(n log n) when reducing, O(1) otherwise.
    public init(counts: [String: UInt64], total: UInt64, maximumError: UInt64 = 0, capacity: Int) {
        self.init(capacity: capacity)
        precondition(counts.values.allSatisfy { $0 > 0 }, "FrequentItems: counts must be ≥ 1")
        precondition(counts.values.reduce(0, +) <= total, "FrequentItems: counts sum above total \(total)")
        counters = counts
        storedTotal = total
        offset = maximumError
        reduceToCapacity()
    }

    /// The total count inserted (exact).
    public var total: UInt64 { storedTotal }

    /// The largest amount by which any ``count(of:)`` may be below the true count; at most `total / (capacity + 1)`.
    public var maximumError: UInt64 { offset }

    /// The number of counters in use (≤ ``capacity``).
    public var keptCount: Int { counters.count }

    /// The sum of the kept counts; `total − keptTotal` is the mass not attributed to any kept item.
    ///
    /// - Complexity: O(m).
    public var keptTotal: UInt64 { counters.values.reduce(0, +) }

    /// The kept counters, keyed by item.
    public var keptCounts: [String: UInt64] { counters }

    /// The kept items, by count descending, then item ascending.
    ///
    /// - Complexity: O(m log m).
    public var items: [Item] {
        counters.map { Item(item: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.item < $1.item
        }
    }

    /// The estimated count of `item`: a lower bound, at most ``maximumError`` below the true count.
    public func count(of item: String) -> UInt64 { counters[item] ?? 0 }

    /// An upper bound on the true count of `item`: `count(of:) + maximumError`.
    public func upperBound(of item: String) -> UInt64 { counters[item, default: 0] + offset }

    /// Counts `count` occurrences of `item`.
    ///
    /// - Complexity: O(1) amortised; see the type's notes.
    @inlinable
    public mutating func insert(_ item: String, count: UInt64 = 1) {
        if count == 0 { return }
        storedTotal += count
        if let index = counters.index(forKey: item) {
            counters.values[index] += count
        } else if counters.count < capacity {
            counters[item] = count
        } else {
            insertWhenFull(item, count: count)
        }
    }

    /// The Misra–Gries decrement: subtract the smallest of the m + 1 counts from all of them.
    @usableFromInline
    mutating func insertWhenFull(_ item: String, count: UInt64) {
        let smallest = counters.values.min() ?? 0
        let decrement = Swift.min(count, smallest)
        offset += decrement
        for index in counters.indices { counters.values[index] -= decrement }
        counters = counters.filter { $0.value > 0 }
        if count > decrement { counters[item] = count - decrement }
    }

    /// Folds `other` in (Agarwal et al. 2012): add counters, then reduce to the smaller capacity.
    ///
    /// - Complexity: O((m₁ + m₂) log(m₁ + m₂)).
    public mutating func merge(_ other: FrequentItems) {
        capacity = Swift.min(capacity, other.capacity)
        storedTotal += other.storedTotal
        offset += other.offset
        counters.merge(other.counters, uniquingKeysWith: +)
        reduceToCapacity()
    }

    /// If more than `capacity` counters remain, subtract the (m+1)-th largest count from all and drop the non-positive.
    private mutating func reduceToCapacity() {
        guard counters.count > capacity else { return }
        let sorted = counters.values.sorted(by: >)
        let cut = sorted[capacity]
        offset += cut
        counters = counters.compactMapValues { $0 > cut ? $0 - cut : nil }
    }
}
