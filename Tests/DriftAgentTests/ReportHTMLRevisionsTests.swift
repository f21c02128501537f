import DriftAgent
import DriftCore
import DriftIngest
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// The HTML report's horizons, threshold sources and superseded decisions on
/// ``RevisionReportScenario``: every figure drawn maps back to `report --format json` of the same
/// store, and what the scenario did is stated from its construction.
struct ReportHTMLRevisionsTests {
    static func time(_ text: Any?) -> Double {
        Double(Timestamp.milliseconds(rfc3339: text as? String ?? "") ?? .min)
    }

    static func number(_ value: Any?) -> Double { (value as? Double) ?? (value as? Int).map(Double.init) ?? .nan }

    /// Equal within 4 ulps: Foundation's JSON reader may misround the last digit.
    static func same(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return a == b || abs(a - b) <= 4 * b.ulp
    }

    /// The text content of the first `<tag>` after `element` (tags inside removed).
    static func text(_ rendered: ReportHTMLTests.Rendered, after element: HTMLReportScan.Element, tag: String) -> String
    {
        let rest = (rendered.scan.html as NSString).substring(from: element.offset)
        guard let open = rest.range(of: "<\(tag)"),
            let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex)
        else { return "" }
        let inner = String(rest[open.upperBound..<close.lowerBound].drop { $0 != ">" }.dropFirst())
        return HTMLReportScan.unescape(inner.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression))
    }

    /// The threshold source the scenario's configuration gives each feature (docs/CONFIG.md
    /// "Which threshold applies").
    static func source(of feature: String) -> String {
        switch feature {
        case "session_seconds": "config"
        case "device": "default"
        default: "learned"
        }
    }

    static func rendered(_ scenario: RevisionReportScenario) throws -> ReportHTMLTests.Rendered {
        try ReportHTMLTests.Rendered(
            report: scenario.report, store: scenario.store, model: RevisionReportScenario.model)
    }

    /// One scenario (about 6 s to build in debug) for the three checks.
    @Test func horizonsThresholdSourcesAndSupersededDecisionsEqualTheJSONReport() throws {
        let rendered = try Self.rendered(try RevisionReportScenario())
        try checkHorizons(rendered)
        try checkSupersededDecisions(rendered)
        try checkThresholdSources(rendered)
    }

    private func checkHorizons(_ rendered: ReportHTMLTests.Rendered) throws {
        let horizons = try #require(rendered.root["horizons"] as? [[String: Any]])
        // The demo's 24 hourly windows: 6h merges hours 18–23, 24h all of them.
        #expect(horizons.map { $0["horizon"] as? String } == ["6h", "24h"])
        #expect(horizons.map { $0["windows"] as? Int } == [6, 24])
        let blocks = rendered.scan.all("div", ["class": "horizon"])
        #expect(blocks.map { $0["data-horizon"] } == ["6h", "24h"])
        #expect(rendered.scan.all("tr").compactMap { $0["data-horizon"] } == ["6h", "24h"])
        for (horizon, block) in zip(horizons, blocks) {
            let label = horizon["horizon"] as? String ?? ""
            #expect(block.number("data-windows") == Self.number(horizon["windows"]))
            #expect(block.number("data-rows") == Self.number(horizon["rows"]))
            #expect(block.number("data-drifted") == Self.number(horizon["drifted_features"]))
            #expect(block.number("data-scored") == Self.number(horizon["scored_features"]))
            #expect(block.number("data-drift-share") == Self.number(horizon["drift_share"]))
            #expect(block.number("data-start") == Self.time(horizon["start"]))
            #expect(block.number("data-end") == Self.time(horizon["end"]))
            try checkFeatures(rendered, horizon: horizon, label: label)
            try checkPerformance(rendered, horizon: horizon, label: label)
        }
    }

    private func checkFeatures(_ rendered: ReportHTMLTests.Rendered, horizon: [String: Any], label: String) throws {
        let figure = try #require(
            rendered.scan.all("figure", ["class": "horizon-features", "data-horizon": label]).first)
        let svg = try #require(rendered.scan.inside(figure).first { $0.name == "svg" })
        let plot = try #require(HTMLReportScan.Plot(svg))
        let features =
            (horizon["features"] as? [[String: Any]] ?? []) + [horizon["prediction"] as? [String: Any] ?? [:]]
        func primary(_ feature: [String: Any]) -> [String: Any] { feature["primary"] as? [String: Any] ?? [:] }
        // Every primary statistic here is PSI, so the ratio is value ÷ threshold; the 8 largest are drawn.
        #expect(features.allSatisfy { primary($0)["statistic"] as? String == "psi" })
        func ratio(_ feature: [String: Any]) -> Double {
            Self.number(primary(feature)["value"]) / Self.number(primary(feature)["threshold"])
        }
        let expected = features.sorted {
            (-ratio($0), $0["name"] as? String ?? "") < (-ratio($1), $1["name"] as? String ?? "")
        }
        let groups = rendered.scan.inside(figure).filter { $0.name == "g" && $0["class"] == "horizon-feature" }
        #expect(groups.map { $0["data-feature"] } == expected.prefix(8).map { $0["name"] as? String })
        for group in groups {
            let name = group["data-feature"] ?? ""
            let feature = try #require(features.first { $0["name"] as? String == name })
            let json = primary(feature)
            #expect(Self.same(group.number("data-value"), Self.number(json["value"])), "\(label) \(name)")
            #expect(Self.same(group.number("data-threshold"), Self.number(json["threshold"])), "\(label) \(name)")
            #expect(group["data-threshold-source"] == json["threshold_source"] as? String)
            #expect(group["data-threshold-source"] == Self.source(of: name), "\(label) \(name)")
            #expect(group["data-verdict"] == json["verdict"] as? String)
            let bar = try #require(rendered.scan.inside(group).first { $0.name == "rect" })
            #expect(bar["class"] == (feature["drift"] as? Bool == true ? "m-drift" : "m-ok"))
            let end = plot.x((bar.number("x") ?? .nan) + (bar.number("width") ?? .nan))
            #expect(abs(end - min(ratio(feature), plot.x1)) <= 2 * plot.xTolerance, "\(label) \(name) bar")
            let words = Self.text(rendered, after: group, tag: "text")
            #expect(words == name || words.hasPrefix(String(name.prefix(17))), "the row label names the feature")
        }
        // The threshold is the dashed line at 1×.
        let line = try #require(rendered.scan.inside(figure).first { $0["data-series"] == "threshold" })
        let x = try #require(
            HTMLReportScan.runs(line["d"]?.replacingOccurrences(of: "V", with: " ") ?? "").first?.first?.x)
        #expect(abs(plot.x(x) - 1) <= plot.xTolerance)
    }

    private func checkPerformance(_ rendered: ReportHTMLTests.Rendered, horizon: [String: Any], label: String) throws {
        let figure = try #require(
            rendered.scan.all("figure", ["class": "horizon-performance", "data-horizon": label]).first)
        let svg = try #require(rendered.scan.inside(figure).first { $0.name == "svg" })
        let plot = try #require(HTMLReportScan.Plot(svg))
        let performance = horizon["performance"] as? [String: Any] ?? [:]
        let baseline = horizon["baseline_performance"] as? [String: Any] ?? [:]
        let estimated = horizon["estimated"] as? [String: Any] ?? [:]
        #expect(Self.number(performance["labeled_rows"]) > 0 && Self.number(baseline["labeled_rows"]) > 0)
        for metric in ["accuracy", "auc"] {
            let estimate = estimated[metric] as? [String: Any] ?? [:]
            let expected = [
                "realised": Self.number(performance[metric]), "estimated": Self.number(estimate["value"]),
                "baseline": Self.number(baseline[metric]),
            ]
            for (series, value) in expected {
                #expect(value.isFinite, "\(label) \(metric) \(series) is in the JSON")
                let group = try #require(
                    rendered.scan.inside(figure).first {
                        $0["class"] == "horizon-performance-figure" && $0["data-metric"] == metric
                            && $0["data-series"] == series
                    })
                #expect(Self.same(group.number("data-value"), value))
                let marks = rendered.scan.inside(group).prefix { $0.name != "g" }
                let x: Double
                switch series {
                case "realised": x = try #require(marks.first { $0.name == "circle" }?.number("cx"))
                case "baseline":
                    x = try #require(marks.first { $0.name == "rect" }.map { ($0.number("x") ?? .nan) + 1.5 })
                default:
                    let diamond = try #require(marks.first { $0["class"] == "dot-estimated" })
                    x = try #require(HTMLReportScan.runs(diamond["d"] ?? "").first?.first?.x)
                    let std = Self.number(estimate["std"])
                    #expect(Self.same(group.number("data-std"), std))
                    let whisker = try #require(marks.first { $0["class"] == "whisker" })
                    let ends = (whisker["d"] ?? "").split { "MHv ".contains($0) }.compactMap { Double($0) }
                    #expect(abs(plot.x(ends[0]) - max(plot.x0, value - 2 * std)) <= plot.xTolerance)
                    #expect(abs(plot.x(ends[2]) - min(1, value + 2 * std)) <= plot.xTolerance)
                }
                #expect(abs(plot.x(x) - value) <= plot.xTolerance, "\(label) \(metric) \(series)")
            }
        }
    }

    /// Superseded decisions are faded in their own row and listed; continuing ones are short.
    private func checkSupersededDecisions(_ rendered: ReportHTMLTests.Rendered) throws {
        let decisions = try #require(rendered.root["decisions"] as? [[String: Any]])
        let superseded = decisions.filter { $0["superseded_by"] is Int }
        // Each late hour was decided on the estimate, then again on its realised accuracy.
        #expect(decisions.count == 24 + 6)
        #expect(
            superseded.map { Self.time($0["window_start"]) }
                == RevisionReportScenario.lateHours.map {
                    Double(RevisionReportScenario.start + Int64($0) * RevisionReportScenario.hour)
                })
        let rows = rendered.scan.all("g", ["class": "timeline-row"])
        // The backtest's retrains start (simulated) jobs: their row comes last.
        #expect(
            rows.map { $0["data-row"] } == [
                "window verdict", "decisions (backtest)", "superseded (backtest)", "jobs (backtest)",
            ])
        let current = rendered.scan.inside(rows[1]).filter { $0.name == "rect" && $0["data-action"] != nil }
        let faded = rendered.scan.inside(rows[2]).filter { $0.name == "rect" && $0["data-action"] != nil }
        #expect(current.count == 24 && faded.count == 6)
        for old in superseded {
            let id = try #require(old["id"] as? Int)
            let newID = try #require(old["superseded_by"] as? Int)
            let new = try #require(decisions.first { $0["id"] as? Int == newID })
            #expect(new["supersedes"] as? Int == id && new["revision"] as? Int == 1)
            let oldMark = try #require(faded.first { $0.number("data-decision") == Double(id) })
            #expect(oldMark["class"]?.split(separator: " ").contains("superseded") == true)
            #expect(oldMark.number("data-superseded-by") == Double(newID))
            #expect(Self.text(rendered, after: oldMark, tag: "title").contains("superseded by #\(newID): "))
            let newMark = try #require(current.first { $0.number("data-decision") == Double(newID) })
            #expect(newMark["class"]?.split(separator: " ").contains("revised") == true)
            #expect(newMark.number("data-supersedes") == Double(id))
            #expect(Self.text(rendered, after: newMark, tag: "title").contains("supersedes #\(id): "))
            let row = try #require(rendered.scan.all("tr").first { $0.number("data-decision") == Double(id) })
            #expect(row["class"] == "superseded" && row.number("data-superseded-by") == Double(newID))
            let newRow = try #require(rendered.scan.all("tr").first { $0.number("data-decision") == Double(newID) })
            #expect(newRow.number("data-supersedes") == Double(id))
        }
        // The ↺ over each revised mark (hourly marks are wide enough).
        let glyphs = rendered.scan.inside(rows[1]).filter { $0["class"] == "glyph" }
        #expect(glyphs.count == 6)

        // Fired and continuing decisions look different: the continuing ones are short and outlined.
        for mark in current + faded {
            let decision = try #require(
                decisions.first { ($0["id"] as? Int).map(Double.init) == mark.number("data-decision") })
            let continuing =
                decision["action"] as? String == "none"
                && ["retrain", "review", "block"].contains(decision["verdict"] as? String ?? "")
            #expect(mark["class"]?.split(separator: " ").contains("continuing") == continuing)
            #expect(mark.number("height") == (continuing ? 14 : 22))
        }
        #expect(current.contains { $0["class"]?.contains("continuing") == true })
        #expect((current + faded).contains { $0["data-action"] == "backtest" })
    }

    /// Each feature chart's threshold and the window table say where the threshold came from.
    private func checkThresholdSources(_ rendered: ReportHTMLTests.Rendered) throws {
        let figures = rendered.scan.all("figure", ["class": "feature"])
        #expect(figures.count == 8)
        let latest = try #require(rendered.json.last)
        let features = (latest["features"] as? [[String: Any]] ?? []) + [latest["prediction"] as? [String: Any] ?? [:]]
        for figure in figures {
            let name = figure["data-feature"] ?? ""
            let json = try #require(features.first { $0["name"] as? String == name }?["primary"] as? [String: Any])
            #expect(json["threshold_source"] as? String == Self.source(of: name), "\(name)")
            let line = try #require(rendered.scan.inside(figure).first { $0["data-series"] == "threshold" })
            #expect(line["data-threshold-source"] == Self.source(of: name))
            let note = try #require(rendered.scan.inside(figure).first { $0["class"] == "threshold-note" })
            let words = Self.text(rendered, after: note, tag: "text")
            #expect(words.hasPrefix("threshold ") && words.hasSuffix(" (\(Self.source(of: name)))"), "\(words)")
            let shown = Double(words.dropFirst(10).prefix { $0 != " " }) ?? .nan
            let threshold = Self.number(json["threshold"])
            #expect(abs(shown - threshold) <= 0.005 * threshold, "\(name): \(shown) vs \(threshold)")
        }
        let detail = try #require(rendered.detail)
        let window = try #require(rendered.jsonWindow(startingAt: Double(detail.startMs)))
        let rows = rendered.scan.all("tr").filter { $0["data-feature"] != nil && $0["data-threshold-source"] != nil }
        let windowFeatures =
            (window["features"] as? [[String: Any]] ?? []) + [window["prediction"] as? [String: Any] ?? [:]]
        #expect(rows.count >= 8)
        for row in rows.prefix(8) {
            let name = row["data-feature"] ?? ""
            let json = try #require(
                windowFeatures.first { $0["name"] as? String == name }?["primary"] as? [String: Any])
            #expect(row["data-threshold-source"] == json["threshold_source"] as? String)
            #expect(row["data-threshold-source"] == Self.source(of: name))
        }
    }
}
