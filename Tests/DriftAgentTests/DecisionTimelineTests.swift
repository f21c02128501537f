import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// The engine on a simulated clock against a real state file: episodes, cooldown, budgets, the
/// breaker, restarts and downtime. Each window is decided exactly once, with the expected reason.
struct DecisionTimelineTests {
    static let logger = DriftwatchRepository.root + "/Scripts/hooks/file-logger.sh"

    static func config(hooks events: String, guardrails: String = "", extra: String = "") -> String {
        """
        [defaults.policy]
        drift_windows = 2
        lookback_windows = 3
        drift_share = 0.5
        [defaults.guardrails]
        cooldown = "6h"
        cost_estimate = 10
        \(guardrails)
        [hooks]
        attempts = 2
        backoff = "0s"
        \(events)
        \(extra)
        """
    }

    @Test func firesOnceAfterTheDriftSettlesThenResolves() throws {
        let directory = ScratchDirectory(prefix: "timeline")
        let events = directory.file("events.jsonl")
        let hooks = "retrain = [\"\(Self.logger)\", \"\(events)\"]\nalert = [\"\(Self.logger)\", \"\(events)\"]"
        let scenario = try DecisionScenario(Self.config(hooks: hooks), directory: directory)
        let drift = [0, 0, 2, 3, 4, 2, 2, 0, 0, 0]
        var decisions: [StoredDecision] = []
        for (hour, drifted) in drift.enumerated() {
            decisions.append(try #require(try scenario.decide(hour, drifted: drifted)))
        }
        #expect(
            decisions.map(\.verdict) == [
                "ok", "ok", "ok", "retrain", "retrain", "retrain", "retrain", "retrain", "ok", "ok",
            ])
        #expect(
            decisions.map(\.action) == [
                "none", "none", "none", "fired", "none", "none", "none", "none", "none", "none",
            ])
        #expect(DecisionScenario.codes(decisions[2]) == ["drift_not_held"])
        #expect(DecisionScenario.codes(decisions[3]) == ["drift_held"])
        #expect(DecisionScenario.codes(decisions[4]) == ["drift_held", "episode_open"])
        #expect(DecisionScenario.codes(decisions[8]) == ["no_drift"])
        // One retrain event, one resolved event; one job; one record per window.
        #expect(DecisionScenario.eventNames(scenario.loggedEvents(events)) == ["retrain", "resolved"])
        #expect(try scenario.store.jobs().count == 1)
        #expect(try scenario.store.decisions().count == drift.count)
        let episodeID = try #require(decisions[3].episodeId)
        let episode = try #require(try scenario.store.episode(id: episodeID))
        #expect(episode.actedDecisionId == decisions[3].id && episode.resolvedDecisionId == decisions[8].id)
        // The retrain event carries the job and the idempotency key; the hook run is recorded.
        let retrain = try #require(scenario.loggedEvents(events).first)
        #expect(retrain.contains("\"schema_version\":1") && retrain.contains("\"job_id\":\"driftwatch-fire-4\""))
        let runs = try scenario.store.hookRuns(decisionId: decisions[3].id)
        #expect(runs.map(\.state) == ["succeeded"] && runs[0].idempotencyKey.hasSuffix(":4:retrain"))
        // Deciding a window again changes nothing.
        let key = StoredWindowKey(model: "m", version: "1", startMs: DecisionScenario.start + 3 * DecisionScenario.hour)
        #expect(try scenario.engine.evaluate(closedWindows: [key], store: scenario.store, now: 0, mode: .fire).isEmpty)
    }

    @Test func noRetrainInsideTheCooldownEvenAcrossARestart() throws {
        let directory = ScratchDirectory(prefix: "timeline")
        let events = directory.file("events.jsonl")
        let hooks = "retrain = [\"\(Self.logger)\", \"\(events)\"]\ndenied = [\"\(Self.logger)\", \"\(events)\"]"
        let scenario = try DecisionScenario(Self.config(hooks: hooks), directory: directory)
        for hour in 0..<2 { try scenario.decide(hour, drifted: 4) }  // fires at the end of hour 1
        let job = try #require(try scenario.store.jobs().first)
        #expect(job.status == "running")
        try scenario.engine.completeJob(
            jobID: job.jobId, succeeded: true, cost: nil, modelVersion: nil, store: scenario.store,
            now: DecisionScenario.end(2))
        for hour in 2..<5 { try scenario.decide(hour, drifted: 0) }  // resolves at hour 3
        try scenario.reopen()  // the agent restarts: the cooldown lives in the file
        let second = try (5..<8).map { try #require(try scenario.decide($0, drifted: 4)) }
        // Hour 6 starts a new episode 5 h after the first retrain (cooldown 6 h): denied, alerted once.
        #expect(second.map(\.action) == ["none", "denied", "fired"])
        #expect(DecisionRenderer.deniedGuardrails(second[1]) == ["cooldown"])
        #expect(second[1].guardrails.contains("{\"name\":\"cooldown\",\"verdict\":\"deny\""))
        #expect(DecisionScenario.eventNames(scenario.loggedEvents(events)) == ["retrain", "denied", "retrain"])
        #expect(try scenario.store.jobs().map(\.startedMs) == [DecisionScenario.end(1), DecisionScenario.end(7)])
    }

    @Test func dailyBudgetAllowsExactlyTheBudgetAndResetsAtUTCMidnight() throws {
        // Three models, 10 per retrain, 20 per day: a and b fire (20 = budget), c is denied until
        // the first window decided on the next UTC day. A backtest: jobs settle at their estimate.
        let scenario = try DecisionScenario(
            Self.config(hooks: "", guardrails: "", extra: "[guardrails]\ndaily_budget = 20"))
        var byModel: [String: [StoredDecision]] = [:]
        for hour in 0..<25 {
            for model in ["a", "b", "c"] where model == "c" || hour < 2 {
                if let decision = try scenario.decide(hour, drifted: 4, model: model, mode: .backtest) {
                    byModel[model, default: []].append(decision)
                }
            }
        }
        #expect(byModel["a"]?.map(\.action) == ["none", "backtest"])
        #expect(byModel["b"]?.map(\.action) == ["none", "backtest"])
        let c = try #require(byModel["c"])
        // Hour h is decided at its end plus 5 min lateness: hour 23 on 2026-11-02.
        #expect(c.filter { $0.action == "denied" }.count == 22)
        #expect(c[1].action == "denied" && DecisionRenderer.deniedGuardrails(c[1]) == ["budget_day"])
        #expect(
            c[23].action == "backtest" && c[23].windowStartMs == DecisionScenario.start + 23 * DecisionScenario.hour)
        let summary = DecisionRenderer.summary(try scenario.store.decisions(), jobs: try scenario.store.jobs())
        #expect(summary.contains("retrains that would have fired: 3"))
        #expect(summary.contains("denied: 22"))
        #expect(summary.contains("total cost: 30"))
    }

    @Test func breakerOpensAfterFailuresAndClosesOnAHalfOpenSuccess() throws {
        let directory = ScratchDirectory(prefix: "timeline")
        let switchFile = directory.file("succeed")
        let scenario = try DecisionScenario(
            Self.config(
                hooks: "", guardrails: "breaker_failures = 2\nbreaker_cool_off = \"90m\"",
                extra:
                    "[models.m]\n[models.m.guardrails]\ncooldown = \"0s\"\nbreaker_failures = 2\nbreaker_cool_off = \"90m\""
            ),
            directory: directory)
        let hook = scenario.script("[ -f '\(switchFile)' ] || exit 1", named: "submit.sh")
        scenario.configuration.hooks.commands[.retrain] = [hook]
        scenario.engine = DecisionEngine(configuration: scenario.configuration, sleep: { _ in })
        try scenario.decide(0, drifted: 4)
        let first = try #require(try scenario.decide(1, drifted: 4))  // fires, hook fails (1)
        let second = try #require(try scenario.decide(2, drifted: 4))  // retries, fails (2): open
        #expect([first.action, second.action] == ["fired", "fired"])
        #expect(try scenario.store.breaker(mode: "fire", model: "m")?.state == "open")
        let third = try #require(try scenario.decide(3, drifted: 4))  // 1 h after opening: refused
        #expect(third.action == "denied" && DecisionRenderer.deniedGuardrails(third) == ["breaker"])
        _ = FileManager.default.createFile(atPath: switchFile, contents: nil)
        let trial = try #require(try scenario.decide(4, drifted: 4))  // 2 h after: half-open trial
        #expect(trial.action == "fired")
        #expect(trial.guardrails.contains("half-open"))
        #expect(try scenario.store.breaker(mode: "fire", model: "m")?.state == "closed")
        #expect(try scenario.store.jobs().map(\.status) == ["failed", "failed", "running"])
        let fourth = try #require(try scenario.decide(5, drifted: 4))
        #expect(fourth.action == "none" && DecisionScenario.codes(fourth).last == "episode_open")
    }

    @Test func afterDowntimeOneEvaluationOfTheCurrentState() throws {
        let directory = ScratchDirectory(prefix: "timeline")
        let events = directory.file("events.jsonl")
        let scenario = try DecisionScenario(
            Self.config(hooks: "retrain = [\"\(Self.logger)\", \"\(events)\"]"), directory: directory)
        let keys = try (0..<10).map { try scenario.addWindow($0, drifted: 4) }
        let decided = try scenario.engine.evaluate(
            closedWindows: keys, store: scenario.store, now: DecisionScenario.end(9) + 3_600_000, mode: .fire)
        #expect(decided.count == 1)
        #expect(decided.first?.windowStartMs == keys.last?.startMs)
        #expect(decided.first?.verdict == "retrain" && decided.first?.action == "fired")
        #expect(try scenario.store.decisions().count == 1)
        #expect(scenario.loggedEvents(events).count == 1)
    }

    @Test func reviewWaitsForApprovalWhichRunsUnderTheGuardrails() throws {
        let directory = ScratchDirectory(prefix: "timeline")
        let events = directory.file("events.jsonl")
        let hooks = "retrain = [\"\(Self.logger)\", \"\(events)\"]\nreview = [\"\(Self.logger)\", \"\(events)\"]"
        let policy = "[defaults.policy]\ndrop_metric = \"accuracy\"\nmax_drop = 0.2\nmin_labeled_rows = 10"
        let scenario = try DecisionScenario(
            Self.config(hooks: hooks).replacingOccurrences(of: "[defaults.policy]", with: policy), directory: directory)
        var baseline = BinaryClassificationAccumulator()
        var window = BinaryClassificationAccumulator()
        for i in 0..<100 {
            baseline.insert(score: i % 2 == 0 ? 0.9 : 0.1, label: i % 2 == 0)  // accuracy 1
            window.insert(score: i % 4 == 0 ? 0.9 : 0.1, label: i % 2 == 0)  // accuracy 0.75
        }
        var profile = Profile()
        profile.rows = 100
        profile.binary = baseline
        try scenario.store.saveBaseline(
            StoredBaseline(
                model: "m", version: "1", createdMs: 0, source: "test", sha256: "", profile: profile.encoded(),
                document: "{}"))
        let key = try scenario.addWindow(0, drifted: 0, binary: window)
        let review = try #require(
            try scenario.engine.evaluate(
                closedWindows: [key], store: scenario.store, now: DecisionScenario.end(0), mode: .fire
            ).first)
        #expect(review.verdict == "review" && review.action == "awaiting_approval")
        #expect(DecisionScenario.codes(review).first == "performance_drop")
        #expect(try scenario.store.jobs().isEmpty)
        let approved = try scenario.engine.approve(
            decisionID: review.id, store: scenario.store, now: DecisionScenario.end(1))
        #expect(approved.action == "fired" && approved.approvedMs == DecisionScenario.end(1))
        #expect(DecisionScenario.eventNames(scenario.loggedEvents(events)) == ["review", "retrain"])
        #expect(throws: DecisionError.notAwaitingApproval(id: review.id, action: "fired")) {
            try scenario.engine.approve(decisionID: review.id, store: scenario.store, now: DecisionScenario.end(2))
        }
        // The job settles through `job complete`, linking decision → job → model version.
        let job = try #require(try scenario.store.jobs().first)
        let settled = try scenario.engine.completeJob(
            jobID: job.jobId, succeeded: true, cost: 7.5, modelVersion: "2", store: scenario.store,
            now: DecisionScenario.end(3))
        #expect(settled.status == "succeeded" && settled.cost == 7.5 && settled.modelVersion == "2")
        #expect(throws: DecisionError.jobSettled(id: job.jobId, status: "succeeded")) {
            try scenario.engine.completeJob(
                jobID: job.jobId, succeeded: false, cost: nil, modelVersion: nil, store: scenario.store, now: 0)
        }
    }

    @Test func failingNotificationIsRetriedWithBackoffUnderOneIdempotencyKey() throws {
        let directory = ScratchDirectory(prefix: "timeline")
        let scenario = try DecisionScenario(Self.config(hooks: ""), directory: directory)
        let hook = scenario.script("cat > /dev/null; echo try >&2; exit 7", named: "alert.sh")
        scenario.configuration.hooks.commands[.alert] = [hook]
        scenario.configuration.hooks.attempts = 3
        scenario.configuration.hooks.backoffMilliseconds = 250
        let waits = Waits()
        // A denied retrain (kill switch) sends `denied`, which falls back to the `alert` hook.
        scenario.configuration.guardrails.killSwitch = true
        scenario.engine = DecisionEngine(configuration: scenario.configuration, sleep: { waits.append($0) })
        try scenario.decide(0, drifted: 4)
        let denied = try #require(try scenario.decide(1, drifted: 4))
        #expect(denied.action == "denied" && DecisionRenderer.deniedGuardrails(denied) == ["kill_switch"])
        let runs = try scenario.store.hookRuns(decisionId: denied.id)
        #expect(runs.map(\.attempt) == [1, 2, 3] && runs.allSatisfy { $0.state == "failed" && $0.exitCode == 7 })
        #expect(Set(runs.map(\.idempotencyKey)).count == 1 && runs[0].event == "denied")
        #expect(runs[0].stderr == Array("try\n".utf8))
        #expect(waits.all == [250, 500])
        // Alerted once per episode: the next denial of the same episode sends nothing.
        let again = try #require(try scenario.decide(2, drifted: 4))
        let quiet = try scenario.store.hookRuns(decisionId: again.id)
        #expect(again.action == "denied" && quiet.isEmpty)
    }

    @Test func openIntentIsReconciledNotRerun() throws {
        let directory = ScratchDirectory(prefix: "timeline")
        let scenario = try DecisionScenario(Self.config(hooks: ""), directory: directory)
        let decision = try #require(try scenario.decide(0, drifted: 0))
        // What a crash between "intent" and "outcome" leaves behind.
        try scenario.store.insertHookRun(
            StoredHookRun(
                decisionId: decision.id, event: "retrain", idempotencyKey: "k", argv: "[]", attempt: 1, startedMs: 0,
                timeoutMs: 1_000))
        try scenario.store.insertJob(
            StoredJob(
                jobId: "j", mode: "fire", model: "m", decisionId: decision.id, status: "reserved", estimate: 10,
                startedMs: 0))
        try scenario.reopen()
        #expect(try scenario.engine.reconcile(store: scenario.store, now: 30_000) == 0, "still within its timeout")
        #expect(try scenario.engine.reconcile(store: scenario.store, now: 120_000) == 1)
        #expect(try scenario.store.hookRuns(decisionId: decision.id).map(\.state) == ["interrupted"])
        #expect(try scenario.store.job(jobId: "j")?.status == "unknown", "still reserved, still in flight")
        #expect(try scenario.store.jobsInFlight(mode: "fire", model: "m") == 1)
    }
}

/// Backoff waits recorded from the engine's sleep closure.
private final class Waits: @unchecked Sendable {  // every access goes through `lock`
    private let lock = NSLock()
    private var values: [Int64] = []

    func append(_ value: Int64) { lock.withLock { values.append(value) } }
    var all: [Int64] { lock.withLock { values } }
}
