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
    var batches: [CategoryBatch?] = []
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
        while interners.count <= slot { interners.append(CategoryInterner()) }
        guard let id = interners[slot].id(of: raw) else {
            stopBatch(slot: slot)
            features[slot].insert(category: String(decoding: raw, as: UTF8.self))
            return
        }
        while batches.count <= slot { batches.append(nil) }
        if batches[slot] == nil { batches[slot] = CategoryBatch(for: features[slot]) }
        let idCount = interners[slot].count
        if batches[slot]?.count(id, idCount: idCount, summary: &features[slot]) == true { return }
        if batches[slot]?.isActive == true { stopBatch(slot: slot) }
        features[slot].insert(category: interners[slot].values[id], stableHash: interners[slot].hashes[id])
    }

    /// Hands the slot's deferred counts to its summary and stops deferring (an insert follows
    /// that the batch cannot follow).
    private mutating func stopBatch(slot: Int) {
        guard slot < batches.count, batches[slot]?.isActive == true else { return }
        let values = slot < interners.count ? interners[slot].values : []
        let hashes = slot < interners.count ? interners[slot].hashes : []
        batches[slot]?.stop(into: &features[slot], values: values, hashes: hashes)
    }
}
