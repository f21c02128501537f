import Synchronization

/// The phase of the ingest service, as `/healthz` reports it.
public final class ServiceHealth: Sendable {
    /// Where the service is in its life.
    public enum Phase: String, Sendable, Equatable {
        /// Opening the store and checking saved positions; not ready yet.
        case starting
        /// Following the logs.
        case ready
        /// Applying a new configuration (SIGHUP); still following the logs.
        case reloading
        /// Shutting down, or stopped.
        case stopping
        /// Stopped by an error.
        case failed
    }

    private let current = Mutex(Phase.starting)

    /// Creates the health of a service that is starting.
    public init() {}

    /// The current phase.
    public var phase: Phase { current.withLock { $0 } }

    /// Whether `/healthz` answers 200: while ready or reloading.
    public var isHealthy: Bool {
        switch phase {
        case .ready, .reloading: true
        case .starting, .stopping, .failed: false
        }
    }

    /// Moves to `phase`.
    public func enter(_ phase: Phase) {
        current.withLock { $0 = phase }
    }
}
