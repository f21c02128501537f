import DriftTestSupport
import Foundation
import Testing

/// Concept shift seen late: the features and scores of four hourly windows look like training, so
/// the accuracy estimated from the scores is fine and every window is decided `ok`; the labels,
/// which arrive later, are inverted in hours 2 and 3. Once they arrive the realised accuracy
/// (computed here from the fixture's own lines) must win: those windows are decided again as
/// `block`, superseding their `ok`, and the block hook runs only in fire mode, once.
struct LateLabelDecisionTests {
    static let start = 1_793_491_200  // 2026-11-01T00:00:00Z, epoch seconds
    static let floor = 0.6

    struct Row {
        var line: String
        var id: String
        var score: Double
        var label: Int
    }

    /// `count` predictions 30 s apart (or untimed, for training) with P(y = 1) = score; from
    /// `invertFrom` on, the label is inverted (the concept shifted, the inputs did not).
    static func rows(seed: UInt64, count: Int, timed: Bool, invertFrom: Int = .max) -> [Row] {
        var sampler = Sampler(seed: seed)
        return (0..<count).map { i in
            let x = sampler.normal(mean: 0, sd: 1)
            let score = ((1 / (1 + exp(-(2 * x)))) * 1000).rounded() / 1000
            var label = sampler.uniform() < score ? 1 : 0
            if i >= invertFrom { label = 1 - label }
            let id = "r\(i)"
            let head = timed ? "\"ts\":\(Self.start + i * 30),\"id\":\"\(id)\"," : ""
            let tail = timed ? "" : ",\"label\":\(label)"
            let line = "{\(head)\"model\":\"m\",\"features\":{\"x\":\(x)},\"prediction\":\(score)\(tail)}"
            return Row(line: line, id: id, score: score, label: label)
        }
    }

    /// The accuracy of `rows` at threshold 0.5, counted from the rows themselves.
    static func accuracy(_ rows: ArraySlice<Row>) -> Double {
        Double(rows.filter { ($0.score >= 0.5 ? 1 : 0) == $0.label }.count) / Double(rows.count)
    }

