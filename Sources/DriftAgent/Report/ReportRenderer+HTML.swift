extension ReportRenderer {
    /// One model's report as a self-contained HTML page: inline CSS and SVG, no script, nothing
    /// fetched. Sections: the timeline of window verdicts with the drift share, every feature's
    /// primary statistic over time against its threshold (most severe first), the baseline vs
    /// window distributions of the `detail` window, performance over time, the scoring horizons
    /// (`report.horizons`: realised vs estimated vs baseline performance, features against their
    /// thresholds), decisions (superseded ones faded in their own row) and budget, and a table of windows.
    ///
    /// Every user-supplied string (model, version, feature and category names) is escaped. Each
    /// chart's `<svg>` states its data-to-pixel maps as `data-*` attributes and each mark names what
    /// it shows, so the plotted values can be checked against ``json(_:)`` (docs/REPORT.md).
    /// - Parameters:
    ///   - report: the report; only windows of `model` are shown.
    ///   - model: the model the page is about.
    ///   - detail: the window whose distributions are drawn (see ``ReportBuilder/detailWindow(of:model:)``).
    ///   - distributions: that window's distributions, `nil` without a baseline.
    /// - Complexity: O(windows × features); about 1.57 MB for 1,000 windows × 25 features with a decision per window.
    public static func html(
        _ report: Report, model: String, detail: Report.Window?, distributions: WindowDistributions?
    ) -> String {
        HTMLReportPage(report: report, model: model, detail: detail, distributions: distributions).render()
    }
}
