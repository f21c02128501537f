import DriftCore
import DriftIngest

/// The summaries of one open window, taken out of their stream while a line is folded.
///
/// Mutating `streams[s].windows[w].features[slot]` in place goes through three levels of
/// copy-on-write checks per feature; moving the two arrays out (and back after the line) makes
/// each summary one uniquely referenced element. Only the arrays move, not the whole
/// ``WindowState`` (whose inline prediction and label summaries are large to copy).
struct FoldTarget {
    var features: [FeatureSummary] = []
    var batches: [CategoryBatch] = []
    /// The stream's interners, moved out with the window (they are per stream, not per window).
    var interners: [CategoryInterner] = []
    /// The stream's feature kinds (refresh after adding a feature).
    var kinds: [FeatureKind]
    /// The window's buffered numbers (see ``NumericColumns``).
    var columns = NumericColumns()

    /// Moves window `w`'s feature summaries and category batches, and the stream's interners,
    /// out of `stream`.
    init(taking w: Int, from stream: inout StreamState) {
        kinds = stream.kinds
        swap(&features, &stream.windows[w].features)
        swap(&batches, &stream.windows[w].categoryBatches)
        swap(&interners, &stream.interners)
        swap(&columns, &stream.windows[w].numericColumns)
        columns.makeUnique()
    }

    /// Moves them back; call once, after the line.
    mutating func putBack(_ w: Int, into stream: inout StreamState) {
        swap(&features, &stream.windows[w].features)
        swap(&batches, &stream.windows[w].categoryBatches)
        swap(&interners, &stream.interners)
        swap(&columns, &stream.windows[w].numericColumns)
    }

    /// Records one value of feature `slot`; categorical strings go through the slot's interner
    /// and the window's ``CategoryBatch``.
    @inline(__always)
    mutating func observe(_ value: JSONValue, slot: Int, _ line: UnsafeRawBufferPointer) {
        guard kinds[slot] == .categorical else {
            if case .number(let number) = value {
                // The common case, without observe's switch: buffered, and inserted a column at a time.
                if columns.append(number, slot: slot) { columns.flush(slot: slot, into: &features[slot]) }
            } else {
                features[slot].observe(value, in: line)
            }
            return
        }
        switch value {
        case .missing, .null:
            features[slot].insertMissing()
        case .string(let ref) where !ref.hasEscapes:
            observeCategory(ref.rawBytes(in: line), slot: slot)
        default:
            stopBatch(slot: slot)
            features[slot].observe(value, in: line)
        }
    }

    /// Counts one category (raw UTF-8, validated) of feature `slot`.
    private mutating func observeCategory(_ raw: UnsafeRawBufferPointer, slot: Int) {
        if slot >= interners.count || slot >= batches.count { addCategorySlots(through: slot) }
        guard let id = interners[slot].id(of: raw) else {
            stopBatch(slot: slot)
            features[slot].insert(category: String(decoding: raw, as: UTF8.self))
            return
        }
        if batches[slot].count(id, summary: &features[slot]) { return }
        observeNew(id, slot: slot)
    }

    /// Grows the interners and batches to hold `slot`.
    private mutating func addCategorySlots(through slot: Int) {
        while interners.count <= slot { interners.append(CategoryInterner()) }
        while batches.count <= slot { batches.append(CategoryBatch()) }
    }

    /// Counts interned value `id` of feature `slot` that its batch has not seen yet, or inserts it
    /// after stopping the batch (then lets the batch count by id if the summary is past its cap).
    private mutating func observeNew(_ id: Int, slot: Int) {
        if batches[slot].mode == .unstarted { batches[slot].start(for: features[slot]) }
        let idCount = interners[slot].count
        let isASCII = interners[slot].isASCII[id]
        if batches[slot].countNew(id, idCount: idCount, isASCII: isASCII, summary: &features[slot]) { return }
        stopBatch(slot: slot)
        features[slot].insert(category: interners[slot].values[id], stableHash: interners[slot].hashes[id])
        if !features[slot].categories.isExact {
            batches[slot].countIDs(of: features[slot].categories, interner: &interners[slot])
        }
    }

    /// Hands the slot's deferred counts to its summary and stops deferring (an insert follows
    /// that the batch cannot follow).
    private mutating func stopBatch(slot: Int) {
        guard slot < batches.count, batches[slot].isActive else { return }
        batches[slot].stop(into: &features[slot], interner: interners[slot])
    }
}
