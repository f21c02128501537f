import DriftCore
import DriftIngest
import DriftStore

/// A prediction with a request id and no inline label, captured as it is folded.
struct PendingCapture {
    /// The stream's index in the aggregator.
    var stream: Int
    var id: String
    var windowStart: Int64
    var eventTime: Int64
    var score: Double?
    var predictedClass: String?
}

extension WindowAggregator {
    /// Captured predictions are written ahead of their window's commit once this many wait, so
    /// memory stays bounded whatever the commit interval (they are idempotent by key, so a
    /// replay after a crash re-inserts nothing).
    static let pendingFlushCount = 32_768

    /// Keeps the line's prediction for a delayed label when it has an id, a prediction and no
    /// inline label. Off for baseline building and when `[labels] max_pending = 0`.
    mutating func capturePending(
        _ line: UnsafeRawBufferPointer, _ values: [JSONValue], stream s: Int, windowStart: Int64, time: Int64
    ) throws {
        switch values[LineLayout.labelSlot] {
        case .missing, .null: break
        default: return
        }
        guard keepsPending, fixedStream == nil else { return }
        let id: String
        switch values[LineLayout.idSlot] {
        case .string(let ref): id = ref.string(in: line)
        case .number(let number): id = JSONWriter.format(number)
        default: return
        }
        var capture = PendingCapture(stream: s, id: id, windowStart: windowStart, eventTime: time)
        switch values[LineLayout.predictionSlot] {
        case .number(let number): capture.score = number
        case .bool(let flag): capture.score = flag ? 1 : 0
        case .string(let ref): capture.predictedClass = ref.string(in: line)
        default: return
        }
        pending.append(capture)
        if pending.count >= Self.pendingFlushCount {
            try store.commit(WindowBatch(pendingPredictions: drainPending()))
        }
    }

    /// Hands over the captured predictions.
    mutating func drainPending() -> [PendingPrediction] {
        pendingSinceLimits += pending.count
        defer { pending.removeAll(keepingCapacity: true) }
        return pending.map { capture in
            let key = streams[capture.stream].key
            return PendingPrediction(
                model: key.model, version: key.version, id: capture.id, windowStartMs: capture.windowStart,
                eventMs: capture.eventTime, score: capture.score, predictedClass: capture.predictedClass)
        }
    }
}
