import DriftTestSupport
import Foundation
import Testing

/// Re-deciding windows through the built binary: `backfill --replace` supersedes a decision whose
/// verdict changed, a retrain hook runs once per episode across restarts and re-decisions, and
/// `approve` refuses a superseded review.
///
/// The fixture is hand-made: model `m` with one numeric feature `x`, hourly windows of 120 rows (the statistics need 100) from
/// 2026-11-01T00:00Z. The baseline is x = 0…9 evenly; a clean window holds the same values (PSI 0),
/// a drifted one x = 100…109, beyond every baseline value (PSI far above the 0.1 threshold). With
/// K = 2 of N = 3 the pattern clean, drift, drift, drift, clean, clean, drift, drift is decided
/// (hand-worked; a slot counts when its window drifts):
/// hour 0 ok (no drift) · 1 ok (1 of 3) · 2 retrain (2 of 3: opens episode 1, acts) · 3 retrain (3 of
/// 3, episode_open) · 4 retrain (hours 2, 3 drift: 2 of 3, episode_open) · 5 ok (1 of 3: resolves
/// episode 1) · 6 ok (1 of 3) · 7 retrain (2 of 3: opens episode 2, acts).
struct DecisionRevisionCommandTests {
    static let start = 1_793_491_200  // 2026-11-01T00:00:00Z, epoch seconds
    static let pattern = [false, true, true, true, false, false, true, true]
    static let verdicts = ["ok", "ok", "retrain", "retrain", "retrain", "ok", "ok", "retrain"]

    /// Hour `hour`'s 120 lines, one every 30 s; `label` gives row i's inline prediction and label.
    static func window(_ hour: Int, drifted: Bool, label: ((Int) -> (score: Double, label: Int))? = nil) -> String {
        (0..<120).map { i in
            let x = (drifted ? 100 : 0) + i % 10
            var line = "{\"ts\":\(start + hour * 3600 + i * 30),\"model\":\"m\",\"features\":{\"x\":\(x)}"
            if let label { line += ",\"prediction\":\(label(i).score),\"label\":\(label(i).label)" }
            return line + "}\n"
        }.joined()
    }

