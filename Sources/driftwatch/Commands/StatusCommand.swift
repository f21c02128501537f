import ArgumentParser
import DriftAgent

/// `driftwatch status`: per model version the last window and its verdict, and the ingest counters.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show per model and version the last window, its verdict, the baseline and ingest counters.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format.")
    var format: ReportCommand.Format = .table

    func run() throws {
        let configuration = try global.loadConfiguration()
        let path = global.statePath(configuration: configuration)
        let store = try global.openStore(configuration: configuration, mustExist: true)
        let status = try StatusBuilder.build(store: store, configuration: configuration)
        switch format {
        case .json: print(StatusRenderer.json(status, statePath: path), terminator: "")
        case .table: print(StatusRenderer.text(status, statePath: path), terminator: "")
        }
    }
}
