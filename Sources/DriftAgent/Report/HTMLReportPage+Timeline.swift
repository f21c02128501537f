extension HTMLReportPage {
    /// One row of the timeline: a label and marks, each a time span in a state.
    ///
    /// Window verdicts give one row per model version; decisions and retraining jobs one row
    /// each per mode (``decisionRows()``).
    struct TimelineRow {
        /// The row's label, left of the marks (escaped when drawn).
        var label: String
        /// The marks, in time order.
        var marks: [TimelineMark]
    }

    /// A span of time drawn in a state, with a tooltip and attributes naming what it shows.
    struct TimelineMark {
        /// The span start, epoch milliseconds.
        var startMs: Int64
        /// The span end, epoch milliseconds.
        var endMs: Int64
        /// A ``HTMLStyle/states`` name.
        var state: String
        /// The tooltip (escaped when drawn).
        var title: String
        /// Extra `data-*` attributes, already escaped.
        var attributes: String
        /// Extra CSS classes after `m-<state>`, each with a leading space (` continuing`, ` revised`).
        var classes = ""
        /// Pixels left free above and below the mark (a shorter mark: an episode continuing).
        var inset = 0.0
        /// A symbol drawn over the mark when it is wide enough (`↺` for a decision made again).
        var glyph: String?
    }

    /// The verdict rows: one per version.
    func verdictRows() -> [TimelineRow] {
        versions.map { version in
            let marks = windows.filter { $0.version == version }.map { window in
                let state = Self.state(of: window)
                let share = window.driftShare.map { " = " + HTMLText.number($0) } ?? ""
                return TimelineMark(
                    startMs: window.startMs, endMs: window.endMs, state: state,
                    title: "\(HTMLText.time(window.startMs)) \(HTMLStyle.state(state).label): "
                        + "\(window.driftedFeatures)/\(window.scoredFeatures) features drifted\(share)",
                    attributes: "data-start=\"\(window.startMs)\" data-verdict=\"\(state)\" "
                        + "data-version=\"\(HTMLText.escape(window.version))\" "
                        + "data-drift-share=\"\(HTMLText.exact(window.driftShare ?? .nan))\"")
            }
            return TimelineRow(
                label: versions.count == 1 ? "window verdict" : "verdict " + Self.versionLabel(version), marks: marks)
        }
    }

    /// The timeline section: verdict rows, the drift share against its threshold, a time axis, a
    /// legend, and the drifted windows in words.
    func timeline() -> String {
        let rows = verdictRows() + decisionRows()
        let rowHeight = 22.0
        let rowGap = 6.0
        let shareTop = Double(rows.count) * (rowHeight + rowGap) + 10
        let shareBottom = shareTop + 80
        let height = shareBottom + 24
        let share = timePlot(
            left: Self.wideLeft, right: Self.wideRight, top: shareTop, bottom: shareBottom, y0: 0, y1: 1)
        var svg = "<svg class=\"timeline\" viewBox=\"0 0 \(Int(Self.wideWidth)) \(Int(height))\" \(share.attributes) "
        svg += "role=\"img\" aria-label=\"Window verdicts and drift share over time\">"
        if let detail {
            let x0 = share.x(Double(detail.startMs))
            let x1 = share.x(Double(detail.endMs))
            svg += "<rect class=\"chosen\" x=\"\(HTMLText.coordinate(x0 - 1))\" y=\"0\" "
            svg +=
                "width=\"\(HTMLText.coordinate(max(2, x1 - x0 + 2)))\" height=\"\(HTMLText.coordinate(shareBottom))\">"
            svg += "<title>the window detailed below</title></rect>"
        }
        for (index, row) in rows.enumerated() {
            let top = Double(index) * (rowHeight + rowGap)
            svg += "<text class=\"row-label\" x=\"\(HTMLText.coordinate(Self.wideLeft - 8))\" "
            svg += "y=\"\(HTMLText.coordinate(top + rowHeight / 2))\" dy=\"0.32em\" text-anchor=\"end\">"
            svg += HTMLText.escape(HTMLText.truncated(row.label, 22)) + "</text>"
            svg += "<g class=\"timeline-row\" data-row=\"\(HTMLText.escape(row.label))\">"
            for mark in row.marks {
                let x0 = share.x(Double(mark.startMs))
                let x1 = share.x(Double(mark.endMs))
                let gap = x1 - x0 > 6 ? 1.0 : 0
                svg += "<rect class=\"m-\(mark.state)\(mark.classes)\" \(mark.attributes) "
                svg += "x=\"\(HTMLText.coordinate(x0 + gap / 2))\" y=\"\(HTMLText.coordinate(top + mark.inset))\" "
                svg += "width=\"\(HTMLText.coordinate(max(0.6, x1 - x0 - gap)))\" "
                svg += "height=\"\(HTMLText.coordinate(rowHeight - 2 * mark.inset))\">"
                svg += "<title>\(HTMLText.escape(mark.title))</title></rect>"
                if let glyph = mark.glyph, x1 - x0 >= 9 {
                    svg += "<text class=\"glyph\" x=\"\(HTMLText.coordinate((x0 + x1) / 2))\" "
                    svg += "y=\"\(HTMLText.coordinate(top + rowHeight / 2))\" dy=\"0.35em\" text-anchor=\"middle\" "
                    svg += "aria-hidden=\"true\">\(glyph)</text>"
                }
            }
            svg += "</g>"
        }
        svg += driftShareChart(share)
        svg += share.timeAxis(maximumTicks: 12)
        svg += "</svg>"

        var text = "<section id=\"timeline\"><h2>Timeline</h2>\n"
        text += "<p class=\"muted\">One mark per window, coloured, patterned and titled by its verdict; below, the "
        text += "share of scored features that drift against the model's threshold. Hover a mark for its numbers."
        if !decisions.isEmpty {
            text += " The decision rows show what the policy decided for each window (a denied retrain in white "
            text += "outlined red with ✕): a full solid mark took the action, a short outlined one continued an "
            text += "episode whose action was already taken; the job rows the retraining jobs started, by outcome."
        }
        text += "</p>\n"
        text += legend(rows.flatMap(\.marks))
        text += "<figure>\(svg)</figure>\n" + driftedWindowsText() + "</section>\n"
        return text
    }

    private func legend(_ marks: [TimelineMark]) -> String {
        let used = Set(marks.map(\.state))
        var text = "<div class=\"legend\">"
        for state in HTMLStyle.states where used.contains(state.name) {
            text += "<span>\(HTMLStyle.swatch(state: state.name))\(state.symbol) \(state.label)</span>"
        }
        let continuing = marks.first { $0.classes.contains("continuing") }
        if let continuing {
            text += "<span>\(HTMLStyle.swatch(state: continuing.state, classes: " continuing", inset: 3))"
            text += "episode continuing, no new action (short, outlined)</span>"
        }
        if let revised = marks.first(where: { $0.classes.contains("revised") }) {
            text += "<span>\(HTMLStyle.swatch(state: revised.state, classes: " revised", glyph: "↺"))"
            text += "↺ decided again after late labels (dark outline)</span>"
        }
        if let superseded = marks.first(where: { $0.classes.contains("superseded") }) {
            text += "<span>\(HTMLStyle.swatch(state: superseded.state, classes: " superseded"))"
            text += "superseded decision (faded, own row)</span>"
        }
        text += "<span>\(HTMLStyle.swatch(lineClass: "v"))drift share</span>"
        text += "<span>\(HTMLStyle.swatch(lineClass: "t"))threshold</span>"
        if detail != nil { text += "<span>\(HTMLStyle.swatch(barClass: "chosen"))window detailed below</span>" }
        return text + "</div>\n"
    }

    /// Drift share per window (one path per version) with the threshold as a dashed line.
    private func driftShareChart(_ plot: SVGPlot) -> String {
        let last = windows[windows.count - 1].driftShareThreshold
        var svg = "<text class=\"row-label\" x=\"\(HTMLText.coordinate(Self.wideLeft - 48))\" "
        svg +=
            "y=\"\(HTMLText.coordinate((plot.top + plot.bottom) / 2))\" dy=\"0.32em\" text-anchor=\"end\">drift share</text>"
        svg += plot.yGrid([0, 0.5, 1], avoiding: last) { HTMLText.number($0) }
        for (index, version) in versions.enumerated() {
            let points = windows.filter { $0.version == version }.map { (x: Self.middle($0), y: $0.driftShare) }
            svg += "<path class=\"v\(index == 0 ? "" : " v3")\" data-series=\"drift-share\" "
            svg += "data-version=\"\(HTMLText.escape(version))\" d=\"\(plot.path(points))\"/>"
        }
        svg += thresholdPath(
            plot, windows.map { ($0.startMs, $0.endMs, $0.driftShareThreshold) }, label: HTMLText.number(last))
        return svg
    }

    /// A dashed threshold line: one horizontal segment per run of windows with the same threshold,
    /// labelled `label` on the left axis and, with a `note`, by the note inside the plot at the
    /// right end of the line (`threshold 0.031 (learned)`); `source` becomes `data-threshold-source`.
    func thresholdPath(
        _ plot: SVGPlot, _ spans: [(start: Int64, end: Int64, threshold: Double)], label: String,
        note: String? = nil, source: String? = nil
    ) -> String {
        let ordered = spans.filter { $0.threshold.isFinite }.sorted { $0.start < $1.start }
        guard let last = ordered.last else { return "" }
        var d = ""
        func segment(_ start: Int64, _ end: Int64, _ threshold: Double) {
            d += "M\(HTMLText.coordinate(plot.x(Double(start)))) \(HTMLText.coordinate(plot.y(threshold)))"
            d += "H\(HTMLText.coordinate(plot.x(Double(end))))"
        }
        var run = ordered[0]
        for span in ordered.dropFirst() {
            if span.threshold == run.threshold {
                run.end = max(run.end, span.end)
            } else {
                segment(run.start, run.end, run.threshold)
                run = span
            }
        }
        segment(run.start, run.end, run.threshold)
        var svg = "<path class=\"t\" data-series=\"threshold\" data-threshold=\"\(HTMLText.exact(last.threshold))\" "
        svg += source.map { "data-threshold-source=\"\(HTMLText.escape($0))\" " } ?? ""
        svg += "d=\"\(d)\"/>"
        svg += "<text class=\"t-label\" x=\"\(HTMLText.coordinate(plot.left - 4))\" "
        svg += "y=\"\(HTMLText.coordinate(plot.y(last.threshold)))\" dy=\"0.32em\" text-anchor=\"end\">"
        svg += "\(HTMLText.escape(label))</text>"
        if let note {
            // Above the line, or below it when the line runs along the top of the plot.
            let y = plot.y(last.threshold)
            svg += "<text class=\"threshold-note\" x=\"\(HTMLText.coordinate(plot.right - 2))\" "
            svg += "y=\"\(HTMLText.coordinate(y - plot.top < 12 ? y + 10 : y - 3))\" text-anchor=\"end\">"
            svg += "\(HTMLText.escape(note))</text>"
        }
        return svg
    }

    private func driftedWindowsText() -> String {
        let drifted = windows.filter(\.drift).sorted { $0.startMs < $1.startMs }
        guard !drifted.isEmpty else {
            return "<p>No window drifted.</p>\n"
        }
        let shown = drifted.prefix(12).map { window in
            HTMLText.time(window.startMs) + (versions.count > 1 ? " (\(Self.versionLabel(window.version)))" : "")
        }
        var text = "<p>\(HTMLStyle.badge("drift", text: "DRIFT")) in \(drifted.count) of \(windows.count) windows, "
        text += "starting " + HTMLText.escape(shown.joined(separator: ", "))
        text += drifted.count > shown.count ? ", … (all in the table at the end).</p>\n" : ".</p>\n"
        return text
    }
}
