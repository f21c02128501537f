import DriftCore
import DriftIngest
import DriftStore

/// A window ready to be written: its whole profile (stored content included) and the bad lines
/// attributed to it since the last commit.
public struct WindowSnapshot: Sendable {
    /// The stream and start of the window.
    public var key: WindowKey
    /// Its exclusive end, epoch milliseconds.
    public var end: Int64
    /// Its whole profile, stored content included.
    public var profile: Profile
    /// Bad lines attributed to it since the previous commit, by reason.
    public var badLines: [String: Int64]
    /// Whether the window has closed (its watermark passed, the source went idle, or backfill ended).
    public var isClosed: Bool
}

/// What happened to one line.
enum LineOutcome: Equatable {
    /// Folded into its window.
    case counted
    /// Unusable; counted under this reason label.
    case bad(String)
    /// Its window had already closed (event time older than the watermark); counted as `late`.
    case late
}

/// Folds scanned log lines into tumbling event-time windows per model version.
///
/// One owner, no locks: the ingest task calls ``process(_:)`` for each line synchronously. A window
/// opens on its first line — seeded with whatever the store already holds for it, so files that
/// share a window add up — and closes when the stream's watermark (latest event time minus the
/// lateness) passes its end. ``drain(includeOpen:)`` hands the dirty windows to the committer.
struct WindowAggregator {
    let configuration: Configuration
    let layout: LineLayout
    let store: Store
    var streams: [StreamState] = []
    var streamIndex: [StreamKey: Int] = [:]
    var fields: JSONFields
    var closedWindows: [WindowSnapshot] = []
    /// Late lines per existing stored window, since the last drain.
    var lateCounts: [WindowKey: Int64] = [:]
    /// Windows known to be in the store (for late-line attribution).
    var knownStored: Set<WindowKey> = []
    /// The window of the last good line, to which a following bad line is attributed.
    var lastWindow: WindowKey?
    /// The last stream's model and version bytes, to skip the lookup when they repeat.
    var lastStreamBytes: [UInt8] = []
    var lastStream = -1
    /// The last timestamp's date and minute, to parse the next one faster.
    var timestamps = TimestampCache()
    /// Scratch: which feature slots the current line had (zero-config): `seen[slot] == seenStamp`,
    /// so a new line starts by bumping the stamp instead of clearing the array.
    var seen: [UInt64] = []
    /// The current line's mark in ``seen`` (never 0, the mark of slots not seen yet).
    var seenStamp: UInt64 = 0
    /// Why the last line's stream was refused.
    var lastRejection = BadLineReason.missingField.label
    /// Restricts counted lines to `[since, until)` (for `--replace`).
    var timeFilter: Range<Int64>?
    /// Baseline building: every line belongs to this stream at time 0, whatever its fields say.
    var fixedStream: StreamKey?
    /// Baseline chunking (with ``fixedStream``): a line's time is its row's chunk index instead of 0.
    var rowChunks: RowChunks?
    /// Whether predictions without an inline label are kept for delayed labels (`[labels]`).
    let keepsPending: Bool
    /// Predictions with an id and no inline label since the last drain.
    var pending = PendingPredictionRows()
    /// Per stream index: its key's index in ``pending`` (−1: not added since the last drain).
    var pendingKeys: [Int32] = []
    /// Predictions handed to the store since the pending limits were last enforced.
    var pendingSinceLimits = 0
    /// Lines with a later event time are refused as `future_timestamp` instead of being counted:
    /// one line from a clock gone wrong would otherwise push the watermark years ahead, close every
    /// open window and make each following good line `late`. `nil` accepts any time.
    var futureLimit: Int64?

    /// The label of a line refused by ``futureLimit``.
    static let futureTimestamp = "future_timestamp"

    init(configuration: Configuration, store: Store) throws(ConfigError) {
        self.configuration = configuration
        self.layout = try LineLayout(configuration: configuration)
        self.store = store
        self.fields = layout.scanner.makeFields()
        self.keepsPending = configuration.labels.keepsPending
    }

    /// Forgets which window the previous line belonged to (a new source starts).
    mutating func startSource() { lastWindow = nil }

