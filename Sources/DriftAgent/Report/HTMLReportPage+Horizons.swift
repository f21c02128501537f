import DriftCore

extension HTMLReportPage {
    /// Features drawn per horizon at most (furthest past their threshold first; the table lists all).
    static let horizonFeatureLimit = 8
    /// The right end of the horizon feature chart's axis at most, in multiples of the threshold.
    static let horizonRatioCap = 5.0

    /// The scoring horizons (`report --horizon`): a table comparing them, then per horizon its
    /// verdict, the features furthest past their thresholds, and realised vs estimated vs
    /// baseline performance side by side. Empty without horizons.
    func horizonSection() -> String {
        guard !horizons.isEmpty else { return "" }
        var text = "<section id=\"horizons\"><h2>Horizons</h2>\n<p class=\"muted\">Each horizon merges the stored "
        text += "windows that start within it before the version's latest window ends, and scores the merged "
        text += "profile against the baseline as one big window (<code>report --horizon</code>; docs/REPORT.md). "
        text += "Features: the primary statistic as a multiple of its threshold (−log₁₀ p against −log₁₀ of the "
        text += "threshold for p-values), so 1× is the threshold for every feature; bars past "
        text += "\(HTMLText.number(Self.horizonRatioCap))× are cut (two white slashes). Performance: realised over "
        text +=
            "the horizon's labelled rows, estimated from its scores (± 2 standard errors), and the baseline's.</p>\n"
        text += horizonTable()
        text += "<div class=\"legend\"><span>\(HTMLStyle.swatch(state: "drift"))▲ feature drifts</span>"
        text += "<span>\(HTMLStyle.swatch(state: "ok"))✓ ok</span>"
        text += "<span>\(HTMLStyle.swatch(lineClass: "t"))threshold (1×)</span>"
        text += "<span>\(Self.performanceSwatch("realised"))realised (dot)</span>"
        text += "<span>\(Self.performanceSwatch("estimated"))estimated ± 2 standard errors (open diamond)</span>"
        text += "<span>\(Self.performanceSwatch("baseline"))baseline (bar)</span></div>\n"
        for horizon in horizons { text += horizonBlock(horizon) }
        return text + "</section>\n"
    }

    /// The horizons side by side in words.
    private func horizonTable() -> String {
        var text = "<table class=\"horizons\"><thead><tr><th>horizon</th>"
        if versions.count > 1 { text += "<th>version</th>" }
        text += "<th>span (UTC)</th><th class=\"n\">windows</th><th class=\"n\">rows</th>"
        text += "<th class=\"n\">drifted / scored</th><th class=\"n\">drift share</th><th>verdict</th>"
        text += "<th class=\"n\">accuracy: realised / estimated / baseline</th>"
        text += "<th class=\"n\">AUC: realised / estimated / baseline</th></tr></thead><tbody>\n"
        for horizon in horizons {
            text += "<tr data-horizon=\"\(HTMLText.escape(horizon.label))\" "
            text +=
                "data-version=\"\(HTMLText.escape(horizon.version))\"><td><b>\(HTMLText.escape(horizon.label))</b></td>"
            if versions.count > 1 { text += "<td>\(HTMLText.escape(Self.versionLabel(horizon.version)))</td>" }
            text += "<td class=\"nowrap\">\(HTMLText.time(horizon.startMs)) – \(HTMLText.time(horizon.endMs))</td>"
            text += "<td class=\"n\">\(horizon.windows)</td><td class=\"n\">\(HTMLText.count(horizon.rows))</td>"
            text += "<td class=\"n\">\(horizon.driftedFeatures) / \(horizon.scoredFeatures)</td>"
            text += "<td class=\"n\">\(HTMLText.number(horizon.driftShare ?? .nan))</td>"
            text += "<td>\(HTMLStyle.badge(Self.state(of: horizon)))</td>"
            text += "<td class=\"n nowrap\">\(Self.figures(horizon, realised: \.accuracy, estimate: \.accuracy))</td>"
            text += "<td class=\"n nowrap\">\(Self.figures(horizon, realised: \.auc, estimate: \.auc))</td></tr>\n"
        }
        return text + "</tbody></table>\n"
    }

    /// `0.886 / 0.867 / 0.9`, `–` for a figure that is missing.
    private static func figures(
        _ horizon: Report.Horizon, realised: KeyPath<Report.Performance, Double?>,
        estimate: KeyPath<Report.Estimated, EstimatedBinaryPerformance.Estimate?>
    ) -> String {
        let realisedValue = horizon.performance.labeledRows > 0 ? horizon.performance[keyPath: realised] : nil
        let baseline =
            horizon.baselinePerformance.labeledRows > 0 ? horizon.baselinePerformance[keyPath: realised] : nil
        return [realisedValue, horizon.estimated[keyPath: estimate]?.value, baseline]
            .map { HTMLText.number($0 ?? .nan) }.joined(separator: " / ")
    }

