import DriftAgent
import DriftCore
import DriftIngest
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// The HTML report: what it plots equals the JSON report (or the raw log), user text is escaped,
/// and the page stays light.
struct ReportHTMLTests {
    /// The scenario's page and its JSON report, parsed.
    struct Rendered {
        var scenario: ReportScenario?
        var report: Report
        var scan: HTMLReportScan
        /// The JSON report's `windows`.
        var json: [[String: Any]]
        /// The whole JSON report.
        var root: [String: Any]
        var detail: Report.Window?

        init(windowStart: Int64? = nil) throws {
            let scenario = try ReportScenario()
            try self.init(
                store: scenario.store, configuration: scenario.configuration, model: ReportScenario.model,
                windowStart: windowStart)
            self.scenario = scenario
        }

        /// The page and JSON report of `model` in `store`.
        init(store: Store, configuration: Configuration, model: String, windowStart: Int64? = nil) throws {
            try self.init(
                report: try ReportBuilder.build(store: store, configuration: configuration), store: store, model: model,
                windowStart: windowStart)
        }

        /// The page and JSON report of `model` in `report`, built from `store`.
        init(report: Report, store: Store, model: String, windowStart: Int64? = nil) throws {
            let detail =
                windowStart.flatMap { start in report.windows.first { $0.startMs == start } }
                ?? ReportBuilder.detailWindow(of: report, model: model)
            let distributions = try detail.flatMap { try ReportBuilder.distributions(store: store, window: $0) }
            let page = ReportRenderer.html(report, model: model, detail: detail, distributions: distributions)
            let root = try JSONSerialization.jsonObject(with: Data(ReportRenderer.json(report).utf8)) as? [String: Any]
            self.report = report
            self.detail = detail
            scan = try HTMLReportScan(page)
            self.root = root ?? [:]
            json = root?["windows"] as? [[String: Any]] ?? []
        }

        /// JSON window start (epoch ms) → window object.
        func jsonWindow(startingAt milliseconds: Double) -> [String: Any]? {
            json.first {
                Timestamp.milliseconds(rfc3339: $0["start"] as? String ?? "").map { Double($0) } == milliseconds
            }
        }

        /// The JSON value at `path` (keys, and for `features` the feature name) of the window containing `x`.
        func jsonWindow(containing x: Double) -> [String: Any]? {
            json.first { window in
                guard let start = Timestamp.milliseconds(rfc3339: window["start"] as? String ?? ""),
                    let end = Timestamp.milliseconds(rfc3339: window["end"] as? String ?? "")
                else { return false }
                return Double(start) <= x && x < Double(end)
            }
        }
    }

