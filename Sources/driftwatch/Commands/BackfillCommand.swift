import ArgumentParser
import DriftAgent
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// `driftwatch backfill`: replays log files into stored windows and scores.
struct BackfillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Replay log files (plain, .gz, globs, - for stdin) into windows and drift scores.",
        discussion: """
            Idempotent: a file already ingested is skipped, a file that grew is read from where it stopped. \
            --labels reads labels logs ({"id": …, "label": …} lines, optionally "ts") after the prediction logs and \
            credits each label to the window of its prediction (docs/CONFIG.md [labels]); put prediction logs \
            before --labels. \
            Every window that closes is decided (docs/DECISIONS.md); by default this is a backtest that records \
            what would have fired, prints how many retrains would have run, what each guardrail denied and the \
            total cost, and runs nothing. --fire runs the hooks. \
            A progress line is drawn on standard error when it is a terminal; a summary per file goes to \
            standard output.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Window length without --config (e.g. 15m, 1h, 1d).", valueName: "duration"))
    var window: String?

    @Option(help: ArgumentHelp("Only this model's lines; others are counted as unknown_model.", valueName: "name"))
    var model: String?

    @Option(
        help: ArgumentHelp("Recompute windows starting in SINCE..UNTIL (RFC 3339 or epoch).", valueName: "since..until")
    )
    var replace: String?

    @Option(name: .customLong("commit-every"), help: ArgumentHelp("Commit after this many lines.", valueName: "lines"))
    var commitEvery: Int = 500_000

    @Flag(help: "Run the decision hooks for real. Default: a backtest that records decisions and runs nothing.")
    var fire = false

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Labels logs joined by id to earlier predictions (files, globs, .gz).", valueName: "path"))
    var labels: [String] = []

    @Argument(help: ArgumentHelp("Log files, globs, .gz files, or - for standard input.", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty && labels.isEmpty {
            throw ValidationError("give at least one log file (or - for standard input), or --labels PATH…")
        }
        if labels.contains("-") { throw ValidationError("--labels reads files, not standard input") }
        if let window {
            guard global.config == nil else {
                throw ValidationError("--window applies without --config; set `window` in the config file instead")
            }
            guard let length = Timestamp.parseDurationMilliseconds(window), length > 0 else {
                throw ValidationError("--window '\(window)': expected a positive duration such as 15m, 1h or 1d")
            }
        }
        if let replace, Self.range(replace) == nil {
            throw ValidationError(
                "--replace '\(replace)': expected SINCE..UNTIL with SINCE before UNTIL, each RFC 3339 or epoch")
        }
        if commitEvery < 1 { throw ValidationError("--commit-every must be at least 1") }
    }

    func run() throws {
        let configuration = try self.configuration()
        let store = try global.openStore(configuration: configuration, mustExist: false)
        var options = Backfill.Options(inputs: paths)
        options.labels = labels
        options.replace = replace.flatMap(Self.range)
        options.commitEveryLines = commitEvery
        options.futureToleranceMilliseconds = Self.futureTolerance
        let progress = isatty(2) == 1 ? ProgressLine() : nil
        if let progress { options.progress = { progress.update($0) } }
        var backfill = Backfill(configuration: configuration, store: store, now: Clock.wallMilliseconds)
        let mode: DecisionEngine.Mode = fire ? .fire : .backtest
        backfill.decisions = (DecisionEngine(configuration: configuration), mode)
        let lastDecision = try store.decisions().last?.id ?? 0
        let reports: [Backfill.FileReport]
        do {
            reports = try backfill.run(options)
        } catch {
            progress?.clear()
            throw error
        }
        progress?.clear()
        for report in reports { print(Self.summary(report)) }
        let recorded = try store.decisions().filter { $0.id > lastDecision }
        print(DecisionRenderer.summary(recorded, jobs: try store.jobs()), terminator: "")
    }

    /// The configuration with `--window` and `--model` applied.
    private func configuration() throws -> Configuration {
        var configuration = try global.loadConfiguration()
        if let window, let length = Timestamp.parseDurationMilliseconds(window) {
            configuration.defaults.windowMilliseconds = length
        }
        if let model {
            if configuration.models.isEmpty {
                var settings = configuration.defaults
                settings.name = model
                configuration.models = [settings]
            } else {
                guard let settings = configuration.models.first(where: { $0.name == model }) else {
                    let names = configuration.models.map(\.name).joined(separator: ", ")
                    throw CommandError.usage(
                        "--model '\(model)' is not in \(global.config ?? "the config") (models: \(names))")
                }
                configuration.models = [settings]
            }
        }
        return configuration
    }

    /// How far after the wall clock an event time may lie (one day: clock skew, and logs written in
    /// local time but marked UTC, are at most ±14 h); later lines count as `future_timestamp`.
    static let futureTolerance: Int64 = 86_400_000

    /// `SINCE..UNTIL` as a half-open range of epoch milliseconds.
    static func range(_ text: String) -> Range<Int64>? {
        let parts = text.split(separator: "..", omittingEmptySubsequences: false)
        guard parts.count == 2, let since = TimeArgument.parse(String(parts[0])),
            let until = TimeArgument.parse(String(parts[1])), since < until
        else { return nil }
        return since..<until
    }

    /// One line per input: lines, counted, bad lines by reason, skipped bytes.
    static func summary(_ report: Backfill.FileReport) -> String {
        if report.alreadyIngested {
            return "\(report.path): already ingested (\(report.skippedBytes) bytes skipped)"
        }
        if let labels = report.labels {
            var line = "\(report.path): \(report.lines) lines, \(report.counted) labels: \(labels.joined) joined"
            let others = [
                ("out of order", labels.outOfOrder), ("waiting for their prediction", labels.waiting),
                ("duplicate", labels.duplicate), ("after expiry", labels.afterExpiry), ("unknown id", labels.unknown),
            ]
            for (name, count) in others where count > 0 { line += ", \(count) \(name)" }
            let bad = report.badLines.values.reduce(0, +)
            if bad > 0 {
                line +=
                    ", \(bad) bad ("
                    + report.badLines.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    + ")"
            }
            return line + "; \(labels.windowsRevised) windows revised"
        }
        var line = "\(report.path): \(report.lines) lines, \(report.counted) counted"
        let bad = report.badLines.values.reduce(0, +)
        line += ", \(bad) bad"
        if bad > 0 {
            line +=
                " ("
                + report.badLines.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", ") + ")"
        }
        if report.skippedBytes > 0 { line += ", \(report.skippedBytes) bytes skipped (ingested before)" }
        return line
    }
}