    /// The config (with `extra` appended) and the baseline, created from 600 untimed clean rows.
    static func prepare(
        _ directory: ScratchDirectory, extra: String = "", label: ((Int) -> (score: Double, label: Int))? = nil
    ) throws -> String {
        let config = directory.write(
            """
            [defaults]
            window = "1h"
            lateness = "0s"
            min_rows = 30

            [defaults.guardrails]
            cooldown = "0s"

            [models.m]
            feature_root = "features"
            numeric = ["x"]

            [models.m.thresholds]
            psi = 0.1
            \(extra)
            """, to: "m.toml")
        let train = (0..<600).map { i in
            let labelled = label.map { ",\"prediction\":\($0(i).score),\"label\":\($0(i).label)" } ?? ""
            return "{\"model\":\"m\",\"features\":{\"x\":\(i % 10)}\(labelled)}\n"
        }
        _ = directory.write(train.joined(), to: "train.jsonl")
        let created = try DriftwatchProcess.run(
            [
                "baseline", "create", "--config", config, "--state", "s.db", "--model", "m", "--from", "train.jsonl",
                "--out", "m.json",
            ], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        return config
    }

    static func backfill(
        _ config: String, _ arguments: [String], in directory: ScratchDirectory,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let run = try DriftwatchProcess.run(
            ["backfill", "--config", config, "--state", "s.db"] + arguments, in: directory)
        #expect(run.status == 0, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        return run.stdout
    }

    static func decisions(_ config: String, in directory: ScratchDirectory) throws -> [[String: Any]] {
        let listed = try DriftwatchProcess.run(
            ["decisions", "--config", config, "--state", "s.db", "--format", "json"], in: directory)
        #expect(listed.status == 0, "\(listed.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        return try #require(root["decisions"] as? [[String: Any]])
    }

    static func reasonCodes(_ decision: [String: Any]) -> [String] {
        (decision["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func replaceSupersedesOnlyTheWindowWhoseVerdictChanged() throws {
        let directory = ScratchDirectory(prefix: "replace-redecide")
        let config = try Self.prepare(directory)
        let all = Self.pattern.enumerated().map { Self.window($0.offset, drifted: $0.element) }.joined()
        _ = directory.write(all, to: "all.jsonl")
        _ = try Self.backfill(config, ["all.jsonl"], in: directory)
        let before = try Self.decisions(config, in: directory)
        #expect(before.map { $0["verdict"] as? String } == Self.verdicts)
        #expect(
            before.map { $0["action"] as? String }
                == ["none", "none", "backtest", "none", "none", "none", "none", "backtest"])

        // Hours 0–2 re-ingested clean: hour 0 stays ok, hour 1 stays ok (now no drift at all), hour 2
        // has no drifting slot left (0 of 3): retrain → ok, the only new decision.
        _ = directory.write((0..<3).map { Self.window($0, drifted: false) }.joined(), to: "clean.jsonl")
        let replace = ["--replace", "2026-11-01T00:00:00Z..2026-11-01T03:00:00Z", "clean.jsonl"]
        let stdout = try Self.backfill(config, replace, in: directory)
        #expect(stdout.contains("decided again after --replace: 1 (#9 2026-11-01T02:00:00Z ok)"), "\(stdout)")
        let after = try Self.decisions(config, in: directory)
        try #require(after.count == 9)
        let new = after[8]
        #expect(new["window_start"] as? String == "2026-11-01T02:00:00Z")
        #expect(new["verdict"] as? String == "ok" && new["action"] as? String == "none")
        #expect(new["revision"] as? Int == 1 && new["supersedes"] as? Int == 3)
        #expect(after[2]["superseded_by"] as? Int == 9)
        #expect(Self.reasonCodes(new) == ["window_replaced", "no_drift"])
        let message = (new["reasons"] as? [[String: Any]])?.first?["message"] as? String
        #expect(message == "window re-ingested with --replace (120 rows); supersedes decision #3 (retrain), now ok")
        let explain = try DriftwatchProcess.run(
            ["explain", "--config", config, "--state", "s.db", "3"], in: directory)
        #expect(explain.stdout.contains("superseded by decision #9 (ok → none) — window re-ingested with --replace"))

        // The same replacement again changes no verdict: nothing is recorded.
        _ = try Self.backfill(config, replace, in: directory)
        #expect(try Self.decisions(config, in: directory).count == 9)
    }

    @Test func theRetrainHookRunsOncePerEpisodeAcrossRestartsAndReDecisions() throws {
        let directory = ScratchDirectory(prefix: "retrain-once")
        let events = directory.file("events.jsonl")
        let logger = DriftwatchProcess.root + "/Scripts/hooks/file-logger.sh"
        let config = try Self.prepare(directory, extra: "[hooks]\nretrain = [\"\(logger)\", \"\(events)\"]\n")
        // One process per hour: every window is the newest when it closes, so fire mode decides each.
        for (hour, drifted) in Self.pattern.enumerated() {
            _ = directory.write(Self.window(hour, drifted: drifted), to: "h\(hour).jsonl")
            _ = try Self.backfill(config, ["--fire", "h\(hour).jsonl"], in: directory)
            if hour == 2 {
                // The retrain finished: single flight admits the next episode's.
                let completed = try DriftwatchProcess.run(
                    [
                        "job", "complete", "--config", config, "--state", "s.db", "driftwatch-fire-3", "--status",
                        "succeeded",
                    ],
                    in: directory)
                #expect(completed.status == 0, "\(completed.stderr)")
            }
        }
        let decided = try Self.decisions(config, in: directory)
        #expect(decided.map { $0["verdict"] as? String } == Self.verdicts)
        #expect(
            decided.map { $0["action"] as? String } == [
                "none", "none", "fired", "none", "none", "none", "none", "fired",
            ])
        #expect(
            Self.reasonCodes(decided[3]).last == "episode_open" && Self.reasonCodes(decided[4]).last == "episode_open")
        let episodes = decided.map { $0["episode_id"] as? Int }
        #expect(episodes[2] != nil && episodes[2] == episodes[3] && episodes[3] == episodes[4])
        #expect(episodes[7] != nil && episodes[7] != episodes[2])

        // Hours 0–1 re-ingested drifted: hour 1 is now the second drifting slot (retrain), a
        // re-decision that joins the open episode 2, which already acted: nothing runs.
        _ = directory.write((0..<2).map { Self.window($0, drifted: true) }.joined(), to: "drift.jsonl")
        _ = try Self.backfill(
            config, ["--fire", "--replace", "2026-11-01T00:00:00Z..2026-11-01T02:00:00Z", "drift.jsonl"], in: directory)
        let after = try Self.decisions(config, in: directory)
        try #require(after.count == 9)
        #expect(after[8]["supersedes"] as? Int == 2 && after[8]["verdict"] as? String == "retrain")
        #expect(after[8]["action"] as? String == "none" && after[8]["episode_id"] as? Int == episodes[7])
        #expect(Self.reasonCodes(after[8]) == ["window_replaced", "drift_held", "episode_open"])

        let logged = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
        let payloads = try logged.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(payloads.map { $0["event"] as? String } == ["retrain", "retrain"], "one retrain per episode")
        let fired = payloads.map { ($0["decision"] as? [String: Any])?["id"] as? Int }
        #expect(fired == [3, 8])
    }

