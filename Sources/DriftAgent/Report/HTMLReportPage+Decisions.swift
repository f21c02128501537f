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

    /// Per mode, a row of decisions (one mark per decided window) and, when jobs started, a row of
    /// jobs (drawn over the window whose decision started them).
    func decisionRows() -> [TimelineRow] {
        var rows: [TimelineRow] = []
        for mode in decisionModes {
            let entries = decisions.filter { $0.decision.mode == mode }
            let marks = entries.map { entry in
                let decision = entry.decision
                let state = Self.state(of: decision)
                var title = "#\(decision.id) \(HTMLText.time(decision.windowStartMs)): \(decision.verdict) → "
                title += decision.action
                if !entry.deniedBy.isEmpty { title += " by " + entry.deniedBy.joined(separator: ", ") }
                return TimelineMark(
                    startMs: decision.windowStartMs, endMs: decision.windowEndMs, state: state, title: title,
                    attributes:
                        "data-decision=\"\(decision.id)\" data-decision-verdict=\"\(HTMLText.escape(decision.verdict))\" "
                        + "data-action=\"\(HTMLText.escape(decision.action))\"")
            }
            rows.append(TimelineRow(label: "decisions (\(mode))", marks: marks))
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
            let entries = decisions.filter { $0.decision.mode == mode }.map(\.decision)
            let counts = ["ok", "review", "retrain", "block", "insufficient_data"].compactMap { verdict in
                let count = entries.count { $0.verdict == verdict }
                return count > 0 ? "\(verdict.replacing("_", with: " ")) \(count)" : nil
            }
            text +=
                "<p><b>\(entries.count) decisions (\(HTMLText.escape(mode)))</b>: \(counts.joined(separator: ", ")). "
            let acted = ["fired", "backtest", "denied", "awaiting_approval"].compactMap { action in
                let count = entries.count { $0.action == action }
                return count > 0 ? "\(action.replacing("_", with: " ")) \(count)" : nil
            }
            text += acted.isEmpty ? "No action was taken." : "Actions: \(acted.joined(separator: ", ")); "
            text += acted.isEmpty ? "" : "every other decision continued an open episode or needed none."
            text += "</p>\n"
        }
        text += actionTable()
        return text + budgetSection() + "</section>\n"
    }

    /// The decisions that took, awaited or were denied an action, with their jobs.
    private func actionTable() -> String {
        let acted = decisions.filter { $0.decision.action != "none" }
        guard !acted.isEmpty else { return "" }
        let limit = 200
        var text = "<details\(acted.count <= 48 ? " open" : "")><summary>\(acted.count) actions and denials</summary>"
        text += "<table class=\"actions\"><thead><tr><th>#</th><th>window (UTC)</th><th>mode</th><th>verdict</th>"
        text += "<th>action</th><th>denied by</th><th>job</th><th>outcome</th><th class=\"n\">estimate</th>"
        text += "<th class=\"n\">cost</th></tr></thead><tbody>\n"
        for entry in acted.prefix(limit) {
            let decision = entry.decision
            let state = Self.state(of: decision)
            text += "<tr data-decision=\"\(decision.id)\"><td>\(decision.id)</td>"
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
            text += "<td class=\"n\">\(job.map { HTMLText.number($0.cost ?? .nan) } ?? "")</td></tr>\n"
        }
        if acted.count > limit { text += "<tr><td colspan=\"10\">… \(acted.count - limit) more</td></tr>\n" }
        return text + "</tbody></table></details>\n"
    }
}
