import DriftAgent
import DriftService
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A scripted stand-in for `LiveIngest`: records every call, returns set progress and counters,
/// and can make `poll` hang (spin) or throw, to drive ``IngestService`` through its paths.
final class EngineScript: Sendable {
    enum Call: Equatable, Sendable {
        case poll
        case checkpoint
        case closeIdle(wallNow: Int64)
        case reload(checkpointMilliseconds: Int64)
        case shutdown
    }

    struct PollError: Error, Equatable {}

    private struct State {
        var calls: [Call] = []
        var progress = IngestProgress()
        var counters = IngestCounters()
        var hangs = false
        var failPollAfter: Int?
    }

    private let state = Mutex(State())

    init(progress: IngestProgress = IngestProgress(), counters: IngestCounters = IngestCounters()) {
        state.withLock {
            $0.progress = progress
            $0.counters = counters
        }
    }

    var calls: [Call] { state.withLock { $0.calls } }

    /// While true, `poll` spins (real time) instead of returning: a hung engine.
    func setHanging(_ hangs: Bool) { state.withLock { $0.hangs = hangs } }

    /// `poll` throws ``PollError`` once it has been called `count` times.
    func failPoll(after count: Int) { state.withLock { $0.failPollAfter = count } }

    /// Whether a `poll` call is in progress and spinning.
    var isHanging: Bool { state.withLock { $0.hangs } }

    func driver() -> IngestDriver {
        IngestDriver(
            poll: { [self] in
                let (progress, fail) = state.withLock { state in
                    state.calls.append(.poll)
                    let polls = state.calls.count { $0 == .poll }
                    return (state.progress, state.failPollAfter.map { polls > $0 } ?? false)
                }
                if fail { throw PollError() }
                while isHanging { usleep(1_000) }
                return progress
            },
            checkpoint: { [self] in state.withLock { $0.calls.append(.checkpoint) } },
            closeIdle: { [self] wall in state.withLock { $0.calls.append(.closeIdle(wallNow: wall)) } },
            reload: { [self] configuration in
                state.withLock {
                    $0.calls.append(.reload(checkpointMilliseconds: configuration.checkpointIntervalMilliseconds))
                }
            },
            shutdown: { [self] in state.withLock { $0.calls.append(.shutdown) } },
            counters: { [self] in state.withLock { $0.counters } })
    }
}
