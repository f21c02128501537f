/// Identifies one stored window: a model, a model version and the window's start.
public struct StoredWindowKey: Hashable, Sendable {
    /// The model name.
    public var model: String
    /// The model version.
    public var version: String
    /// The window's start, epoch milliseconds UTC (inclusive).
    public var startMs: Int64

    /// Creates a key.
    public init(model: String, version: String, startMs: Int64) {
        self.model = model
        self.version = version
        self.startMs = startMs
    }
}

/// One row of `windows`: a window's profile blob and row counts.
public struct StoredWindow: Equatable, Sendable {
    /// Which window this is.
    public var key: StoredWindowKey
    /// The window's end, epoch milliseconds UTC (exclusive); must exceed `key.startMs`.
    public var endMs: Int64
    /// Rows folded into the profile.
    public var rows: Int64
    /// Rows that arrived after the window closed (counted, not folded).
    public var lateRows: Int64
    /// The window's profile, as DriftCore codec bytes (the store does not decode them).
    public var profile: [UInt8]
    /// When this row was last written, epoch milliseconds UTC.
    public var updatedMs: Int64
    /// The delayed labels credited to the window since it was written: a profile (label summary
    /// and performance accumulators, no feature), `nil` when none. Read only: ``Store/commit(_:)``
    /// never writes it (``Store/reviseWindowLabels(_:joined:labels:at:)`` does), so an ingest that
    /// rewrites the window's profile cannot lose a label.
    public var joined: [UInt8]?
    /// How many times delayed labels revised the window (0: never). Read only, like ``joined``.
    public var labelRevision: Int64

    /// Creates a window row.
    public init(
        key: StoredWindowKey, endMs: Int64, rows: Int64, lateRows: Int64, profile: [UInt8], updatedMs: Int64,
        joined: [UInt8]? = nil, labelRevision: Int64 = 0
    ) {
        self.key = key
        self.endMs = endMs
        self.rows = rows
        self.lateRows = lateRows
        self.profile = profile
        self.updatedMs = updatedMs
        self.joined = joined
        self.labelRevision = labelRevision
    }
}

/// A count of unusable lines attributed to one window, for one reason.
public struct WindowBadLineCount: Equatable, Sendable {
    /// The window the lines belonged to.
    public var key: StoredWindowKey
    /// Why the lines were unusable (e.g. `"wrong_type"`).
    public var reason: String
    /// How many lines; in a ``WindowBatch`` this is added to the stored count.
    public var count: Int64

    /// Creates a count.
    public init(key: StoredWindowKey, reason: String, count: Int64) {
        self.key = key
        self.reason = reason
        self.count = count
    }
}

/// One row of `window_scores`: one test's score for one feature in one window.
public struct StoredScore: Equatable, Sendable {
    /// The feature scored (or a model-level name such as `"prediction"`).
    public var feature: String
    /// The feature's kind (e.g. `"numeric"`, `"categorical"`).
    public var kind: String
    /// The test's short name (e.g. `"psi"`, `"ks"`).
    public var test: String
    /// The statistic; NaN survives a round trip (stored as NULL).
    public var value: Double
    /// The threshold the value was compared against; NaN survives a round trip.
    public var threshold: Double
    /// The p-value, for tests that have one.
    public var pValue: Double?
    /// The verdict (e.g. `"ok"`, `"drift"`, `"insufficient_data"`).
    public var verdict: String
    /// Whether this test is the feature's primary statistic.
    public var isPrimary: Bool
    /// Where the threshold came from (`default`, `config`, `learned`); nil for rows scored before
    /// schema v4 recorded it.
    public var thresholdSource: String?

    /// Creates a score row.
    public init(
        feature: String, kind: String, test: String, value: Double, threshold: Double, pValue: Double?,
        verdict: String, isPrimary: Bool, thresholdSource: String? = nil
    ) {
        self.feature = feature
        self.kind = kind
        self.test = test
        self.value = value
        self.threshold = threshold
        self.pValue = pValue
        self.verdict = verdict
        self.isPrimary = isPrimary
        self.thresholdSource = thresholdSource
    }

    /// Equal when every field is equal, treating two NaNs as equal (they round-trip as NULL).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return lhs.feature == rhs.feature && lhs.kind == rhs.kind && lhs.test == rhs.test
            && same(lhs.value, rhs.value) && same(lhs.threshold, rhs.threshold) && lhs.pValue == rhs.pValue
            && lhs.verdict == rhs.verdict && lhs.isPrimary == rhs.isPrimary
            && lhs.thresholdSource == rhs.thresholdSource
    }
}

