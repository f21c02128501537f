/// Pending predictions on their way to the store, without a `String` per row: every id and class
/// is kept as UTF-8 bytes in one growing arena, each row as plain values (offsets, times, score)
/// and the index of its model version in ``keys``.
///
/// The aggregator fills one of these per flush (``WindowBatch/pendingRows``); ``Store`` binds the
/// ids and classes straight from the arena. Rows are equal to the ``PendingPrediction``s they
/// stand for (``predictions``), in order.
public struct PendingPredictionRows: Equatable, Sendable {
    /// A model version the rows belong to.
    public struct Key: Equatable, Sendable {
        /// The model name.
        public var model: String
        /// The model version.
        public var version: String
    }

    /// One row: where its id and class are in ``bytes``, its key, its times and score.
    struct Row: Equatable, Sendable {
        /// Offset of the id's first byte in the arena; the class's bytes (if any) follow the id's.
        var start: Int
        var idCount: Int32
        /// −1: no class prediction.
        var classCount: Int32
        /// Index into ``keys``.
        var key: Int32
        var hasScore: Bool
        var windowStartMs: Int64
        var eventMs: Int64
        /// Meaningful only when ``hasScore``.
        var score: Double

        var idRange: Range<Int> { start..<(start + Int(idCount)) }
        var classRange: Range<Int>? {
            classCount < 0 ? nil : (start + Int(idCount))..<(start + Int(idCount) + Int(classCount))
        }
    }

    /// The model versions of the rows, distinct by their UTF-8 bytes.
    public private(set) var keys: [Key] = []
    /// The ids and classes, back to back.
    private(set) var bytes: [UInt8] = []
    private(set) var rows: [Row] = []

    /// Creates an empty set of rows.
    public init() {}

    /// Creates the rows of `predictions`, in order (their `state` is not kept: new rows are pending).
    public init(_ predictions: [PendingPrediction]) {
        for prediction in predictions { append(prediction) }
    }

    /// How many rows there are.
    public var count: Int { rows.count }

    /// Whether there is no row.
    public var isEmpty: Bool { rows.isEmpty }

    /// The index of the model version in ``keys``, added if new. Keys are told apart by their
    /// UTF-8 bytes, as SQLite does (not by Swift's `==`, which equates canonically equivalent
    /// strings), so that rows with equal bytes always share a key.
    /// - Complexity: O(keys); callers with many rows cache the index (one lookup per model version).
    public mutating func key(model: String, version: String) -> Int32 {
        if let index = keys.firstIndex(where: {
            $0.model.utf8.elementsEqual(model.utf8) && $0.version.utf8.elementsEqual(version.utf8)
        }) {
            return Int32(index)
        }
        keys.append(Key(model: model, version: version))
        return Int32(keys.count - 1)
    }

    /// Appends a row; `id` and `predictedClass` are UTF-8 bytes, copied into the arena.
    /// - Precondition: `key` is an index returned by ``key(model:version:)``.
    public mutating func append(
        key: Int32, id: UnsafeRawBufferPointer, windowStartMs: Int64, eventMs: Int64, score: Double?,
        predictedClass: UnsafeRawBufferPointer?
    ) {
        precondition(keys.indices.contains(Int(key)), "unknown key \(key)")
        let start = bytes.count
        bytes.append(contentsOf: id)
        if let predictedClass { bytes.append(contentsOf: predictedClass) }
        rows.append(
            Row(
                start: start, idCount: Int32(id.count), classCount: predictedClass.map { Int32($0.count) } ?? -1,
                key: key, hasScore: score != nil, windowStartMs: windowStartMs, eventMs: eventMs, score: score ?? 0))
    }

    /// Appends a prediction (its `state` is not kept).
    public mutating func append(_ prediction: PendingPrediction) {
        let key = key(model: prediction.model, version: prediction.version)
        var id = prediction.id
        var predictedClass = prediction.predictedClass
        id.withUTF8 { id in
            func append(_ predictedClass: UnsafeRawBufferPointer?) {
                self.append(
                    key: key, id: UnsafeRawBufferPointer(id), windowStartMs: prediction.windowStartMs,
                    eventMs: prediction.eventMs, score: prediction.score, predictedClass: predictedClass)
            }
            if predictedClass == nil {
                append(nil)
            } else {
                predictedClass?.withUTF8 { append(UnsafeRawBufferPointer($0)) }
            }
        }
    }

    /// The rows as predictions, in order (all `pending`).
    public var predictions: [PendingPrediction] {
        rows.map { row in
            let key = keys[Int(row.key)]
            return PendingPrediction(
                model: key.model, version: key.version, id: String(decoding: bytes[row.idRange], as: UTF8.self),
                windowStartMs: row.windowStartMs, eventMs: row.eventMs, score: row.hasScore ? row.score : nil,
                predictedClass: row.classRange.map { String(decoding: bytes[$0], as: UTF8.self) })
        }
    }

    /// Keeps the arena's and the rows' capacity for the next batch.
    public mutating func removeAll(keepingCapacity: Bool) {
        keys.removeAll()
        bytes.removeAll(keepingCapacity: keepingCapacity)
        rows.removeAll(keepingCapacity: keepingCapacity)
    }
}
