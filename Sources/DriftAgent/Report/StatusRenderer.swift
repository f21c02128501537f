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
            }
        }
        let counters = status.counters
        text += "ingested: \(status.files) files, \(counters.totalLines) lines, \(counters.badLines) bad lines"
        if !counters.badLinesByReason.isEmpty {
            text += " (" + counters.badLinesByReason.map { "\($0.reason) \($0.count)" }.joined(separator: ", ") + ")"
        }
        return text + "\n"
    }

    /// Status as one JSON object: `streams` (model, version, windows, rows, baseline, last_window)
    /// and `ingest` (files, lines, bad_lines, bad_lines_by_reason).
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
                }
            } else {
                json.null()
            }
        }
    }

    private static func verdict(_ window: Report.Window) -> String {
        if window.scoredFeatures == 0 { return "insufficient data" }
        return window.drift ? ReportRenderer.driftMarker : "ok"
    }

    private static func quoted(_ version: String) -> String { version.isEmpty ? "\"\"" : version }
}
