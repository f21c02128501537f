/// A ``FrequentItems`` (Misra–Gries) summary whose items are small integer ids, for a caller that
/// names its values by dense ids (e.g. an interner) and meets them far more often than new ones.
///
/// It makes exactly the moves of ``FrequentItems`` — the same counters, the same decrements at
/// the same inserts, the same survivors, the same ``total`` and ``maximumError`` — with an array
/// indexed by id in place of a `[String: UInt64]`: counting a kept id is an array increment, and
/// the decrement that a new item meets when all `capacity` counters are in use subtracts 1 from
/// each kept counter in place. ``frequentItems(values:)`` turns it back into the string-keyed
/// summary; with `values` pairwise distinct as Swift strings (so that distinct ids are distinct
/// keys) that summary equals the one the same inserts would have built by value.
///
/// No order matters: the Misra–Gries step depends on the counters' values only (the smallest of
/// the m + 1 counts, then every counter minus it), never on which key comes first.
/// - Complexity: ``insert(_:)`` is O(1) amortised (a pass over the `m` kept ids at most
///   `total / (m + 1)` times); memory is O(largest id + m).
public struct FrequentIDs: Sendable {
    /// The maximum number of counters kept, `m`.
    public let capacity: Int
    /// The total count inserted (exact).
    public var total: UInt64 { storedTotal }
    @usableFromInline var storedTotal: UInt64
    /// The largest amount by which a kept count may be below the true count.
    public private(set) var maximumError: UInt64
    /// Per id: its counter, 0 when it has none (counters are ≥ 1).
    @usableFromInline var counts: [UInt64]
    /// The ids with a counter, in no particular order.
    @usableFromInline var kept: [Int]

    /// Creates an empty summary.
    ///
    /// - Parameter capacity: the number of counters `m`, in `1...FrequentItems.maximumCapacity`.
    public init(capacity: Int) {
        precondition(
            capacity >= 1 && capacity <= FrequentItems.maximumCapacity,
            "FrequentIDs: capacity \(capacity) not in 1...\(FrequentItems.maximumCapacity)")
        self.capacity = capacity
        storedTotal = 0
        maximumError = 0
        counts = []
        kept = []
    }

    /// The same summary as `items`, each kept item named by `id(item)`; nil when an item has no id
    /// (`id` returns nil or a negative id) or two items share one.
    ///
    /// - Complexity: O(m) calls of `id`.
    public init?(_ items: FrequentItems, id: (String) -> Int?) {
        self.init(capacity: items.capacity)
        storedTotal = items.total
        maximumError = items.maximumError
        kept.reserveCapacity(items.keptCount)
        for (item, count) in items.counters {
            guard let index = id(item), index >= 0 else { return nil }
            if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count)) }
            guard counts[index] == 0 else { return nil }
            counts[index] = count
            kept.append(index)
        }
    }

    /// The number of counters in use (≤ ``capacity``).
    public var keptCount: Int { kept.count }

    /// The counter of `id`: a lower bound on its count, at most ``maximumError`` below; 0 when not kept.
    public func count(of id: Int) -> UInt64 { id >= 0 && id < counts.count ? counts[id] : 0 }

    /// Counts one occurrence of `id` (≥ 0), as `FrequentItems.insert(_:)` of its value would.
    ///
    /// - Complexity: O(1) amortised; see the type's notes.
    @inlinable
    public mutating func insert(_ id: Int) {
        storedTotal &+= 1
        if id < counts.count, counts[id] != 0 {
            counts[id] &+= 1
        } else {
            insertUncounted(id)
        }
    }

    /// Inserts an id without a counter: a new counter while fewer than `m` are in use, otherwise
    /// the Misra–Gries decrement (every counter and the new occurrence minus 1, since all are ≥ 1).
    @usableFromInline
    mutating func insertUncounted(_ id: Int) {
        precondition(id >= 0, "FrequentIDs: negative id \(id)")
        if kept.count < capacity {
            if id >= counts.count {
                counts.append(contentsOf: repeatElement(0, count: Swift.max(id + 1, 2 * counts.count) - counts.count))
            }
            counts[id] = 1
            kept.append(id)
            return
        }
        maximumError &+= 1
        var survivors = 0
        for index in kept.indices {
            let keptID = kept[index]
            counts[keptID] &-= 1
            if counts[keptID] != 0 {
                kept[survivors] = keptID
                survivors &+= 1
            }
        }
        kept.removeLast(kept.count - survivors)
    }

    /// The string-keyed summary: kept id `i` becomes item `values[i]`.
    ///
    /// - Parameter values: a value per id, at least up to the largest kept id, pairwise distinct as
    ///   Swift strings among the kept ids.
    /// - Complexity: O(m).
    public func frequentItems(values: [String]) -> FrequentItems {
        var counters: [String: UInt64] = [:]
        counters.reserveCapacity(kept.count)
        for id in kept { counters[values[id]] = counts[id] }
        precondition(counters.count == kept.count, "FrequentIDs: kept ids name equal values")
        return FrequentItems(counts: counters, total: total, maximumError: maximumError, capacity: capacity)
    }
}
