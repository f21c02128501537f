extension HTMLReportPage {
    /// Periods drawn per chart at most (the latest; the table lists them all).
    static let budgetBarLimit = 60

    /// Retraining cost per UTC day and month against the budgets, and the guardrail denials.
    func budgetSection() -> String {
        var text = "<h3>Budget</h3>\n"
        guard let budget else { return text + "<p>No budget information.</p>\n" }
        text +=
            budget.costEstimate > 0
            ? "<p>A retrain reserves <b>\(HTMLText.number(budget.costEstimate))</b> (<code>cost_estimate</code>); "
            : "<p>No retrain cost estimate is configured (<code>cost_estimate</code> is 0): a retrain reserves "
                + "nothing in advance and only the cost its job reports is counted; "
        text +=
            "budgets, shared by all models: per UTC day <b>\(budget.dailyBudget.map(HTMLText.number) ?? "none")</b>, "
        text += "per UTC month <b>\(budget.monthlyBudget.map(HTMLText.number) ?? "none")</b>. A retrain is denied when "
        text += "spent + reserved + its estimate would exceed a budget. Spent and reserved count every model's jobs "
        text += "of the period, as the guardrail does; the budgets are those configured now.</p>\n"
        text += denialsText(budget)
        guard !budget.periods.isEmpty else {
            return text + "<p>No retrain was weighed by the guardrails and no job started in these windows.</p>\n"
        }
        text += "<div class=\"legend\"><span>\(HTMLStyle.swatch(barClass: "bar-spent"))spent (solid)</span>"
        text += "<span>\(HTMLStyle.swatch(barClass: "bar-reserved"))reserved, not settled (hatched)</span>"
        text += "<span>\(HTMLStyle.swatch(lineClass: "t"))budget (dashed)</span></div>\n"
        let groups = Dictionary(grouping: budget.periods) { "\($0.mode) \($0.period)" }
        for key in groups.keys.sorted() {
            guard let periods = groups[key], let first = periods.first else { continue }
            text += "<figure class=\"budget\" data-mode=\"\(HTMLText.escape(first.mode))\" "
            text += "data-period=\"\(HTMLText.escape(first.period))\"><figcaption><b>Cost per UTC \(first.period)</b> "
            text += "<span class=\"muted\">(\(HTMLText.escape(first.mode)))</span></figcaption>"
            text += budgetChart(Array(periods.suffix(Self.budgetBarLimit))) + "</figure>\n"
        }
        return text + budgetTable(budget.periods)
    }

    /// `Denied by budget_day 2, cooldown 1.` with what each guardrail means.
    private func denialsText(_ budget: Report.Budget) -> String {
        guard !budget.denials.isEmpty else { return "<p>No retrain of this model was denied by a guardrail.</p>\n" }
        let meaning = [
            "kill_switch": "the kill switch is on", "single_flight": "a job of the model was still in flight",
            "cooldown": "too soon after the model's last retrain", "rate_model": "the model's rate limit",
            "rate_global": "the rate limit over all models", "budget_day": "the UTC day's budget",
            "budget_month": "the UTC month's budget", "breaker": "the circuit breaker was open",
        ]
        var text = "<p>\(HTMLStyle.badge("denied", text: "denied")) Retrains denied, by guardrail: "
        text += budget.denials.map { denial in
            "<b>\(HTMLText.escape(denial.reason))</b> \(denial.count)"
                + (meaning[denial.reason].map { " (\($0))" } ?? "")
        }.joined(separator: ", ")
        return text + ". A decision denied by several guardrails counts for each.</p>\n"
    }

    /// Bars of spent and reserved cost per period with each period's budget as a dashed tick.
    private func budgetChart(_ periods: [Report.BudgetSpend]) -> String {
        let top = periods.map { max($0.budget ?? 0, $0.spent + $0.reserved) }.max() ?? 0
        let slot = min(70, (Self.wideRight - Self.wideLeft) / Double(max(periods.count, 1)))
        let plot = SVGPlot(
            left: Self.wideLeft, right: Self.wideLeft + slot * Double(periods.count), top: 22, bottom: 132, x0: 0,
            x1: Double(periods.count), y0: 0, y1: Self.niceCeiling(top))
        var svg = "<svg viewBox=\"0 0 \(Int(Self.wideWidth)) 160\" \(plot.attributes) role=\"img\" "
        svg += "aria-label=\"Retraining cost per period against the budget\">"
        svg += plot.yGrid([0, plot.y1 / 2, plot.y1]) { HTMLText.number($0) }
        for (index, period) in periods.enumerated() {
            let x = plot.x(Double(index)) + slot * 0.2
            let width = HTMLText.coordinate(slot * 0.6)
            let spentTop = plot.y(period.spent)
            let reservedTop = plot.y(period.spent + period.reserved)
            let label =
                period.period == "day"
                ? String(HTMLText.time(period.startMs).prefix(10))
                : String(
                    HTMLText.time(period.startMs).prefix(7))
            svg +=
                "<g class=\"period\" data-start=\"\(period.startMs)\" data-spent=\"\(HTMLText.exact(period.spent))\" "
            svg += "data-reserved=\"\(HTMLText.exact(period.reserved))\" "
            svg += "data-budget=\"\(HTMLText.exact(period.budget ?? .nan))\"><title>\(label): spent "
            svg += "\(HTMLText.number(period.spent)), reserved \(HTMLText.number(period.reserved)), budget "
            svg += "\(period.budget.map(HTMLText.number) ?? "none"), \(period.jobs) job(s) of this model</title>"
            svg += "<rect class=\"bar-spent\" x=\"\(HTMLText.coordinate(x))\" y=\"\(HTMLText.coordinate(spentTop))\" "
            svg += "width=\"\(width)\" height=\"\(HTMLText.coordinate(plot.bottom - spentTop))\"/>"
            svg += "<rect class=\"bar-reserved\" x=\"\(HTMLText.coordinate(x))\" "
            svg += "y=\"\(HTMLText.coordinate(reservedTop))\" width=\"\(width)\" "
            svg += "height=\"\(HTMLText.coordinate(spentTop - reservedTop))\"/>"
            if let budget = period.budget {
                svg += "<path class=\"t\" data-series=\"budget\" d=\"M\(HTMLText.coordinate(x - slot * 0.15)) "
                svg += "\(HTMLText.coordinate(plot.y(budget)))H\(HTMLText.coordinate(x + slot * 0.75))\"/>"
            }
            if periods.count <= 16 {
                let used = period.spent + period.reserved
                svg += "<text class=\"bar-label\" x=\"\(HTMLText.coordinate(x + slot * 0.3))\" "
                svg += "y=\"\(HTMLText.coordinate(min(reservedTop, period.budget.map(plot.y) ?? reservedTop) - 4))\" "
                svg +=
                    "text-anchor=\"middle\">\(HTMLText.number(used))\(period.budget.map { " / " + HTMLText.number($0) } ?? "")"
                svg += "</text>"
            }
            if periods.count <= 16 || index % ((periods.count + 15) / 16) == 0 {
                svg +=
                    "<text x=\"\(HTMLText.coordinate(x + slot * 0.3))\" y=\"\(HTMLText.coordinate(plot.bottom + 15))\" "
                svg += "text-anchor=\"middle\">\(label)</text>"
            }
            svg += "</g>"
        }
        svg +=
            "<line class=\"axis\" x1=\"\(HTMLText.coordinate(plot.left))\" x2=\"\(HTMLText.coordinate(plot.right))\" "
        svg += "y1=\"\(HTMLText.coordinate(plot.bottom))\" y2=\"\(HTMLText.coordinate(plot.bottom))\"/>"
        return svg + "</svg>"
    }

    /// Every period in words.
    private func budgetTable(_ periods: [Report.BudgetSpend]) -> String {
        var text = "<table class=\"budget\"><thead><tr><th>period (UTC)</th><th>mode</th><th class=\"n\">spent</th>"
        text += "<th class=\"n\">reserved</th><th class=\"n\">budget</th><th class=\"n\">used</th>"
        text += "<th class=\"n\">jobs of this model</th></tr></thead><tbody>\n"
        for period in periods {
            let time = HTMLText.time(period.startMs)
            let used = period.budget.map { $0 > 0 ? HTMLText.percent((period.spent + period.reserved) / $0) : "–" }
            text += "<tr><td>\(period.period == "day" ? time.prefix(10) : time.prefix(7))</td>"
            text += "<td>\(HTMLText.escape(period.mode))</td><td class=\"n\">\(HTMLText.number(period.spent))</td>"
            text += "<td class=\"n\">\(HTMLText.number(period.reserved))</td>"
            text += "<td class=\"n\">\(period.budget.map(HTMLText.number) ?? "none")</td>"
            text += "<td class=\"n\">\(used ?? "–")</td><td class=\"n\">\(period.jobs)</td></tr>\n"
        }
        return text + "</tbody></table>\n"
    }
}
