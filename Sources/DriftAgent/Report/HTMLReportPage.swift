import DriftStore

/// Builds the HTML report of one model (``ReportRenderer/html(_:model:detail:distributions:)``).
///
/// The page is assembled as one string, section by section; each section lives in its own
/// `HTMLReportPage+*.swift` file.
struct HTMLReportPage {
    /// The model shown.
    let model: String
    /// The model's windows, in report order (version, then start).
    let windows: [Report.Window]
    /// The model's versions, sorted.
    let versions: [String]
    /// The earliest window start.
    let firstMs: Int64
    /// The latest window end.
    let lastMs: Int64
    /// The window whose distributions are shown.
    let detail: Report.Window?
    /// Its distributions.
    let distributions: WindowDistributions?
    /// The model summary from the report.
    let summary: Report.ModelSummary?
    /// Every feature across the windows, most severe first.
    let features: [FeatureSeries]
    /// The model's decisions, oldest first.
    let decisions: [Report.Decision]
    /// The model's retraining cost against its budgets.
    let budget: Report.Budget?
    /// Decision id → the decision that superseded it (its window decided again after late labels),
    /// as `superseded_by` in the JSON report.
    let successors: [Int64: StoredDecision]
    /// Decision id → the decision it superseded.
    let predecessors: [Int64: StoredDecision]
    /// The model's scoring horizons (`report --horizon`), in report order.
    let horizons: [Report.Horizon]

    /// Width of the full-width charts' view box.
    static let wideWidth = 1140.0
    /// Pixel x where full-width plots start (after the row labels).
    static let wideLeft = 150.0
    /// Pixel x where full-width plots end.
    static let wideRight = 1128.0

    init(report: Report, model: String, detail: Report.Window?, distributions: WindowDistributions?) {
        self.model = model
        windows = report.windows.filter { $0.model == model }
        versions = Array(Set(windows.map(\.version))).sorted()
        firstMs = windows.map(\.startMs).min() ?? 0
        lastMs = windows.map(\.endMs).max() ?? 0
        self.detail = detail
        self.distributions = distributions
        summary = report.models.first { $0.model == model }
        features = Self.featureSeries(windows)
        decisions = report.decisions.filter { $0.decision.model == model }
        budget = summary?.budget
        let byID = Dictionary(decisions.map { ($0.decision.id, $0.decision) }, uniquingKeysWith: { a, _ in a })
        var successors: [Int64: StoredDecision] = [:]
        var predecessors: [Int64: StoredDecision] = [:]
        for entry in decisions {
            guard let old = entry.decision.supersedes else { continue }
            successors[old] = entry.decision
            predecessors[entry.decision.id] = byID[old]
        }
        self.successors = successors
        self.predecessors = predecessors
        horizons = report.horizons.filter { $0.model == model }
    }

    /// The whole page.
    func render() -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        page += "<meta name=\"generator\" content=\"driftwatch\">"
        page += "<title>Drift report: \(HTMLText.escape(model))</title>\n<style>\n\(HTMLStyle.css)\n</style></head>\n"
        page += "<body>\(HTMLStyle.definitions)\n<main>\n"
        page += header()
        if windows.isEmpty {
            page += "<p><strong>No windows stored for this selection.</strong> Run <code>driftwatch backfill</code> "
            page += "first, or widen <code>--since</code>/<code>--until</code>.</p>\n"
        } else {
            page += timeline()
            page += featureSection()
            page += windowSection()
            page += performanceSection()
            page += horizonSection()
            page += decisionSection()
            page += windowTable()
        }
        page += "<footer>Written by <code>driftwatch report --format html</code> from the scores stored when each "
        page += "window was scored; <code>--format json</code> holds the same numbers (docs/REPORT.md). "
        page += "Times are UTC. The page is self-contained: no script, nothing fetched.</footer>\n"
        page += "</main></body></html>\n"
        return page
    }

    /// The title and a one-paragraph summary.
    private func header() -> String {
        var text = "<header><h1>Drift report: \(HTMLText.escape(model))</h1>\n"
        guard let summary, !windows.isEmpty else { return text + "</header>\n" }
        let insufficient = windows.count { $0.scoredFeatures == 0 }
        let bad = windows.reduce(Int64(0)) { $0 + $1.badLineTotal }
        text += "<p class=\"summary\">\(summary.windows) windows from \(HTMLText.time(firstMs)) to "
        text += "\(HTMLText.time(lastMs)) UTC, version\(versions.count == 1 ? "" : "s") "
        text += versions.map { "<b>\(HTMLText.escape(Self.versionLabel($0)))</b>" }.joined(separator: ", ") + ": "
        let ok = summary.windows - summary.driftedWindows - insufficient
        if summary.driftedWindows > 0 {
            text += HTMLStyle.badge("drift", text: "\(summary.driftedWindows) drifted") + " "
        }
        if ok > 0 { text += HTMLStyle.badge("ok", text: "\(ok) ok") + " " }
        if insufficient > 0 { text += HTMLStyle.badge("insufficient", text: "\(insufficient) without a verdict") + " " }
        text += "· \(HTMLText.count(summary.rows)) rows · \(HTMLText.count(bad)) bad lines. "
        text += "A window drifts when the share of its scored features that drift reaches the model's "
        text += "<code>drift_share</code> (\(HTMLText.number(windows[windows.count - 1].driftShareThreshold))).</p>\n"
        return text + "</header>\n"
    }

    /// `3.2.1`, or `(none)` for the empty version.
    static func versionLabel(_ version: String) -> String { version.isEmpty ? "(none)" : version }

    /// The verdict state of a window or a horizon: `drift`, `ok` or `insufficient`.
    static func state(of scored: some Report.Scored) -> String {
        scored.scoredFeatures == 0 ? "insufficient" : scored.drift ? "drift" : "ok"
    }

    /// The time axis shared by the timeline, the feature charts and the performance chart.
    func timePlot(left: Double, right: Double, top: Double, bottom: Double, y0: Double, y1: Double) -> SVGPlot {
        SVGPlot(
            left: left, right: right, top: top, bottom: bottom, x0: Double(firstMs), x1: Double(lastMs), y0: y0, y1: y1)
    }

    /// The middle of a window, where its point is drawn on time charts.
    static func middle(_ window: Report.Window) -> Double { (Double(window.startMs) + Double(window.endMs)) / 2 }

    /// The smallest of 1, 2, 2.5, 5 × 10ᵏ at or above `value` (1 for values ≤ 0 or not finite).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var scale = 1.0
        while scale * 10 <= value { scale *= 10 }
        while scale > value { scale /= 10 }
        for step in [1.0, 2, 2.5, 5, 10] where step * scale >= value * (1 - 1e-12) { return step * scale }
        return 10 * scale
    }
}
