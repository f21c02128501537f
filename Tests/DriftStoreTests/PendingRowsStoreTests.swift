import Testing

@testable import DriftStore

/// `PendingPredictionRows` and the chunked, bound-in-place insert: the rows read back with plain
/// SQL (hex of every text column) equal a brute-force reference built from the inputs — the first
/// row of each (id, model, version) byte key wins, rows already stored stay.
struct PendingRowsStoreTests {
    /// SplitMix64, so the batches are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Ids of 0–40 bytes: ASCII, non-ASCII (NFC and NFD forms of é, CJK, an emoji), embedded NUL,
    /// quotes and backslashes, and long shared prefixes (equal first 16 bytes).
    static let idPieces = [
        "", "a", "req-00000000000000", "req-0000000000000001", "req-0000000000000002x", "\u{E9}", "e\u{301}", "日本",
        "🙂", "\0", "\"q\"", "\\", "Z", "0123456789abcdef", "0123456789abcdefg",
    ]

    static func randomBatch(_ generator: inout Generator, count: Int, keys: [(String, String)]) -> [PendingPrediction] {
        (0..<count).map { i in
            let pieces = (0..<(1 + generator.below(3))).map { _ in idPieces[generator.below(idPieces.count)] }
            let (model, version) = keys[generator.below(keys.count)]
            let kind = generator.below(4)  // score, class, both, neither
            return PendingPrediction(
                model: model, version: version, id: pieces.joined(),
                windowStartMs: Int64(generator.below(3)) * 3_600_000,
                eventMs: Int64(i) * 1_000 + Int64(generator.below(500)),
                score: kind == 0 || kind == 2 ? Double(generator.below(1000)) / 1000 : nil,
                predictedClass: kind == 1 || kind == 2 ? ["spam", "", "h\u{E9}m", "x\0y"][generator.below(4)] : nil)
        }
    }

    /// A stored row as hex of its text bytes and its other columns, read with plain SQL.
    struct Stored: Hashable {
        var id, model, version: String
        var start, event: Int64
        var score: Double?
        var predictedClass: String?
        var state: Int64
    }

    static func hex(_ text: String) -> String {
        text.utf8.map { String($0, radix: 16, uppercase: true).leftPadded() }.joined()
    }

    static func stored(_ store: Store) throws -> Set<Stored> {
        let sql = """
            SELECT hex(id), hex(model), hex(version), start_ms, event_ms, score, hex(class), class IS NULL, state,
                typeof(id) || typeof(class) FROM pending_predictions
            """
        let rows = try store.connection.withStatement(sql) { statement in
            try statement.rows([]) { row in
                #expect(["texttext", "textnull"].contains(row.string(at: 9)))
                return Stored(
                    id: row.string(at: 0), model: row.string(at: 1), version: row.string(at: 2),
                    start: row.int64(at: 3),
                    event: row.int64(at: 4), score: row.optionalDouble(at: 5),
                    predictedClass: row.int64(at: 7) == 1 ? nil : row.string(at: 6), state: row.int64(at: 8))
            }
        }
        #expect(Set(rows).count == rows.count)
        return Set(rows)
    }

    /// The reference: the first prediction of each byte key, in input order, unless `stored` has the key.
    static func expected(_ predictions: [PendingPrediction], after stored: Set<Stored> = []) -> Set<Stored> {
        var seen = Set(stored.map { [$0.id, $0.model, $0.version] })
        var result = stored
        for p in predictions where seen.insert([hex(p.id), hex(p.model), hex(p.version)]).inserted {
            result.insert(
                Stored(
                    id: hex(p.id), model: hex(p.model), version: hex(p.version), start: p.windowStartMs,
                    event: p.eventMs,
                    score: p.score, predictedClass: p.predictedClass.map(hex), state: 0))
        }
        return result
    }

