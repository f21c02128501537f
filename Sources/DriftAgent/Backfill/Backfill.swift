import DriftCore
import DriftIngest
import DriftStore

/// Replays log files into stored windows and scores: the `driftwatch backfill` engine.
///
/// Exactly once per file: a file is known by a fingerprint of its first 4 KiB (decompressed, so a
/// log and its `.gz` are the same file) and the store records how many bytes of it were ingested.
/// Every commit writes, in one transaction, the windows that changed (their whole profiles, stored
/// content included), their scores, the bad-line counters and the file's new offset; so running a
/// backfill twice adds nothing, an interrupted one resumes where its last commit ended, and a file
/// that grew is read from where it stopped.
public struct Backfill {
    /// What to replay and how.
    public struct Options {
        /// Files, globs, `.gz` files, or `-` for standard input.
        public var inputs: [String]
        /// Labels logs (`{"id": …, "label": …}` lines, optionally `"ts"`), read after `inputs`
        /// and joined by id to the predictions kept pending.
        public var labels: [String] = []
        /// Recompute `[since, until)` on purpose: its stored windows are deleted first, every line
        /// of the inputs inside the range is counted again, file offsets are left as they are.
        public var replace: Range<Int64>?
        /// Commit after at least this many lines (and at the end of every file).
        public var commitEveryLines: Int = 500_000
        /// Follow mode (the agent's labels logs): a last line without its newline is left for the
        /// next run instead of being read as a whole line.
        public var holdsPartialLastLine = false
        /// Enforce the pending-prediction limits after joining the labels (`[labels]`).
        public var enforcesLabelLimits = true
        /// Called after each chunk with the progress so far.
        public var progress: ((Progress) -> Void)?
        /// Lines whose event time is more than this many milliseconds after `now()` are refused as
        /// `future_timestamp`, so that one line from a clock gone wrong cannot close every open
        /// window and make the good lines after it `late`. `nil` (the default) accepts any time.
        public var futureToleranceMilliseconds: Int64?

        /// Creates options for `inputs`.
        public init(inputs: [String]) { self.inputs = inputs }
    }

    /// Progress through the current input.
    public struct Progress: Sendable {
        /// The input being read.
        public var path: String
        /// Bytes of it read (compressed bytes for gzip).
        public var bytesRead: Int64
        /// Its size on disk, when known.
        public var totalBytes: Int64?
        /// Lines read so far across all inputs.
        public var lines: Int64
    }

    /// What happened to one input.
    public struct FileReport: Sendable, Equatable {
        /// The input as given.
        public var path: String
        /// Lines read in this run.
        public var lines: Int64 = 0
        /// Lines folded into windows.
        public var counted: Int64 = 0
        /// Unusable lines by reason label (`late` included).
        public var badLines: [String: Int64] = [:]
        /// Bytes skipped because an earlier run had ingested them.
        public var skippedBytes: Int64 = 0
        /// Whether the whole input had been ingested before.
        public var alreadyIngested = false
        /// For a labels log: what its labels did (`nil` for a prediction log).
        public var labels: LabelOutcome?
    }

    /// Labels per transaction at most (about 100 bytes each while buffered).
    static let labelBatchLines = 65_536

    let configuration: Configuration
    let store: Store
    let now: () -> Int64
    /// Decides each window that closes, after the commit that stored it, and decides again the
    /// decided windows whose performance late labels revise (`nil`: scores only).
    public var decisions: (engine: DecisionEngine, mode: DecisionEngine.Mode)?

    /// Prepares a backfill into `store`.
    /// - Parameter now: the wall clock in epoch milliseconds (injected for tests).
    public init(configuration: Configuration, store: Store, now: @escaping () -> Int64) {
        self.configuration = configuration
        self.store = store
        self.now = now
    }

