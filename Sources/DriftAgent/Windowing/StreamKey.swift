/// One model version's stream of records: windows are kept per stream.
public struct StreamKey: Hashable, Sendable, Comparable {
    /// The model's name.
    public var model: String
    /// The model version (`""` when the log has none).
    public var version: String

    /// Creates a key.
    public init(model: String, version: String) {
        self.model = model
        self.version = version
    }

    public static func < (lhs: StreamKey, rhs: StreamKey) -> Bool {
        (lhs.model, lhs.version) < (rhs.model, rhs.version)
    }
}

/// A window of a stream: `[start, start + length)` in epoch milliseconds.
public struct WindowKey: Hashable, Sendable, Comparable {
    /// The stream.
    public var stream: StreamKey
    /// Inclusive start, epoch milliseconds UTC.
    public var start: Int64

    /// Creates a key.
    public init(stream: StreamKey, start: Int64) {
        self.stream = stream
        self.start = start
    }

    public static func < (lhs: WindowKey, rhs: WindowKey) -> Bool {
        (lhs.stream, lhs.start) < (rhs.stream, rhs.start)
    }

    /// The start of the window of `length` milliseconds holding `time` (floor division).
    public static func start(of time: Int64, length: Int64) -> Int64 {
        let (quotient, remainder) = time.quotientAndRemainder(dividingBy: length)
        return (remainder < 0 ? quotient - 1 : quotient) * length
    }
}
