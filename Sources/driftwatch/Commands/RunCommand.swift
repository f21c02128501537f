import ArgumentParser
import DriftAgent
import DriftService
import DriftStore
import Logging
import ServiceLifecycle
import UnixSignals

/// `driftwatch run`: follows the logs as a long-running service (systemd `Type=notify`).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Follow log files like tail -F, close and score windows, serve /metrics (a systemd service).",
        discussion: """
            Sources: each configured model's `sources`, plus the globs given here (without --config the \
            globs are the sources). --labels (and [labels] sources) follows labels logs, joined after each \
            checkpoint; put log globs before --labels. READY is sent to systemd once the state file is open and the saved \
            positions are checked; SIGHUP reloads the configuration, SIGTERM or SIGINT writes a final \
            checkpoint and exits. Logs go to standard error as logfmt lines.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String = "info"

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Labels logs to follow ({\"id\": …, \"label\": …} lines), joined by id to earlier predictions.",
            valueName: "glob"))
    var labels: [String] = []

    @Argument(help: ArgumentHelp("Log files or globs to follow (quote globs).", valueName: "glob"))
    var globs: [String] = []

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError(
                "--log-level '\(logLevel)': expected trace, debug, info, notice, warning, error or critical")
        }
        if global.config == nil, globs.isEmpty {
            throw ValidationError("give the log files to follow (globs), or --config with `sources` per model")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let logger = Logger(label: "driftwatch") { LogfmtLogHandler(label: $0, logLevel: level) }
        let configuration = try global.loadConfiguration()
        let sources = IngestDriver.sources(configuration: configuration, globs: globs)
        guard !sources.isEmpty else { throw ServiceError.noSources }
        let group = ServiceGroup(configuration: serviceGroup(configuration, sources: sources, logger: logger))
        try await group.run()
    }

    /// The services: SIGHUP forwarding, the metrics endpoint when enabled, and the ingest loop, which
    /// is listed last so that it is the first to shut down (the group stops services in reverse).
    /// Runs the decision engine (hooks for real, under the guardrails) on the windows a checkpoint
    /// closed. A failure is logged, never fatal: ingest goes on, and the windows stay recorded.
    /// With `revised`, the windows are those whose performance late labels revised: decided windows
    /// among them are decided again (docs/DECISIONS.md, re-decisions).
    private static func decide(
        _ keys: [StoredWindowKey], revised: Bool = false, engine: DecisionEngine, store: Store,
        metrics: DriftMetrics, logger: Logger
    ) {
        guard !keys.isEmpty else { return }
        do {
            let now = Clock.wallMilliseconds()
            let decisions =
                revised
                ? try engine.redecide(revisedWindows: keys, store: store, now: now, mode: .fire)
                : try engine.evaluate(closedWindows: keys, store: store, now: now, mode: .fire)
            for decision in decisions {
                metrics.recordDecision(model: decision.model, verdict: decision.verdict)
                logger.info(
                    "decision",
                    metadata: [
                        "decision.id": "\(decision.id)", "model": "\(decision.model)",
                        "verdict": "\(decision.verdict)", "action": "\(decision.action)",
                        "supersedes": "\(decision.supersedes.map(String.init) ?? "")",
                    ])
            }
        } catch {
            logger.error("decision failed", metadata: ["error": "\(error)"])
        }
        publishBudgets(engine: engine, store: store, metrics: metrics, logger: logger)
    }

    /// Sets `driftwatch_budget_remaining{model="*"}` for each configured shared budget from the job
    /// ledger, as the budget guardrail reads it now. A failure is logged and leaves the gauges as they were.
    private static func publishBudgets(engine: DecisionEngine, store: Store, metrics: DriftMetrics, logger: Logger) {
        do {
            for entry in try engine.budgetRemaining(store: store, now: Clock.wallMilliseconds(), mode: .fire) {
                metrics.setBudgetRemaining(entry.remaining, model: "*", period: entry.period)
            }
        } catch {
            logger.error("budget gauge failed", metadata: ["error": "\(error)"])
        }
    }

    private func serviceGroup(
        _ configuration: Configuration, sources: [String], logger: Logger
    ) -> ServiceGroupConfiguration {
        let statePath = global.statePath(configuration: configuration)
        let labelGlobs = IngestDriver.labelSources(configuration: configuration, globs: labels)
        let configPath = global.config
        let metrics = DriftMetrics()
        let health = ServiceHealth()
        let reloads = ReloadRequests()
        let ingest = IngestService(
            configuration: configuration,
            makeDriver: { configuration in
                let store = try Store(path: statePath)
                let engine = DecisionEngine(configuration: configuration)
                Self.publishBudgets(engine: engine, store: store, metrics: metrics, logger: logger)
                return try IngestDriver.live(
                    configuration: configuration, store: store, sources: sources, wallNow: Clock.wallMilliseconds,
                    logger: logger,
                    closedWindows: { windows in
                        let keys = windows.map {
                            StoredWindowKey(
                                model: $0.key.stream.model, version: $0.key.stream.version, startMs: $0.key.start)
                        }
                        Self.decide(keys, engine: engine, store: store, metrics: metrics, logger: logger)
                    }, labelGlobs: labelGlobs,
                    revisedWindows: { keys in
                        Self.decide(
                            keys, revised: true, engine: engine, store: store, metrics: metrics, logger: logger)
                    })
            },
            loadConfiguration: { try configPath.map { try ConfigurationLoader.load(path: $0) } ?? .zeroConfig },
            notifier: SystemdNotifier(logger: logger), metrics: metrics, health: health, reloads: reloads,
            clock: ContinuousClock(), wallNow: { Clock.wallMilliseconds() },
            logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: HangupReloadService(requests: reloads))
        ]
        if configuration.metrics.isEnabled {
            let server = MetricsServer(
                configuration: configuration.metrics, metrics: metrics, health: health, logger: logger)
            services.append(
                .init(
                    service: server, successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        services.append(
            .init(
                service: ingest, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup))
        var group = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(10)
        group.maximumCancellationDuration = .seconds(5)
        return group
    }
}
