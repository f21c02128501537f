import DriftStore
import Testing

@testable import DriftAgent

/// Counted words agree with their count, and the budget text says what is configured, in the
/// HTML decisions section and the `backfill` decision summary. Oracles: hand-written sentences.
struct ReportWordingTests {
    private typealias Pages = ReportHTMLPageTests

    @Test func decisionsSectionCountsInTheRightNumber() {
        // Hourly windows; every third is drifted and asks for a retrain, the first one denied.
        let three = Pages.page(Pages.generated(windows: 3, features: 2))
        #expect(three.contains("<b>3 decisions (fire)</b>"))
        #expect(three.contains("<summary>1 action or denial</summary>"))
        #expect(!three.contains("1 actions"))
        let six = Pages.page(Pages.generated(windows: 6, features: 2))
        #expect(six.contains("<summary>2 actions and denials</summary>"))
        var one = Pages.generated(windows: 1, features: 2)
        one.0.decisions = Array(one.0.decisions.prefix(1))
        #expect(Pages.page(one).contains("<b>1 decision (fire)</b>"))
    }

    @Test func budgetWithoutACostEstimateSaysSo() throws {
        var generated = Pages.generated(windows: 3, features: 2)
        #expect(Pages.page(generated).contains("<p>A retrain reserves <b>4</b> (<code>cost_estimate</code>); "))
        generated.0.models[0].budget?.costEstimate = 0
        let page = Pages.page(generated)
        #expect(!page.contains("A retrain reserves"))
        #expect(
            page.contains(
                "<p>No retrain cost estimate is configured (<code>cost_estimate</code> is 0): a retrain reserves "
                    + "nothing in advance and only the cost its job reports is counted; budgets, shared by all models"))
    }

    @Test func backfillSummaryHeadsItsDecisionsSensibly() {
        func decision(_ id: Int64, verdict: String, supersedes: Int64? = nil) -> StoredDecision {
            StoredDecision(
                id: id, mode: "backtest", model: "m", version: "1", windowStartMs: 1_793_491_200_000 + id * 3_600_000,
                windowEndMs: 1_793_491_200_000 + (id + 1) * 3_600_000, decidedMs: 0, verdict: verdict, action: "none",
                reasons: "[]", guardrails: "[]", inputs: "{}", supersedes: supersedes)
        }
        let redecidedOnly = DecisionRenderer.summary(
            [decision(7, verdict: "ok", supersedes: 3), decision(8, verdict: "retrain", supersedes: 4)], jobs: [])
        #expect(redecidedOnly.hasPrefix("decisions (backtest): no new window; 2 decided again\ndecided again after "))
        #expect(!redecidedOnly.contains("0 windows"))
        let single = DecisionRenderer.summary([decision(1, verdict: "ok")], jobs: [])
        #expect(single.hasPrefix("decisions (backtest): 1 window: ok 1, review 0, retrain 0, block 0"))
    }
}
