import DriftAgent
import DriftCore
import DriftIngest
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// The report's decision timeline, budget and estimated performance (``DecisionReportScenario``):
/// the JSON report states what the scenario did (hand-worked from its guardrail settings), and the
/// HTML page plots exactly the JSON's values.
struct ReportDecisionsTests {
    static func time(_ text: Any?) -> Double {
        Double(Timestamp.milliseconds(rfc3339: text as? String ?? "") ?? .min)
    }

    @Test func jsonReportHoldsTheDecisionsJobsAndBudgetThatHappened() throws {
        let scenario = try DecisionReportScenario()
        let rendered = try ReportHTMLTests.Rendered(
            store: scenario.store, configuration: scenario.configuration, model: DecisionReportScenario.model)
        let decisions = try #require(rendered.root["decisions"] as? [[String: Any]])
        // Oracle: the planted drift (hours 12–23) held 2 of 3 windows from hour 13; the budget of 3
        // denies a retrain of 4 at hours 13 and 14; the budget of 10 admits it at hour 15.
        #expect(decisions.count == 24)
        #expect(
            decisions.map { $0["verdict"] as? String } == Array(repeating: "ok", count: 13)
                + Array(repeating: "retrain", count: 11))
        let actions = decisions.map { $0["action"] as? String ?? "" }
        #expect(
            actions == Array(repeating: "none", count: 13) + ["denied", "denied", "fired"]
                + Array(repeating: "none", count: 8))
        for (hour, decision) in decisions.enumerated() {
            #expect(
                Self.time(decision["window_start"])
                    == Double(DecisionReportScenario.start + Int64(hour) * DecisionReportScenario.hour))
            #expect(Self.time(decision["decided_at"]) == Double(DecisionReportScenario.close(hour)))
            #expect(decision["denied_by"] as? [String] == (hour == 13 || hour == 14 ? ["budget_day"] : []))
            #expect((decision["jobs"] as? [Any])?.count == (hour == 15 ? 1 : 0), "hour \(hour)")
            #expect(decision["mode"] as? String == "fire")
        }
        let job = try #require((decisions[15]["jobs"] as? [[String: Any]])?.first)
        #expect(job["job_id"] as? String == scenario.jobID)
        #expect(job["status"] as? String == "succeeded")
        #expect(job["estimate"] as? Double == 4 && job["cost"] as? Double == 3.5)
        #expect(Self.time(job["started_at"]) == Double(DecisionReportScenario.close(15)))
        #expect(Self.time(job["finished_at"]) == Double(DecisionReportScenario.close(17)))
        #expect(job["model_version"] as? String == "3.3.0")

        let model = try #require((rendered.root["models"] as? [[String: Any]])?.first)
        let budget = try #require(model["budget"] as? [String: Any])
        #expect(budget["cost_estimate"] as? Double == 4 && budget["daily_budget"] as? Double == 10)
        #expect(budget["monthly_budget"] is NSNull)
        #expect(budget["denials"] as? [String: Int] == ["budget_day": 2])
        // Hours 13–15 were weighed on 2026-11-01; the one job (settled at 3.5) started then too.
        let periods = try #require(budget["periods"] as? [[String: Any]])
        #expect(periods.map { $0["period"] as? String } == ["day", "month"])
        #expect(periods.map { $0["start"] as? String } == ["2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z"])
        #expect(periods.map { $0["end"] as? String } == ["2026-11-02T00:00:00Z", "2026-12-01T00:00:00Z"])
        #expect(periods.map { $0["spent"] as? Double } == [3.5, 3.5])
        #expect(periods.map { $0["reserved"] as? Double } == [0, 0])
        #expect(periods.map { $0["jobs"] as? Int } == [1, 1])
        #expect(periods[0]["budget"] as? Double == 10 && periods[1]["budget"] is NSNull)
    }

    @Test func decisionTimelineAndBudgetPlottedEqualTheJSONReport() throws {
        let scenario = try DecisionReportScenario()
        let rendered = try ReportHTMLTests.Rendered(
            store: scenario.store, configuration: scenario.configuration, model: DecisionReportScenario.model)
        let decisions = try #require(rendered.root["decisions"] as? [[String: Any]])
        let svg = try #require(rendered.scan.all("svg").first { $0["class"] == "timeline" })
        let plot = try #require(HTMLReportScan.Plot(svg))
        let marks = rendered.scan.all("rect").filter { $0["data-action"] != nil }
        #expect(marks.count == decisions.count)
        for mark in marks {
            let decision = try #require(
                decisions.first { ($0["id"] as? Int).map(Double.init) == mark.number("data-decision") })
            let verdict = decision["verdict"] as? String ?? ""
            let action = decision["action"] as? String ?? ""
            #expect(mark["data-decision-verdict"] == verdict && mark["data-action"] == action)
            // Hours 16–23 continue the episode whose retrain fired at hour 15: short, outlined marks.
            let hour = Int((Self.time(decision["window_start"]) - Double(DecisionReportScenario.start)) / 3_600_000)
            let continuing = (16...23).contains(hour)
            #expect(
                mark["class"] == "m-" + (action == "denied" ? "denied" : verdict) + (continuing ? " continuing" : ""))
            #expect(mark.number("height") == (continuing ? 14 : 22), "hour \(hour)")
            // The mark spans the window (a 1-px gap split between its ends).
            let x = mark.number("x") ?? .nan
            let width = mark.number("width") ?? .nan
            #expect(abs(plot.x(x - 0.5) - Self.time(decision["window_start"])) <= 2 * plot.xTolerance)
            #expect(abs(plot.x(x + width + 0.5) - Self.time(decision["window_end"])) <= 2 * plot.xTolerance)
        }
        let jobs = rendered.scan.all("rect").filter { $0["data-job"] != nil }
        let jsonJobs = decisions.flatMap { decision in
            (decision["jobs"] as? [[String: Any]] ?? []).map { (decision["id"] as? Int ?? 0, $0) }
        }
        #expect(jobs.map { $0["data-job"] } == jsonJobs.map { $0.1["job_id"] as? String })
        #expect(jobs.map { $0["data-status"] } == jsonJobs.map { $0.1["status"] as? String })
        #expect(jobs.map { $0.number("data-decision") } == jsonJobs.map { Double($0.0) })
        #expect(jobs.allSatisfy { $0["class"] == "m-succeeded" })

        // Budget bars: attributes and bar heights map back to the JSON ledger.
        let model = try #require((rendered.root["models"] as? [[String: Any]])?.first)
        let periods = try #require((model["budget"] as? [String: Any])?["periods"] as? [[String: Any]])
        let figures = rendered.scan.all("figure", ["class": "budget"])
        #expect(figures.map { $0["data-period"] } == ["day", "month"])
        var drawn = 0
        for figure in figures {
            let inside = rendered.scan.inside(figure)
            let chartSVG = try #require(inside.first { $0.name == "svg" })
            let chart = try #require(HTMLReportScan.Plot(chartSVG))
            for group in inside.filter({ $0.name == "g" && $0["class"] == "period" }) {
                let period = try #require(
                    periods.first {
                        $0["period"] as? String == figure["data-period"]
                            && Self.time($0["start"]) == group.number("data-start")
                    })
                let spent = period["spent"] as? Double ?? .nan
                let reserved = period["reserved"] as? Double ?? .nan
                #expect(group.number("data-spent") == spent && group.number("data-reserved") == reserved)
                let bars = rendered.scan.inside(group).prefix { $0.name != "g" }
                let spentBar = try #require(bars.first { $0["class"] == "bar-spent" })
                let top = spentBar.number("y") ?? .nan
                #expect(abs(chart.y(top) - spent) <= 2 * chart.yTolerance)
                #expect(abs(chart.y(top + (spentBar.number("height") ?? .nan))) <= 2 * chart.yTolerance)
                if let budget = period["budget"] as? Double {
                    let line = try #require(bars.first { $0["data-series"] == "budget" })
                    let y = try #require(HTMLReportScan.runs(line["d"] ?? "").first?.first?.y)
                    #expect(abs(chart.y(y) - budget) <= chart.yTolerance)
                }
                drawn += 1
            }
        }
        #expect(drawn == periods.count)
    }

    @Test func realisedAndEstimatedPerformancePlottedEqualTheJSONReport() throws {
        let scenario = try DecisionReportScenario()
        let rendered = try ReportHTMLTests.Rendered(
            store: scenario.store, configuration: scenario.configuration, model: DecisionReportScenario.model)
        for metric in ["accuracy", "auc"] {
            let figure = try #require(
                rendered.scan.all("figure", ["class": "performance", "data-metric": metric]).first)
            let svg = try #require(rendered.scan.inside(figure).first { $0.name == "svg" })
            func estimate(_ window: [String: Any]) -> (value: Double, std: Double)? {
                guard let figure = (window["estimated"] as? [String: Any])?[metric] as? [String: Any],
                    let value = figure["value"] as? Double, let std = figure["std"] as? Double
                else { return nil }
                return (value, std)
            }
            #expect(rendered.json.count { estimate($0) != nil } == 24, "the demo estimates every window")
            try ReportHTMLTests.checkSeries(rendered, svg: svg, series: metric, what: metric) {
                ($0["performance"] as? [String: Any])?[metric] as? Double
            }
            try ReportHTMLTests.checkSeries(
                rendered, svg: svg, series: "estimated-\(metric)", what: "estimated \(metric)"
            ) {
                estimate($0)?.value
            }
            // The band: per run the upper edge left to right, then the lower edge back.
            let plot = try #require(HTMLReportScan.Plot(svg))
            let band = try #require(rendered.scan.inside(svg).first { $0["data-series"] == "estimated-\(metric)-band" })
            let runs = HTMLReportScan.runs((band["d"] ?? "").replacingOccurrences(of: "Z", with: ""))
            #expect(runs.count == 1 && runs[0].count == 48)
            let points = runs.first ?? []
            for index in 0..<min(24, points.count / 2) {
                let upper = points[index]
                let lower = points[points.count - 1 - index]
                let window = try #require(rendered.jsonWindow(containing: plot.x(upper.x)))
                let (value, std) = try #require(estimate(window))
                #expect(abs(plot.x(upper.x) - plot.x(lower.x)) <= 2 * plot.xTolerance)
                #expect(abs(plot.y(upper.y) - min(1, value + 2 * std)) <= plot.yTolerance, "\(metric) upper")
                #expect(abs(plot.y(lower.y) - max(0, value - 2 * std)) <= plot.yTolerance, "\(metric) lower")
            }
        }
    }
}
