import DriftCore

/// Why an agent operation stopped: always with the model, window or path it concerns.
public enum AgentError: Error, Sendable {
    /// A stored baseline blob cannot be decoded.
    case corruptBaseline(model: String, version: String, reason: SketchCodecError)
    /// A stored window blob cannot be decoded.
    case corruptWindow(model: String, version: String, start: Int64, reason: SketchCodecError)
    /// A window's delayed labels cannot be merged with its profile (a label's kind changed).
    case labelsUnmergeable(model: String, version: String, start: Int64, reason: SummaryMergeError)
    /// Stored windows of one model version cannot be merged into a scoring horizon.
    case windowsUnmergeable(model: String, version: String, start: Int64, reason: SummaryMergeError)
    /// A glob or path matched no file.
    case noMatch(pattern: String)
    /// No baseline exists for a model that needs one.
    case noBaseline(model: String)
    /// A baseline file cannot be used.
    case badBaselineFile(path: String, reason: String)
    /// The input had no usable rows for the model.
    case noRows(model: String, detail: String)
    /// The stored line counters disagree (``CounterCheck``): one line per disagreement.
    case inconsistentCounters(problems: [String])
}

extension AgentError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .corruptBaseline(model, version, reason):
            "the stored baseline of model '\(model)' version '\(version)' is unreadable (\(reason)). "
                + "Re-create it with `driftwatch baseline create` or import it from Baselines/."
        case let .corruptWindow(model, version, start, reason):
            "the stored window of model '\(model)' version '\(version)' starting \(start) ms is unreadable "
                + "(\(reason)); nothing was changed. Run `driftwatch check --state` or `backfill --replace` for that range."
        case let .labelsUnmergeable(model, version, start, reason):
            "the delayed labels of model '\(model)' version '\(version)' window \(start) ms do not merge with "
                + "its profile (\(reason))"
        case let .windowsUnmergeable(model, version, start, reason):
            "the stored window of model '\(model)' version '\(version)' starting \(start) ms does not merge with "
                + "the windows before it (\(reason)), so no horizon can span it; report a shorter --horizon"
        case let .noMatch(pattern):
            "no file matches '\(pattern)'"
        case let .noBaseline(model):
            "model '\(model)' has no baseline: create one with `driftwatch baseline create --model \(model) --from TRAIN.jsonl`"
        case let .badBaselineFile(path, reason):
            "\(path): not a usable baseline file: \(reason)"
        case let .noRows(model, detail):
            "no usable rows for model '\(model)': \(detail)"
        case let .inconsistentCounters(problems):
            "the line counters disagree (windows are not affected; the counters shown by `status` are):\n  "
                + problems.joined(separator: "\n  ")
        }
    }
}
