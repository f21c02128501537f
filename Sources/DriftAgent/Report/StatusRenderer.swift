import DriftCore
import DriftIngest
import DriftStore

/// Renders ``Status`` as text for a terminal or as JSON for scripts.
public enum StatusRenderer {
    /// Human-readable status: one block per model version, then the ingest counters.
    public static func text(_ status: Status, statePath: String) -> String {
        var text = "state: \(statePath)\n"
        if status.streams.isEmpty { text += "no models yet (run `driftwatch backfill` or `baseline create`)\n" }
        for stream in status.streams {
            text += "\(stream.model) \(stream.version.isEmpty ? "\"\"" : stream.version): "
            text += "\(stream.windows) windows, \(stream.rows) rows\n"
            if let baseline = stream.baseline {
                text +=
                    "  baseline: sha256 \(baseline.sha256.prefix(12)) (version \(quoted(baseline.version)), "
                    + "from \(baseline.source))\n"
            } else {
                text += "  baseline: none (create one with `driftwatch baseline create --model \(stream.model) …`)\n"
            }
            if let last = stream.last {
                text +=
                    "  last window: \(Timestamp.format(milliseconds: last.startMs)) .. "
                    + "\(Timestamp.format(milliseconds: last.endMs)), \(last.rows) rows, "
                    + "drift share \(last.driftedFeatures)/\(last.scoredFeatures): " + verdict(last) + "\n"
                text += "  last window performance: " + performanceText(last) + "\n"
            }
        }
        let counters = status.counters
        text += "ingested: \(status.files) files, \(counters.totalLines) lines, \(counters.badLines) bad lines"
        if !counters.badLinesByReason.isEmpty {
            text += " (" + counters.badLinesByReason.map { "\($0.reason) \($0.count)" }.joined(separator: ", ") + ")"
        }
        let labels = status.labels
        if labels.pendingPredictions > 0 || labels.waitingLabels > 0 || !labels.counts.isEmpty {
            text +=
                "\ndelayed labels: \(labels.pendingPredictions) predictions pending, \(labels.waitingLabels) labels waiting"
            if !labels.counts.isEmpty {
                text += " (" + labels.counts.map { "\($0.reason) \($0.count)" }.joined(separator: ", ") + ")"
            }
        }
        text += "\nstate file: \(status.fileBytes) bytes; retention: "
        let retention = status.retention
        if let last = retention.lastPruneMs {
            text +=
                "last pruned \(Timestamp.format(milliseconds: last)), \(retention.windows) windows and "
                + "\(retention.decisions) decisions deleted so far"
        } else {
            text += "never pruned"
        }
        return text + "\n"
    }

    /// A window's realised accuracy and AUC with its labelled rows, then the estimate.
    private static func performanceText(_ window: Report.Window) -> String {
        let fixed = { (value: Double?) in value.map { ReportRenderer.fixed($0) } ?? "-" }
        var text =
            "\(window.performance.labeledRows) labelled, accuracy \(fixed(window.performance.accuracy)), "
            + "auc \(fixed(window.performance.auc))"
        if let accuracy = window.estimated.accuracy {
            text +=
                "; estimated accuracy \(ReportRenderer.fixed(accuracy.value)) ± "
                + ReportRenderer.fixed(accuracy.standardError)
        }
        return text
    }

    /// Status as one JSON object: `streams` (model, version, windows, rows, baseline, last_window)
    /// and `ingest` (files, lines, bad_lines, bad_lines_by_reason), `labels`, and `retention`
    /// (file_bytes, last_prune, windows_pruned, decisions_pruned, episodes_pruned).
    public static func json(_ status: Status, statePath: String) -> String {
        var writer = JSONWriter(pretty: true)
        writer.object { json in
            json.key("schema_version")
            json.value(1)
            json.key("state")
            json.value(statePath)
            json.key("streams")
            json.array { json in
                for stream in status.streams { write(stream, to: &json) }
            }
            json.key("ingest")
            json.object { json in
                json.key("files")
                json.value(status.files)
                json.key("lines")
                json.value(status.counters.totalLines)
                json.key("bad_lines")
                json.value(status.counters.badLines)
                json.key("bad_lines_by_reason")
                json.object { json in
                    for count in status.counters.badLinesByReason {
                        json.key(count.reason)
                        json.value(count.count)
                    }
                }
            }
            json.key("labels")
            json.object { json in
                json.key("pending_predictions")
                json.value(status.labels.pendingPredictions)
                json.key("waiting_labels")
                json.value(status.labels.waitingLabels)
                json.key("counts")
                json.object { json in
                    for count in status.labels.counts {
                        json.key(count.reason)
                        json.value(count.count)
                    }
                }
            }
            json.key("retention")
            write(status.retention, fileBytes: status.fileBytes, to: &json)
        }
        return writer.text + "\n"
    }

    private static func write(_ stream: Status.Stream, to json: inout JSONWriter) {
        json.object { json in
            json.key("model")
            json.value(stream.model)
            json.key("version")
            json.value(stream.version)
            json.key("windows")
            json.value(stream.windows)
            json.key("rows")
            json.value(stream.rows)
            json.key("baseline")
            if let baseline = stream.baseline {
                json.object { json in
                    json.key("version")
                    json.value(baseline.version)
                    json.key("sha256")
                    json.value(baseline.sha256)
                    json.key("source")
                    json.value(baseline.source)
                }
            } else {
                json.null()
            }
            json.key("last_window")
            if let last = stream.last {
                json.object { json in
                    json.key("start")
                    json.value(Timestamp.format(milliseconds: last.startMs))
                    json.key("end")
                    json.value(Timestamp.format(milliseconds: last.endMs))
                    json.key("rows")
                    json.value(last.rows)
                    json.key("drift_share")
                    json.value(last.driftShare)
                    json.key("drift")
                    json.value(last.drift)
                    json.key("performance")
                    ReportRenderer.writePerformance(last.performance, to: &json)
                    json.key("estimated")
                    ReportRenderer.writeEstimated(last.estimated, to: &json)
                    json.key("label_revision")
                    json.value(last.labelRevision)
                }
            } else {
                json.null()
            }
        }
    }

    private static func write(_ retention: RetentionTotals, fileBytes: Int64, to json: inout JSONWriter) {
        json.object { json in
            json.key("file_bytes")
            json.value(fileBytes)
            json.key("last_prune")
            if let last = retention.lastPruneMs {
                json.value(Timestamp.format(milliseconds: last))
            } else {
                json.null()
            }
            json.key("windows_pruned")
            json.value(retention.windows)
            json.key("decisions_pruned")
            json.value(retention.decisions)
            json.key("episodes_pruned")
            json.value(retention.episodes)
        }
    }

    private static func verdict(_ window: Report.Window) -> String {
        if window.scoredFeatures == 0 { return "insufficient data" }
        return window.drift ? ReportRenderer.driftMarker : "ok"
    }

    private static func quoted(_ version: String) -> String { version.isEmpty ? "\"\"" : version }
}
