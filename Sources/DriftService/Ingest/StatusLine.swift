/// The one-line summary sent as systemd `STATUS=`: `lines 123456, bad 7, windows 3, lag 0.2s`.
enum StatusLine {
    /// The line for `counters`, with `lag` the largest source lag in seconds.
    static func text(_ counters: IngestCounters, lag: Double) -> String {
        "lines \(counters.lines), bad \(counters.badLineTotal), windows \(counters.windowsClosed), lag \(seconds(lag))"
    }

    /// `seconds` with one decimal and an `s` (`0.2s`); negative or not finite reads as `0.0s`.
    static func seconds(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0.0s" }
        let tenths = Int64((min(seconds, 1e15) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
