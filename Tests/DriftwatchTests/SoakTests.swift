import DriftAgent
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// The soak run (`DRIFT_SOAK=1`): `driftwatch run` follows a file written at a sustained rate
/// (`DRIFT_SOAK_RATE` lines/s, default 3000) for `DRIFT_SOAK_SECONDS` (default 600), rotated every
/// 5 s, alternately by rename and by copy-truncate. Event time runs 6× faster than the wall clock
/// through 5 s windows, and `[retention]` keeps one minute of them, pruning every 2 s. The agent's
/// memory must stay flat, the state file bounded, and every line written counted exactly once.
/// One line in `DRIFT_SOAK_BAD_EVERY` (default 97; 0: none) is not JSON: the bad-line counters
/// must count each once, and every file's counters must agree (``CounterCheck``).
/// Samples go to standard output (and to `$DRIFT_SOAK_OUT` when set).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DRIFT_SOAK"] == "1"))
struct SoakTests {
    static let config = """
        checkpoint_interval = "500ms"
        [metrics]
        enabled = false
        [retention]
        windows = "1m"
        decisions = "1m"
        interval = "2s"
        [models.s]
        sources = ["logs/app.jsonl*"]
        window = "5s"
        lateness = "1s"
        """

    /// Appends whole lines at a steady rate and rotates the file, on its own thread.
    final class Writer: @unchecked Sendable {
        let directory: ScratchDirectory
        let rate: Int
        /// Every `badEvery`-th line (`i % badEvery == badEvery / 2`) is not JSON; 0: none.
        var badEvery = 97
        /// `both` (alternate), `rename` or `copy` (`DRIFT_SOAK_ROTATION`).
        var rotation = "both"
        private let lock = NSLock()
        private var stopped = false
        private var count = 0
        private var rotations = 0

        static func isBad(_ line: Int, every: Int) -> Bool { every > 0 && line % every == every / 2 }

        init(directory: ScratchDirectory, rate: Int) {
            self.directory = directory
            self.rate = rate
        }

        var written: Int { lock.withLock { count } }
        var rotated: Int { lock.withLock { rotations } }
        func stop() { lock.withLock { stopped = true } }

