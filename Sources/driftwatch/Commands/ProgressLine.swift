import DriftAgent

#if canImport(Glibc)
    import Glibc
#endif

/// The wall and monotonic clocks, read at the edge (the engine takes time as a parameter).
enum Clock {
    /// Epoch milliseconds UTC.
    static func wallMilliseconds() -> Int64 { read(CLOCK_REALTIME) }

    /// Milliseconds of a clock that never goes back.
    static func monotonicMilliseconds() -> Int64 { read(CLOCK_MONOTONIC) }

    private static func read(_ clock: clockid_t) -> Int64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}

/// A one-line progress display on standard error, redrawn in place with `\r` at most 4 times a second:
/// the input, bytes read of its size, lines per second and the estimated time left.
final class ProgressLine {
    private let started = Clock.monotonicMilliseconds()
    private var lastDraw: Int64 = 0
    private var fileStarted: (path: String, at: Int64)?
    private var width = 0

    /// Redraws the line for `progress` unless it was drawn less than 250 ms ago.
    func update(_ progress: Backfill.Progress) {
        let now = Clock.monotonicMilliseconds()
        if fileStarted?.path != progress.path { fileStarted = (progress.path, now) }
        guard now - lastDraw >= 250 else { return }
        lastDraw = now
        let elapsed = Double(max(1, now - started)) / 1000
        var line = "\(progress.path): \(Self.bytes(progress.bytesRead))"
        if let total = progress.totalBytes, total > 0 {
            let share = Double(progress.bytesRead) / Double(total)
            line += "/\(Self.bytes(total)) \(Int(share * 100))%"
            let fileElapsed = Double(max(1, now - (fileStarted?.at ?? now))) / 1000
            if progress.bytesRead > 0 {
                let rate = Double(progress.bytesRead) / fileElapsed
                line += "  ETA \(Self.duration(Double(total - progress.bytesRead) / rate))"
            }
        }
        line += "  \(Self.count(Double(progress.lines) / elapsed)) lines/s"
        let padding = String(repeating: " ", count: max(0, width - line.count))
        width = line.count
        Failure.writeStandardError("\r" + line + padding)
    }

    /// Erases the line (before printing anything else).
    func clear() {
        guard width > 0 else { return }
        Failure.writeStandardError("\r\u{1B}[K")
        width = 0
    }

    private static func bytes(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024, unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) B" : "\(Double(Int(amount * 10)) / 10) \(units[unit])"
    }

    private static func count(_ value: Double) -> String {
        if value >= 1_000_000 { return "\(Double(Int(value / 100_000)) / 10)M" }
        if value >= 1_000 { return "\(Int(value / 1_000))k" }
        return "\(Int(value))"
    }

    private static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let total = Int(seconds.rounded(.up))
        let minutes = total / 60
        let rest = total % 60
        return "\(minutes):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
