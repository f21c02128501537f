import DriftCore
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// Follows log files like `tail -F` and counts every complete line exactly once across restarts.
///
/// Each ``poll()`` expands the watched globs, notices new, rotated, truncated and deleted files and
/// reads whatever is new. Open windows live in memory; ``checkpoint()`` writes every changed window
/// together with every source's position in ONE transaction, so a crash at any instant (kill -9
/// included) resumes from the last checkpoint with nothing lost and nothing counted twice.
///
/// Rotation: a file is known by (device, inode) while open and by a content fingerprint across
/// restarts. Rename-and-create: the renamed file is read to its end (the descriptor stays open) and
/// released once it has not grown for ``rotateWait``; the new file is read from its start.
/// Copy-and-truncate: a file smaller than the read position is read again from the start — lines
/// written between the copy and the truncation are lost if they were not read before (an inherent
/// window of that scheme; prefer rename rotation). A deleted file is read to its end, then released.
/// A rotated file compressed to `.gz` has the same fingerprint as its plain self and is not read twice.
public final class LiveIngest {
    /// What one poll did.
    public struct Progress: Sendable, Equatable {
        /// Bytes read.
        public var bytes: Int64 = 0
        /// Complete lines read.
        public var lines: Int64 = 0
    }

    /// How far a source is behind its writer.
    public struct SourceLag: Sendable, Equatable {
        /// The file.
        public var path: String
        /// Bytes written but not yet read.
        public var bytes: Int64
    }

    /// Running totals since start, for metrics and STATUS lines.
    public struct Counters: Sendable, Equatable {
        /// Lines read.
        public var lines: Int64 = 0
        /// Bytes read.
        public var bytes: Int64 = 0
        /// Lines counted into windows.
        public var counted: Int64 = 0
        /// Unusable lines by reason.
        public var badLines: [String: Int64] = [:]
        /// Windows closed and committed.
        public var windowsClosed: Int64 = 0
        /// Files being followed.
        public var filesOpen = 0
    }

    /// How long a rotated-away file must stay unchanged at its end before it is released.
    public var rotateWait: Int64 = 5_000
    /// How long a file shorter than a fingerprint must stay unchanged before it is read anyway
    /// (shorter files cannot be told apart from a copy of themselves).
    public var smallFileWait: Int64 = 5_000
    /// Bytes read from one file per poll at most, so checkpoints keep happening while catching up.
    public var readBudget = 64 << 20

    private(set) var configuration: Configuration
    let store: Store
    let now: () -> Int64
    let patterns: [String]
    var aggregator: WindowAggregator
    var files: [TailedFile] = []
    var finishedArchives: Set<String> = []
    /// Identities whose file was truncated since the last checkpoint, with their final positions
    /// and the bad-line counts and samples read from that content since the last checkpoint.
    var retiredRecords: [(record: IngestFileRecord, deltas: FileIngest.Deltas)] = []
    /// The retired identities of files truncated since the last checkpoint, with the position where
    /// reading their old content stopped: a copy of that content (copy-truncate) continues there.
    var handoff: [IngestFileRecord] = []
    /// Compressed rotated files read since the last checkpoint, with their accounting.
    var archives: [(record: IngestFileRecord, accounting: SourceAccounting)] = []
    let buffer: UnsafeMutableRawBufferPointer
    /// Problems with single files (unreadable, truncated, replaced), for the log; drained by the service.
    public internal(set) var notices: [String] = []
    /// Running totals.
    public internal(set) var counters = Counters()
    /// Totals of released files and committed archives.
    var retired = Counters()
    /// Windows closed since the last ``takeClosedWindows()``, for the decision engine.
    private var closed: [WindowSnapshot] = []
    private var lastLineWall: Int64

    /// Opens the store's saved positions for the files `sources` (globs) match.
    /// - Parameters:
    ///   - sources: globs; when empty, every configured model's `sources`.
    ///   - now: the wall clock, epoch milliseconds.
    /// - Throws: configuration and store errors.
    public init(configuration: Configuration, store: Store, sources: [String], now: @escaping () -> Int64) throws {
        self.configuration = configuration
        self.store = store
        self.now = now
        self.patterns = sources.isEmpty ? configuration.models.flatMap(\.sources) : sources
        self.aggregator = try WindowAggregator(configuration: configuration, store: store)
        self.buffer = .allocate(byteCount: 1 << 20, alignment: 16)
        self.lastLineWall = now()
        try discover()
    }

    deinit { buffer.deallocate() }

