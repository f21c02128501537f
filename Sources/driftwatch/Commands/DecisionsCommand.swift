import ArgumentParser
import DriftAgent
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// `driftwatch decisions`: the decision log, as a table or the JSON contract of docs/DECISIONS.md.
struct DecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions",
        abstract: "List recorded decisions: verdict, action, reasons and guardrail verdicts per window.",
        discussion: "The JSON shape (--format json) is documented in docs/DECISIONS.md and stable.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only this model.", valueName: "name"))
    var model: String?

    @Option(
        help: ArgumentHelp("Only windows starting at or after this time (RFC 3339, date or epoch).", valueName: "time"))
    var since: TimeArgument?

    @Option(help: ArgumentHelp("Only decisions of this mode: fire or backtest.", valueName: "mode"))
    var mode: String?

    @Option(help: "Output format.")
    var format: ReportCommand.Format = .table

    func validate() throws {
        if let mode, DecisionEngine.Mode(rawValue: mode) == nil {
            throw ValidationError("--mode '\(mode)': expected fire or backtest")
        }
    }

    func run() throws {
        let configuration = try global.loadConfiguration()
        let store = try global.openStore(configuration: configuration, mustExist: true)
        let decisions = try store.decisions(model: model, since: since?.milliseconds, mode: mode)
        switch format {
        case .json: print(DecisionRenderer.json(decisions), terminator: "")
        case .table: print(DecisionRenderer.table(decisions), terminator: "")
        }
    }
}

/// `driftwatch explain ID`: why a decision was taken, and what ran.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one decision: inputs, thresholds, each guardrail's verdict, jobs and hook runs.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The decision id (see `driftwatch decisions`).", valueName: "id"))
    var id: Int64

    func run() throws {
        let configuration = try global.loadConfiguration()
        let store = try global.openStore(configuration: configuration, mustExist: true)
        guard let decision = try store.decision(id: id) else { throw DecisionError.noDecision(id: id) }
        let episode = try decision.episodeId.flatMap { try store.episode(id: $0) }
        print(
            DecisionRenderer.explain(
                decision, episode: episode, jobs: try store.jobs(decisionId: id),
                runs: try store.hookRuns(decisionId: id),
                scores: try store.scores(
                    model: decision.model, version: decision.version, start: decision.windowStartMs),
                supersededBy: try store.supersedingDecision(of: id)),
            terminator: "")
        if let warning = try ChunkSizeCheck.warning(
            store: store, configuration: configuration, model: decision.model, version: decision.version,
            start: decision.windowStartMs)
        {
            print("Warning: \(warning)")
        }
    }
}

/// `driftwatch approve ID`: run the retrain a `review` decision waits for, under the guardrails.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a decision awaiting approval: its retrain runs under the same guardrails.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The decision id.", valueName: "id"))
    var id: Int64

    func run() throws {
        let configuration = try global.loadConfiguration()
        let store = try global.openStore(configuration: configuration, mustExist: true)
        let engine = DecisionEngine(configuration: configuration)
        let decision = try engine.approve(decisionID: id, store: store, now: Clock.wallMilliseconds())
        print("decision #\(decision.id): \(decision.action)")
        if decision.action == "denied" {
            print("denied by: " + DecisionRenderer.deniedGuardrails(decision).joined(separator: ", "))
        }
    }
}

/// `driftwatch job complete ID`: settle a retraining job in the cost ledger.
struct JobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job", abstract: "Retraining jobs started by decisions.", subcommands: [Complete.self])

    /// `driftwatch job complete`.
    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "complete",
            abstract: "Settle a retraining job: its outcome, actual cost and the model version it produced.")

        /// A job's outcome.
        enum Status: String, ExpressibleByArgument, CaseIterable {
            case succeeded
            case failed
        }

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("The job id (printed by the retrain hook, or driftwatch-fire-ID).", valueName: "id"))
        var id: String

        @Option(help: "How the job ended.")
        var status: Status

        @Option(
            help: ArgumentHelp(
                "The job's actual cost (default: its estimate on success, 0 on failure).", valueName: "x"))
        var cost: Double?

        @Option(
            name: .customLong("model-version"), help: ArgumentHelp("The model version it produced.", valueName: "v"))
        var modelVersion: String?

        func validate() throws {
            if let cost, !(cost.isFinite && cost >= 0) { throw ValidationError("--cost must be a number >= 0") }
        }

        func run() throws {
            let configuration = try global.loadConfiguration()
            let store = try global.openStore(configuration: configuration, mustExist: true)
            let engine = DecisionEngine(configuration: configuration)
            let job = try engine.completeJob(
                jobID: id, succeeded: status == .succeeded, cost: cost, modelVersion: modelVersion, store: store,
                now: Clock.wallMilliseconds())
            print("job \(job.jobId): \(job.status), cost \(job.cost ?? 0)")
        }
    }
}
