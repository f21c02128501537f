import DriftCore

extension HTMLReportPage {
    /// Realised and estimated performance per window: one chart for accuracy, one for ROC AUC,
    /// each with the realised figure (solid), the estimate (dashed) and its ± 2 standard error band.
    func performanceSection() -> String {
        var text = "<section id=\"performance\"><h2>Performance</h2>\n"
        let labelled = windows.filter { $0.performance.labeledRows > 0 }
        let estimated = windows.filter { $0.estimated.accuracy != nil || $0.estimated.auc != nil }
        guard !labelled.isEmpty || !estimated.isEmpty else {
            return text + "<p>No labels arrived in these windows, so realised performance is unknown, and no "
                + "estimate could be made (it needs a baseline with labels and a probability prediction).</p>"
                + "</section>\n"
        }
        let rows = labelled.reduce(UInt64(0)) { $0 + $1.performance.labeledRows }
        text += "<p>Labels arrived for \(labelled.count) of \(windows.count) windows (\(HTMLText.count(rows)) labelled "
        text += "rows); performance was estimated without labels for \(estimated.count) (confidence-based, from the "
        text += "scores and the baseline's calibration; docs/REPORT.md <code>estimated</code>). Accuracy at the 0.5 "
        text += "cut-off; ROC AUC from the score histogram. Gaps are windows without a figure. Decisions judge the "
        text +=
            "estimate only while a window has too few labels, and only when it is 2 standard errors past a limit.</p>\n"
        if let latest = labelled.max(by: { $0.startMs < $1.startMs }) {
            text += "<p>Latest labelled window, \(HTMLText.time(latest.startMs)): accuracy "
            text += "<b>\(HTMLText.number(latest.performance.accuracy ?? .nan))</b>, AUC "
            text += "<b>\(HTMLText.number(latest.performance.auc ?? .nan))</b> on "
            text += "\(HTMLText.count(latest.performance.labeledRows)) rows"
            if let estimate = latest.estimated.accuracy {
                text += "; estimated accuracy <b>\(HTMLText.number(estimate.value))</b> ± "
                text += "\(HTMLText.number(2 * estimate.standardError))"
            }
            text += ".</p>\n"
        }
        text += "<div class=\"legend\"><span>\(HTMLStyle.swatch(lineClass: "v"))realised (solid)</span>"
        text += "<span>\(HTMLStyle.swatch(lineClass: "v2"))estimated (dashed)</span>"
        text += "<span>\(HTMLStyle.swatch(barClass: "band"))estimate ± 2 standard errors (shaded)</span></div>\n"
        text += "<div class=\"grid\">"
        text += performanceChart(
            metric: "accuracy", title: "Accuracy", realised: \.accuracy, estimate: \.accuracy)
        text += performanceChart(metric: "auc", title: "ROC AUC", realised: \.auc, estimate: \.auc)
        return text + "</div></section>\n"
    }

    /// One metric over time: realised (`data-series` = metric), estimated (`estimated-<metric>`)
    /// and the band (`estimated-<metric>-band`: per run, the upper edge left to right, then the
    /// lower edge right to left, each clamped to [0, 1]); one set per version. The y axis runs from
    /// the quarter below the lowest figure drawn (0, 0.25, 0.5 or 0.75) to 1.
    private func performanceChart(
        metric: String, title: String, realised: KeyPath<Report.Performance, Double?>,
        estimate: KeyPath<Report.Estimated, EstimatedBinaryPerformance.Estimate?>
    ) -> String {
        // The y axis starts at the quarter below the lowest figure drawn, so that close figures stay apart.
        var lowest = 1.0
        for window in windows {
            if window.performance.labeledRows > 0, let value = window.performance[keyPath: realised] {
                lowest = min(lowest, value)
            }
            if let figure = window.estimated[keyPath: estimate], figure.value.isFinite, figure.standardError.isFinite {
                lowest = min(lowest, figure.value - 2 * figure.standardError)
            }
        }
        let bottom = max(0, min(0.75, (lowest * 4).rounded(.down) / 4))
        let plot = timePlot(left: 44, right: 552, top: 10, bottom: 150, y0: bottom, y1: 1)
        var svg = "<svg viewBox=\"0 0 564 174\" \(plot.attributes) data-metric=\"\(metric)\" role=\"img\" "
        svg += "aria-label=\"\(title): realised and estimated per window\">"
        let step = 1 - bottom <= 0.25 ? 0.05 : 1 - bottom <= 0.5 ? 0.1 : 0.25
        let grid = (0...Int(((1 - bottom) / step).rounded())).map { bottom + Double($0) * step }
        svg += plot.yGrid(grid) { HTMLText.number($0) }
        for version in versions {
            let ordered = windows.filter { $0.version == version }
            let escaped = HTMLText.escape(version)
            svg += "<path class=\"band\" data-series=\"estimated-\(metric)-band\" data-version=\"\(escaped)\" "
            svg += "d=\"\(band(plot, ordered.map { (Self.middle($0), $0.estimated[keyPath: estimate]) }))\"/>"
            let estimates = ordered.map { (x: Self.middle($0), y: $0.estimated[keyPath: estimate]?.value) }
            svg += "<path class=\"v2\" data-series=\"estimated-\(metric)\" data-version=\"\(escaped)\" "
            svg += "d=\"\(plot.path(estimates))\"/>"
            let points = ordered.map { window in
                (
                    x: Self.middle(window),
                    y: window.performance.labeledRows > 0 ? window.performance[keyPath: realised] : nil
                )
            }
            svg +=
                "<path class=\"v\" data-series=\"\(metric)\" data-version=\"\(escaped)\" d=\"\(plot.path(points))\"/>"
        }
        svg += plot.timeAxis(maximumTicks: 6) + "</svg>"
        return "<figure class=\"performance\" data-metric=\"\(metric)\"><figcaption><b>\(title)</b></figcaption>"
            + svg + "</figure>"
    }