    /// The watched globs.
    public var sources: [String] { patterns }

    /// Bytes written but not yet read, per followed file.
    public func lag() -> [SourceLag] {
        files.map { file in
            SourceLag(
                path: file.path,
                bytes: max(0, (file.status()?.size ?? 0) - file.baseOffset - file.splitter.streamOffset))
        }
    }

    /// Reads whatever is new in every followed file.
    /// - Throws: store errors (a stored window that cannot be read); input errors are logged per file.
    @discardableResult
    public func poll() throws -> Progress {
        try discover()
        var progress = Progress()
        for file in files { try read(file, into: &progress) }
        releaseFinished()
        counters.filesOpen = files.count
        if progress.lines > 0 { lastLineWall = now() }
        return progress
    }

    /// Writes every changed window and every changed source position in one transaction.
    /// - Returns: the windows that closed since the last checkpoint, as committed.
    @discardableResult
    public func checkpoint() throws -> [WindowSnapshot] {
        var records: [IngestFileRecord] = []
        var badLines: [IngestBadLineCount] = []
        var samples: [BadLineSample] = []
        for retired in retiredRecords {
            records.append(retired.record)
            badLines += retired.deltas.badLines
            samples += retired.deltas.samples
        }
        for var archive in archives {
            records.append(archive.record)
            let deltas = archive.accounting.takeDeltas(fingerprint: archive.record.fingerprint)
            badLines += deltas.badLines
            samples += deltas.samples
        }
        for file in files where file.isDirty || file.isReleasing {
            guard var record = file.record else { continue }
            let offset = file.committedOffset
            record.path = file.path
            record.offset = offset
            record.size = max(record.size, offset)
            record.tailHash = offset == 0 ? 0 : file.committedTailHash
            record.lines = (file.record?.lines ?? 0) + file.accounting.lines - committedLines(file)
            record.badLines = (file.record?.badLines ?? 0) + file.accounting.badLineTotal - committedBad(file)
            record.updatedMs = now()
            records.append(record)
            let deltas = file.accounting.takeDeltas(fingerprint: record.fingerprint)
            badLines += deltas.badLines
            samples += deltas.samples
        }
        let snapshots = try WindowCommitter(configuration: configuration, store: store, now: now).commit(
            &aggregator, sources: records, badLines: badLines, samples: samples, includeOpen: true)
        for archive in archives { retire(archive.accounting) }
        for file in files where file.isReleasing { retire(file.accounting) }
        archives.removeAll()
        retiredRecords.removeAll()
        handoff.removeAll()  // the retired records are stored now: the store lookup finds them
        files.removeAll { $0.isReleasing }
        counters.filesOpen = files.count
        for file in files where file.isDirty {
            file.isDirty = false
            // `last`: a copy that took over a truncated original's identity shares its fingerprint
            // with the original's retired record, listed first; the copy's own record comes after.
            if let record = records.last(where: { $0.fingerprint == file.record?.fingerprint }) {
                file.record = record
                file.committed = (file.accounting.lines, file.accounting.badLineTotal)
            }
        }
        let closedNow = snapshots.filter(\.isClosed)
        counters.windowsClosed += Int64(closedNow.count)
        closed += closedNow
        return closedNow
    }

    /// Windows closed (and committed) since the last call.
    public func takeClosedWindows() -> [WindowSnapshot] {
        defer { closed.removeAll() }
        return closed
    }

    /// Closes the open windows of models idle (no line from any source) for their `idle_close`.
    public func closeIdle(wallNow: Int64) {
        aggregator.closeIdle(idleFor: wallNow - lastLineWall)
    }

    /// Problems noticed since the last call (one line each), for the log.
    public func takeNotices() -> [String] {
        defer { notices.removeAll() }
        return notices
    }

    /// Applies a new configuration without losing state: commits, then rebuilds the windowing
    /// (open windows are re-read from the store on their next line).
    public func reload(configuration: Configuration) throws {
        try checkpoint()
        self.configuration = configuration
        aggregator = try WindowAggregator(configuration: configuration, store: store)
    }

    /// The final checkpoint.
    public func shutdown() throws { try checkpoint() }

    private func retire(_ accounting: SourceAccounting) {
        retired.lines += accounting.lines
        retired.counted += accounting.counted
        retired.badLines.merge(accounting.badLines, uniquingKeysWith: +)
    }

    private func committedLines(_ file: TailedFile) -> Int64 { file.committed.lines }
    private func committedBad(_ file: TailedFile) -> Int64 { file.committed.bad }
}
