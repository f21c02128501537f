import DriftStore

extension HTMLReportPage {
    /// The modes the model's decisions were taken in, `fire` before `backtest`.
    var decisionModes: [String] {
        Array(Set(decisions.map(\.decision.mode))).sorted { ($0 == "fire" ? 0 : 1, $0) < ($1 == "fire" ? 0 : 1, $1) }
    }

    /// The timeline state of a decision: `denied` when a guardrail vetoed it, else its verdict.
    static func state(of decision: StoredDecision) -> String {
        if decision.action == "denied" { return "denied" }
        return decision.verdict == "insufficient_data" ? "insufficient" : decision.verdict
    }

    /// The timeline state of a job: `succeeded`, `failed`, or `running` while unsettled.
    static func state(ofJob status: String) -> String {
        status == "succeeded" || status == "failed" ? status : "running"
    }

    /// Whether a decision called for an action its episode had already taken (verdict `retrain`,
    /// `review` or `block`, action `none`): drawn shorter and outlined, where the decision that
    /// acted is drawn full and solid.
    static func isContinuing(_ decision: StoredDecision) -> Bool {
        decision.action == "none" && ["retrain", "review", "block"].contains(decision.verdict)
    }

    /// `#7 2026-11-01 09:00: retrain → fired`, with the denying guardrails and the episode.
    func decisionText(_ entry: Report.Decision) -> String {
        let decision = entry.decision
        var title = "#\(decision.id) \(HTMLText.time(decision.windowStartMs)): \(decision.verdict) → \(decision.action)"
        if !entry.deniedBy.isEmpty { title += " by " + entry.deniedBy.joined(separator: ", ") }
        if Self.isContinuing(decision) {
            title += ", episode\(decision.episodeId.map { " #\($0)" } ?? "") continuing (its action was already taken)"
        }
        if let old = predecessors[decision.id] {
            title += " · ↺ revision \(decision.revision) after late labels, supersedes #\(old.id): \(old.verdict) → "
            title += old.action
        }
        if let new = successors[decision.id] {
            title += " · superseded by #\(new.id): \(new.verdict) → \(new.action) (late labels)"
        }
        return title
    }

    /// Per mode, a row of current decisions (one mark per decided window), a row of the decisions
    /// superseded after late labels (when any), and a row of jobs (drawn over the window whose
    /// decision started them, when any).
    func decisionRows() -> [TimelineRow] {
        var rows: [TimelineRow] = []
        for mode in decisionModes {
            let entries = decisions.filter { $0.decision.mode == mode }
            func mark(_ entry: Report.Decision) -> TimelineMark {
                let decision = entry.decision
                var attributes =
                    "data-decision=\"\(decision.id)\" data-decision-verdict=\"\(HTMLText.escape(decision.verdict))\" "
                    + "data-action=\"\(HTMLText.escape(decision.action))\""
                var classes = ""
                if let old = decision.supersedes {
                    attributes += " data-revision=\"\(decision.revision)\" data-supersedes=\"\(old)\""
                    classes += " revised"
                }
                if let new = successors[decision.id] {
                    attributes += " data-superseded-by=\"\(new.id)\""
                    classes += " superseded"
                }
                let continuing = Self.isContinuing(decision)
                if continuing { classes += " continuing" }
                return TimelineMark(
                    startMs: decision.windowStartMs, endMs: decision.windowEndMs, state: Self.state(of: decision),
                    title: decisionText(entry), attributes: attributes, classes: classes, inset: continuing ? 4 : 0,
                    glyph: decision.supersedes == nil ? nil : "↺")
            }
            rows.append(
                TimelineRow(
                    label: "decisions (\(mode))",
                    marks: entries.filter { successors[$0.decision.id] == nil }.map(mark)))
            let superseded = entries.filter { successors[$0.decision.id] != nil }
            if !superseded.isEmpty {
                rows.append(TimelineRow(label: "superseded (\(mode))", marks: superseded.map(mark)))
            }
            let jobs = entries.flatMap { entry in entry.jobs.map { (entry.decision, $0) } }
            guard !jobs.isEmpty else { continue }
            rows.append(
                TimelineRow(
                    label: "jobs (\(mode))",
                    marks: jobs.map { decision, job in
                        TimelineMark(
                            startMs: decision.windowStartMs, endMs: decision.windowEndMs,
                            state: Self.state(ofJob: job.status), title: Self.jobText(job),
                            attributes:
                                "data-job=\"\(HTMLText.escape(job.jobId))\" data-status=\"\(HTMLText.escape(job.status))\" "
                                + "data-decision=\"\(decision.id)\"")
                    }))
        }
        return rows
    }

    /// `job driftwatch-fire-15: succeeded, estimate 4, cost 3.5, started 2026-11-01 16:10 UTC, model version 3.3.0`.
    static func jobText(_ job: StoredJob) -> String {
        var text = "job \(job.jobId): \(job.status), estimate \(HTMLText.number(job.estimate))"
        if let cost = job.cost { text += ", cost \(HTMLText.number(cost))" }
        text += ", started \(HTMLText.time(job.startedMs)) UTC"
        if let finished = job.finishedMs { text += ", settled \(HTMLText.time(finished)) UTC" }
        if let version = job.modelVersion { text += ", model version \(version)" }
        return text
    }

