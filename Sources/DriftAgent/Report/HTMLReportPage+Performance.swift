extension HTMLReportPage {
    /// Realised accuracy and AUC per labelled window, one pair of paths per version.
    func performanceSection() -> String {
        var text = "<section id=\"performance\"><h2>Performance</h2>\n"
        let labelled = windows.filter { $0.performance.labeledRows > 0 }
        guard !labelled.isEmpty else {
            return text + "<p>No labels arrived in these windows, so realised performance is unknown. "
                + "Estimated performance (without labels) is not computed yet.</p></section>\n"
        }
        let rows = labelled.reduce(UInt64(0)) { $0 + $1.performance.labeledRows }
        text += "<p>Labels arrived for \(labelled.count) of \(windows.count) windows (\(HTMLText.count(rows)) labelled "
        text += "rows). Accuracy at the 0.5 cut-off; ROC AUC from the score histogram. Gaps are windows without "
        text += "labels (or, for AUC, with one class only). Estimated performance for unlabelled windows is not "
        text += "computed yet.</p>\n"
        if let latest = labelled.max(by: { $0.startMs < $1.startMs }) {
            text += "<p>Latest labelled window, \(HTMLText.time(latest.startMs)): accuracy "
            text += "<b>\(HTMLText.number(latest.performance.accuracy ?? .nan))</b>, AUC "
            text += "<b>\(HTMLText.number(latest.performance.auc ?? .nan))</b> on "
            text += "\(HTMLText.count(latest.performance.labeledRows)) rows.</p>\n"
        }
        text += "<div class=\"legend\"><span>\(HTMLStyle.swatch(lineClass: "v"))accuracy (solid)</span>"
        text += "<span>\(HTMLStyle.swatch(lineClass: "v2"))ROC AUC (dashed)</span></div>\n"
        let plot = timePlot(left: Self.wideLeft, right: Self.wideRight, top: 10, bottom: 170, y0: 0, y1: 1)
        var svg = "<svg viewBox=\"0 0 \(Int(Self.wideWidth)) 194\" \(plot.attributes) role=\"img\" "
        svg += "aria-label=\"Accuracy and AUC per labelled window\">"
        svg += plot.yGrid([0, 0.25, 0.5, 0.75, 1]) { HTMLText.number($0) }
        svg +=
            "<text class=\"row-label\" x=\"\(HTMLText.coordinate(Self.wideLeft - 48))\" y=\"\(HTMLText.coordinate(90))\" "
        svg += "dy=\"0.32em\" text-anchor=\"end\">realised</text>"
        for version in versions {
            let ordered = windows.filter { $0.version == version }
            for (series, cls, value) in [
                ("accuracy", "v", \Report.Performance.accuracy), ("auc", "v2", \Report.Performance.auc),
            ] {
                let points = ordered.map { window in
                    (
                        x: Self.middle(window),
                        y: window.performance.labeledRows > 0 ? window.performance[keyPath: value] : nil
                    )
                }
                svg += "<path class=\"\(cls)\" data-series=\"\(series)\" data-version=\"\(HTMLText.escape(version))\" "
                svg += "d=\"\(plot.path(points))\"/>"
            }
        }
        svg += plot.timeAxis(maximumTicks: 12) + "</svg>"
        return text + "<figure>\(svg)</figure></section>\n"
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
