import DriftCore
import DriftIngest
import DriftStore

extension WindowAggregator {
    /// Captured predictions are written ahead of their window's commit once this many wait, so
    /// memory stays bounded whatever the commit interval (they are idempotent by key, so a
    /// replay after a crash re-inserts nothing).
    static let pendingFlushCount = 32_768

    /// Keeps the line's prediction for a delayed label when it has an id, a prediction and no
    /// inline label. Off for baseline building and when `[labels] max_pending = 0`.
    ///
    /// The id (and a class prediction) are copied as bytes into ``pending``'s arena: the raw bytes
    /// between the quotes when the string has no escapes (the scanner accepted only well-formed
    /// UTF-8, so they are the decoded string's bytes), otherwise the decoded string's; a numeric id
    /// is its ``JSONWriter/format(_:)`` text.
    mutating func capturePending(
        _ line: UnsafeRawBufferPointer, _ values: [JSONValue], stream s: Int, windowStart: Int64, time: Int64
    ) throws {
        switch values[LineLayout.labelSlot] {
        case .missing, .null: break
        default: return
        }
        guard keepsPending, fixedStream == nil else { return }
        let score: Double?
        var predictedClass: StringRef?
        switch values[LineLayout.predictionSlot] {
        case .number(let number): score = number
        case .bool(let flag): score = flag ? 1 : 0
        case .string(let ref):
            score = nil
            predictedClass = ref
        default: return
        }
        let id = values[LineLayout.idSlot]
        switch id {
        case .string, .number: break
        default: return
        }
        let key = pendingKey(stream: s)
        switch id {
        case .string(let ref) where !ref.hasEscapes && predictedClass?.hasEscapes != true:
            pending.append(
                key: key, id: ref.rawBytes(in: line), windowStartMs: windowStart, eventMs: time, score: score,
                predictedClass: predictedClass?.rawBytes(in: line))
        case .string(let ref):
            appendPending(
                key: key, id: ref.string(in: line), predictedClass?.string(in: line), windowStart, time, score)
        case .number(let number):
            appendPending(
                key: key, id: JSONWriter.format(number), predictedClass?.string(in: line), windowStart, time, score)
        default: break
        }
        if pending.count >= Self.pendingFlushCount {
            var batch = WindowBatch()
            batch.pendingRows = drainPending()
            try store.commit(batch)
        }
    }

    /// Appends a prediction whose id or class is not raw line bytes (escaped, or a number).
    private mutating func appendPending(
        key: Int32, id: String, _ predictedClass: String?, _ windowStart: Int64, _ time: Int64, _ score: Double?
    ) {
        var id = id
        var predictedClass = predictedClass
        id.withUTF8 { id in
            func append(_ predictedClass: UnsafeRawBufferPointer?) {
                pending.append(
                    key: key, id: UnsafeRawBufferPointer(id), windowStartMs: windowStart, eventMs: time, score: score,
                    predictedClass: predictedClass)
            }
            if predictedClass == nil {
                append(nil)
            } else {
                predictedClass?.withUTF8 { append(UnsafeRawBufferPointer($0)) }
            }
        }
    }

    /// The index of stream `s`'s model version in ``pending``, added on its first prediction
    /// since the last drain.
    private mutating func pendingKey(stream s: Int) -> Int32 {
        if s < pendingKeys.count, pendingKeys[s] >= 0 { return pendingKeys[s] }
        if s >= pendingKeys.count {
            pendingKeys.append(contentsOf: repeatElement(-1, count: s + 1 - pendingKeys.count))
        }
        let key = streams[s].key
        pendingKeys[s] = pending.key(model: key.model, version: key.version)
        return pendingKeys[s]
    }

    /// Hands over the captured predictions.
    mutating func drainPending() -> PendingPredictionRows {
        pendingSinceLimits += pending.count
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        for s in pendingKeys.indices { pendingKeys[s] = -1 }
        return rows
    }
}
