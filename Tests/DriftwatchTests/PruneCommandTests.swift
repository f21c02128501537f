import DriftTestSupport
import Foundation
import Testing

/// `driftwatch prune` through the binary: a backfill of 48 hourly windows, then a dry run, a real
/// prune under `[retention] windows = "6h"`, and what `status` says afterwards.
struct PruneCommandTests {
    static let config = """
        [retention]
        windows = "6h"
        decisions = "forever"
        """
    /// 2026-01-01T00:00:00Z.
    static let origin: Int64 = 1_767_225_600_000

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Three lines in each of 48 hours.
    private func log(_ directory: ScratchDirectory) {
        var text = ""
        for line in 0..<(48 * 3) {
            let ts = Self.origin + Int64(line / 3) * 3_600_000 + Int64(line % 3) * 60_000
            text += "{\"ts\":\(ts),\"model\":\"m\",\"features\":{\"x\":\(line % 7)}}\n"
        }
        directory.write(text, to: "log.jsonl")
    }

    @Test func dryRunThenPruneKeepsTheNewestWindowsAndTheCounters() throws {
        let directory = ScratchDirectory(prefix: "prune")
        directory.write(Self.config, to: "driftwatch.toml")
        log(directory)
        let common = ["--config", "driftwatch.toml", "--state", "s.db"]
        let backfill = try DriftwatchProcess.run(["backfill"] + common + ["log.jsonl"], in: directory)
        #expect(backfill.status == 0, "\(backfill.stderr)")

        // Newest window end: hour 48; cutoff 48 - 6 = 42: the windows of hours 0..41 end at or before it.
        let dry = try DriftwatchProcess.run(["prune", "--dry-run"] + common, in: directory)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("s.db: would delete 42 windows, 0 decisions, 0 episodes; file "), "\(dry.stdout)")
        let before = try json(try DriftwatchProcess.run(["status", "--format", "json"] + common, in: directory).stdout)
        #expect((before["streams"] as? [[String: Any]])?.first?["windows"] as? Int == 48)

        let pruned = try DriftwatchProcess.run(["prune", "--format", "json"] + common, in: directory)
        #expect(pruned.status == 0, "\(pruned.stderr)")
        let outcome = try json(pruned.stdout)
        #expect(outcome["windows"] as? Int == 42)
        #expect(outcome["decisions"] as? Int == 0)
        #expect(outcome["dry_run"] as? Bool == false)
        let fileBytes = try #require(outcome["file_bytes"] as? Int)
        let onDisk = try #require(
            try FileManager.default.attributesOfItem(atPath: directory.file("s.db"))[.size] as? Int)
        #expect(fileBytes == onDisk)

        let status = try json(try DriftwatchProcess.run(["status", "--format", "json"] + common, in: directory).stdout)
        let stream = try #require((status["streams"] as? [[String: Any]])?.first)
        #expect(stream["windows"] as? Int == 6)
        #expect(stream["rows"] as? Int == 18)
        #expect((status["ingest"] as? [String: Any])?["lines"] as? Int == 48 * 3, "line counters are never pruned")
        let retention = try #require(status["retention"] as? [String: Any])
        #expect(retention["windows_pruned"] as? Int == 42)
        #expect(retention["last_prune"] is String)

        // Nothing more to do; "forever" on the command line keeps everything.
        let again = try DriftwatchProcess.run(["prune", "--windows", "forever"] + common, in: directory)
        #expect(
            again.stdout.hasPrefix("s.db: deleted 0 windows, 0 decisions, 0 episodes; reclaimed "), "\(again.stdout)")
        let report = try json(try DriftwatchProcess.run(["report", "--format", "json"] + common, in: directory).stdout)
        #expect((report["windows"] as? [[String: Any]])?.count == 6)
    }

    @Test func aRetentionShorterThanAWindowIsRefused() throws {
        let directory = ScratchDirectory(prefix: "prune")
        directory.write("[retention]\nwindows = \"30m\"\n", to: "short.toml")
        let check = try DriftwatchProcess.run(["check", "--config", "short.toml"], in: directory)
        #expect(check.status == 1)
        #expect(check.stderr.contains("retention.windows"), "\(check.stderr)")
        #expect(check.stderr.contains("window + lateness"), "\(check.stderr)")
        let bad = try DriftwatchProcess.run(["prune", "--state", "s.db", "--windows", "soon"], in: directory)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--windows 'soon'"), "\(bad.stderr)")
    }
}
