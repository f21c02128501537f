import ArgumentParser
import DriftAgent
import DriftIngest
import DriftStore

/// `driftwatch prune`: deletes the windows and decisions older than `[retention]` keeps, and gives
/// the space back (docs/CLI.md). `driftwatch run` does the same by itself every `interval`.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete windows and decisions older than [retention] keeps, and shrink the state file.",
        discussion: """
            Ages count back from each model's newest stored window end (event time). Baselines, ingest \
            positions and counters, windows with predictions still waiting for a label, and decisions that a \
            job, an open episode or an unfinished hook refers to are never deleted. Safe while `driftwatch run` \
            runs (short transactions); --vacuum is not (it rewrites the file: stop the agent first).
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .customLong("dry-run"), help: "Count what would be deleted; change nothing.")
    var dryRun = false

    @Flag(
        help:
            "Afterwards rewrite the whole file (VACUUM), turning on incremental auto-vacuum for a file created before it."
    )
    var vacuum = false

    @Option(
        help: ArgumentHelp(
            "Keep windows this long instead of [retention] windows (\"forever\": all).", valueName: "age"))
    var windows: String?

    @Option(
        help: ArgumentHelp(
            "Keep decisions this long instead of [retention] decisions (\"forever\": all).", valueName: "age"))
    var decisions: String?

    @Option(help: "Output format.")
    var format: ReportCommand.Format = .table

    func validate() throws {
        for (name, value) in [("--windows", windows), ("--decisions", decisions)] {
            guard let value, value != "forever" else { continue }
            guard Timestamp.parseDurationMilliseconds(value) != nil else {
                throw ValidationError("\(name) '\(value)': expected a duration like \"30d\" or \"12h\", or \"forever\"")
            }
        }
        if dryRun && vacuum { throw ValidationError("--vacuum changes the file; it cannot go with --dry-run") }
    }

    func run() throws {
        let configuration = try global.loadConfiguration()
        var settings = configuration.retention
        if let windows { settings.windowsMilliseconds = Timestamp.parseDurationMilliseconds(windows) }
        if let decisions { settings.decisionsMilliseconds = Timestamp.parseDurationMilliseconds(decisions) }
        let path = global.statePath(configuration: configuration)
        let store = try global.openStore(configuration: configuration, mustExist: true)
        var outcome = try store.prune(settings.policy(), now: Clock.wallMilliseconds(), dryRun: dryRun)
        if vacuum {
            let before = outcome.fileBytes
            try store.vacuum()
            outcome.fileBytes = try store.fileBytes()
            outcome.reclaimedBytes += max(0, before - outcome.fileBytes)
        }
        switch format {
        case .table: print(text(outcome, path: path, shrinks: try store.shrinksAfterPruning()))
        case .json: print(json(outcome, path: path))
        }
    }

    private func text(_ outcome: PruneOutcome, path: String, shrinks: Bool) -> String {
        let verb = dryRun ? "would delete" : "deleted"
        var text =
            "\(path): \(verb) \(outcome.windows) windows, \(outcome.decisions) decisions, \(outcome.episodes) episodes"
        if !dryRun { text += "; reclaimed \(outcome.reclaimedBytes) bytes" }
        text += "; file \(outcome.fileBytes) bytes"
        if !shrinks {
            text +=
                "\nnote: this file reuses freed pages but never shrinks; `driftwatch prune --vacuum` rewrites it once"
        }
        return text
    }

    private func json(_ outcome: PruneOutcome, path: String) -> String {
        var writer = JSONWriter(pretty: true)
        writer.object { json in
            json.member("state", path)
            json.member("dry_run", dryRun)
            json.member("windows", outcome.windows)
            json.member("decisions", outcome.decisions)
            json.member("episodes", outcome.episodes)
            json.member("reclaimed_bytes", outcome.reclaimedBytes)
            json.member("file_bytes", outcome.fileBytes)
        }
        return writer.text
    }
}