    /// The closed outline of value ± 2·std over each run of estimated windows.
    private func band(_ plot: SVGPlot, _ points: [(x: Double, estimate: EstimatedBinaryPerformance.Estimate?)])
        -> String
    {
        var d = ""
        var run: [(x: Double, low: Double, high: Double)] = []
        func close() {
            guard !run.isEmpty else { return }
            let upper = run.map { "\(HTMLText.coordinate(plot.x($0.x))) \(HTMLText.coordinate(plot.y($0.high)))" }
            let lower = run.reversed().map {
                "\(HTMLText.coordinate(plot.x($0.x))) \(HTMLText.coordinate(plot.y($0.low)))"
            }
            d += "M" + (upper + lower).joined(separator: "L") + "Z"
            run = []
        }
        for point in points {
            guard let estimate = point.estimate, estimate.value.isFinite, estimate.standardError.isFinite else {
                close()
                continue
            }
            let spread = 2 * estimate.standardError
            run.append(
                (point.x, min(1, max(0, estimate.value - spread)), min(1, max(0, estimate.value + spread))))
        }
        close()
        return d
    }

    /// Every window in words, collapsed when there are many.
    func windowTable() -> String {
        var text = "<section id=\"windows\"><h2>Windows</h2>\n<details\(windows.count <= 48 ? " open" : "")>"
        text += "<summary>All \(windows.count) windows</summary>\n<table><thead><tr><th>start (UTC)</th>"
        if versions.count > 1 { text += "<th>version</th>" }
        text += "<th class=\"n\">rows</th><th class=\"n\">bad lines</th><th class=\"n\">drifted / scored</th>"
        text += "<th class=\"n\">drift share</th><th>verdict</th><th class=\"n\">labelled</th>"
        text += "<th class=\"n\">accuracy</th><th class=\"n\">AUC</th></tr></thead><tbody>\n"
        for window in windows.sorted(by: { ($0.startMs, $0.version) < ($1.startMs, $1.version) }) {
            let state = Self.state(of: window)
            text += "<tr data-start=\"\(window.startMs)\"><td>\(HTMLText.time(window.startMs))</td>"
            if versions.count > 1 { text += "<td>\(HTMLText.escape(Self.versionLabel(window.version)))</td>" }
            text += "<td class=\"n\">\(window.rows)</td><td class=\"n\">\(window.badLineTotal)</td>"
            text += "<td class=\"n\">\(window.driftedFeatures) / \(window.scoredFeatures)</td>"
            text += "<td class=\"n\">\(HTMLText.number(window.driftShare ?? .nan))</td>"
            text += "<td>\(HTMLStyle.badge(state))</td><td class=\"n\">\(window.performance.labeledRows)</td>"
            text += "<td class=\"n\">\(HTMLText.number(window.performance.accuracy ?? .nan))</td>"
            text += "<td class=\"n\">\(HTMLText.number(window.performance.auc ?? .nan))</td></tr>\n"
        }
        return text + "</tbody></table></details></section>\n"
    }
}
