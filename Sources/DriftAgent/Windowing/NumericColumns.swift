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
struct NumericColumns {
    /// Values buffered per slot before its column is flushed.
    static let depth = 128

    /// Slot-major: the column of `slot` is `values[slot·depth ..< slot·depth + counts[slot]]`.
    private var values: [Double] = []
    /// The number of values buffered per slot.
    private var counts: [Int] = []

    /// Whether no value is buffered.
    var isEmpty: Bool { !counts.contains { $0 > 0 } }

    /// Buffers `number` for feature `slot`; flushes the slot's column into `summary` (the slot's
    /// summary) when it is full.
    @inline(__always)
    mutating func append(_ number: Double, slot: Int, flushingInto summary: inout FeatureSummary) {
        if slot >= counts.count { grow(slots: slot &+ 1) }
        let count = counts[slot]
        values[slot &* Self.depth &+ count] = number
        if count &+ 1 < Self.depth {
            counts[slot] = count &+ 1
        } else {
            counts[slot] = Self.depth
            flush(slot: slot, into: &summary)
        }
    }

    /// Hands every buffered value to its summary (`features[slot]`); call before reading them.
    mutating func flush(into features: inout [FeatureSummary]) {
        for slot in counts.indices where counts[slot] > 0 && slot < features.count {
            flush(slot: slot, into: &features[slot])
        }
    }

    /// Hands the values buffered for `slot` to `summary`.
    private mutating func flush(slot: Int, into summary: inout FeatureSummary) {
        let start = slot &* Self.depth
        let count = counts[slot]
        values.withUnsafeBufferPointer { buffer in
            summary.insert(numbers: UnsafeBufferPointer(rebasing: buffer[start..<start &+ count]))
        }
        counts[slot] = 0
    }

    /// Makes room for `slots` columns.
    private mutating func grow(slots: Int) {
        let target = Swift.max(slots, 2 &* counts.count)
        counts.append(contentsOf: repeatElement(0, count: target &- counts.count))
        values.append(contentsOf: repeatElement(0, count: target &* Self.depth &- values.count))
    }
}
