import DriftTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `driftwatch report --format html` through the built binary, and the page rendered by headless
/// Chromium (Debian's `chromium`; `.ci/run` installs it) to a PNG that must not be blank.
struct ReportHTMLBrowserTests {
    /// `$CHROMIUM`, else `chromium` or `chromium-browser` on the PATH; `nil` when absent.
    static let chromium: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) { return path }
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()

    static let absent =
        "chromium is not installed, so the HTML report was NOT rendered in a browser: "
        + "apt-get install -y chromium (.ci/run does), or set CHROMIUM=/path/to/chromium"

    /// Runs the demo into `directory/demo.db` and writes its HTML report to `directory/<name>`.
    static func demoPage(in directory: ScratchDirectory, name: String = "report.html", extra: [String] = []) throws
        -> DriftwatchProcess.Result
    {
        let demo = try DriftwatchProcess.run(
            ["demo", "--root", DriftwatchProcess.root, "--state", "demo.db", "--format", "json"], in: directory)
        #expect(demo.status == 0, "\(demo.stderr)")
        return try DriftwatchProcess.run(
            ["report", "--state", "demo.db", "--format", "html", "--out", name] + extra, in: directory)
    }

    /// The demo decided in `fire` mode through the binary, with a retrain denied, one fired and its
    /// job completed, and its HTML report written to `directory/report.html`.
    ///
    /// Every retrain reserves 4. The log is split at 15:00: hours 0–14 are backfilled under
    /// `daily_budget = 3` (the retrain the drift calls for from hour 13 is denied by `budget_day`),
    /// the rest under `daily_budget = 10` (the owed retrain fires its hook); then `job complete`
    /// settles the job at 3.5. `--commit-every 200` lets windows close (and be decided) one by one.
    static func decidedDemoPage(in directory: ScratchDirectory) throws -> (
        report: DriftwatchProcess.Result, decisions: [[String: Any]]
    ) {
        let demo = try String(contentsOfFile: DriftwatchProcess.fixture("demo.toml"), encoding: .utf8)
        let hook = directory.write("#!/bin/sh\ncat >/dev/null\nexit 0\n", to: "retrain.sh")
        chmod(hook, 0o755)
        func config(_ name: String, dailyBudget: Int) -> String {
            directory.write(
                demo.replacingOccurrences(
                    of: "baselines_dir = \"Baselines\"", with: "baselines_dir = \"\(DriftwatchProcess.root)/Baselines\""
                )
                    + "\n[models.fraud.guardrails]\ncost_estimate = 4\ncooldown = \"0s\"\n\n[guardrails]\n"
                    + "daily_budget = \(dailyBudget)\n\n[hooks]\nretrain = [\"\(hook)\"]\n", to: name)
        }
        let tight = config("tight.toml", dailyBudget: 3)
        let roomy = config("roomy.toml", dailyBudget: 10)
        let lines = try String(contentsOfFile: DriftwatchProcess.fixture("demo/predictions.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let late = lines.filter { $0.contains("\"ts\":\"2026-11-01T") && $0 >= "{\"ts\":\"2026-11-01T15" }
        let early = lines.filter { !($0.contains("\"ts\":\"2026-11-01T") && $0 >= "{\"ts\":\"2026-11-01T15") }
        let first = directory.write(early.joined(separator: "\n") + "\n", to: "early.jsonl")
        let second = directory.write(late.joined(separator: "\n") + "\n", to: "late.jsonl")
        let baseline = DriftwatchProcess.root + "/Baselines/fraud.json"
        let imported = try DriftwatchProcess.run(
            ["baseline", "import", "--config", tight, "--state", "s.db", baseline], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        for (config, log) in [(tight, first), (roomy, second)] {
            let run = try DriftwatchProcess.run(
                ["backfill", "--config", config, "--state", "s.db", "--fire", "--commit-every", "200", log],
                in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let (decisions, _, complete) = try DriftwatchProcess.completeFiredJob(config: roomy, cost: "3.5", in: directory)
        #expect(complete.status == 0, "\(complete.stderr)")
        let report = try DriftwatchProcess.run(
            [
                "report", "--config", roomy, "--state", "s.db", "--format", "html", "--out", "report.html", "--horizon",
                "6h", "--horizon", "24h",
            ], in: directory)
        return (report, decisions)
    }

    @Test(.enabled(if: chromium != nil, Comment(rawValue: absent)))
    func demoReportRendersInChromiumAndIsNotBlank() throws {
        let chromium = try #require(Self.chromium, "\(Self.absent)")
        let directory = ScratchDirectory(prefix: "html")
        let (report, decisions) = try Self.decidedDemoPage(in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        let actions = decisions.compactMap { $0["action"] as? String }
        #expect(actions.contains("denied") && actions.count { $0 == "fired" } == 1, "\(actions)")
        let page = try String(contentsOfFile: directory.file("report.html"), encoding: .utf8)
        #expect(page.contains("data-action=\"denied\"") && page.contains("data-status=\"succeeded\""))
        #expect(page.contains("<g class=\"period\"") && page.contains("data-series=\"estimated-auc-band\""))
        // The horizons asked for, and the retrains that continued the fired one's episode.
        #expect(page.contains("<div class=\"horizon\" data-horizon=\"6h\"") && page.contains("data-horizon=\"24h\""))
        #expect(page.contains("class=\"m-retrain continuing\""))
        let png = directory.file("report.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(directory.file("chromium-profile"))", "--screenshot=\(png)", "--window-size=1280,2000",
            "file://\(directory.file("report.html"))",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: png)))
        let image = try PNGImage(bytes)
        #expect(image.width == 1280 && image.height == 2000)

        // Not blank: many non-white pixels, many colours, and the report's own colours present.
        var nonWhite = 0
        var colours = Set<UInt32>()
        var driftRed = 0
        var valueBlue = 0
        var retrainPurple = 0
        for y in stride(from: 0, to: image.height, by: 2) {
            for x in stride(from: 0, to: image.width, by: 2) {
                let (r, g, b) = image.rgb(x, y)
                if r < 235 || g < 235 || b < 235 { nonWhite += 1 }
                colours.insert(UInt32(r >> 3) << 10 | UInt32(g >> 3) << 5 | UInt32(b >> 3))
                if abs(Int(r) - 0xB3) < 12 && abs(Int(g) - 0x26) < 12 && abs(Int(b) - 0x1E) < 12 { driftRed += 1 }
                if abs(Int(r) - 0x1F) < 14 && abs(Int(g) - 0x4E) < 14 && abs(Int(b) - 0x99) < 14 { valueBlue += 1 }
                if abs(Int(r) - 0x5B) < 12 && abs(Int(g) - 0x2A) < 12 && abs(Int(b) - 0x86) < 12 { retrainPurple += 1 }
            }
        }
        let sampled = (image.width / 2) * (image.height / 2)
        #expect(
            Double(nonWhite) / Double(sampled) > 0.05, "only \(nonWhite) of \(sampled) sampled pixels are not white")
        #expect(colours.count >= 20, "only \(colours.count) distinct colours")
        #expect(driftRed > 200, "the drift marks are drawn (\(driftRed) red pixels)")
        #expect(valueBlue > 200, "the value lines and bars are drawn (\(valueBlue) blue pixels)")
        #expect(retrainPurple > 100, "the retrain decisions are drawn (\(retrainPurple) purple pixels)")
    }

    @Test func htmlOptionsAreCheckedAndWindowStartChoosesTheWindow() throws {
        let directory = ScratchDirectory(prefix: "html-options")
        let chosen = try Self.demoPage(in: directory, extra: ["--window-start", "2026-11-01T05:00:00Z"])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        let page = try String(contentsOfFile: directory.file("report.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<section id=\"window\" data-start=\"1793509200000\""))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"))

        let stdout = try DriftwatchProcess.run(["report", "--state", "demo.db", "--format", "html"], in: directory)
        #expect(stdout.status == 0 && stdout.stdout.hasPrefix("<!DOCTYPE html>"))
        // The default detail window is the latest drifted one (the demo drifts from hour 12 on).
        #expect(stdout.stdout.contains("<section id=\"window\" data-start=\"1793574000000\""))

        let missing = try DriftwatchProcess.run(
            ["report", "--state", "demo.db", "--format", "html", "--window-start", "2026-11-01T05:30:00Z"],
            in: directory)
        #expect(missing.status == 1)
        #expect(
            missing.stderr.contains("no window of model 'fraud' starts at 2026-11-01T05:30:00Z"), "\(missing.stderr)")

        let json = try DriftwatchProcess.run(
            ["report", "--state", "demo.db", "--format", "json", "--window-start", "2026-11-01T05:00:00Z"],
            in: directory)
        #expect(json.status == 1 && json.stderr.contains("--window-start applies to --format html only"))

        let config = DriftwatchProcess.fixture("cli/cli.toml")
        let backfill = try DriftwatchProcess.run(
            ["backfill", "--config", config, "--state", "two.db", DriftwatchProcess.fixture("cli/predictions.jsonl")],
            in: directory)
        #expect(backfill.status == 0, "\(backfill.stderr)")
        let two = try DriftwatchProcess.run(
            ["report", "--config", config, "--state", "two.db", "--format", "html"], in: directory)
        #expect(two.status == 1 && two.stderr.contains("pass --model NAME"), "\(two.stderr)")
        let one = try DriftwatchProcess.run(
            [
                "report", "--config", config, "--state", "two.db", "--format", "html", "--model", "churn", "--out",
                "churn.html",
            ], in: directory)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(
            try String(contentsOfFile: directory.file("churn.html"), encoding: .utf8).contains("Drift report: churn"))
    }
}
