import DriftAgent
import DriftCore
import DriftIngest
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// Windows stored but never decided (a backfill stopped between its commit and its decisions) on
/// the bundled demo: 24 hourly windows of `fraud` 3.2.1, stable for hours 0–11, drifting from hour
/// 12 on. With K = 2 of N = 3 (the defaults) hour 12 drifts alone (`ok`, `drift_not_held`), hour 13
/// is the second drifting slot (`retrain`, the episode's action) and hours 14–23 continue it: 13
/// `ok` then 11 `retrain`, one action, at hour 13 (the same as DecisionCommandTests' clean backtest).
struct DecisionCatchUpTests {
    static let hour: Int64 = 3_600_000
    static let start: Int64 = Timestamp.milliseconds(rfc3339: "2026-11-01T00:00:00Z") ?? 0
    static let lateness: Int64 = 600_000
    static let log = "\(DemoPipelineTests.root)/Fixtures/demo/predictions.jsonl"

    /// A state with the demo's 24 windows stored and scored and no decision, and the demo config.
    static func undecided(_ directory: ScratchDirectory) throws -> (Store, Configuration) {
        let root = DemoPipelineTests.root
        var configuration = try ConfigurationLoader.parse(
            text: try String(contentsOfFile: "\(root)/Fixtures/demo.toml", encoding: .utf8), path: "demo.toml")
        configuration.baselinesDirectory = "\(root)/\(configuration.baselinesDirectory)"
        let store = try Store(path: directory.file("state.db"))
        let baselinePath = "\(root)/Baselines/fraud.json"
        try store.saveBaseline(try BaselineDocument.parse(try FileBytes.read(baselinePath), path: baselinePath).stored)
        _ = try Backfill(configuration: configuration, store: store, now: { 0 }).run(.init(inputs: [Self.log]))
        #expect(try store.windows(model: "fraud").count == 24)
        #expect(try store.decisions().isEmpty)
        return (store, configuration)
    }

    static func key(_ hour: Int) -> StoredWindowKey {
        StoredWindowKey(model: "fraud", version: "3.2.1", startMs: start + Int64(hour) * Self.hour)
    }

    static let verdicts = Array(repeating: "ok", count: 13) + Array(repeating: "retrain", count: 11)
    static let actions = (0..<24).map { $0 == 13 ? "backtest" : "none" }

    @Test func aBackfillReRunOverIngestedInputsDecidesTheStoredWindowsInOrder() throws {
        let directory = ScratchDirectory(prefix: "catch-up")
        let (store, configuration) = try Self.undecided(directory)
        var backfill = Backfill(configuration: configuration, store: store, now: { 0 })
        backfill.decisions = (DecisionEngine(configuration: configuration, sleep: { _ in }), .backtest)
        let reports = try backfill.run(.init(inputs: [Self.log]))
        #expect(reports.map(\.alreadyIngested) == [true], "nothing new is read; the windows are only decided")
        let decisions = try store.decisions()
        #expect(decisions.map(\.windowStartMs) == (0..<24).map { Self.key($0).startMs })
        #expect(decisions.map(\.verdict) == Self.verdicts)
        #expect(decisions.map(\.action) == Self.actions)
        // A backtest decides each window at its close: its end plus the 10 min lateness.
        #expect(decisions.map(\.decidedMs) == (0..<24).map { Self.start + Int64($0 + 1) * Self.hour + Self.lateness })
        let episodes = Set(decisions.compactMap(\.episodeId))
        #expect(episodes.count == 1)
        // Once decided, another run decides nothing.
        _ = try backfill.run(.init(inputs: [Self.log]))
        #expect(try store.decisions().count == 24)
    }

    @Test func aBacktestDecidesTheUndecidedWindowsBeforeTheClosedOneAndNoneAfter() throws {
        let directory = ScratchDirectory(prefix: "catch-up")
        let (store, configuration) = try Self.undecided(directory)
        let engine = DecisionEngine(configuration: configuration, sleep: { _ in })
        let decided = try engine.evaluate(closedWindows: [Self.key(15)], store: store, now: 0, mode: .backtest)
        #expect(decided.map(\.windowStartMs) == (0...15).map { Self.key($0).startMs })
        #expect(decided.map(\.verdict) == Array(Self.verdicts.prefix(16)))
        #expect(decided.map(\.action) == Array(Self.actions.prefix(16)))
        #expect(try store.undecidedWindows(mode: "backtest").map(\.startMs) == (16..<24).map { Self.key($0).startMs })
    }

    @Test func fireModeDecidesOnlyTheNewestWindowAndNeverCatchesUp() throws {
        let directory = ScratchDirectory(prefix: "catch-up")
        let (store, configuration) = try Self.undecided(directory)
        let engine = DecisionEngine(configuration: configuration, sleep: { _ in })
        let now = Self.start + 25 * Self.hour
        let decided = try engine.evaluate(closedWindows: [Self.key(23)], store: store, now: now, mode: .fire)
        // Hours 21–23 drift: 3 of 3 → retrain, the first of its episode in fire mode.
        #expect(decided.map(\.windowStartMs) == [Self.key(23).startMs])
        #expect(decided.map(\.verdict) == ["retrain"] && decided.map(\.action) == ["fired"])
        #expect(try engine.decideUndecided(store: store, now: now, mode: .fire).isEmpty)
        #expect(try store.decisions().count == 1)
        #expect(try store.undecidedWindows(mode: "fire").count == 23)
    }
}
