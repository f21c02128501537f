import DriftAgent

/// The ingest engine as the service loop sees it: the operations of `LiveIngest`, as closures.
///
/// A seam of closures rather than a protocol: the real engine and the tests' scripted one are the
/// only two implementations, and the loop needs nothing else from them. It is not `Sendable`: the
/// service makes it inside its own task (``IngestService`` calls its factory in `run()`) and only
/// that task touches it, as the engine's store requires.
public struct IngestDriver {
    /// Reads what is new in every followed file.
    public var poll: () throws -> IngestProgress
    /// Commits dirty windows and every source position in one transaction.
    public var checkpoint: () throws -> Void
    /// Closes windows idle for `idle_close` of wall time (`wallNow`: epoch milliseconds).
    public var closeIdle: (_ wallNow: Int64) -> Void
    /// Applies a new configuration, keeping open windows and positions.
    public var reload: (Configuration) throws -> Void
    /// Stops reading and writes the final checkpoint.
    public var shutdown: () throws -> Void
    /// Totals since start.
    public var counters: () -> IngestCounters

    /// Creates a driver from its operations.
    public init(
        poll: @escaping () throws -> IngestProgress,
        checkpoint: @escaping () throws -> Void,
        closeIdle: @escaping (_ wallNow: Int64) -> Void,
        reload: @escaping (Configuration) throws -> Void,
        shutdown: @escaping () throws -> Void,
        counters: @escaping () -> IngestCounters
    ) {
        self.poll = poll
        self.checkpoint = checkpoint
        self.closeIdle = closeIdle
        self.reload = reload
        self.shutdown = shutdown
        self.counters = counters
    }
}
