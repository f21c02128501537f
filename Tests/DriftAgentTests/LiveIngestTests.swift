import DriftAgent
import DriftCore
import DriftStore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The tailer on a real file system: every complete line counted exactly once through appends,
/// partial lines, rotations, truncation, deletion and restarts. The oracle is the number of
/// complete lines the test wrote.
struct LiveIngestTests {
    final class Scene {
        let directory: String
        let statePath: String
        var written = 0
        /// Unusable lines written by ``appendBad(_:_:)``, by reason label.
        var bad: [String: Int64] = [:]
        var wall: Int64 = 1_000_000

        init(_ name: String) {
            directory = "/tmp/driftwatch-live-\(getpid())-\(name)-\(UInt32.random(in: 0...UInt32.max))"
            mkdir(directory, 0o700)
            statePath = directory + "/state.db"
        }

        func path(_ name: String) -> String { directory + "/" + name }

        /// Appends `count` complete lines (and optionally an unfinished one) to `name`.
        func append(_ name: String, _ count: Int, partial: String = "") {
            var text = ""
            for _ in 0..<count {
                let ts = 1_793_836_800_000 + Int64(written) * 1_000
                text += "{\"ts\":\(ts),\"model\":\"m\",\"features\":{\"x\":\(written % 97)}}\n"
                written += 1
            }
            text += partial
            let descriptor = open(path(name), O_WRONLY | O_CREAT | O_APPEND, 0o644)
            _ = text.utf8CString.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count - 1) }
            close(descriptor)
        }

        /// Appends `count` unusable lines to `name`, alternately bad JSON and a bad timestamp, each
        /// unique (so no two files start with the same bytes).
        func appendBad(_ name: String, _ count: Int) {
            var text = ""
            for _ in 0..<count {
                let serial = bad.values.reduce(0, +)
                if serial % 2 == 0 {
                    text += "not json \(serial)\n"
                    bad["invalid_json", default: 0] += 1
                } else {
                    text += "{\"ts\":\"bad-\(serial)\",\"model\":\"m\",\"features\":{\"x\":1}}\n"
                    bad["bad_timestamp", default: 0] += 1
                }
            }
            let descriptor = open(path(name), O_WRONLY | O_CREAT | O_APPEND, 0o644)
            _ = text.utf8CString.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count - 1) }
            close(descriptor)
        }

        func ingest() throws -> (LiveIngest, Store) {
            let store = try Store(path: statePath)
            let live = try LiveIngest(
                configuration: .zeroConfig, store: store, sources: [directory + "/*.log*"],
                now: { [unowned self] in self.wall })
            live.rotateWait = 0
            return (live, store)
        }

        static func rows(_ store: Store) throws -> Int64 {
            try store.windows(model: "m", since: nil, until: nil).reduce(0) { $0 + $1.rows }
        }
    }

    @Test func partialLineWaitsForItsNewline() throws {
        let scene = Scene("partial")
        scene.append("app.log", 10, partial: "{\"ts\":1793836900000,\"model\":\"m\",\"features\":{\"x\"")
        let (live, store) = try scene.ingest()
        try live.poll()
        try live.checkpoint()
        #expect(try Scene.rows(store) == 10)
        scene.append("app.log", 0, partial: ":5}}\n")
        try live.poll()
        try live.checkpoint()
        #expect(try Scene.rows(store) == 11)
        #expect(live.counters.badLines.isEmpty)
    }

    @Test func renameRotationReadsTheOldFileToItsEnd() throws {
        let scene = Scene("rename")
        scene.append("app.log", 20)
        let (live, store) = try scene.ingest()
        try live.poll()
        scene.append("app.log", 5)  // written before the rename, not yet read
        #expect(rename(scene.path("app.log"), scene.path("old.1")) == 0)  // out of the glob
        scene.append("old.1", 3)  // the writer still holds the old file
        scene.append("app.log", 7)  // and then opens a new one
        try live.poll()
        try live.poll()
        try live.checkpoint()
        #expect(try Scene.rows(store) == 35)
        #expect(live.counters.filesOpen == 1)
    }

    @Test func copyTruncateRereadsFromTheStart() throws {
        let scene = Scene("truncate")
        scene.append("app.log", 12)
        let (live, store) = try scene.ingest()
        try live.poll()
        #expect(truncate(scene.path("app.log"), 0) == 0)
        scene.append("app.log", 4)
        try live.poll()
        try live.checkpoint()
        #expect(try Scene.rows(store) == 16)
    }

    /// The copy of a copy-truncated file continues the original's identity; its line counter must
    /// survive the checkpoint that also writes the original's retired record (same fingerprint)
    /// and the release of the copy afterwards (found by the soak run: 150 lines lost a rotation).
    @Test func copyTakingOverATruncatedFileKeepsItsLineCount() throws {
        let scene = Scene("copycount")
        scene.append("app.log", 300)
        let (live, store) = try scene.ingest()
        try live.poll()
        scene.append("app.log", 50)  // not read before the copy
        let copied = open(scene.path("app.log.1"), O_WRONLY | O_CREAT | O_EXCL, 0o644)
        let original = open(scene.path("app.log"), O_RDONLY)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while case let count = read(original, &buffer, buffer.count), count > 0 { _ = write(copied, buffer, count) }
        close(original)
        close(copied)
        #expect(truncate(scene.path("app.log"), 0) == 0)
        scene.append("app.log", 10)
        try live.poll()  // the truncation retires the original; the copy waits
        try live.poll()  // the copy takes over where the original stopped
        try live.checkpoint()
        #expect(try store.counters().totalLines == 360)
        #expect(unlink(scene.path("app.log.1")) == 0)
        try live.poll()
        try live.checkpoint()
        #expect(try Scene.rows(store) == 360)
        #expect(try store.counters().totalLines == 360, "the released copy keeps its count")
    }

    @Test func deletedFileIsReadToItsEndThenReleased() throws {
        let scene = Scene("deleted")
        scene.append("app.log", 9)
        let (live, store) = try scene.ingest()
        scene.append("app.log", 0)
        let descriptor = open(scene.path("app.log"), O_WRONLY | O_APPEND)
        #expect(unlink(scene.path("app.log")) == 0)
        let tail = "{\"ts\":1793836999000,\"model\":\"m\",\"features\":{\"x\":1}}\n"
        _ = tail.utf8CString.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count - 1) }
        close(descriptor)
        try live.poll()
        try live.checkpoint()
        #expect(try Scene.rows(store) == 10)
        #expect(live.counters.filesOpen == 0)
    }

    @Test func restartWithoutCheckpointCountsEachLineOnce() throws {
        let scene = Scene("restart")
        scene.append("app.log", 30)
        do {
            let (live, _) = try scene.ingest()
            try live.poll()
            try live.checkpoint()
            scene.append("app.log", 10, partial: "{\"ts\":1793836999000,")
            try live.poll()  // read but never checkpointed: the "crash"
        }
        scene.append("app.log", 0, partial: "\"model\":\"m\",\"features\":{}}\n")
        scene.append("app.log", 5)
        let (live, store) = try scene.ingest()
        try live.poll()
        try live.checkpoint()
        #expect(try Scene.rows(store) == 46)
    }

    @Test func compressedRotatedFileIsNotReadTwice() throws {
        guard access("/usr/bin/gzip", X_OK) == 0 || access("/bin/gzip", X_OK) == 0 else { return }
        let scene = Scene("gzip")
        scene.append("app.log", 25)
        let (live, store) = try scene.ingest()
        try live.poll()
        #expect(rename(scene.path("app.log"), scene.path("app.log.1")) == 0)
        try live.poll()  // read to its end; released at the next checkpoint
        try live.checkpoint()
        #expect(system("gzip '\(scene.path("app.log.1"))'") == 0)
        scene.append("app.log", 2)
        try live.poll()
        try live.checkpoint()
        #expect(try Scene.rows(store) == 27)
    }
}
