import DriftAgent
import DriftService
import DriftTestSupport
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

/// The ingest loop on a manual clock against a fake systemd socket: every datagram, in order.
struct IngestServiceTests {
    static let wall: Int64 = 1_700_000_000_000

    /// One service under test with its fake systemd, scripted engine and manual clock.
    struct Harness {
        let receiver: NotifyReceiver
        let clock = ManualClock()
        let script: EngineScript
        let reloads = ReloadRequests()
        let health = ServiceHealth()
        let metrics = DriftMetrics()
        let records = LogRecords()

        init(abstract: Bool = false, script: EngineScript = EngineScript()) throws {
            receiver = try NotifyReceiver(abstract: abstract)
            self.script = script
        }

        func service(
            checkpointMilliseconds: Int64 = 5_000, watchdogMicroseconds: Int? = nil,
            makeDriver: IngestService<ManualClock>.DriverFactory? = nil,
            load: @escaping @Sendable () throws -> Configuration = { Configuration() }
        ) -> IngestService<ManualClock> {
            var configuration = Configuration()
            configuration.checkpointIntervalMilliseconds = checkpointMilliseconds
            let script = self.script
            return IngestService(
                configuration: configuration, makeDriver: makeDriver ?? { _ in script.driver() },
                loadConfiguration: load,
                notifier: SystemdNotifier(
                    environment: receiver.environment(watchdogMicroseconds: watchdogMicroseconds),
                    logger: records.logger()),
                metrics: metrics, health: health, reloads: reloads, clock: clock, wallNow: { IngestServiceTests.wall },
                logger: records.logger())
        }

