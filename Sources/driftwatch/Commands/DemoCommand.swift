import ArgumentParser
import DriftAgent
import DriftCore
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// `driftwatch demo`: the bundled default, end to end, on a fresh state file.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the bundled demo: import Baselines/fraud.json, backfill Fixtures/demo/, print the report.",
        discussion: """
            Uses Fixtures/demo.toml, Baselines/fraud.json and Fixtures/demo/predictions.jsonl relative to \
            --root (default: the current directory, i.e. the repository root). The state file is created \
            fresh each time.
            """)

    @Option(help: ArgumentHelp("The repository root holding Fixtures/ and Baselines/.", valueName: "dir"))
    var root = "."

    @Option(help: ArgumentHelp("The demo's state file (replaced on every run).", valueName: "file"))
    var state = "driftwatch-demo.db"

    @Option(help: "Report format.")
    var format: ReportCommand.Format = .table

    func run() throws {
        let configPath = "\(root)/Fixtures/demo.toml"
        guard access(configPath, R_OK) == 0 else {
            throw CommandError.usage(
                "\(configPath) not found: run the demo from the repository root or pass --root DIR")
        }
        var configuration = try ConfigurationLoader.load(path: configPath)
        configuration.baselinesDirectory = "\(root)/\(configuration.baselinesDirectory)"
        for suffix in ["", "-wal", "-shm"] { unlink(state + suffix) }
        let store = try Store(path: state)

        let baselinePath = "\(configuration.baselinesDirectory)/fraud.json"
        let baseline = try BaselineDocument.parse(try FileBytes.read(baselinePath), path: baselinePath)
        try store.saveBaseline(baseline.stored)
        log(
            "imported baseline '\(baseline.model)' from \(baselinePath): \(baseline.profile.rows) rows, sha256 \(baseline.sha256.prefix(12))"
        )

        let logs = "\(root)/Fixtures/demo/predictions.jsonl"
        var backfill = Backfill(configuration: configuration, store: store, now: Clock.wallMilliseconds)
        backfill.decisions = (DecisionEngine(configuration: configuration), .backtest)
        for report in try backfill.run(Backfill.Options(inputs: [logs])) { log(BackfillCommand.summary(report)) }
        let decisions = try store.decisions()
        log(String(DecisionRenderer.summary(decisions, jobs: try store.jobs()).dropLast()))

        let report = try ReportBuilder.build(
            store: store, configuration: configuration, model: nil, since: nil, until: nil)
        switch format {
        case .json: print(ReportRenderer.json(report), terminator: "")
        case .table:
            print(ReportRenderer.table(report, color: isatty(1) == 1), terminator: "")
            print(
                "\nState: \(state). Explore it with `swift run driftwatch report --state \(state) --format json` "
                    + "or `swift run driftwatch status --state \(state)`.")
        }
    }

    /// Progress notes go to standard error so `--format json` output stays pure.
    private func log(_ line: String) { Failure.printError(line) }
}
