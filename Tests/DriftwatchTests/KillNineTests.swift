import DriftAgent
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// `driftwatch run` killed with SIGKILL at random instants while another process appends (with
/// unfinished lines, unusable lines and rename rotations), restarted each time: after a final
/// graceful stop, the store holds exactly one row per complete good line written, its line
/// counters equal the lines written (good and bad), and every file's counters agree
/// (``CounterCheck``). `DRIFT_LONG_TESTS=1` runs 200 kills.
struct KillNineTests {
    static let config = """
        checkpoint_interval = "100ms"
        [metrics]
        enabled = false
        [models.k]
        sources = ["logs/*.jsonl*"]
        """

    final class Writer {
        let path: String
        var written = 0
        /// Unusable (invalid JSON) lines written.
        var bad = 0
        var partial = false

        init(path: String) { self.path = path }

        func append(_ count: Int, leavePartial: Bool, bad badCount: Int = 0) {
            var text = partial ? "\"features\":{\"x\":1}}\n" : ""
            if partial { written += 1 }
            for _ in 0..<badCount {
                text += "not json \(bad)\n"
                bad += 1
            }
            for _ in 0..<count {
                text +=
                    "{\"ts\":\(1_793_836_800_000 + Int64(written) * 500),\"model\":\"k\",\"features\":{\"x\":\(written % 13)}}\n"
                written += 1
            }
            partial = leavePartial
            if leavePartial { text += "{\"ts\":\(1_793_836_800_000 + Int64(written) * 500),\"model\":\"k\"," }
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try? handle.close()
        }
    }

    private func start(_ directory: ScratchDirectory) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DriftwatchProcess.binary)
        process.arguments = ["run", "--config", "driftwatch.toml", "--state", "s.db", "--log-level", "error"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = nil
        environment["STATE_DIRECTORY"] = nil
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func sigkillAtRandomInstantsLosesAndDuplicatesNothing() async throws {
        let kills = ProcessInfo.processInfo.environment["DRIFT_LONG_TESTS"] == nil ? 6 : 200
        let directory = ScratchDirectory(prefix: "kill9")
        directory.write(Self.config, to: "driftwatch.toml")
        try FileManager.default.createDirectory(atPath: directory.file("logs"), withIntermediateDirectories: true)
        let writer = Writer(path: directory.file("logs/app.jsonl"))
        var random = Sampler(seed: 9)
        var rotations = 0
        for round in 0..<kills {
            let process = try start(directory)
            for _ in 0..<(1 + random.int(below: 4)) {
                writer.append(
                    1 + random.int(below: 200), leavePartial: random.int(below: 3) == 0, bad: random.int(below: 3))
                try await Task.sleep(for: .milliseconds(random.int(below: 250)))
            }
            if random.int(below: 4) == 0, !writer.partial {
                rotations += 1
                try FileManager.default.moveItem(
                    atPath: writer.path, toPath: directory.file("logs/app.jsonl.\(rotations)"))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round)")
        }
        writer.append(3, leavePartial: false)
        let last = try start(directory)
        // Catch up: wait (not sleep) until the committed rows reach the lines written, or give up
        // after two minutes and let the assertion below report the difference.
        let waiting = ContinuousClock.now
        while ContinuousClock.now - waiting < .seconds(120) {
            try await Task.sleep(for: .milliseconds(250))
            let rows = try? Store(path: directory.file("s.db")).windows(model: "k", since: nil, until: nil)
                .reduce(0) { $0 + $1.rows }
            if rows == Int64(writer.written) { break }
        }
        last.terminate()
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        let store = try Store(path: directory.file("s.db"))
        let rows = try store.windows(model: "k", since: nil, until: nil).reduce(0) { $0 + $1.rows }
        #expect(rows == Int64(writer.written), "\(rows) rows for \(writer.written) lines after \(kills) kills")
        #expect(try CounterCheck.problems(store: store) == [])
        let counters = try store.counters()
        #expect(counters.totalLines == Int64(writer.written + writer.bad), "\(writer.bad) bad lines written")
        #expect(
            counters.badLinesByReason
                == (writer.bad == 0 ? [] : [.init(reason: "invalid_json", count: Int64(writer.bad))]))
    }
}
