import DriftAgent
import DriftCore
import DriftStore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The bundled demo end to end through the engine: baseline from the training sample, backfill of
/// the day of predictions, and the verdicts the generator script planted (Scripts/make_demo_fixtures.py:
/// `amount`, `country` and `session_seconds` drift from hour 12; the rest stay stable).
struct DemoPipelineTests {
    static let root: String = {
        let path = String(#filePath)
        guard let range = path.firstRange(of: "/Tests/") else { return "." }
        return String(path[..<range.lowerBound])
    }()

    static func temporaryPath(_ name: String) -> String {
        let directory = "/tmp/driftwatch-tests-\(getpid())"
        mkdir(directory, 0o700)
        return "\(directory)/\(name)-\(UInt64.random(in: 0...UInt64.max)).db"
    }

    @Test func demoDriftIsFoundExactlyWherePlanted() throws {
        let config = try ConfigurationLoader.load(path: "\(Self.root)/Fixtures/demo.toml")
        let store = try Store(path: Self.temporaryPath("demo"))
        let built = try BaselineBuilder.build(
            configuration: config, model: "fraud", version: nil, inputs: ["\(Self.root)/Fixtures/demo/train.jsonl"],
            createdMs: 0)
        #expect(built.lines == 8000)
        #expect(built.baseline.profile.rows == 8000)
        #expect(built.exactEdges)
        try store.saveBaseline(built.baseline.stored)

        let backfill = Backfill(configuration: config, store: store, now: { 0 })
        let reports = try backfill.run(Backfill.Options(inputs: ["\(Self.root)/Fixtures/demo/predictions.jsonl"]))
        #expect(reports.count == 1)
        #expect(reports[0].counted == 24 * 800)
        #expect(reports[0].badLines.values.reduce(0, +) == 5)

        let windows = try store.windows(model: "fraud", since: nil, until: nil)
        #expect(windows.count == 24)
        #expect(windows.allSatisfy { $0.rows == 800 })
        let drifting: Set<String> = ["amount", "country", "session_seconds"]
        for (hour, window) in windows.enumerated() {
            let scores = try store.scores(model: "fraud", version: "3.2.1", start: window.key.startMs)
            let primary = scores.filter { $0.isPrimary && $0.feature != "@prediction" }
            #expect(primary.count == 7, "hour \(hour)")
            for score in primary {
                let expected = hour >= 12 && drifting.contains(score.feature) ? "drift" : "ok"
                #expect(
                    WindowScorer.verdictLabel(score.verdict) == expected,
                    "hour \(hour) \(score.feature) psi \(score.value) \(score.verdict)")
            }
        }

        // Idempotent: a second run over the same file adds nothing.
        let again = try backfill.run(Backfill.Options(inputs: ["\(Self.root)/Fixtures/demo/predictions.jsonl"]))
        #expect(again[0].counted == 0)
        #expect(try store.windows(model: "fraud", since: nil, until: nil).map(\.rows) == windows.map(\.rows))
    }
}
