import DriftAgent
import DriftStore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The tailer's per-file counters through truncations: lines and bad lines go to the identity
/// (fingerprint) of the content they were read from, so every file's `bad_lines` equals the sum
/// of its per-reason counts (``CounterCheck``). Oracles: the lines each test writes, by hand.
struct TailCounterTests {
    private typealias Scene = LiveIngestTests.Scene

    private static func tally(_ store: Store, path: String) throws -> [IngestFileTally] {
        try store.ingestFileTallies().filter { $0.path == path }.sorted { $0.lines > $1.lines }
    }

    /// Bad lines read before a copy-truncation but not yet committed belong to the old content,
    /// not to the content written after the truncation (issue #8: `bad_lines` 1186 against
    /// per-reason counts of 1932).
    @Test func badLinesReadBeforeATruncationStayWithTheOldContent() throws {
        let scene = Scene("badtruncate")
        scene.append("app.log", 20)
        scene.appendBad("app.log", 3)  // invalid_json, bad_timestamp, invalid_json
        let (live, store) = try scene.ingest()
        try live.poll()  // read, not committed
        #expect(truncate(scene.path("app.log"), 0) == 0)
        scene.append("app.log", 5)
        scene.appendBad("app.log", 1)  // bad_timestamp
        try live.poll()
        try live.checkpoint()
        let files = try Self.tally(store, path: scene.path("app.log"))
        #expect(files.map(\.lines) == [23, 6])
        #expect(files.map(\.badLines) == [3, 1])
        #expect(files.map(\.badLinesByReason) == [3, 1])
        #expect(try CounterCheck.problems(store: store) == [])
        #expect(try Scene.rows(store) == 25)
    }

    /// A truncated file rewritten with the same first bytes takes its old identity back: what was
    /// read before the truncation is counted once (in the retired record), not again.
    @Test func fileRewrittenWithItsOwnHeadIsNotCountedTwice() throws {
        let scene = Scene("rewrite")
        scene.appendBad("app.log", 1)  // invalid_json
        scene.append("app.log", 2)
        let head = try #require(Self.contents(scene.path("app.log")))
        let (live, store) = try scene.ingest()
        try live.poll()
        try live.checkpoint()  // identified by its first (all) bytes
        scene.append("app.log", 10)
        scene.appendBad("app.log", 1)  // bad_timestamp
        try live.poll()
        try live.checkpoint()
        #expect(truncate(scene.path("app.log"), 0) == 0)
        let descriptor = open(scene.path("app.log"), O_WRONLY | O_APPEND)
        _ = write(descriptor, head, head.count)  // the same three lines again
        close(descriptor)
        try live.poll()
        try live.checkpoint()
        let file = try #require(try store.ingestFileTallies().first)
        #expect(try store.ingestFileTallies().count == 1)
        #expect(file.lines == 17)  // 14 before the truncation, 3 after
        #expect(file.badLines == 3)  // 2 before, 1 after
        #expect(file.badLinesByReason == 3)
        #expect(try CounterCheck.problems(store: store) == [])
        #expect(try Scene.rows(store) == 14)  // 12 good lines before, 2 after
    }

    /// logrotate's `copytruncate` with `compress`: the copy is compressed before the agent read it.
    /// The compressed copy continues where reading the original stopped (not at its last
    /// checkpoint), so the lines read between that checkpoint and the truncation count once.
    @Test func compressedCopyOfATruncatedFileContinuesWhereReadingStopped() throws {
        guard access("/usr/bin/gzip", X_OK) == 0 || access("/bin/gzip", X_OK) == 0 else { return }
        let scene = Scene("copygzip")
        scene.append("app.log", 20)
        scene.appendBad("app.log", 2)
        let (live, store) = try scene.ingest()
        try live.poll()
        try live.checkpoint()
        scene.append("app.log", 10)
        scene.appendBad("app.log", 1)
        try live.poll()  // read, not committed
        #expect(system("cp '\(scene.path("app.log"))' '\(scene.path("app.log.1"))'") == 0)
        #expect(truncate(scene.path("app.log"), 0) == 0)
        scene.append("app.log", 5)
        try live.poll()  // the truncation retires the original's identity
        #expect(system("gzip '\(scene.path("app.log.1"))'") == 0)
        try live.poll()
        try live.checkpoint()
        #expect(try Scene.rows(store) == 35)  // 20 + 10 good lines before the truncation, 5 after
        let counters = try store.counters()
        #expect(counters.totalLines == 38)
        #expect(
            counters.badLinesByReason == [
                .init(reason: "bad_timestamp", count: 1), .init(reason: "invalid_json", count: 2),
            ])
        #expect(try CounterCheck.problems(store: store) == [])
    }

    private static func contents(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(descriptor, &bytes, bytes.count)
        return count > 0 ? Array(bytes[0..<count]) : nil
    }
}
