import Logging
import Synchronization

/// Collects log records in memory (never `LoggingSystem.bootstrap` in tests).
final class LogRecords: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let storage = Mutex<[Record]>([])

    var all: [Record] { storage.withLock { $0 } }

    func append(_ record: Record) { storage.withLock { $0.append(record) } }

    /// A logger writing here at `trace` level.
    func logger() -> Logger {
        Logger(label: "test") { _ in RecordingLogHandler(records: self) }
    }
}

struct RecordingLogHandler: LogHandler {
    let records: LogRecords
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        records.append(
            .init(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
    }
}
