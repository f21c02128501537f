import DriftAgent
import DriftCore
import DriftIngest
import DriftStore
import DriftTestSupport
import Foundation

/// The bundled demo with learned thresholds, an accuracy floor, labels that arrive late for six
/// hours, and two scoring horizons: what the HTML report's horizons, threshold sources and
/// superseded decisions are checked on.
///
/// The demo's `[thresholds] psi = 0.1` is dropped and `learned_thresholds = true` set, so each
/// feature's PSI threshold is learned from `demo/train.jsonl` except `session_seconds` (its override
/// says 0.1: `config`) and `device` (opts out: `default`). Decisions are backtested with
/// `floor_metric = "accuracy"`, `min_labeled_rows = 30`. The inline labels of hours 9–14 are held
/// back and backfilled afterwards: those six windows were decided on the estimate, and their
/// labels (about 240 an hour) now judge realised accuracy, so each is decided again, superseding
/// its first decision.
final class RevisionReportScenario {
    static let model = "fraud"
    static let start: Int64 = Timestamp.milliseconds(rfc3339: "2026-11-01T00:00:00Z") ?? 0
    static let hour: Int64 = 3_600_000
    /// The hours whose labels arrive late.
    static let lateHours = 9...14

    let directory = ScratchDirectory(prefix: "report-revisions")
    let store: Store
    let configuration: Configuration
    /// The report with the `6h` and `24h` horizons.
    let report: Report

    init() throws {
        let root = DemoPipelineTests.root
        var demo = try String(contentsOfFile: "\(root)/Fixtures/demo.toml", encoding: .utf8)
        demo = demo.replacingOccurrences(of: "[models.fraud.thresholds]\npsi = 0.1\n", with: "")
        demo = demo.replacingOccurrences(
            of: "sources = [\"Fixtures/demo/*.jsonl\"]\n",
            with: "sources = [\"Fixtures/demo/*.jsonl\"]\nlearned_thresholds = true\n")
        demo +=
            "\n[models.fraud.overrides.device]\nlearned_thresholds = false\n\n[models.fraud.policy]\n"
            + "floor_metric = \"accuracy\"\nfloor = 0.6\nmin_labeled_rows = 30\n"
        var parsed = try ConfigurationLoader.parse(text: demo, path: "revisions.toml")
        parsed.baselinesDirectory = "\(root)/\(parsed.baselinesDirectory)"
        configuration = parsed
        store = try Store(path: directory.file("state.db"))
        let baseline = try BaselineBuilder.build(
            configuration: configuration, model: Self.model, version: nil,
            inputs: ["\(root)/Fixtures/demo/train.jsonl"],
            createdMs: 0, learning: .init())
        try store.saveBaseline(baseline.baseline.stored)

        // Hold back the inline labels of the late hours: the predictions keep their ids.
        let lines = try String(contentsOfFile: "\(root)/Fixtures/demo/predictions.jsonl", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        var predictions: [String] = []
        var labels: [String] = []
        let label = try NSRegularExpression(pattern: ",\"label\":([01])\\}$")
        let id = try NSRegularExpression(pattern: "\"id\":\"([^\"]+)\"")
        for line in lines {
            let range = NSRange(line.startIndex..., in: line)
            let late = Self.lateHours.contains { line.hasPrefix("{\"ts\":\"2026-11-01T\(Self.twoDigits($0)):") }
            guard late, let match = label.firstMatch(in: line, range: range),
                let idMatch = id.firstMatch(in: line, range: range)
            else {
                predictions.append(line)
                continue
            }
            let text = line as NSString
            predictions.append(text.replacingCharacters(in: match.range, with: "}"))
            labels.append(
                "{\"id\":\"\(text.substring(with: idMatch.range(at: 1)))\",\"label\":\(text.substring(with: match.range(at: 1)))}"
            )
        }
        let predictionsPath = directory.write(predictions.joined(separator: "\n") + "\n", to: "predictions.jsonl")
        let labelsPath = directory.write(labels.joined(separator: "\n") + "\n", to: "labels.jsonl")
        var backfill = Backfill(configuration: configuration, store: store, now: { 0 })
        backfill.decisions = (DecisionEngine(configuration: configuration, sleep: { _ in }), .backtest)
        _ = try backfill.run(.init(inputs: [predictionsPath]))
        var late = Backfill.Options(inputs: [])
        late.labels = [labelsPath]
        _ = try backfill.run(late)

        var report = try ReportBuilder.build(store: store, configuration: configuration)
        report.horizons = try ReportBuilder.horizons(
            store: store, configuration: configuration,
            lengths: [
                .init(label: "6h", milliseconds: 6 * Self.hour), .init(label: "24h", milliseconds: 24 * Self.hour),
            ],
            model: Self.model)
        self.report = report
    }

    static func twoDigits(_ hour: Int) -> String { hour < 10 ? "0\(hour)" : "\(hour)" }
}
