import DriftCore

#if canImport(Glibc)
    import Glibc
#endif

extension HTMLReportPage {
    /// One feature across the model's windows.
    struct FeatureSeries {
        /// The feature name (`@prediction` for the prediction).
        var name: String
        /// `numeric` or `categorical`.
        var kind: String
        /// The primary statistic of the latest window that has the feature.
        var statistic: String
        /// The windows that have the feature, in report order, with its entry.
        var entries: [(window: Report.Window, feature: Report.Feature)]
        /// The largest ratio of statistic to threshold (threshold to p-value for p-values) over the
        /// scored windows; `nil` when no window scored it.
        var severity: Double?
        /// Windows where it drifted.
        var drifted: Int
        /// Windows where it was scored (drift or ok).
        var scored: Int
    }

    /// Every feature and the prediction, most severe first (then by name); never-scored ones last.
    /// - Complexity: O(windows × features + features log features).
    static func featureSeries(_ windows: [Report.Window]) -> [FeatureSeries] {
        var all: [FeatureSeries] = []
        var index: [String: Int] = [:]
        for window in windows {
            for feature in window.features + (window.prediction.map { [$0] } ?? []) {
                let position =
                    index[feature.name]
                    ?? {
                        all.append(
                            FeatureSeries(
                                name: feature.name, kind: feature.kind, statistic: feature.primary.statistic,
                                entries: [], severity: nil, drifted: 0, scored: 0))
                        index[feature.name] = all.count - 1
                        return all.count - 1
                    }()
                all[position].entries.append((window, feature))
                if let ratio = severity(feature) { all[position].severity = max(all[position].severity ?? 0, ratio) }
                all[position].drifted += feature.drift ? 1 : 0
                all[position].scored += feature.isScored ? 1 : 0
            }
        }
        for position in all.indices {
            let latest = all[position].entries.max { $0.window.startMs < $1.window.startMs }
            if let latest { all[position].statistic = latest.feature.primary.statistic }
        }
        return all.sorted { a, b in
            switch (a.severity, b.severity) {
            case let (x?, y?) where x != y: x > y
            case (.some, nil): true
            case (nil, .some): false
            default: a.name < b.name
            }
        }
    }

    /// How far past its threshold a scored feature is: value / threshold, or threshold / value for
    /// a statistic where lower means drift; `nil` when not scored.
    static func severity(_ feature: Report.Feature) -> Double? {
        let value = feature.primary.value
        let threshold = feature.primary.threshold
        guard feature.isScored, value.isFinite, threshold.isFinite else { return nil }
        if isPValue(feature.primary.statistic) { return value > 0 ? threshold / value : .infinity }
        return threshold > 0 ? value / threshold : (value > 0 ? .infinity : 0)
    }

    /// Whether drift means a low value (p-values), drawn as −log₁₀ p.
    static func isPValue(_ statistic: String) -> Bool {
        DriftTest(rawValue: statistic)?.direction == .lowerMeansDrift
    }

    /// The plotted form of a statistic: the value, or −log₁₀ p for p-values (p floored at 1e-300).
    static func plotted(_ value: Double, statistic: String) -> Double {
        guard value.isFinite else { return .nan }
        return isPValue(statistic) ? -log10(max(value, 1e-300)) : value
    }

    /// `0.031 (learned)`: a threshold and where it came from (`threshold_source`), noting when the
    /// windows of `sources` used other sources; just the number when the source was not recorded.
    static func thresholdNote(_ threshold: Double, source: String?, sources: [Report.Primary] = []) -> String {
        var text = HTMLText.number(threshold)
        guard let source else { return text }
        let others = Set(sources.compactMap(\.thresholdSource)).subtracting([source]).sorted()
        text += " (\(source)" + (others.isEmpty ? "" : "; other windows: \(others.joined(separator: ", "))") + ")"
        return text
    }

    /// The features section: one small chart per feature, most severe first.
    func featureSection() -> String {
        var text = "<section id=\"features\"><h2>Features by severity</h2>\n"
        text += "<p class=\"muted\">Each feature's primary statistic per window against its threshold, most severe "
        text += "first: severity is the largest ratio of statistic to threshold over the windows (threshold to "
        text += "p-value for p-values, which are drawn as −log₁₀ p so that up still means drift).</p>\n"
        text += "<div class=\"legend\"><span>\(HTMLStyle.swatch(lineClass: "v"))statistic</span>"
        if versions.count > 1 { text += "<span>\(HTMLStyle.swatch(lineClass: "v v3"))other versions</span>" }
        text += "<span>\(HTMLStyle.swatch(lineClass: "t"))threshold</span>"
        text += "<span>\(HTMLStyle.markerSwatch)▲ drift verdict</span>"
        if detail != nil { text += "<span>\(HTMLStyle.swatch(barClass: "chosen"))window detailed below</span>" }
        text += "</div>\n<div class=\"grid\">\n"
        for series in features { text += featureFigure(series) }
        return text + "</div></section>\n"
    }