    /// Maps every point of the `data-series` paths inside `container` back to data, checks its x is
    /// a window's middle and its y the JSON value `expected(window)`; every window with a value has a point.
    static func checkSeries(
        _ rendered: Rendered, svg: HTMLReportScan.Element, series: String, what: String,
        expected: ([String: Any]) -> Double?
    ) throws {
        let plot = try #require(HTMLReportScan.Plot(svg), "\(what): the svg states its maps")
        let paths = rendered.scan.inside(svg).filter { $0.name == "path" && $0["data-series"] == series }
        try #require(!paths.isEmpty, "\(what): a \(series) path")
        var plotted = 0
        for path in paths {
            for run in HTMLReportScan.runs(path["d"] ?? "") {
                for point in run {
                    let x = plot.x(point.x)
                    let window = try #require(rendered.jsonWindow(containing: x), "\(what): x \(x) is in a window")
                    let start = Double(Timestamp.milliseconds(rfc3339: window["start"] as? String ?? "") ?? 0)
                    let end = Double(Timestamp.milliseconds(rfc3339: window["end"] as? String ?? "") ?? 0)
                    #expect(abs(x - (start + end) / 2) <= plot.xTolerance, "\(what): point at the window's middle")
                    let value = try #require(
                        expected(window), "\(what): the JSON has a value at \(window["start"] ?? "")")
                    #expect(
                        abs(plot.y(point.y) - value) <= plot.yTolerance,
                        "\(what) at \(window["start"] ?? ""): plotted \(plot.y(point.y)), JSON \(value)")
                    plotted += 1
                }
            }
        }
        #expect(plotted == rendered.json.count { expected($0) != nil }, "\(what): one point per window with a value")
    }

    @Test func featureStatisticsPlottedEqualTheJSONReport() throws {
        let rendered = try Rendered()
        let figures = rendered.scan.all("figure", ["class": "feature"])
        #expect(figures.map { $0["data-feature"] ?? "" }.sorted() == ["@prediction", "c", "x"])
        for figure in figures {
            let name = try #require(figure["data-feature"])
            let svg = try #require(rendered.scan.inside(figure).first { $0.name == "svg" })
            #expect(svg["data-scale"] == "linear")
            try Self.checkSeries(rendered, svg: svg, series: "value", what: name) { window in
                let feature =
                    name == "@prediction"
                    ? window["prediction"] as? [String: Any]
                    : (window["features"] as? [[String: Any]])?.first { $0["name"] as? String == name }
                return (feature?["primary"] as? [String: Any])?["value"] as? Double
            }
            let threshold = try #require(rendered.scan.inside(figure).first { $0["data-series"] == "threshold" })
            #expect(threshold.number("data-threshold") == 0.1)
        }
    }

    @Test func featuresAreSortedBySeverityFromTheJSONValues() throws {
        let rendered = try Rendered()
        var severity: [String: Double] = [:]
        for window in rendered.json {
            let features =
                (window["features"] as? [[String: Any]] ?? []) + [window["prediction"] as? [String: Any] ?? [:]]
            for feature in features {
                guard let name = feature["name"] as? String, let primary = feature["primary"] as? [String: Any],
                    ["drift", "ok"].contains(primary["verdict"] as? String),
                    let value = primary["value"] as? Double, let threshold = primary["threshold"] as? Double
                else { continue }
                severity[name] = max(severity[name] ?? 0, value / threshold)
            }
        }
        // The prediction has no baseline in the scenario: never scored, so last.
        let order = rendered.scan.all("figure", ["class": "feature"]).compactMap { $0["data-feature"] }
        #expect(order == severity.keys.sorted { severity[$0] ?? 0 > severity[$1] ?? 0 } + ["@prediction"])
        for figure in rendered.scan.all("figure", ["class": "feature"]) {
            let name = figure["data-feature"] ?? ""
            let shown = figure.number("data-severity") ?? 0
            if let expected = severity[name] {
                #expect(abs(shown - expected) <= 1e-12, "\(name)")
            } else {
                #expect(shown.isNaN, "\(name) has no severity")
            }
        }
    }

    @Test func timelineVerdictsAndDriftShareEqualTheJSONReport() throws {
        let rendered = try Rendered()
        let marks = rendered.scan.elements.filter { $0.name == "rect" && $0["data-verdict"] != nil }
        #expect(marks.count == rendered.json.count)
        for mark in marks {
            let window = try #require(rendered.jsonWindow(startingAt: mark.number("data-start") ?? .nan))
            #expect(mark["data-verdict"] == ((window["drift"] as? Bool ?? false) ? "drift" : "ok"))
            #expect(mark["class"] == "m-" + (mark["data-verdict"] ?? ""))
            #expect(mark.number("data-drift-share") == window["drift_share"] as? Double)
        }
        #expect(marks.map { $0["data-verdict"] ?? "" } == ["ok", "ok", "drift"])
        let svg = try #require(rendered.scan.all("svg").first { $0["class"] == "timeline" })
        try Self.checkSeries(rendered, svg: svg, series: "drift-share", what: "drift share") {
            $0["drift_share"] as? Double
        }
    }

    @Test func performancePlottedEqualsTheJSONReport() throws {
        let rendered = try Rendered()
        for metric in ["accuracy", "auc"] {
            let figure = try #require(
                rendered.scan.all("figure", ["class": "performance", "data-metric": metric]).first)
            let svg = try #require(rendered.scan.inside(figure).first { $0.name == "svg" && $0["data-x0"] != nil })
            try Self.checkSeries(rendered, svg: svg, series: metric, what: metric) {
                ($0["performance"] as? [String: Any])?[metric] as? Double
            }
        }
    }

    @Test func distributionsEqualExactSharesOfTheRawLog() throws {
        let rendered = try Rendered()
        let scenario = try #require(rendered.scenario)
        #expect(rendered.detail?.startMs == ReportScenario.start + 2 * ReportScenario.hour, "the latest drifted window")
        // Oracle: bins counted by hand over the raw values (left-closed bins of the baseline's edges).
        func binShares(_ values: [Double]) -> [Double] {
            var counts = Array(repeating: 0.0, count: scenario.edges.count + 1)
            for value in values { counts[scenario.edges.count { $0 <= value }] += 1 }
            return counts.map { $0 / Double(values.count) }
        }
        func categoryShares(_ values: [String]) -> [String: Double] {
            var shares: [String: Double] = ["(other)": 0, "(unseen)": 0]
            for name in ReportScenario.categories {
                shares[name] = Double(values.count { $0 == name }) / Double(values.count)
            }
            return shares
        }
        let expected: [String: (baseline: [Double], window: [Double])] = [
            "x": (binShares(scenario.baselineX), binShares(scenario.hours[2].map(\.x)))
        ]
        let figureX = try #require(rendered.scan.all("figure", ["class": "distribution", "data-feature": "x"]).first)
        try Self.checkBuckets(rendered.scan, figureX, horizontal: false) { index, _ in
            (expected["x"]?.baseline[index] ?? .nan, expected["x"]?.window[index] ?? .nan)
        }
        let baselineC = categoryShares(scenario.baselineC)
        let windowC = categoryShares(scenario.hours[2].map(\.c))
        let figureC = try #require(rendered.scan.all("figure", ["class": "distribution", "data-feature": "c"]).first)
        try Self.checkBuckets(rendered.scan, figureC, horizontal: true) { _, name in
            (baselineC[name] ?? .nan, windowC[name] ?? .nan)
        }
    }

    /// Each bucket's exact `data-*` shares equal the oracle, and its bars' lengths map back to them.
    static func checkBuckets(
        _ scan: HTMLReportScan, _ figure: HTMLReportScan.Element, horizontal: Bool,
        oracle: (Int, String) -> (baseline: Double, window: Double)
    ) throws {
        let inside = scan.inside(figure)
        let svg = try #require(inside.first { $0.name == "svg" })
        let plot = try #require(HTMLReportScan.Plot(svg))
        let buckets = inside.filter { $0.name == "g" && $0["class"] == "bucket" }
        try #require(!buckets.isEmpty)
        for (index, bucket) in buckets.enumerated() {
            let name = bucket["data-bucket"] ?? ""
            let (baseline, window) = oracle(index, name)
            #expect(abs((bucket.number("data-baseline") ?? .nan) - baseline) <= 1e-12, "\(name) baseline")
            #expect(abs((bucket.number("data-window") ?? .nan) - window) <= 1e-12, "\(name) window")
            let bars = scan.inside(bucket).prefix { !["g", "svg", "figure", "section"].contains($0.name) }
                .filter { $0.name == "rect" }
            for bar in bars {
                let share = bar["class"] == "bar-baseline" ? baseline : window
                let length: Double
                if horizontal {
                    length = plot.x(plot.px0 + (bar.number("width") ?? .nan))
                    #expect(abs(length - share) <= plot.xTolerance * 2, "\(name) \(bar["class"] ?? "") bar")
                } else {
                    let top = bar.number("y") ?? .nan
                    length = plot.y(top) - plot.y(top + (bar.number("height") ?? .nan))
                    #expect(abs(length - share) <= plot.yTolerance * 2, "\(name) \(bar["class"] ?? "") bar")
                }
            }
            #expect(bars.count == 2, "\(name): a window bar and a baseline outline")
        }
    }

    @Test func windowStartChoosesTheDetailedWindow() throws {
        let first = ReportScenario.start
        let rendered = try Rendered(windowStart: first)
        let section = try #require(rendered.scan.all("section").first { $0["id"] == "window" })
        #expect(section.number("data-start") == Double(first))
        // Hour 0 is not shifted: both sides near the baseline's shares.
        let figure = try #require(rendered.scan.all("figure", ["class": "distribution", "data-feature": "c"]).first)
        let buckets = rendered.scan.inside(figure).filter { $0["class"] == "bucket" }
        #expect(buckets.map { $0["data-bucket"] ?? "" } == ["A", "B", "C", "(other)", "(unseen)"])
    }
}
