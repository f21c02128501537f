import DriftCore

/// Counts of one categorical feature in one window, by interned id, not yet in its summary.
///
/// While a ``CategoricalSummary`` is exact its counts do not depend on the order of the inserts,
/// so the hot path only bumps `pending[id]` and the counts reach the summary in one step per
/// distinct value (``flush(into:interner:)``) — before every snapshot of the window, and just
/// before the first value that would take the summary past its cap.
///
/// Past the cap the summary is a Misra–Gries sketch, whose result depends on the order; the batch
/// then counts each value as it comes, by id, in a ``FrequentIDs`` that makes exactly the moves of
/// the summary's ``FrequentItems`` (``Mode/sketch``), and each flush hands the summary that sketch
/// by value. This needs distinct ids to be distinct keys: interned ids are distinct byte strings,
/// and distinct ASCII byte strings are distinct Swift strings, so only ASCII values are counted
/// by id (a non-ASCII one may be canonically equivalent to another value).
///
/// The profiles are therefore the same as inserting every value as it comes. The batch is valid
/// only while it has seen every value of the window since it started: it stops for good
/// (``Mode/off``) on anything it cannot follow — a value without an id, a non-ASCII value past the
/// cap, or one the caller inserts directly.
struct CategoryBatch {
    /// What the batch does with the next value.
    enum Mode {
        /// Not started: the first value decides (``start(for:)``).
        case unstarted
        /// Deferring exact counts; the summary's keys are exactly the ids marked `present`.
        case exact
        /// Counting by id past the cap; the summary is `ids` as of the last flush.
        case sketch
        /// Nothing: the caller inserts every value.
        case off
    }

    /// What the batch does with the next value.
    private(set) var mode = Mode.unstarted
    /// Exact mode, per id: the count not yet in the summary.
    private var pending: [UInt64] = []
    /// Per id: exact mode, whether it is a key of the summary or has a pending count; sketch mode,
    /// whether its stable hash is in the summary's HyperLogLog or in `touched`.
    private var present: [Bool] = []
    /// Exact mode: the ids with a pending count, in the order their count became nonzero; sketch
    /// mode: the ids whose stable hash the next flush adds.
    private var touched: [Int] = []
    /// Exact mode: the number of ids present, the summary's key count once flushed.
    private var distinct = 0
    /// Sketch mode: the summary's Misra–Gries sketch, counted by id.
    private var ids = FrequentIDs(capacity: 1)
    /// Whether the batch may still switch to ``Mode/sketch`` (once per window).
    private var mayCountIDs = true

    /// Whether counts are deferred.
    var isActive: Bool { mode == .exact || mode == .sketch }

    /// Starts deferring for `summary` (once): ``Mode/exact`` if it is still empty and exact, else ``Mode/off``.
    mutating func start(for summary: FeatureSummary) {
        guard mode == .unstarted else { return }
        let empty = summary.kind == .categorical && summary.categories.count == 0 && summary.categories.isExact
        mode = empty ? .exact : .off
    }

    /// Counts one occurrence of interned value `id` (deferred) if the batch has seen it already,
    /// counting its row in `summary`; false when the caller must go on with
    /// ``countNew(_:idCount:isASCII:summary:)``.
    @inline(__always)
    mutating func count(_ id: Int, summary: inout FeatureSummary) -> Bool {
        guard id < present.count, present[id] else { return false }
        switch mode {
        case .sketch:
            ids.insert(id)
        case .exact:
            if pending[id] == 0 { touched.append(id) }
            pending[id] &+= 1
        case .off, .unstarted:
            return false
        }
        summary.rows &+= 1
        return true
    }

    /// Counts one occurrence of interned value `id` (of an interner holding `idCount` values) that
    /// ``count(_:summary:)`` did not; false when the caller must insert the value itself: the batch
    /// is off or unstarted, the value would take the exact summary past its cap (the batch is then still
    /// active: ``stop(into:interner:)`` first), or it is not ASCII and the summary is past its cap.
    mutating func countNew(_ id: Int, idCount: Int, isASCII: Bool, summary: inout FeatureSummary) -> Bool {
        switch mode {
        case .sketch:
            guard isASCII else { return false }
        case .exact:
            if distinct >= summary.categories.cap { return false }  // from here on the order matters
            distinct += 1
        case .off, .unstarted:
            return false
        }
        if id >= present.count {
            let size = Swift.max(idCount, id + 1)
            present.append(contentsOf: repeatElement(false, count: size - present.count))
            if mode == .exact { pending.append(contentsOf: repeatElement(0, count: size - pending.count)) }
        }
        present[id] = true
        if mode == .sketch { touched.append(id) }  // its stable hash is due at the next flush
        return count(id, summary: &summary)
    }

    /// Hands what the batch counted to `summary`; the batch stays as it is.
    mutating func flush(into summary: inout FeatureSummary, interner: CategoryInterner) {
        switch mode {
        case .exact:
            guard !touched.isEmpty else { return }
            var entries: [(value: String, count: UInt64, stableHash: UInt64)] = []
            entries.reserveCapacity(touched.count)
            for id in touched where pending[id] > 0 {
                entries.append((interner.values[id], pending[id], interner.hashes[id]))
                pending[id] = 0
            }
            touched.removeAll(keepingCapacity: true)
            summary.categories.insert(exactCounts: entries)
        case .sketch:
            guard ids.total != summary.categories.count || !touched.isEmpty else { return }
            summary.categories.replaceSketch(
                with: ids.frequentItems(values: interner.values), stableHashes: touched.lazy.map { interner.hashes[$0] }
            )
            touched.removeAll(keepingCapacity: true)
        case .off, .unstarted:
            return
        }
    }

    /// Flushes and stops deferring: every later value goes straight into the summary (until
    /// ``countIDs(of:interner:)`` switches to the sketch mode).
    mutating func stop(into summary: inout FeatureSummary, interner: CategoryInterner) {
        flush(into: &summary, interner: interner)
        mode = .off
        pending = []
        present = []
        touched = []
        distinct = 0
        ids = FrequentIDs(capacity: 1)
    }

    /// Switches an off batch to counting by id, once per window, when `summary` is past its cap
    /// and every kept value is ASCII and has an id (interned now if new).
    mutating func countIDs(of summary: CategoricalSummary, interner: inout CategoryInterner) {
        guard mode == .off, mayCountIDs, let items = summary.sketch else { return }
        mayCountIDs = false
        let counted = FrequentIDs(items) { value in
            var value = value
            guard value.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            return value.withUTF8 { interner.id(of: UnsafeRawBufferPointer($0)) }
        }
        guard let counted else { return }
        ids = counted
        mode = .sketch
        present = Array(repeating: false, count: interner.count)
    }
}