    /// One horizon: heading, verdict in words, the feature and performance charts, every feature in a table.
    private func horizonBlock(_ horizon: Report.Horizon) -> String {
        let all = horizon.features + (horizon.prediction.map { [$0] } ?? [])
        var text = "<div class=\"horizon\" data-horizon=\"\(HTMLText.escape(horizon.label))\" "
        text += "data-version=\"\(HTMLText.escape(horizon.version))\" data-start=\"\(horizon.startMs)\" "
        text += "data-end=\"\(horizon.endMs)\" data-windows=\"\(horizon.windows)\" data-rows=\"\(horizon.rows)\" "
        text += "data-drifted=\"\(horizon.driftedFeatures)\" data-scored=\"\(horizon.scoredFeatures)\" "
        text += "data-drift-share=\"\(HTMLText.exact(horizon.driftShare ?? .nan))\" "
        text += "data-drift-share-threshold=\"\(HTMLText.exact(horizon.driftShareThreshold))\">"
        text += "<h3>Horizon \(HTMLText.escape(horizon.label))"
        text += versions.count > 1 ? ", version \(HTMLText.escape(Self.versionLabel(horizon.version)))" : ""
        text += ": \(HTMLText.time(horizon.startMs)) – \(HTMLText.time(horizon.endMs)) UTC "
        text += "\(HTMLStyle.badge(Self.state(of: horizon)))</h3>\n<p>\(horizon.windows) windows, "
        text += "\(HTMLText.count(horizon.rows)) rows merged; \(horizon.driftedFeatures) of \(horizon.scoredFeatures) "
        text += "scored features drift"
        if let share = horizon.driftShare {
            text += " (share \(HTMLText.number(share)) \(share >= horizon.driftShareThreshold ? "≥" : "<") "
            text += "\(HTMLText.number(horizon.driftShareThreshold)))"
        }
        text += ".</p>\n<div class=\"grid\">" + horizonFeatureFigure(horizon, all)
        text += horizonPerformanceFigure(horizon) + "</div>\n"
        text += "<details><summary>All \(all.count) features of the \(HTMLText.escape(horizon.label)) horizon</summary>"
        text += featureTable(all, order: Self.byRatio(all).map(\.name)) + "</details></div>\n"
        return text
    }

    /// How many times its threshold a feature's statistic is, as the feature charts draw it
    /// (−log₁₀ p over −log₁₀ threshold for p-values); `nil` without a verdict.
    static func thresholdRatio(_ feature: Report.Feature) -> Double? {
        guard feature.isScored else { return nil }
        let value = plotted(feature.primary.value, statistic: feature.primary.statistic)
        let threshold = plotted(feature.primary.threshold, statistic: feature.primary.statistic)
        guard value.isFinite, threshold.isFinite else { return nil }
        return threshold > 0 ? max(0, value) / threshold : (value > 0 ? .infinity : 0)
    }

    /// Features furthest past their threshold first, those without a verdict last, then by name.
    static func byRatio(_ features: [Report.Feature]) -> [Report.Feature] {
        features.sorted { a, b in
            switch (thresholdRatio(a), thresholdRatio(b)) {
            case let (x?, y?) where x != y: x > y
            case (.some, nil): true
            case (nil, .some): false
            default: a.name < b.name
            }
        }
    }

