import DriftAgent
import Logging
import ServiceLifecycle

/// The main loop of `driftwatch run`: poll the followed files, checkpoint, close idle windows, and
/// keep systemd and `/metrics` informed.
///
/// Lifecycle, as systemd sees it:
/// 1. `run()` makes the engine (opening the store and checking saved positions); only then
///    `READY=1` is sent. A failure here sends a STATUS line and throws: the unit fails to start.
/// 2. Each turn polls once; when nothing was read the loop sleeps `pollInterval` (woken early by a
///    graceful shutdown). Every `checkpoint_interval` of the injected clock it closes idle windows,
///    commits one checkpoint and sends a STATUS line. `WATCHDOG=1` is sent from the loop itself, at
///    half `WATCHDOG_USEC`, so a poll that hangs stops the pings and systemd restarts the agent.
/// 3. A reload request (SIGHUP) sends `RELOADING=1`, re-reads the configuration, hands it to the
///    engine (which keeps its windows and positions) and sends `READY=1`; a bad file keeps the
///    running configuration.
/// 4. Graceful shutdown (SIGTERM, SIGINT) stops polling, sends `STOPPING=1`, and writes the final
///    checkpoint before returning; nothing is sent after `STOPPING=1`.
public struct IngestService<C: Clock<Duration>>: Service {
    /// Makes the engine for a configuration; called once, inside `run()`.
    public typealias DriverFactory = @Sendable (Configuration) throws -> IngestDriver

    let configuration: Configuration
    let makeDriver: DriverFactory
    let loadConfiguration: @Sendable () throws -> Configuration
    let notifier: SystemdNotifier
    let metrics: DriftMetrics
    let health: ServiceHealth
    let reloads: ReloadRequests
    let clock: C
    let wallNow: @Sendable () -> Int64
    let pollInterval: Duration
    let logger: Logger

    /// Creates the service; nothing happens until `run()`.
    /// - Parameters:
    ///   - configuration: the configuration to start with (its `checkpoint_interval` sets the cadence).
    ///   - makeDriver: makes the engine; opening the store happens here, before READY.
    ///   - loadConfiguration: re-reads the configuration on reload.
    ///   - notifier: systemd's notify socket (a no-op outside systemd).
    ///   - metrics: where progress and totals are published.
    ///   - health: the phase `/healthz` reports.
    ///   - reloads: reload requests (SIGHUP through ``HangupReloadService``).
    ///   - clock: drives the cadence and the sleeps (a manual clock in tests).
    ///   - wallNow: epoch milliseconds, for idle windows and the checkpoint time.
    ///   - pollInterval: the sleep after a poll that read nothing.
    ///   - logger: the loop's logger.
    public init(
        configuration: Configuration,
        makeDriver: @escaping DriverFactory,
        loadConfiguration: @escaping @Sendable () throws -> Configuration,
        notifier: SystemdNotifier,
        metrics: DriftMetrics,
        health: ServiceHealth,
        reloads: ReloadRequests,
        clock: C,
        wallNow: @escaping @Sendable () -> Int64,
        pollInterval: Duration = .milliseconds(250),
        logger: Logger
    ) {
        precondition(pollInterval > .zero, "pollInterval must be positive")
        self.configuration = configuration
        self.makeDriver = makeDriver
        self.loadConfiguration = loadConfiguration
        self.notifier = notifier
        self.metrics = metrics
        self.health = health
        self.reloads = reloads
        self.clock = clock
        self.wallNow = wallNow
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Runs until graceful shutdown or cancellation; writes the final checkpoint before returning.
    /// - Throws: the engine's error when it cannot start, poll or checkpoint.
    public func run() async throws {
        let driver: IngestDriver
        do {
            driver = try makeDriver(configuration)
        } catch {
            health.enter(.failed)
            notifier.send(.status("failed to start: \(error)"))
            logger.error("ingest could not start", metadata: ["error": "\(error)"])
            throw error
        }
        var loop = IngestLoop(service: self, driver: driver, start: clock.now)
        health.enter(.ready)
        notifier.send(.ready, .status("ready: " + StatusLine.text(loop.driver.counters(), lag: 0)))
        logger.info("ingest ready", metadata: ["ingest.checkpoint_interval": "\(loop.checkpointInterval)"])
        do {
            try await loop.run()
        } catch {
            health.enter(.failed)
            notifier.send(.status("failed: \(error)"), .stopping)
            logger.error("ingest failed; writing a last checkpoint", metadata: ["error": "\(error)"])
            do { try driver.shutdown() } catch {
                logger.error("last checkpoint failed", metadata: ["error": "\(error)"])
            }
            throw error
        }
        health.enter(.stopping)
        notifier.send(.status("stopping: writing the final checkpoint"), .stopping)
        try driver.shutdown()
        let counters = driver.counters()
        metrics.record(counters)
        metrics.recordCheckpoint(wallMilliseconds: wallNow())
        logger.info(
            "ingest stopped",
            metadata: ["ingest.lines": "\(counters.lines)", "ingest.bad": "\(counters.badLineTotal)"])
    }
}