    /// Runs the backfill over `options.inputs`.
    /// - Returns: one report per input.
    /// - Throws: ``IngestError`` for an input that cannot be read (after committing every input
    ///   before it), ``StoreError`` when the store fails (nothing of the failed commit is kept).
    public func run(_ options: Options) throws -> [FileReport] {
        var aggregator = try WindowAggregator(configuration: configuration, store: store)
        if let tolerance = options.futureToleranceMilliseconds {
            let (limit, overflow) = now().addingReportingOverflow(max(0, tolerance))
            aggregator.futureLimit = overflow ? .max : limit
        }
        let paths = options.inputs.isEmpty ? [] : try PathExpansion.expand(options.inputs)
        let labelPaths = options.labels.isEmpty ? [] : try PathExpansion.expand(options.labels)
        if let range = options.replace {
            aggregator.timeFilter = range
            for model in try store.models() where configuration.accepts(model: model) {
                _ = try store.deleteWindows(model: model, since: range.lowerBound, until: range.upperBound)
            }
        }
        var reports: [FileReport] = []
        var linesSoFar: Int64 = 0
        for path in paths {
            var ingest = try FileIngest(path: path, options: options, store: store, now: now)
            let report = try ingest.run(aggregator: &aggregator, linesSoFar: &linesSoFar) { aggregator, record, final in
                try commit(
                    &aggregator, record: record, includeOpen: true, file: final, deferLimits: !labelPaths.isEmpty,
                    replaced: options.replace != nil)
            }
            reports.append(report)
        }
        aggregator.closeAll()
        try commit(
            &aggregator, record: nil, includeOpen: true, file: nil, deferLimits: !labelPaths.isEmpty,
            enforceLimits: true, replaced: options.replace != nil)
        if let decisions, !paths.isEmpty {
            // A backfill of prediction logs treats every stored window as closed (like `closeAll`):
            // those an earlier run stored and stopped before deciding are decided now. A labels-only
            // run (next to a live agent) leaves the agent's open windows alone.
            try decisions.engine.decideUndecided(store: store, now: now(), mode: decisions.mode)
        }
        guard !labelPaths.isEmpty else { return reports }
        var labelOptions = options
        labelOptions.replace = nil
        // Labels are small and buffered until their batch commits: smaller batches bound memory.
        labelOptions.commitEveryLines = min(options.commitEveryLines, Self.labelBatchLines)
        for path in labelPaths {
            reports.append(try joinLabels(path: path, options: labelOptions, linesSoFar: &linesSoFar))
        }
        if options.enforcesLabelLimits, configuration.labels.keepsPending {
            try store.enforce(configuration.labels.limits)
        }
        return reports
    }

    /// Reads one labels log (exactly once, like a prediction log) and joins its labels.
    private func joinLabels(path: String, options: Options, linesSoFar: inout Int64) throws -> FileReport {
        var sink = try LabelSink(configuration: configuration)
        var joiner = LabelJoiner(configuration: configuration, store: store, now: now)
        joiner.enforcesLimits = false
        var outcome = LabelOutcome()
        var ingest = try FileIngest(path: path, options: options, store: store, now: now)
        var report = try ingest.run(aggregator: &sink, linesSoFar: &linesSoFar) { sink, record, deltas in
            let batch = WindowBatch(
                ingestFiles: record.map { [$0] } ?? [], ingestBadLines: deltas?.badLines ?? [],
                badLineSamples: deltas?.samples ?? [])
            let joined = try joiner.commit(sink.labels, with: batch)
            outcome.add(joined)
            sink.labels.removeAll(keepingCapacity: true)
            if let decisions {
                try decisions.engine.redecide(
                    revisedWindows: joined.revisedWindows, store: store, now: now(), mode: decisions.mode)
            }
        }
        report.labels = outcome
        return report
    }

    /// Writes the changed windows, their scores and counters, and the input's checkpoint, atomically;
    /// then decides the windows that closed. With `replaced` (`--replace`), a closed window that
    /// already had a decision is decided again, superseding it when the verdict changed.
    @discardableResult
    func commit(
        _ aggregator: inout WindowAggregator, record: IngestFileRecord?, includeOpen: Bool, file: FileIngest.Deltas?,
        deferLimits: Bool = false, enforceLimits: Bool = false, replaced: Bool = false
    ) throws -> [WindowSnapshot] {
        var committer = WindowCommitter(configuration: configuration, store: store, now: now)
        committer.deferLabelLimits = deferLimits
        committer.enforceLabelLimits = enforceLimits
        let snapshots = try committer.commit(
            &aggregator, sources: record.map { [$0] } ?? [], badLines: file?.badLines ?? [],
            samples: file?.samples ?? [], includeOpen: includeOpen)
        if let decisions {
            let closed = snapshots.filter(\.isClosed).map(\.storedKey)
            let decided = try decisions.engine.evaluate(
                closedWindows: closed, store: store, now: now(), mode: decisions.mode)
            if replaced {
                let new = Set(
                    decided.map { StoredWindowKey(model: $0.model, version: $0.version, startMs: $0.windowStartMs) })
                try decisions.engine.redecide(
                    replacedWindows: closed.filter { !new.contains($0) }, store: store, now: now(),
                    mode: decisions.mode)
            }
        }
        return snapshots
    }
}
