import DriftAgent
import DriftTestSupport
import Foundation
import Testing

/// The README's first command and the baseline commands, through the built binary.
struct DemoCommandTests {
    @Test func demoReportsThePlantedDrift() throws {
        let directory = ScratchDirectory(prefix: "demo")
        let run = try DriftwatchProcess.run(
            ["demo", "--root", DriftwatchProcess.root, "--state", "demo.db", "--format", "json"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let windows = try #require(root["windows"] as? [[String: Any]])
        #expect(windows.count == 24)
        // Scripts/make_demo_fixtures.py plants the drift from hour 12 (DRIFT_HOUR).
        #expect(
            windows.map { $0["drift"] as? Bool } == Array(repeating: false, count: 12)
                + Array(repeating: true, count: 12))
        #expect(windows.compactMap { $0["rows"] as? Int } == Array(repeating: 800, count: 24))
        #expect(run.stderr.contains("19205 lines, 19200 counted, 5 bad"))

        // Run twice: a fresh state each time, the same report.
        let again = try DriftwatchProcess.run(
            ["demo", "--root", DriftwatchProcess.root, "--state", "demo.db", "--format", "json"], in: directory)
        #expect(again.stdout == run.stdout)
    }

    @Test func baselineCreateReproducesTheBundledBaselineAndImportListWork() throws {
        let directory = ScratchDirectory(prefix: "baseline")
        let create = try DriftwatchProcess.run(
            [
                "baseline", "create", "--config", DriftwatchProcess.fixture("demo.toml"), "--state", "b.db", "--model",
                "fraud", "--from", DriftwatchProcess.fixture("demo/train.jsonl"), "--out", "fraud.json",
            ], in: directory)
        #expect(create.status == 0, "\(create.stderr)")
        #expect(create.stdout.contains("8000 rows, 7 features, 0 bad lines"))
        let made = try BaselineDocument.parse(try FileBytes.read(directory.file("fraud.json")), path: "made")
        let bundledPath = DriftwatchProcess.root + "/Baselines/fraud.json"
        let bundled = try BaselineDocument.parse(try FileBytes.read(bundledPath), path: bundledPath)
        #expect(made.sha256 == bundled.sha256)

        let imported = try DriftwatchProcess.run(["baseline", "import", "--state", "i.db", bundledPath], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let list = try DriftwatchProcess.run(["baseline", "list", "--state", "i.db"], in: directory)
        #expect(list.stdout.contains("fraud  (all versions)"))
        #expect(list.stdout.contains("rows 8000"))

        let missing = try DriftwatchProcess.run(
            ["baseline", "create", "--state", "b.db", "--model", "m", "--from", "nope.jsonl"], in: directory)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.jsonl"))
    }
}