    /// Scans one line and folds it into its window.
    /// - Throws: only ``StoreError``/``SketchCodecError`` when a stored window cannot be read.
    mutating func process(_ line: UnsafeRawBufferPointer) throws -> LineOutcome {
        if case .bad(let reason) = layout.scanner.scan(line, into: &fields) { return .bad(reason.label) }
        let values = fields.values
        let time: Int64
        switch (values[LineLayout.timestampSlot], fixedStream) {
        case (_, .some): time = rowChunks?.next() ?? 0  // a fixed stream counts every scanned line
        case (.missing, nil), (.null, nil): return .bad(BadLineReason.missingTimestamp.label)
        case (let value, nil):
            guard let parsed = timestamps.milliseconds(from: value, in: line) else {
                return .bad(BadLineReason.badTimestamp.label)
            }
            time = parsed
            if let futureLimit, time > futureLimit { return .bad(Self.futureTimestamp) }
        }
        guard let stream = try stream(for: line, values) else { return .bad(lastRejection) }
        if let timeFilter, !timeFilter.contains(time) { return .counted }
        let length = streams[stream].model.windowMilliseconds
        let start = WindowKey.start(of: time, length: length)
        let key = WindowKey(stream: streams[stream].key, start: start)
        if streams[stream].openIndex[start] == nil {
            if streams[stream].isLate(windowStart: start) {
                try countLate(key)
                return .late
            }
            try open(key, stream: stream)
        }
        guard let window = streams[stream].openIndex[start] else { return .bad("internal") }
        fold(line, values, stream: stream, window: window)
        try capturePending(line, values, stream: stream, windowStart: start, time: time)
        lastWindow = key
        if time > streams[stream].maxEventTime {
            streams[stream].maxEventTime = time
            if time >= streams[stream].nextClose { closeWindows(stream: stream) }
        }
        return .counted
    }

    /// Attributes a bad line to the window of the previous good line of the same source.
    mutating func attributeBadLine(reason: String) {
        guard let key = lastWindow else { return }
        if let stream = streamIndex[key.stream], let window = streams[stream].openIndex[key.start] {
            streams[stream].windows[window].badLines[reason, default: 0] += 1
            streams[stream].windows[window].isDirty = true
        } else if let index = closedWindows.firstIndex(where: { $0.key == key }) {
            closedWindows[index].badLines[reason, default: 0] += 1
        }
    }

    /// Hands over the windows that changed since the last drain: every closed one and, with
    /// `includeOpen`, the open ones too (as they stand), plus late-line counts of stored windows.
    mutating func drain(includeOpen: Bool) -> (windows: [WindowSnapshot], late: [WindowKey: Int64]) {
        var out = closedWindows
        closedWindows.removeAll(keepingCapacity: true)
        if includeOpen {
            for s in streams.indices {
                for w in streams[s].windows.indices where streams[s].windows[w].isDirty {
                    streams[s].windows[w].flushCategories(interners: streams[s].interners)
                    streams[s].windows[w].flushNumbers()
                    let window = streams[s].windows[w]
                    let start = streams[s].starts[w]
                    out.append(
                        WindowSnapshot(
                            key: WindowKey(stream: streams[s].key, start: start),
                            end: start + streams[s].model.windowMilliseconds,
                            profile: window.profile(names: streams[s].names), badLines: window.badLines,
                            isClosed: false))
                    streams[s].windows[w].badLines.removeAll()
                    streams[s].windows[w].isDirty = false
                }
            }
        }
        let late = lateCounts
        lateCounts.removeAll()
        return (out, late)
    }

    /// Closes the open windows of every stream whose model's `idle_close` is at most `idleFor`.
    mutating func closeIdle(idleFor: Int64) {
        for s in streams.indices {
            let limit = streams[s].model.idleCloseMilliseconds
            if limit > 0, idleFor >= limit, !streams[s].windows.isEmpty { closeWindows(stream: s, all: true) }
        }
    }

    /// Closes every open window (end of a backfill: the data is historical, nothing more will come).
    mutating func closeAll() {
        for s in streams.indices { closeWindows(stream: s, all: true) }
    }

    /// The model configuration and baseline of `stream`.
    func stream(_ key: StreamKey) -> StreamState? { streamIndex[key].map { streams[$0] } }
}
