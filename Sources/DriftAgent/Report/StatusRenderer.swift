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
            json.member("schema_version", 1)
            json.member("state", statePath)
            json.array("streams") { json in
                for stream in status.streams { write(stream, to: &json) }
            }
            json.object("ingest") { json in
                json.member("files", status.files)
                json.member("lines", status.counters.totalLines)
                json.member("bad_lines", status.counters.badLines)
                json.object("bad_lines_by_reason") { json in
                    for count in status.counters.badLinesByReason { json.member(count.reason, count.count) }
                }
            }
            json.object("labels") { json in
                json.member("pending_predictions", status.labels.pendingPredictions)
                json.member("waiting_labels", status.labels.waitingLabels)
                ReportRenderer.writeCounts("counts", status.labels.counts, to: &json)
            }
            json.object("retention") { json in
                let retention = status.retention
                json.member("file_bytes", status.fileBytes)
                json.member("last_prune", timestamp: retention.lastPruneMs)
                json.member("windows_pruned", retention.windows)
                json.member("decisions_pruned", retention.decisions)
                json.member("episodes_pruned", retention.episodes)
            }
        }
        return writer.text + "\n"
    }

    private static func write(_ stream: Status.Stream, to json: inout JSONWriter) {
        json.object { json in
            json.member("model", stream.model)
            json.member("version", stream.version)
            json.member("windows", stream.windows)
            json.member("rows", stream.rows)
            json.member("baseline", stream.baseline) { baseline, json in
                json.object { json in
                    json.member("version", baseline.version)
                    json.member("sha256", baseline.sha256)
                    json.member("source", baseline.source)
                }
            }
            json.member("last_window", stream.last) { last, json in
                json.object { json in
                    json.member("start", timestamp: last.startMs)
                    json.member("end", timestamp: last.endMs)
                    json.member("rows", last.rows)
                    json.member("drift_share", last.driftShare)
                    json.member("drift", last.drift)
                    json.member("performance", last.performance, ReportRenderer.write)
                    json.member("estimated", last.estimated, ReportRenderer.write)
                    json.member("label_revision", last.labelRevision)
                }
            }
        }
    }

    private static func verdict(_ window: Report.Window) -> String {
        if window.scoredFeatures == 0 { return "insufficient data" }
        return window.drift ? ReportRenderer.driftMarker : "ok"
    }

    private static func quoted(_ version: String) -> String { version.isEmpty ? "\"\"" : version }
}
