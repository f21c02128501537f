import DriftAgent
import DriftCore
import DriftIngest
import DriftStore
import DriftTestSupport
import Foundation

/// The bundled demo (24 hourly windows of model `fraud`, drift planted from hour 12) decided
/// window by window in `fire` mode at each window's close (its end + the 10 min lateness), with
/// guardrails that first deny and then admit one retrain, and the job then completed.
///
/// Every retrain reserves `cost_estimate = 4`, cooldown off. Hours 0–14 are decided under
/// `daily_budget = 3`: the retrain that the drift calls for at hour 13 (2 of 3 windows) is denied by
/// `budget_day` (0 + 0 + 4 > 3), and again at hour 14 (the episode still owes it). Hours 15–23 are
/// decided under `daily_budget = 10`: hour 15 fires the retrain hook (job reserved at 4, running
/// after the hook), hours 16–23 continue the episode. At hour 17's close `job complete` settles the
/// job as succeeded with cost 3.5 and model version 3.3.0.
final class DecisionReportScenario {
    static let hour: Int64 = 3_600_000
    static let start: Int64 = Timestamp.milliseconds(rfc3339: "2026-11-01T00:00:00Z") ?? 0
    static let lateness: Int64 = 600_000
    static let model = "fraud"

    let directory = ScratchDirectory(prefix: "report-decisions")
    let store: Store
    /// The configuration in force at the end (`daily_budget = 10`).
    let configuration: Configuration
    /// The retrain job's id.
    let jobID: String

    /// When window `hour` closes.
    static func close(_ hour: Int) -> Int64 { start + Int64(hour + 1) * Self.hour + lateness }

    init() throws {
        let root = DemoPipelineTests.root
        let demo = try String(contentsOfFile: "\(root)/Fixtures/demo.toml", encoding: .utf8)
        let hook = directory.write("#!/bin/sh\ncat >/dev/null\nexit 0\n", to: "retrain.sh")
        chmod(hook, 0o755)
        func parse(dailyBudget: Double) throws -> Configuration {
            let text =
                demo + "\n[models.fraud.guardrails]\ncost_estimate = 4\ncooldown = \"0s\"\n\n[guardrails]\n"
                + "daily_budget = \(dailyBudget)\n\n[hooks]\nretrain = [\"\(hook)\"]\n"
            var parsed = try ConfigurationLoader.parse(text: text, path: "demo.toml")
            parsed.baselinesDirectory = "\(root)/\(parsed.baselinesDirectory)"
            return parsed
        }
        let tight = try parse(dailyBudget: 3)
        let roomy = try parse(dailyBudget: 10)
        store = try Store(path: directory.file("state.db"))
        let baselinePath = "\(root)/Baselines/fraud.json"
        try store.saveBaseline(try BaselineDocument.parse(try FileBytes.read(baselinePath), path: baselinePath).stored)
        _ = try Backfill(configuration: roomy, store: store, now: { 0 }).run(
            .init(inputs: ["\(root)/Fixtures/demo/predictions.jsonl"]))
        let engines = [
            DecisionEngine(configuration: tight, sleep: { _ in }),
            DecisionEngine(configuration: roomy, sleep: { _ in }),
        ]
        for hour in 0..<24 {
            let key = StoredWindowKey(
                model: Self.model, version: "3.2.1", startMs: Self.start + Int64(hour) * Self.hour)
            _ = try engines[hour < 15 ? 0 : 1].evaluate(
                closedWindows: [key], store: store, now: Self.close(hour), mode: .fire)
        }
        let job = try store.jobs(mode: "fire", model: Self.model).first
        jobID = job?.jobId ?? ""
        _ = try engines[1].completeJob(
            jobID: jobID, succeeded: true, cost: 3.5, modelVersion: "3.3.0", store: store, now: Self.close(17))
        configuration = roomy
    }
}
