import DriftAgent
import Logging
import ServiceLifecycle

/// The state of one run of ``IngestService``'s loop: the engine, the running configuration and the
/// schedule of checkpoints, metrics and watchdog pings on the service's clock. Owned by the
/// service's task alone.
struct IngestLoop<C: Clock<Duration>> {
    let service: IngestService<C>
    let driver: IngestDriver
    private(set) var configuration: Configuration
    private(set) var checkpointInterval: Duration
    private var nextCheckpoint: C.Instant
    private var nextMetrics: C.Instant
    private var nextPing: C.Instant

    /// How often lag gauges are refreshed while lines flow.
    static var metricsInterval: Duration { .milliseconds(200) }

    init(service: IngestService<C>, driver: IngestDriver, start: C.Instant) {
        self.service = service
        self.driver = driver
        configuration = service.configuration
        checkpointInterval = .milliseconds(service.configuration.checkpointIntervalMilliseconds)
        nextCheckpoint = start.advanced(by: checkpointInterval)
        nextMetrics = start
        nextPing = start
    }

    /// Polls until graceful shutdown or cancellation.
    mutating func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if service.reloads.take() { reload() }
            let progress = try driver.poll()
            let now = service.clock.now
            if now >= nextMetrics {
                service.metrics.record(progress)
                service.metrics.record(driver.counters())  // totals between checkpoints too: lag is visible
                nextMetrics = now.advanced(by: Self.metricsInterval)
            }
            if now >= nextCheckpoint {
                try checkpoint(lag: progress.maximumLagSeconds)
                nextCheckpoint = now.advanced(by: checkpointInterval)
            }
            pingWatchdog(now: now)
            if progress.readAnything {
                await Task.yield()
            } else {
                await sleep(from: now)
            }
        }
    }

    /// Closes idle windows, commits, publishes the totals and tells systemd.
    private func checkpoint(lag: Double) throws {
        let wall = service.wallNow()
        driver.closeIdle(wall)
        try driver.checkpoint()
        let counters = driver.counters()
        service.metrics.record(counters)
        service.metrics.recordCheckpoint(wallMilliseconds: wall)
        service.notifier.send(.status(StatusLine.text(counters, lag: lag)))
    }

    /// Sends `WATCHDOG=1` when half the watchdog interval has passed since the last ping.
    private mutating func pingWatchdog(now: C.Instant) {
        guard let interval = service.notifier.watchdogInterval, now >= nextPing else { return }
        service.notifier.send(.watchdog)
        nextPing = now.advanced(by: interval / 2)
    }

    /// Sleeps one poll interval, or until the next watchdog ping if that is sooner; a graceful
    /// shutdown or a cancellation ends the sleep early.
    private func sleep(from now: C.Instant) async {
        var wake = now.advanced(by: service.pollInterval)
        if service.notifier.watchdogInterval != nil, nextPing < wake { wake = max(nextPing, now) }
        let clock = service.clock
        let deadline = wake
        try? await cancelWhenGracefulShutdown {
            try await clock.sleep(until: deadline, tolerance: nil)
        }
    }

    /// `RELOADING=1`, re-read the configuration, hand it to the engine, `READY=1`.
    private mutating func reload() {
        service.health.enter(.reloading)
        service.notifier.send(.reloadingNow(), .status("reloading configuration"))
        service.logger.info("reloading configuration")
        var outcome = "configuration reloaded"
        do {
            let next = try service.loadConfiguration()
            try driver.reload(next)
            configuration = next
            checkpointInterval = .milliseconds(next.checkpointIntervalMilliseconds)
            service.logger.info("configuration reloaded")
        } catch {
            outcome = "reload failed, running configuration kept"
            service.logger.error(
                "reload failed; keeping the running configuration", metadata: ["error": "\(error)"])
        }
        service.health.enter(.ready)
        service.notifier.send(.ready, .status(outcome))
    }
}
