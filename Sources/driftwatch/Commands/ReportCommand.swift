import ArgumentParser
import DriftAgent

#if canImport(Glibc)
    import Glibc
#endif

/// `driftwatch report`: per window, rows, bad lines, feature statistics and verdicts.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show stored windows: rows, bad lines, per-feature statistics and drift verdicts.",
        discussion: "The JSON shape (--format json) is documented in docs/REPORT.md and stable.")

    /// How the report is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
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
    var format: Format = .table

    @Flag(help: "Colour drift markers in the table (default: when standard output is a terminal).")
    var color = false

    @Flag(name: .customLong("no-color"), help: "Never colour the table.")
    var noColor = false

    func validate() throws {
        if let since, let until, since.milliseconds >= until.milliseconds {
            throw ValidationError("--since must be before --until")
        }
    }

    func run() throws {
        let configuration = try global.loadConfiguration()
        let store = try global.openStore(configuration: configuration, mustExist: true)
        let report = try ReportBuilder.build(
            store: store, configuration: configuration, model: model, since: since?.milliseconds,
            until: until?.milliseconds)
        switch format {
        case .json: print(ReportRenderer.json(report), terminator: "")
        case .table:
            let colored = !noColor && (color || isatty(1) == 1)
            print(ReportRenderer.table(report, color: colored), terminator: "")
        }
    }
}