    /// The decisions in words and the actions taken, then the budget section.
    func decisionSection() -> String {
        var text = "<section id=\"decisions\"><h2>Decisions and budget</h2>\n"
        guard !decisions.isEmpty else {
            return text + "<p>No decision was recorded for these windows. <code>driftwatch backfill</code> records a "
                + "backtest; the agent (<code>driftwatch run</code>) decides as windows close (docs/DECISIONS.md).</p>"
                + budgetSection() + "</section>\n"
        }
        for mode in decisionModes {
            let all = decisions.filter { $0.decision.mode == mode }.map(\.decision)
            let entries = all.filter { successors[$0.id] == nil }
            let counts = ["ok", "review", "retrain", "block", "insufficient_data"].compactMap { verdict in
                let count = entries.count { $0.verdict == verdict }
                return count > 0 ? "\(verdict.replacing("_", with: " ")) \(count)" : nil
            }
            text += "<p><b>\(entries.count) decision\(entries.count == 1 ? "" : "s") (\(HTMLText.escape(mode)))</b>: "
            text += "\(counts.joined(separator: ", ")). "
            // Actions happened even when late labels later superseded their decision: count them all.
            let acted = ["fired", "backtest", "denied", "awaiting_approval"].compactMap { action in
                let count = all.count { $0.action == action }
                return count > 0 ? "\(action.replacing("_", with: " ")) \(count)" : nil
            }
            text += acted.isEmpty ? "No action was taken." : "Actions: \(acted.joined(separator: ", ")); "
            let continuing = entries.count(where: Self.isContinuing)
            if !acted.isEmpty {
                text += continuing > 0 ? "\(continuing) continued an episode whose action was already taken; " : ""
                text += "every other decision needed none."
            }
            let superseded = all.count - entries.count
            if superseded > 0 {
                text += " \(superseded) earlier decision\(superseded == 1 ? " was" : "s were") superseded when late "
                text += "labels changed the window's outcome (not counted above; ↺ marks the decision that replaced "
                text += "one, the superseded ones are faded in their own row and listed below)."
            }
            text += "</p>\n"
        }
        text += actionTable()
        return text + budgetSection() + "</section>\n"
    }

    /// The decisions that took, awaited or were denied an action, with their jobs, and the
    /// decisions that superseded or were superseded after late labels.
    private func actionTable() -> String {
        let acted = decisions.filter {
            $0.decision.action != "none" || $0.decision.supersedes != nil || successors[$0.decision.id] != nil
        }
        guard !acted.isEmpty else { return "" }
        let limit = 200
        let revised = acted.count { $0.decision.supersedes != nil || successors[$0.decision.id] != nil }
        let actions = acted.count { $0.decision.action != "none" }
        var text = "<details\(acted.count <= 48 ? " open" : "")><summary>"
        text += actions == 1 ? "1 action or denial" : "\(actions) actions and denials"
        text +=
            revised > 0
            ? "; \(revised) decision\(revised == 1 ? "" : "s") superseded or superseding after late labels" : ""
        text += "</summary><table class=\"actions\"><thead><tr><th>#</th><th>window (UTC)</th><th>mode</th>"
        text += "<th>verdict</th><th>action</th><th>denied by</th><th>job</th><th>outcome</th>"
        text += "<th class=\"n\">estimate</th><th class=\"n\">cost</th>\(revised > 0 ? "<th>revision</th>" : "")"
        text += "</tr></thead><tbody>\n"
        for entry in acted.prefix(limit) {
            let decision = entry.decision
            let state = Self.state(of: decision)
            let successor = successors[decision.id]
            text += "<tr data-decision=\"\(decision.id)\""
            text += successor.map { " class=\"superseded\" data-superseded-by=\"\($0.id)\"" } ?? ""
            text += decision.supersedes.map { " data-supersedes=\"\($0)\"" } ?? ""
            text += "><td>\(decision.id)</td>"
            text += "<td>\(HTMLText.time(decision.windowStartMs))</td><td>\(HTMLText.escape(decision.mode))</td>"
            text +=
                "<td>\(HTMLStyle.badge(decision.verdict == "insufficient_data" ? "insufficient" : decision.verdict))</td>"
            text +=
                "<td>\(state == "denied" ? HTMLStyle.badge("denied", text: "denied") : HTMLText.escape(decision.action))</td>"
            text += "<td>\(HTMLText.escape(entry.deniedBy.joined(separator: ", ")))</td>"
            let job = entry.jobs.last
            text += "<td>\(HTMLText.escape(job?.jobId ?? ""))</td>"
            text += "<td>\(job.map { HTMLStyle.badge(Self.state(ofJob: $0.status), text: $0.status) } ?? "")</td>"
            text += "<td class=\"n\">\(job.map { HTMLText.number($0.estimate) } ?? "")</td>"
            text += "<td class=\"n\">\(job.map { HTMLText.number($0.cost ?? .nan) } ?? "")</td>"
            if revised > 0 {
                var words: [String] = []
                if let old = decision.supersedes { words.append("↺ revision \(decision.revision), supersedes #\(old)") }
                if let successor { words.append("superseded by #\(successor.id) (\(successor.verdict))") }
                text += "<td>\(words.joined(separator: "; "))</td>"
            }
            text += "</tr>\n"
        }
        if acted.count > limit {
            text += "<tr><td colspan=\"\(revised > 0 ? 11 : 10)\">… \(acted.count - limit) more</td></tr>\n"
        }
        return text + "</tbody></table></details>\n"
    }
}
