import DriftCore
import DriftIngest
import DriftStore

/// Renders the decision log: `driftwatch decisions` (JSON contract or table), `explain`, and the
/// backtest summary that `backfill` prints.
public enum DecisionRenderer {
    /// The version of the `decisions` JSON (docs/DECISIONS.md).
    public static let schemaVersion = 1

    /// `{"schema_version":1,"generated_by":"driftwatch","decisions":[…]}` and a newline.
    /// - Complexity: O(decisions).
    public static func json(_ decisions: [StoredDecision]) -> String {
        var writer = JSONWriter(pretty: true)
        writer.object { json in
            json.member("schema_version", schemaVersion)
            json.member("generated_by", "driftwatch")
            let successors = supersessions(decisions)
            json.array("decisions") { json in
                for decision in decisions {
                    DecisionJSON.decisionObject(decision, supersededBy: successors[decision.id], &json)
                }
            }
        }
        return writer.text + "\n"
    }

    /// One line per decision: id, mode, model, version, window start, verdict, action, first reason.
    /// - Complexity: O(decisions).
    public static func table(_ decisions: [StoredDecision]) -> String {
        var rows = [["ID", "MODE", "MODEL", "VERSION", "WINDOW", "VERDICT", "ACTION", "REASON"]]
        let successors = supersessions(decisions)
        for decision in decisions {
            var reason = firstReason(decision.reasons)
            if let old = decision.supersedes { reason += " (supersedes #\(old))" }
            if let new = successors[decision.id] { reason += " (superseded by #\(new))" }
            rows.append([
                String(decision.id), decision.mode, decision.model, decision.version,
                Timestamp.format(milliseconds: decision.windowStartMs), decision.verdict, decision.action, reason,
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var text = ""
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        if decisions.isEmpty { text += "(no decisions)\n" }
        return text
    }

    /// `driftwatch explain`: the decision, its inputs and thresholds, each guardrail's verdict,
    /// its episode, its jobs and its hook runs with their captured output; given the window's
    /// `scores`, each feature's primary statistic against its threshold and where that came from; for
    /// a window decided again after late labels, the decision this one replaced and the one that
    /// replaced it.
    public static func explain(
        _ decision: StoredDecision, episode: StoredEpisode?, jobs: [StoredJob], runs: [StoredHookRun],
        scores: [StoredScore] = [], supersededBy successor: StoredDecision? = nil
    ) -> String {
        var text = "Decision #\(decision.id) (\(decision.mode)): \(decision.verdict) → \(decision.action)\n"
        if let old = decision.supersedes {
            text +=
                "  revision \(decision.revision): supersedes decision #\(old) — \(revisionReason(decision.reasons))\n"
        }
        if let successor {
            text += "  superseded by decision #\(successor.id) (\(successor.verdict) → \(successor.action)) — "
            text += "\(revisionReason(successor.reasons))\n"
        }
        text += "  model \(decision.model) version \(decision.version.isEmpty ? "(none)" : decision.version)\n"
        text += "  window \(Timestamp.format(milliseconds: decision.windowStartMs)) .. "
        text += "\(Timestamp.format(milliseconds: decision.windowEndMs))\n"
        text += "  decided at \(Timestamp.format(milliseconds: decision.decidedMs))\n"
        if let approved = decision.approvedMs { text += "  approved at \(Timestamp.format(milliseconds: approved))\n" }
        text += "Reasons: \(decision.reasons)\n"
        text += "Inputs: \(decision.inputs)\n"
        text += "Guardrails: \(decision.guardrails == "[]" ? "not consulted" : decision.guardrails)\n"
        text += thresholds(scores)
        if let episode {
            text +=
                "Episode #\(episode.id): \(episode.kind), opened \(Timestamp.format(milliseconds: episode.openedMs))"
            text += " by decision #\(episode.firstDecisionId)"
            if let acted = episode.actedDecisionId { text += ", acted on by #\(acted)" }
            if let resolved = episode.resolvedDecisionId {
                text += ", resolved by #\(resolved)"
            } else {
                text += ", open"
            }
            text += "\n"
        }
        for job in jobs {
            text += "Job \(job.jobId): \(job.status), estimate \(job.estimate)"
            if let cost = job.cost { text += ", cost \(cost)" }
            if let version = job.modelVersion { text += ", model version \(version)" }
            text += "\n"
        }
        for run in runs {
            text += "Hook run #\(run.id) \(run.event) attempt \(run.attempt): \(run.state)"
            if let code = run.exitCode { text += ", exit \(code)" }
            if let signal = run.signal { text += ", signal \(signal)" }
            text += "\n    argv \(run.argv)\n    idempotency key \(run.idempotencyKey)\n"
            text += output("stdout", run.stdout, dropped: run.stdoutDropped)
            text += output("stderr", run.stderr, dropped: run.stderrDropped)
        }
        return text
    }

    /// One line per feature: its primary statistic, value, threshold and the threshold's source.
    static func thresholds(_ scores: [StoredScore]) -> String {
        let primary = scores.filter(\.isPrimary).sorted { $0.feature < $1.feature }
        guard !primary.isEmpty else { return "" }
        var text = "Features (primary statistic: value vs threshold [source] → verdict):\n"
        for score in primary {
            text += "  \(score.feature) \(score.test): \(JSONWriter.format(score.value)) vs "
            text += "\(JSONWriter.format(score.threshold)) [\(score.thresholdSource ?? "unrecorded")] → "
            text += "\(WindowScorer.verdictLabel(score.verdict))\n"
        }
        return text
    }

    /// The `backfill` summary of the decisions it recorded: how many retrains would have run (or
    /// ran), which guardrail denied which, and the total cost of the jobs they started.
    public static func summary(_ decisions: [StoredDecision], jobs: [StoredJob]) -> String {
        guard let mode = decisions.first?.mode else { return "decisions: none (no window closed)\n" }
        var byVerdict: [String: Int] = [:]
        let first = decisions.filter { $0.supersedes == nil }
        for decision in first { byVerdict[decision.verdict, default: 0] += 1 }
        let verdicts = DecisionVerdict.allCases.map { "\($0.rawValue) \(byVerdict[$0.rawValue] ?? 0)" }
        let redecided = decisions.filter { $0.supersedes != nil }
        var text =
            first.isEmpty
            ? "decisions (\(mode)): no new window; \(redecided.count) decided again\n"
            : "decisions (\(mode)): \(first.count) window\(first.count == 1 ? "" : "s"): "
                + verdicts.joined(separator: ", ") + "\n"
        let replaced = redecided.filter { firstReason($0.reasons) == DecisionReason.Code.windowReplaced.rawValue }
        for (cause, group) in [
            (
                "late labels",
                redecided.filter { firstReason($0.reasons) != DecisionReason.Code.windowReplaced.rawValue }
            ),
            ("--replace", replaced),
        ] where !group.isEmpty {
            text += "decided again after \(cause): \(group.count) ("
            text +=
                group.map { "#\($0.id) \(Timestamp.format(milliseconds: $0.windowStartMs)) \($0.verdict)" }
                .joined(separator: ", ") + ")\n"
        }
        let fired = decisions.filter { $0.verdict == "retrain" && ($0.action == "fired" || $0.action == "backtest") }
        let verb = mode == "backtest" ? "would have fired" : "fired"
        text += "retrains that \(verb): \(fired.count)"
        if !fired.isEmpty {
            text +=
                " ("
                + fired.map { "#\($0.id) \($0.model) \(Timestamp.format(milliseconds: $0.windowStartMs))" }
                .joined(separator: ", ") + ")"
        }
        text += "\n"
        let denied = decisions.filter { $0.action == "denied" }
        text += "denied: \(denied.count)\n"
        for decision in denied {
            text += "  #\(decision.id) \(decision.model) \(Timestamp.format(milliseconds: decision.windowStartMs)): "
            text += deniedBy(decision.guardrails).joined(separator: ", ") + "\n"
        }
        let ids = Set(decisions.map(\.id))
        let cost = jobs.filter { ids.contains($0.decisionId) }.reduce(0.0) { $0 + ($1.cost ?? $1.estimate) }
        text += "total cost: \(JSONWriter.format(cost))\n"
        return text
    }

    /// Names of the guardrails that denied, from a decision's `guardrails` JSON.
    static func deniedBy(_ guardrails: String) -> [String] {
        Guardrail.allCases.map(\.rawValue).filter { guardrails.contains("{\"name\":\"\($0)\",\"verdict\":\"deny\"") }
    }

    /// Decision id → the id of the decision that superseded it, among `decisions`.
    static func supersessions(_ decisions: [StoredDecision]) -> [Int64: Int64] {
        var successors: [Int64: Int64] = [:]
        for decision in decisions { if let old = decision.supersedes { successors[old] = decision.id } }
        return successors
    }

    /// The message of the `late_labels` or `window_replaced` reason in a decision's `reasons` JSON.
    private static func revisionReason(_ reasons: String) -> String {
        let markers = ["late_labels", "window_replaced"].map { "\"code\":\"\($0)\",\"message\":\"" }
        guard let start = markers.lazy.compactMap({ reasons.firstRange(of: $0) }).first else { return "late labels" }
        var message = ""
        var escaped = false
        for character in reasons[start.upperBound...] {
            if escaped {
                message.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                break
            } else {
                message.append(character)
            }
        }
        return message
    }

    private static func firstReason(_ reasons: String) -> String {
        guard let start = reasons.firstRange(of: "\"code\":\"") else { return "" }
        return String(reasons[start.upperBound...].prefix { $0 != "\"" })
    }

    private static func output(_ name: String, _ bytes: [UInt8], dropped: Int64) -> String {
        guard !bytes.isEmpty else { return "" }
        var text = "    \(name) (\(bytes.count) bytes" + (dropped > 0 ? ", \(dropped) more dropped" : "") + "):\n"
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            text += "      \(line)\n"
        }
        return text
    }
}

extension DecisionRenderer {
    /// The guardrails that denied `decision`.
    public static func deniedGuardrails(_ decision: StoredDecision) -> [String] { deniedBy(decision.guardrails) }
}
