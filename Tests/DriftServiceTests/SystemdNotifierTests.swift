import DriftAgent
import DriftService
import DriftTestSupport
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

struct SystemdNotifierTests {
    @Test(arguments: [false, true])
    func sendsOneDatagramPerCallInOrder(abstract: Bool) async throws {
        let receiver = try NotifyReceiver(abstract: abstract)
        let notifier = SystemdNotifier(environment: receiver.environment(), logger: LogRecords().logger())
        #expect(notifier.isEnabled)
        notifier.send(.ready, .status("lines 1, bad 0"))
        notifier.send(.watchdog)
        notifier.send(.reloading(monotonicMicroseconds: 42))
        notifier.send(.stopping)
        #expect(await receiver.waitForDatagrams(4))
        #expect(
            receiver.received == [
                ["READY=1", "STATUS=lines 1, bad 0"], ["WATCHDOG=1"], ["RELOADING=1", "MONOTONIC_USEC=42"],
                ["STOPPING=1"],
            ])
        #expect(notifier.failureCount == 0)
    }

    @Test func statusNewlinesAreFlattened() {
        #expect(NotifyMessage.status("a\nb").lines == ["STATUS=a b"])
    }

    @Test func reloadingCarriesTheMonotonicClock() throws {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let before = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec / 1_000)
        guard case let .reloading(stamp) = NotifyMessage.reloadingNow() else {
            Issue.record("expected .reloading")
            return
        }
        clock_gettime(CLOCK_MONOTONIC, &now)
        let after = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec / 1_000)
        #expect(before <= stamp && stamp <= after)
    }

    @Test func withoutNotifySocketEverySendIsANoOp() {
        let records = LogRecords()
        let notifier = SystemdNotifier(environment: [:], logger: records.logger())
        #expect(!notifier.isEnabled)
        #expect(notifier.watchdogInterval == nil)
        notifier.send(.ready)
        #expect(notifier.failureCount == 0)
        #expect(records.all.isEmpty)
    }

    @Test func aMissingSocketIsCountedAndLoggedOnce() {
        let records = LogRecords()
        let notifier = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": "/nonexistent-\(getpid())/notify.sock"], logger: records.logger())
        for _ in 0..<5 { notifier.send(.watchdog) }
        #expect(notifier.failureCount == 5)
        #expect(records.all.count == 1)
        #expect(records.all.first?.level == .warning)
    }

    @Test(arguments: [
        ("", nil), ("relative/path", nil), ("@", nil), ("vsock:2:1234", nil),
        ("/run/systemd/notify", NotifySocketAddress.path("/run/systemd/notify")),
        ("@/org/freedesktop/systemd1/notify/1", NotifySocketAddress.abstract("/org/freedesktop/systemd1/notify/1")),
        ("/" + String(repeating: "a", count: 106), NotifySocketAddress.path("/" + String(repeating: "a", count: 106))),
        ("/" + String(repeating: "a", count: 107), nil),
    ])
    func parsesNotifySocket(value: String, expected: NotifySocketAddress?) {
        #expect(NotifySocketAddress(value) == expected)
    }

    @Test func anUnusableAddressDisablesNotificationsWithOneWarning() {
        let records = LogRecords()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "vsock:2:1"], logger: records.logger())
        notifier.send(.ready)
        #expect(!notifier.isEnabled)
        #expect(records.all.map(\.level) == [.warning])
    }

    @Test func watchdogIntervalHonoursWatchdogPid() {
        let logger = LogRecords().logger()
        let mine = SystemdNotifier(environment: ["WATCHDOG_USEC": "3000000"], processID: 77, logger: logger)
        #expect(mine.watchdogInterval == .seconds(3))
        let named = SystemdNotifier(
            environment: ["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": "77"], processID: 77, logger: logger)
        #expect(named.watchdogInterval == .seconds(3))
        let other = SystemdNotifier(
            environment: ["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": "78"], processID: 77, logger: logger)
        #expect(other.watchdogInterval == nil)
        for bad in ["0", "-5", "abc", ""] {
            let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": bad], processID: 77, logger: logger)
            #expect(notifier.watchdogInterval == nil, "WATCHDOG_USEC=\(bad)")
        }
    }

    @Test func childEnvironmentDropsTheNotifyAndWatchdogVariables() {
        let environment = [
            "NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "1", "WATCHDOG_PID": "2", "LISTEN_FDS": "1", "PATH": "/usr/bin",
            "DRIFT_MODEL": "fraud",
        ]
        #expect(SystemdNotifier.childEnvironment(from: environment) == ["PATH": "/usr/bin", "DRIFT_MODEL": "fraud"])
    }

    @Test func currentEnvironmentMatchesGetenv() {
        let path = getenv("PATH").map { String(cString: $0) }
        #expect(ProcessEnvironment.current()["PATH"] == path)
        #expect(SystemdNotifier.childEnvironment()["PATH"] == path)
    }
}
