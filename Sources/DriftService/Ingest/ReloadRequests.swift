import ServiceLifecycle
import Synchronization
import UnixSignals

/// Reload requests (SIGHUP) waiting for the ingest loop; several before the loop looks count as one.
public final class ReloadRequests: Sendable {
    private let pending = Mutex(false)

    /// Creates an empty queue.
    public init() {}

    /// Asks the loop to reload its configuration.
    public func request() {
        pending.withLock { $0 = true }
    }

    /// Whether a reload was requested since the last call; clears the request.
    public func take() -> Bool {
        pending.withLock { pending in
            defer { pending = false }
            return pending
        }
    }
}

/// Turns SIGHUP into reload requests for as long as the service group runs.
///
/// A separate service so that the ingest loop itself never traps signals (tests drive it through
/// ``ReloadRequests`` directly). While it runs, SIGHUP no longer terminates the process.
public struct HangupReloadService: Service {
    private let requests: ReloadRequests

    /// Forwards SIGHUP to `requests`.
    public init(requests: ReloadRequests) {
        self.requests = requests
    }

    /// Waits for SIGHUP until graceful shutdown.
    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            requests.request()
        }
    }
}
