import DriftAgent
import DriftService
import DriftTestSupport
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import Testing

/// `/metrics` and `/healthz` scraped over a real loopback connection and parsed as exposition text.
struct MetricsServerTests {
    static let progress = IngestProgress(
        bytes: 512, lines: 4, filesOpen: 2,
        sources: [
            .init(source: "/var/log/a.jsonl", bytes: 100, seconds: 0.5),
            .init(source: "/var/log/b \"x\".jsonl", bytes: 0, seconds: 2),
        ])
    static let counters = IngestCounters(
        lines: 10, bytes: 2_048, badLines: ["invalid_json": 2, "missing_field": 1], windowsClosed: 1,
        scores: [
            .init(model: "fraud", feature: "amount", statistic: "psi", value: 0.25),
            .init(model: "fraud", feature: "country", statistic: "psi", value: 0.05),
        ])

    /// Runs a server on a free loopback port, calls `body` with the port, then shuts it down.
    static func serving(
        _ metrics: DriftMetrics, _ health: ServiceHealth, _ body: (Int) async throws -> Void
    ) async throws {
        let port = Mutex(0)
        let server = MetricsServer(
            configuration: MetricsConfiguration(isEnabled: true, address: "127.0.0.1", port: 0), metrics: metrics,
            health: health, logger: LogRecords().logger(), onListening: { bound in port.withLock { $0 = bound } })
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.run() }
                let start = ContinuousClock.now
                while port.withLock({ $0 }) == 0, ContinuousClock.now - start < .seconds(120) {
                    try await Task.sleep(for: .milliseconds(5))
                }
                let bound = port.withLock { $0 }
                try #require(bound > 0, "the server did not listen")
                try await body(bound)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func metricsAreServedInTheExpositionFormat() async throws {
        let metrics = DriftMetrics()
        metrics.record(Self.progress)
        metrics.record(Self.counters)
        metrics.recordCheckpoint(wallMilliseconds: 1_700_000_000_500)
        metrics.recordDecision(model: "fraud", verdict: "retrain")
        metrics.recordDecision(model: "fraud", verdict: "retrain")
        metrics.recordDecision(model: "fraud", verdict: "ok")
        metrics.setBudgetRemaining(40.5, model: "fraud", period: "day")
        try await Self.serving(metrics, ServiceHealth()) { port in
            let response = try await HTTPProbe.get("/metrics", port: port)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            let text = try Exposition(response.body)
            #expect(text.value("driftwatch_ingest_lines_total") == 10)
            #expect(text.value("driftwatch_ingest_bytes_total") == 2_048)
            #expect(text.value("driftwatch_ingest_bad_lines_total", ["reason": "invalid_json"]) == 2)
            #expect(text.value("driftwatch_ingest_bad_lines_total", ["reason": "missing_field"]) == 1)
            #expect(text.value("driftwatch_windows_closed_total") == 1)
            #expect(text.value("driftwatch_files_open") == 2)
            #expect(text.value("driftwatch_source_lag_bytes", ["source": "/var/log/a.jsonl"]) == 100)
            #expect(text.value("driftwatch_source_lag_seconds", ["source": "/var/log/a.jsonl"]) == 0.5)
            #expect(text.value("driftwatch_source_lag_seconds", ["source": "/var/log/b \"x\".jsonl"]) == 2)
            #expect(
                text.value("driftwatch_score", ["model": "fraud", "feature": "amount", "statistic": "psi"]) == 0.25)
            #expect(
                text.value("driftwatch_score", ["model": "fraud", "feature": "country", "statistic": "psi"]) == 0.05)
            #expect(text.value("driftwatch_decisions_total", ["model": "fraud", "verdict": "retrain"]) == 2)
            #expect(text.value("driftwatch_decisions_total", ["model": "fraud", "verdict": "ok"]) == 1)
            #expect(text.value("driftwatch_budget_remaining", ["model": "fraud", "period": "day"]) == 40.5)
            #expect(text.value("driftwatch_checkpoints_total") == 1)
            #expect(text.value("driftwatch_last_checkpoint_timestamp_seconds") == 1_700_000_000.5)
            let counters = [
                "driftwatch_ingest_lines_total", "driftwatch_ingest_bytes_total", "driftwatch_ingest_bad_lines_total",
                "driftwatch_windows_closed_total", "driftwatch_checkpoints_total", "driftwatch_decisions_total",
                "driftwatch_retention_windows_pruned_total", "driftwatch_retention_decisions_pruned_total",
            ]
            for name in counters { #expect(text.types[name] == "counter", "\(name)") }
            let gauges = [
                "driftwatch_files_open", "driftwatch_source_lag_bytes", "driftwatch_source_lag_seconds",
                "driftwatch_score", "driftwatch_budget_remaining", "driftwatch_last_checkpoint_timestamp_seconds",
                "driftwatch_state_file_bytes",
            ]
            for name in gauges { #expect(text.types[name] == "gauge", "\(name)") }
            for name in counters + gauges { #expect(text.help[name]?.isEmpty == false, "\(name) has no HELP") }
            #expect(Set(text.samples.map(\.name)).isSubset(of: Set(counters + gauges)))
        }
    }

    @Test func countersFollowTheEngineTotalsAndGoneSourcesDisappear() throws {
        let metrics = DriftMetrics()
        metrics.record(Self.progress)
        metrics.record(Self.counters)
        var next = Self.counters
        next.lines = 25
        next.badLines["invalid_json"] = 5
        metrics.record(next)
        metrics.record(IngestProgress(filesOpen: 1, sources: [Self.progress.sources[0]]))
        var text = try Exposition(String(decoding: metrics.exposition(), as: UTF8.self))
        #expect(text.value("driftwatch_ingest_lines_total") == 25)
        #expect(text.value("driftwatch_ingest_bad_lines_total", ["reason": "invalid_json"]) == 5)
        #expect(text.value("driftwatch_files_open") == 1)
        #expect(text.samples.filter { $0.labels["source"] == "/var/log/b \"x\".jsonl" }.isEmpty)
        #expect(text.value("driftwatch_source_lag_bytes", ["source": "/var/log/a.jsonl"]) == 100)
        // An engine restarted in the same process reports smaller totals: the counter restarts from them.
        next.lines = 3
        metrics.record(next)
        text = try Exposition(String(decoding: metrics.exposition(), as: UTF8.self))
        #expect(text.value("driftwatch_ingest_lines_total") == 3)
    }

    @Test func healthzFollowsTheServicePhase() async throws {
        let health = ServiceHealth()
        try await Self.serving(DriftMetrics(), health) { port in
            var response = try await HTTPProbe.get("/healthz", port: port)
            #expect(response.status == 503)
            #expect(response.body == "starting\n")
            health.enter(.ready)
            response = try await HTTPProbe.get("/healthz", port: port)
            #expect(response.status == 200)
            #expect(response.body == "ok\n")
            health.enter(.stopping)
            #expect(try await HTTPProbe.get("/healthz", port: port).status == 503)
            #expect(try await HTTPProbe.get("/nothing", port: port).status == 404)
        }
    }
}
