import DriftCore

/// Counts of one categorical feature in one window, by interned id, not yet in its summary.
///
/// While a ``CategoricalSummary`` is exact its counts do not depend on the order of the inserts,
/// so the hot path only bumps `pending[id]` and the counts reach the summary in one step per
/// distinct value (``flush(into:values:hashes:)``) — before every snapshot of the window, and just
/// before the first value that would take the summary past its cap, from which point on (the
/// summary is a Misra–Gries sketch, whose result depends on the order) every value is inserted
/// as it comes. The profiles are therefore the same as inserting every value as it comes.
///
/// The batch is valid only while the summary's keys are exactly the ids marked `present`: it
/// starts only on an empty summary and stops for good (``isActive`` false) on anything it cannot
/// follow — a value without an id, or one the caller inserts directly.
struct CategoryBatch {
    /// Whether counts are still deferred.
    private(set) var isActive: Bool
    /// Per id: the count not yet in the summary.
    private var pending: [UInt64] = []
    /// Per id: whether it is a key of the summary or has a pending count.
    private var present: [Bool] = []
    /// The ids with a pending count, in the order their count became nonzero.
    private var touched: [Int] = []
    /// The number of ids present: the summary's key count once flushed.
    private var distinct = 0

    /// Starts a batch for `summary`; inactive unless the summary is still empty and exact.
    init(for summary: FeatureSummary) {
        isActive = summary.kind == .categorical && summary.categories.count == 0 && summary.categories.isExact
    }

    /// Defers one occurrence of interned value `id` (of an interner holding `idCount` values),
    /// counting its row in `summary`; false when the caller must insert the value itself: the
    /// batch is inactive, or the value would take the summary past its cap (``isActive`` is then
    /// still true: ``stop(into:values:hashes:)`` first).
    @inline(__always)
    mutating func count(_ id: Int, idCount: Int, summary: inout FeatureSummary) -> Bool {
        guard isActive else { return false }
        if id >= present.count {
            let size = Swift.max(idCount, id + 1)
            pending.append(contentsOf: repeatElement(0, count: size - pending.count))
            present.append(contentsOf: repeatElement(false, count: size - present.count))
        }
        if !present[id] {
            if distinct >= summary.categories.cap { return false }  // from here on the order matters
            present[id] = true
            distinct += 1
        }
        if pending[id] == 0 { touched.append(id) }
        pending[id] &+= 1
        summary.rows &+= 1
        return true
    }

    /// Hands the pending counts to `summary`; the batch stays active.
    mutating func flush(into summary: inout FeatureSummary, values: [String], hashes: [UInt64]) {
        guard !touched.isEmpty else { return }
        var entries: [(value: String, count: UInt64, stableHash: UInt64)] = []
        entries.reserveCapacity(touched.count)
        for id in touched where pending[id] > 0 {
            entries.append((values[id], pending[id], hashes[id]))
            pending[id] = 0
        }
        touched.removeAll(keepingCapacity: true)
        summary.categories.insert(exactCounts: entries)
    }

    /// Flushes and stops deferring: every later value goes straight into the summary.
    mutating func stop(into summary: inout FeatureSummary, values: [String], hashes: [UInt64]) {
        flush(into: &summary, values: values, hashes: hashes)
        isActive = false
        pending = []
        present = []
        touched = []
    }
}
