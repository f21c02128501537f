import DriftTestSupport
import Foundation
import Testing

/// `driftwatch run` as a child process, talking to a fake systemd (a real notify socket).
struct RunCommandTests {
    /// A config that follows `logs/*.jsonl` with the metrics endpoint on a free port.
    static let config = """
        checkpoint_interval = "1s"
        [metrics]
        port = 0
        [models.fraud]
        sources = ["logs/*.jsonl"]
        """

    @Test func withoutSourcesRunIsAUsageError() throws {
        let directory = ScratchDirectory(prefix: "run")
        let result = try DriftwatchProcess.run(["run"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("give the log files to follow"))
        directory.write("[models.fraud]\nnumeric = [\"amount\"]\n", to: "empty.toml")
        let empty = try DriftwatchProcess.run(["run", "--config", "empty.toml", "--state", "s.db"], in: directory)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("nothing to follow"), "\(empty.stderr)")
        let level = try DriftwatchProcess.run(["run", "--log-level", "loud", "x.jsonl"], in: directory)
        #expect(level.status == 1)
    }

    @Test func logsAreLogfmtOnStandardErrorWithJournalPriorities() async throws {
        let directory = ScratchDirectory(prefix: "run")
        directory.write("[metrics]\nenabled = false\n[models.m]\nnumeric = [\"a\"]\n", to: "c.toml")
        directory.write("", to: "a.jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DriftwatchProcess.binary)
        process.arguments = ["run", "--config", "c.toml", "--state", "s.db", "a.jsonl"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNAL_STREAM"] = "8:12345"
        environment["NOTIFY_SOCKET"] = nil
        process.environment = environment
        let errors = directory.write("", to: "stderr.log")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Running (it logs "ingest ready") or failed at start-up (it logs why): either way, lines come.
        let start = ContinuousClock.now
        while process.isRunning, ContinuousClock.now - start < .seconds(2) {
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { process.terminate() }
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        try handle.close()
        let text = try String(contentsOfFile: errors, encoding: .utf8)
        let logLines = text.split(separator: "\n").filter { $0.hasPrefix("<") }
        #expect(!logLines.isEmpty, "\(text)")
        for line in logLines {
            #expect(line.range(of: #"^<[0-7]>level=[a-z]+ msg="#, options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test
    func sigtermEndsTheAgentWithinAFewSecondsAfterReady() async throws {
        let directory = ScratchDirectory(prefix: "run")
        directory.write(Self.config, to: "driftwatch.toml")
        try FileManager.default.createDirectory(atPath: directory.file("logs"), withIntermediateDirectories: true)
        directory.write(
            #"{"ts":"2026-11-28T08:00:00Z","model":"fraud","features":{"amount":1.5},"prediction":0.2}"# + "\n",
            to: "logs/a.jsonl")
        let receiver = try NotifyReceiver(abstract: false)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DriftwatchProcess.binary)
        process.arguments = ["run", "--config", "driftwatch.toml", "--state", "s.db"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = receiver.socketValue
        environment["WATCHDOG_USEC"] = "1000000"
        environment["STATE_DIRECTORY"] = nil
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.interrupt() } }
        #expect(await receiver.waitForDatagrams(1, timeout: .seconds(20)))
        #expect(receiver.received.first?.first == "READY=1")
        // A checkpoint (STATUS) and a watchdog ping: waited for, not slept for, so a loaded
        // machine that runs the loop late does not fail the test.
        let waiting = ContinuousClock.now
        while ContinuousClock.now - waiting < .seconds(120) {
            receiver.drain()
            let status = receiver.received.contains { $0.first?.hasPrefix("STATUS=lines 1, bad 0") == true }
            if status, receiver.received.contains(["WATCHDOG=1"]) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let stopping = ContinuousClock.now
        process.terminate()  // SIGTERM
        while process.isRunning, ContinuousClock.now - stopping < .seconds(10) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(!process.isRunning)
        // "A few seconds", with slack for a loaded 2-core machine.
        #expect(ContinuousClock.now - stopping < .seconds(8))
        #expect(process.terminationStatus == 0)
        receiver.drain()
        #expect(receiver.received.last?.last == "STOPPING=1")
        #expect(receiver.received.contains(["WATCHDOG=1"]))
        #expect(receiver.received.contains { $0.first?.hasPrefix("STATUS=lines 1, bad 0") == true })
        #expect(FileManager.default.fileExists(atPath: directory.file("s.db")))
    }

    @Test func noReadyWhenTheAgentCannotStart() async throws {
        let directory = ScratchDirectory(prefix: "run")
        directory.write(Self.config, to: "driftwatch.toml")
        let receiver = try NotifyReceiver(abstract: true)
        // A state path in a directory that does not exist: the store cannot open, so READY never comes.
        let result = try DriftwatchProcess.run(
            ["run", "--config", "driftwatch.toml", "--state", "missing/dir/s.db"], in: directory,
            environment: ["NOTIFY_SOCKET": receiver.socketValue])
        #expect(result.status != 0)
        receiver.drain()
        #expect(!receiver.received.contains { $0.contains("READY=1") })
        #expect(receiver.received.first?.first?.hasPrefix("STATUS=failed to start:") == true)
    }
}
