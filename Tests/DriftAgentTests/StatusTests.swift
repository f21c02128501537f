import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Testing

/// `status` and `check --state` read back from a backfilled store.
struct StatusTests {
    @Test func statusShowsTheLastWindowBaselineAndCounters() throws {
        let scenario = try ReportScenario()
        let status = try StatusBuilder.build(store: scenario.store, configuration: scenario.configuration)
        try #require(status.streams.count == 1)
        let stream = status.streams[0]
        #expect(stream.model == "m" && stream.version == "1")
        #expect(stream.windows == 3)
        #expect(stream.rows == Int64(scenario.hours.map(\.count).reduce(0, +)))
        #expect(stream.last?.startMs == ReportScenario.start + 2 * ReportScenario.hour)
        #expect(stream.last?.drift == true)
        #expect(stream.baseline?.sha256 == String(repeating: "ab", count: 32))
        let lines = Int64(scenario.hours.map(\.count).reduce(0, +) + 3)
        #expect(status.counters.totalLines == lines)
        #expect(status.counters.badLines == 3)
        #expect(status.files == 1)
        let text = StatusRenderer.text(status, statePath: "s.db")
        #expect(text.contains("baseline: sha256 abababababab"))
        #expect(text.contains("ingested: 1 files, \(lines) lines, 3 bad lines (invalid_json 2, missing_timestamp 1)"))
    }

    @Test func stateCheckDecodesEveryProfileAndNamesTheFirstCorruptOne() throws {
        let scenario = try ReportScenario()
        let summary = try StateCheck.run(store: scenario.store)
        let lines = Int64(scenario.hours.map(\.count).reduce(0, +) + 3)  // every row, and 3 bad lines
        #expect(
            summary
                == StateCheck.Summary(
                    models: 1, windows: 3, baselines: 1, counters: .init(files: 1, lines: lines, badLines: 3)))
        let start = ReportScenario.start + ReportScenario.hour
        var window = try #require(try scenario.store.window(model: "m", version: "1", start: start))
        window.profile = Array(window.profile.prefix(20))
        try scenario.store.commit(WindowBatch(windows: [window]))
        #expect {
            try StateCheck.run(store: scenario.store)
        } throws: { error in
            guard case .corruptWindow(let model, let version, let corruptStart, _) = error as? AgentError else {
                return false
            }
            return model == "m" && version == "1" && corruptStart == start
        }
    }
}
