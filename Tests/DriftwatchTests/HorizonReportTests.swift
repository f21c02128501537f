import DriftTestSupport
import Foundation
import Testing

/// `report --horizon`: four hourly windows merged over a 4 h horizon must equal one 4 h window
/// backfilled from the same lines into a second state file (drift statistics on exact baseline
/// bins), and the merged performance must equal accuracy and AUC computed here from the lines
/// themselves (inline labels and delayed ones).
struct HorizonReportTests {
    static let start = 1_793_491_200  // 2026-11-01T00:00:00Z, epoch seconds

    struct Row {
        var score: Double
        var label: Int
    }

    /// Scores have two decimals, so no two distinct scores share one of the 1,000 AUC bins.
    static func score(_ x: Double) -> Double { ((1 / (1 + exp(-(2 * x)))) * 100).rounded() / 100 }

    /// Accuracy at 0.5 and the Mann–Whitney AUC (ties ½) of `rows`, by brute force.
    static func oracle(_ rows: ArraySlice<Row>) -> (accuracy: Double, auc: Double) {
        let correct = rows.filter { ($0.score >= 0.5 ? 1 : 0) == $0.label }.count
        let positives = rows.filter { $0.label == 1 }.map(\.score)
        let negatives = rows.filter { $0.label == 0 }.map(\.score)
        var wins = 0.0
        for p in positives {
            for n in negatives { wins += p > n ? 1 : (p == n ? 0.5 : 0) }
        }
        return (Double(correct) / Double(rows.count), wins / Double(positives.count * negatives.count))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aMergedHorizonEqualsOneBigWindowAndTheExactPerformance() throws {
        let directory = ScratchDirectory(prefix: "horizon")
        var sampler = Sampler(seed: 21)
        var train: [String] = []
        var trainRows: [Row] = []
        for _ in 0..<2_000 {
            let x = sampler.normal(mean: 0, sd: 1)
            let row = Row(score: Self.score(x), label: sampler.uniform() < Self.score(x) ? 1 : 0)
            trainRows.append(row)
            train.append(
                "{\"model\":\"m\",\"features\":{\"x\":\(x)},\"prediction\":\(row.score),\"label\":\(row.label)}")
        }
        var lines: [String] = []
        var labels: [String] = []
        var rows: [Row] = []
        for i in 0..<600 {  // 150 rows an hour for 4 hours; every third label arrives late
            let x = sampler.normal(mean: 0.3, sd: 1.1)
            let row = Row(score: Self.score(x), label: sampler.uniform() < 0.8 * Self.score(x) + 0.1 ? 1 : 0)
            rows.append(row)
            let inline = i % 3 == 0 ? "" : ",\"label\":\(row.label)"
            lines.append(
                "{\"ts\":\(Self.start + i * 24),\"id\":\"r\(i)\",\"model\":\"m\",\"features\":{\"x\":\(x)},"
                    + "\"prediction\":\(row.score)\(inline)}")
            if i % 3 == 0 { labels.append("{\"id\":\"r\(i)\",\"label\":\(row.label)}") }
        }
        directory.write(train.joined(separator: "\n") + "\n", to: "train.jsonl")
        directory.write(lines.joined(separator: "\n") + "\n", to: "logs.jsonl")
        directory.write(labels.joined(separator: "\n") + "\n", to: "labels.jsonl")
        for (state, window) in [("hourly.db", "1h"), ("whole.db", "4h")] {
            let baseline = try DriftwatchProcess.run(
                [
                    "baseline", "create", "--state", state, "--model", "m", "--from", "train.jsonl", "--out",
                    "\(state).json",
                ], in: directory)
            #expect(baseline.status == 0, "\(baseline.stderr)")
            let backfill = try DriftwatchProcess.run(
                ["backfill", "--state", state, "--window", window, "logs.jsonl", "--labels", "labels.jsonl"],
                in: directory)
            #expect(backfill.status == 0, "\(backfill.stderr)")
        }
        let hourly = try DriftwatchProcess.run(
            ["report", "--state", "hourly.db", "--format", "json", "--horizon", "4h", "--horizon", "2h"], in: directory)
        #expect(hourly.status == 0, "\(hourly.stderr)")
        let horizons = try #require(try Self.json(hourly.stdout)["horizons"] as? [[String: Any]])
        #expect(horizons.map { $0["horizon"] as? String } == ["4h", "2h"])
        #expect(horizons.map { $0["windows"] as? Int } == [4, 2])
        #expect(horizons.map { $0["rows"] as? Int } == [600, 300])
        let whole = try DriftwatchProcess.run(["report", "--state", "whole.db", "--format", "json"], in: directory)
        let big = try #require((try Self.json(whole.stdout)["windows"] as? [[String: Any]])?.first)
        #expect(big["rows"] as? Int == 600)

        // Drift: the same statistics on exact baseline bins as one 4 h window.
        let merged = horizons[0]
        for (name, key) in [("x", "features"), ("@prediction", "prediction")] {
            let mergedFeature = try #require(
                key == "features"
                    ? (merged[key] as? [[String: Any]])?.first { $0["name"] as? String == name }
                    : merged[key] as? [String: Any])
            let bigFeature = try #require(
                key == "features"
                    ? (big[key] as? [[String: Any]])?.first { $0["name"] as? String == name }
                    : big[key] as? [String: Any])
            let a = try #require(mergedFeature["statistics"] as? [String: Any])
            let b = try #require(bigFeature["statistics"] as? [String: Any])
            let psi = try #require(a["psi"] as? Double)
            // `x` is counted in the baseline's bins (exact, merged or not); the prediction has no
            // baseline bins and is scored from its KLL sketch, whose merge agrees within its rank error.
            let tolerance = name == "x" ? 1e-12 : 0.02
            #expect(abs(psi - (try #require(b["psi"] as? Double))) < tolerance, "\(name) \(a) \(b)")
            #expect(
                ((mergedFeature["primary"] as? [String: Any])?["verdict"] as? String)
                    == ((bigFeature["primary"] as? [String: Any])?["verdict"] as? String))
        }

        // Performance: exact over the lines, inline and delayed labels together.
        for (index, slice) in [rows[0..<600], rows[300..<600]].enumerated() {
            let performance = try #require(horizons[index]["performance"] as? [String: Any])
            let (accuracy, auc) = Self.oracle(slice)
            #expect(performance["labeled_rows"] as? Int == slice.count)
            #expect(abs((try #require(performance["accuracy"] as? Double)) - accuracy) < 1e-12)
            #expect(abs((try #require(performance["auc"] as? Double)) - auc) < 1e-12)
        }
        let bigPerformance = try #require(big["performance"] as? [String: Any])
        let mergedPerformance = try #require(merged["performance"] as? [String: Any])
        for key in ["brier", "log_loss", "f1"] {
            let value = try #require(mergedPerformance[key] as? Double)
            #expect(abs(value - (try #require(bigPerformance[key] as? Double))) < 1e-12, "\(key)")
        }
        let baseline = try #require(merged["baseline_performance"] as? [String: Any])
        let (trainAccuracy, trainAUC) = Self.oracle(trainRows[...])
        #expect(abs((try #require(baseline["accuracy"] as? Double)) - trainAccuracy) < 1e-12)
        #expect(abs((try #require(baseline["auc"] as? Double)) - trainAUC) < 1e-12)
        // The estimate reads the merged prediction sketch: close to the one big window's.
        let estimated = try #require((merged["estimated"] as? [String: Any])?["accuracy"] as? [String: Any])
        let bigEstimated = try #require((big["estimated"] as? [String: Any])?["accuracy"] as? [String: Any])
        #expect(
            abs((try #require(estimated["value"] as? Double)) - (try #require(bigEstimated["value"] as? Double)))
                < 0.01)

        let table = try DriftwatchProcess.run(
            ["report", "--state", "hourly.db", "--horizon", "4h", "--no-color"], in: directory)
        #expect(table.stdout.contains("horizon 4h: m \"\"  2026-11-01T00:00:00Z .. 2026-11-01T04:00:00Z  4 windows"))
    }
}
