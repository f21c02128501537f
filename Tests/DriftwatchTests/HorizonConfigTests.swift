import DriftTestSupport
import Foundation
import Testing

/// `horizons = [...]` in the configuration through the built binary: `report` scores the
/// configured horizons of each model when no `--horizon` is given, the flag replaces them, a
/// model's own list replaces `[defaults]`', and a bad duration names the file, line and key.
struct HorizonConfigTests {
    static func config(defaults: String, model: String) -> String {
        """
        baselines_dir = "."
        [defaults]
        window = "1h"
        lateness = "10m"
        min_rows = 200
        \(defaults)
        [models.fraud]
        numeric = ["amount", "age", "tenure_days", "session_seconds"]
        categorical = ["country", "merchant_category", "device"]
        \(model)
        """
    }

    private func horizons(_ arguments: [String], in directory: ScratchDirectory) throws -> [[String: Any]] {
        let result = try DriftwatchProcess.run(
            ["report", "--config", "h.toml", "--state", "s.db", "--format", "json"] + arguments, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(report["horizons"] as? [[String: Any]])
    }

    @Test func configuredHorizonsApplyUnlessTheFlagIsGiven() throws {
        let directory = ScratchDirectory(prefix: "horizon-config")
        _ = directory.write(
            Self.config(defaults: "horizons = [\"24h\"]", model: "horizons = [\"6h\", \"2h\"]"), to: "h.toml")
        // No baseline: the horizons' features have no verdict, but their windows and rows are exact.
        let backfill = try DriftwatchProcess.run(
            ["backfill", "--config", "h.toml", "--state", "s.db", DriftwatchProcess.fixture("demo/predictions.jsonl")],
            in: directory)
        #expect(backfill.status == 0, "\(backfill.stderr)")
        // The model's own list, in its order: the last 6 and 2 hourly windows of 2026-11-01, of 800
        // rows each: 4,800 and 1,600.
        let configured = try horizons([], in: directory)
        #expect(configured.map { $0["horizon"] as? String } == ["6h", "2h"])
        #expect(configured.map { $0["windows"] as? Int } == [6, 2])
        #expect(configured.map { $0["rows"] as? Int } == [4_800, 1_600])
        #expect(configured.map { $0["start"] as? String } == ["2026-11-01T18:00:00Z", "2026-11-01T22:00:00Z"])
        // Any flag replaces the configured list.
        let flagged = try horizons(["--horizon", "3h"], in: directory)
        #expect(flagged.map { $0["horizon"] as? String } == ["3h"] && flagged.first?["windows"] as? Int == 3)
        // Without a model list, [defaults]' applies.
        _ = directory.write(Self.config(defaults: "horizons = [\"24h\"]", model: ""), to: "h.toml")
        let inherited = try horizons([], in: directory)
        #expect(inherited.map { $0["horizon"] as? String } == ["24h"] && inherited.first?["windows"] as? Int == 24)
        // And with none configured, none.
        _ = directory.write(Self.config(defaults: "", model: ""), to: "h.toml")
        #expect(try horizons([], in: directory).isEmpty)
    }

    @Test func aBadDurationNamesTheFileLineAndKey() throws {
        let directory = ScratchDirectory(prefix: "horizon-config-bad")
        // Line 10 of the file: the model's `horizons`.
        _ = directory.write(Self.config(defaults: "", model: "horizons = [\"24h\", \"7x\"]"), to: "h.toml")
        let result = try DriftwatchProcess.run(
            ["report", "--config", "h.toml", "--state", "s.db", "--format", "json"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "h.toml:10: 'models.fraud.horizons': expected positive durations like \"24h\" or \"7d\" "
                    + "(element 2 is not one), found \"7x\"."), "\(result.stderr)")
        _ = directory.write(Self.config(defaults: "horizons = \"24h\"", model: ""), to: "h.toml")
        let notArray = try DriftwatchProcess.run(["report", "--config", "h.toml", "--state", "s.db"], in: directory)
        #expect(notArray.status == 1 && notArray.stderr.contains("h.toml:6: 'defaults.horizons' must be an array"))
    }
}
