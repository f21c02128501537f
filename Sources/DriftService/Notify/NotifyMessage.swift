/// One assignment of systemd's notify protocol (`sd_notify(3)`), sent in a datagram to `NOTIFY_SOCKET`.
public enum NotifyMessage: Sendable, Equatable {
    /// `READY=1`: start-up (or a reload) is finished; systemd starts the units that wait for this one.
    case ready
    /// `RELOADING=1` with `MONOTONIC_USEC=`: a reload began at this `CLOCK_MONOTONIC` time; `READY=1` ends it.
    case reloading(monotonicMicroseconds: UInt64)
    /// `STOPPING=1`: the service is shutting down.
    case stopping
    /// `WATCHDOG=1`: the main loop is alive.
    case watchdog
    /// `STATUS=…`: one line shown by `systemctl status`.
    case status(String)

    /// The message's lines as sent on the wire (newlines in a status are replaced by spaces).
    public var lines: [String] {
        switch self {
        case .ready: ["READY=1"]
        case let .reloading(microseconds): ["RELOADING=1", "MONOTONIC_USEC=\(microseconds)"]
        case .stopping: ["STOPPING=1"]
        case .watchdog: ["WATCHDOG=1"]
        case let .status(text):
            ["STATUS=" + String(text.map { $0.isNewline ? " " : $0 })]
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif

extension NotifyMessage {
    /// `RELOADING=1` stamped with the current `CLOCK_MONOTONIC` time, as `Type=notify-reload` requires.
    public static func reloadingNow() -> NotifyMessage {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return .reloading(monotonicMicroseconds: UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec / 1_000))
    }
}