    /// A directory with the config (block hook logging to `events.jsonl`), the baseline imported,
    /// `predictions.jsonl` and the labels split in `labels-a.jsonl` (80 per hour) and `labels-b.jsonl`.
    static func prepare(_ directory: ScratchDirectory) throws -> (config: String, rows: [Row]) {
        let logger = DriftwatchProcess.root + "/Scripts/hooks/file-logger.sh"
        let config = directory.write(
            """
            [defaults]
            window = "1h"
            lateness = "0s"
                        [defaults.policy]
            floor_metric = "accuracy"
            floor = \(Self.floor)
            min_labeled_rows = 30
            drift_windows = 5
            lookback_windows = 5

            [models.m]
            feature_root = "features"

            [hooks]
            block = ["\(logger)", "\(directory.file("events.jsonl"))"]
            """, to: "m.toml")
        let train = Self.rows(seed: 11, count: 2_000, timed: false)
        _ = directory.write(train.map(\.line).joined(separator: "\n") + "\n", to: "train.jsonl")
        let created = try DriftwatchProcess.run(
            [
                "baseline", "create", "--config", config, "--state", "s.db", "--model", "m", "--from", "train.jsonl",
                "--out", "m.json",
            ],
            in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let rows = Self.rows(seed: 12, count: 480, timed: true, invertFrom: 240)
        _ = directory.write(rows.map(\.line).joined(separator: "\n") + "\n", to: "predictions.jsonl")
        func labels(_ part: [Row]) -> String {
            part.map { "{\"id\":\"\($0.id)\",\"label\":\($0.label)}" }.joined(separator: "\n") + "\n"
        }
        let first = rows.enumerated().filter { $0.offset % 120 < 80 }.map(\.element)
        let rest = rows.enumerated().filter { $0.offset % 120 >= 80 }.map(\.element)
        _ = directory.write(labels(first), to: "labels-a.jsonl")
        _ = directory.write(labels(rest), to: "labels-b.jsonl")
        return (config, rows)
    }

    static func decisions(_ directory: ScratchDirectory, config: String) throws -> [[String: Any]] {
        let listed = try DriftwatchProcess.run(
            ["decisions", "--config", config, "--state", "s.db", "--format", "json"], in: directory)
        #expect(listed.status == 0, "\(listed.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        return try #require(root["decisions"] as? [[String: Any]])
    }

    static func performance(_ decision: [String: Any]) -> [String: Any]? {
        (decision["inputs"] as? [String: Any])?["performance"] as? [String: Any]
    }

    @Test func lateLabelsRedecideTheEstimatedOkAsBlockInABacktest() throws {
        let directory = ScratchDirectory(prefix: "late-labels")
        let (config, rows) = try Self.prepare(directory)
        let hours = (0..<4).map { Self.accuracy(rows[($0 * 120)..<($0 * 120 + 120)]) }
        #expect(hours[0] >= Self.floor && hours[1] >= Self.floor && hours[2] < Self.floor && hours[3] < Self.floor)

        let predictions = try DriftwatchProcess.run(
            ["backfill", "--config", config, "--state", "s.db", "predictions.jsonl"], in: directory)
        #expect(predictions.status == 0, "\(predictions.stderr)")
        let before = try Self.decisions(directory, config: config)
        #expect(before.map { $0["verdict"] as? String } == ["ok", "ok", "ok", "ok"])
        #expect(before.map { Self.performance($0)?["source"] as? String } == Array(repeating: "estimated", count: 4))

        let labels = try DriftwatchProcess.run(
            ["backfill", "--config", config, "--state", "s.db", "--labels", "labels-a.jsonl"], in: directory)
        #expect(labels.status == 0, "\(labels.stderr)")
        #expect(labels.stdout.contains("decided again after late labels: 4"), "\(labels.stdout)")
        let after = try Self.decisions(directory, config: config)
        #expect(after.count == 8)
        for hour in 0..<4 {
            let old = after[hour]
            let new = after[4 + hour]
            let oldID = try #require(old["id"] as? Int)
            let newID = try #require(new["id"] as? Int)
            #expect(old["window_start"] as? String == new["window_start"] as? String)
            #expect(old["verdict"] as? String == "ok" && old["superseded_by"] as? Int == newID)
            #expect(new["supersedes"] as? Int == oldID && new["revision"] as? Int == 1)
            #expect(new["verdict"] as? String == (hour < 2 ? "ok" : "block"), "hour \(hour)")
            #expect(new["action"] as? String == (hour == 2 ? "backtest" : "none"), "hour \(hour)")
            let performance = try #require(Self.performance(new))
            #expect(performance["source"] as? String == "realised")
            #expect(performance["labeled_rows"] as? Int == 80)
            let slice = rows[(hour * 120)..<(hour * 120 + 80)]
            let value = try #require(performance["floor_value"] as? Double)
            #expect(abs(value - Self.accuracy(slice)) < 1e-12, "hour \(hour)")
            let reasons = try #require(new["reasons"] as? [[String: Any]])
            #expect(reasons.first?["code"] as? String == "late_labels")
            let message = try #require(reasons.first?["message"] as? String)
            #expect(message.hasPrefix("realised performance from 80 late labels replaced the estimate"), "\(message)")
        }
        let explain = try DriftwatchProcess.run(
            ["explain", "--config", config, "--state", "s.db", "\(after[2]["id"] as? Int ?? 0)"], in: directory)
        #expect(explain.stdout.contains("superseded by decision #\(after[6]["id"] as? Int ?? 0) (block → backtest)"))
        // A backtest runs nothing.
        #expect(!FileManager.default.fileExists(atPath: directory.file("events.jsonl")))

        // The rest of the labels revise the windows again without changing any verdict: nothing new.
        let rest = try DriftwatchProcess.run(
            ["backfill", "--config", config, "--state", "s.db", "--labels", "labels-b.jsonl"], in: directory)
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(try Self.decisions(directory, config: config).count == 8)
    }

    @Test func inFireModeTheBlockHookRunsOnceForTheReDecision() throws {
        let directory = ScratchDirectory(prefix: "late-labels-fire")
        let (config, _) = try Self.prepare(directory)
        let predictions = try DriftwatchProcess.run(
            ["backfill", "--config", config, "--state", "s.db", "--fire", "predictions.jsonl"], in: directory)
        #expect(predictions.status == 0, "\(predictions.stderr)")
        // Fire mode decides each commit's newest closed window: hours 2 and 3 here.
        #expect(try Self.decisions(directory, config: config).map { $0["verdict"] as? String } == ["ok", "ok"])
        for file in ["labels-a.jsonl", "labels-b.jsonl"] {
            let labels = try DriftwatchProcess.run(
                ["backfill", "--config", config, "--state", "s.db", "--fire", "--labels", file], in: directory)
            #expect(labels.status == 0, "\(labels.stderr)")
        }
        let decisions = try Self.decisions(directory, config: config)
        // Both are decided again as `block`: one episode, whose first decision fires the hook.
        #expect(decisions.map { $0["verdict"] as? String } == ["ok", "ok", "block", "block"])
        #expect(decisions.map { $0["action"] as? String } == ["none", "none", "fired", "none"])
        #expect(decisions[2]["episode_id"] as? Int == decisions[3]["episode_id"] as? Int)
        let events = try String(contentsOfFile: directory.file("events.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(events.count == 1)
        let event = try #require(
            try JSONSerialization.jsonObject(with: Data(events[0].utf8)) as? [String: Any])
        #expect(event["event"] as? String == "block")
        let decision = try #require(event["decision"] as? [String: Any])
        #expect(decision["supersedes"] as? Int == decisions[0]["id"] as? Int)
    }
}
