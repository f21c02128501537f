import DriftAgent
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves `/metrics` (Prometheus text exposition 0.0.4) and `/healthz` over HTTP/1.1.
///
/// Bound to `127.0.0.1:9464` unless the `[metrics]` table says otherwise. `/healthz` answers
/// `200 ok` while the ingest loop is ready (or reloading) and `503` with the phase otherwise, so a
/// probe sees a stalled start-up or a shutdown. Graceful shutdown stops accepting connections.
public struct MetricsServer: Service {
    private let configuration: MetricsConfiguration
    private let metrics: DriftMetrics
    private let health: ServiceHealth
    private let logger: Logger
    private let onListening: @Sendable (_ port: Int) async -> Void

    /// Creates the server.
    /// - Parameters:
    ///   - configuration: address and port (`enabled` is the caller's business).
    ///   - metrics: what `/metrics` renders.
    ///   - health: what `/healthz` reports.
    ///   - logger: the server's logger.
    ///   - onListening: called with the bound port once the socket listens (port 0 picks a free one).
    public init(
        configuration: MetricsConfiguration, metrics: DriftMetrics, health: ServiceHealth, logger: Logger,
        onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.metrics = metrics
        self.health = health
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until graceful shutdown.
    /// - Throws: when the address cannot be bound.
    public func run() async throws {
        let router = Router()
        let metrics = self.metrics
        let health = self.health
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        router.get("/healthz") { _, _ in
            let phase = health.phase
            return Response(
                status: health.isHealthy ? .ok : .serviceUnavailable,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: health.isHealthy ? "ok\n" : "\(phase.rawValue)\n")))
        }
        let logger = self.logger
        let onListening = self.onListening
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.address, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("metrics endpoint listening", metadata: ["metrics.port": "\(port)"])
                await onListening(port)
            },
            logger: logger)
        try await application.run()
    }
}
