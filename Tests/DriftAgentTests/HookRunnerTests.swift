import DriftAgent
import DriftTestSupport
import Foundation
import Testing

/// The hook runner against real processes: timeouts kill the whole group, output is capped, a
/// hook that ignores its input cannot hurt the agent, and nothing is ever run through a shell.
struct HookRunnerTests {
    /// Writes an executable `/bin/sh` script into `directory`.
    static func script(_ body: String, named name: String, in directory: ScratchDirectory) -> String {
        let path = directory.write("#!/bin/sh\n" + body + "\n", to: name)
        chmod(path, 0o755)
        return path
    }

    /// Whether `pid` is gone (or a zombie waiting for init), polling up to `seconds`.
    static func isGone(_ pid: Int32, within seconds: Double = 3) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            usleep(20_000)
        }
        return false
    }

    @Test func hangingHookIsKilledWithItsGrandchildrenWithinTheTimeout() throws {
        let directory = ScratchDirectory(prefix: "hooks")
        let pids = directory.file("pids")
        let hook = Self.script(
            "sleep 1000 &\necho $! > \"$1\"\necho $$ >> \"$1\"\nsleep 1000", named: "hang.sh", in: directory)
        let runner = HookRunner(killGraceMilliseconds: 300)
        let started = Date()
        let outcome = runner.run(argv: [hook, pids], input: [], environment: [:], timeoutMilliseconds: 400)
        let elapsed = Date().timeIntervalSince(started)
        #expect(outcome.termination == .timedOut)
        #expect(elapsed < 2.5, "timeout 0.4 s + grace 0.3 s, took \(elapsed) s")
        let recorded = try String(contentsOfFile: pids, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(recorded.count == 2)
        for pid in recorded { #expect(Self.isGone(pid), "pid \(pid) survived the timeout") }
    }

    @Test func hookThatIgnoresTermIsKilledAfterTheGrace() {
        let directory = ScratchDirectory(prefix: "hooks")
        let hook = Self.script("trap '' TERM\nwhile :; do sleep 0.05; done", named: "stubborn.sh", in: directory)
        let started = Date()
        let outcome = HookRunner(killGraceMilliseconds: 200).run(
            argv: [hook], input: [], environment: [:], timeoutMilliseconds: 200)
        #expect(outcome.termination == .timedOut)
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func hugeOutputIsCappedAndCounted() {
        // 1 MiB on stdout and 200 000 bytes on stderr, against a 64 KiB cap.
        let outcome = HookRunner().run(
            argv: ["/bin/sh", "-c", "head -c 1048576 /dev/zero; head -c 200000 /dev/zero >&2"], input: [],
            environment: [:], timeoutMilliseconds: 10_000)
        #expect(outcome.termination == .exited(0))
        #expect(outcome.stdout.count == 65_536 && outcome.stdoutDropped == 1_048_576 - 65_536)
        #expect(outcome.stderr.count == 65_536 && outcome.stderrDropped == 200_000 - 65_536)
    }

    @Test func hookThatNeverReadsItsInputDoesNotTakeTheAgentDown() {
        // 4 MiB of input to a hook that exits at once: our writes hit EPIPE, never SIGPIPE.
        let input = [UInt8](repeating: UInt8(ascii: "x"), count: 4 << 20)
        let outcome = HookRunner().run(argv: ["/bin/true"], input: input, environment: [:], timeoutMilliseconds: 5_000)
        #expect(outcome.termination == .exited(0))
        let failing = HookRunner().run(
            argv: ["/bin/sh", "-c", "exit 3"], input: input, environment: [:], timeoutMilliseconds: 5_000)
        #expect(failing.termination == .exited(3))
    }

    @Test func shellMetacharactersInArgumentsInputAndEnvironmentAreNeverExecuted() throws {
        let directory = ScratchDirectory(prefix: "hooks")
        let marker = directory.file("pwned")
        let hostile = "$(touch \(marker)); touch \(marker); `touch \(marker)` | touch \(marker) && touch \(marker)"
        let log = directory.file("events.jsonl")
        let logger = DriftwatchRepository.root + "/Scripts/hooks/file-logger.sh"
        let outcome = HookRunner().run(
            argv: [logger, log], input: Array("{\"model\":\"\(hostile)\"}\n".utf8),
            environment: ["DRIFTWATCH_MODEL": hostile], timeoutMilliseconds: 5_000)
        #expect(outcome.termination == .exited(0), "\(String(decoding: outcome.stderr, as: UTF8.self))")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "{\"model\":\"\(hostile)\"}\n")
        // The hostile text as argv[0]'s argument: echo prints it verbatim.
        let echo = HookRunner().run(
            argv: ["/bin/echo", hostile], input: [], environment: [:], timeoutMilliseconds: 5_000)
        #expect(String(decoding: echo.stdout, as: UTF8.self) == hostile + "\n")
        // And as a would-be executable name: there is no such file, and no shell to interpret it.
        let spawn = HookRunner().run(argv: [hostile], input: [], environment: [:], timeoutMilliseconds: 5_000)
        #expect(spawn.termination == .spawnFailed(ENOENT))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func environmentCarriesTheEventAndDropsSystemdVariables() {
        var runner = HookRunner()
        runner.baseEnvironment = [
            "NOTIFY_SOCKET": "/run/systemd/notify", "WATCHDOG_USEC": "1000000", "PATH": "/usr/bin:/bin",
        ]
        let outcome = runner.run(
            argv: ["/usr/bin/env"], input: [], environment: ["DRIFTWATCH_EVENT": "retrain"], timeoutMilliseconds: 5_000)
        let lines = String(decoding: outcome.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.contains("DRIFTWATCH_EVENT=retrain"))
        #expect(!lines.contains { $0.hasPrefix("NOTIFY_SOCKET=") || $0.hasPrefix("WATCHDOG_") })
        #expect(lines.contains { $0.hasPrefix("PATH=") }, "the rest of the environment is inherited")
    }

    @Test func hookRunsInItsOwnSessionWithDefaultSignals() {
        // ps-free check: the hook's session id and process group equal its pid; SIGPIPE is default.
        let outcome = HookRunner().run(
            argv: ["/bin/sh", "-c", "cut -d' ' -f1,5,6 /proc/$$/stat; grep SigIgn /proc/$$/status"], input: [],
            environment: [:], timeoutMilliseconds: 5_000)
        let lines = String(decoding: outcome.stdout, as: UTF8.self).split(separator: "\n")
        let ids = lines.first?.split(separator: " ") ?? []
        #expect(ids.count == 3 && ids[0] == ids[1] && ids[1] == ids[2], "\(lines)")
        // Bits 12 and 14: SIGPIPE (13) and SIGTERM (15) are not ignored, though the agent ignores SIGPIPE.
        let ignored = lines.last.flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) }
        #expect(ignored.map { $0 & (1 << 12 | 1 << 14) == 0 } == true, "\(lines)")
    }

    @Test func missingExecutableIsASpawnFailure() {
        let outcome = HookRunner().run(
            argv: ["/nonexistent/hook"], input: [], environment: [:], timeoutMilliseconds: 1_000)
        #expect(outcome.termination == .spawnFailed(ENOENT))
    }
}

/// The repository root, from this file's path.
enum DriftwatchRepository {
    static let root: String = {
        var components = URL(fileURLWithPath: #filePath).pathComponents
        components.removeLast(3)
        return components.joined(separator: "/").replacingOccurrences(of: "//", with: "/")
    }()
}