    /// Horizontal bars: each feature's statistic as a multiple of its threshold, the threshold a
    /// dashed line at 1×, the value, threshold and its source in words beside each bar.
    private func horizonFeatureFigure(_ horizon: Report.Horizon, _ all: [Report.Feature]) -> String {
        let shown = Array(Self.byRatio(all).prefix(Self.horizonFeatureLimit))
        let rowHeight = 20.0
        let largest = shown.compactMap(Self.thresholdRatio).filter(\.isFinite).max() ?? 0
        let axisEnd = min(Self.horizonRatioCap, max(2, Self.niceCeiling(largest * 1.05)))
        let plot = SVGPlot(
            left: 130, right: 330, top: 16, bottom: 16 + Double(shown.count) * rowHeight, x0: 0, x1: axisEnd, y0: 0,
            y1: 0)
        let height = plot.bottom + 20
        var svg = "<svg viewBox=\"0 0 560 \(Int(height))\" \(plot.attributes) role=\"img\" "
        svg += "aria-label=\"Horizon \(HTMLText.escape(horizon.label)): features against their thresholds\">"
        for tick in stride(from: 0.0, through: axisEnd + 1e-9, by: axisEnd <= 2.5 ? 0.5 : 1) {
            let x = HTMLText.coordinate(plot.x(tick))
            svg += "<line class=\"grid-line\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(HTMLText.coordinate(plot.top))\" "
            svg += "y2=\"\(HTMLText.coordinate(plot.bottom))\"/><text x=\"\(x)\" "
            svg +=
                "y=\"\(HTMLText.coordinate(plot.bottom + 13))\" text-anchor=\"middle\">\(HTMLText.number(tick))×</text>"
        }
        for (index, feature) in shown.enumerated() {
            svg += horizonFeatureRow(feature, plot: plot, top: plot.top + Double(index) * rowHeight, height: rowHeight)
        }
        let one = HTMLText.coordinate(plot.x(1))
        svg += "<path class=\"t\" data-series=\"threshold\" d=\"M\(one) \(HTMLText.coordinate(plot.top - 4))"
        svg += "V\(HTMLText.coordinate(plot.bottom))\"/><text class=\"t-label\" x=\"\(one)\" "
        svg += "y=\"\(HTMLText.coordinate(plot.top - 6))\" text-anchor=\"middle\">threshold</text>"
        svg += "<line class=\"axis\" x1=\"\(HTMLText.coordinate(plot.left))\" x2=\"\(HTMLText.coordinate(plot.left))\" "
        svg += "y1=\"\(HTMLText.coordinate(plot.top))\" y2=\"\(HTMLText.coordinate(plot.bottom))\"/></svg>"
        var caption = "<figcaption><b>Features</b> <span class=\"muted\">"
        caption +=
            all.count > shown.count
            ? "the \(shown.count) of \(all.count) furthest past their thresholds" : "all \(all.count), furthest first"
        caption += " · statistic ÷ threshold</span></figcaption>"
        return "<figure class=\"horizon-features\" data-horizon=\"\(HTMLText.escape(horizon.label))\">" + caption + svg
            + "</figure>"
    }

    private func horizonFeatureRow(_ feature: Report.Feature, plot: SVGPlot, top: Double, height: Double) -> String {
        let primary = feature.primary
        let state = feature.drift ? "drift" : feature.isScored ? "ok" : "insufficient"
        let ratio = Self.thresholdRatio(feature)
        var svg = "<g class=\"horizon-feature\" data-feature=\"\(HTMLText.escape(feature.name))\" "
        svg +=
            "data-statistic=\"\(HTMLText.escape(primary.statistic))\" data-value=\"\(HTMLText.exact(primary.value))\" "
        svg += "data-threshold=\"\(HTMLText.exact(primary.threshold))\" "
        svg += primary.thresholdSource.map { "data-threshold-source=\"\(HTMLText.escape($0))\" " } ?? ""
        svg += "data-verdict=\"\(HTMLText.escape(primary.verdict))\" data-ratio=\"\(HTMLText.exact(ratio ?? .nan))\">"
        let words =
            "\(primary.statistic) \(HTMLText.number(primary.value)) vs "
            + Self.thresholdNote(primary.threshold, source: primary.thresholdSource)
        svg += "<title>\(HTMLText.escape(feature.name)): \(HTMLText.escape(words)), \(HTMLStyle.state(state).label)"
        svg += ratio.map { ", \(HTMLText.number($0))× the threshold" } ?? ""
        svg += "</title><text class=\"row-label\" x=\"\(HTMLText.coordinate(plot.left - 6))\" "
        svg += "y=\"\(HTMLText.coordinate(top + height / 2))\" dy=\"0.32em\" text-anchor=\"end\">"
        svg += HTMLText.escape(HTMLText.truncated(feature.name, 18)) + "</text>"
        if let ratio {
            let end = plot.x(min(ratio, plot.x1))
            svg += "<rect class=\"m-\(state)\" x=\"\(HTMLText.coordinate(plot.left))\" "
            svg += "y=\"\(HTMLText.coordinate(top + 4))\" width=\"\(HTMLText.coordinate(end - plot.left))\" "
            svg += "height=\"\(HTMLText.coordinate(height - 8))\"/>"
            if ratio > plot.x1 {
                svg += "<path class=\"cut\" d=\"M\(HTMLText.coordinate(end - 12)) \(HTMLText.coordinate(top + 15))"
                svg += "l4 -10M\(HTMLText.coordinate(end - 7)) \(HTMLText.coordinate(top + 15))l4 -10\"/>"
            }
        }
        svg += "<text x=\"\(HTMLText.coordinate(plot.right + 8))\" y=\"\(HTMLText.coordinate(top + height / 2))\" "
        svg += "dy=\"0.32em\">\(feature.drift ? "▲ " : "")\(HTMLText.escape(words))"
        svg += ratio == nil ? " · \(HTMLText.escape(primary.reason ?? "no verdict"))" : ""
        return svg + "</text></g>"
    }
}
