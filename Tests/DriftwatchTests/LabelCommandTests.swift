import DriftTestSupport
import Foundation
import Testing

/// Delayed labels through the binary: `backfill predictions`, then `backfill --labels` revises
/// the earlier windows' performance in `report --format json`; a baseline built from those
/// labelled windows calibrates the estimates of a later, unlabelled version.
struct LabelCommandTests {
    static let start = 1_793_491_200  // 2026-11-01T00:00:00Z, epoch seconds

    /// 240 predictions a minute apart over 4 hours with a seeded label drawn with P(y = 1) = score.
    static func rows(seed: UInt64, version: String, offset: Int = 0, shift: Double = 0)
        -> [(line: String, id: String, score: Double, label: Int)]
    {
        var sampler = Sampler(seed: seed)
        return (0..<240).map { i in
            let x = sampler.normal(mean: shift, sd: 1)
            let score = ((1 / (1 + exp(-(2 * x)))) * 1000).rounded() / 1000
            let label = sampler.uniform() < score ? 1 : 0
            let id = "\(version)-\(i)"
            let line =
                "{\"ts\":\(Self.start + offset + i * 60),\"model\":\"m\",\"version\":\"\(version)\",\"id\":\"\(id)\","
                + "\"features\":{\"x\":\(x)},\"prediction\":\(score)}"
            return (line, id, score, label)
        }
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func windows(_ directory: ScratchDirectory) throws -> [[String: Any]] {
        let report = try DriftwatchProcess.run(["report", "--state", "s.db", "--format", "json"], in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        return try #require(try json(report.stdout)["windows"] as? [[String: Any]])
    }

    @Test func labelsBackfilledLaterReviseTheEarlierWindows() throws {
        let directory = ScratchDirectory(prefix: "labels")
        let rows = Self.rows(seed: 3, version: "1")
        try (rows.map(\.line).joined(separator: "\n") + "\n").write(
            toFile: directory.file("predictions.jsonl"), atomically: true, encoding: .utf8)
        try (rows.reversed().map { "{\"id\":\"\($0.id)\",\"label\":\($0.label)}" }.joined(separator: "\n") + "\n")
            .write(toFile: directory.file("labels.jsonl"), atomically: true, encoding: .utf8)

        let predictions = try DriftwatchProcess.run(
            ["backfill", "--state", "s.db", "predictions.jsonl"], in: directory)
        #expect(predictions.status == 0, "\(predictions.stderr)")
        let before = try windows(directory)
        #expect(before.count == 4)
        for window in before {
            let performance = try #require(window["performance"] as? [String: Any])
            #expect(performance["labeled_rows"] as? Int == 0)
            #expect(performance["accuracy"] is NSNull)
            #expect(window["label_revision"] as? Int == 0)
        }

        let labels = try DriftwatchProcess.run(
            ["backfill", "--state", "s.db", "--labels", "labels.jsonl"], in: directory)
        #expect(labels.status == 0, "\(labels.stderr)")
        #expect(labels.stdout.hasPrefix("labels.jsonl: 240 lines, 240 labels: 240 joined; 4 windows revised\n"))
        let after = try windows(directory)
        for (hour, window) in after.enumerated() {
            let slice = rows[(hour * 60)..<(hour * 60 + 60)]
            let correct = slice.filter { ($0.score >= 0.5 ? 1 : 0) == $0.label }.count
            let performance = try #require(window["performance"] as? [String: Any])
            #expect(performance["labeled_rows"] as? Int == 60)
            let accuracy = try #require(performance["accuracy"] as? Double)
            #expect(abs(accuracy - Double(correct) / 60) < 1e-12, "hour \(hour)")
            #expect(performance["label_coverage"] as? Double == 1)
            #expect(window["label_revision"] as? Int == 1)
            let label = try #require(window["label"] as? [String: Any])
            #expect(label["name"] as? String == "@label")
        }

        // A baseline from the labelled windows calibrates the estimate of version 2, which has no labels.
        let baseline = try DriftwatchProcess.run(
            [
                "baseline", "create", "--state", "s.db", "--model", "m", "--from-windows",
                "2026-11-01T00:00:00Z..2026-11-02T00:00:00Z", "--out", "m.json",
            ], in: directory)
        #expect(baseline.status == 0, "\(baseline.stderr)")
        let next = Self.rows(seed: 4, version: "2", offset: 86_400, shift: 0.5)
        try (next.map(\.line).joined(separator: "\n") + "\n").write(
            toFile: directory.file("v2.jsonl"), atomically: true, encoding: .utf8)
        #expect(try DriftwatchProcess.run(["backfill", "--state", "s.db", "v2.jsonl"], in: directory).status == 0)
        let versionTwo = try windows(directory).filter { $0["version"] as? String == "2" }
        #expect(versionTwo.count == 4)
        for window in versionTwo {
            let estimated = try #require(window["estimated"] as? [String: Any])
            #expect(estimated["rows"] as? Double == 60)
            #expect(estimated["baseline_labeled_rows"] as? Int == 240)
            let accuracy = try #require(estimated["accuracy"] as? [String: Any])
            let value = try #require(accuracy["value"] as? Double)
            let std = try #require(accuracy["std"] as? Double)
            #expect(value > 0.5 && value < 1 && std > 0 && std < 0.2)
            #expect((try #require(window["performance"] as? [String: Any]))["labeled_rows"] as? Int == 0)
        }

        let status = try DriftwatchProcess.run(["status", "--state", "s.db", "--format", "json"], in: directory)
        #expect(status.status == 0, "\(status.stderr)")
        let statusLabels = try #require(try json(status.stdout)["labels"] as? [String: Any])
        #expect(statusLabels["pending_predictions"] as? Int == 240)
        #expect((statusLabels["counts"] as? [String: Any])?["joined"] as? Int == 240)
        // Versions side by side.
        let models = try #require(
            try json(
                try DriftwatchProcess.run(["report", "--state", "s.db", "--format", "json"], in: directory).stdout)[
                    "models"] as? [[String: Any]])
        let perVersion = try #require(models.first?["per_version"] as? [[String: Any]])
        #expect(perVersion.map { $0["version"] as? String } == ["1", "2"])
    }
}
