import DriftTestSupport
import Foundation
import Testing

/// `driftwatch run`'s `/metrics`, scraped from the real binary over loopback.
struct RunMetricsTests {
    @Test func budgetRemainingGaugeShowsTheSharedBudgetsAtStartUp() async throws {
        let directory = ScratchDirectory(prefix: "run-metrics")
        directory.write(
            """
            checkpoint_interval = "200ms"
            [metrics]
            port = 0
            [guardrails]
            daily_budget = 12.5
            monthly_budget = 40
            [models.fraud]
            numeric = ["amount"]
            sources = ["a.jsonl"]
            """, to: "c.toml")
        directory.write(
            #"{"ts":"2026-11-28T08:00:00Z","model":"fraud","features":{"amount":1.5},"prediction":0.2}"# + "\n",
            to: "a.jsonl")
        let errors = directory.write("", to: "stderr.log")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DriftwatchProcess.binary)
        process.arguments = ["run", "--config", "c.toml", "--state", "s.db"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = nil
        process.environment = environment
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The endpoint logs its port once it listens. Wait for it, and look once more after the
        // deadline: a test process whose threads are all busy may resume this task late.
        var port: Int?
        let start = ContinuousClock.now
        while true {
            let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"metrics\.port=(\d+)"#, options: .regularExpression) {
                port = Int(text[range].dropFirst("metrics.port=".count))
            }
            if port != nil || !process.isRunning || ContinuousClock.now - start > .seconds(120) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let listening = try #require(port, "\((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")")
        // No job has run: each gauge is the whole configured budget.
        var body = ""
        let scraping = ContinuousClock.now
        while true {
            body = try await HTTPProbe.get("/metrics", port: listening).body
            if body.contains("driftwatch_budget_remaining{") || ContinuousClock.now - scraping > .seconds(120) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let gauges = body.split(separator: "\n").filter { $0.hasPrefix("driftwatch_budget_remaining{") }.sorted()
        #expect(
            gauges == [
                #"driftwatch_budget_remaining{model="*",period="day"} 12.5"#,
                #"driftwatch_budget_remaining{model="*",period="month"} 40.0"#,
            ], "\(body)")
        process.terminate()
        process.waitUntilExit()
        try handle.close()
    }
}
