import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Writes each log record to standard error as one logfmt line: `level=info msg="…" key=value …`.
///
/// Under systemd (`JOURNAL_STREAM` set) each line starts with the syslog priority in angle brackets
/// (`<6>` for info), which journald turns into the entry's priority, so `journalctl -p warning`
/// filters by level. Metadata keys are sorted; values are quoted when they contain spaces, quotes or
/// `=`. One `write(2)` per line keeps concurrent lines whole.
public struct LogfmtLogHandler: LogHandler {
    /// Records below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata attached to every record of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Whether lines start with `<N>` for journald.
    public var prefixesPriority: Bool

    /// Creates a handler (`label` is the logger's, not printed); `prefixesPriority` defaults to whether `JOURNAL_STREAM` is set.
    public init(label: String, logLevel: Logger.Level = .info, prefixesPriority: Bool? = nil) {
        self.logLevel = logLevel
        self.prefixesPriority = prefixesPriority ?? (getenv("JOURNAL_STREAM") != nil)
    }

    /// Reads or writes one metadata value of this logger.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats and writes one record.
    public func log(event: LogEvent) {
        var line = format(event: event)
        line.append("\n")
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// The record as one line, without the newline.
    /// - Complexity: O(metadata) plus sorting the keys.
    func format(event: LogEvent) -> String {
        var fields = prefixesPriority ? "<\(Self.priority(event.level))>" : ""
        fields += "level=\(event.level.rawValue) msg=\(Self.quoted("\(event.message)"))"
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        for key in merged.keys.sorted() {
            guard let value = merged[key] else { continue }
            fields += " \(key)=\(Self.quoted("\(value)"))"
        }
        if event.level >= .error { fields += " source=\(Self.quoted("\(event.file):\(event.line)"))" }
        return fields
    }

    /// The syslog priority journald maps `level` to (sd-daemon's `SD_*` prefixes).
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// `text` as a logfmt value: bare when it is a plain word, else double-quoted with `\` escapes.
    static func quoted(_ text: String) -> String {
        let needsQuotes =
            text.isEmpty || text.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0.isNewline || $0 == "\\" }
        guard needsQuotes else { return text }
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
