import DriftCore

/// The numbers of one window's numeric features that have not reached their summaries yet,
/// buffered column by column (one column per feature slot).
///
/// Folding a line used to insert each number into its ``FeatureSummary`` at once: moments,
/// sketch and bins in turn, through a copy-on-write check for each. A line now only appends
/// each number to its slot's column; a full column goes into its summary in one
/// ``FeatureSummary/insert(numbers:)`` call, whose parts each run a tight loop. The values of a
/// slot keep their order, and everything else a summary counts (rows, missing, type mismatches)
/// is a plain sum, so the summaries are the same as inserting every number as it comes —
/// provided every column is flushed (``flush(into:)``) before the summaries are read.
///
/// Value semantics with one uniqueness check per line, not per number: the columns live in a
/// class instance that ``makeUnique()`` copies if it is shared; ``append(_:slot:)`` then writes
/// through it without a check (the caller makes the columns unique once before a line's appends).
struct NumericColumns {
    /// Values buffered per slot before its column is flushed.
    static let depth = 128

    /// `nil` until the first value: an empty value (the one a line's fold swaps in and out)
    /// allocates nothing.
    private var storage: ColumnStorage?

    /// Copies the columns if another copy of this value shares them; call before ``append(_:slot:)``.
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage), let shared = storage { storage = shared.copy() }
    }

    /// Buffers `number` for feature `slot`; true when the slot's column is now full and must be
    /// flushed (``flush(slot:into:)``) before the next append to it. The columns must be unique
    /// (``makeUnique()``) since they were last copied.
    @inline(__always)
    mutating func append(_ number: Double, slot: Int) -> Bool {
        guard let storage, slot < storage.slots else { return appendGrowing(number, slot: slot) }
        let count = storage.counts[slot]
        storage.values[slot &* Self.depth &+ count] = number
        storage.counts[slot] = count &+ 1
        return count &+ 1 == Self.depth
    }

    /// ``append(_:slot:)`` after making room for `slot`.
    private mutating func appendGrowing(_ number: Double, slot: Int) -> Bool {
        let grown = storage ?? ColumnStorage()
        grown.grow(slots: slot &+ 1)
        storage = grown
        return append(number, slot: slot)
    }

    /// Hands the values buffered for `slot` to `summary`.
    mutating func flush(slot: Int, into summary: inout FeatureSummary) {
        makeUnique()
        guard let storage, slot < storage.slots, storage.counts[slot] > 0 else { return }
        let column = UnsafeBufferPointer(start: storage.values + slot &* Self.depth, count: storage.counts[slot])
        summary.insert(numbers: column)
        storage.counts[slot] = 0
    }

    /// Hands every buffered value to its summary (`features[slot]`); call before reading them.
    mutating func flush(into features: inout [FeatureSummary]) {
        for slot in 0..<Swift.min(storage?.slots ?? 0, features.count) { flush(slot: slot, into: &features[slot]) }
    }
}

/// The columns of ``NumericColumns``: `slots` columns of ``NumericColumns/depth`` values and
/// their counts, in manually allocated memory (so that an append is two loads and two stores).
private final class ColumnStorage {
    private(set) var slots = 0
    private(set) var values = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    private(set) var counts = UnsafeMutablePointer<Int>.allocate(capacity: 0)

    deinit {
        values.deallocate()
        counts.deallocate()
    }

    /// A copy holding the same buffered values.
    func copy() -> ColumnStorage {
        let copy = ColumnStorage()
        copy.grow(slots: slots)
        copy.values.update(from: values, count: slots * NumericColumns.depth)
        copy.counts.update(from: counts, count: slots)
        return copy
    }

    /// Makes room for at least `wanted` columns (at least doubling), keeping the buffered values.
    func grow(slots wanted: Int) {
        guard wanted > slots else { return }
        let grown = Swift.max(wanted, 2 * slots, 8)
        let newValues = UnsafeMutablePointer<Double>.allocate(capacity: grown * NumericColumns.depth)
        let newCounts = UnsafeMutablePointer<Int>.allocate(capacity: grown)
        newValues.initialize(repeating: 0, count: grown * NumericColumns.depth)
        newCounts.initialize(repeating: 0, count: grown)
        newValues.update(from: values, count: slots * NumericColumns.depth)
        newCounts.update(from: counts, count: slots)
        values.deallocate()
        counts.deallocate()
        values = newValues
        counts = newCounts
        slots = grown
    }
}
