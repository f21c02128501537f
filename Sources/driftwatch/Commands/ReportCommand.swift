import ArgumentParser
import DriftAgent
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// `driftwatch report`: per window, rows, bad lines, feature statistics and verdicts.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show stored windows: rows, bad lines, per-feature statistics and drift verdicts.",
        discussion: """
            The JSON shape (--format json) is documented in docs/REPORT.md and stable. --format html writes \
            one self-contained page for one model (pass --model when the state holds several).
            """)

    /// How `status` and `demo` print (they have no HTML form).
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }

    /// How the report is printed.
    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
        case html
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only this model.", valueName: "name"))
    var model: String?

    @Option(
        help: ArgumentHelp("Only windows starting at or after this time (RFC 3339, date or epoch).", valueName: "time"))
    var since: TimeArgument?

    @Option(help: ArgumentHelp("Only windows starting before this time (RFC 3339, date or epoch).", valueName: "time"))
    var until: TimeArgument?

    @Option(help: "Output format.")
    var format: ReportFormat = .table

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(
        help: ArgumentHelp(
            "HTML: the window whose distributions are drawn (default: the latest drifted window, else the latest).",
            valueName: "time"))
    var windowStart: TimeArgument?

    @Option(
        help: ArgumentHelp(
            "Also merge the stored windows of the last DURATION (e.g. 24h, 7d) per model version and score them "
                + "as one (repeatable; default: each model's configured `horizons`; docs/REPORT.md horizons).",
            valueName: "duration"))
    var horizon: [String] = []

    @Flag(help: "Colour drift markers in the table (default: when standard output is a terminal).")
    var color = false

    @Flag(name: .customLong("no-color"), help: "Never colour the table.")
    var noColor = false

    func validate() throws {
        if let since, let until, since.milliseconds >= until.milliseconds {
            throw ValidationError("--since must be before --until")
        }
        for text in horizon {
            guard let length = Timestamp.parseDurationMilliseconds(text), length > 0 else {
                throw ValidationError("--horizon '\(text)': expected a positive duration such as 24h or 7d")
            }
        }
        if windowStart != nil && format != .html {
            throw ValidationError("--window-start applies to --format html only")
        }
    }

    func run() throws {
        let configuration = try global.loadConfiguration()
        let store = try global.openStore(configuration: configuration, mustExist: true)
        var report = try ReportBuilder.build(
            store: store, configuration: configuration, model: model, since: since?.milliseconds,
            until: until?.milliseconds)
        if horizon.isEmpty {  // the configured `horizons` of each model in the report
            for summary in report.models {
                report.horizons += try ReportBuilder.horizons(
                    store: store, configuration: configuration,
                    lengths: configuration.model(named: summary.model).horizons, model: summary.model,
                    until: until?.milliseconds)
            }
        } else {
            report.horizons = try ReportBuilder.horizons(
                store: store, configuration: configuration,
                lengths: horizon.compactMap { text in
                    Timestamp.parseDurationMilliseconds(text).map { .init(label: text, milliseconds: $0) }
                }, model: model, until: until?.milliseconds)
        }
        let text: String
        switch format {
        case .json: text = ReportRenderer.json(report)
        case .table:
            let colored = out == nil && !noColor && (color || isatty(1) == 1)
            text = ReportRenderer.table(report, color: colored)
        case .html: text = try html(report, store: store)
        }
        if let out {
            try FileBytes.write(Array(text.utf8), to: out)
        } else {
            print(text, terminator: "")
        }
    }

    /// The HTML page of the one model in the selection, detailing `--window-start` or the default window.
    private func html(_ report: Report, store: Store) throws -> String {
        let names = report.models.map(\.model)
        guard names.count <= 1 else {
            throw CommandError.usage(
                "the selection holds \(names.count) models (\(names.joined(separator: ", "))); an HTML page shows one: "
                    + "pass --model NAME")
        }
        let name = model ?? names.first ?? ""
        var detail = ReportBuilder.detailWindow(of: report, model: name)
        if let windowStart {
            let matching = report.windows.filter { $0.model == name && $0.startMs == windowStart.milliseconds }
            guard let chosen = matching.max(by: { $0.version < $1.version }) else {
                let span =
                    report.models.first.map {
                        "; stored windows start from \(Timestamp.format(milliseconds: $0.firstStartMs)) to before "
                            + Timestamp.format(milliseconds: $0.lastEndMs)
                    } ?? ""
                throw CommandError.usage(
                    "--window-start: no window of model '\(name)' starts at "
                        + "\(Timestamp.format(milliseconds: windowStart.milliseconds))\(span)")
            }
            detail = chosen
        }
        let distributions = try detail.flatMap { try ReportBuilder.distributions(store: store, window: $0) }
        return ReportRenderer.html(report, model: name, detail: detail, distributions: distributions)
    }
}
