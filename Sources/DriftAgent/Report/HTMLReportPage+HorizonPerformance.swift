import DriftCore

extension HTMLReportPage {
    /// One figure of a horizon's performance chart: what it is and its value.
    private struct Figure {
        /// `realised`, `estimated` or `baseline` (`data-series`).
        var series: String
        /// The value; `nil` when there is none.
        var value: Double?
        /// The estimate's standard error.
        var standardError: Double?
        /// The labelled rows behind a realised or baseline figure.
        var rows: UInt64?
    }

    /// A legend swatch of a horizon performance mark: `realised`, `estimated` or `baseline`.
    static func performanceSwatch(_ series: String) -> String {
        "<svg viewBox=\"0 0 34 14\" aria-hidden=\"true\">" + performanceMark(series, x: 17, y: 7, spread: 9) + "</svg>"
    }

    /// The mark of a figure centred at (`x`, `y`): a solid dot (realised), an open diamond with a
    /// whisker `spread` pixels each way (estimated), or a black bar (baseline).
    private static func performanceMark(_ series: String, x: Double, y: Double, spread: Double = 0) -> String {
        let cx = HTMLText.coordinate(x)
        let cy = HTMLText.coordinate(y)
        switch series {
        case "realised":
            return "<circle class=\"dot-realised\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"4.5\"/>"
        case "estimated":
            var svg = ""
            if spread > 0 {
                svg += "<path class=\"whisker\" d=\"M\(HTMLText.coordinate(x - spread)) \(cy)"
                svg += "H\(HTMLText.coordinate(x + spread))M\(HTMLText.coordinate(x - spread)) "
                svg +=
                    "\(HTMLText.coordinate(y - 4))v8M\(HTMLText.coordinate(x + spread)) \(HTMLText.coordinate(y - 4))v8\"/>"
            }
            return svg
                + "<path class=\"dot-estimated\" d=\"M\(cx) \(HTMLText.coordinate(y - 5.5))l5.5 5.5l-5.5 5.5l-5.5 -5.5z\"/>"
        default:
            return
                "<rect class=\"dot-baseline\" x=\"\(HTMLText.coordinate(x - 1.5))\" y=\"\(HTMLText.coordinate(y - 6))\" "
                + "width=\"3\" height=\"12\"/>"
        }
    }

    /// Accuracy and ROC AUC of a horizon, each in three lanes: realised, estimated (± 2 standard
    /// errors) and the baseline's, on one axis from the quarter below the lowest figure to 1.
    func horizonPerformanceFigure(_ horizon: Report.Horizon) -> String {
        let realised = horizon.performance.labeledRows > 0 ? horizon.performance : Report.Performance()
        let baseline = horizon.baselinePerformance
        let metrics: [(name: String, title: String, figures: [Figure])] = [
            (
                "accuracy", "accuracy",
                [
                    Figure(series: "realised", value: realised.accuracy, rows: realised.labeledRows),
                    Figure(
                        series: "estimated", value: horizon.estimated.accuracy?.value,
                        standardError: horizon.estimated.accuracy?.standardError),
                    Figure(series: "baseline", value: baseline.accuracy, rows: baseline.labeledRows),
                ]
            ),
            (
                "auc", "ROC AUC",
                [
                    Figure(series: "realised", value: realised.auc, rows: realised.labeledRows),
                    Figure(
                        series: "estimated", value: horizon.estimated.auc?.value,
                        standardError: horizon.estimated.auc?.standardError),
                    Figure(series: "baseline", value: baseline.auc, rows: baseline.labeledRows),
                ]
            ),
        ]
        var lowest = 1.0
        for figure in metrics.flatMap(\.figures) {
            guard let value = figure.value, value.isFinite else { continue }
            lowest = min(lowest, value - 2 * (figure.standardError ?? 0))
        }
        let start = max(0, min(0.75, (lowest * 4).rounded(.down) / 4))
        let lane = 17.0
        let gap = 10.0
        let plot = SVGPlot(
            left: 130, right: 380, top: 6, bottom: 6 + 6 * lane + gap, x0: start, x1: 1, y0: 0, y1: 0)
        var svg = "<svg viewBox=\"0 0 560 \(Int(plot.bottom + 22))\" \(plot.attributes) role=\"img\" "
        svg += "aria-label=\"Horizon \(HTMLText.escape(horizon.label)): realised, estimated and baseline performance\">"
        let step = 1 - start <= 0.25 ? 0.05 : 1 - start <= 0.5 ? 0.1 : 0.25
        for tick in (0...Int(((1 - start) / step).rounded())).map({ start + Double($0) * step }) {
            let x = HTMLText.coordinate(plot.x(tick))
            svg += "<line class=\"grid-line\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(HTMLText.coordinate(plot.top))\" "
            svg += "y2=\"\(HTMLText.coordinate(plot.bottom))\"/><text x=\"\(x)\" "
            svg +=
                "y=\"\(HTMLText.coordinate(plot.bottom + 14))\" text-anchor=\"middle\">\(HTMLText.number(tick))</text>"
        }
        for (group, metric) in metrics.enumerated() {
            let groupTop = plot.top + Double(group) * (3 * lane + gap)
            svg +=
                "<text class=\"row-label\" x=\"4\" y=\"\(HTMLText.coordinate(groupTop + lane * 1.5))\" dy=\"0.32em\" "
            svg += "font-weight=\"600\">\(metric.title)</text>"
            for (index, figure) in metric.figures.enumerated() {
                svg += performanceLane(
                    figure, metric: metric.name, plot: plot, y: groupTop + (Double(index) + 0.5) * lane)
            }
        }
        svg +=
            "<line class=\"axis\" x1=\"\(HTMLText.coordinate(plot.left))\" x2=\"\(HTMLText.coordinate(plot.right))\" "
        svg += "y1=\"\(HTMLText.coordinate(plot.bottom))\" y2=\"\(HTMLText.coordinate(plot.bottom))\"/></svg>"
        let caption =
            "<figcaption><b>Performance</b> <span class=\"muted\">realised vs estimated vs baseline</span></figcaption>"
        return "<figure class=\"horizon-performance\" data-horizon=\"\(HTMLText.escape(horizon.label))\">" + caption
            + svg + "</figure>"
    }

