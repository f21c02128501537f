import DriftCore
import DriftStore
import DriftTestSupport
import Foundation
import Testing

@testable import DriftAgent

/// The HTML report on generated reports: escaping of user text, the size bound, the default
/// detail window, and the text helpers against hand-worked values.
struct ReportHTMLPageTests {
    static let hostile = "<script>alert(\"x\")</script>'&"

    /// A report of `windows` hourly windows × `features` features (half numeric, half categorical),
    /// every third window drifted, with labels, and distributions for the last window.
    static func generated(
        windows count: Int, features featureCount: Int, name: (Int) -> String = { "feature_\($0)" }
    ) -> (Report, WindowDistributions) {
        var sampler = SplitMix64(seed: 7)
        func uniform() -> Double { Double(sampler.next() >> 11) / Double(1 << 53) }
        var windows: [Report.Window] = []
        for index in 0..<count {
            let start = Int64(1_793_491_200_000) + Int64(index) * 3_600_000
            let drifting = index % 3 == 2
            let features = (0..<featureCount).map { feature in
                let value = drifting && feature % 4 == 0 ? 0.1 + uniform() : uniform() * 0.09
                return Report.Feature(
                    name: name(feature), kind: feature % 2 == 0 ? "numeric" : "categorical",
                    statistics: [Report.Value(test: "psi", value: value)], pValues: [],
                    primary: Report.Primary(
                        statistic: "psi", value: value, threshold: 0.1, verdict: value >= 0.1 ? "drift" : "ok",
                        reason: nil))
            }
            var performance = Report.Performance()
            performance.labeledRows = 250
            performance.accuracy = 0.8 + uniform() * 0.1
            performance.auc = 0.6 + uniform() * 0.2
            windows.append(
                Report.Window(
                    model: name(-1), version: name(-2), startMs: start, endMs: start + 3_600_000, rows: 100_000,
                    badLines: [], features: features, prediction: nil,
                    driftedFeatures: features.count(where: \.drift), scoredFeatures: featureCount,
                    driftShareThreshold: 0.2, performance: performance))
        }
        let last = windows[windows.count - 1]
        let summary = Report.ModelSummary(
            model: name(-1), versions: [name(-2)], windows: count, driftedWindows: windows.count(where: \.drift),
            rows: 100_000 * Int64(count), firstStartMs: windows[0].startMs, lastEndMs: last.endMs)
        let distributions = WindowDistributions(
            model: name(-1), version: name(-2), startMs: last.startMs, endMs: last.endMs, baseline: name(-3),
            features: (0..<featureCount).map { feature in
                let numeric = feature % 2 == 0
                let buckets =
                    numeric
                    ? ReportBuilder.binLabels((1...9).map { Double($0) })
                    : (0..<50).map { name(100 + $0) } + ["(other)", "(unseen)"]
                let shares = Array(repeating: 1 / Double(buckets.count), count: buckets.count)
                return WindowDistributions.Feature(
                    name: name(feature), kind: numeric ? "numeric" : "categorical", buckets: buckets,
                    edges: numeric ? (1...9).map { Double($0) } : [], baselineShares: shares, windowShares: shares,
                    baselineCount: 10_000, windowCount: 1_000, isExact: true)
            })
        var report = Report(models: [summary], windows: windows)
        (report.decisions, report.models[0].budget) = decisions(windows, model: name(-1))
        return (report, distributions)
    }

    /// A decision per window: `retrain` on drifted windows (alternately denied by the cooldown and
    /// fired with a succeeded job), else `ok`; the budget of every day and month of those jobs.
    static func decisions(_ windows: [Report.Window], model: String) -> ([Report.Decision], Report.Budget) {
        var decisions: [Report.Decision] = []
        var periods: [String: Report.BudgetSpend] = [:]
        for (index, window) in windows.enumerated() {
            let retrain = window.drift
            let denied = retrain && decisions.count { $0.decision.verdict == "retrain" } % 2 == 0
            let decision = StoredDecision(
                id: Int64(index + 1), mode: "fire", model: model, version: window.version,
                windowStartMs: window.startMs, windowEndMs: window.endMs, decidedMs: window.endMs + 600_000,
                verdict: retrain ? "retrain" : "ok", action: denied ? "denied" : retrain ? "fired" : "none",
                reasons: "[]", guardrails: "[]", inputs: "{}")
            var jobs: [StoredJob] = []
            if retrain && !denied {
                jobs.append(
                    StoredJob(
                        jobId: "job-\(index)", mode: "fire", model: model, decisionId: decision.id, status: "succeeded",
                        estimate: 4, cost: 3.5, startedMs: decision.decidedMs,
                        finishedMs: decision.decidedMs + 3_600_000
                    ))
                for kind in [BudgetPeriod.day, .month] {
                    let start = kind.start(containing: decision.decidedMs)
                    var spend =
                        periods["\(kind) \(start)"]
                        ?? Report.BudgetSpend(
                            mode: "fire", period: kind.rawValue, startMs: start,
                            endMs: kind.end(containing: decision.decidedMs), budget: kind == .day ? 20 : nil, spent: 0,
                            reserved: 0, jobs: 0)
                    spend.spent += 3.5
                    spend.jobs += 1
                    periods["\(kind) \(start)"] = spend
                }
            }
            decisions.append(Report.Decision(decision: decision, deniedBy: denied ? ["cooldown"] : [], jobs: jobs))
        }
        let budget = Report.Budget(
            costEstimate: 4, dailyBudget: 20, monthlyBudget: nil,
            periods: periods.values.sorted { ($0.period, $0.startMs) < ($1.period, $1.startMs) },
            denials: [Report.ReasonCount(reason: "cooldown", count: Int64(decisions.count { $0.deniedBy.count > 0 }))])
        return (decisions, budget)
    }

