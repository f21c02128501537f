import DriftAgent
import DriftService
import DriftTestSupport
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The service group `driftwatch run` builds, on real time: a graceful shutdown (what SIGTERM
/// triggers) ends it within a few seconds, with the final checkpoint written and STOPPING last.
struct ServiceGroupShutdownTests {
    @Test func gracefulShutdownEndsTheGroupWithinAFewSeconds() async throws {
        let receiver = try NotifyReceiver(abstract: true)
        let script = EngineScript()
        let logger = LogRecords().logger()
        let metrics = DriftMetrics()
        let health = ServiceHealth()
        let port = Mutex(0)
        let ingest = IngestService(
            configuration: Configuration(), makeDriver: { _ in script.driver() },
            loadConfiguration: { Configuration() },
            notifier: SystemdNotifier(environment: receiver.environment(watchdogMicroseconds: 200_000), logger: logger),
            metrics: metrics, health: health, reloads: ReloadRequests(), clock: ContinuousClock(),
            wallNow: { 0 }, pollInterval: .milliseconds(50), logger: logger)
        let server = MetricsServer(
            configuration: MetricsConfiguration(port: 0), metrics: metrics, health: health, logger: logger,
            onListening: { bound in port.withLock { $0 = bound } })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup),
                    .init(service: ingest, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(await receiver.waitForDatagrams(1))
            #expect(receiver.received.first?.first == "READY=1")
            let start = ContinuousClock.now
            while port.withLock({ $0 }) == 0, ContinuousClock.now - start < .seconds(120) {
                try await Task.sleep(for: .milliseconds(5))
            }
            let bound = port.withLock { $0 }
            #expect(try await HTTPProbe.get("/healthz", port: bound).status == 200)
            // A few watchdog pings (every 100 ms); waited for, not slept for, so a loaded machine
            // that runs the loop late does not fail the test.
            let pinging = ContinuousClock.now
            while ContinuousClock.now - pinging < .seconds(120) {
                receiver.drain()
                if receiver.received.count(where: { $0 == ["WATCHDOG=1"] }) >= 2 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            let stopping = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            // "A few seconds", with slack for a loaded 2-core machine.
            #expect(ContinuousClock.now - stopping < .seconds(8))
            #expect((try? await HTTPProbe.get("/healthz", port: bound)) == nil, "the endpoint still answers")
        }
        receiver.drain()
        #expect(receiver.received.last?.last == "STOPPING=1")
        #expect(receiver.received.count { $0 == ["WATCHDOG=1"] } >= 2)
        #expect(script.calls.last == .shutdown)
        #expect(health.phase == .stopping)
    }
}
