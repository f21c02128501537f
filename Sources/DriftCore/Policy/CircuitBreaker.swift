/// Stops firing a model's retrain hook after repeated failures, and tries again after a cool-off.
///
/// `closed` counts consecutive failures; at `threshold` it opens. `open` refuses every trigger
/// until `coolOff` has passed, then admits one trial and becomes `halfOpen`; while the trial is
/// out, further triggers are refused. The trial's success closes the breaker (count 0), its
/// failure opens it again from that instant. A success in `closed` resets the count.
public struct CircuitBreaker: Sendable, Equatable {
    /// The breaker's lifecycle.
    public enum State: Sendable, Equatable {
        /// Firing allowed; `failures` consecutive failures so far.
        case closed(failures: Int)
        /// Firing refused since `since` (epoch ms).
        case open(since: Int64)
        /// One trial is out; its outcome closes or reopens the breaker.
        case halfOpen
    }

    /// The current state.
    public var state: State

    /// A closed breaker with no failures.
    public init(state: State = .closed(failures: 0)) { self.state = state }

    /// Whether a trigger at `now` may fire, and the state to store if it does.
    public func admission(now: Int64, coolOffMilliseconds: Int64) -> (admits: Bool, next: State) {
        switch state {
        case .closed: (true, state)
        case .open(let since): now - since >= coolOffMilliseconds ? (true, .halfOpen) : (false, state)
        case .halfOpen: (false, state)
        }
    }

    /// Records a hook or job success.
    public mutating func recordSuccess() { state = .closed(failures: 0) }

    /// Records a hook or job failure at `now`; opens at `threshold` consecutive failures.
    public mutating func recordFailure(now: Int64, threshold: Int) {
        switch state {
        case .closed(let failures):
            state = failures + 1 >= threshold ? .open(since: now) : .closed(failures: failures + 1)
        case .open, .halfOpen:
            state = .open(since: now)
        }
    }

    /// The state's stable label: `closed`, `open` or `half_open`.
    public var label: String {
        switch state {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "half_open"
        }
    }
}
