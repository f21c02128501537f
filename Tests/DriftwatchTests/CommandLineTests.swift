import DriftAgent
import DriftCore
import DriftIngest
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// The `driftwatch` binary end to end on Fixtures/cli: exit codes, messages and the report contract.
struct CommandLineTests {
    static let log = DriftwatchProcess.fixture("cli/predictions.jsonl")
    static let config = DriftwatchProcess.fixture("cli/cli.toml")

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func backfillThenReportFollowTheContract() throws {
        let directory = ScratchDirectory(prefix: "cli")
        let expected = try FixtureLog(path: Self.log)
        let backfill = try DriftwatchProcess.run(
            ["backfill", "--config", Self.config, "--state", "s.db", Self.log], in: directory)
        #expect(backfill.status == 0, "\(backfill.stderr)")
        let counted = expected.rows.values.flatMap(\.values).reduce(0, +)
        let bad = expected.bad.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        #expect(
            backfill.stdout.hasPrefix(
                "\(Self.log): \(expected.lines) lines, \(counted) counted, \(expected.bad.values.reduce(0, +)) bad (\(bad))\n"
                    + "decisions (backtest): "))
        #expect(backfill.stderr.isEmpty, "no progress line when stderr is not a terminal")

        let report = try DriftwatchProcess.run(
            ["report", "--config", Self.config, "--state", "s.db", "--format", "json"], in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        let root = try json(report.stdout)
        let windows = try #require(root["windows"] as? [[String: Any]])
        let expectedWindows = expected.rows.keys.sorted().flatMap { model in
            (expected.rows[model] ?? [:]).keys.sorted().map { (model, $0, expected.rows[model]?[$0] ?? 0) }
        }
        try #require(windows.count == expectedWindows.count)
        let formatter = ISO8601DateFormatter()
        for (window, (model, start, rows)) in zip(windows, expectedWindows) {
            #expect(window["model"] as? String == model)
            #expect(window["version"] as? String == (model == "fraud" ? "1" : "2"))
            #expect(window["start"] as? String == formatter.string(from: Date(timeIntervalSince1970: Double(start))))
            #expect(
                window["end"] as? String == formatter.string(from: Date(timeIntervalSince1970: Double(start + 3600))))
            #expect(window["rows"] as? Int == rows, "\(model) \(start)")
            #expect(window["bad_lines"] is [String: Any])
            #expect(window["drift"] is Bool)
            let features = try #require(window["features"] as? [[String: Any]])
            #expect(features.map { $0["name"] as? String } == ["amount", "country"])
            #expect(features.map { $0["kind"] as? String } == ["numeric", "categorical"])
            for feature in features {
                #expect(feature["statistics"] is [String: Any])
                #expect(feature["drift"] as? Bool == false, "no baseline: no drift")
            }
        }
        let table = try DriftwatchProcess.run(["report", "--config", Self.config, "--state", "s.db"], in: directory)
        #expect(table.status == 0)
        #expect(table.stdout.contains("fraud 1  2026-11-01T00:00:00Z .. 2026-11-01T01:00:00Z  rows "))
    }

    @Test func reportAgainstAStoredBaselineHasNumbersAndFlagsTheShift() throws {
        let directory = ScratchDirectory(prefix: "cli")
        try Self.storeBaseline(at: directory.file("s.db"))
        let backfill = try DriftwatchProcess.run(
            ["backfill", "--config", Self.config, "--state", "s.db", Self.log], in: directory)
        #expect(backfill.status == 0, "\(backfill.stderr)")
        let report = try DriftwatchProcess.run(
            ["report", "--config", Self.config, "--state", "s.db", "--format", "json", "--model", "fraud"],
            in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        let windows = try #require(try json(report.stdout)["windows"] as? [[String: Any]])
        #expect(windows.map { $0["model"] as? String } == ["fraud", "fraud", "fraud"])
        for window in windows {
            let features = try #require(window["features"] as? [[String: Any]])
            let statistics = features.map { $0["statistics"] as? [String: Any] ?? [:] }
            for key in ["psi", "ks", "js", "hellinger", "wasserstein"] {
                #expect(statistics[0][key] is Double, "numeric \(key)")
            }
            for key in ["psi", "js", "hellinger", "linf", "chi2_p", "unseen_share"] {
                #expect(statistics[1][key] is Double, "categorical \(key)")
            }
        }
        // The fixture shifts fraud's amount by two standard deviations in hour 2 only.
        #expect(windows.map { $0["drift"] as? Bool } == [false, false, true])
        let table = try DriftwatchProcess.run(
            [
                "report", "--config", Self.config, "--state", "s.db", "--model", "fraud", "--since",
                "2026-11-01T02:00:00Z",
            ],
            in: directory)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasSuffix(ReportRenderer.driftMarker) == true, "\(table.stdout)")
        #expect(lines.contains { $0.hasPrefix("  amount ") && $0.hasSuffix(ReportRenderer.driftMarker) })
    }

    @Test func secondBackfillAddsNothing() throws {
        let directory = ScratchDirectory(prefix: "cli")
        let arguments = ["backfill", "--config", Self.config, "--state", "s.db", Self.log]
        #expect(try DriftwatchProcess.run(arguments, in: directory).status == 0)
        let first = try DriftwatchProcess.run(
            ["report", "--config", Self.config, "--state", "s.db", "--format", "json"], in: directory)
        let again = try DriftwatchProcess.run(arguments, in: directory)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already ingested"))
        let second = try DriftwatchProcess.run(
            ["report", "--config", Self.config, "--state", "s.db", "--format", "json"], in: directory)
        #expect(first.stdout == second.stdout)
    }

    @Test func statusAndCheckState() throws {
        let directory = ScratchDirectory(prefix: "cli")
        let expected = try FixtureLog(path: Self.log)
        #expect(
            try DriftwatchProcess.run(
                ["backfill", "--config", Self.config, "--state", "s.db", Self.log], in: directory
            ).status == 0)
        let status = try DriftwatchProcess.run(["status", "--state", "s.db", "--format", "json"], in: directory)
        #expect(status.status == 0, "\(status.stderr)")
        let root = try json(status.stdout)
        let streams = try #require(root["streams"] as? [[String: Any]])
        #expect(streams.map { $0["model"] as? String } == ["churn", "fraud"])
        #expect(streams.map { $0["windows"] as? Int } == [3, 3])
        let ingest = try #require(root["ingest"] as? [String: Any])
        #expect(ingest["lines"] as? Int == expected.lines)
        #expect(ingest["bad_lines_by_reason"] as? [String: Int] == expected.bad)
        let text = try DriftwatchProcess.run(["status", "--state", "s.db"], in: directory)
        #expect(text.stdout.contains("fraud 1: 3 windows"))

        let badTotal = expected.bad.values.reduce(0, +)
        let check = try DriftwatchProcess.run(["check", "--config", Self.config, "--state", "s.db"], in: directory)
        #expect(check.status == 0)
        #expect(
            check.stdout
                == "ok: \(Self.config): 2 models (churn, fraud)\nok: s.db: 2 models, 6 window profiles and 0 baselines decode\n"
                + "ok: s.db: line counters of 1 source file agree (\(expected.lines) lines, \(badTotal) bad)\n"
        )

        // A file whose bad-line total disagrees with its per-reason counts is named with both numbers.
        let store = try Store(path: directory.file("s.db"))
        var record = try #require(try store.ingestFiles().first)
        record.badLines += 5
        try store.commit(WindowBatch(ingestFiles: [record]))
        let mismatch = try DriftwatchProcess.run(["check", "--state", "s.db"], in: directory)
        #expect(mismatch.status == 1)
        #expect(
            mismatch.stderr.contains(
                "\(Self.log) (fingerprint \(record.fingerprint)): bad_lines is \(badTotal + 5) but its per-reason "
                    + "counts add up to \(badTotal)"),
            "\(mismatch.stderr)")
        #expect(
            mismatch.stderr.contains(
                "status shows \(badTotal + 5) bad lines but its per-reason totals add up to \(badTotal)"))
        record.badLines -= 5
        try store.commit(WindowBatch(ingestFiles: [record]))

        let start = try #require(Timestamp.milliseconds(rfc3339: "2026-11-01T01:00:00Z"))
        var window = try #require(try store.window(model: "fraud", version: "1", start: start))
        window.profile = Array(window.profile.prefix(10))
        try store.commit(WindowBatch(windows: [window]))
        let corrupt = try DriftwatchProcess.run(["check", "--state", "s.db"], in: directory)
        #expect(corrupt.status == 1)
        #expect(
            corrupt.stderr.hasPrefix(
                "driftwatch: error: s.db: the stored window of model 'fraud' version '1' starting \(start) ms is unreadable"
            ))
    }

    @Test func badInputExitsWithOneAndAPreciseMessage() throws {
        let directory = ScratchDirectory(prefix: "cli")
        let missing = try DriftwatchProcess.run(["backfill", "--state", "s.db", "missing.jsonl"], in: directory)
        #expect(missing.status == 1)
        #expect(missing.stderr == "driftwatch: error: missing.jsonl: no such file\n")

        let broken = DriftwatchProcess.fixture("cli/broken.toml")
        let check = try DriftwatchProcess.run(["check", "--config", broken], in: directory)
        #expect(check.status == 1)
        #expect(
            check.stderr == "driftwatch: error: \(broken):5: 'models.fraud.window' must be a string, found integer 5.\n"
        )
        let backfill = try DriftwatchProcess.run(
            ["backfill", "--config", broken, "--state", "s.db", Self.log], in: directory)
        #expect(backfill.status == 1 && backfill.stderr.contains("broken.toml:5:"))

        let noState = try DriftwatchProcess.run(["report", "--state", "none.db"], in: directory)
        #expect(noState.status == 1 && noState.stderr.hasPrefix("driftwatch: error: no state file at none.db"))
        let notADatabase = try DriftwatchProcess.run(["status", "--state", broken], in: directory)
        #expect(notADatabase.status == 1 && notADatabase.stderr.contains("is not a driftwatch state file"))

        for usage in [
            ["bogus"], ["report", "--bogus"], ["report", "--since", "soon"], ["backfill"], ["check"],
            ["backfill", "--window", "5x", "a.jsonl"], ["backfill", "--config", Self.config, "--window", "1h", "a"],
            ["backfill", "--replace", "2026-11-02..2026-11-01", "a.jsonl"],
        ] {
            let result = try DriftwatchProcess.run(usage, in: directory)
            #expect(result.status == 1, "\(usage)")
            #expect(result.stderr.hasPrefix("driftwatch: error: "), "\(usage): \(result.stderr)")
            #expect(!result.stderr.contains("Stack dump"), "\(usage)")
        }
        let help = try DriftwatchProcess.run(["--help"], in: directory)
        #expect(help.status == 0 && help.stdout.contains("backfill"))
    }

    @Test func zeroConfigStateDefaultsAndWindowFlag() throws {
        let directory = ScratchDirectory(prefix: "cli")
        let states = ScratchDirectory(prefix: "cli-state")
        let backfill = try DriftwatchProcess.run(
            ["backfill", "--window", "30m", Self.log], in: directory, environment: ["STATE_DIRECTORY": states.path])
        #expect(backfill.status == 0, "\(backfill.stderr)")
        #expect(FileManager.default.fileExists(atPath: states.file("driftwatch.db")))
        #expect(!FileManager.default.fileExists(atPath: directory.file("driftwatch.db")))
        let report = try DriftwatchProcess.run(
            ["report", "--format", "json", "--model", "churn", "--until", "1793494800"], in: directory,
            environment: ["STATE_DIRECTORY": states.path])
        #expect(report.status == 0, "\(report.stderr)")
        let windows = try #require(try json(report.stdout)["windows"] as? [[String: Any]])
        #expect(windows.map { $0["start"] as? String } == ["2026-11-01T00:00:00Z", "2026-11-01T00:30:00Z"])
        #expect(windows.map { $0["end"] as? String } == ["2026-11-01T00:30:00Z", "2026-11-01T01:00:00Z"])
        let local = try DriftwatchProcess.run(["backfill", Self.log], in: directory)
        #expect(local.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.file("driftwatch.db")))
    }

    /// Stores baselines for both models drawn from the fixture's unshifted distributions.
    static func storeBaseline(at path: String) throws {
        let store = try Store(path: path)
        for (model, version) in [("fraud", "1"), ("churn", "2")] {
            var sampler = Sampler(seed: 7)
            let amounts = (0..<2_000).map { _ in sampler.normal(mean: 100, sd: 20) }
            let edges = QuantileBins.innerEdges(fromSortedBaseline: amounts.sorted())
            var amount = FeatureSummary(kind: .numeric, binEdges: edges)
            for value in amounts { amount.insert(number: value) }
            var country = FeatureSummary(kind: .categorical)
            for (name, count) in [("DE", 800), ("FR", 600), ("IT", 400), ("ES", 200)] {
                for _ in 0..<count { country.insert(category: name) }
            }
            var profile = Profile()
            profile.rows = 2_000
            profile.features = ["amount": amount, "country": country]
            try store.saveBaseline(
                StoredBaseline(
                    model: model, version: version, createdMs: 0, source: "test",
                    sha256: String(repeating: "0", count: 64),
                    profile: profile.encoded(), document: "{}"))
        }
    }
}