    private func featureFigure(_ series: FeatureSeries) -> String {
        let statistic = series.statistic
        let pValue = Self.isPValue(statistic)
        let values = series.entries.map {
            Self.plotted($0.feature.primary.value, statistic: $0.feature.primary.statistic)
        }
        let thresholds = series.entries.map {
            Self.plotted($0.feature.primary.threshold, statistic: $0.feature.primary.statistic)
        }
        let top = (values + thresholds).filter(\.isFinite).max() ?? 1
        let plot = timePlot(left: 48, right: 550, top: 10, bottom: 92, y0: 0, y1: Self.niceCeiling(top * 1.08))
        let name = HTMLText.escape(series.name)
        var svg = "<svg viewBox=\"0 0 560 116\" \(plot.attributes) data-scale=\"\(pValue ? "neglog10" : "linear")\" "
        svg += "role=\"img\" aria-label=\"\(name): \(statistic) per window\">"
        let threshold = series.entries.last?.feature.primary.threshold ?? .nan
        let note = Self.thresholdNote(
            threshold, source: series.entries.last?.feature.primary.thresholdSource,
            sources: series.entries.map(\.feature.primary))
        let shownThreshold = Self.plotted(threshold, statistic: statistic)
        svg += plot.yGrid([0, plot.y1 / 2, plot.y1], avoiding: shownThreshold.isFinite ? shownThreshold : nil) {
            HTMLText.number($0)
        }
        if let detail {
            let x0 = plot.x(Double(detail.startMs))
            svg += "<rect class=\"chosen\" x=\"\(HTMLText.coordinate(x0))\" y=\"\(HTMLText.coordinate(plot.top))\" "
            svg += "width=\"\(HTMLText.coordinate(max(1.5, plot.x(Double(detail.endMs)) - x0)))\" "
            svg += "height=\"\(HTMLText.coordinate(plot.bottom - plot.top))\"/>"
        }
        let source = series.entries.last?.feature.primary.thresholdSource
        svg += thresholdPath(
            plot, series.entries.enumerated().map { ($1.window.startMs, $1.window.endMs, thresholds[$0]) },
            label: HTMLText.number(shownThreshold), note: "threshold " + note, source: source)
        for (index, version) in versions.enumerated() {
            let points = series.entries.enumerated().filter { $1.window.version == version }.map { offset, entry in
                (x: Self.middle(entry.window), y: entry.feature.isScored ? Optional(values[offset]) : nil)
            }
            guard !points.isEmpty else { continue }
            svg += "<path class=\"v\(index == 0 ? "" : " v3")\" data-series=\"value\" "
            svg += "data-version=\"\(HTMLText.escape(version))\" d=\"\(plot.path(points))\"/>"
        }
        // Triangles shrink when windows are dense (about 4.5 px wide per window at most), so they stay apart.
        let size = min(4.0, max(1.5, (plot.right - plot.left) / Double(max(1, windows.count)) / 2))
        let half = HTMLText.coordinate(size)
        let tail = "l\(half) \(HTMLText.coordinate(size * 1.75))h-\(HTMLText.coordinate(size * 2))z"
        var markers = ""
        for (offset, entry) in series.entries.enumerated() where entry.feature.drift && values[offset].isFinite {
            markers += "M\(HTMLText.coordinate(plot.x(Self.middle(entry.window)))) "
            markers += HTMLText.coordinate(plot.y(values[offset]) - size * 1.1) + tail
        }
        if !markers.isEmpty { svg += "<path class=\"marker\" data-series=\"drift\" d=\"\(markers)\"/>" }
        svg += plot.timeAxis(maximumTicks: 5) + "</svg>"

        var caption = "<figcaption><b>\(name)</b>\(series.name == "@prediction" ? " (model output)" : "") "
        if let severity = series.severity {
            caption +=
                series.drifted > 0
                ? HTMLStyle.badge("drift", text: "DRIFT") + " in \(series.drifted) of \(series.scored) windows"
                : HTMLStyle.badge("ok") + " in all \(series.scored) scored windows"
            caption += "<br><span class=\"muted\">\(series.kind) · \(pValue ? "−log₁₀ " : "")"
            caption += "\(HTMLText.escape(statistic)), threshold \(HTMLText.escape(note)) · "
            caption += "peak \(HTMLText.number(severity))× threshold</span>"
        } else {
            let reason = series.entries.last?.feature.primary.reason ?? "no verdict"
            caption += HTMLStyle.badge("insufficient", text: "no verdict")
            caption += "<br><span class=\"muted\">\(series.kind) · \(HTMLText.escape(statistic)) · "
            caption += HTMLText.escape(reason) + "</span>"
        }
        caption += "</figcaption>"
        var figure =
            "<figure class=\"feature\" data-feature=\"\(name)\" data-statistic=\"\(HTMLText.escape(statistic))\" "
        figure += "data-severity=\"\(HTMLText.exact(series.severity ?? .nan))\">"
        return figure + caption + svg + "</figure>\n"
    }
}
