import DriftIngest
import DriftStore

/// What reads lines of a source: the window aggregator (prediction logs) or the label sink.
protocol LineSink {
    /// Longest accepted line in bytes.
    var maximumLineBytes: Int { get }
    /// A new source starts.
    mutating func startSource()
    /// Reads one line.
    mutating func process(_ line: UnsafeRawBufferPointer) throws -> LineOutcome
    /// Attributes a bad line to what the previous good line of the source fed.
    mutating func attributeBadLine(reason: String)
}

extension WindowAggregator: LineSink {
    var maximumLineBytes: Int { configuration.maximumLineBytes }
}

/// One source's line accounting: lines read, lines counted, bad lines by reason with a few samples,
/// and what changed since the last commit. Shared by backfill inputs and tailed files.
struct SourceAccounting {
    /// Bad-line samples kept per reason and source between commits (the store caps them too).
    static let samplesPerReason = 5

    let path: String
    /// Lines read.
    private(set) var lines: Int64 = 0
    /// Lines folded into windows.
    private(set) var counted: Int64 = 0
    /// Unusable lines by reason label.
    private(set) var badLines: [String: Int64] = [:]
    /// Added to splitter line numbers (a tailed file resumed mid-way starts counting at 1 again).
    var lineNumberBase: Int64 = 0
    private var pendingBad: [String: Int64] = [:]
    private var pendingSamples: [BadLineSample] = []
    private var sampled: [String: Int] = [:]

    init(path: String) { self.path = path }

    /// All bad lines so far.
    var badLineTotal: Int64 { badLines.values.reduce(0, +) }

    /// Folds one line into `aggregator` (windows, or labels) and accounts for its outcome.
    /// - Throws: only store/codec errors from opening a stored window.
    mutating func fold<Sink: LineSink>(_ line: LineSplitter.Line, into aggregator: inout Sink, now: Int64) throws {
        lines += 1
        if line.isTooLong {
            bad(BadLineReason.tooLong(length: line.length).label, line, &aggregator, now: now)
            return
        }
        switch try aggregator.process(line.bytes) {
        case .counted: counted += 1
        case .late: bad("late", line, &aggregator, attribute: false, now: now)
        case .bad(let reason): bad(reason, line, &aggregator, now: now)
        }
    }

    private mutating func bad<Sink: LineSink>(
        _ reason: String, _ line: LineSplitter.Line, _ aggregator: inout Sink, attribute: Bool = true,
        now: Int64
    ) {
        badLines[reason, default: 0] += 1
        pendingBad[reason, default: 0] += 1
        if attribute { aggregator.attributeBadLine(reason: reason) }
        guard sampled[reason, default: 0] < Self.samplesPerReason else { return }
        sampled[reason, default: 0] += 1
        pendingSamples.append(
            BadLineSample(
                path: path, line: lineNumberBase + Int64(line.number), reason: reason, field: nil,
                excerpt: Array(line.bytes.prefix(BadLineSample.maximumExcerptBytes)), createdMs: now))
    }

    /// The counters and samples gathered since the last call, for the source `fingerprint`.
    mutating func takeDeltas(fingerprint: String) -> FileIngest.Deltas {
        var deltas = FileIngest.Deltas()
        for (reason, count) in pendingBad.sorted(by: { $0.key < $1.key }) {
            deltas.badLines.append(IngestBadLineCount(fingerprint: fingerprint, reason: reason, count: count))
        }
        deltas.samples = pendingSamples
        discardDeltas()
        return deltas
    }

    /// Forgets the pending counters (a replay whose lines the source's counters already hold).
    mutating func discardDeltas() {
        pendingBad.removeAll()
        pendingSamples.removeAll()
    }
}
