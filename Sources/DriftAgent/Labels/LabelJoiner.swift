import DriftCore
import DriftStore

/// What a batch of delayed labels did; the same reasons are added to the store's label counters.
public struct LabelOutcome: Sendable, Equatable {
    /// Labels credited to the window of their prediction (one per prediction: a label for an id
    /// two versions scored, as in shadow traffic, credits both).
    public var joined = 0
    /// Of those, labels that had arrived before their prediction and waited for it.
    public var outOfOrder = 0
    /// Labels for an id already labelled (ignored: the first label stands).
    public var duplicate = 0
    /// Labels for a prediction that had expired, or that came more than `max_age` after it by
    /// their own `ts` (ignored).
    public var afterExpiry = 0
    /// Labels with no prediction yet, kept waiting for it (they count as `unknown_id` if it never comes).
    public var waiting = 0
    /// Labels with no prediction, dropped at once because delayed labels are off (`max_pending = 0`).
    public var unknown = 0
    /// Windows whose performance was revised.
    public var windowsRevised = 0
    /// Those windows (each once), for ``DecisionEngine/redecide(revisedWindows:store:now:mode:)``.
    public var revisedWindows: [StoredWindowKey] = []

    /// Nothing yet.
    public init() {}

    /// Adds `other`'s counts.
    public mutating func add(_ other: LabelOutcome) {
        joined += other.joined
        outOfOrder += other.outOfOrder
        duplicate += other.duplicate
        afterExpiry += other.afterExpiry
        waiting += other.waiting
        unknown += other.unknown
        windowsRevised += other.windowsRevised
        var seen = Set(revisedWindows)
        for key in other.revisedWindows where seen.insert(key).inserted { revisedWindows.append(key) }
    }
}

/// Joins delayed labels to the predictions kept pending in the store and credits each to the
/// window of its prediction: that window's label summary and performance accumulator are revised
/// (in the window's `joined` profile, which ingest never overwrites) and the revision recorded.
///
/// One transaction per batch: every join, every window revision, the counters and the labels
/// source's checkpoint land together, so re-reading a labels log after a crash credits nothing twice.
struct LabelJoiner {
    let configuration: Configuration
    let store: Store
    let now: () -> Int64
    /// Enforce the pending limits after the batch (a backfill with prediction inputs defers them).
    var enforcesLimits = true

    /// Joins `labels` and writes `batch` (the source checkpoint), in one transaction.
    /// - Throws: ``StoreError``, ``AgentError`` for a window whose profile cannot be read.
    func commit(_ labels: [DelayedLabel], with batch: WindowBatch) throws -> LabelOutcome {
        try store.transaction {
            var credit = WindowCredit(configuration: configuration, store: store)
            var outcome = LabelOutcome()
            for label in labels { try join(label, outOfOrder: false, credit: &credit, outcome: &outcome) }
            outcome.revisedWindows = try credit.write(at: now())
            outcome.windowsRevised = outcome.revisedWindows.count
            try store.apply(batch)
            if enforcesLimits, configuration.labels.keepsPending { try store.enforce(configuration.labels.limits) }
            return outcome
        }
    }

    /// Joins the waiting labels whose prediction has arrived since (out-of-order labels).
    /// - Complexity: one query when no label waits.
    func joinWaiting() throws -> LabelOutcome {
        guard try store.waitingLabelCount() > 0 else { return LabelOutcome() }
        return try store.transaction {
            var credit = WindowCredit(configuration: configuration, store: store)
            var outcome = LabelOutcome()
            for waiting in try store.matchedWaitingLabels() {
                try store.deleteWaitingLabel(seq: waiting.seq)
                let value: DelayedLabel.Value = waiting.text.map { .text($0) } ?? .number(waiting.label ?? .nan)
                let label = DelayedLabel(
                    id: waiting.id, model: waiting.model, version: waiting.version, value: value,
                    eventMs: waiting.eventMs)
                try join(label, outOfOrder: true, credit: &credit, outcome: &outcome)
            }
            outcome.revisedWindows = try credit.write(at: now())
            outcome.windowsRevised = outcome.revisedWindows.count
            return outcome
        }
    }

    private func wait(_ label: DelayedLabel) throws {
        try store.insertWaitingLabel(
            WaitingLabel(
                id: label.id, model: label.model, version: label.version, label: label.value.number,
                text: label.value.text, eventMs: label.eventMs))
    }

    private func join(
        _ label: DelayedLabel, outOfOrder: Bool, credit: inout WindowCredit, outcome: inout LabelOutcome
    ) throws {
        let candidates = try store.pendingPredictions(id: label.id, model: label.model, version: label.version)
        guard !candidates.isEmpty else {
            if configuration.labels.keepsPending {
                try wait(label)
                outcome.waiting += 1
            } else {
                credit.count(model: label.model ?? "", "unknown_id")
                outcome.unknown += 1
            }
            return
        }
        for prediction in candidates {
            if let time = label.eventMs { try store.raiseWatermark(model: prediction.model, to: time) }
            switch prediction.state {
            case .labelled:
                credit.count(model: prediction.model, "duplicate")
                outcome.duplicate += 1
            case .expired:
                credit.count(model: prediction.model, "after_expiry")
                outcome.afterExpiry += 1
            case .pending:
                if let time = label.eventMs, time - prediction.eventMs > configuration.labels.maximumAgeMilliseconds {
                    try store.setState(.expired, of: prediction)
                    credit.count(model: prediction.model, "after_expiry")
                    outcome.afterExpiry += 1
                    continue
                }
                guard try credit.credit(prediction, label.value) else {
                    // Its window is not stored yet (the prediction was flushed ahead of it): wait.
                    try wait(
                        DelayedLabel(
                            id: label.id, model: prediction.model, version: prediction.version, value: label.value,
                            eventMs: label.eventMs))
                    outcome.waiting += 1
                    continue
                }
                try store.setState(.labelled, of: prediction)
                credit.count(model: prediction.model, "joined")
                outcome.joined += 1
                if outOfOrder {
                    credit.count(model: prediction.model, "out_of_order")
                    outcome.outOfOrder += 1
                }
            }
        }
    }
}

extension DelayedLabel.Value {
    /// The number, for a numeric label.
    var number: Double? { if case .number(let x) = self { x } else { nil } }
    /// The class, for a class label.
    var text: String? { if case .text(let t) = self { t } else { nil } }
}
