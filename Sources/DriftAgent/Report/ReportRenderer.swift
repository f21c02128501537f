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
            json.member("schema_version", Report.schemaVersion)
            json.member("generated_by", "driftwatch")
            json.array("models") { json in
                for summary in report.models { write(summary, to: &json) }
            }
            json.array("windows") { json in
                for window in report.windows { write(window, to: &json) }
            }
            let successors = DecisionRenderer.supersessions(report.decisions.map(\.decision))
            json.array("decisions") { json in
                for decision in report.decisions {
                    writeDecision(decision, supersededBy: successors[decision.decision.id], to: &json)
                }
            }
            json.array("horizons") { json in
                for horizon in report.horizons { write(horizon, to: &json) }
            }
        }
        return writer.text + "\n"
    }

    private static func write(_ summary: Report.ModelSummary, to json: inout JSONWriter) {
        json.object { json in
            json.member("model", summary.model)
            json.member("versions", summary.versions)
            json.member("windows", summary.windows)
            json.member("drifted_windows", summary.driftedWindows)
            json.member("rows", summary.rows)
            json.member("first_start", timestamp: summary.firstStartMs)
            json.member("last_end", timestamp: summary.lastEndMs)
            json.array("per_version") { json in
                for version in summary.perVersion {
                    json.object { json in
                        json.member("version", version.version)
                        json.member("windows", version.windows)
                        json.member("drifted_windows", version.driftedWindows)
                        json.member("rows", version.rows)
                        json.member("performance", version.performance, write)
                    }
                }
            }
            json.member("budget", summary.budget, writeBudget)
            json.member("warnings", summary.warnings)
        }
    }

    private static func write(_ window: Report.Window, to json: inout JSONWriter) {
        json.object { json in
            json.member("model", window.model)
            json.member("version", window.version)
            json.member("start", timestamp: window.startMs)
            json.member("end", timestamp: window.endMs)
            json.member("rows", window.rows)
            writeCounts("bad_lines", window.badLines, to: &json)
            writeScoring(window, to: &json)
            json.member("label", window.label, write)
            json.member("label_revision", window.labelRevision)
            json.member("regression", window.regression) { regression, json in
                json.object { json in
                    json.member("labeled_rows", regression.count)
                    json.member("mae", regression.mae)
                    json.member("rmse", regression.rmse)
                    json.member("mape", regression.mape)
                }
            }
            json.member("multiclass", window.multiclass) { multiclass, json in
                json.object { json in
                    json.member("labeled_rows", multiclass.count)
                    json.member("accuracy", multiclass.accuracy)
                    json.member("macro_f1", multiclass.macroF1)
                }
            }
            json.member("learned_chunk_rows", window.learnedChunkRows)
            json.member("warnings", window.warnings)
        }
    }

    /// Writes the members a window and a horizon share, `features` to `estimated` (docs/REPORT.md).
    static func writeScoring(_ scored: some Report.Scored, to json: inout JSONWriter) {
        json.array("features") { json in
            for feature in scored.features { write(feature, to: &json) }
        }
        json.member("prediction", scored.prediction, write)
        json.member("drifted_features", scored.driftedFeatures)
        json.member("scored_features", scored.scoredFeatures)
        json.member("drift_share", scored.driftShare)
        json.member("drift_share_threshold", scored.driftShareThreshold)
        json.member("drift", scored.drift)
        json.member("performance", scored.performance, write)
        json.member("estimated", scored.estimated, write)
    }

    /// Writes an object member of counts by reason (`bad_lines`, `denials`, …), in the given order.
    static func writeCounts(_ name: String, _ counts: [Report.ReasonCount], to json: inout JSONWriter) {
        json.object(name) { json in
            for count in counts { json.member(count.reason, count.count) }
        }
    }

    /// Writes the `estimated` object of docs/REPORT.md (shared with `status`).
    static func write(_ estimated: Report.Estimated, to json: inout JSONWriter) {
        json.object { json in
            json.member("rows", estimated.rows)
            json.member("baseline_labeled_rows", estimated.baselineLabeledRows)
            let figures = [
                ("accuracy", estimated.accuracy), ("precision", estimated.precision), ("recall", estimated.recall),
                ("f1", estimated.f1), ("auc", estimated.auc),
            ]
            for (name, figure) in figures {
                json.member(name, figure) { figure, json in
                    json.object { json in
                        json.member("value", figure.value)
                        json.member("std", figure.standardError)
                    }
                }
            }
        }
    }

    /// Writes one `features[]` element (or the `prediction`, or the `label`) of docs/REPORT.md.
    static func write(_ feature: Report.Feature, to json: inout JSONWriter) {
        json.object { json in
            json.member("name", feature.name)
            json.member("kind", feature.kind)
            json.object("statistics") { json in
                for statistic in feature.statistics {
                    json.member(statistic.test, statistic.value)
                }
            }
            json.object("p_values") { json in
                for pValue in feature.pValues {
                    json.member(pValue.test, pValue.value)
                }
            }
            json.object("primary") { json in
                json.member("statistic", feature.primary.statistic)
                json.member("value", feature.primary.value)
                json.member("threshold", feature.primary.threshold)
                json.member("threshold_source", feature.primary.thresholdSource)
                json.member("verdict", feature.primary.verdict)
                if let reason = feature.primary.reason { json.member("reason", reason) }
            }
            json.member("drift", feature.drift)
        }
    }

    /// Writes the `performance` object of docs/REPORT.md (shared with `status`).
    static func write(_ performance: Report.Performance, to json: inout JSONWriter) {
        json.object { json in
            json.member("labeled_rows", performance.labeledRows)
            let figures: [(String, Double?)] = [
                ("accuracy", performance.accuracy), ("precision", performance.precision),
                ("recall", performance.recall), ("f1", performance.f1), ("auc", performance.auc),
                ("log_loss", performance.logLoss), ("brier", performance.brier),
            ]
            for (name, value) in figures {
                json.member(name, value)
            }
            json.member("label_coverage", performance.labelCoverage)
            json.member("calibration_error", performance.calibrationError)
        }
    }
}
