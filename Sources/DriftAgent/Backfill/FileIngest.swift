import DriftCore
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one input into the aggregator: fingerprint, resume offset, lines, counters, commits.
struct FileIngest {
    /// Counters and samples gathered since the last commit of this input.
    struct Deltas {
        var badLines: [IngestBadLineCount] = []
        var samples: [BadLineSample] = []
    }

    static let fingerprintBytes = 4_096
    static let samplesPerReason = 5

    let path: String
    let options: Backfill.Options
    let store: Store
    let now: () -> Int64
    var report: Backfill.FileReport
    private var record: IngestFileRecord?
    /// The input's cumulative counters before this run.
    private var earlierLines: Int64 = 0
    private var earlierBadLines: Int64 = 0
    private var pendingBad: [String: Int64] = [:]
    private var pendingSamples: [BadLineSample] = []
    private var sampled: [String: Int] = [:]

    init(path: String, options: Backfill.Options, store: Store, now: @escaping () -> Int64) throws {
        self.path = path
        self.options = options
        self.store = store
        self.now = now
        self.report = Backfill.FileReport(path: path)
    }

    /// Reads the input to its end, committing through `commit` every `commitEveryLines` lines and at the end.
    mutating func run(
        aggregator: inout WindowAggregator, linesSoFar: inout Int64,
        commit: (inout WindowAggregator, IngestFileRecord?, Deltas?) throws -> Void
    ) throws -> Backfill.FileReport {
        let source = try ByteSource(path: path)
        let totalBytes = Self.fileSize(path)
        var splitter = LineSplitter(configuration: .init(maximumLineLength: configuration(aggregator).maximumLineBytes))
        var head: [UInt8] = []
        var pending: [[UInt8]] = []
        var resumeAt: Int64 = 0
        var identified = false
        var failure: (any Error)?
        var linesAtLastCommit: Int64 = 0
        aggregator.startSource()

        func handle(_ line: LineSplitter.Line) {
            guard failure == nil, line.offset >= resumeAt else { return }
            report.lines += 1
            if line.isTooLong {
                bad(BadLineReason.tooLong(length: line.length).label, line, &aggregator)
                return
            }
            do {
                switch try aggregator.process(line.bytes) {
                case .counted: report.counted += 1
                case .late: bad("late", line, &aggregator, attribute: false)
                case .bad(let reason): bad(reason, line, &aggregator)
                }
            } catch {
                failure = error
            }
        }

        while true {
            var chunks: [[UInt8]] = []
            let more = try source.read { chunk in
                if identified {
                    splitter.feed(chunk, handle)
                } else {
                    chunks.append(Array(chunk))
                }
            }
            if !identified {
                for chunk in chunks {
                    head.append(contentsOf: chunk.prefix(Self.fingerprintBytes - head.count))
                    pending.append(chunk)
                }
                if head.count >= Self.fingerprintBytes || !more {
                    identified = true
                    resumeAt = try identify(head: head, source: source)
                    if resumeAt > 0 { report.skippedBytes = resumeAt }
                    for chunk in pending { chunk.withUnsafeBytes { splitter.feed($0, handle) } }
                    pending.removeAll()
                }
            }
            if let failure { throw failure }
            if more, identified, report.lines - linesAtLastCommit >= Int64(options.commitEveryLines) {
                try commit(&aggregator, checkpoint(offset: splitter.pendingLineOffset), takeDeltas())
                linesAtLastCommit = report.lines
            }
            options.progress?(
                Backfill.Progress(
                    path: path, bytesRead: source.compressedOffset, totalBytes: totalBytes,
                    lines: linesSoFar + report.lines))
            if !more { break }
        }
        splitter.finish(handle)
        if let failure { throw failure }
        linesSoFar += report.lines
        if head.isEmpty { return report }
        if resumeAt > 0, splitter.streamOffset <= resumeAt, report.lines == 0 { report.alreadyIngested = true }
        try commit(&aggregator, checkpoint(offset: max(splitter.streamOffset, resumeAt)), takeDeltas())
        return report
    }

