import DriftAgent
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Speaks systemd's notify protocol without libsystemd: datagrams to the `NOTIFY_SOCKET` that
/// systemd hands a `Type=notify` service.
///
/// It is never fatal. Without `NOTIFY_SOCKET` (run by hand, in a container, in tests) every send is
/// a no-op. A send that fails is counted in ``failureCount`` and logged once per kind of failure, so a
/// broken socket cannot flood the journal or stop ingestion. Sends never block (`MSG_DONTWAIT`): a
/// message that finds systemd's queue full is dropped and counted rather than stalling the loop.
///
/// The watchdog interval comes from `WATCHDOG_USEC`, honoured only when `WATCHDOG_PID` is unset or
/// names this process (systemd sets it so that children do not inherit the duty). Children should
/// get ``childEnvironment(from:)``, which drops these variables.
public final class SystemdNotifier: Sendable {
    /// The socket messages go to; `nil` when `NOTIFY_SOCKET` is unset or unusable.
    public let address: NotifySocketAddress?
    /// How often systemd expects `WATCHDOG=1` at the latest; ping at half of it. `nil`: no watchdog.
    public let watchdogInterval: Duration?

    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var descriptor: Int32?
        var failures = 0
        var reported: Set<String> = []
    }

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    /// - Parameters:
    ///   - environment: the variables to read; defaults to this process's environment.
    ///   - processID: the pid `WATCHDOG_PID` must match; defaults to this process.
    ///   - logger: where an unusable socket address or a failed send is reported, once each.
    public init(
        environment: [String: String] = ProcessEnvironment.current(), processID: Int32 = getpid(), logger: Logger
    ) {
        self.logger = logger
        let socket = environment["NOTIFY_SOCKET"] ?? ""
        address = NotifySocketAddress(socket)
        if address == nil, !socket.isEmpty {
            logger.warning(
                "NOTIFY_SOCKET is not a usable AF_UNIX address; systemd notifications are off",
                metadata: ["notify.socket": "\(socket)"])
        }
        watchdogInterval = Self.watchdogInterval(environment: environment, processID: processID)
    }

    deinit {
        state.withLock { state in
            if let descriptor = state.descriptor { close(descriptor) }
        }
    }

    /// Whether messages go anywhere (`NOTIFY_SOCKET` is set and usable).
    public var isEnabled: Bool { address != nil }

    /// How many sends failed since start.
    public var failureCount: Int { state.withLock { $0.failures } }

    /// Sends `messages` as one datagram, in order; a no-op when ``isEnabled`` is false.
    public func send(_ messages: NotifyMessage...) {
        send(messages)
    }

    /// Sends `messages` as one datagram, in order; a no-op when ``isEnabled`` is false.
    public func send(_ messages: [NotifyMessage]) {
        guard let address, !messages.isEmpty else { return }
        let payload = Array(messages.flatMap(\.lines).joined(separator: "\n").utf8)
        state.withLock { state in
            if state.descriptor == nil {
                let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
                guard descriptor >= 0 else {
                    fail(&state, kind: "socket", errno: errno)
                    return
                }
                state.descriptor = descriptor
            }
            guard let descriptor = state.descriptor else { return }
            let sent = payload.withUnsafeBytes { bytes in
                address.withSocketAddress { socketAddress, length in
                    sendto(
                        descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT), socketAddress,
                        length)
                }
            }
            if sent < 0 { fail(&state, kind: "sendto", errno: errno) }
        }
    }

    /// `environment` without systemd's variables (`NOTIFY_SOCKET`, `WATCHDOG_USEC`, `WATCHDOG_PID` and
    /// the socket-activation `LISTEN_*`): what a child process gets. The list is the hook runner's
    /// (`HookRunner.scrubbedVariables`), so hooks and any other child agree.
    /// - Complexity: O(n) in the number of variables.
    public static func childEnvironment(from environment: [String: String] = ProcessEnvironment.current())
        -> [String: String]
    {
        environment.filter { !HookRunner.scrubbedVariables.contains($0.key) }
    }

    /// The watchdog interval `environment` asks of process `processID`, if any.
    static func watchdogInterval(environment: [String: String], processID: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0,
            microseconds < UInt64(Int64.max)
        else { return nil }
        if let pid = environment["WATCHDOG_PID"], !pid.isEmpty, Int32(pid) != processID { return nil }
        return .microseconds(Int64(microseconds))
    }

    private func fail(_ state: inout State, kind: String, errno code: Int32) {
        state.failures += 1
        guard state.reported.insert(kind).inserted else { return }
        let reason = String(cString: strerror(code))
        logger.warning(
            "systemd notification failed; continuing without it",
            metadata: [
                "notify.call": "\(kind)", "notify.error": "\(reason)",
                "notify.address": "\(address.map { "\($0)" } ?? "")",
            ])
    }
}