/// One row of `baselines`: a reference profile for a model version.
public struct StoredBaseline: Equatable, Sendable {
    /// The model name.
    public var model: String
    /// The model version the baseline belongs to.
    public var version: String
    /// When the baseline was created, epoch milliseconds UTC; the latest per model is current.
    public var createdMs: Int64
    /// Where it came from (a training file path, or a range of stored windows).
    public var source: String
    /// The content hash, lowercase hex SHA-256.
    public var sha256: String
    /// The profile, as DriftCore codec bytes.
    public var profile: [UInt8]
    /// The JSON export (`Baselines/NAME.json`).
    public var document: String

    /// Creates a baseline row.
    public init(
        model: String, version: String, createdMs: Int64, source: String, sha256: String, profile: [UInt8],
        document: String
    ) {
        self.model = model
        self.version = version
        self.createdMs = createdMs
        self.source = source
        self.sha256 = sha256
        self.profile = profile
        self.document = document
    }
}

/// One row of `ingest_files`: a source file's checkpoint, keyed by its content fingerprint.
public struct IngestFileRecord: Equatable, Sendable {
    /// The path the file was read from.
    public var path: String
    /// The file's device (`st_dev`).
    public var device: UInt64
    /// The file's inode (`st_ino`).
    public var inode: UInt64
    /// A hash of the file's first bytes, computed by the caller; unique per file.
    public var fingerprint: String
    /// The file's size when the checkpoint was taken.
    public var size: Int64
    /// Bytes fully ingested (the resume offset).
    public var offset: Int64
    /// A hash of the bytes just before `offset`, to detect a file rewritten under the same identity.
    public var tailHash: UInt64
    /// Lines ingested so far (cumulative; replaced on upsert).
    public var lines: Int64
    /// Unusable lines so far (cumulative; replaced on upsert).
    public var badLines: Int64
    /// When this checkpoint was written, epoch milliseconds UTC.
    public var updatedMs: Int64

    /// Creates a checkpoint row.
    public init(
        path: String, device: UInt64, inode: UInt64, fingerprint: String, size: Int64, offset: Int64,
        tailHash: UInt64, lines: Int64, badLines: Int64, updatedMs: Int64
    ) {
        self.path = path
        self.device = device
        self.inode = inode
        self.fingerprint = fingerprint
        self.size = size
        self.offset = offset
        self.tailHash = tailHash
        self.lines = lines
        self.badLines = badLines
        self.updatedMs = updatedMs
    }
}

/// A count of unusable lines in one source file, for one reason.
public struct IngestBadLineCount: Equatable, Sendable {
    /// The source file's fingerprint; its ``IngestFileRecord`` must be stored (or in the same batch).
    public var fingerprint: String
    /// Why the lines were unusable.
    public var reason: String
    /// How many lines; in a ``WindowBatch`` this is added to the stored count.
    public var count: Int64

    /// Creates a count.
    public init(fingerprint: String, reason: String, count: Int64) {
        self.fingerprint = fingerprint
        self.reason = reason
        self.count = count
    }
}

/// One sampled unusable line: where it was and its first bytes.
public struct BadLineSample: Equatable, Sendable {
    /// The source path.
    public var path: String
    /// The 1-based line number.
    public var line: Int64
    /// Why the line was unusable.
    public var reason: String
    /// The offending field's path, when one is known.
    public var field: String?
    /// The line's first bytes; the store keeps at most ``maximumExcerptBytes``.
    public var excerpt: [UInt8]
    /// When the sample was taken, epoch milliseconds UTC.
    public var createdMs: Int64

    /// The longest excerpt stored; longer ones are cut.
    public static let maximumExcerptBytes = 120

    /// Creates a sample.
    public init(path: String, line: Int64, reason: String, field: String?, excerpt: [UInt8], createdMs: Int64) {
        self.path = path
        self.line = line
        self.reason = reason
        self.field = field
        self.excerpt = excerpt
        self.createdMs = createdMs
    }
}

/// Totals for `driftwatch status`: lines read and unusable lines by reason, over all sources.
public struct StoreCounters: Equatable, Sendable {
    /// Lines ingested over all source files.
    public var totalLines: Int64
    /// Unusable lines over all source files (from the files' cumulative counts).
    public var badLines: Int64
    /// Unusable lines by reason, sorted by reason.
    public var badLinesByReason: [ReasonCount]

    /// One reason and its count.
    public struct ReasonCount: Equatable, Sendable {
        /// Why the lines were unusable.
        public var reason: String
        /// How many.
        public var count: Int64

        /// Creates a pair.
        public init(reason: String, count: Int64) {
            self.reason = reason
            self.count = count
        }
    }

    /// Creates totals.
    public init(totalLines: Int64, badLines: Int64, badLinesByReason: [ReasonCount]) {
        self.totalLines = totalLines
        self.badLines = badLines
        self.badLinesByReason = badLinesByReason
    }
}
