import DriftCore
import DriftStore

/// The labels of one batch credited per window, and the batch's label counters, until written.
struct WindowCredit {
    private struct Window {
        /// The window's profile (delayed labels so far included): its label kind and task.
        var base: Profile
        /// What this batch adds: a label summary and performance accumulators, no rows.
        var delta = Profile()
        var labels: Int64 = 0
    }

    let configuration: Configuration
    let store: Store
    private var windows: [StoredWindowKey: Window] = [:]
    private var counts: [String: [String: Int64]] = [:]

    init(configuration: Configuration, store: Store) {
        self.configuration = configuration
        self.store = store
    }

    /// Counts one label event under (model, reason).
    mutating func count(model: String, _ reason: String) { counts[model, default: [:]][reason, default: 0] += 1 }

    /// Credits `value` as the label of `prediction` to the prediction's window.
    ///
    /// The label summary keeps the window's label kind; the performance task is the window's
    /// (binary when it has a binary accumulator, or none yet and the score is a probability and
    /// the label 0/1; regression for other numbers; multiclass for a class and a class label).
    /// - Returns: false when the window is not stored.
    mutating func credit(_ prediction: PendingPrediction, _ value: DelayedLabel.Value) throws -> Bool {
        let key = prediction.windowKey
        if windows[key] == nil {
            guard let stored = try store.window(model: key.model, version: key.version, start: key.startMs) else {
                return false
            }
            windows[key] = Window(base: try stored.profileWithLabels())
        }
        guard var window = windows[key] else { return false }
        let model = configuration.model(named: key.model)
        let kind =
            window.base.label?.kind ?? window.delta.label?.kind ?? (value.number == nil ? .categorical : .numeric)
        var summary = window.delta.label ?? FeatureSummary(kind: kind, sketchK: model.sketchK)
        switch (kind, value) {
        case (.numeric, .number(let number)): summary.insert(number: number)
        case (.categorical, .text(let text)): summary.insert(category: text)
        case (.categorical, .number(let number)): summary.insert(category: JSONWriter.format(number))
        case (.numeric, .text): summary.insertTypeMismatch()
        }
        window.delta.label = summary
        Self.addPerformance(prediction, value, to: &window)
        window.labels += 1
        windows[key] = window
        return true
    }

    private static func addPerformance(
        _ prediction: PendingPrediction, _ value: DelayedLabel.Value, to window: inout Window
    ) {
        let hasBinary = window.base.binary != nil || window.delta.binary != nil
        let hasRegression = window.base.regression != nil || window.delta.regression != nil
        switch (prediction.score, prediction.predictedClass, value) {
        case (let score?, _, .number(let truth)):
            let isBinaryRow = (0...1).contains(score) && (truth == 0 || truth == 1)
            if !hasRegression, hasBinary || isBinaryRow {
                guard truth == 0 || truth == 1 else { return }
                if window.delta.binary == nil { window.delta.binary = BinaryClassificationAccumulator() }
                window.delta.binary?.insert(score: score, label: truth == 1)
            } else {
                if window.delta.regression == nil { window.delta.regression = RegressionAccumulator() }
                window.delta.regression?.insert(predicted: score, actual: truth)
            }
        case (nil, let predicted?, .text(let truth)):
            if window.delta.multiclass == nil { window.delta.multiclass = MulticlassAccumulator() }
            window.delta.multiclass?.insert(predicted: predicted, actual: truth)
        default: return
        }
    }

    /// Writes every credited window's revised labels (one revision each) and the counters.
    /// - Returns: the windows revised.
    func write(at now: Int64) throws -> [StoredWindowKey] {
        var revised: [StoredWindowKey] = []
        for (key, window) in windows.sorted(by: {
            ($0.key.model, $0.key.version, $0.key.startMs) < ($1.key.model, $1.key.version, $1.key.startMs)
        }) {
            guard let current = try store.windowLabels(key) else { continue }
            var joined = try current.joined.map { try StoredWindow.decode($0, key) } ?? Profile()
            do {
                try joined.merge(window.delta)
            } catch {
                throw AgentError.labelsUnmergeable(
                    model: key.model, version: key.version, start: key.startMs, reason: error)
            }
            if try store.reviseWindowLabels(key, joined: joined.encoded(), labels: window.labels, at: now) != nil {
                revised.append(key)
            }
        }
        for (model, reasons) in counts.sorted(by: { $0.key < $1.key }) {
            for (reason, count) in reasons.sorted(by: { $0.key < $1.key }) {
                try store.addLabelCount(model: model, reason: reason, count: count)
            }
        }
        return revised
    }
}
