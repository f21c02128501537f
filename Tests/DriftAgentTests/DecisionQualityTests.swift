import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Decision quality with default settings on a generated stream with one known drift: stable and
/// drifted numeric and categorical features, including a 20,000-category Zipf id. Every drifted
/// feature must be flagged in every post-drift window, no stable feature in any pre-drift window,
/// and the backtest must fire exactly one retraining for the one drift episode.
struct DecisionQualityTests {
    static let hour: Int64 = 3_600_000
    static let t0: Int64 = 1_793_836_800_000
    static let windows = 10
    static let driftFrom = 5
    static let rowsPerWindow = 4_000

    /// One line; `drifted` shifts `amount` and `score_gap`, and moves `channel`'s mass.
    static func line(_ sampler: inout Sampler, cdf: [Double], time: Int64?, drifted: Bool) -> String {
        let amount = sampler.lognormal(mu: drifted ? 3.9 : 3.5, sigma: 0.8)
        let gap = sampler.normal(mean: drifted ? 1.0 : 0.0, sd: 2)
        let age = sampler.normal(mean: 40, sd: 10)
        let tenure = sampler.uniform() * 1000
        let load = sampler.pareto(alpha: 2.5)
        let channels = ["web", "app", "store", "phone"]
        let channel =
            drifted ? channels[sampler.int(below: 10) < 6 ? 3 : sampler.int(below: 3)] : channels[sampler.int(below: 4)]
        let region = ["n", "s", "e", "w", "c"][sampler.int(below: 5)]
        let id = "u\(sampler.zipf(cdf: cdf))"
        let score = 1 / (1 + exp(-(gap / 2)))
        let ts = time.map { "\"ts\":\($0)," } ?? ""
        return "{\(ts)\"model\":\"q\",\"features\":{\"amount\":\(amount),\"score_gap\":\(gap),\"age\":\(age),"
            + "\"tenure\":\(tenure),\"load\":\(load),\"channel\":\"\(channel)\",\"region\":\"\(region)\","
            + "\"user_id\":\"\(id)\"},\"prediction\":\(score)}"
    }

    @Test func everyDriftFlaggedNoFalseAlarmOneRetrain() throws {
        var sampler = Sampler(seed: 42)
        let cdf = Sampler.zipfCDF(n: 20_000, s: 1.1)
        let train = (0..<20_000).map { _ in Self.line(&sampler, cdf: cdf, time: nil, drifted: false) }
        var logs: [String] = []
        for window in 0..<Self.windows {
            for row in 0..<Self.rowsPerWindow {
                let time = Self.t0 + Int64(window) * Self.hour + Int64(row) * (Self.hour / Int64(Self.rowsPerWindow))
                logs.append(Self.line(&sampler, cdf: cdf, time: time, drifted: window >= Self.driftFrom))
            }
        }
        let trainPath = DemoPipelineTests.temporaryPath("quality-train") + ".jsonl"
        let logPath = DemoPipelineTests.temporaryPath("quality-logs") + ".jsonl"
        try FileBytes.write(Array((train.joined(separator: "\n") + "\n").utf8), to: trainPath)
        try FileBytes.write(Array((logs.joined(separator: "\n") + "\n").utf8), to: logPath)

        let config = Configuration.zeroConfig
        let store = try Store(path: ":memory:")
        let baseline = try BaselineBuilder.build(
            configuration: config, model: "q", version: nil, inputs: [trainPath], createdMs: 0)
        try store.saveBaseline(baseline.baseline.stored)
        var backfill = Backfill(configuration: config, store: store, now: { 0 })
        backfill.decisions = (DecisionEngine(configuration: config), .backtest)
        _ = try backfill.run(Backfill.Options(inputs: [logPath]))

        let drifted: Set<String> = ["amount", "score_gap", "channel"]
        let stored = try store.windows(model: "q", since: nil, until: nil)
        #expect(stored.count == Self.windows)
        for (index, window) in stored.enumerated() {
            let primary = try store.scores(model: "q", version: "", start: window.key.startMs).filter {
                $0.isPrimary && $0.feature != WindowScorer.predictionName
            }
            #expect(primary.count == 8)
            for score in primary {
                let expected = index >= Self.driftFrom && drifted.contains(score.feature) ? "drift" : "ok"
                #expect(
                    WindowScorer.verdictLabel(score.verdict) == expected,
                    "window \(index) \(score.feature) \(score.test) \(score.value) \(score.verdict)")
            }
        }
        let decisions = try store.decisions()
        #expect(decisions.count == Self.windows)
        let fired = decisions.filter { $0.verdict == "retrain" && $0.action == "backtest" }
        #expect(fired.count == 1, "\(decisions.map { "\($0.verdict)/\($0.action)" })")
        #expect(decisions.prefix(Self.driftFrom).allSatisfy { $0.verdict == "ok" })
        unlink(trainPath)
        unlink(logPath)
    }
}
