import DriftCore
import DriftIngest

extension ReportRenderer {
    /// Writes one `horizons[]` element of docs/REPORT.md.
    static func write(_ horizon: Report.Horizon, to json: inout JSONWriter) {
        json.object { json in
            json.member("model", horizon.model)
            json.member("version", horizon.version)
            json.member("horizon", horizon.label)
            json.member("horizon_seconds", horizon.lengthMilliseconds / 1000)
            json.member("start", timestamp: horizon.startMs)
            json.member("end", timestamp: horizon.endMs)
            json.member("windows", horizon.windows)
            json.member("rows", horizon.rows)
            writeScoring(horizon, to: &json)
            json.member("baseline_performance", horizon.baselinePerformance, write)
            json.member("warnings", horizon.warnings)
        }
    }

    /// The horizons as table lines: one header per horizon, one line per feature, then realised
    /// and estimated performance next to the baseline's.
    static func horizonsTable(_ horizons: [Report.Horizon], marker: String) -> String {
        var text = ""
        for horizon in horizons {
            let version = horizon.version.isEmpty ? "\"\"" : horizon.version
            let share = "\(horizon.driftedFeatures)/\(horizon.scoredFeatures)"
            text +=
                "\nhorizon \(horizon.label): \(horizon.model) \(version)  "
                + "\(Timestamp.format(milliseconds: horizon.startMs)) .. \(Timestamp.format(milliseconds: horizon.endMs))"
                + "  \(horizon.windows) windows  rows \(horizon.rows)  drift share \(share)"
                + (horizon.drift ? "  \(marker)" : "") + "\n"
            for feature in horizon.features + (horizon.prediction.map { [$0] } ?? []) {
                text +=
                    "  \(feature.name)  \(feature.primary.statistic) \(fixed(feature.primary.value))"
                    + " / \(fixed(feature.primary.threshold))  "
                    + (feature.drift ? marker : feature.primary.verdict.replacingOccurrences("_", " ")) + "\n"
            }
            text += "  performance: " + figures(horizon.performance) + "\n"
            if let accuracy = horizon.estimated.accuracy, let auc = horizon.estimated.auc {
                text +=
                    "  estimated:   accuracy \(fixed(accuracy.value)) ± \(fixed(accuracy.standardError)), "
                    + "auc \(fixed(auc.value)) ± \(fixed(auc.standardError))\n"
            }
            text += "  baseline:    " + figures(horizon.baselinePerformance) + "\n"
            for warning in horizon.warnings { text += "  warning: \(warning)\n" }
        }
        return text
    }

    private static func figures(_ performance: Report.Performance) -> String {
        "\(performance.labeledRows) labelled, accuracy \(performance.accuracy.map { fixed($0) } ?? "-"), "
            + "auc \(performance.auc.map { fixed($0) } ?? "-")"
    }
}

extension String {
    /// The string with every `target` replaced by `replacement` (no Foundation).
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
