import DriftCore
import DriftIngest
import DriftStore

/// Renders a ``Report`` as the JSON contract of docs/REPORT.md or as a terminal table.
public enum ReportRenderer {
    /// The report as one pretty-printed JSON object (docs/REPORT.md), ending with a newline.
    ///
    /// Keys are written in a fixed order and non-finite numbers as `null`, so the same store gives
    /// the same bytes.
    /// - Complexity: O(size of the report).
    public static func json(_ report: Report) -> String {
        var writer = JSONWriter(pretty: true)
        writer.object { json in
            json.key("schema_version")
            json.value(Report.schemaVersion)
            json.key("generated_by")
            json.value("driftwatch")
            json.key("models")
            json.array { json in
                for summary in report.models { write(summary, to: &json) }
            }
            json.key("windows")
            json.array { json in
                for window in report.windows { write(window, to: &json) }
            }
            json.key("decisions")
            var successors: [Int64: Int64] = [:]
            for entry in report.decisions {
                if let old = entry.decision.supersedes { successors[old] = entry.decision.id }
            }
            json.array { json in
                for decision in report.decisions {
                    writeDecision(decision, supersededBy: successors[decision.decision.id], to: &json)
                }
            }
            json.key("horizons")
            writeHorizons(report.horizons, to: &json)
        }
        return writer.text + "\n"
    }

    private static func write(_ summary: Report.ModelSummary, to json: inout JSONWriter) {
        json.object { json in
            json.key("model")
            json.value(summary.model)
            json.key("versions")
            json.array { json in
                for version in summary.versions { json.value(version) }
            }
            json.key("windows")
            json.value(summary.windows)
            json.key("drifted_windows")
            json.value(summary.driftedWindows)
            json.key("rows")
            json.value(summary.rows)
            json.key("first_start")
            json.value(Timestamp.format(milliseconds: summary.firstStartMs))
            json.key("last_end")
            json.value(Timestamp.format(milliseconds: summary.lastEndMs))
            json.key("per_version")
            json.array { json in
                for version in summary.perVersion {
                    json.object { json in
                        json.key("version")
                        json.value(version.version)
                        json.key("windows")
                        json.value(version.windows)
                        json.key("drifted_windows")
                        json.value(version.driftedWindows)
                        json.key("rows")
                        json.value(version.rows)
                        json.key("performance")
                        write(version.performance, to: &json)
                    }
                }
            }
            json.key("budget")
            if let budget = summary.budget { writeBudget(budget, to: &json) } else { json.null() }
            json.key("warnings")
            writeWarnings(summary.warnings, to: &json)
        }
    }

    private static func write(_ window: Report.Window, to json: inout JSONWriter) {
        json.object { json in
            json.key("model")
            json.value(window.model)
            json.key("version")
            json.value(window.version)
            json.key("start")
            json.value(Timestamp.format(milliseconds: window.startMs))
            json.key("end")
            json.value(Timestamp.format(milliseconds: window.endMs))
            json.key("rows")
            json.value(window.rows)
            json.key("bad_lines")
            json.object { json in
                for count in window.badLines {
                    json.key(count.reason)
                    json.value(count.count)
                }
            }
            json.key("features")
            json.array { json in
                for feature in window.features { write(feature, to: &json) }
            }
            json.key("prediction")
            if let prediction = window.prediction { write(prediction, to: &json) } else { json.null() }
            json.key("drifted_features")
            json.value(window.driftedFeatures)
            json.key("scored_features")
            json.value(window.scoredFeatures)
            json.key("drift_share")
            json.value(window.driftShare)
            json.key("drift_share_threshold")
            json.value(window.driftShareThreshold)
            json.key("drift")
            json.value(window.drift)
            json.key("performance")
            write(window.performance, to: &json)
            json.key("estimated")
            write(window.estimated, to: &json)
            json.key("label")
            if let label = window.label { write(label, to: &json) } else { json.null() }
            json.key("label_revision")
            json.value(window.labelRevision)
            json.key("regression")
            if let regression = window.regression {
                json.object { json in
                    json.key("labeled_rows")
                    json.value(regression.count)
                    for (name, value) in [
                        ("mae", regression.mae), ("rmse", regression.rmse), ("mape", regression.mape),
                    ] {
                        json.key(name)
                        json.value(value)
                    }
                }
            } else {
                json.null()
            }
            json.key("multiclass")
            if let multiclass = window.multiclass {
                json.object { json in
                    json.key("labeled_rows")
                    json.value(multiclass.count)
                    json.key("accuracy")
                    json.value(multiclass.accuracy)
                    json.key("macro_f1")
                    json.value(multiclass.macroF1)
                }
            } else {
                json.null()
            }
            json.key("learned_chunk_rows")
            if let rows = window.learnedChunkRows { json.value(rows) } else { json.null() }
            json.key("warnings")
            writeWarnings(window.warnings, to: &json)
        }
    }

