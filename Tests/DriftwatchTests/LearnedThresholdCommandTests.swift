import DriftTestSupport
import Foundation
import Testing

/// `learned_thresholds = true` through the built binary on the demo: `baseline create` learns,
/// `backfill` scores with the learned thresholds, `report --format json` and `explain` say where
/// each threshold came from; a baseline file from before learned thresholds still imports.
struct LearnedThresholdCommandTests {
    /// The demo model with learned thresholds on, one feature with an explicit threshold, and one
    /// feature that opts out.
    static let config = """
        baselines_dir = "."
        [defaults]
        window = "1h"
        lateness = "10m"
        min_rows = 200
        learned_thresholds = true
        [models.fraud]
        numeric = ["amount", "age", "tenure_days", "session_seconds"]
        categorical = ["country", "merchant_category", "device"]
        [models.fraud.overrides.session_seconds]
        threshold = 0.2
        [models.fraud.overrides.device]
        learned_thresholds = false
        """

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Backfills the demo log into `s.db` and returns the primary `(threshold, source)` of every
    /// feature of every window.
    private func backfillAndReport(_ directory: ScratchDirectory) throws -> [[String: (Double, String)]] {
        let backfill = try DriftwatchProcess.run(
            ["backfill", "--config", "l.toml", "--state", "s.db", DriftwatchProcess.fixture("demo/predictions.jsonl")],
            in: directory)
        #expect(backfill.status == 0, "\(backfill.stderr)")
        let report = try DriftwatchProcess.run(
            ["report", "--config", "l.toml", "--state", "s.db", "--format", "json"], in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        let windows = try #require(try object(report.stdout)["windows"] as? [[String: Any]])
        return windows.map { window in
            // The default 10 chunks of the 8000 training rows are 800 rows, as are the windows: no warning.
            #expect(window["warnings"] as? [String] == [])
            let features =
                (window["features"] as? [[String: Any]] ?? []) + [window["prediction"] as? [String: Any] ?? [:]]
            var primaries: [String: (Double, String)] = [:]
            for feature in features {
                guard let name = feature["name"] as? String, let primary = feature["primary"] as? [String: Any] else {
                    continue
                }
                primaries[name] = (
                    primary["threshold"] as? Double ?? .nan, primary["threshold_source"] as? String ?? "?"
                )
            }
            return primaries
        }
    }

    @Test func createBackfillReportAndExplainUseTheLearnedThresholds() throws {
        let directory = ScratchDirectory(prefix: "learned-cli")
        _ = directory.write(Self.config, to: "l.toml")
        let create = try DriftwatchProcess.run(
            [
                "baseline", "create", "--config", "l.toml", "--state", "s.db", "--model", "fraud", "--from",
                DriftwatchProcess.fixture("demo/train.jsonl"), "--out", "b.json",
            ], in: directory)
        #expect(create.status == 0, "\(create.stderr)")
        // 8000 training rows in the default 10 chunks: 800 rows each.
        #expect(create.stdout.contains("from 10 chunks of at least 800 rows (mean + 3 sd)"), "\(create.stdout)")
        let document = try object(try String(contentsOfFile: directory.file("b.json"), encoding: .utf8))
        let learned = try #require(document["learned_thresholds"] as? [String: Any])
        #expect(learned["chunks"] as? Int == 10 && learned["chunk_rows"] as? Int == 800)
        let features = try #require(learned["features"] as? [String: [String: [String: Any]]])
        func learnedPSI(_ name: String) -> Double? { features[name]?["psi"]?["threshold"] as? Double }

        let windows = try backfillAndReport(directory)
        #expect(windows.count == 24)
        for primaries in windows {
            #expect(primaries.count == 8)
            for (name, (threshold, source)) in primaries {
                switch name {
                case "session_seconds": #expect(threshold == 0.2 && source == "config")
                case "device": #expect(threshold == 0.1 && source == "default")
                default:
                    #expect(source == "learned", "\(name)")
                    #expect(threshold == learnedPSI(name), "\(name)")
                }
            }
        }
        let explain = try DriftwatchProcess.run(
            ["explain", "--config", "l.toml", "--state", "s.db", "1"], in: directory)
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("] → "))
        #expect(explain.stdout.contains("  device psi: "))
        #expect(explain.stdout.contains(" vs 0.1 [default] → "))
        #expect(explain.stdout.contains(" vs 0.2 [config] → "))
        // Foundation's JSON reader may misround by an ulp, so the explained number is compared within one.
        let line = try #require(explain.stdout.split(separator: "\n").first { $0.hasPrefix("  amount psi: ") })
        let explained = try #require(
            line.split(separator: " ").firstIndex(of: "vs").map { line.split(separator: " ")[$0 + 1] })
        #expect(line.contains("[learned]"))
        #expect(abs((Double(explained) ?? .nan) - (try #require(learnedPSI("amount")))) <= 1e-15)
        let list = try DriftwatchProcess.run(
            ["baseline", "list", "--config", "l.toml", "--state", "s.db"], in: directory)
        #expect(list.stdout.contains("over 10 chunks"), "\(list.stdout)")
    }

    @Test func aBaselineFileFromBeforeLearnedThresholdsImportsAndScoresWithDefaults() throws {
        let directory = ScratchDirectory(prefix: "learned-compat")
        _ = directory.write(Self.config, to: "l.toml")
        let imported = try DriftwatchProcess.run(
            [
                "baseline", "import", "--config", "l.toml", "--state", "s.db",
                DriftwatchProcess.fixture("compat/fraud-without-learned.json"),
            ], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("sha256 6bb518cde5a3"))
        let list = try DriftwatchProcess.run(
            ["baseline", "list", "--config", "l.toml", "--state", "s.db"], in: directory)
        #expect(list.stdout.contains("learned none"), "\(list.stdout)")
        for primaries in try backfillAndReport(directory) {
            for (name, (threshold, source)) in primaries {
                let expected = name == "session_seconds" ? (0.2, "config") : (0.1, "default")
                #expect(threshold == expected.0 && source == expected.1, "\(name)")
            }
        }
    }

    @Test func tooFewChunksAreRefused() throws {
        let directory = ScratchDirectory(prefix: "learned-flags")
        let create = try DriftwatchProcess.run(
            ["baseline", "create", "--state", "s.db", "--model", "m", "--from", "x.jsonl", "--learn-chunks", "5"],
            in: directory)
        #expect(create.status != 0)
        #expect(create.stderr.contains("--learn-chunks must be 0 or at least 10"), "\(create.stderr)")
    }
}