    static func page(_ generated: (Report, WindowDistributions)) -> String {
        let (report, distributions) = generated
        let model = report.models[0].model
        return ReportRenderer.html(
            report, model: model, detail: ReportBuilder.detailWindow(of: report, model: model),
            distributions: distributions)
    }

    @Test func userTextIsEscapedEverywhere() throws {
        let page = Self.page(Self.generated(windows: 6, features: 4) { "\(Self.hostile)\($0)" })
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("alert(\""))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;"))
        // Every tag in the page is one the renderer writes: nothing came from the data.
        let allowed: Set<String> = [
            "html", "head", "meta", "title", "style", "body", "svg", "defs", "pattern", "rect", "circle", "main",
            "header", "h1", "h2", "h3", "p", "b", "br", "span", "code", "strong", "section", "div", "figure",
            "figcaption", "path", "line", "text", "g", "table", "thead", "tbody", "tr", "th", "td", "details",
            "summary", "footer",
        ]
        let tag = try NSRegularExpression(pattern: "<([a-zA-Z][a-zA-Z0-9]*)")
        let names = Set(
            tag.matches(in: page, range: NSRange(page.startIndex..., in: page)).map {
                (page as NSString).substring(with: $0.range(at: 1))
            })
        #expect(names.isSubset(of: allowed), "unexpected tags \(names.subtracting(allowed))")
        // Attribute values never hold a raw quote: each `="` opens a value that closes before the next `=`.
        let scan = try HTMLReportScan(page)
        let figures = scan.all("figure", ["class": "feature"])
        #expect(figures.count == 4)
        #expect(figures.allSatisfy { ($0["data-feature"] ?? "").hasPrefix(Self.hostile) })
        #expect(page.contains("http") == false, "nothing to fetch")
    }

    /// The stated bound (docs/REPORT.md): 1,000 windows × 25 features with 50-category
    /// distributions and a decision per window stay under 2 MB (measured: 1.57 MB).
    @Test func pageStaysUnderTwoMegabytesFor1000WindowsBy25FeaturesWithDecisions() throws {
        let generated = Self.generated(windows: 1_000, features: 25)
        let page = Self.page(generated)
        let bytes = page.utf8.count
        #expect(bytes <= 2_000_000, "page is \(bytes) bytes")
        let scan = try HTMLReportScan(page)
        #expect(scan.all("figure", ["class": "feature"]).count == 25)
        #expect(scan.elements.count { $0["data-verdict"] != nil } == 1_000)
        #expect(scan.elements.count { $0["data-action"] != nil } == 1_000)
        let jobs = generated.0.decisions.reduce(0) { $0 + $1.jobs.count }
        #expect(jobs > 100 && scan.elements.count { $0["data-job"] != nil } == jobs)
        #expect(scan.all("g", ["class": "period"]).count == (generated.0.models[0].budget?.periods.count ?? -1))
        if ProcessInfo.processInfo.environment["DRIFT_PRINT_SIZES"] != nil { print("page bytes: \(bytes)") }
    }

    @Test func detailWindowIsTheLatestDriftedElseTheLatest() {
        let (report, _) = Self.generated(windows: 8, features: 4)
        let drifted = report.windows.filter(\.drift)
        #expect(ReportBuilder.detailWindow(of: report, model: "feature_-1") == drifted.last)
        #expect(drifted.last != report.windows.last)
        var calm = report
        for index in calm.windows.indices { calm.windows[index].driftedFeatures = 0 }
        #expect(ReportBuilder.detailWindow(of: calm, model: "feature_-1") == calm.windows.last)
        #expect(ReportBuilder.detailWindow(of: calm, model: "other") == nil)
    }

    @Test func numbersAndTextAreFormattedForPeople() {
        #expect(HTMLText.number(0.2540236613804647) == "0.254")
        #expect(HTMLText.number(0.1) == "0.1")
        #expect(HTMLText.number(12.345) == "12.3")
        #expect(HTMLText.number(1_500) == "1500")
        #expect(HTMLText.number(6.719090081387643e-28) == "6.72e-28")
        #expect(HTMLText.number(9.996e-5) == "1e-4")
        #expect(HTMLText.number(-0.5) == "-0.5")
        #expect(HTMLText.number(.nan) == "–")
        #expect(HTMLText.percent(0.1234) == "12.3 %")
        #expect(HTMLText.count(19_200) == "19\u{202F}200")
        #expect(HTMLText.coordinate(12.34) == "12.3" && HTMLText.coordinate(40.0) == "40")
        #expect(HTMLText.coordinate(-0.04) == "0" && HTMLText.coordinate(-0.06) == "-0.1")
        #expect(HTMLText.escape("a<b>\"c\"'d'&\u{1}") == "a&lt;b&gt;&quot;c&quot;&#39;d&#39;&amp;\u{FFFD}")
        #expect(HTMLText.time(1_793_534_400_000) == "2026-11-01 12:00")
        #expect(HTMLReportPage.niceCeiling(0.27) == 0.5 && HTMLReportPage.niceCeiling(1.9) == 2)
        #expect(HTMLReportPage.niceCeiling(0.1) == 0.1 && HTMLReportPage.niceCeiling(2.2) == 2.5)
    }
}
