import DriftCore
import DriftIngest

extension ReportRenderer {
    /// The marker of a drifted feature or window in the table.
    public static let driftMarker = "▲ DRIFT"

    /// The report as a terminal table: per window a header line (time range, rows, bad lines,
    /// drift share, verdict), then one line per feature (kind, primary statistic, value against
    /// threshold, verdict), then a summary per model.
    /// - Parameter color: wrap drift markers in ANSI red (for a terminal).
    /// - Complexity: O(size of the report).
    public static func table(_ report: Report, color: Bool = false) -> String {
        guard !report.windows.isEmpty else {
            return "no windows stored for this selection (run `driftwatch backfill` first)\n"
        }
        let marker = color ? "\u{1B}[1;31m\(driftMarker)\u{1B}[0m" : driftMarker
        var text = ""
        for window in report.windows {
            text += header(window, marker: marker) + "\n"
            let rows = window.features + (window.prediction.map { [$0] } ?? [])
            let width = max(12, rows.map(\.name.count).max() ?? 0)
            text +=
                "  " + pad("feature", width) + "  " + pad("kind", 11) + "  " + pad("statistic", 11) + "  "
                + padLeft("value", 9) + "  " + padLeft("threshold", 9) + "  verdict\n"
            for feature in rows {
                text +=
                    "  " + pad(feature.name, width) + "  " + pad(feature.kind, 11) + "  "
                    + pad(feature.primary.statistic, 11) + "  " + padLeft(fixed(feature.primary.value), 9) + "  "
                    + padLeft(fixed(feature.primary.threshold), 9) + "  " + verdict(feature, marker: marker) + "\n"
            }
            let learned = rows.filter { $0.primary.thresholdSource == ThresholdSource.learned.rawValue }
            if !learned.isEmpty {
                text += "  thresholds learned from the baseline: " + learned.map(\.name).joined(separator: ", ") + "\n"
            }
            for warning in window.warnings { text += "  warning: \(warning)\n" }
            if window.performance.labeledRows > 0 { text += performanceLine(window.performance) + "\n" }
            if let line = estimatedLine(window.estimated) { text += line + "\n" }
            text += "\n"
        }
        for summary in report.models {
            text +=
                "\(summary.model): \(summary.windows) windows, \(summary.driftedWindows) drifted, "
                + "\(summary.rows) rows, versions \(summary.versions.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")), "
                + "\(Timestamp.format(milliseconds: summary.firstStartMs)) .. "
                + "\(Timestamp.format(milliseconds: summary.lastEndMs))\n"
            for warning in summary.warnings { text += "  warning: \(warning)\n" }
            guard summary.perVersion.count > 1 else { continue }
            for version in summary.perVersion {
                let performance = version.performance
                text +=
                    "  version \(version.version.isEmpty ? "\"\"" : version.version): \(version.windows) windows, "
                    + "\(version.driftedWindows) drifted, \(version.rows) rows, \(performance.labeledRows) labelled, "
                    + "accuracy \(performance.accuracy.map { fixed($0) } ?? "-"), auc \(performance.auc.map { fixed($0) } ?? "-")\n"
            }
        }
        return text + horizonsTable(report.horizons, marker: marker)
    }

    private static func estimatedLine(_ estimated: Report.Estimated) -> String? {
        let figures = [
            ("accuracy", estimated.accuracy), ("precision", estimated.precision), ("recall", estimated.recall),
            ("f1", estimated.f1), ("auc", estimated.auc),
        ]
        guard figures.contains(where: { $0.1 != nil }) else { return nil }
        return "  estimated from scores: "
            + figures.map { name, figure in
                "\(name) " + (figure.map { "\(fixed($0.value)) ± \(fixed($0.standardError))" } ?? "-")
            }.joined(separator: ", ")
    }

    private static func header(_ window: Report.Window, marker: String) -> String {
        var line = "\(window.model) \(window.version.isEmpty ? "\"\"" : window.version)  "
        line += "\(Timestamp.format(milliseconds: window.startMs)) .. \(Timestamp.format(milliseconds: window.endMs))"
        line += "  rows \(window.rows)  bad lines \(window.badLineTotal)"
        if !window.badLines.isEmpty {
            line += " (" + window.badLines.map { "\($0.reason) \($0.count)" }.joined(separator: ", ") + ")"
        }
        line += "  drift share \(window.driftedFeatures)/\(window.scoredFeatures)"
        if let share = window.driftShare { line += " = \(fixed(share, digits: 2))" }
        line += " (threshold \(fixed(window.driftShareThreshold, digits: 2)))  "
        if window.scoredFeatures == 0 {
            line += "insufficient data"
        } else {
            line += window.drift ? marker : "ok"
        }
        return line
    }

    private static func verdict(_ feature: Report.Feature, marker: String) -> String {
        switch feature.primary.verdict {
        case "drift": marker
        case "ok": "ok"
        default: "insufficient data" + (feature.primary.reason.map { ": \($0)" } ?? "")
        }
    }

    private static func performanceLine(_ performance: Report.Performance) -> String {
        let figures: [(String, Double?)] = [
            ("accuracy", performance.accuracy), ("precision", performance.precision), ("recall", performance.recall),
            ("f1", performance.f1), ("auc", performance.auc), ("log loss", performance.logLoss),
            ("brier", performance.brier),
        ]
        return "  performance on \(performance.labeledRows) labelled rows: "
            + figures.map { "\($0.0) \($0.1.map { fixed($0) } ?? "-")" }.joined(separator: ", ")
    }

    /// `value` with `digits` decimals (rounded half away from zero), `-` when not finite.
    package static func fixed(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return "\(value)" }
        let units = Int64(scaled)
        let whole = units / Int64(scale)
        let fraction = String(units % Int64(scale))
        let sign = value < 0 && units != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
