import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// Random trigger sequences never exceed a rate limit or a budget, and concurrent triggers on two
/// connections start exactly one job.
struct DecisionGuardrailPropertyTests {
    static let hour = DecisionScenario.hour

    @Test func randomTriggerSequencesNeverExceedRatesOrBudgets() throws {
        let seeds: [UInt64] =
            ProcessInfo.processInfo.environment["DRIFT_LONG_TESTS"] == nil ? Array(1...6) : Array(1...60)
        var denials: [String: Int] = [:]
        for seed in seeds {
            var random = SplitMix64(seed: seed)
            let modelRate = 1 + Int(random.next() % 3)
            let globalRate = 2 + Int(random.next() % 3)
            let daily = Double(10 + random.next() % 40)
            let monthly = daily * 3
            let estimate = Double(1 + random.next() % 12)
            let toml = """
                [defaults.policy]
                drift_windows = 1
                lookback_windows = 1
                [defaults.guardrails]
                cooldown = "0s"
                cost_estimate = \(estimate)
                rate_limit = "\(modelRate)/6h"
                [guardrails]
                rate_limit = "\(globalRate)/12h"
                daily_budget = \(daily)
                monthly_budget = \(monthly)
                [hooks]
                retrain = ["/bin/true"]
                """
            let scenario = try DecisionScenario(toml)
            let models = ["a", "b", "c"]
            for hour in 0..<96 {
                for model in models {
                    // Drift comes and goes so episodes open and resolve; jobs settle at random.
                    let drifted = random.next() % 3 == 0 ? 0 : 4
                    try scenario.decide(hour, drifted: drifted, model: model)
                    for job in try scenario.store.jobs(mode: "fire", model: model) where job.status == "running" {
                        guard random.next() % 2 == 0 else { continue }
                        let cost = Double(random.next() % 1000) / 1000 * job.estimate
                        try scenario.engine.completeJob(
                            jobID: job.jobId, succeeded: random.next() % 4 != 0, cost: cost, modelVersion: nil,
                            store: scenario.store, now: DecisionScenario.end(hour))
                    }
                }
            }
            let jobs = try scenario.store.jobs(mode: "fire")
            #expect(jobs.count > 3, "seed \(seed): the sequence should fire something")
            for job in jobs {
                let since = job.startedMs - 6 * Self.hour
                let model = jobs.filter {
                    $0.model == job.model && $0.startedMs > since && $0.startedMs <= job.startedMs
                }
                #expect(model.count <= modelRate, "seed \(seed): model rate at \(job.startedMs)")
                let global = jobs.filter {
                    $0.startedMs > job.startedMs - 12 * Self.hour && $0.startedMs <= job.startedMs
                }
                #expect(global.count <= globalRate, "seed \(seed): global rate at \(job.startedMs)")
            }
            for period in BudgetPeriod.allCases {
                var spent: [Int64: Double] = [:]
                for job in jobs {
                    spent[period.start(containing: job.startedMs), default: 0] += job.cost ?? job.estimate
                }
                let budget = period == .day ? daily : monthly
                #expect(spent.values.allSatisfy { $0 <= budget + 1e-9 }, "seed \(seed): \(period) \(spent) > \(budget)")
            }
            // Every window has exactly one decision.
            let decisions = try scenario.store.decisions()
            #expect(decisions.count == 96 * models.count, "seed \(seed)")
            for decision in decisions {
                for name in DecisionRenderer.deniedGuardrails(decision) { denials[name, default: 0] += 1 }
            }
        }
        // The sequences do push against every limit under test.
        for name in ["rate_model", "rate_global", "budget_day", "single_flight"] {
            #expect(denials[name, default: 0] > 0, "\(name) never denied: \(denials)")
        }
    }

    /// Two agents (two connections to one file) decide at the same instant: the same window, two
    /// windows of one episode, or two models under a global rate limit of one.
    @Test(arguments: [
        ("same window", ["fired"]), ("one episode", ["fired", "none"]), ("two models", ["denied", "fired"]),
    ])
    func concurrentTriggersOnTwoConnectionsStartExactlyOneJob(variant: String, expected: [String]) throws {
        for round in 0..<3 {
            let toml = """
                [defaults.policy]
                drift_windows = 1
                lookback_windows = 1
                [defaults.guardrails]
                cooldown = "1h"
                [guardrails]
                rate_limit = "1/1d"
                [hooks]
                retrain = ["/bin/true"]
                """
            let scenario = try DecisionScenario(toml)
            let first = try scenario.addWindow(0, drifted: 4, model: "a")
            let second =
                switch variant {
                case "same window": first
                case "one episode": try scenario.addWindow(1, drifted: 4, model: "a")
                default: try scenario.addWindow(0, drifted: 4, model: "b")
                }
            let path = scenario.path
            let configuration = scenario.configuration
            let results = Results()
            let group = DispatchGroup()
            for key in [first, second] {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    do {
                        let store = try Store(path: path)
                        let engine = DecisionEngine(configuration: configuration, sleep: { _ in })
                        let decided = try engine.evaluate(
                            closedWindows: [key], store: store, now: DecisionScenario.end(1), mode: .fire)
                        results.append(decided.map(\.action))
                    } catch {
                        results.append(["error: \(error)"])
                    }
                }
            }
            group.wait()
            let actions = results.all.flatMap { $0 }.sorted()
            #expect(try scenario.store.jobs().count == 1, "\(variant) round \(round): \(actions)")
            #expect(actions == expected, "\(variant) round \(round)")
            #expect(try scenario.store.decisions().count == expected.count, "\(variant) round \(round)")
        }
    }
}

/// A lock-protected list that threads append to.
private final class Results: @unchecked Sendable {  // every access goes through `lock`
    private let lock = NSLock()
    private var values: [[String]] = []

    func append(_ value: [String]) { lock.withLock { values.append(value) } }
    var all: [[String]] { lock.withLock { values } }
}