    private func performanceLane(_ figure: Figure, metric: String, plot: SVGPlot, y: Double) -> String {
        var words = "–"
        if let value = figure.value, value.isFinite {
            words = HTMLText.number(value)
            if let error = figure.standardError, error.isFinite { words += " ± " + HTMLText.number(2 * error) }
        }
        if let rows = figure.rows { words += rows > 0 ? " (\(HTMLText.count(rows)) labelled rows)" : " (no labels)" }
        var svg = "<g class=\"horizon-performance-figure\" data-metric=\"\(metric)\" data-series=\"\(figure.series)\" "
        svg += "data-value=\"\(HTMLText.exact(figure.value ?? .nan))\" "
        svg += figure.standardError.map { "data-std=\"\(HTMLText.exact($0))\" " } ?? ""
        svg += "><title>\(metric) \(figure.series): \(words)</title>"
        svg +=
            "<line class=\"grid-line\" x1=\"\(HTMLText.coordinate(plot.left))\" x2=\"\(HTMLText.coordinate(plot.right))\" "
        svg += "y1=\"\(HTMLText.coordinate(y))\" y2=\"\(HTMLText.coordinate(y))\"/>"
        svg += "<text x=\"\(HTMLText.coordinate(plot.left - 6))\" y=\"\(HTMLText.coordinate(y))\" dy=\"0.32em\" "
        svg += "text-anchor=\"end\">\(figure.series)</text>"
        if let value = figure.value, value.isFinite {
            let spread = (figure.standardError ?? 0) * 2
            let low = plot.x(max(plot.x0, value - spread))
            let high = plot.x(min(1, value + spread))
            let x = plot.x(value)
            if figure.series == "estimated", spread > 0 {
                svg += "<path class=\"whisker\" d=\"M\(HTMLText.coordinate(low)) \(HTMLText.coordinate(y))"
                svg += "H\(HTMLText.coordinate(high))M\(HTMLText.coordinate(low)) \(HTMLText.coordinate(y - 4))v8"
                svg += "M\(HTMLText.coordinate(high)) \(HTMLText.coordinate(y - 4))v8\"/>"
            }
            svg += Self.performanceMark(figure.series, x: x, y: y, spread: 0)
        }
        svg += "<text x=\"\(HTMLText.coordinate(plot.right + 8))\" y=\"\(HTMLText.coordinate(y))\" dy=\"0.32em\">"
        return svg + "\(words)</text></g>"
    }
}
