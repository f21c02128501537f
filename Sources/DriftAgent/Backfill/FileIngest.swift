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

    let path: String
    let options: Backfill.Options
    let store: Store
    let now: () -> Int64
    var report: Backfill.FileReport
    private var accounting: SourceAccounting
    private var record: IngestFileRecord?
    /// The input's cumulative counters before this run.
    private var earlierLines: Int64 = 0
    private var earlierBadLines: Int64 = 0

    init(path: String, options: Backfill.Options, store: Store, now: @escaping () -> Int64) throws {
        self.path = path
        self.options = options
        self.store = store
        self.now = now
        self.report = Backfill.FileReport(path: path)
        self.accounting = SourceAccounting(path: path)
    }

    /// Reads the input to its end, committing through `commit` every `commitEveryLines` lines and at the end.
    mutating func run<Sink: LineSink>(
        aggregator: inout Sink, linesSoFar: inout Int64,
        commit: (inout Sink, IngestFileRecord?, Deltas?) throws -> Void
    ) throws -> Backfill.FileReport {
        let source = try ByteSource(path: path)
        let totalBytes = Self.fileSize(path)
        var splitter = LineSplitter(configuration: .init(maximumLineLength: aggregator.maximumLineBytes))
        var head: [UInt8] = []
        var pending: [[UInt8]] = []
        var resumeAt: Int64 = 0
        var identified = false
        var failure: (any Error)?
        var linesAtLastCommit: Int64 = 0
        aggregator.startSource()

        func handle(_ line: LineSplitter.Line) {
            guard failure == nil, line.offset >= resumeAt else { return }
            do {
                try accounting.fold(line, into: &aggregator, now: now())
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
                    head.append(contentsOf: chunk.prefix(SourceIdentity.fingerprintBytes - head.count))
                    pending.append(chunk)
                }
                if head.count >= SourceIdentity.fingerprintBytes || !more {
                    identified = true
                    resumeAt = try identify(head: head, source: source)
                    if resumeAt > 0 { report.skippedBytes = resumeAt }
                    for chunk in pending { chunk.withUnsafeBytes { splitter.feed($0, handle) } }
                    pending.removeAll()
                }
            }
            if let failure { throw failure }
            syncReport()
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
        if !options.holdsPartialLastLine { splitter.finish(handle) }
        if let failure { throw failure }
        syncReport()
        linesSoFar += report.lines
        if head.isEmpty { return report }
        let end = options.holdsPartialLastLine ? splitter.pendingLineOffset : splitter.streamOffset
        if resumeAt > 0, end <= resumeAt, report.lines == 0 { report.alreadyIngested = true }
        try commit(&aggregator, checkpoint(offset: max(end, resumeAt)), takeDeltas())
        return report
    }

    /// Looks the input up by its fingerprint; returns the offset to resume from.
    private mutating func identify(head: [UInt8], source: ByteSource) throws -> Int64 {
        var info = stat()
        let statted = path != "-" && stat(path, &info) == 0
        let device = statted ? UInt64(info.st_dev) : 0
        let inode = statted ? UInt64(info.st_ino) : 0
        let existing =
            path == "-"
            ? nil : try SourceIdentity.lookup(head: head, path: path, device: device, inode: inode, store: store)
        var fingerprint = existing?.fingerprint ?? SourceIdentity.fingerprint(head[...])
        if path == "-" { fingerprint = "stdin-\(fingerprint)-\(now())" }
        earlierLines = existing?.lines ?? 0
        earlierBadLines = existing?.badLines ?? 0
        record = IngestFileRecord(
            path: path, device: device, inode: inode, fingerprint: fingerprint, size: existing?.size ?? 0,
            offset: existing?.offset ?? 0, tailHash: 0, lines: existing?.lines ?? 0,
            badLines: existing?.badLines ?? 0, updatedMs: now())
        guard options.replace == nil else { return 0 }
        return existing?.offset ?? 0
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

    private mutating func syncReport() {
        report.lines = accounting.lines
        report.counted = accounting.counted
        report.badLines = accounting.badLines
    }

    private mutating func takeDeltas() -> Deltas {
        guard let record, options.replace == nil else {  // a replay: the input's counters already hold these lines
            accounting.discardDeltas()
            return Deltas()
        }
        return accounting.takeDeltas(fingerprint: record.fingerprint)
    }

    private static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard path != "-", stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }
}