        /// Runs `service` until `body` returns, then shuts it down gracefully and waits for it.
        func run(
            _ service: IngestService<ManualClock>, _ body: (GracefulShutdownTestTrigger) async throws -> Void
        ) async throws {
            try await testGracefulShutdown { trigger in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await service.run() }
                    try await body(trigger)
                    trigger.triggerGracefulShutdown()
                    try await group.waitForAll()
                }
            }
            receiver.drain()
        }

        /// Advances the clock `steps` times by `step`, waiting each time until the loop sleeps again.
        func advance(_ steps: Int, by step: Duration = .milliseconds(250)) async {
            for _ in 0..<steps {
                clock.advance(by: step)
                #expect(await clock.waitForSleepers(1), "the loop did not go back to sleep")
                receiver.drain()
            }
        }
    }

    static let busy = IngestProgress(
        bytes: 0, lines: 0, filesOpen: 2,
        sources: [
            .init(source: "/var/log/a.jsonl", bytes: 10, seconds: 0.2),
            .init(source: "/var/log/b.jsonl", bytes: 0, seconds: 0.1),
        ])
    static let counters = IngestCounters(
        lines: 123_456, bytes: 9_000_000, badLines: ["invalid_json": 4, "missing_field": 3], windowsClosed: 3)

    @Test(arguments: [false, true])
    func readyFirstThenWatchdogAndStatusThenStoppingLast(abstract: Bool) async throws {
        let harness = try Harness(
            abstract: abstract, script: EngineScript(progress: Self.busy, counters: Self.counters))
        let service = harness.service(watchdogMicroseconds: 2_000_000)
        try await harness.run(service) { _ in
            #expect(await harness.clock.waitForSleepers(1))
            #expect(harness.health.phase == .ready)
            await harness.advance(20)  // t = 5.0 s
        }
        // Hand-derived: pings at half of 2 s (t = 0, 1, 2, 3, 4, 5), one checkpoint at t = 5 s.
        let ping = ["WATCHDOG=1"]
        let expected: [[String]] =
            [["READY=1", "STATUS=ready: lines 123456, bad 7, windows 3, lag 0.0s"]]
            + Array(repeating: ping, count: 5)
            + [["STATUS=lines 123456, bad 7, windows 3, lag 0.2s"], ping]
            + [["STATUS=stopping: writing the final checkpoint", "STOPPING=1"]]
        #expect(harness.receiver.received == expected)
        let polls = Array(repeating: EngineScript.Call.poll, count: 21)
        #expect(harness.script.calls == polls + [.closeIdle(wallNow: Self.wall), .checkpoint, .shutdown])
        #expect(harness.health.phase == .stopping)
    }

    @Test func withoutAWatchdogNoPingIsSent() async throws {
        let harness = try Harness()
        try await harness.run(harness.service()) { _ in
            #expect(await harness.clock.waitForSleepers(1))
            await harness.advance(8)
        }
        #expect(!harness.receiver.received.contains(["WATCHDOG=1"]))
        #expect(harness.receiver.received.first?.first == "READY=1")
        #expect(harness.receiver.received.last?.last == "STOPPING=1")
    }

    @Test func watchdogPingsStopWhilePollHangs() async throws {
        let harness = try Harness()
        let service = harness.service(watchdogMicroseconds: 1_000_000)
        try await harness.run(service) { _ in
            #expect(await harness.clock.waitForSleepers(1))
            await harness.advance(4)  // t = 1.0: pings at 0, 0.5, 1.0
            let before = harness.receiver.received.count { $0 == ["WATCHDOG=1"] }
            #expect(before == 3)
            harness.script.setHanging(true)
            harness.clock.advance(by: .milliseconds(250))  // the loop wakes and enters a poll that hangs
            while harness.script.calls.count(where: { $0 == .poll }) < 6 { try await Task.sleep(for: .milliseconds(1)) }
            harness.clock.advance(by: .seconds(10))  // far past the watchdog interval
            try await Task.sleep(for: .milliseconds(100))
            harness.receiver.drain()
            #expect(harness.receiver.received.count { $0 == ["WATCHDOG=1"] } == before, "pinged while hung")
            harness.script.setHanging(false)
            #expect(await harness.clock.waitForSleepers(1))
            harness.receiver.drain()
            #expect(harness.receiver.received.count { $0 == ["WATCHDOG=1"] } == before + 1)
        }
    }

    @Test func reloadSendsReloadingThenReadyAndKeepsTheEngine() async throws {
        let harness = try Harness()
        let service = harness.service(load: {
            var next = Configuration()
            next.checkpointIntervalMilliseconds = 2_000
            return next
        })
        try await harness.run(service) { _ in
            #expect(await harness.clock.waitForSleepers(1))
            harness.reloads.request()
            harness.reloads.request()  // two signals before the loop looks: one reload
            await harness.advance(1)
        }
        let received = harness.receiver.received
        #expect(received.count == 4)
        #expect(received[0].first == "READY=1")
        #expect(received[1].first == "RELOADING=1")
        #expect(received[1].count == 3)
        #expect(received[1][1].hasPrefix("MONOTONIC_USEC=") && UInt64(received[1][1].dropFirst(15)) != nil)
        #expect(received[1][2] == "STATUS=reloading configuration")
        #expect(received[2] == ["READY=1", "STATUS=configuration reloaded"])
        #expect(received[3].last == "STOPPING=1")
        #expect(
            harness.script.calls.filter { if case .reload = $0 { true } else { false } } == [
                .reload(checkpointMilliseconds: 2_000)
            ])
        #expect(harness.script.calls.last == .shutdown)
    }

    @Test func aFailedReloadKeepsTheRunningConfigurationAndSaysReadyAgain() async throws {
        struct Broken: Error {}
        let harness = try Harness()
        let service = harness.service(load: { throw Broken() })
        try await harness.run(service) { _ in
            #expect(await harness.clock.waitForSleepers(1))
            harness.reloads.request()
            await harness.advance(1)
            #expect(harness.health.phase == .ready)
        }
        #expect(harness.receiver.received[2] == ["READY=1", "STATUS=reload failed, running configuration kept"])
        #expect(!harness.script.calls.contains { if case .reload = $0 { true } else { false } })
        #expect(harness.records.all.contains { $0.level == .error && $0.message.contains("reload failed") })
    }

    @Test func noReadyWhenTheEngineCannotStart() async throws {
        struct StoreLocked: Error {}
        let harness = try Harness()
        let service = harness.service(makeDriver: { _ in throw StoreLocked() })
        var thrown: (any Error)?
        do { try await service.run() } catch { thrown = error }
        #expect(thrown is StoreLocked)
        harness.receiver.drain()
        #expect(harness.receiver.received.count == 1)
        #expect(harness.receiver.received.first?.first?.hasPrefix("STATUS=failed to start") == true)
        #expect(harness.health.phase == .failed)
    }

    @Test func aPollErrorStillWritesALastCheckpointAndStops() async throws {
        let harness = try Harness()
        harness.script.failPoll(after: 1)
        let service = harness.service()
        let clock = harness.clock
        var thrown: (any Error)?
        do {
            try await testGracefulShutdown { _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await service.run() }
                    #expect(await clock.waitForSleepers(1))
                    clock.advance(by: .milliseconds(250))
                    try await group.waitForAll()
                }
            }
        } catch {
            thrown = error
        }
        #expect(thrown is EngineScript.PollError)
        harness.receiver.drain()
        #expect(harness.script.calls == [.poll, .poll, .shutdown])
        #expect(harness.receiver.received.last?.last == "STOPPING=1")
        #expect(harness.health.phase == .failed)
    }

    @Test func checkpointsFollowTheConfiguredInterval() async throws {
        let harness = try Harness()
        try await harness.run(harness.service(checkpointMilliseconds: 1_000)) { _ in
            #expect(await harness.clock.waitForSleepers(1))
            await harness.advance(12)  // t = 3.0 s: checkpoints at 1, 2, 3
        }
        #expect(harness.script.calls.count { $0 == .checkpoint } == 3)
        #expect(harness.script.calls.count { $0 == .closeIdle(wallNow: Self.wall) } == 3)
        #expect(harness.receiver.received.count { $0.first?.hasPrefix("STATUS=lines") == true } == 3)
    }
}