    private func configuration(_ aggregator: WindowAggregator) -> Configuration { aggregator.configuration }

    /// Looks the input up by its fingerprint; returns the offset to resume from.
    private mutating func identify(head: [UInt8], source: ByteSource) throws -> Int64 {
        var fingerprint = Self.fingerprint(head[...])
        if path == "-" { fingerprint = "stdin-\(fingerprint)-\(now())" }
        var info = stat()
        let statted = path != "-" && stat(path, &info) == 0
        var existing = try store.ingestFile(fingerprint: fingerprint)
        if existing == nil, path != "-", head.count > 0 {
            existing = try grownFile(head: head, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if let existing { fingerprint = existing.fingerprint }
        }
        earlierLines = existing?.lines ?? 0
        earlierBadLines = existing?.badLines ?? 0
        record = IngestFileRecord(
            path: path, device: statted ? UInt64(info.st_dev) : 0, inode: statted ? UInt64(info.st_ino) : 0,
            fingerprint: fingerprint, size: existing?.size ?? 0, offset: existing?.offset ?? 0, tailHash: 0,
            lines: existing?.lines ?? 0, badLines: existing?.badLines ?? 0, updatedMs: now())
        guard options.replace == nil else { return 0 }
        return existing?.offset ?? 0
    }

    /// A fingerprint: how many leading bytes were hashed, and their hash.
    static func fingerprint(_ head: ArraySlice<UInt8>) -> String {
        let hash = head.withUnsafeBytes { StableHash.hash(bytes: $0) }
        return "\(head.count):\(String(hash, radix: 16))"
    }

    /// An input recorded when it was shorter than the fingerprint length and has grown since: same
    /// path or same device and inode, and its recorded leading bytes are still this input's.
    private func grownFile(head: [UInt8], device: UInt64, inode: UInt64) throws -> IngestFileRecord? {
        for record in try store.ingestFiles()
        where record.path == path || (record.device == device && record.inode == inode && inode != 0) {
            guard let colon = record.fingerprint.firstIndex(of: ":"),
                let length = Int(record.fingerprint[..<colon]), length > 0, length < head.count
            else { continue }
            if Self.fingerprint(head[..<length]) == record.fingerprint { return record }
        }
        return nil
    }

    /// The input's record with its offset advanced to `offset` (unchanged under `--replace`).
    private mutating func checkpoint(offset: Int64) -> IngestFileRecord? {
        guard var record else { return nil }
        if options.replace == nil {
            record.offset = max(record.offset, offset)
            record.size = max(record.size, offset)
            record.lines = earlierLines + report.lines
            record.badLines = earlierBadLines + report.badLines.values.reduce(0, +)
        }
        record.updatedMs = now()
        self.record = record
        return record
    }

    private mutating func bad(
        _ reason: String, _ line: LineSplitter.Line, _ aggregator: inout WindowAggregator, attribute: Bool = true
    ) {
        report.badLines[reason, default: 0] += 1
        pendingBad[reason, default: 0] += 1
        if attribute { aggregator.attributeBadLine(reason: reason) }
        if sampled[reason, default: 0] < Self.samplesPerReason {
            sampled[reason, default: 0] += 1
            pendingSamples.append(
                BadLineSample(
                    path: path, line: Int64(line.number), reason: reason, field: nil,
                    excerpt: Array(line.bytes.prefix(BadLineSample.maximumExcerptBytes)), createdMs: now()))
        }
    }

    private mutating func takeDeltas() -> Deltas {
        guard let record else { return Deltas() }
        var deltas = Deltas()
        guard options.replace == nil else {  // a replay: the input's own counters already hold these lines
            pendingBad.removeAll()
            pendingSamples.removeAll()
            return deltas
        }
        for (reason, count) in pendingBad.sorted(by: { $0.key < $1.key }) {
            deltas.badLines.append(IngestBadLineCount(fingerprint: record.fingerprint, reason: reason, count: count))
        }
        deltas.samples = pendingSamples
        pendingBad.removeAll()
        pendingSamples.removeAll()
        return deltas
    }

    private static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard path != "-", stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }
}
