import DriftAgent
import DriftStore
import Testing

/// Capturing pending predictions through `Backfill` on a real file: which lines are kept, and the
/// id and class bytes stored for raw, escaped, non-ASCII and numeric ids. The oracle is the JSON
/// text decoded by hand (each expected string is written out literally below); the lookup by id
/// binds the expected string's UTF-8 bytes, so a row is found only if its bytes are exactly those.
struct PendingCaptureTests {
    static let t0: Int64 = 1_793_836_800_000  // 2026-11-05T00:00:00Z

    static func line(_ i: Int, id: String, prediction: String = "0.25", model: String = "m", extra: String = "")
        -> String
    {
        "{\"ts\":\(t0 + Int64(i) * 1_000),\"model\":\"\(model)\",\"version\":\"1\",\"id\":\(id),"
            + "\"features\":{\"x\":\(i)},\"prediction\":\(prediction)\(extra)}"
    }

    @Test func idsAndClassesAreStoredAsTheirDecodedBytes() throws {
        let long = String(repeating: "0123456789", count: 4)  // 40 bytes: past the 16-byte prefix
        let lines = [
            Self.line(0, id: #""caf\u00e9-\"q\"\\""#),  // escapes
            Self.line(1, id: "\"na\u{EF}ve-\u{65E5}\u{672C}-\u{1F642}\""),  // raw UTF-8
            Self.line(2, id: "12345"),  // numbers: their JSON text
            Self.line(3, id: "2.5"),
            Self.line(4, id: "\"\(long)\""),
            Self.line(5, id: "\"c1\"", prediction: #""sp\u0061m""#),  // an escaped class
            Self.line(6, id: "\"c2\"", prediction: "\"h\u{E9}m\""),
            Self.line(7, id: "\"b\"", prediction: "true"),
            Self.line(8, id: "\"dup\"", prediction: "0.5"),
            Self.line(9, id: "\"dup\"", prediction: "0.75"),  // same key: the first wins
            Self.line(10, id: "\"dup\"", prediction: "0.5", model: "n"),  // another model: its own row
            Self.line(11, id: "\"inline\"", extra: ",\"label\":1"),  // labelled inline: not kept
            Self.line(12, id: "null"),  // no usable id: not kept
            Self.line(13, id: "true"),
            Self.line(14, id: "\"\""),  // an empty id is an id
        ]
        let store = try Store(path: ":memory:")
        _ = try DelayedLabelTests.run(store, inputs: [try BackfillTests.write(lines, name: "capture")])
        func kept(_ id: String) throws -> [String] {
            try store.pendingPredictions(id: id).map { p in
                "\(p.model)|\(p.eventMs - Self.t0)|\(p.score.map { "\($0)" } ?? "-")|\(p.predictedClass ?? "-")"
            }
        }
        #expect(try kept("caf\u{E9}-\"q\"\\") == ["m|0|0.25|-"])
        #expect(try kept("na\u{EF}ve-\u{65E5}\u{672C}-\u{1F642}") == ["m|1000|0.25|-"])
        #expect(try kept("12345") == ["m|2000|0.25|-"])
        #expect(try kept("2.5") == ["m|3000|0.25|-"])
        #expect(try kept(long) == ["m|4000|0.25|-"])
        #expect(try kept("c1") == ["m|5000|-|spam"])
        #expect(try kept("c2") == ["m|6000|-|h\u{E9}m"])
        #expect(try kept("b") == ["m|7000|1.0|-"])
        #expect(try kept("dup") == ["m|8000|0.5|-", "n|10000|0.5|-"])
        #expect(try kept("inline").isEmpty)
        #expect(try kept("") == ["m|14000|0.25|-"])
        #expect(try store.pendingCount(.pending) == 11)
    }
}
