import DriftCore
import DriftIngest

extension ReportRenderer {
    /// Writes the `horizons` array of docs/REPORT.md.
    static func writeHorizons(_ horizons: [Report.Horizon], to json: inout JSONWriter) {
        json.array { json in
            for horizon in horizons {
                json.object { json in
                    json.key("model")
                    json.value(horizon.model)
                    json.key("version")
                    json.value(horizon.version)
                    json.key("horizon")
                    json.value(horizon.label)
                    json.key("horizon_seconds")
                    json.value(horizon.lengthMilliseconds / 1000)
                    json.key("start")
                    json.value(Timestamp.format(milliseconds: horizon.startMs))
                    json.key("end")
                    json.value(Timestamp.format(milliseconds: horizon.endMs))
                    json.key("windows")
                    json.value(horizon.windows)
                    json.key("rows")
                    json.value(horizon.rows)
                    json.key("features")
                    json.array { json in for feature in horizon.features { write(feature, to: &json) } }
                    json.key("prediction")
                    if let prediction = horizon.prediction { write(prediction, to: &json) } else { json.null() }
                    json.key("drifted_features")
                    json.value(horizon.driftedFeatures)
                    json.key("scored_features")
                    json.value(horizon.scoredFeatures)
                    json.key("drift_share")
                    json.value(horizon.driftShare)
                    json.key("drift_share_threshold")
                    json.value(horizon.driftShareThreshold)
                    json.key("drift")
                    json.value(horizon.drift)
                    json.key("performance")
                    write(horizon.performance, to: &json)
                    json.key("estimated")
                    write(horizon.estimated, to: &json)
                    json.key("baseline_performance")
                    write(horizon.baselinePerformance, to: &json)
                    json.key("warnings")
                    writeWarnings(horizon.warnings, to: &json)
                }
            }
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
