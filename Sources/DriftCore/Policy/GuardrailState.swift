/// What the store knows, at one instant, that the guardrails of one model's retrain depend on.
///
/// Read inside the same write transaction that records the decision and reserves the cost, so
/// two concurrent triggers see each other's reservations.
public struct GuardrailState: Sendable, Equatable {
    /// When the model's last retrain fired (epoch ms), if ever.
    public var lastFiredMs: Int64?
    /// The model's retrains fired in its rate-limit period ending now.
    public var firedInModelPeriod = 0
    /// All models' retrains fired in the global rate-limit period ending now.
    public var firedInGlobalPeriod = 0
    /// The model's retraining jobs not yet settled (reserved, running or of unknown outcome).
    public var inFlight = 0
    /// Settled cost of jobs started in the current UTC day.
    public var daySpent = 0.0
    /// Reserved (unsettled) estimates of jobs started in the current UTC day.
    public var dayReserved = 0.0
    /// Settled cost of jobs started in the current UTC month.
    public var monthSpent = 0.0
    /// Reserved (unsettled) estimates of jobs started in the current UTC month.
    public var monthReserved = 0.0
    /// The model's circuit breaker.
    public var breaker = CircuitBreaker()

    /// A state with nothing fired, nothing spent, the breaker closed.
    public init() {}
}