    /// Writes a `warnings` array of strings (empty when there are none).
    static func writeWarnings(_ warnings: [String], to json: inout JSONWriter) {
        json.array { json in
            for warning in warnings { json.value(warning) }
        }
    }

    /// Writes the `performance` object of docs/REPORT.md (shared with `status`).
    static func writePerformance(_ performance: Report.Performance, to json: inout JSONWriter) {
        write(performance, to: &json)
    }

    /// Writes the `estimated` object of docs/REPORT.md (shared with `status`).
    static func writeEstimated(_ estimated: Report.Estimated, to json: inout JSONWriter) {
        write(estimated, to: &json)
    }

    static func write(_ estimated: Report.Estimated, to json: inout JSONWriter) {
        json.object { json in
            json.key("rows")
            json.value(estimated.rows)
            json.key("baseline_labeled_rows")
            json.value(estimated.baselineLabeledRows)
            let figures = [
                ("accuracy", estimated.accuracy), ("precision", estimated.precision), ("recall", estimated.recall),
                ("f1", estimated.f1), ("auc", estimated.auc),
            ]
            for (name, figure) in figures {
                json.key(name)
                if let figure {
                    json.object { json in
                        json.key("value")
                        json.value(figure.value)
                        json.key("std")
                        json.value(figure.standardError)
                    }
                } else {
                    json.null()
                }
            }
        }
    }

    static func write(_ feature: Report.Feature, to json: inout JSONWriter) {
        json.object { json in
            json.key("name")
            json.value(feature.name)
            json.key("kind")
            json.value(feature.kind)
            json.key("statistics")
            json.object { json in
                for statistic in feature.statistics {
                    json.key(statistic.test)
                    json.value(statistic.value)
                }
            }
            json.key("p_values")
            json.object { json in
                for pValue in feature.pValues {
                    json.key(pValue.test)
                    json.value(pValue.value)
                }
            }
            json.key("primary")
            json.object { json in
                json.key("statistic")
                json.value(feature.primary.statistic)
                json.key("value")
                json.value(feature.primary.value)
                json.key("threshold")
                json.value(feature.primary.threshold)
                json.key("threshold_source")
                if let source = feature.primary.thresholdSource { json.value(source) } else { json.null() }
                json.key("verdict")
                json.value(feature.primary.verdict)
                if let reason = feature.primary.reason {
                    json.key("reason")
                    json.value(reason)
                }
            }
            json.key("drift")
            json.value(feature.drift)
        }
    }

    static func write(_ performance: Report.Performance, to json: inout JSONWriter) {
        json.object { json in
            json.key("labeled_rows")
            json.value(performance.labeledRows)
            let figures: [(String, Double?)] = [
                ("accuracy", performance.accuracy), ("precision", performance.precision),
                ("recall", performance.recall), ("f1", performance.f1), ("auc", performance.auc),
                ("log_loss", performance.logLoss), ("brier", performance.brier),
            ]
            for (name, value) in figures {
                json.key(name)
                json.value(value)
            }
            json.key("label_coverage")
            json.value(performance.labelCoverage)
            json.key("calibration_error")
            json.value(performance.calibrationError)
        }
    }
}