    @Test func approveRefusesASupersededReview() throws {
        let directory = ScratchDirectory(prefix: "approve-superseded")
        // Baseline: score 0.9 with label 1 on even rows, 0.1 with label 0 on odd rows (accuracy 1).
        let truth = { (i: Int) in (score: i % 2 == 0 ? 0.9 : 0.1, label: i % 2 == 0 ? 1 : 0) }
        // Rows 2–3 of every 4 have the wrong label: accuracy 60/120 = 0.5, a drop of 0.5 > 0.1 → review.
        let half = { (i: Int) in (score: truth(i).score, label: i % 4 < 2 ? truth(i).label : 1 - truth(i).label) }
        let config = try Self.prepare(
            directory,
            extra: "\n[models.m.policy]\ndrop_metric = \"accuracy\"\nmax_drop = 0.1\nmin_labeled_rows = 30\n",
            label: truth)
        _ = directory.write(Self.window(0, drifted: false, label: half), to: "h0.jsonl")
        _ = try Self.backfill(config, ["--fire", "h0.jsonl"], in: directory)
        let first = try Self.decisions(config, in: directory)
        #expect(first.map { $0["verdict"] as? String } == ["review"])
        #expect(first.map { $0["action"] as? String } == ["awaiting_approval"])

        // The window re-ingested with its labels right: accuracy 1, drop 0 → ok supersedes the review.
        _ = directory.write(Self.window(0, drifted: false, label: truth), to: "fixed.jsonl")
        _ = try Self.backfill(
            config, ["--fire", "--replace", "2026-11-01T00:00:00Z..2026-11-01T01:00:00Z", "fixed.jsonl"], in: directory)
        let after = try Self.decisions(config, in: directory)
        try #require(after.map { $0["verdict"] as? String } == ["review", "ok"])
        #expect(after[1]["supersedes"] as? Int == 1)

        let approve = try DriftwatchProcess.run(["approve", "--config", config, "--state", "s.db", "1"], in: directory)
        #expect(approve.status == 1, "\(approve.stderr)")
        #expect(
            approve.stderr.contains(
                "decision #1 was superseded by decision #2 (ok → none) when its window was decided again"),
            "\(approve.stderr)")
        #expect(try Self.decisions(config, in: directory)[0]["approved_at"] is NSNull, "nothing was approved")
    }
}
