extension HTMLReportPage {
    /// The detail window's section: its verdict, a feature table, and per feature the baseline vs
    /// window distribution (overlaid histogram for numeric features, bars with the unseen bucket for
    /// categorical ones).
    func windowSection() -> String {
        guard let detail else { return "" }
        let state = Self.state(of: detail)
        var text =
            "<section id=\"window\" data-start=\"\(detail.startMs)\" data-version=\"\(HTMLText.escape(detail.version))\">"
        text += "<h2>Window \(HTMLText.time(detail.startMs)) – \(HTMLText.time(detail.endMs)) UTC"
        text += versions.count > 1 ? ", version \(HTMLText.escape(Self.versionLabel(detail.version)))" : ""
        text += " \(HTMLStyle.badge(state))</h2>\n<p>\(HTMLText.count(detail.rows)) rows, "
        text += "\(HTMLText.count(detail.badLineTotal)) bad lines; \(detail.driftedFeatures) of "
        text += "\(detail.scoredFeatures) scored features drifted"
        if let share = detail.driftShare {
            text += " (share \(HTMLText.number(share)) \(share >= detail.driftShareThreshold ? "≥" : "<") "
            text += "\(HTMLText.number(detail.driftShareThreshold)))"
        }
        text += ". Shown because it is "
        text += detail.drift ? "the latest drifted window" : "the latest window"
        text += " unless <code>--window-start</code> names another.</p>\n"
        let order = features.map(\.name)
        text += featureTable(detail.features + (detail.prediction.map { [$0] } ?? []), order: order)
        guard let distributions else {
            return text + "<p><strong>No baseline is stored for this model</strong>: there is nothing to compare "
                + "the window with. Import or create one with <code>driftwatch baseline</code>.</p></section>\n"
        }
        text += "<h3>Baseline vs window</h3>\n<p class=\"muted\">Against the baseline "
        text += "\(HTMLText.escape(distributions.baseline)). Numeric features: share of values in each baseline bin "
        text += "(the bins PSI compares; deciles of the baseline, so its bars are near 10 %). Categorical features: "
        text += "share per category, rare baseline categories lumped as (other), categories the baseline never "
        text += "saw as (unseen).</p>\n"
        text += "<div class=\"legend\"><span>\(HTMLStyle.swatch(barClass: "bar-window"))window</span>"
        text += "<span>\(HTMLStyle.swatch(barClass: "bar-baseline"))baseline (dashed outline)</span>"
        text += "<span>\(HTMLStyle.swatch(barClass: "bar-unseen"))window, unseen categories</span></div>\n"
        text += "<div class=\"grid\">\n"
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = distributions.features.sorted {
            (rank[$0.name] ?? .max, $0.name) < (rank[$1.name] ?? .max, $1.name)
        }
        for feature in sorted {
            text += feature.kind == "categorical" ? categoryFigure(feature) : histogramFigure(feature)
        }
        return text + "</div></section>\n"
    }

    /// A table of `features` (and the prediction), in `order` (by name after it): statistic, value,
    /// threshold and where it came from (`threshold_source`), verdict.
    func featureTable(_ features: [Report.Feature], order: [String]) -> String {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = features.sorted {
            (rank[$0.name] ?? .max, $0.name) < (rank[$1.name] ?? .max, $1.name)
        }
        var text = "<table class=\"features\"><thead><tr><th>feature</th><th>kind</th><th>statistic</th>"
        text += "<th class=\"n\">value</th><th class=\"n\">threshold</th><th>threshold from</th><th>verdict</th>"
        text += "</tr></thead><tbody>\n"
        for feature in rows {
            let state = feature.drift ? "drift" : feature.isScored ? "ok" : "insufficient"
            let source = feature.primary.thresholdSource
            text += "<tr data-feature=\"\(HTMLText.escape(feature.name))\""
            text += source.map { " data-threshold-source=\"\(HTMLText.escape($0))\"" } ?? ""
            text += "><td class=\"name\">\(HTMLText.escape(feature.name))</td>"
            text += "<td>\(feature.kind)</td><td>\(HTMLText.escape(feature.primary.statistic))</td>"
            text += "<td class=\"n\">\(HTMLText.number(feature.primary.value))</td>"
            text += "<td class=\"n\">\(HTMLText.number(feature.primary.threshold))</td>"
            text += "<td>\(HTMLText.escape(source ?? "not recorded"))</td><td>"
            text += HTMLStyle.badge(
                state, text: state == "insufficient" ? "insufficient data: \(feature.primary.reason ?? "")" : nil)
            text += "</td></tr>\n"
        }
        return text + "</tbody></table>\n"
    }

