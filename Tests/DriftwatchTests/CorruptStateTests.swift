import DriftCore
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// Damaged state through the real binary: a truncated file, damaged pages, a missing WAL, a
/// schema newer than the binary and a full disk each give a precise error and an exit status
/// other than 0; committed windows are never lost and a damaged file is never rewritten or reset.
struct CorruptStateTests {
    static let config = DriftwatchProcess.fixture("cli/cli.toml")
    static let log = DriftwatchProcess.fixture("cli/predictions.jsonl")
    static let otherLog = DriftwatchProcess.fixture("bad/crlf.jsonl")

    /// A state file holding the six windows of Fixtures/cli, closed cleanly.
    static func makeState(in directory: ScratchDirectory, name: String = "s.db") throws -> String {
        let run = try DriftwatchProcess.run(
            ["backfill", "--config", config, "--state", name, log], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        return directory.file(name)
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// A big-endian field of the SQLite file header (https://sqlite.org/fileformat.html §1.3).
    static func header(_ bytes: [UInt8], at offset: Int, size: Int) -> Int {
        bytes[offset..<offset + size].reduce(0) { $0 << 8 | Int($1) }
    }

    static func pageSize(_ bytes: [UInt8]) -> Int {
        let raw = header(bytes, at: 16, size: 2)
        return raw == 1 ? 65_536 : raw
    }

    /// Runs `driftwatch arguments` in `directory` and checks the exit status and that stderr says `says`.
    @discardableResult
    static func expectFailure(
        _ arguments: [String], in directory: ScratchDirectory, status: Int32, says: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> DriftwatchProcess.Result {
        let run = try DriftwatchProcess.run(arguments, in: directory)
        #expect(run.status == status, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(says), "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        return run
    }

    /// The report as JSON, and the total rows of its windows.
    static func report(_ state: String, in directory: ScratchDirectory) throws -> (json: String, rows: Int) {
        let run = try DriftwatchProcess.run(
            ["report", "--config", config, "--state", state, "--format", "json"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let root = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let windows = root?["windows"] as? [[String: Any]] ?? []
        return (run.stdout, windows.compactMap { $0["rows"] as? Int }.reduce(0, +))
    }

    @Test func truncatedFileIsAnErrorAndIsNeverRewritten() throws {
        let directory = ScratchDirectory(prefix: "corrupt")
        let original = try Self.bytes(try Self.makeState(in: directory))
        for size in [50, 4096, 100_000] {
            try #require(size < original.count)
            let path = directory.file("t\(size).db")
            let truncated = Array(original.prefix(size))
            try Self.write(truncated, to: path)
            try Self.expectFailure(
                ["report", "--state", path], in: directory, status: 2,
                says: "is damaged (database disk image is malformed)")
            try Self.expectFailure(
                ["backfill", "--config", Self.config, "--state", path, Self.otherLog], in: directory, status: 2,
                says: "is damaged")
            try Self.expectFailure(["check", "--state", path], in: directory, status: 1, says: "\(path) is damaged")
            #expect(try Self.bytes(path) == truncated, "size \(size): the damaged file was modified")
        }
    }

    /// With no free page, every page from 2 on is in use: damaging any one of them is found by
    /// `check` (SQLite's integrity_check), and the file is left as it was.
    @Test func everyDamagedPageIsFoundByCheck() throws {
        let directory = ScratchDirectory(prefix: "corrupt")
        let original = try Self.bytes(try Self.makeState(in: directory))
        let pageSize = Self.pageSize(original)
        let pages = Self.header(original, at: 28, size: 4)
        try #require(Self.header(original, at: 36, size: 4) == 0, "the fixture state has free pages")
        try #require(pages * pageSize == original.count && pages > 10)
        var random = SplitMix64(seed: 8)
        for page in 2...pages {
            var damaged = original
            for index in (page - 1) * pageSize..<page * pageSize {
                damaged[index] = UInt8(truncatingIfNeeded: random.next())
            }
            let path = directory.file("p\(page).db")
            try Self.write(damaged, to: path)
            try Self.expectFailure(["check", "--state", path], in: directory, status: 1, says: "\(path) is damaged")
            #expect(try Self.bytes(path) == damaged, "page \(page): the damaged file was modified")
        }
    }

    @Test func damagedWindowPagesFailEveryCommand() throws {
        let directory = ScratchDirectory(prefix: "corrupt")
        let original = try Self.bytes(try Self.makeState(in: directory))
        let pageSize = Self.pageSize(original)
        var damaged = original
        var random = SplitMix64(seed: 9)
        for index in pageSize..<damaged.count { damaged[index] = UInt8(truncatingIfNeeded: random.next()) }
        let path = directory.file("d.db")
        try Self.write(damaged, to: path)
        try Self.expectFailure(["report", "--state", path], in: directory, status: 2, says: "is damaged")
        try Self.expectFailure(["status", "--state", path], in: directory, status: 2, says: "is damaged")
        try Self.expectFailure(
            ["backfill", "--config", Self.config, "--state", path, Self.otherLog], in: directory, status: 2,
            says: "is damaged")
        try Self.expectFailure(["check", "--state", path], in: directory, status: 1, says: "is damaged")
        #expect(try Self.bytes(path) == damaged)
    }

    @Test func newerSchemaIsRefusedByEveryCommandAndLeftUntouched() throws {
        let directory = ScratchDirectory(prefix: "corrupt")
        var bytes = try Self.bytes(try Self.makeState(in: directory))
        let supported = Int(Store.supportedSchemaVersion)
        #expect(Self.header(bytes, at: 60, size: 4) == supported)
        bytes[63] = UInt8(supported + 1)  // user_version, big-endian at offset 60
        let path = directory.file("n.db")
        try Self.write(bytes, to: path)
        let says = "has schema v\(supported + 1); this driftwatch reads up to v\(supported)"
        for arguments in [
            ["report", "--state", path], ["status", "--state", path], ["check", "--state", path],
            ["backfill", "--config", Self.config, "--state", path, Self.otherLog],
        ] {
            try Self.expectFailure(arguments, in: directory, status: 1, says: says)
        }
        #expect(try Self.bytes(path) == bytes)
    }

    /// A command that exits checkpoints its WAL into the file: the `.db` alone (copied without
    /// its `-wal`/`-shm`, or after they were deleted) holds every committed window.
    @Test func stateFileAloneHoldsEveryWindowAfterACommandExits() throws {
        let directory = ScratchDirectory(prefix: "corrupt")
        let state = try Self.makeState(in: directory)
        #expect(!FileManager.default.fileExists(atPath: state + "-wal"), "the WAL is checkpointed and removed on exit")
        let expected = try Self.report("s.db", in: directory)
        #expect(expected.rows == 1216)
        let alone = ScratchDirectory(prefix: "corrupt-copy")
        try Self.write(try Self.bytes(state), to: alone.file("s.db"))
        #expect(try Self.report("s.db", in: alone).json == expected.json)
    }

    /// Runs driftwatch under `ulimit -f` (SIGXFSZ ignored, so a write past the limit fails with
    /// EFBIG): a stand-in for a full disk that needs no privileges.
    static func runWithFileSizeLimit(
        blocks: Int, _ arguments: [String], in directory: ScratchDirectory
    ) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments =
            ["-c", "ulimit -f \(blocks); trap '' XFSZ; exec \"$0\" \"$@\"", DriftwatchProcess.binary]
            + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        let err = directory.file("stderr-limit")
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOfFile: err, encoding: .utf8))
    }

    /// The demo log under a file-size limit that stops the backfill part-way: exit 2 with a precise
    /// message, the windows of the commits before it intact, and a re-run without the limit ends
    /// exactly where an uninterrupted run does.
    @Test func fileSizeLimitKeepsCommittedWindowsAndTheRerunCompletes() throws {
        let log = DriftwatchProcess.fixture("demo/predictions.jsonl")
        let directory = ScratchDirectory(prefix: "full")
        // The limit is sized for the windows alone: the demo's unlabelled predictions are not kept
        // for delayed labels here (they would fill the limit before the first commit). 1600 blocks of
        // 512 bytes (dash's `ulimit -f`): 1200 was at the edge, and with schemas v4–v6 the first commit
        // (and auto-vacuum's pointer-map pages) no longer fit in it.
        let config = directory.file("demo.toml")
        try
            (String(contentsOfFile: DriftwatchProcess.fixture("demo.toml"), encoding: .utf8)
            + "\n[labels]\nmax_pending = 0\n").write(toFile: config, atomically: true, encoding: .utf8)
        let demo = ["--config", config]
        let limited = try Self.runWithFileSizeLimit(
            blocks: 1600, ["backfill"] + demo + ["--state", "s.db", "--commit-every", "1000", log], in: directory)
        #expect(limited.status == 2, "\(limited.stderr)")
        #expect(
            limited.stderr.contains("An I/O error hit s.db") && limited.stderr.contains("nothing committed was lost"))
        try expectResumes(demo: demo, log: log, in: directory)
    }

    /// After an interrupted backfill in `directory/s.db`: some but not all rows are stored (when
    /// `partial`), and a re-run gives the same report as one uninterrupted run into a fresh state —
    /// windows, decisions (windows stored before the interruption but not yet decided included),
    /// episodes and budget.
    private func expectResumes(
        demo: [String], log: String, in directory: ScratchDirectory, partial: Bool = true
    ) throws {
        let report = { (state: String) throws -> (json: String, rows: Int) in
            let run = try DriftwatchProcess.run(
                ["report"] + demo + ["--state", state, "--format", "json"], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            let root = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let windows = root?["windows"] as? [[String: Any]] ?? []
            return (run.stdout, windows.compactMap { $0["rows"] as? Int }.reduce(0, +))
        }
        if partial {
            let stored = try report("s.db").rows
            #expect(stored > 0 && stored < 19_200, "rows committed before the disk filled: \(stored)")
        }
        let rerun = try DriftwatchProcess.run(
            ["backfill"] + demo + ["--state", "s.db", "--commit-every", "1000", log], in: directory)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let fresh = try DriftwatchProcess.run(
            ["backfill"] + demo + ["--state", "fresh.db", "--commit-every", "1000", log], in: directory)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let resumed = try report("s.db")
        #expect(resumed.rows == 19_200)
        let parse = { (json: String) throws -> NSDictionary in
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary) ?? [:]
        }
        let clean = try report("fresh.db").json
        #expect(try parse(resumed.json) == (try parse(clean)), "the resumed state equals an uninterrupted run")
        let decisions = try parse(clean)["decisions"] as? [Any]
        #expect(decisions?.count == 24, "every window of the demo is decided")
    }

    /// A backfill killed with SIGKILL part-way (after its first commits), then re-run: the same
    /// report as an uninterrupted run, decisions included.
    @Test func killedBackfillResumesToTheUninterruptedReport() throws {
        let directory = ScratchDirectory(prefix: "killed")
        let config = directory.file("demo.toml")
        try
            (String(contentsOfFile: DriftwatchProcess.fixture("demo.toml"), encoding: .utf8)
            + "\n[labels]\nmax_pending = 0\n").write(toFile: config, atomically: true, encoding: .utf8)
        let demo = ["--config", config]
        let log = DriftwatchProcess.fixture("demo/predictions.jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DriftwatchProcess.binary)
        process.arguments = ["backfill"] + demo + ["--state", "s.db", "--commit-every", "1000", log]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill once a few windows are decided (of 24), mid-run; if the run ended first nothing is
        // interrupted and the comparison still holds.
        let deadline = Date().addingTimeInterval(60)
        var decided = 0
        while process.isRunning, Date() < deadline, decided < 3 {
            let listed = try DriftwatchProcess.run(
                ["decisions"] + demo + ["--state", "s.db", "--format", "json"], in: directory)
            decided = listed.stdout.components(separatedBy: "\"mode\":").count - 1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try expectResumes(demo: demo, log: log, in: directory, partial: false)
    }

    /// Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN, as in the project's CI);
    /// elsewhere the tmpfs test is skipped and the file-size-limit test stands in for it.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0 else { return false }
        let probe = ScratchDirectory(prefix: "mount-probe")
        guard CorruptStateTests.mount(tmpfsOf: 64, at: probe.path) else { return false }
        CorruptStateTests.unmount(probe.path)
        return true
    }()

    @discardableResult
    static func mount(tmpfsOf kilobytes: Int, at path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func unmount(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        try? process.run()
        process.waitUntilExit()
    }

    /// A real full file system: a 1 MiB tmpfs holding the state file.
    @Test(.enabled(if: canMountTmpfs, "needs root to mount a tmpfs; fileSizeLimit… covers a full disk"))
    func fullTmpfsKeepsCommittedWindowsAndTheRerunCompletes() throws {
        let demo = ["--config", DriftwatchProcess.fixture("demo.toml")]
        let log = DriftwatchProcess.fixture("demo/predictions.jsonl")
        let directory = ScratchDirectory(prefix: "full")
        let disk = ScratchDirectory(prefix: "tmpfs")
        try #require(Self.mount(tmpfsOf: 1024, at: disk.path))
        var mounted = true
        defer { if mounted { Self.unmount(disk.path) } }
        let full = try DriftwatchProcess.run(
            ["backfill"] + demo + ["--state", disk.file("s.db"), "--commit-every", "1000", log], in: directory)
        #expect(full.status == 2, "\(full.stderr)")
        #expect(full.stderr.contains("The disk holding \(disk.file("s.db")) is full; free space and re-run"))
        // "Free space": move the state (with its WAL, which holds the commits) to a roomy disk.
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: disk.file("s.db") + suffix) {
            try Self.write(try Self.bytes(disk.file("s.db") + suffix), to: directory.file("s.db") + suffix)
        }
        Self.unmount(disk.path)
        mounted = false
        try expectResumes(demo: demo, log: log, in: directory)
    }
}