    @Test func chunkedInsertStoresTheFirstRowOfEveryByteKey() throws {
        var generator = Generator(state: 7)
        // Two models, one with four versions (NFC / NFD spellings are different keys to SQLite).
        let keys = [("fraud", "1"), ("fraud", "2"), ("caf\u{E9}", "1"), ("fraud", "\u{E9}"), ("fraud", "e\u{301}")]
        let store = try Store(path: ":memory:")
        var all: [PendingPrediction] = []
        for size in [1, 31, 32, 33, 300, 700] {  // below, at and across the 32-row chunk, with tails
            let batch = Self.randomBatch(&generator, count: size, keys: keys)
            let before = try Self.stored(store)
            try store.commit(WindowBatch(pendingPredictions: batch))
            let after = try Self.stored(store)
            #expect(after == Self.expected(batch, after: before))
            all += batch
            #expect(try store.pendingCount(.pending) == after.count)
        }
        #expect(try Self.stored(store) == Self.expected(all))
        // Watermark: the newest event of each model; bound: the oldest.
        var newest: [String: Int64] = [:]
        var oldest: [String: Int64] = [:]
        for p in all {
            newest[p.model] = max(newest[p.model] ?? .min, p.eventMs)
            oldest[p.model] = min(oldest[p.model] ?? .max, p.eventMs)
        }
        #expect(try store.watermarks() == newest)
        #expect(try store.pendingBounds() == oldest)
    }

    @Test func compactRowsInsertLikeTheSamePredictions() throws {
        var generator = Generator(state: 11)
        let batch = Self.randomBatch(&generator, count: 500, keys: [("m", "v"), ("n", "v")])
        let rows = PendingPredictionRows(batch)
        #expect(rows.count == batch.count)
        #expect(rows.predictions == batch)
        let store = try Store(path: ":memory:")
        var compact = WindowBatch()
        compact.pendingRows = rows
        try store.commit(compact)
        #expect(try Self.stored(store) == Self.expected(batch))
        // `pendingPredictions` go in first, then `pendingRows`: the former win a shared key.
        let again = try Store(path: ":memory:")
        var both = WindowBatch(pendingPredictions: Array(batch.suffix(100)))
        both.pendingRows = rows
        try again.commit(both)
        #expect(try Self.stored(again) == Self.expected(Array(batch.suffix(100)) + batch))
    }

    @Test func insertionOrderIsKeyThenIdBytesThenPosition() throws {
        var generator = Generator(state: 3)
        for size in [0, 1, 2, 50, 400] {
            let batch = Self.randomBatch(&generator, count: size, keys: [("a", "1"), ("b", "1"), ("a", "2")])
            let rows = PendingPredictionRows(batch)
            let keyIndex = batch.map { p in
                rows.keys.firstIndex { $0.model == p.model && $0.version == p.version } ?? -1
            }
            let reference = batch.indices.sorted { a, b in
                if keyIndex[a] != keyIndex[b] { return keyIndex[a] < keyIndex[b] }
                let x = Array(batch[a].id.utf8)
                let y = Array(batch[b].id.utf8)
                if x != y { return x.lexicographicallyPrecedes(y) }
                return a < b
            }
            #expect((rows.insertionOrder() ?? Array(batch.indices)) == reference)
        }
        // Sorted input needs no order; keys are told apart by bytes, not by Swift's `==`.
        var rows = PendingPredictionRows()
        #expect(rows.key(model: "caf\u{E9}", version: "1") == 0)
        #expect(rows.key(model: "cafe\u{301}", version: "1") == 1)
        #expect(rows.key(model: "caf\u{E9}", version: "1") == 0)
    }

    @Test func slotsRebindWhenAValueTurnsNullAgain() throws {
        // Slot k of one chunk has a score and a class, slot k of the next has neither; a start
        // time repeats across chunks. Every value read back is the row's own.
        let count = 3 * Schema.pendingRowsPerInsert + 5
        let batch = (0..<count).map { i in
            let chunk = i / Schema.pendingRowsPerInsert
            return PendingPrediction(
                model: "m", version: "v", id: Self.format6(i), windowStartMs: chunk == 1 ? 0 : 3_600_000,
                eventMs: Int64(i), score: chunk % 2 == 0 ? Double(i) : nil,
                predictedClass: chunk % 2 == 0 ? "c\(i)" : nil)
        }
        let store = try Store(path: ":memory:")
        try store.commit(WindowBatch(pendingPredictions: batch))
        #expect(try Self.stored(store) == Self.expected(batch))
    }

    /// `i` as six digits, so the ids are in key order (no reordering).
    static func format6(_ i: Int) -> String { String(String(i + 1_000_000).dropFirst()) }
}

extension String {
    fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}