    private func caption(_ feature: WindowDistributions.Feature) -> String {
        var text = "<figcaption><b>\(HTMLText.escape(feature.name))</b> <span class=\"muted\">\(feature.kind) · "
        text += "baseline \(HTMLText.count(Int64(feature.baselineCount.rounded()))) values, window "
        text += "\(HTMLText.count(Int64(feature.windowCount.rounded()))) values"
        text += feature.isExact ? "" : " · shares estimated from sketches"
        return text + "</span></figcaption>"
    }

    private func bucketTitle(_ feature: WindowDistributions.Feature, _ index: Int) -> String {
        "<title>\(HTMLText.escape(feature.buckets[index])): baseline \(HTMLText.percent(feature.baselineShares[index])), "
            + "window \(HTMLText.percent(feature.windowShares[index]))</title>"
    }

    private func bucketAttributes(_ feature: WindowDistributions.Feature, _ index: Int) -> String {
        "data-bucket=\"\(HTMLText.escape(feature.buckets[index]))\" "
            + "data-baseline=\"\(HTMLText.exact(feature.baselineShares[index]))\" "
            + "data-window=\"\(HTMLText.exact(feature.windowShares[index]))\""
    }

    /// Vertical bars per baseline bin: the window's filled, the baseline's a dashed outline on top.
    private func histogramFigure(_ feature: WindowDistributions.Feature) -> String {
        let count = feature.buckets.count
        let top = (feature.baselineShares + feature.windowShares).filter(\.isFinite).max() ?? 1
        let plot = SVGPlot(
            left: 48, right: 550, top: 10, bottom: 126, x0: 0, x1: Double(count), y0: 0,
            y1: Self.niceCeiling(top * 1.08))
        var svg = "<svg viewBox=\"0 0 560 150\" \(plot.attributes) role=\"img\" "
        svg += "aria-label=\"\(HTMLText.escape(feature.name)): baseline and window shares per bin\">"
        svg += plot.yGrid([0, plot.y1 / 2, plot.y1]) { HTMLText.percent($0) }
        let slot = (plot.right - plot.left) / Double(max(1, count))
        for index in 0..<count {
            let x = plot.left + Double(index) * slot
            svg += "<g class=\"bucket\" \(bucketAttributes(feature, index))>" + bucketTitle(feature, index)
            for (share, cls, inset) in [
                (feature.windowShares[index], "bar-window", 0.14), (feature.baselineShares[index], "bar-baseline", 0.1),
            ] where share.isFinite {
                let y = plot.y(share)
                svg +=
                    "<rect class=\"\(cls)\" x=\"\(HTMLText.coordinate(x + slot * inset))\" y=\"\(HTMLText.coordinate(y))\" "
                svg += "width=\"\(HTMLText.coordinate(slot * (1 - 2 * inset)))\" "
                svg += "height=\"\(HTMLText.coordinate(plot.bottom - y))\"/>"
            }
            svg += "</g>"
        }
        svg +=
            "<line class=\"axis\" x1=\"\(HTMLText.coordinate(plot.left))\" x2=\"\(HTMLText.coordinate(plot.right))\" "
        svg += "y1=\"\(HTMLText.coordinate(plot.bottom))\" y2=\"\(HTMLText.coordinate(plot.bottom))\"/>"
        let every = max(1, (feature.edges.count + 9) / 10)
        for (index, edge) in feature.edges.enumerated() where index % every == 0 {
            let x = HTMLText.coordinate(plot.left + Double(index + 1) * slot)
            svg += "<line class=\"axis\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(HTMLText.coordinate(plot.bottom))\" "
            svg += "y2=\"\(HTMLText.coordinate(plot.bottom + 4))\"/>"
            svg += "<text x=\"\(x)\" y=\"\(HTMLText.coordinate(plot.bottom + 15))\" text-anchor=\"middle\">"
            svg += HTMLText.number(edge) + "</text>"
        }
        svg += "</svg>"
        return "<figure class=\"distribution\" data-feature=\"\(HTMLText.escape(feature.name))\" data-kind=\"numeric\">"
            + caption(feature) + svg + "</figure>\n"
    }

