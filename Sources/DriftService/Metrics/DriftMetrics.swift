import CoreMetrics
import Prometheus
import Synchronization

/// Driftwatch's Prometheus metrics: one registry, named metrics, and the bookkeeping that turns the
/// engine's running totals into counters.
///
/// The ingest loop calls ``record(_:)-(IngestProgress)`` and ``record(_:)-(IngestCounters)``; the
/// decisions side increments ``recordDecision(model:verdict:)`` and sets
/// ``setBudgetRemaining(_:model:period:)``, or makes its own swift-metrics instruments through
/// ``factory`` (no global `MetricsSystem.bootstrap`). Every metric name starts with `driftwatch_`.
public final class DriftMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry

    private let lines: Prometheus.Counter
    private let bytes: Prometheus.Counter
    private let windowsClosed: Prometheus.Counter
    private let filesOpen: Prometheus.Gauge
    private let checkpoints: Prometheus.Counter
    private let lastCheckpoint: Prometheus.Gauge
    private let windowsPruned: Prometheus.Counter
    private let decisionsPruned: Prometheus.Counter
    private let storeBytes: Prometheus.Gauge
    private let published = Mutex(Published())

    /// The last totals published, so that counters advance by the difference.
    private struct Published {
        var totals: [String: Int64] = [:]
        var sources: Set<String> = []
    }

    /// Creates the metrics in `registry`.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        lines = registry.makeCounter(descriptor: Self.name("ingest_lines", unit: "total", help: "Log lines read."))
        bytes = registry.makeCounter(descriptor: Self.name("ingest_bytes", unit: "total", help: "Log bytes read."))
        windowsClosed = registry.makeCounter(
            descriptor: Self.name("windows_closed", unit: "total", help: "Windows closed and scored."))
        filesOpen = registry.makeGauge(descriptor: Self.name("files_open", help: "Log files held open."))
        checkpoints = registry.makeCounter(
            descriptor: Self.name("checkpoints", unit: "total", help: "Checkpoints committed (windows and positions)."))
        lastCheckpoint = registry.makeGauge(
            descriptor: Self.name(
                "last_checkpoint_timestamp", unit: "seconds", help: "Wall time of the last checkpoint."))
        windowsPruned = registry.makeCounter(
            descriptor: Self.name("retention_windows_pruned", unit: "total", help: "Windows deleted by retention."))
        decisionsPruned = registry.makeCounter(
            descriptor: Self.name("retention_decisions_pruned", unit: "total", help: "Decisions deleted by retention."))
        storeBytes = registry.makeGauge(
            descriptor: Self.name(
                "state_file", unit: "bytes", help: "Size of the state file after the last prune (WAL excluded)."))
    }

    /// A swift-metrics factory writing into ``registry``, for code that uses `Counter(label:dimensions:factory:)`.
    public var factory: PrometheusMetricsFactory { PrometheusMetricsFactory(registry: registry) }

    /// The Prometheus text exposition of every metric (format 0.0.4).
    /// - Complexity: O(metrics).
    public func exposition() -> [UInt8] { registry.emitToBuffer() }

    /// Publishes one poll's open files and the lag of every source; sources no longer followed are removed.
    /// - Complexity: O(sources).
    public func record(_ progress: IngestProgress) {
        filesOpen.set(to: Double(progress.filesOpen))
        let current = Set(progress.sources.map(\.source))
        let gone = published.withLock { state in
            defer { state.sources = current }
            return state.sources.subtracting(current)
        }
        for source in gone {
            registry.unregisterGauge(lagBytesGauge(source))
            registry.unregisterGauge(lagSecondsGauge(source))
        }
        for lag in progress.sources {
            lagBytesGauge(lag.source).set(to: Double(lag.bytes))
            lagSecondsGauge(lag.source).set(to: lag.seconds)
        }
    }

    /// Publishes the engine's totals: counters advance by the difference from the last call.
    /// - Complexity: O(reasons + scores).
    public func record(_ counters: IngestCounters) {
        advance(lines, key: "lines", to: counters.lines)
        advance(bytes, key: "bytes", to: counters.bytes)
        advance(windowsClosed, key: "windows", to: counters.windowsClosed)
        advance(windowsPruned, key: "pruned.windows", to: counters.windowsPruned)
        advance(decisionsPruned, key: "pruned.decisions", to: counters.decisionsPruned)
        if counters.storeBytes > 0 { storeBytes.set(to: Double(counters.storeBytes)) }
        for (reason, count) in counters.badLines {
            let counter = registry.makeCounter(
                descriptor: Self.name("ingest_bad_lines", unit: "total", help: "Unusable log lines, by reason."),
                labels: [("reason", reason)])
            advance(counter, key: "bad." + reason, to: count)
        }
        for score in counters.scores {
            registry.makeGauge(
                descriptor: Self.name("score", help: "Latest drift score of a feature, from its latest closed window."),
                labels: [("model", score.model), ("feature", score.feature), ("statistic", score.statistic)]
            ).set(to: score.value)
        }
    }

    /// Counts one committed checkpoint at `wallMilliseconds` (epoch).
    public func recordCheckpoint(wallMilliseconds: Int64) {
        checkpoints.increment()
        lastCheckpoint.set(to: Double(wallMilliseconds) / 1_000)
    }

    /// Counts one decision of `model` with `verdict` (`ok`, `retrain`, `review`, `block`).
    public func recordDecision(model: String, verdict: String) {
        registry.makeCounter(
            descriptor: Self.name("decisions", unit: "total", help: "Decisions taken, by model and verdict."),
            labels: [("model", model), ("verdict", verdict)]
        ).increment()
    }

    /// Sets what is left of `model`'s cost budget for `period` (`day`, `week`, …; `*` for the global budget).
    public func setBudgetRemaining(_ amount: Double, model: String, period: String) {
        registry.makeGauge(
            descriptor: Self.name("budget_remaining", help: "Cost budget remaining in the current period."),
            labels: [("model", model), ("period", period)]
        ).set(to: amount)
    }

    private func lagBytesGauge(_ source: String) -> Prometheus.Gauge {
        registry.makeGauge(
            descriptor: Self.name("source_lag", unit: "bytes", help: "Bytes of a followed file not yet read."),
            labels: [("source", source)])
    }

    private func lagSecondsGauge(_ source: String) -> Prometheus.Gauge {
        registry.makeGauge(
            descriptor: Self.name(
                "source_lag", unit: "seconds",
                help: "Seconds between now and the newest event time read from a followed file."),
            labels: [("source", source)])
    }

    /// `driftwatch_<name>_<unit>` with its help text.
    private static func name(_ name: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "driftwatch", metricName: name, unitName: unit, helpText: help)
    }

    /// Moves `counter` to `total`: by the difference, or from zero when the total went down (engine restarted).
    private func advance(_ counter: Prometheus.Counter, key: String, to total: Int64) {
        let previous = published.withLock { state in
            defer { state.totals[key] = total }
            return state.totals[key] ?? 0
        }
        if total > previous {
            counter.increment(by: total - previous)
        } else if total < previous {
            counter.reset()
            counter.increment(by: total)
        }
    }
}
