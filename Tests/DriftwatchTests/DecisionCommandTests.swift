import DriftTestSupport
import Foundation
import Testing

/// `backfill` as a backtest, `decisions`, `explain`, `approve` and `job complete` through the
/// built binary on the bundled demo (Fixtures/demo.toml, Baselines/fraud.json, one planted drift).
struct DecisionCommandTests {
    static let config = DriftwatchProcess.fixture("demo.toml")

    /// A state file with the demo baseline imported and the demo log backfilled (a backtest).
    static func backtest(in directory: ScratchDirectory, extra: [String] = []) throws -> DriftwatchProcess.Result {
        let baseline = DriftwatchProcess.root + "/Baselines/fraud.json"
        let imported = try DriftwatchProcess.run(
            ["baseline", "import", "--config", config, "--state", "s.db", baseline], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        return try DriftwatchProcess.run(
            ["backfill", "--config", config, "--state", "s.db"] + extra
                + [DriftwatchProcess.fixture("demo/predictions.jsonl")], in: directory)
    }

    @Test func backtestOfTheDemoFiresExactlyOneRetrainForItsDriftEpisode() throws {
        let directory = ScratchDirectory(prefix: "decisions-cli")
        let backfill = try Self.backtest(in: directory)
        #expect(backfill.status == 0, "\(backfill.stderr)")
        #expect(backfill.stdout.contains("decisions (backtest): 24 windows: ok 13, review 0, retrain 11, block 0"))
        #expect(backfill.stdout.contains("retrains that would have fired: 1 (#14 fraud 2026-11-01T13:00:00Z)"))
        #expect(backfill.stdout.contains("denied: 0\ntotal cost: 0\n"))

        let listed = try DriftwatchProcess.run(
            ["decisions", "--config", Self.config, "--state", "s.db", "--format", "json"], in: directory)
        #expect(listed.status == 0, "\(listed.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        let decisions = try #require(root["decisions"] as? [[String: Any]])
        #expect(decisions.count == 24)
        for decision in decisions {
            for key in [
                "id", "model", "version", "window_start", "window_end", "verdict", "action", "reasons", "guardrails",
            ] {
                #expect(decision[key] != nil, "missing \(key)")
            }
        }
        // Hours 0–11 are stable; the drift starts at hour 12, holds 2 of 3 windows from hour 13,
        // and fires once: the rest of the episode records no action.
        let verdicts = decisions.compactMap { $0["verdict"] as? String }
        #expect(verdicts == Array(repeating: "ok", count: 13) + Array(repeating: "retrain", count: 11))
        let actions = decisions.compactMap { $0["action"] as? String }
        #expect(actions.filter { $0 == "backtest" }.count == 1 && actions[13] == "backtest")
        #expect(Set(actions).subtracting(["backtest"]) == ["none"])
        let reasons = try #require(decisions[13]["reasons"] as? [[String: Any]])
        #expect(reasons.first?["code"] as? String == "drift_held")
        let guardrails = try #require(decisions[13]["guardrails"] as? [[String: Any]])
        #expect(guardrails.compactMap { $0["name"] as? String }.contains("cooldown"))

        let explain = try DriftwatchProcess.run(
            ["explain", "--config", Self.config, "--state", "s.db", "14"], in: directory)
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("Decision #14 (backtest): retrain → backtest\n"))
        #expect(explain.stdout.contains("drifted_features\":[\"amount\",\"country\",\"session_seconds\"]"))

        // A second run adds nothing and decides nothing again.
        let again = try DriftwatchProcess.run(
            [
                "backfill", "--config", Self.config, "--state", "s.db",
                DriftwatchProcess.fixture("demo/predictions.jsonl"),
            ],
            in: directory)
        #expect(again.stdout.hasSuffix("decisions: none (no window closed)\n"), "\(again.stdout)")
    }

    @Test func fireRunsTheRetrainHookOnceWithTheEventOnItsInput() throws {
        let directory = ScratchDirectory(prefix: "decisions-cli")
        let events = directory.file("events.jsonl")
        let logger = DriftwatchProcess.root + "/Scripts/hooks/file-logger.sh"
        let text =
            try String(contentsOfFile: Self.config, encoding: .utf8)
            + "\n[hooks]\nretrain = [\"\(logger)\", \"\(events)\"]\n"
        let config = directory.write(text, to: "demo.toml")
        let baseline = DriftwatchProcess.root + "/Baselines/fraud.json"
        _ = try DriftwatchProcess.run(
            ["baseline", "import", "--config", config, "--state", "s.db", baseline], in: directory)
        let fire = try DriftwatchProcess.run(
            [
                "backfill", "--config", config, "--state", "s.db", "--fire",
                DriftwatchProcess.fixture("demo/predictions.jsonl"),
            ],
            in: directory)
        #expect(fire.status == 0, "\(fire.stderr)")
        // Fire mode decides each model's newest closed window per commit, not every window.
        #expect(fire.stdout.contains("retrains that fired: 1"), "\(fire.stdout)")
        let logged = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
        #expect(logged.count == 1 && logged[0].contains("\"event\":\"retrain\""))

        let job = try DriftwatchProcess.run(
            ["job", "complete", "--config", config, "--state", "s.db", "nope", "--status", "succeeded"], in: directory)
        #expect(job.status == 1 && job.stderr.contains("no job 'nope'"))
        let (_, fired, complete) = try DriftwatchProcess.completeFiredJob(config: config, cost: "12.5", in: directory)
        #expect(complete.status == 0, "\(complete.stderr)")
        let explain = try DriftwatchProcess.run(
            ["explain", "--config", config, "--state", "s.db", "\(fired)"], in: directory)
        #expect(
            explain.stdout.contains(
                "Job driftwatch-fire-\(fired): succeeded, estimate 0.0, cost 12.5, model version 3.3.0"))
        #expect(explain.stdout.contains("retrain attempt 1: succeeded, exit 0"), "\(explain.stdout)")
        let approve = try DriftwatchProcess.run(["approve", "--config", config, "--state", "s.db", "1"], in: directory)
        #expect(approve.status == 1 && approve.stderr.contains("not awaiting approval"), "\(approve.stderr)")
    }
}
