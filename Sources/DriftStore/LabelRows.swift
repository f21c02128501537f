/// A prediction with a request id and no inline label, kept until its label arrives (schema v3).
public struct PendingPrediction: Equatable, Sendable {
    /// Where a pending prediction stands.
    public enum State: Int64, Sendable {
        /// Waiting for its label.
        case pending = 0
        /// Its label was credited to its window.
        case labelled = 1
        /// Its label did not come within `max_age`, or it was evicted by `max_pending`.
        case expired = 2
    }

    /// The model name.
    public var model: String
    /// The model version.
    public var version: String
    /// The request id labels are joined by.
    public var id: String
    /// The start of the prediction's window, epoch milliseconds.
    public var windowStartMs: Int64
    /// The prediction's event time, epoch milliseconds.
    public var eventMs: Int64
    /// A numeric prediction (a score or a value).
    public var score: Double?
    /// A class prediction.
    public var predictedClass: String?
    /// Where it stands (new rows are always `pending`).
    public var state: State

    /// Creates a pending prediction.
    public init(
        model: String, version: String, id: String, windowStartMs: Int64, eventMs: Int64, score: Double?,
        predictedClass: String?, state: State = .pending
    ) {
        self.model = model
        self.version = version
        self.id = id
        self.windowStartMs = windowStartMs
        self.eventMs = eventMs
        self.score = score
        self.predictedClass = predictedClass
        self.state = state
    }

    /// The key of the prediction's window.
    public var windowKey: StoredWindowKey { StoredWindowKey(model: model, version: version, startMs: windowStartMs) }
}

/// How many predictions may wait for a label, and for how long (`[labels]` in the configuration).
public struct PendingLimits: Equatable, Sendable {
    /// Pending predictions kept at most; the oldest beyond it are evicted (counted `evicted`).
    /// Tombstones (labelled or expired ids) and labels waiting for their prediction are each held
    /// to the same number.
    public var maximumPending: Int
    /// A prediction older than the model's newest event time minus this expires (counted `expired`).
    public var maximumAgeMs: Int64

    /// Creates limits.
    public init(maximumPending: Int, maximumAgeMs: Int64) {
        self.maximumPending = maximumPending
        self.maximumAgeMs = maximumAgeMs
    }
}

/// A label read before its prediction, kept until the prediction arrives.
public struct WaitingLabel: Equatable, Sendable {
    /// Its row id (0 before it is stored).
    public var seq: Int64
    /// The request id.
    public var id: String
    /// The model the label line named, if any.
    public var model: String?
    /// The version the label line named, if any.
    public var version: String?
    /// A numeric or boolean (0/1) label.
    public var label: Double?
    /// A class label.
    public var text: String?
    /// The label's own event time, when the line had one.
    public var eventMs: Int64?

    /// Creates a waiting label.
    public init(
        seq: Int64 = 0, id: String, model: String?, version: String?, label: Double?, text: String?, eventMs: Int64?
    ) {
        self.seq = seq
        self.id = id
        self.model = model
        self.version = version
        self.label = label
        self.text = text
        self.eventMs = eventMs
    }
}

/// A counter of what happened to delayed labels and pending predictions, by model and reason.
public struct LabelCount: Equatable, Sendable {
    /// The model (`""` for labels that matched no model).
    public var model: String
    /// `joined`, `out_of_order`, `duplicate`, `after_expiry`, `unknown_id`, `expired`, `evicted`.
    public var reason: String
    /// How many.
    public var count: Int64

    /// Creates a counter.
    public init(model: String, reason: String, count: Int64) {
        self.model = model
        self.reason = reason
        self.count = count
    }
}

/// One revision of a window's delayed labels.
public struct WindowRevision: Equatable, Sendable {
    /// 1 for the first batch of labels credited to the window, then 2, …
    public var revision: Int64
    /// Labels credited by this revision.
    public var labels: Int64
    /// When, epoch milliseconds (wall clock).
    public var revisedMs: Int64

    /// Creates a revision row.
    public init(revision: Int64, labels: Int64, revisedMs: Int64) {
        self.revision = revision
        self.labels = labels
        self.revisedMs = revisedMs
    }
}
