/// The `[metrics]` table: where `driftwatch run` serves Prometheus `/metrics` and `/healthz`.
///
/// Bound to the loopback address by default, so nothing is exposed beyond the host unless the
/// operator asks for it.
public struct MetricsConfiguration: Sendable, Equatable {
    /// Whether the HTTP endpoint is served at all.
    public var isEnabled: Bool
    /// The address to bind: an IPv4 or IPv6 literal, or a host name.
    public var address: String
    /// The TCP port; `0` asks the kernel for a free one (tests).
    public var port: Int

    /// Creates the settings; the defaults serve on `127.0.0.1:9464` (Prometheus' exporter range).
    public init(isEnabled: Bool = true, address: String = "127.0.0.1", port: Int = 9464) {
        self.isEnabled = isEnabled
        self.address = address
        self.port = port
    }
}