        /// Writes until ``stop()``; returns when the last line is written and the file closed.
        func run() {
            let path = directory.file("logs/app.jsonl")
            var fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            let start = ContinuousClock.now
            var nextRotation = start + .seconds(5)
            var generation = 0
            while !lock.withLock({ stopped }) {
                let elapsed = ContinuousClock.now - start
                let due = Int(
                    Double(rate) * (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
                var text = ""
                let first = count
                for i in first..<max(first, due) {
                    if Self.isBad(i, every: badEvery) {
                        text += "not json \(i)\n"
                        continue
                    }
                    text +=
                        "{\"ts\":\(1_767_225_600_000 + Int64(i) * 2),\"model\":\"s\",\"features\":{\"x\":\(i % 101),\"c\":\"k\(i % 7)\"}}\n"
                }
                if !text.isEmpty {
                    let bytes = Array(text.utf8)
                    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    lock.withLock { count = max(first, due) }
                }
                if ContinuousClock.now >= nextRotation {
                    generation += 1
                    let renames = rotation == "rename" || (rotation == "both" && generation % 2 == 1)
                    if renames {  // rename rotation
                        close(fd)
                        rename(path, path + ".r\(generation)")
                        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
                    } else {  // copy-truncate: the copy is followed too and continues where the original stopped
                        if let data = FileManager.default.contents(atPath: path) {
                            _ = FileManager.default.createFile(atPath: path + ".c\(generation)", contents: data)
                        }
                        ftruncate(fd, 0)
                    }
                    // Rotated files older than four rotations (20 s) have long been read.
                    for old in [".r\(generation - 4)", ".c\(generation - 4)"] { unlink(path + old) }
                    lock.withLock { rotations = generation }
                    nextRotation = nextRotation + .seconds(5)
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
            close(fd)
        }
    }

    struct Sample {
        var seconds: Int
        var rssKiB: Int
        var storeBytes: Int
        var written: Int
    }

    static func rssKiB(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test func sustainedAppendsWithRotationsKeepMemoryFlatAndTheStoreBounded() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = Int(environment["DRIFT_SOAK_SECONDS"] ?? "") ?? 600
        let rate = Int(environment["DRIFT_SOAK_RATE"] ?? "") ?? 3000
        let directory = ScratchDirectory(prefix: "soak")
        // DRIFT_SOAK_KEEP=forever turns retention off (to tell its effects from the tailer's).
        let keep = environment["DRIFT_SOAK_KEEP"] == "forever"
        directory.write(
            keep ? Self.config.replacingOccurrences(of: "\"1m\"", with: "\"forever\"") : Self.config,
            to: "driftwatch.toml")
        try FileManager.default.createDirectory(atPath: directory.file("logs"), withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DriftwatchProcess.binary)
        process.arguments = ["run", "--config", "driftwatch.toml", "--state", "s.db", "--log-level", "warning"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var variables = environment
        variables["NOTIFY_SOCKET"] = nil
        variables["STATE_DIRECTORY"] = nil
        process.environment = variables
        let errors = directory.file("stderr.log")
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        process.standardOutput = FileHandle.nullDevice
        try process.run()

        let writer = Writer(directory: directory, rate: rate)
        writer.rotation = environment["DRIFT_SOAK_ROTATION"] ?? "both"
        writer.badEvery = Int(environment["DRIFT_SOAK_BAD_EVERY"] ?? "") ?? 97
        let thread = Thread { writer.run() }
        thread.start()
        var samples: [Sample] = []
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(seconds) {
            try await Task.sleep(for: .seconds(2))
            samples.append(
                Sample(
                    seconds: Int((ContinuousClock.now - start).components.seconds),
                    rssKiB: Self.rssKiB(process.processIdentifier),
                    storeBytes: Self.size(directory.file("s.db")) + Self.size(directory.file("s.db-wal")),
                    written: writer.written))
            #expect(
                process.isRunning, "the agent stopped: \((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")")
            if !process.isRunning { return }
        }
        writer.stop()
        while writer.written > 0 && thread.isExecuting { try await Task.sleep(for: .milliseconds(20)) }
        let written = writer.written
        // Catch up: wait (not sleep) until the committed line counters reach what was written.
        var counted: Int64 = -1
        let waiting = ContinuousClock.now
        while ContinuousClock.now - waiting < .seconds(120) {
            counted = (try? Store(path: directory.file("s.db")).counters().totalLines) ?? -1
            if counted == Int64(written) { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let store = try Store(path: directory.file("s.db"))
        let totals = try store.retentionTotals()
        let windows = try store.windows(model: "s")
        var report = "soak: \(seconds) s at \(rate) lines/s, \(writer.rotated) rotations, \(written) lines written, "
        report += "\(try store.counters().totalLines) counted, \(windows.count) windows kept, "
        report += "\(totals.windows) windows and \(totals.decisions) decisions pruned\n"
        report += "t_s rss_kib store_bytes lines\n"
        report += samples.map { "\($0.seconds) \($0.rssKiB) \($0.storeBytes) \($0.written)" }.joined(separator: "\n")
        print(report)
        if let out = environment["DRIFT_SOAK_OUT"] { try report.write(toFile: out, atomically: true, encoding: .utf8) }

        if keep { print("soak: rows in windows \(windows.reduce(0) { $0 + $1.rows })") }
        let files = try store.ingestFiles().map {
            "\($0.path) lines \($0.lines) bad \($0.badLines) offset \($0.offset)"
        }
        #expect(
            try store.counters().totalLines == Int64(written),
            "every complete line counted exactly once; sources:\n\(files.joined(separator: "\n"))")
        // Besides the lines written bad, only `late`: a copy's rest, read after the truncated file's
        // newer lines, is behind the watermark.
        let badWritten = (0..<written).filter { Writer.isBad($0, every: writer.badEvery) }.count
        let reasons = try store.counters().badLinesByReason
        #expect(reasons.allSatisfy { $0.reason == "late" || $0.reason == "invalid_json" }, "\(reasons)")
        #expect(
            reasons.first { $0.reason == "invalid_json" }?.count ?? 0 == Int64(badWritten),
            "\(badWritten) lines written bad; \(reasons)")
        let problems = try CounterCheck.problems(store: store)
        #expect(problems.isEmpty, "line counters disagree:\n\(problems.joined(separator: "\n"))")
        // One minute of 5 s windows, plus the open ones and one prune interval (12 s of event time).
        #expect(windows.count <= 12 + 2 + 3, "\(windows.count) windows kept")
        #expect(totals.windows > 0)
        let quarter = max(1, samples.count / 4)
        let firstRSS = samples.prefix(quarter).map(\.rssKiB).max() ?? 0
        let lastRSS = samples.suffix(quarter).map(\.rssKiB).max() ?? 0
        #expect(lastRSS <= firstRSS * 6 / 5 + 4_096, "RSS first quarter \(firstRSS) KiB, last quarter \(lastRSS) KiB")
        let half = max(1, samples.count / 2)
        let firstStore = samples.prefix(half).map(\.storeBytes).max() ?? 0
        let lastStore = samples.suffix(half).map(\.storeBytes).max() ?? 0
        #expect(
            lastStore <= firstStore * 5 / 4 + (1 << 20), "store first half \(firstStore) B, second half \(lastStore) B")
    }
}
