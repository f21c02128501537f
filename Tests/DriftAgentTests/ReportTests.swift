import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// The report read back from a backfilled store, checked against values computed from the raw log.
struct ReportTests {
    @Test func windowsRowsAndBadLinesMatchTheLog() throws {
        let scenario = try ReportScenario()
        let report = try ReportBuilder.build(store: scenario.store, configuration: scenario.configuration)
        try #require(report.windows.count == 3)
        for (hour, window) in report.windows.enumerated() {
            #expect(window.model == "m" && window.version == "1")
            #expect(window.startMs == ReportScenario.start + Int64(hour) * ReportScenario.hour)
            #expect(window.endMs == window.startMs + ReportScenario.hour)
            #expect(window.rows == Int64(scenario.hours[hour].count), "hour \(hour)")
            #expect(window.features.map(\.name) == ["c", "x"])
        }
        #expect(report.windows[0].badLines.isEmpty)
        #expect(
            report.windows[1].badLines == [
                .init(reason: "invalid_json", count: 2), .init(reason: "missing_timestamp", count: 1),
            ])
        #expect(report.windows[2].badLines.isEmpty)
        #expect(scenario.reports.map(\.counted) == [Int64(scenario.hours.map(\.count).reduce(0, +))])
        #expect(report.models.count == 1)
        #expect(report.models.first?.windows == 3)
        #expect(report.models.first?.rows == Int64(scenario.hours.map(\.count).reduce(0, +)))
    }

    @Test func psiEqualsExactBinnedComputationAndDecidesTheFlags() throws {
        let scenario = try ReportScenario()
        let report = try ReportBuilder.build(store: scenario.store, configuration: scenario.configuration)
        try #require(report.windows.count == 3)
        for (hour, window) in report.windows.enumerated() {
            let x = try #require(window.features.first { $0.name == "x" })
            let c = try #require(window.features.first { $0.name == "c" })
            let numeric = scenario.expectedNumericPSI(hour: hour)
            let categorical = scenario.expectedCategoricalPSI(hour: hour)
            #expect(abs((x.statistic("psi") ?? .nan) - numeric) <= 1e-12 * max(1, numeric), "hour \(hour)")
            #expect(abs((c.statistic("psi") ?? .nan) - categorical) <= 1e-12 * max(1, categorical), "hour \(hour)")
            #expect(x.primary.statistic == "psi" && x.primary.threshold == 0.1)
            #expect(x.drift == (numeric >= 0.1), "hour \(hour): psi \(numeric)")
            #expect(c.drift == (categorical >= 0.1), "hour \(hour): psi \(categorical)")
            let drifted = [numeric, categorical].count { $0 >= 0.1 }
            #expect(window.driftedFeatures == drifted && window.scoredFeatures == 2)
            #expect(window.driftShare == Double(drifted) / 2)
            #expect(window.drift == (Double(drifted) / 2 >= 0.5))
            #expect(Set(x.statistics.map(\.test)).isSuperset(of: ["psi", "ks", "js", "hellinger", "wasserstein"]))
            #expect(
                Set(c.statistics.map(\.test)).isSuperset(of: [
                    "psi", "js", "hellinger", "linf", "chi2_p", "unseen_share",
                ]))
            #expect(x.pValues.map(\.test) == ["ks"])
            #expect(c.pValues.map(\.test) == ["chi2_p"])
        }
        // The known content: the shift is in hour 2 only.
        #expect(report.windows.map(\.drift) == [false, false, true])
        #expect(report.models.first?.driftedWindows == 1)
    }

    @Test func predictionWithoutBaselineIsInsufficientWithItsReason() throws {
        let scenario = try ReportScenario()
        let report = try ReportBuilder.build(store: scenario.store, configuration: scenario.configuration)
        let prediction = try #require(report.windows.first?.prediction)
        #expect(prediction.name == "@prediction")
        #expect(prediction.primary.verdict == "insufficient_data")
        #expect(prediction.primary.reason == "feature not in the baseline")
        #expect(!prediction.drift)
    }

    @Test func performanceEqualsCountsOverTheLabelledRows() throws {
        let scenario = try ReportScenario()
        let report = try ReportBuilder.build(store: scenario.store, configuration: scenario.configuration)
        for (hour, window) in report.windows.enumerated() {
            let rows = scenario.hours[hour]
            let correct = rows.count { ($0.prediction >= 0.5) == $0.label }
            let brier =
                rows.map { ($0.prediction - ($0.label ? 1 : 0)) * ($0.prediction - ($0.label ? 1 : 0)) }
                .reduce(0, +) / Double(rows.count)
            #expect(window.performance.labeledRows == UInt64(rows.count))
            #expect(window.performance.accuracy == Double(correct) / Double(rows.count), "hour \(hour)")
            #expect(abs((window.performance.brier ?? .nan) - brier) <= 1e-12, "hour \(hour)")
        }
    }

    @Test func filtersSelectWindowsByStartAndModel() throws {
        let scenario = try ReportScenario()
        let since = ReportScenario.start + ReportScenario.hour
        let middle = try ReportBuilder.build(
            store: scenario.store, configuration: scenario.configuration, since: since,
            until: since + ReportScenario.hour)
        #expect(middle.windows.map(\.startMs) == [since])
        let other = try ReportBuilder.build(store: scenario.store, configuration: scenario.configuration, model: "nope")
        #expect(other.windows.isEmpty && other.models.isEmpty)
    }

    @Test func jsonCarriesTheContractKeysAndValues() throws {
        let scenario = try ReportScenario()
        let report = try ReportBuilder.build(store: scenario.store, configuration: scenario.configuration)
        let text = ReportRenderer.json(report)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["schema_version"] as? Int == 1)
        #expect(root["generated_by"] as? String == "driftwatch")
        let windows = try #require(root["windows"] as? [[String: Any]])
        try #require(windows.count == 3)
        for key in ["model", "version", "start", "end", "rows", "bad_lines", "features", "drift", "drift_share"] {
            #expect(windows[0][key] != nil, "missing window key \(key)")
        }
        #expect(windows[0]["start"] as? String == "2026-11-01T00:00:00Z")
        #expect(windows[2]["end"] as? String == "2026-11-01T03:00:00Z")
        #expect((windows[1]["bad_lines"] as? [String: Int]) == ["invalid_json": 2, "missing_timestamp": 1])
        let features = try #require(windows[2]["features"] as? [[String: Any]])
        let x = try #require(features.first { $0["name"] as? String == "x" })
        #expect(x["kind"] as? String == "numeric")
        #expect(x["drift"] as? Bool == true)
        let statistics = try #require(x["statistics"] as? [String: Any])
        let psi = try #require(statistics["psi"] as? Double)
        #expect(abs(psi - scenario.expectedNumericPSI(hour: 2)) <= 1e-12)
        for key in ["psi", "ks", "js", "hellinger", "wasserstein"] { #expect(statistics[key] is Double, "\(key)") }
        let c = try #require(features.first { $0["name"] as? String == "c" })
        let categorical = try #require(c["statistics"] as? [String: Any])
        for key in ["psi", "js", "hellinger", "linf", "chi2_p", "unseen_share"] {
            #expect(categorical[key] is Double, "\(key)")
        }
        let performance = try #require(windows[0]["performance"] as? [String: Any])
        #expect(performance["labeled_rows"] as? Int == scenario.hours[0].count)
        // The prediction's NaN statistic is written as null.
        let prediction = try #require(windows[0]["prediction"] as? [String: Any])
        #expect((prediction["primary"] as? [String: Any])?["value"] is NSNull)
        #expect(ReportRenderer.json(report) == text, "rendering is deterministic")
    }

    @Test func tableMarksExactlyTheDriftedFeaturesAndWindows() throws {
        let scenario = try ReportScenario()
        let report = try ReportBuilder.build(store: scenario.store, configuration: scenario.configuration)
        let lines = ReportRenderer.table(report).split(separator: "\n")
        let marked = lines.filter { $0.contains(ReportRenderer.driftMarker) }
        let driftedFeatures = report.windows.reduce(0) { $0 + $1.driftedFeatures }
        let driftedWindows = report.windows.count(where: \.drift)
        #expect(marked.count == driftedFeatures + driftedWindows)
        #expect(lines.first?.hasPrefix("m 1  2026-11-01T00:00:00Z .. 2026-11-01T01:00:00Z  rows ") == true)
        #expect(lines.contains { $0.contains("bad lines 3 (invalid_json 2, missing_timestamp 1)") })
        #expect(ReportRenderer.table(Report(models: [], windows: [])).hasPrefix("no windows"))
    }

    @Test func fixedFormattingRoundsHalfAwayFromZero() {
        #expect(ReportRenderer.fixed(0.12345) == "0.1235")
        #expect(ReportRenderer.fixed(-0.5, digits: 0) == "-1")
        #expect(ReportRenderer.fixed(2, digits: 2) == "2.00")
        #expect(ReportRenderer.fixed(.nan) == "-")
        #expect(ReportRenderer.fixed(-0.00001) == "0.0000")
    }
}