    /// Horizontal bars per category bucket, labelled with both shares in words.
    private func categoryFigure(_ feature: WindowDistributions.Feature) -> String {
        let count = feature.buckets.count
        let rowHeight = 18.0
        let top = (feature.baselineShares + feature.windowShares).filter(\.isFinite).max() ?? 1
        let plot = SVGPlot(
            left: 150, right: 440, top: 4, bottom: 4 + Double(count) * rowHeight, x0: 0,
            x1: Self.niceCeiling(top * 1.05), y0: 0, y1: 0)
        let height = plot.bottom + 6
        var svg = "<svg viewBox=\"0 0 560 \(Int(height))\" \(plot.attributes) role=\"img\" "
        svg += "aria-label=\"\(HTMLText.escape(feature.name)): baseline and window shares per category\">"
        svg += "<line class=\"axis\" x1=\"\(HTMLText.coordinate(plot.left))\" x2=\"\(HTMLText.coordinate(plot.left))\" "
        svg += "y1=\"\(HTMLText.coordinate(plot.top))\" y2=\"\(HTMLText.coordinate(plot.bottom))\"/>"
        for index in 0..<count {
            let name = feature.buckets[index]
            let lumped = index >= count - 2 && (name == "(other)" || name == "(unseen)")
            let y = plot.top + Double(index) * rowHeight
            svg += "<g class=\"bucket\" \(bucketAttributes(feature, index))>" + bucketTitle(feature, index)
            svg += "<text class=\"row-label\" x=\"\(HTMLText.coordinate(plot.left - 6))\" "
            svg += "y=\"\(HTMLText.coordinate(y + rowHeight / 2))\" dy=\"0.32em\" text-anchor=\"end\""
            svg += lumped ? " font-style=\"italic\">" : ">"
            svg += HTMLText.escape(HTMLText.truncated(name, 22)) + "</text>"
            let window = feature.windowShares[index]
            let baseline = feature.baselineShares[index]
            if window.isFinite {
                let cls = name == "(unseen)" && lumped ? "bar-unseen" : "bar-window"
                svg += "<rect class=\"\(cls)\" x=\"\(HTMLText.coordinate(plot.left))\" "
                svg +=
                    "y=\"\(HTMLText.coordinate(y + 4))\" width=\"\(HTMLText.coordinate(plot.x(window) - plot.left))\" "
                svg += "height=\"\(HTMLText.coordinate(rowHeight - 8))\"/>"
            }
            if baseline.isFinite {
                svg += "<rect class=\"bar-baseline\" x=\"\(HTMLText.coordinate(plot.left))\" "
                svg +=
                    "y=\"\(HTMLText.coordinate(y + 2))\" width=\"\(HTMLText.coordinate(plot.x(baseline) - plot.left))\" "
                svg += "height=\"\(HTMLText.coordinate(rowHeight - 4))\"/>"
            }
            svg += "<text x=\"\(HTMLText.coordinate(plot.right + 8))\" y=\"\(HTMLText.coordinate(y + rowHeight / 2))\" "
            svg += "dy=\"0.32em\">\(HTMLText.percent(baseline)) → \(HTMLText.percent(window))</text></g>"
        }
        svg += "</svg>"
        return
            "<figure class=\"distribution\" data-feature=\"\(HTMLText.escape(feature.name))\" data-kind=\"categorical\">"
            + caption(feature) + svg + "</figure>\n"
    }
}
