/// Everything one ``Store/commit(_:)`` writes in a single transaction: the exactly-once unit.
///
/// Rows are written in order (windows, their bad lines, their scores, pending predictions, source
/// checkpoints, source bad-line counts, samples, then the pending limits), so a batch may refer to windows and sources it also upserts.
/// Either all of it is committed or none of it is.
public struct WindowBatch: Equatable, Sendable {
    /// Windows to upsert: profile, end, rows, late rows and update time are replaced.
    public var windows: [StoredWindow]
    /// Per-window bad-line counts, added to the stored counts. The window must exist.
    public var windowBadLines: [WindowBadLineCount]
    /// Complete score sets: each window listed here has all its stored scores replaced by these
    /// (an empty array clears them). Windows not listed keep their scores. The window must exist.
    public var scores: [StoredWindowKey: [StoredScore]]
    /// Source checkpoints to upsert by fingerprint (every field replaced).
    public var ingestFiles: [IngestFileRecord]
    /// Per-source bad-line counts, added to the stored counts. The source must exist.
    public var ingestBadLines: [IngestBadLineCount]
    /// Bad-line samples; those past the per-(path, reason) cap are silently dropped.
    public var badLineSamples: [BadLineSample]
    /// Predictions with an id and no inline label, to keep until their label arrives (an id already
    /// stored for the model version is kept as it is). Their windows need not be stored yet.
    public var pendingPredictions: [PendingPrediction] = []
    /// More predictions to keep, in the aggregator's compact form; inserted after
    /// ``pendingPredictions`` (so those win a shared key).
    public var pendingRows = PendingPredictionRows()
    /// Late-line counts of closed windows, added like ``windowBadLines``, except that the count of
    /// a window no longer stored (retention deleted it since) is dropped instead of failing the batch.
    public var lateLines: [WindowBadLineCount] = []
    /// When set, the pending-prediction limits are enforced after the rows are written.
    public var pendingLimits: PendingLimits?

    /// Creates a batch; every part defaults to empty.
    public init(
        windows: [StoredWindow] = [], windowBadLines: [WindowBadLineCount] = [],
        scores: [StoredWindowKey: [StoredScore]] = [:], ingestFiles: [IngestFileRecord] = [],
        ingestBadLines: [IngestBadLineCount] = [], badLineSamples: [BadLineSample] = [],
        pendingPredictions: [PendingPrediction] = []
    ) {
        self.pendingPredictions = pendingPredictions
        self.windows = windows
        self.windowBadLines = windowBadLines
        self.scores = scores
        self.ingestFiles = ingestFiles
        self.ingestBadLines = ingestBadLines
        self.badLineSamples = badLineSamples
    }

    /// Whether the batch writes nothing.
    public var isEmpty: Bool {
        windows.isEmpty && windowBadLines.isEmpty && scores.isEmpty && ingestFiles.isEmpty
            && ingestBadLines.isEmpty && badLineSamples.isEmpty && pendingPredictions.isEmpty && pendingRows.isEmpty
            && lateLines.isEmpty
            && pendingLimits == nil
    }
}
